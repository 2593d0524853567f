"""Units of one model in one centre show as one card; totals and facets stay per listing."""
import re

from clusterhub.search.grouping import key


def test_units_of_one_model_in_one_centre_are_one_group(demo_app):
    client = demo_app.test_client()
    body = client.get("/api/v1/search?q=Xevo+G2-XS+QTof&size=100").get_json()
    assert body["total_groups"] == len(body["hits"]) < body["total"], "every group on one page"
    assert body["groups"], "the demo has several units of a Xevo G2-XS QTof in one centre"
    grouped = [m for g in body["groups"] for m in g["members"]]
    assert len(grouped) == len(set(grouped))              # a unit is in one group at most
    leads = {h["id"]: h for h in body["hits"]}
    for group in body["groups"]:
        assert group["lead"] == group["members"][0] and len(group["members"]) > 1
        assert group["lead"] in leads and not set(group["members"][1:]) & set(leads)   # one hit a group
        units = [client.get(f"/api/v1/listings/{m}").get_json() for m in group["members"]]
        shared = {(u["cluster"], (u.get("center") or {}).get("ko"), u["manufacturer"], u["model"])
                  for u in units}
        assert len(shared) == 1
    # Counts stay per listing: the kind counts add up to the total, not to the cards.
    assert sum(v["count"] for v in body["facets"]["kind"]) == body["total"]
    assert body["total"] == len(body["hits"]) + sum(len(g["members"]) - 1 for g in body["groups"])


def test_a_group_on_page_one_is_not_repeated_on_page_two(demo_app):
    client = demo_app.test_client()
    first = client.get("/api/v1/search?q=Xevo+G2-XS+QTof&size=5").get_json()
    second = client.get("/api/v1/search?q=Xevo+G2-XS+QTof&size=5&page=2").get_json()
    units = {m for body in (first, second) for g in body["groups"] for m in g["members"]}
    ids = [h["id"] for body in (first, second) for h in body["hits"]]
    assert len(ids) == len(set(ids)) == 10
    assert not {m for g in first["groups"] for m in g["members"]} & {h["id"] for h in second["hits"]}
    assert units and first["total_groups"] == second["total_groups"]


def test_the_page_shows_one_card_per_group_with_its_count(demo_app):
    client = demo_app.test_client()
    api = client.get("/api/v1/search?q=Xevo+G2-XS+QTof").get_json()
    page = client.get("/search?q=Xevo+G2-XS+QTof").get_data(as_text=True)
    cards = re.findall(r'<li class="card ', page)
    assert len(cards) == len(api["hits"])
    # The heading says both numbers: listings, and cards.
    assert api["total_groups"] < api["total"]
    assert f'{api["total"]:,}' in page and f'카드 {api["total_groups"]:,}장' in page
    biggest = max(api["groups"], key=lambda g: len(g["members"]))
    assert f"× {len(biggest['members'])}</span>" in page
    assert f"이 센터의 같은 모델 {len(biggest['members'])}대" in page


def test_services_and_unknown_models_are_never_grouped():
    from clusterhub.search.contract import Hit
    service = Hit("a:service:1", {"kind": "service", "cluster": "a", "title": {"ko": "x"}})
    no_model = Hit("a:equipment:1", {"kind": "equipment", "cluster": "a", "manufacturer": "Waters"})
    assert key(service) is None and key(no_model) is None


def _grouped_pages(engine, facets):
    from clusterhub.search.contract import SearchRequest

    out = []
    for q in ("Xevo G2-XS QTof", "질량분석기", "현미경", ""):
        for page in (1, 2, 3):
            r = engine.search(SearchRequest(q=q, size=3, page=page, group=True, facets=facets))
            out.append(([(h.id, h.score, h.members) for h in r.hits], r.total, r.total_groups))
    return out


def test_group_sizes_agree_from_the_hits_read_the_facet_pass_or_their_own_count(demo_app, monkeypatch):
    """The sizes of groups (total_groups, who is a member) come from the hits already read when
    they are every match, from the facet pass when it runs, and from a count of their own when
    the facets come from the cache: the pages are the same whichever way they were found."""
    from clusterhub.search import backend, grouping

    with demo_app.app_context():
        engine = backend()
        in_hand = _grouped_pages(engine, ("kind",))
        assert any(members for page in in_hand for _, _, members in page[0])
        monkeypatch.setattr(grouping, "FIRST_BATCH", 1)     # read no more hits than the page needs
        monkeypatch.setattr(grouping, "UNITS_GUESS", 1)
        assert _grouped_pages(engine, ("kind",)) == in_hand
        assert _grouped_pages(engine, ()) == in_hand
