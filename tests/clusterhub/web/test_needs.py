"""A search that finds nothing offers a short form; the need is recorded for the foundation."""
import re

from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import UnmetNeed


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_zero_results_form_records_the_need_with_the_search(web, catalog_app):
    page = web.get("/search?q=organ-on-chip+장기칩&region=jeju").get_data(as_text=True)
    assert 'action="/needs"' in page
    r = web.post("/needs", data={"csrf_token": csrf(page), "q": "organ-on-chip 장기칩", "region": "jeju",
                                 "description": "간 장기칩으로 독성 평가를 하고 싶습니다",
                                 "contact_email": ""})
    assert r.status_code == 303 and "/needs/thanks" in r.headers["Location"]
    assert web.get(r.headers["Location"]).status_code == 200
    with catalog_app.app_context(), db.session() as s:
        need = s.exec(select(UnmetNeed).order_by(UnmetNeed.id.desc())).first()
    assert need.query == "organ-on-chip 장기칩" and need.filters == {"region": ["jeju"]}
    assert need.contact_email is None and "장기칩" in need.description


def test_an_empty_description_or_bad_email_is_explained(web):
    page = web.get("/search?q=zzzz-nothing").get_data(as_text=True)
    r = web.post("/needs", data={"csrf_token": csrf(page), "q": "zzzz-nothing", "description": " ",
                                 "contact_email": "not-an-email"})
    assert r.status_code == 422
    text = r.get_data(as_text=True)
    assert 'class="field-error"' in text and text.count('class="field-error"') == 2


def test_the_form_needs_its_csrf_token(web):
    r = web.post("/needs", data={"q": "x", "description": "y"})
    assert r.status_code == 400
