"""data.go.kr-style XML OpenAPI reader, parsed with defusedxml (no DTDs, no entities).

A page looks like:
<response><header><resultCode>00</resultCode><resultMsg>NORMAL SERVICE.</resultMsg></header>
<body><items><item><equipNm>...</equipNm>...</item>...</items>
<numOfRows>100</numOfRows><pageNo>1</pageNo><totalCount>250</totalCount></body></response>
Each item's child elements become the record: tag -> text (None when empty; nested children
become a dict, repeated tags a list).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from ..base import SourceFormatError, SourceRecord, SourceRejected
from ..limits import DEFAULT, Limits
from .http_client import HttpClient, PageGuard, full_url

OK_CODES = ("00",)


@dataclass(frozen=True)
class XmlPage:
    """One parsed page: its items as dicts, and the paging fields it reported."""

    items: list[dict[str, Any]]
    total_count: int | None
    page_no: int | None
    num_of_rows: int | None


def fetch_pages(url: str, *, params: Mapping[str, Any] | None = None,
                page_param: str = "pageNo", size_param: str = "numOfRows", page_size: int = 100,
                id_field: str | None = None, ok_codes: Collection[str] = OK_CODES,
                timeout: float = 10.0, retries: int = 3, backoff: float = 0.5,
                start_page: int = 1, max_pages: int = 10000, client: HttpClient | None = None,
                limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream the items of a data.go.kr XML OpenAPI, paging by pageNo until totalCount.

    An empty page before totalCount (the largest any page reported) raises SourceIncomplete."""
    http = client or HttpClient(timeout=timeout, retries=retries, backoff=backoff, limits=limits)
    path = urlsplit(url).path or "/"
    guard = PageGuard(url, max_pages)
    page, seen, total = start_page, 0, None
    try:
        while True:
            where = f"GET {path} page {page}"
            query = {**(params or {}), page_param: page, size_param: page_size}
            guard.visit(full_url(url, query), where)
            response = http.get(url, query, where=where)
            parsed = read_page(response.content, where=where, ok_codes=ok_codes)
            if parsed.total_count is not None:
                total = max(total or 0, parsed.total_count)
            if not parsed.items:
                guard.complete(seen, total, where)
                return
            guard.items([item.get(id_field) for item in parsed.items] if id_field
                        else parsed.items, where)
            for number, item in enumerate(parsed.items, 1):
                source_id = _text_id(item.get(id_field)) if id_field else None
                yield SourceRecord(f"{where}, item {number}", item, source_id)
            seen += len(parsed.items)
            if total is not None and seen >= total:
                return
            page += 1
    finally:
        if client is None:
            http.close()


def read_page(content: bytes, *, where: str, ok_codes: Collection[str] = OK_CODES) -> XmlPage:
    """Parse one page safely; SourceRejected for an error result, SourceFormatError otherwise."""
    root = _parse(content, where)
    tag = _local(root.tag)
    if tag == "OpenAPI_ServiceResponse":
        # data.go.kr's gateway answers key and quota problems in this other envelope.
        code = (root.findtext("cmmMsgHeader/returnReasonCode") or "").strip()
        message = (root.findtext("cmmMsgHeader/returnAuthMsg")
                   or root.findtext("cmmMsgHeader/errMsg") or "").strip()
        raise SourceRejected(f"the API gateway refused the request: result code {code}: "
                             f"{message}", location=where)
    if tag != "response":
        raise SourceFormatError(f"expected a <response> document, got <{tag}>", location=where)
    code = root.findtext("header/resultCode")
    if code is None:
        raise SourceFormatError("the answer has no response/header/resultCode", location=where)
    if code.strip() not in ok_codes:
        message = (root.findtext("header/resultMsg") or "").strip()
        raise SourceRejected(f"the API answered resultCode {code.strip()}: {message}",
                             location=where)
    items = [_children(item) for item in root.iterfind("body/items/item")]
    return XmlPage(items, _number(root, "body/totalCount", where),
                   _number(root, "body/pageNo", where), _number(root, "body/numOfRows", where))


def render_page(items: list[Mapping[str, Any]], *, page_no: int, num_of_rows: int,
                total_count: int, result_code: str = "00",
                result_msg: str = "NORMAL SERVICE.") -> bytes:
    """A page in the format read_page reads; sample generators and tests use it."""
    root = ET.Element("response")
    header = ET.SubElement(root, "header")
    ET.SubElement(header, "resultCode").text = result_code
    ET.SubElement(header, "resultMsg").text = result_msg
    body = ET.SubElement(root, "body")
    holder = ET.SubElement(body, "items")
    for item in items:
        element = ET.SubElement(holder, "item")
        for key, value in item.items():
            ET.SubElement(element, key).text = None if value is None else str(value)
    for key, value in (("numOfRows", num_of_rows), ("pageNo", page_no),
                       ("totalCount", total_count)):
        ET.SubElement(body, key).text = str(value)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _parse(content: bytes, where: str) -> ET.Element:
    try:
        return SafeET.fromstring(content, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceFormatError(
            f"XML refused as hostile: it declares a DTD or entities ({type(exc).__name__}), "
            "which can expand without bound (billion laughs) or read local files; data.go.kr "
            "answers never carry them", location=where) from None
    except ET.ParseError as exc:
        start = " ".join(content[:300].decode("utf-8", "replace").split())[:200]
        raise SourceFormatError(f"the answer is not valid XML ({exc}): {start}",
                                location=where) from None


def _children(element: ET.Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in element:
        key = _local(child.tag)
        value = _children(child) if len(child) else child.text
        if key in out:
            previous = out[key]
            out[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[key] = value
    return out


def _number(root: ET.Element, path: str, where: str) -> int | None:
    text = root.findtext(path)
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise SourceFormatError(f"{path.split('/')[-1]} is not a number: {text!r}",
                                location=where) from None


def _text_id(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
