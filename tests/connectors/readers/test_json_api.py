"""Tests of the paged JSON reader against a real local HTTP server."""
from __future__ import annotations

import time

import pytest

from connectors.base import SourceFormatError, SourceRejected, SourceUnavailable
from connectors.readers.json_api import dig, fetch_pages


def paged(items, size):
    """A handler serving items in pages by ?page=&size=, with a total."""
    def handler(query):
        page, per = int(query.get("page", 1)), int(query.get("size", size))
        chunk = items[(page - 1) * per: page * per]
        return 200, {"Content-Type": "application/json"}, _dumps(
            {"data": {"items": chunk, "total": len(items)}})
    return handler


def _dumps(payload):
    import json
    return json.dumps(payload, ensure_ascii=False)


ITEMS = [{"id": f"S-{i:03d}", "name": f"서비스 {i}", "fee": i * 1000, "note": None}
         for i in range(1, 24)]


def test_pages_until_the_total(server, script, http):
    route = script(paged(ITEMS, 10))
    server.add_route("/api/services", route)
    records = list(fetch_pages(f"{server.url}/api/services", page_size=10,
                               items_path="data.items", total_path="data.total",
                               id_field="id", **http))
    assert [r.data for r in records] == ITEMS
    assert [r.source_id for r in records][:2] == ["S-001", "S-002"]
    assert records[12].location == "GET /api/services page 2, item 3"
    assert [q["page"] for q in route.calls] == ["1", "2", "3"]  # no fourth, empty request


def test_stops_at_an_empty_page_without_a_total(server, script, reply_json, http):
    route = script(reply_json({"items": [{"id": 1}, {"id": 2}]}),
                   reply_json({"items": [{"id": 3}]}), reply_json({"items": []}))
    server.add_route("/list", route)
    records = list(fetch_pages(f"{server.url}/list", params={"serviceKey": "k"}, **http))
    assert [r.data["id"] for r in records] == [1, 2, 3]
    assert len(route.calls) == 3 and route.calls[0]["serviceKey"] == "k"


def test_follows_next_links(server, script, reply_json, http):
    pages = {
        "1": reply_json({"results": [{"id": "a"}], "next": "/cursor?page=2&size=1"}),
        "2": reply_json({"results": [{"id": "b"}], "next": f"{server.url}/cursor?page=3&size=1"}),
        "3": reply_json({"results": [{"id": "c"}], "next": None}),
    }
    route = script(lambda q: pages[q["page"]])
    server.add_route("/cursor", route)
    records = list(fetch_pages(f"{server.url}/cursor", params={"token": "t"}, page_size=1,
                               items_path="results", next_path="next", id_field="id", **http))
    assert [r.source_id for r in records] == ["a", "b", "c"]
    assert records[2].location == "GET /cursor page 3, item 1"
    assert all(q["token"] == "t" for q in route.calls)  # the caller's params ride along


def test_next_link_back_to_an_earlier_page_is_a_loop(server, script, reply_json, http):
    pages = {
        "1": reply_json({"items": [{"id": "a"}], "next": "/loop?page=2&size=100"}),
        "2": reply_json({"items": [{"id": "b"}], "next": "/loop?size=100&page=1"}),
    }
    server.add_route("/loop", script(lambda q: pages[q["page"]]))
    with pytest.raises(SourceFormatError) as caught:
        list(fetch_pages(f"{server.url}/loop", next_path="next", id_field="id", **http))
    assert caught.value.location == "GET /loop page 3"
    assert "page loop" in str(caught.value) and "points back to page 1" in str(caught.value)
    assert f"{server.url}/loop" in str(caught.value)


def test_a_page_repeating_earlier_items_is_a_loop(server, script, reply_json, http):
    # An API that ignores the page parameter answers page 1 forever.
    server.add_route("/same", script(reply_json({"items": [{"id": "a"}, {"id": "b"}]})))
    with pytest.raises(SourceFormatError) as caught:
        list(fetch_pages(f"{server.url}/same", id_field="id", **http))
    assert caught.value.location == "GET /same page 2"
    assert "same items as page 1" in str(caught.value)


def test_max_pages_stops_a_runaway(server, http):
    server.add_route("/endless", lambda q: (200, {}, _dumps({"items": [{"n": q["page"]}]})))
    with pytest.raises(SourceFormatError, match="more than 5 pages"):
        list(fetch_pages(f"{server.url}/endless", max_pages=5, **http))


