"""A listing that ends before the total the source reported itself is refused, never cut short.

Issue 19: a page that came back empty before totalCount ended the read without a word, and the
sync withdrew what it never read. Each reader (JSON, data.go.kr XML, ZEUS) must now raise
SourceIncomplete naming how much it read of how much, and on which page it stopped."""
from __future__ import annotations

import json

import pytest

from connectors.base import SourceFormatError, SourceIncomplete
from connectors.readers import json_api, xml_api, zeus_api

XML = {"Content-Type": "text/xml; charset=utf-8"}
JSON = {"Content-Type": "application/json"}


def items(n: int) -> list[dict]:
    return [{"id": f"E-{i:04d}", "name": f"장비 {i}"} for i in range(1, n + 1)]


def cut_json(all_items, cut_page: int, total: int | None = None):
    """JSON pages reporting total = len(all_items); from cut_page on, pages are empty."""
    def handler(query):
        page, size = int(query["page"]), int(query["size"])
        chunk = [] if page >= cut_page else all_items[(page - 1) * size: page * size]
        return 200, JSON, json.dumps({"data": {"items": chunk,
                                               "total": len(all_items) if total is None else total}})
    return handler


def test_json_page_empty_before_the_total_fails_with_read_n_of_m(server, http):
    server.add_route("/api/equipment", cut_json(items(340), cut_page=3))
    read = []
    with pytest.raises(SourceIncomplete) as caught:
        for record in json_api.fetch_pages(f"{server.url}/api/equipment", page_size=100,
                                           items_path="data.items", total_path="data.total",
                                           id_field="id", **http):
            read.append(record)
    assert len(read) == 200
    assert "source could not be read completely: read 200 of 340" in str(caught.value)
    assert caught.value.location == "GET /api/equipment page 3"
    assert isinstance(caught.value, SourceFormatError)  # the engine fails the run on it


def test_json_first_page_empty_while_the_total_says_otherwise(server, reply_json, http):
    server.add_route("/api/services", lambda q: reply_json({"items": [], "totalCount": 216}))
    with pytest.raises(SourceIncomplete, match="read 0 of 216"):
        list(json_api.fetch_pages(f"{server.url}/api/services", total_path="totalCount", **http))


def test_json_empty_page_that_shrinks_its_own_total_still_fails(server, http):
    """An empty page reporting total 0 cannot cancel the 340 the earlier pages reported."""
    everything = items(340)

    def handler(query):
        page = int(query["page"])
        if page >= 2:
            return 200, JSON, json.dumps({"data": {"items": [], "total": 0}})
        return 200, JSON, json.dumps({"data": {"items": everything[:100], "total": 340}})
    server.add_route("/api/equipment", handler)
    with pytest.raises(SourceIncomplete, match="read 100 of 340"):
        list(json_api.fetch_pages(f"{server.url}/api/equipment", page_size=100,
                                  items_path="data.items", total_path="data.total", **http))


def test_json_next_link_missing_before_the_total(server, script, reply_json, http):
    server.add_route("/cursor", script(
        reply_json({"results": [{"id": "a"}], "next": "/cursor?page=2", "count": 3}),
        reply_json({"results": [{"id": "b"}], "next": None, "count": 3})))
    with pytest.raises(SourceIncomplete, match="read 2 of 3") as caught:
        list(json_api.fetch_pages(f"{server.url}/cursor", items_path="results",
                                  next_path="next", total_path="count", id_field="id", **http))
    assert caught.value.location == "GET /cursor page 2"


def test_json_complete_read_and_no_total_still_pass(server, http, reply_json, script):
    server.add_route("/api/equipment", cut_json(items(340), cut_page=99))
    assert len(list(json_api.fetch_pages(f"{server.url}/api/equipment", page_size=100,
                                         items_path="data.items", total_path="data.total",
                                         **http))) == 340
    server.add_route("/plain", script(reply_json({"items": [{"id": 1}]}),
                                      reply_json({"items": []})))
    assert len(list(json_api.fetch_pages(f"{server.url}/plain", **http))) == 1


def test_xml_page_empty_before_total_count(server, http):
    everything = items(120)

    def handler(query):
        page, rows = int(query["pageNo"]), int(query["numOfRows"])
        chunk = [] if page >= 2 else everything[:rows]
        return 200, XML, xml_api.render_page(chunk, page_no=page, num_of_rows=rows,
                                             total_count=len(everything))
    server.add_route("/sejong/getEquipList", handler)
    with pytest.raises(SourceIncomplete) as caught:
        list(xml_api.fetch_pages(f"{server.url}/sejong/getEquipList", id_field="id", **http))
    assert "read 100 of 120" in str(caught.value)
    assert caught.value.location == "GET /sejong/getEquipList page 2"


def test_zeus_page_empty_before_total_count(server, http):
    everything = [{"equipId": f"Z{i:06d}", "korNm": "질량분석기", "confirmYn": "Y", "deleteYn": "N"}
                  for i in range(1, 251)]

    def handler(query):
        page, rows = int(query["page"]), int(query["pageSize"])
        chunk = [] if page >= 3 else everything[(page - 1) * rows: page * rows]
        return 200, JSON, json.dumps(zeus_api.zeus_page(chunk, page=page, page_size=rows, total=250))
    server.add_route("/api/eq/equips/KEY", handler)
    with pytest.raises(SourceIncomplete, match="read 200 of 250") as caught:
        list(zeus_api.fetch_equipment(server.url, "KEY", details=False, **http))
    assert caught.value.location == "GET /api/eq/equips/{key} page 3"
