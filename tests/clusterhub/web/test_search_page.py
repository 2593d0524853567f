"""The search page as a company user meets it, without JavaScript."""
import re
from urllib.parse import parse_qs, urlsplit

from clusterhub.search.understand import read
from tests.clusterhub.search.corpus import LISTINGS


def html(web, url):
    r = web.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    return r.get_data(as_text=True)


def titles(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'class="card-title"><a [^>]+>(.*?)</a>', page, re.S)]


def facet_count(page: str, field: str, value: str) -> int | None:
    m = re.search(rf'name="{field}" value="{re.escape(value)}"[^>]*>\s*<span class="facet-label">[^<]*</span>\s*'
                  r'<span class="count">([\d,]+)</span>', page)
    return int(m.group(1).replace(",", "")) if m else None


def test_korean_query_finds_and_highlights(web):
    page = html(web, "/search?q=질량분석")
    found = titles(page)
    assert any("질량분석기" in t for t in found)
    assert "<mark>" in page
    assert '<html lang="ko">' in page


def test_two_values_of_one_facet_or_and_another_facet_and(web):
    both = html(web, "/search?manufacturer=Eppendorf&manufacturer=Thermo+Fisher")
    one = html(web, "/search?manufacturer=Eppendorf")
    narrowed = html(web, "/search?manufacturer=Eppendorf&manufacturer=Thermo+Fisher&cluster=wonju")
    total = lambda p: int(re.search(r'class="total">([\d,]+)', p).group(1).replace(",", ""))
    assert total(both) > total(one) > 0
    assert total(narrowed) < total(both)
    # disjunctive: the manufacturer counts ignore the manufacturer selection itself
    assert facet_count(one, "manufacturer", "Thermo Fisher") == facet_count(both, "manufacturer", "Thermo Fisher")
    # both ticks are rendered checked, and each has a chip that removes it
    assert re.search(r'name="manufacturer" value="Eppendorf" checked', both)
    chips = re.findall(r'class="chip" aria-label="[^"]*"', narrowed)
    assert len(chips) == 3


def test_selected_value_shows_even_at_zero(web):
    page = html(web, "/search?q=질량분석&manufacturer=Eppendorf")
    assert facet_count(page, "manufacturer", "Eppendorf") == 0
    assert "Nothing matches this search yet" in page or "검색 결과가 없습니다" in page


def test_chip_links_remove_their_filter_and_keep_the_rest(web):
    page = html(web, "/search?q=세포&cluster=kmedihub&sharing_scope=shared")
    links = re.findall(r'<a href="([^"]+)" class="chip" aria-label', page)
    queries = [parse_qs(urlsplit(l.replace("&amp;", "&")).query) for l in links]
    assert {"q": ["세포"], "sharing_scope": ["shared"]} in queries
    assert {"q": ["세포"], "cluster": ["kmedihub"]} in queries


def test_kind_tabs_count_every_kind(web):
    page = html(web, "/search?kind=equipment")
    counts = dict(re.findall(r'<a href="[^"]*"[^>]*>(서비스|장비|전문가) <span class="count">([\d,]+)', page))
    active = [doc for doc, status, hidden in LISTINGS if status == "active" and not hidden]
    assert int(counts["장비"]) == sum(1 for d in active if d["kind"] == "equipment")
    assert int(counts["서비스"]) == sum(1 for d in active if d["kind"] == "service") + 2  # + the formula and related docs of conftest


def test_sort_and_pagination_keep_the_state_in_the_url(web):
    first = html(web, "/search?q=CO2&sort=title&size=5")
    second = html(web, "/search?q=CO2&sort=title&size=5&page=2")
    assert titles(first) == sorted(titles(first))
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'href="/search?q=CO2&amp;sort=title&amp;page=2&amp;size=5"' in first


def test_zero_results_offer_spelling_and_thesaurus_terms(web):
    page = html(web, "/search?q=confokal+microscopy+xyz&strict=1")
    assert "confocal" in page.lower()
    assert 'class="suggestions"' in page


def test_a_word_that_empties_the_page_is_left_out_and_said_so(web):
    page = html(web, "/search?q=confokal+microscopy+xyz")
    assert 'class="suggestions"' not in page
    assert "EQ-004" in page                       # the confocal microscope
    note = re.search(r'<p class="relaxed" id="relaxed">(.*?)</p>', page, re.S).group(1)
    assert "‘xyz’ 없이 찾은 결과도" in note
    strict = re.search(r'<a href="([^"]+)">모든 단어로 찾기', note).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(strict).query) == {"q": ["confokal microscopy xyz"], "strict": ["1"]}