def test_500_then_success_is_retried(server, script, reply_json, http):
    route = script((500, {}, "database restarting"), (503, {"Retry-After": "0"}, "busy"),
                   reply_json({"items": [{"id": "x"}], "total": 1}))
    server.add_route("/flaky", route)
    records = list(fetch_pages(f"{server.url}/flaky", total_path="total", **http))
    assert [r.data for r in records] == [{"id": "x"}]
    assert len(route.calls) == 3


def test_always_500_gives_up_as_unavailable(server, script, http):
    route = script((500, {}, "<html>Internal Server Error</html>"))
    server.add_route("/down", route)
    with pytest.raises(SourceUnavailable) as caught:
        list(fetch_pages(f"{server.url}/down", params={"serviceKey": "SECRET"}, **http))
    assert len(route.calls) == http["retries"] + 1
    message = str(caught.value)
    assert caught.value.location == "GET /down page 1"
    assert "HTTP 500" in message and "Internal Server Error" in message
    assert "gave up after 3 tries" in message and f"{server.url}/down" in message
    assert "SECRET" not in message and "serviceKey=***" in message


def test_4xx_is_rejected_without_retrying(server, script, http):
    route = script((403, {}, '{"error": "invalid api key"}'))
    server.add_route("/forbidden", route)
    with pytest.raises(SourceRejected) as caught:
        list(fetch_pages(f"{server.url}/forbidden", **http))
    assert len(route.calls) == 1
    assert "HTTP 403" in str(caught.value) and "invalid api key" in str(caught.value)
    assert caught.value.location == "GET /forbidden page 1"


def test_dropped_connection_and_timeout_are_retried(server, script, reply_json):
    def slow(query):
        time.sleep(3.0)
        return reply_json({"items": [{"id": "late"}]})

    route = script(None, slow, reply_json({"items": [{"id": "ok"}]}), reply_json({"items": []}))
    server.add_route("/shaky", route)
    records = list(fetch_pages(f"{server.url}/shaky", timeout=1.0, retries=2, backoff=0.001))
    assert [r.data["id"] for r in records] == ["ok"]
    assert len(route.calls) == 4


def test_nothing_listening_is_unavailable(http):
    with pytest.raises(SourceUnavailable, match="connection failed"):
        list(fetch_pages("http://127.0.0.1:9/none", **{**http, "retries": 1}))


def test_invalid_json_is_a_format_error_with_an_excerpt(server, http):
    server.add_route("/html", lambda q: (200, {}, "<html>maintenance</html>"))
    with pytest.raises(SourceFormatError) as caught:
        list(fetch_pages(f"{server.url}/html", **http))
    assert caught.value.location == "GET /html page 1"
    assert "not valid JSON" in str(caught.value) and "maintenance" in str(caught.value)


def test_missing_items_path_names_what_was_found(server, reply_json, http):
    server.add_route("/shape", lambda q: reply_json({"rows": []}))
    with pytest.raises(SourceFormatError, match="no 'items' \\(found: rows\\)"):
        list(fetch_pages(f"{server.url}/shape", **http))


def test_result_code_error_is_rejected(server, reply_json, http):
    server.add_route("/coded", lambda q: reply_json({"resultCode": "22", "resultMsg":
                                                     "LIMITED NUMBER OF SERVICE REQUESTS"}))
    with pytest.raises(SourceRejected) as caught:
        list(fetch_pages(f"{server.url}/coded", status_path="resultCode",
                         message_path="resultMsg", **http))
    assert str(caught.value) == ("GET /coded page 1: the API answered result code 22: "
                                 "LIMITED NUMBER OF SERVICE REQUESTS")


def test_data_go_kr_json_quirks(server, script, reply_json, http):
    # One item comes as an object, and an empty page as "" instead of a list.
    route = script(reply_json({"body": {"items": {"item": {"id": "only"}}}}),
                   reply_json({"body": {"items": ""}}))
    server.add_route("/quirks", route)
    records = list(fetch_pages(f"{server.url}/quirks", items_path="body.items.item", **http))
    assert [r.data for r in records] == [{"id": "only"}]


def test_single_request_when_not_paged(server, script, reply_json, http):
    route = script(reply_json([{"id": 1}, {"id": 2}]))
    server.add_route("/all", route)
    records = list(fetch_pages(f"{server.url}/all", page_param=None, size_param=None,
                               items_path="", **http))
    assert len(records) == 2 and len(route.calls) == 1 and route.calls[0] == {}


def test_dig():
    assert dig({"a": {"b": [1]}}, "a.b") == [1]
    assert dig({"a": 1}, "a.b", "none") == "none"
