"""A live server of the catalog app for the browser (the browser itself: tests/conftest.py)."""
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

SCREENSHOTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def live_server(catalog_app):
    """The app on a real loopback port, in a thread, for the browser."""
    server = make_server("127.0.0.1", 0, catalog_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


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
