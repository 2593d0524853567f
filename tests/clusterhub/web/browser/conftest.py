"""A live server of the catalog app for the browser (the browser itself: tests/conftest.py)."""
from pathlib import Path

import pytest

from tests.conftest import serving

SCREENSHOTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def live_server(catalog_app):
    """The catalog app on a real loopback port."""
    with serving(catalog_app) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ko-KR", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
