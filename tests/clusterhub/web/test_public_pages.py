"""Public pages that never drop the user: a search box on error pages, over-long queries cut with
a notice, and on English pages Korean-only data marked as Korean and fee units translated."""
import re

from tests.clusterhub.curation.conftest import LISTING, curated, docs, sync  # noqa: F401  (fixture)

LONG = "질량분석기 " * 60  # 360 characters


def test_the_404_page_offers_a_search_box(app):
    r = app.test_client().get("/no-such-page")
    page = r.get_data(as_text=True)
    assert r.status_code == 404
    form = page.split('class="searchbar error-search"')[1].split("</form>")[0]
    assert 'action="/search"' in form and 'name="q"' in form and 'maxlength="200"' in form


def test_search_inputs_have_a_maxlength(app):
    client = app.test_client()
    assert 'maxlength="200"' in client.get("/").get_data(as_text=True)
    assert re.search(r'<input id="q"[^>]*maxlength="200"', client.get("/search?q=x").get_data(as_text=True))


def test_an_over_long_query_is_cut_with_a_notice_not_refused(app):
    r = app.test_client().get("/search", query_string={"q": LONG})
    page = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "359자" in page or "359 characters" in page  # the length after spaces are collapsed
    value = re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', page).group(1)
    assert len(value) <= 200 and LONG.startswith(value)


def test_english_pages_mark_korean_only_data_and_translate_fee_units(curated):  # noqa: F811
    sync(curated, docs(fee={"model": "fixed", "min_krw": 50000, "max_krw": 150000,
                            "note": {"ko": "시간당"}}))
    client = curated.test_client()
    client.get("/lang/en?next=/")
    page = client.get(f"/listings/{LISTING}").get_data(as_text=True)
    assert '<span lang="ko">신약개발지원센터 3층 분석실</span>' in page  # location: Korean only
    assert "50,000–150,000 KRW (per hour)" in page and "시간당" not in page
    assert "Triple quadrupole mass spectrometer" in page.split("<title>")[1].split("</title>")[0]
    korean = curated.test_client().get(f"/listings/{LISTING}").get_data(as_text=True)
    assert 'lang="ko">신약개발지원센터 3층' not in korean and "(시간당)" in korean
