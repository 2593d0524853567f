"""GET /api/v1/suggest: concepts, places and titles whose words start with what is typed."""
import pytest
from openapi_spec_validator import validate

from tests.clusterhub.web.conftest import catalog_app, web  # noqa: F401  (shared fixtures)
from clusterhub import db
from clusterhub.catalog import state
from clusterhub.search import suggest


def offered(web, q: str) -> list[tuple[str, str]]:
    r = web.get("/api/v1/suggest", query_string={"q": q})
    assert r.status_code == 200, r.json
    return [(s["kind"], s["text"]) for s in r.json["suggestions"]]


def test_a_korean_prefix_offers_the_concept_and_the_titles(web):
    got = offered(web, "질량")
    assert got[0] == ("concept", "질량분석")
    assert ("concept", "질량분석기") in got
    assert ("title", "질량분석기 (Orbitrap Exploris 480)") in got
    kinds = [k for k, _ in got]
    assert kinds == sorted(kinds, key=["concept", "place", "title"].index)   # concepts first


def test_an_english_prefix_offers_english_concepts_with_their_korean_name(web):
    body = web.get("/api/v1/suggest?q=mass+sp").json
    first = body["suggestions"][0]
    assert (first["kind"], first["text"], first["detail"]) == ("concept", "mass spec", "질량분석기")
    assert ("title", "Mass spectrometer (Orbitrap Exploris 480)") in offered(web, "mass sp")


@pytest.mark.parametrize("q, alias", [("케이메디", "케이메디허브"), ("kmedi", "KMEDIhub"), ("오송", "오송")])
def test_a_cluster_alias_is_offered_with_the_clusters_name(web, q, alias):
    body = web.get("/api/v1/suggest", query_string={"q": q}).json
    place = next(s for s in body["suggestions"] if s["text"] == alias)
    assert place["kind"] == "place"
    assert place["detail"] in ("대구경북첨단의료복합단지", "오송첨단의료복합단지")


def test_a_later_word_of_a_title_and_spacing_variants_match_once(web):
    got = offered(web, "Exploris")           # the third word of "질량분석기 (Orbitrap Exploris 480)"
    assert ("title", "질량분석기 (Orbitrap Exploris 480)") in got
    texts = [t for k, t in offered(web, "질량") if k == "concept"]
    assert not ("질량분석기" in texts and "질량 분석기" in texts)   # one spelling of each term


def test_a_syllable_being_composed_is_ignored(web):
    assert offered(web, "질량ㅂ") == offered(web, "질량")
    assert offered(web, "ㅈ") == []


def test_the_number_and_counter_concept_is_offered(web):
    assert ("concept", "임상 1상") in offered(web, "1상")


@pytest.mark.parametrize("query, said", [
    ("", "is empty"), ("q=", "is empty"), ("q=" + "a" * 101, "the limit is 100"),
    ("q=%01abc", "control character"),
])
def test_a_malformed_q_is_a_422_that_says_what_is_wrong(web, query, said):
    r = web.get("/api/v1/suggest?" + query)
    assert r.status_code == 422
    assert r.json["errors"][0]["path"] == "q" and said in r.json["errors"][0]["message"]


def test_titles_follow_the_catalog_version(catalog_app, web):
    """The index is built once per catalog version: a new version rebuilds it."""
    with catalog_app.app_context():
        first = suggest.index("ko")
        assert suggest.index("ko") is first
        with db.session(catalog_app) as s:
            state.bump(s)
            s.commit()
        assert suggest.index("ko") is not first


def test_the_suggest_endpoint_is_documented(web):
    doc = web.get("/api/v1/openapi.json").json
    validate(doc)
    operation = doc["paths"]["/api/v1/suggest"]["get"]
    assert operation["parameters"][0]["name"] == "q" and "422" in operation["responses"]


@pytest.mark.parametrize("q, area, regions", [
    ("충청", "충청", ["대전광역시", "세종특별자치시", "충청북도", "충청남도"]),
    ("수도", "수도권", ["서울특별시", "경기도", "인천광역시"]),
    ("부울", "부울경", ["부산광역시", "울산광역시", "경상남도"]),
])
def test_a_wider_area_is_offered_as_a_place_with_its_regions(web, q, area, regions):
    body = web.get("/api/v1/suggest", query_string={"q": q}).json
    first = next(s for s in body["suggestions"] if s["kind"] == "place")
    assert (first["text"], first["detail"].split(" · ")) == (area, regions)


def test_an_area_shows_once_beside_the_regions_it_holds(web):
    # 충청, 충청권 and 충청도 name one area: it takes one line, so 충청북도 and 충청남도 (regions
    # the query reader knows too) still fit in the three place lines.
    assert [t for k, t in offered(web, "충청") if k == "place"] == ["충청", "충청남도", "충청북도"]
    english = web.get("/api/v1/suggest?q=Chungcheong&lang=en").json
    places = [(s["text"], s["detail"]) for s in english["suggestions"] if s["kind"] == "place"]
    assert places[0] == ("Chungcheong", "Daejeon · Sejong · Chungcheongbuk-do · Chungcheongnam-do")
    assert [t for t, _ in places[1:]] == ["Chungcheongbuk-do", "Chungcheongnam-do"]


def test_places_never_crowd_out_concepts_and_titles(web):
    # 세 starts 세종 (a region and a cluster's city) as well as concepts and titles: places take
    # at most their three lines, after the concepts and before the titles.
    got = offered(web, "세")
    kinds = [k for k, _ in got]
    assert kinds.count("place") <= suggest.LIMITS["place"]
    assert "concept" in kinds and "title" in kinds and "place" in kinds
    assert kinds == sorted(kinds, key=["concept", "place", "title"].index)


def test_every_place_offered_is_one_the_query_reader_knows(web):
    from clusterhub.search import understand
    for q in ("충청", "수도", "Chungcheong", "호남", "영남", "오송", "kmedi"):
        for kind, text in offered(web, q):
            if kind == "place":
                reading = understand.read(text + " 독성시험")
                assert reading.filters and reading.q == "독성시험", text
