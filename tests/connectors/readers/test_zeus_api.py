"""Tests of the ZEUS equipment reader against the real answer (../shared/reference/zeus/)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from connectors.base import MappingError, SourceRejected, SourceUnavailable
from connectors.readers.zeus_api import (
    FIELDS, PERSONAL, fetch_equipment, nfec_number, published, sharing_scope, usage_status,
    zeus_page,
)

REFERENCE = Path(__file__).with_name("reference")
KEY = "c2VjcmV0LWtleQ"


def real_answer() -> dict:
    """The registry's real list answer. It says 759 records at 2 a page; served here as the
    whole list (total 2), so the test reads exactly the two records it recorded."""
    answer = json.loads((REFERENCE / "zeus-equips-list-response.json").read_text(encoding="utf-8"))
    answer.update(total=2, pageCount=1)
    return answer


def reply(body: dict, status: int = 200):
    return status, {"Content-Type": "application/json;charset=UTF-8"}, json.dumps(body, ensure_ascii=False)


@pytest.fixture
def zeus(server):
    """A loopback ZEUS: the real list answer on page 1, detail calls answered per test."""
    calls: list[dict] = []
    details: dict[str, dict] = {}

    def listing(query):
        calls.append(query)
        return reply(real_answer() if query.get("page") == "1" else zeus_page([], page=2, page_size=2, total=2))
    server.add_route(f"/api/eq/equips/{KEY}", listing)
    for equip_id in ("20171130000000212606", "20171130000000212596"):
        server.add_route(f"/api/eq/equips/{equip_id}/{KEY}",
                         lambda q, i=equip_id: reply(details[i]) if i in details else
                         reply({"equip": None, "errors": [{"code": "404", "message": "없는 장비"}]}))
    return server, calls, details


def test_reads_both_records_of_the_real_answer(zeus, http):
    server, calls, _ = zeus
    records = list(fetch_equipment(server.url, KEY, page_size=2, **http))
    assert [r.source_id for r in records] == ["20171130000000212606", "20171130000000212596"]
    assert calls[0] == {"page": "1", "pageSize": "2"}
    # Personal data (staff e-mail and name) is dropped as the record is read.
    assert set(records[0].data) == set(FIELDS) - set(PERSONAL)
    assert records[0].data["engNm"] == "Geophysical multifunctional multichannel  EM Data Acquisition System"
    assert records[1].location == "GET /api/eq/equips/{key} page 1, item 2"


def test_the_detail_call_adds_maker_model_class_and_place(zeus, http):
    server, _, details = zeus
    details["20171130000000212596"] = {"equip": {
        "equipId": "20171130000000212596", "makerNm": "Claisse", "modelNm": "LeNeo",
        "takeDt": "20171115", "stdClsNm": "화합물 전처리·분석장비", "installPlaceNm": "본원 2동 105호",
        "registNm": "someone"}, "errors": []}
    first, second = fetch_equipment(server.url, KEY, page_size=2, **http)
    assert "makerNm" not in first.data  # its detail call failed: kept as listed
    assert second.data["makerNm"] == "Claisse" and second.data["installPlaceNm"] == "본원 2동 105호"
    assert "registNm" not in second.data


def test_deleted_or_unconfirmed_registrations_are_left_out(server, http):
    answer = real_answer()
    answer["pageList"][0]["deleteYn"] = "Y"
    server.add_route(f"/api/eq/equips/{KEY}", lambda q: reply(answer))
    assert [r.source_id for r in fetch_equipment(server.url, KEY, details=False, **http)] == [
        "20171130000000212596"]
    unconfirmed = copy.deepcopy(real_answer()["pageList"][1])
    unconfirmed["confirmYn"] = "N"
    assert not published(unconfirmed) and published(real_answer()["pageList"][1])


def test_one_organisation_is_kept_by_its_name(zeus, http):
    server, _, _ = zeus
    assert len(list(fetch_equipment(server.url, KEY, organ="한국지질자원연구원", details=False, **http))) == 2
    assert list(fetch_equipment(server.url, KEY, organ="다른 기관", details=False, **http)) == []


def test_an_error_list_is_rejected_and_the_key_is_never_shown(server, http):
    server.add_route(f"/api/eq/equips/{KEY}", lambda q: reply({**zeus_page([], page=1, page_size=100, total=0),
        "errors": [{"code": "E401", "message": "유효하지 않은 인증키입니다"}]}))
    with pytest.raises(SourceRejected) as caught:
        list(fetch_equipment(server.url, KEY, **http))
    assert str(caught.value) == ("GET /api/eq/equips/{key} page 1: the API answered errors: "
                                 "E401 유효하지 않은 인증키입니다")


def test_an_http_error_names_the_path_without_the_key(server, http):
    server.add_route(f"/api/eq/equips/{KEY}", lambda q: (503, {}, "busy"))
    with pytest.raises(SourceUnavailable) as caught:
        list(fetch_equipment(server.url, KEY, **http))
    assert KEY not in str(caught.value) and "/api/eq/equips/{key}" in str(caught.value)


def test_no_key_is_a_clear_error(server, http):
    with pytest.raises(SourceUnavailable, match="no ZEUS API key is configured"):
        list(fetch_equipment(server.url, "", **http))


@pytest.mark.parametrize("value, code", [("활용", "active"), ("유휴", "inactive"), ("불용", "inactive")])
def test_use_state(value, code):
    assert usage_status(value) == code


@pytest.mark.parametrize("value", ["사용", "", None])
def test_an_unknown_use_state_is_an_issue_not_a_default(value):
    with pytest.raises(MappingError) as caught:
        usage_status(value)
    assert caught.value.field == "idleDisuseNm"


@pytest.mark.parametrize("value, code", [
    ("공동활용허용가능", "shared"), ("공동활용 허용가능", "shared"),
    ("단독활용만 가능", "exclusive"), ("단독활용만가능", "exclusive"),
])
def test_sharing_scope(value, code):
    assert sharing_scope(value) == code


@pytest.mark.parametrize("value", ["공동활용불가", "", None])
def test_unknown_sharing_scope_lists_the_known_ones(value):
    with pytest.raises(MappingError) as caught:
        sharing_scope(value)
    assert caught.value.field == "useScopeNm"
    assert "공동활용허용가능, 단독활용만 가능" in str(caught.value)


def test_nfec_number():
    assert nfec_number(" NFEC-2019-03-123456 ") == "NFEC-2019-03-123456"
    for bad in ("NFEC-2019-3-123456", "NFEC-2019-13-123456", "nfec-2019-03-123456", None):
        with pytest.raises(MappingError) as caught:
            nfec_number(bad)
        assert caught.value.field == "equipNo"
        assert "NFEC-YYYY-MM-NNNNNN" in str(caught.value)
