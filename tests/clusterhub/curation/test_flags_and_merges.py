"""Hide, feature and merge: the page, the API and search follow at once."""
from clusterhub import db
from clusterhub.curation import duplicates
from tests.clusterhub.curation.conftest import LISTING, TWIN, post, search_ids


def test_hide_takes_the_listing_out_of_search_and_its_page_404s(curator):
    assert LISTING in search_ids(curator, "질량분석기")
    assert post(curator, f"/curation/listings/{LISTING}/flag", action="hide", reason="폐기된 장비", confirm="1").status_code == 303
    assert curator.get(f"/listings/{LISTING}").status_code == 404
    assert curator.get(f"/api/v1/listings/{LISTING}").status_code == 404
    assert LISTING not in search_ids(curator, "질량분석기")
    assert post(curator, f"/curation/listings/{LISTING}/flag", action="unhide").status_code == 303
    assert curator.get(f"/listings/{LISTING}").status_code == 200
    assert LISTING in search_ids(curator, "질량분석기")


def test_healthz_stays_ready_after_curation(curator):
    post(curator, f"/curation/listings/{LISTING}/flag", action="feature", reason="대표 장비", confirm="1")
    assert curator.get("/healthz").json["search"]["state"] == "ready"


def test_same_nfec_number_is_a_duplicate_candidate(curated):
    with curated.app_context(), db.session() as s:
        [pair] = duplicates.pairs(s)
    assert {pair.first.id, pair.second.id} == {LISTING, TWIN}
    assert "same NFEC number" in [signal.text for signal in pair.signals]


def test_a_merged_listing_redirects_to_the_canonical_one(curated, curator):
    r = post(curator, f"/curation/listings/{TWIN}/merge", canonical=LISTING, reason="같은 장비")
    assert r.status_code == 303
    page = curator.get(f"/listings/{TWIN}")
    assert page.status_code == 301 and page.headers["Location"].endswith(f"/listings/{LISTING}")
    assert page.headers["Cache-Control"] == "no-cache"  # a merge can be undone: browsers ask again
    moved = curator.get(f"/api/v1/listings/{TWIN}")
    assert moved.status_code == 301 and moved.headers["Cache-Control"] == "no-cache"
    assert TWIN not in search_ids(curator, "질량분석기") and LISTING in search_ids(curator, "질량분석기")
    with curated.app_context(), db.session() as s:
        assert duplicates.pairs(s) == []
    assert post(curator, f"/curation/listings/{LISTING}/merge", canonical=TWIN).status_code == 409
    assert post(curator, f"/curation/listings/{TWIN}/unmerge").status_code == 303
    assert curator.get(f"/listings/{TWIN}").status_code == 200
