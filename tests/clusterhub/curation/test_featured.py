"""Featuring has a public effect: the home page's showcase and a badge in search and on the page."""
from clusterhub import db
from clusterhub.curation import featured
from clusterhub.catalog.models import ListingFlags
from tests.clusterhub.curation.conftest import LISTING, TWIN, post

TITLE_KO, TITLE_EN = "삼중사중극자 질량분석기", "Triple quadrupole mass spectrometer"
BADGE = 'class="featured-mark"'


def flag(client, listing_id, action):
    assert post(client, f"/curation/listings/{listing_id}/flag", action=action, reason="시험", confirm="1").status_code == 303


def cards(html: str) -> dict[str, str]:
    """{listing id: the card's markup} of every card on a page."""
    out = {}
    for chunk in html.split('<li class="card')[1:]:
        card = chunk.split("</li>")[0]
        for listing_id in (LISTING, TWIN):
            if f'/listings/{listing_id}"' in card:
                out[listing_id] = card
    return out


def home(client, lang="ko") -> str:
    r = client.get("/", query_string={"lang": lang})
    assert r.status_code == 200
    return r.get_data(as_text=True)


def showcase_of(client, lang="ko") -> dict[str, str]:
    """The cards of the home page's "featured" section (empty when the section is absent)."""
    html = home(client, lang)
    if 'id="featured-h"' not in html:
        return {}
    return cards(html.split('id="featured-h"')[1].split("</section>")[0])


def search_cards(client) -> dict[str, str]:
    r = client.get("/search", query_string={"q": "질량분석기"})
    assert r.status_code == 200
    return cards(r.get_data(as_text=True))


def listing_page(client, listing_id) -> str:
    r = client.get(f"/listings/{listing_id}")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def api_featured(client) -> dict[str, bool]:
    hits = client.get("/api/v1/search", query_string={"q": "질량분석기"}).json["hits"]
    return {h["id"]: h["featured"] for h in hits}


def test_featuring_shows_on_home_search_api_and_page_and_unfeaturing_removes_it(curator):
    assert showcase_of(curator) == {}
    assert "재단 추천" not in home(curator)
    assert all(BADGE not in c for c in search_cards(curator).values())
    assert BADGE not in listing_page(curator, LISTING)

    flag(curator, LISTING, "feature")

    html = home(curator)
    assert "재단 추천" in html
    shown = showcase_of(curator)
    assert list(shown) == [LISTING]
    assert TITLE_KO in shown[LISTING] and "대구경북첨단의료복합단지" in shown[LISTING]
    assert "장비" in shown[LISTING]  # the kind
    english = showcase_of(curator, "en")[LISTING]
    assert TITLE_EN in english and "K-MEDIhub" in english
    assert "Featured by the foundation" in home(curator, "en")
    # The twin (same maker, model and centre) is grouped into the featured listing's card: the
    # card leads with the featured one and its badge, and still links the twin.
    page = curator.get("/search", query_string={"q": "질량분석기"}).get_data(as_text=True)
    found = cards(page)
    assert set(found) == {LISTING}
    assert BADGE in found[LISTING] and f'/listings/{TWIN}"' in page
    assert page.count(BADGE) == 1
    # In the API the twin is a unit of the featured listing's group, not a hit of its own.
    assert api_featured(curator) == {LISTING: True}
    assert BADGE in listing_page(curator, LISTING)
    assert BADGE not in listing_page(curator, TWIN)

    flag(curator, LISTING, "unfeature")

    assert showcase_of(curator) == {}
    assert "재단 추천" not in home(curator)
    assert all(BADGE not in c for c in search_cards(curator).values())
    assert api_featured(curator) == {LISTING: False}
    assert BADGE not in listing_page(curator, LISTING)


def test_a_featured_but_hidden_listing_is_not_on_the_home_page(curator):
    flag(curator, LISTING, "feature")
    flag(curator, TWIN, "feature")
    flag(curator, LISTING, "hide")
    assert list(showcase_of(curator)) == [TWIN]
    assert f"/listings/{LISTING}" not in home(curator)
    flag(curator, LISTING, "unhide")
    assert set(showcase_of(curator)) == {LISTING, TWIN}


def test_showcase_is_newest_first_with_overrides_applied_and_only_public(curated, curator):
    flag(curator, LISTING, "feature")
    flag(curator, TWIN, "feature")
    r = post(curator, f"/curation/listings/{LISTING}/override", field="title.ko",
             value="오비트랩 고분해능 질량분석기", reason="제조사 확인")
    assert r.status_code == 303
    with curated.app_context(), db.session() as s:
        docs = featured.showcase(s)
        assert [d["id"] for d in docs] == [TWIN, LISTING]
        assert docs[1]["title"]["ko"] == "오비트랩 고분해능 질량분석기"
        assert [d["id"] for d in featured.showcase(s, limit=1)] == [TWIN]
        s.get(ListingFlags, TWIN).awaiting_review = True
    with curated.app_context(), db.session() as s:
        assert [d["id"] for d in featured.showcase(s)] == [LISTING]
    assert "오비트랩 고분해능 질량분석기" in showcase_of(curator)[LISTING]
