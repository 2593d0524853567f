"""Field overrides: stored apart from the source, kept over re-syncs, flagged when the source moves."""
from sqlmodel import select

from clusterhub import db
from clusterhub.curation import review
from clusterhub.curation.models import AuditEntry
from clusterhub.catalog.models import Listing, ListingOverride
from tests.clusterhub.curation.conftest import LISTING, docs, post, search_ids, sync

URL = f"/curation/listings/{LISTING}"


def override_title(client, title="오비트랩 고분해능 질량분석기"):
    r = post(client, f"{URL}/override", field="title.ko", value=title, reason="제조사 확인")
    assert r.status_code == 303, r.get_data(as_text=True)[:500]


def test_override_shows_on_page_api_and_search_at_once(curator):
    override_title(curator)
    assert "오비트랩 고분해능 질량분석기" in curator.get(f"/listings/{LISTING}").get_data(as_text=True)
    assert curator.get(f"/api/v1/listings/{LISTING}").json["title"]["ko"] == "오비트랩 고분해능 질량분석기"
    assert LISTING in search_ids(curator, "오비트랩")
    with curator.application.app_context(), db.session() as s:
        stored = s.get(Listing, LISTING).document
        assert stored["title"]["ko"] == "삼중사중극자 질량분석기"  # the source document is untouched


def test_override_survives_a_resync(curated, curator):
    override_title(curator)
    report = sync(curated, docs(model="Xevo TQ-XS II"))  # the source changes another field
    assert LISTING in report.changed_ids
    api = curator.get(f"/api/v1/listings/{LISTING}").json
    assert api["title"]["ko"] == "오비트랩 고분해능 질량분석기" and api["model"] == "Xevo TQ-XS II"
    assert LISTING in search_ids(curator, "오비트랩")
    with curated.app_context(), db.session() as s:
        assert review.source_changed(s) == []


def test_a_source_change_of_an_overridden_field_flags_a_conflict(curated, curator):
    override_title(curator)
    sync(curated, docs(title={"ko": "질량분석기 신형", "en": "Triple quad MS"}))
    with curated.app_context(), db.session() as s:
        [(row, [change])] = review.source_changed(s)
    assert (row.id, change.field) == (LISTING, "title.ko")
    assert (change.was, change.now, change.override) == (
        "삼중사중극자 질량분석기", "질량분석기 신형", "오비트랩 고분해능 질량분석기")
    queue = curator.get("/curation").get_data(as_text=True)
    assert "질량분석기 신형" in queue and "삼중사중극자 질량분석기" in queue
    # keeping the override acknowledges the new source value and clears the flag
    assert post(curator, f"{URL}/override/acknowledge", field="title.ko").status_code == 303
    with curated.app_context(), db.session() as s:
        assert review.source_changed(s) == []


def test_clearing_an_override_brings_back_the_source_value(curator):
    override_title(curator)
    assert post(curator, f"{URL}/override/clear", field="title.ko").status_code == 303
    assert curator.get(f"/api/v1/listings/{LISTING}").json["title"]["ko"] == "삼중사중극자 질량분석기"
    assert LISTING not in search_ids(curator, "오비트랩")


def test_an_invalid_override_is_refused_and_nothing_is_stored(curated, curator):
    r = post(curator, f"{URL}/override", field="fee.model", value="barter", reason="x")
    assert r.status_code == 422 and "fee.model" in r.get_data(as_text=True)
    r = post(curator, f"{URL}/override", field="cluster", value="kbiohealth", reason="x")
    assert r.status_code == 422
    r = post(curator, f"{URL}/override", field="title.ko", value="제목", reason="")
    assert r.status_code == 422
    with curated.app_context(), db.session() as s:
        assert s.exec(select(ListingOverride)).all() == []
        assert s.exec(select(AuditEntry)).all() == []


def test_list_fields_take_json(curator):
    r = post(curator, f"{URL}/override", field="categories", value='["imaging"]', reason="분류 정정")
    assert r.status_code == 303
    assert curator.get(f"/api/v1/listings/{LISTING}").json["categories"] == ["imaging"]
    hits = curator.get("/api/v1/search", query_string={"categories": "imaging"}).json["hits"]
    assert [h["id"] for h in hits] == [LISTING]
