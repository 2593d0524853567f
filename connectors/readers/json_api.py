"""Paged JSON REST reader: page numbers or next links, totals, result codes and loop guards."""
from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests

from ..base import SourceFormatError, SourceRecord, SourceRejected
from ..limits import DEFAULT, Limits
from .http_client import HttpClient, PageGuard, excerpt, full_url

_MISSING = object()


def fetch_pages(url: str, *, params: Mapping[str, Any] | None = None,
                page_param: str | None = "page", size_param: str | None = "size",
                page_size: int = 100, items_path: str = "items", next_path: str | None = None,
                total_path: str | None = None, id_field: str | None = None,
                status_path: str | None = None, message_path: str | None = None,
                ok_codes: Collection[str] = ("00",), errors_path: str | None = None,
                secret: str | None = None, timeout: float = 10.0, retries: int = 3,
                backoff: float = 0.5, start_page: int = 1, max_pages: int = 10000,
                client: HttpClient | None = None,
                limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream the items of a paged JSON API as records, one page request at a time.

    Paths are dotted ("data.items"; "" is the body itself). With next_path the reader follows
    the links; otherwise it counts page_param up from start_page (page_param=None: one request).
    It stops at an empty page, a missing next link, or once total_path's count is reached;
    stopping before that count (the largest any page reported) raises SourceIncomplete.
    errors_path names a list of {"code", "message"} that is empty on success (ZEUS); secret is a
    key carried in the URL's path, shown as "{key}" in every location and message.
    """
    http = client or HttpClient(timeout=timeout, retries=retries, backoff=backoff, limits=limits,
                                secrets=(secret,) if secret else ())
    path = (urlsplit(url).path or "/").replace(secret, "{key}") if secret else urlsplit(url).path or "/"
    extra = dict(params or {})
    page = start_page
    link, query = url, _paging(extra, page_param, page, size_param, page_size)
    guard = PageGuard(url.replace(secret, "{key}") if secret else url, max_pages)
    seen, total = 0, None
    try:
        while True:
            label = guard.pages + 1 if next_path or page_param is None else page
            where = f"GET {path} page {label}"
            guard.visit(full_url(link, query), where)
            response = http.get(link, query, where=where)
            body = _json(response, where)
            if status_path:
                _check_status(body, status_path, message_path, ok_codes, where)
            if errors_path:
                check_errors(body, errors_path, where)
            items = _items(body, items_path, where)
            reported = _total(body, total_path, where)
            if reported is not None:
                total = max(total or 0, reported)
            if not items:
                guard.complete(seen, total, where)
                return
            guard.items([_id(item, id_field) for item in items] if id_field else items, where)
            for number, item in enumerate(items, 1):
                yield SourceRecord(f"{where}, item {number}", item, _id(item, id_field))
            seen += len(items)
            if total is not None and seen >= total:
                return
            if next_path:
                following = dig(body, next_path, _MISSING)
                if following in (None, "", _MISSING):
                    guard.complete(seen, total, where)
                    return
                link = urljoin(response.url, str(following))
                # The link carries its own paging; add only the caller's parameters it lacks.
                present = {key for key, _ in parse_qsl(urlsplit(link).query)}
                query = {k: v for k, v in extra.items() if k not in present}
            elif page_param is None:
                guard.complete(seen, total, where)
                return
            else:
                page += 1
                query = _paging(extra, page_param, page, size_param, page_size)
    finally:
        if client is None:
            http.close()


def dig(document: Any, path: str, default: Any = None) -> Any:
    """The value at a dotted path ("data.items") of a JSON document, or default."""
    value = document
    for key in path.split(".") if path else ():
        if not isinstance(value, dict) or key not in value:
            return default
        value = value[key]
    return value


def _paging(extra: dict, page_param: str | None, page: int, size_param: str | None,
            page_size: int) -> dict:
    query = dict(extra)
    if page_param:
        query[page_param] = page
    if size_param:
        query[size_param] = page_size
    return query


def _json(response: requests.Response, where: str) -> Any:
    try:
        return json.loads(response.content)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"the answer is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}): "
            f"{excerpt(response)}", location=where) from None
    except ValueError as exc:
        raise SourceFormatError(f"the answer is not valid JSON text ({exc})",
                                location=where) from None


def _check_status(body: Any, status_path: str, message_path: str | None,
                  ok_codes: Collection[str], where: str) -> None:
    code = dig(body, status_path, _MISSING)
    if code is _MISSING:
        raise SourceFormatError(f"the answer has no result code at {status_path!r}",
                                location=where)
    if str(code).strip() not in ok_codes:
        message = dig(body, message_path, _MISSING) if message_path else _MISSING
        said = f": {message}" if message not in (_MISSING, None, "") else ""
        raise SourceRejected(f"the API answered result code {code}{said}", location=where)


def check_errors(body: Any, errors_path: str, where: str) -> None:
    """Refuse an answer whose error list (errors_path) is missing or not empty."""
    errors = dig(body, errors_path, _MISSING)
    if errors is _MISSING or not isinstance(errors, list):
        raise SourceFormatError(f"the answer has no error list at {errors_path!r}", location=where)
    if errors:
        said = "; ".join(f"{e.get('code', '?')} {e.get('message', '')}".strip()
                         if isinstance(e, dict) else str(e) for e in errors[:5])
        raise SourceRejected(f"the API answered errors: {said}", location=where)


def _items(body: Any, items_path: str, where: str) -> list[dict]:
    value = body
    for key in items_path.split(".") if items_path else ():
        # Some APIs (data.go.kr's JSON among them) send "" or null instead of an empty list.
        if value is None or value == "":
            return []
        if not isinstance(value, dict) or key not in value:
            keys = ", ".join(value) if isinstance(value, dict) else type(value).__name__
            raise SourceFormatError(f"the answer has no {items_path!r} (found: {keys})",
                                    location=where)
        value = value[key]
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        # A one-item page sent as the item itself instead of a list of one.
        value = [value]
    if not isinstance(value, list):
        raise SourceFormatError(f"{items_path or 'the answer'} is a {type(value).__name__}, "
                                "not a list of items", location=where)
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise SourceFormatError(f"the item is a {type(item).__name__}, not an object",
                                    location=f"{where}, item {number}")
    return value


def _total(body: Any, total_path: str | None, where: str) -> int | None:
    if not total_path:
        return None
    value = dig(body, total_path, _MISSING)
    if value in (_MISSING, None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SourceFormatError(f"the total at {total_path!r} is not a number: {value!r}",
                                location=where) from None


def _id(item: dict, id_field: str | None) -> str | None:
    if not id_field:
        return None
    value = item.get(id_field)
    return None if value is None or str(value).strip() == "" else str(value).strip()
