"""The curated words of intent and names of places, and what their loaders refuse."""
import json

import pytest

from schemas.intents import Intents, IntentsError
from schemas.intents import default as intents
from schemas.places import Places, PlacesError
from schemas.places import default as places


def test_kind_words_and_pure_intent_words():
    data = intents()
    assert data.kind_of("전문가") == "expert" and data.kind_of("Experts") == "expert"
    assert data.kind_of("예약") == "equipment" and data.kind_of("대여") == "equipment"
    assert data.kind_of("의뢰") == "service"
    for word in ("비용", "가격", "업체", "곳", "가능", "문의", "어디", "price", "vendor"):
        assert data.is_intent(word), word
    for content in ("분석", "시험", "독성", "GLP", "세포"):
        assert not data.is_intent(content) and data.kind_of(content) is None, content


def test_cluster_names_short_names_aliases_and_regions():
    data = places()
    for name in ("오송", "오송첨단의료복합단지", "KBIOHealth", "케이바이오헬스"):
        assert (data.find(name).field, data.find(name).value) == ("cluster", "kbiohealth"), name
    for name in ("대구", "KMEDIhub", "k-medihub", "케이메디허브", "대구경북 첨단의료복합단지"):
        assert data.find(name).value == "kmedihub", name
    assert (data.find("충북").field, data.find("충북").value) == ("region", "chungbuk")
    assert data.find("경상북도").value == "gyeongbuk"
    assert data.find("독성") is None


def test_a_wider_area_names_its_regions():
    data = places()
    assert [p.value for p in data.area("수도권")] == ["seoul", "gyeonggi", "incheon"]
    assert {p.value for p in data.area("부울경")} == {"busan", "ulsan", "gyeongnam"}
    assert {p.field for p in data.area("영남권")} == {"region"} and data.area("독성") == ()


def test_an_area_of_unknown_regions_or_without_a_source_is_refused(tmp_path):
    bad = tmp_path / "places.json"
    bad.write_text(json.dumps({"areas": {"x": {"source": "s", "regions": ["mars"], "ko": ["화성권"]}}}), encoding="utf-8")
    with pytest.raises(PlacesError, match="mars"):
        Places.load(bad)
    bad.write_text(json.dumps({"areas": {"x": {"regions": ["seoul"], "ko": ["수도권"]}}}), encoding="utf-8")
    with pytest.raises(PlacesError, match="needs a source"):
        Places.load(bad)


def test_a_word_in_two_places_or_an_unsourced_alias_is_refused(tmp_path):
    bad = tmp_path / "places.json"
    bad.write_text(json.dumps({"clusters": {"andong": {"source": "x", "ko": ["오송첨단의료복합단지"]}}}), encoding="utf-8")
    with pytest.raises(PlacesError, match="both kbiohealth and andong"):
        Places.load(bad)
    bad.write_text(json.dumps({"clusters": {"andong": {"ko": ["안동시"]}}}), encoding="utf-8")
    with pytest.raises(PlacesError, match="andong: needs a source"):
        Places.load(bad)
    both = tmp_path / "intents.json"
    both.write_text(json.dumps({"kinds": [{"kind": "expert", "source": "x", "ko": ["비용"]}],
                                "stopwords": {"ko": ["비용"]}}), encoding="utf-8")
    with pytest.raises(IntentsError, match="비용"):
        Intents.load(both)


def test_every_name_is_kept_as_written_for_the_autocomplete():
    places = Places.load()
    written = {(w.text, w.field, w.code) for w in places.written}
    assert {("충청권", "area", "chungcheong"), ("Chungcheong", "area", "chungcheong"),
            ("KMEDIhub", "cluster", "kmedihub"), ("충청북도", "region", "chungbuk")} <= written
    assert all(places.find(t) or places.area(t) for t, _, _ in written)
    assert places.regions_of("chungcheong") == ("daejeon", "sejong", "chungbuk", "chungnam")
    assert places.regions_of("nowhere") == ()