def test_words_of_intent_are_left_out_and_named(web):
    page = html(web, "/search?q=독성시험+비용")
    assert "SV-001" in page or "반복투여" in page
    assert "‘비용’ 없이 찾은 결과도" in page


def test_a_place_in_the_query_becomes_a_removable_chip(web):
    page = html(web, "/search?q=오송+독성시험")
    assert "반복투여" in page                                  # kbiohealth SV-001
    assert "단회투여" not in page                              # kmedihub SV-002: not in 오송
    chips = re.findall(r'<a href="([^"]+)" class="chip" aria-label="([^"]+)"', page)
    removals = {label: parse_qs(urlsplit(href.replace("&amp;", "&")).query) for href, label in chips}
    assert any("오송첨단의료복합단지" in label for label in removals)
    assert {"q": ["독성시험"]} in removals.values()          # removing the chip searches everywhere
    assert "“오송” → " in page
    assert 'name="q" type="search" value="독성시험"' in page


def test_a_place_that_holds_none_of_the_words_widens_to_the_federation_and_says_so(web):
    # No listing of Wonju is a mass spectrometer: the page shows Daegu's instead of nothing.
    page = html(web, "/search?q=원주+질량분석기")
    assert "Orbitrap Exploris 480" in page                       # kmedihub EQ-001
    note = re.search(r'<p class="widened" id="widened">(.*?)</p>', page, re.S).group(1)
    assert "‘원주’에서는 찾지 못해 전국 결과를 보여 드립니다." in note
    back = re.search(r'<a href="([^"]+)">([^<]+)</a>', note)
    assert "전체 목록 보기" in back.group(2)
    assert parse_qs(urlsplit(back.group(1).replace("&amp;", "&")).query) == {"cluster": ["wonju"]}
    assert 'class="chip" aria-label' not in page                  # no Wonju filter to remove
    body = web.get("/api/v1/search?q=원주+질량분석기").get_json()
    assert body["understood"]["widened"] == [
        {"word": "원주", "field": "cluster", "value": "wonju", "soft": False}]
    assert body["understood"]["filters"] == [] and body["understood"]["q"] == "질량분석기"
    assert "kmedihub:equipment:EQ-001" in [h["id"] for h in body["hits"]]


def test_a_place_the_user_ticked_is_never_widened(web):
    body = web.get("/api/v1/search?q=질량분석기&cluster=wonju").get_json()
    assert body["total"] == 0 and body["understood"]["widened"] == []
    page = html(web, "/search?q=오송+독성시험")                  # 오송 holds a toxicity study
    assert 'class="widened"' not in page


def test_a_kind_word_selects_the_kind(web):
    page = html(web, "/search?q=독성+전문가")
    assert "EX-001" in page and "SV-002" not in page


def test_bad_parameters_say_what_was_wrong(web):
    r = web.get("/search?size=500&colour=red")
    assert r.status_code == 422
    text = r.get_data(as_text=True)
    assert "size" in text and "colour" in text


def test_partial_render_for_scripts(web):
    page = html(web, "/search?q=CO2&partial=1")
    assert "<html" not in page and 'id="facet-form"' in page


def test_a_kind_word_that_would_empty_the_page_is_dropped_again(web):
    # No expert of the corpus works with a confocal microscope: the equipment is shown instead.
    body = web.get("/api/v1/search?q=공초점현미경+전문가").get_json()
    assert body["total"] > 0 and "전문가" in body["dropped"]
    assert body["understood"]["filters"] == []
    assert "songdo_siheung:equipment:EQ-004" in [h["id"] for h in body["hits"]]


def test_a_word_naming_a_test_hints_at_services_only_when_they_fill_a_page(web):
    # "시험" stays in q and suggests services; one page of one result is filled by the EMC service,
    # a page of ten is not, so the EMC chamber (equipment) shows too and nothing is left out.
    one = web.get("/api/v1/search?q=전자파+시험&size=1").get_json()
    assert one["understood"]["q"] == "전자파 시험"
    assert [f["value"] for f in one["understood"]["filters"]] == ["service"]
    assert one["hits"][0]["id"] == "kmedihub:service:SV-007"
    ten = web.get("/api/v1/search?q=전자파+시험").get_json()
    ids = [h["id"] for h in ten["hits"]]
    assert ten["understood"]["filters"] == [] and "시험" not in ten["dropped"]
    assert "kmedihub:equipment:EQ-008" in ids and "kmedihub:service:SV-007" in ids


