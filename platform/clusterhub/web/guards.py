"""Guards every request passes before a view runs: what a client sends that no view could use.

- A URL longer than MAX_URL_LENGTH (4,096 bytes, path and query): a 414 in the app's JSON shape
  under /api/ and the site's own page elsewhere. gunicorn's limit (deploy/gunicorn.conf.py,
  8,190) and nginx's are above it, so their bare 414 pages only meet longer request lines.
- A NUL character (U+0000) anywhere in the path, the query, a header (Basic credentials
  decoded), a form field, an uploaded file's name or a JSON body: PostgreSQL refuses it in text
  (a 500 there) while SQLite stores it, so it is refused here, the same on both: 404 for a path,
  400 naming the field otherwise.
- Ids out of range: every route with a numeric id takes it through the `id` converter
  (`<id:ticket_id>`), which matches 1 … 2^31-1 only (PostgreSQL's integer; SQLite overflows at
  2^63), so any other number is a 404 before the database is asked.
- JSON nested deeper than MAX_DEPTH levels (a listing document needs about six): the app's JSON
  loader measures what it parsed, and turns the parser's RecursionError into the same 400.
"""
from __future__ import annotations

from flask import Flask, current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestURITooLarge
from werkzeug.routing import IntegerConverter

from ..errors import BadRequest, NotFound
from ..messages import N_

NUL = "\x00"
# Pushed batches get a per-record issue for a NUL from the sync engine, not a 400 for the batch.
NUL_CHECKED_BY_VIEW = frozenset({"api.push_listings"})
NUL_IN_PATH = N_("No page at this address: it contains a NUL character.")
NUL_FOUND = N_("The request was refused: %(where)s contains a NUL character (U+0000), which "
               "text here cannot hold. Remove it and send again.")
NUL_HERE = N_("contains a NUL character")


def _shown(key: str) -> str:
    """A key as an error names it, its NUL spelled out."""
    return key.replace(NUL, "\\u0000")


def nul_path(value, path: str) -> str | None:
    """The path ("body.tickets[2].name") of the first string or key holding a NUL, else None."""
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            if NUL in node:
                return where
        elif isinstance(node, dict):
            for key, item in node.items():
                if NUL in key:
                    return f"{where}.{_shown(key)}"
                stack.append((item, f"{where}.{key}"))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))
    return None


def _refuse(where: str):
    raise BadRequest(NUL_FOUND, [{"path": where, "message": NUL_HERE}], where=where)


MAX_URL_LENGTH = 4096


def refuse_long_url() -> None:
    """414 for a URL (path and query as sent) over the app's MAX_URL_LENGTH."""
    environ = request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or request.full_path
    if len(raw) > current_app.config["MAX_URL_LENGTH"]:
        raise RequestURITooLarge()


def refuse_nul() -> None:
    """404 for a NUL in the path; 400 naming the place for one in the query, a form or JSON."""
    if NUL in request.path:
        raise NotFound(NUL_IN_PATH)
    for part, values in (("query", request.args), ("form", request.form)):
        for key, value in values.items(multi=True):
            if NUL in key or NUL in value:
                _refuse(f"{part}.{_shown(key)}")
    for key, value in request.headers.items():
        if NUL in value:
            _refuse(f"header.{key}")
    credentials = request.authorization  # Basic credentials are base64: a NUL hides in them
    if credentials is not None and any(NUL in (part or "") for part in (
            credentials.username, credentials.password, credentials.token)):
        _refuse("header.Authorization")
    for key, upload in request.files.items(multi=True):
        if NUL in (upload.filename or ""):
            _refuse(f"form.{key}")
    if request.is_json and request.endpoint not in NUL_CHECKED_BY_VIEW:
        # JSON spells a NUL \u0000 (a raw one is invalid JSON): parse only when it may be there.
        if b"\\u0000" in request.get_data(cache=True):
            where = nul_path(request.get_json(silent=True), "body")
            if where:
                _refuse(where)


MAX_DEPTH = 64
TOO_DEEP = N_("The JSON body is nested more than %(limit)d levels deep; at most %(limit)d are read.")


def nesting(value, limit: int = MAX_DEPTH) -> int:
    """How deep the arrays and objects of a parsed JSON value nest, counted level by level (no
    recursion) and only up to limit + 1."""
    level, deepest = ([value] if isinstance(value, (dict, list)) else []), 0
    while level and deepest <= limit:
        deepest += 1
        inner = []
        for node in level:
            inner.extend(v for v in (node.values() if isinstance(node, dict) else node)
                         if isinstance(v, (dict, list)))
        level = inner
    return deepest


class DepthLimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing a value nested deeper than MAX_DEPTH (the parser's own recursion
    limit is about 1,000; deeper values would also break whatever walks them next).

    The error is a 400 even for get_json(silent=True): it is no ValueError to be silenced."""

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            value = None
            depth = MAX_DEPTH + 1
        else:
            depth = nesting(value)
        if depth > MAX_DEPTH:
            raise BadRequest(TOO_DEEP, [{"path": "body", "message": TOO_DEEP,
                                         "params": {"limit": MAX_DEPTH}}], limit=MAX_DEPTH)
        return value


class IdConverter(IntegerConverter):
    """A row id: 1 … 2^31-1, the range of an integer column on every database we run."""

    def __init__(self, map, **kwargs):
        super().__init__(map, min=1, max=MAX_ID, **kwargs)


MAX_ID = 2**31 - 1


def init_app(app: Flask) -> None:
    """Register before the blueprints: their rules compile with the `id` converter."""
    app.url_map.converters["id"] = IdConverter
    app.config.setdefault("MAX_URL_LENGTH", MAX_URL_LENGTH)
    app.before_request(refuse_long_url)
    app.before_request(refuse_nul)
