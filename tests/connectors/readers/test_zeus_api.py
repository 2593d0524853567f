"""Tests of the ZEUS equipment reader, served from a sample folder, and of its code mappings."""
from __future__ import annotations

import json

import pytest

from connectors.base import MappingError, SourceRejected
from connectors.readers.zeus_api import (
    FIELDS, fetch_equipment, nfec_number, sharing_scope, zeus_page,
)

SCOPES = ["공동활용허용가능", "단독활용만 가능"]


def equipment(n: int) -> list[dict]:
    return [{"equipId": f"Z{i:06d}", "equipNo": f"NFEC-2019-{i % 12 + 1:02d}-{i:06d}",
             "korNm": "액체크로마토그래프 질량분석기", "engNm": "LC-MS/MS", "statusCd": "01",
             "statusNm": "정상", "useScopeNm": SCOPES[i % 2], "idleDisuseNm": "활용",
             "organNm": "오송첨단의료산업진흥재단", "rndNm": "신약개발지원센터 구축사업"}
            for i in range(1, n + 1)]


@pytest.fixture
def zeus_samples(samples_dir):
    """A zeus_api cluster folder as the sample generator writes it: 250 items, 100 a page."""
    items = equipment(250)
    folder = samples_dir / "osong_zeus" / "equipment"
    folder.mkdir(parents=True)
    for page in (1, 2, 3):
        chunk = items[(page - 1) * 100: page * 100]
        (folder / f"page-{page:04d}.json").write_text(json.dumps(
            zeus_page(chunk, page_no=page, num_of_rows=100, total_count=250),
            ensure_ascii=False), encoding="utf-8")
    (samples_dir / "osong_zeus" / "manifest.json").write_text(json.dumps({
        "format": "zeus_api",
        "endpoints": {"equipment": {"page_size": 100, "pages": 3, "total": 250}}}))
    return items


def test_pages_through_the_list_keyed_by_equip_id(server, zeus_samples, http):
    records = list(fetch_equipment(f"{server.url}/osong_zeus/equipment",
                                   params={"serviceKey": "KEY"}, page_size=100, **http))
    assert [r.data for r in records] == zeus_samples
    assert set(records[0].data) == set(FIELDS)
    assert records[0].source_id == "Z000001"
    assert records[249].location == "GET /osong_zeus/equipment page 3, item 50"


def test_a_result_code_error_is_rejected(server, http):
    server.add_route("/zeus/list", lambda q: (200, {}, json.dumps(zeus_page(
        [], page_no=1, num_of_rows=100, total_count=0, result_code="99",
        result_msg="인증키가 유효하지 않습니다"), ensure_ascii=False)))
    with pytest.raises(SourceRejected) as caught:
        list(fetch_equipment(f"{server.url}/zeus/list", **http))
    assert str(caught.value) == ("GET /zeus/list page 1: the API answered result code 99: "
                                 "인증키가 유효하지 않습니다")


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
