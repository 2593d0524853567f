"""Tests of the data.go.kr XML reader: paging, result codes and hostile XML, over real HTTP."""
from __future__ import annotations

import pytest

from connectors.base import SourceFormatError, SourceRejected
from connectors.readers.xml_api import fetch_pages, read_page, render_page

XML = {"Content-Type": "text/xml;charset=UTF-8"}
ITEMS = [{"instNm": "오송첨단의료산업진흥재단", "equipNm": f"유세포분석기 {i}",
          "equipSn": f"E{i:03d}", "rmk": None} for i in range(1, 26)]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<response><header><resultCode>00</resultCode><resultMsg>&lol9;</resultMsg></header>
<body><items/><totalCount>0</totalCount></body></response>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE response [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<response><header><resultCode>00</resultCode><resultMsg>OK</resultMsg></header>
<body><items><item><equipNm>&x;</equipNm></item></items><totalCount>1</totalCount></body>
</response>"""


def paged(items):
    def handler(query):
        page, rows = int(query["pageNo"]), int(query["numOfRows"])
        chunk = items[(page - 1) * rows: page * rows]
        return 200, XML, render_page(chunk, page_no=page, num_of_rows=rows,
                                     total_count=len(items))
    return handler


def test_pages_by_page_no_until_total_count(server, script, http):
    route = script(paged(ITEMS))
    server.add_route("/B551182/equipService/getEquipList", route)
    records = list(fetch_pages(f"{server.url}/B551182/equipService/getEquipList",
                               params={"serviceKey": "KEY"}, page_size=10, id_field="equipSn",
                               **http))
    assert [r.data for r in records] == ITEMS
    assert records[24].source_id == "E025"
    assert records[24].location == "GET /B551182/equipService/getEquipList page 3, item 5"
    assert [q["pageNo"] for q in route.calls] == ["1", "2", "3"]
    assert route.calls[0] == {"serviceKey": "KEY", "pageNo": "1", "numOfRows": "10"}


def test_result_code_error_is_rejected_quoting_the_message(server, http):
    body = render_page([], page_no=1, num_of_rows=10, total_count=0, result_code="30",
                       result_msg="SERVICE KEY IS NOT REGISTERED ERROR.")
    server.add_route("/api", lambda q: (200, XML, body))
    with pytest.raises(SourceRejected) as caught:
        list(fetch_pages(f"{server.url}/api", **http))
    assert str(caught.value) == ("GET /api page 1: the API answered resultCode 30: "
                                 "SERVICE KEY IS NOT REGISTERED ERROR.")


def test_gateway_error_envelope_is_rejected(server, http):
    body = ("<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg>"
            "<returnAuthMsg>LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR</returnAuthMsg>"
            "<returnReasonCode>22</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>")
    server.add_route("/api", lambda q: (200, XML, body))
    with pytest.raises(SourceRejected) as caught:
        list(fetch_pages(f"{server.url}/api", **http))
    assert caught.value.location == "GET /api page 1"
    assert "result code 22: LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR" in str(caught.value)


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY],
                         ids=["billion-laughs", "external-entity"])
def test_hostile_xml_is_refused(server, http, payload):
    server.add_route("/evil", lambda q: (200, XML, payload))
    with pytest.raises(SourceFormatError) as caught:
        list(fetch_pages(f"{server.url}/evil", **http))
    assert caught.value.location == "GET /evil page 1"
    assert "XML refused as hostile" in str(caught.value)
    assert "root:" not in str(caught.value)


def test_hostile_xml_on_a_later_page_names_that_page(server, script, http):
    first = render_page(ITEMS[:10], page_no=1, num_of_rows=10, total_count=25)
    server.add_route("/evil", script((200, XML, first), (200, XML, EXTERNAL_ENTITY)))
    records = fetch_pages(f"{server.url}/evil", page_size=10, **http)
    with pytest.raises(SourceFormatError) as caught:
        for _ in records:
            pass
    assert caught.value.location == "GET /evil page 2"


def test_malformed_xml_is_a_format_error(server, http):
    server.add_route("/cut", lambda q: (200, XML, "<response><header><resultCode>00</result"))
    with pytest.raises(SourceFormatError) as caught:
        list(fetch_pages(f"{server.url}/cut", **http))
    assert caught.value.location == "GET /cut page 1"
    assert "not valid XML" in str(caught.value)


def test_500_then_success_uses_the_shared_retries(server, script, http):
    good = render_page(ITEMS[:2], page_no=1, num_of_rows=10, total_count=2)
    route = script((502, {}, "Bad Gateway"), (200, XML, good))
    server.add_route("/api", route)
    assert len(list(fetch_pages(f"{server.url}/api", page_size=10, **http))) == 2
    assert len(route.calls) == 2


def test_stops_at_an_empty_page_when_total_count_is_missing(server, script, http):
    body = (b"<response><header><resultCode>00</resultCode></header><body><items>"
            b"<item><a>1</a></item></items></body></response>")
    empty = (b"<response><header><resultCode>00</resultCode></header><body><items/></body>"
             b"</response>")
    route = script((200, XML, body), (200, XML, empty))
    server.add_route("/api", route)
    assert [r.data for r in fetch_pages(f"{server.url}/api", **http)] == [{"a": "1"}]
    assert len(route.calls) == 2


def test_item_children_become_the_record():
    content = ("<response><header><resultCode>00</resultCode></header><body><items><item>"
               "<name>NMR</name><empty/><tel>043</tel><tel>044</tel>"
               "<addr><city>청주</city></addr></item></items><totalCount>1</totalCount>"
               "<pageNo>1</pageNo><numOfRows>10</numOfRows></body></response>").encode()
    page = read_page(content, where="test")
    assert page.items == [{"name": "NMR", "empty": None, "tel": ["043", "044"],
                           "addr": {"city": "청주"}}]
    assert (page.total_count, page.page_no, page.num_of_rows) == (1, 1, 10)


def test_wrong_document_and_bad_counts_are_format_errors():
    with pytest.raises(SourceFormatError, match="expected a <response> document, got <html>"):
        read_page(b"<html><body>maintenance</body></html>", where="w")
    with pytest.raises(SourceFormatError, match="no response/header/resultCode"):
        read_page(b"<response><body/></response>", where="w")
    with pytest.raises(SourceFormatError, match="totalCount is not a number"):
        read_page(b"<response><header><resultCode>00</resultCode></header><body>"
                  b"<totalCount>many</totalCount></body></response>", where="w")