def test_the_chip_of_a_hinted_kind_opens_every_kind(web):
    # 시험 stays in q, so a chip that only unticked "service" would bring it back: it ticks all.
    page = html(web, "/search?q=전자파+시험&size=1")
    links = re.findall(r'<a href="([^"]+)" class="chip" aria-label', page)
    queries = [parse_qs(urlsplit(l.replace("&amp;", "&")).query) for l in links]
    assert {"q": ["전자파 시험"], "kind": ["service", "equipment", "expert"], "size": ["1"]} in queries
    opened = web.get("/api/v1/search?q=전자파+시험&size=1&kind=service&kind=equipment&kind=expert").get_json()
    assert opened["total"] >= 2


def test_a_korean_typo_that_finds_nothing_is_searched_as_the_known_term(web):
    body = web.get("/api/v1/search?q=세포베양기").get_json()
    assert body["total"] > 0 and body["understood"]["q"] == "세포배양기"
    assert all("세포배양기" in h["title"]["ko"] for h in body["hits"])
    page = html(web, "/search?q=세포베양기")
    assert "“세포베양기” → 세포배양기" in page
    # among other words, a typo the engine left out (it matched nothing) is respelled too
    assert "세포배양기" in read("세포배양긱 CO2").corrected.values()
    kept = web.get("/api/v1/search?q=CO2+세포배양긱").get_json()
    assert kept["understood"]["q"] == "CO2 세포배양기" and kept["total"] > 0


def test_a_place_kept_only_by_leaving_words_out_offers_all_the_words_elsewhere(web):
    # 오송 (K-BIOHealth) has a repeated-dose toxicity study, no single-dose one: the page keeps
    # the chip and leaves single-dose out; K-MEDIhub's single-dose study holds every word, so the
    # page says so and links to it, the results shown staying as they were.
    page = html(web, "/search?q=Osong+single-dose+toxicity")
    note = re.search(r'<p class="elsewhere" id="elsewhere">(.*?)</p>', page, re.S).group(1)
    assert "‘Osong’에는 모든 단어를 담은 목록이 적어 일부 단어를 빼고 찾았습니다." in note
    assert "다른 지역에는 모든 단어를 담은 목록이 1건 있습니다." in note
    link = re.search(r'<a href="([^"]+)">([^<]+)</a>', note)
    assert link.group(2) == "전국에서 모든 단어로 찾기"
    assert parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query) == {
        "q": ["single-dose toxicity"], "strict": ["1"]}
    wide = web.get("/api/v1/search?" + urlsplit(link.group(1).replace("&amp;", "&")).query).get_json()
    assert "kmedihub:service:SV-002" in [h["id"] for h in wide["hits"]] and wide["dropped"] == []
    assert 'id="relaxed"' in page and 'class="chip" aria-label' in page   # chip kept, words left out

    body = web.get("/api/v1/search?q=Osong+single-dose+toxicity").get_json()
    assert body["understood"]["elsewhere"] == {"q": "single-dose toxicity", "total": 1}
    assert body["dropped"] == ["single-dose"]
    assert [h["id"] for h in body["hits"]] == ["kbiohealth:service:SV-001"]   # the hits as before
    english = html(web, "/search?q=Osong+single-dose+toxicity&lang=en")
    assert "1 listing elsewhere in the country holds them all." in english
    assert ">All words, whole country</a>" in english


def test_all_words_elsewhere_is_not_counted_without_a_place_or_without_relaxing(web):
    for q in ("single-dose toxicity study", "오송 독성시험", "Osong single-dose toxicity&strict=1"):
        body = web.get("/api/v1/search?q=" + q).get_json()
        assert "elsewhere" not in body["understood"], q
    assert 'id="elsewhere"' not in html(web, "/search?q=오송+독성시험")
    # The user's own tick is not a place read from q: nothing is offered beyond it.
    body = web.get("/api/v1/search?q=single-dose+toxicity&cluster=kbiohealth").get_json()
    assert "elsewhere" not in body["understood"]
