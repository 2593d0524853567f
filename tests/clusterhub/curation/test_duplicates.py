"""Duplicates a curator can trust: pairs with a named confidence, filtered and paged, compared
field by field, merged only when confirmed (and undone), dismissed pairs remembered."""
from sqlmodel import select

from clusterhub import db
from clusterhub.curation import duplicates
from clusterhub.curation.models import AuditEntry
from tests.clusterhub.curation.conftest import LISTING, TWIN, post, search_ids, sync
from tests.schemas.samples import equipment

HPLC = {"manufacturer": "Agilent", "model": "1260 Infinity II", "nfec_no": None,
        "location": {"ko": "분석실 201호"}, "year_acquired": 2020}


def hplc(source_id: str, title: str, **over) -> dict:
    doc = equipment(source_id=source_id, title={"ko": title}, **HPLC)
    doc.pop("nfec_no")
    doc.update(over)
    return doc


def test_same_nfec_number_is_high_and_two_registered_units_are_not_proposed():
    a, b = equipment(), equipment(source_id="EQ-0101", title={"ko": "질량분석기 (중복)"})
    score, signals = duplicates.weigh(a, b)
    assert score >= 0.7 and "same NFEC number" in [s.text for s in signals]
    c = equipment(source_id="EQ-0102", nfec_no="NFEC-2019-03-999999")
    score, signals = duplicates.weigh(a, c)
    assert score < duplicates.FLOOR  # same maker, model, title and room, but two registry numbers


def test_two_hplcs_numbered_apart_in_one_room_score_low_and_identical_ones_medium():
    one, two = hplc("HP-1", "HPLC 1호기"), hplc("HP-2", "HPLC 2호기")
    score, signals = duplicates.weigh(one, two)
    assert score < 0.4 and "titles numbered apart (unit 1, unit 2)" in [s.text for s in signals]
    same = duplicates.weigh(hplc("HP-1", "HPLC"), hplc("HP-3", "HPLC"))[0]
    assert 0.4 <= same < 0.7
    assert duplicates.weigh(hplc("HP-1", "HPLC"), hplc("HP-3", "HPLC", year_acquired=2012))[0] < 0.4


def test_the_list_is_paged_and_filtered(curated, curator):
    sync(curated, [equipment(), equipment(source_id="EQ-0101", title={"ko": "질량분석기 (중복)"})]
         + [hplc(f"HP-{i}", "HPLC") for i in range(8)])  # 28 pairs of identical HPLCs, medium
    with curated.app_context(), db.session() as s:
        everything = duplicates.pairs(s)
        assert len(everything) == 29 and everything[0].level == "high"
        assert {p.level for p in duplicates.pairs(s, level="medium")} == {"medium"}
        assert duplicates.pairs(s, cluster="wonju") == [] and duplicates.pairs(s, kind="service") == []
    page = curator.get("/curation/duplicates").get_data(as_text=True)
    assert page.count('class="confidence confidence-') == duplicates.PAGE
    assert "29" in page and 'aria-current="page"' in page
    second = curator.get("/curation/duplicates?page=2").get_data(as_text=True)
    assert second.count('class="confidence confidence-') == 9
    high = curator.get("/curation/duplicates?confidence=high").get_data(as_text=True)
    assert high.count('class="confidence confidence-') == 1 and TWIN in high


def test_compare_shows_both_field_by_field_with_their_sources(curator):
    page = curator.get(f"/curation/duplicates/compare?a={LISTING}&b={TWIN}").get_data(as_text=True)
    assert "삼중사중극자 질량분석기" in page and "질량분석기 (중복)" in page
    assert page.count("원천 레코드 EQ-010") == 2 and page.count("대구경북첨단의료복합단지") >= 2
    assert 'class="differs"' in page and 'class="same"' in page


def test_merge_needs_confirmation_then_undoes(curated, curator):
    r = post(curator, "/curation/duplicates/merge", a=LISTING, b=TWIN, keep="a", reason="같은 장비")
    assert r.status_code == 422 and 'id="confirm-error"' in r.get_data(as_text=True)
    assert TWIN in search_ids(curator, "질량분석기")
    r = post(curator, "/curation/duplicates/merge", a=LISTING, b=TWIN, keep="a", reason="같은 장비", confirm="1")
    assert r.status_code == 303 and f"merged={TWIN}" in r.headers["Location"]
    done = curator.get(r.headers["Location"]).get_data(as_text=True)
    assert "Undo" in done or "되돌리기" in done
    assert TWIN not in search_ids(curator, "질량분석기")
    r = post(curator, f"/curation/listings/{TWIN}/unmerge", next="duplicates", reason="undo")
    assert r.status_code == 303 and "undone=" in r.headers["Location"]
    assert TWIN in search_ids(curator, "질량분석기")


def test_not_a_duplicate_is_remembered(curated, curator):
    assert post(curator, "/curation/duplicates/dismiss", a=TWIN, b=LISTING, reason="다른 방").status_code == 303
    with curated.app_context(), db.session() as s:
        assert duplicates.pairs(s) == []
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "duplicate.dismiss")).one()
    assert entry.reason == "다른 방" and entry.after == {"not_duplicate_of": TWIN}
    sync(curated, [equipment(), equipment(source_id="EQ-0101", title={"ko": "질량분석기 (중복)"})])
    with curated.app_context(), db.session() as s:
        assert duplicates.pairs(s) == []  # a re-sync does not bring it back
