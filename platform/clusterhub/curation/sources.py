"""A cluster's source as an operator reads it: the connector's settings as a table (never secrets,
class names or local paths) and each issue's place in the source file (file, sheet, row, column);
and the administrator's change of a cluster's source setting, checked and written to the audit log.

Only administrators change a source: its folder and address make the server read that folder or
call that host, which is the server's business, not one cluster's. Operators see it."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlmodel import Session

from ..auth.roles import ADMIN, check_role
from ..catalog import clusters
from ..errors import Invalid, NotFound
from ..messages import N_
from ..models import ClusterSource, utcnow
from ..sync import sources as sync_sources
from . import audit



@dataclass(frozen=True)
class SourceRow:
    kind: str       # equipment, service, expert
    source: str     # a file name and its sheets, or an API path: never a local directory
    format: str     # an N_ text


def table(info: dict) -> list[SourceRow]:
    """The rows of a connector's describe(): what it reads for each kind, in what format."""
    fmt = sync_sources.FORMAT_LABELS.get(info.get("format", ""), info.get("format", ""))
    rows = []
    for spec in (info.get("tables") or {}).values():
        source = str(spec.get("source", ""))
        rows.append(SourceRow(spec.get("kind", ""), source.replace("{cluster}", info.get("code", "")), fmt))
    return rows


@dataclass(frozen=True)
class Place:
    """Where an issue's record sits in the export."""

    source: str = ""  # file name or API path
    sheet: str = ""
    row: str = ""     # "12", "line 40", or "page 3, item 7" for an API
    column: str = ""


PART = re.compile(r"^(?:(?P<sheet>sheet) (?P<sheet_name>.+)|(?P<unit>row|line|item) (?P<n>\d+)"
                  r"|column (?P<column>.+))$")
PAGE = re.compile(r"^(?P<path>GET \S+) page (?P<page>\S+)$")


def place(location: str | None, column: str | None = None) -> Place:
    """Split a connector's location ("kmedihub.xlsx, sheet 연구장비, row 12, column 분야",
    "GET /kmedihub/equipment page 3, item 7") into its parts; what does not parse stays whole.
    The source column named in the location wins over column (older issues: the field)."""
    parts = [p.strip() for p in (location or "").split(", ") if p.strip()]
    source, sheet, row = (parts[0] if parts else ""), "", ""
    page = PAGE.match(source)
    if page:
        source, row = page["path"], f"page {page['page']}"
    for part in parts[1:]:
        m = PART.match(part)
        if m and m["column"]:
            column = m["column"]
        elif m and m["sheet"]:
            sheet = m["sheet_name"]
        elif m and m["unit"] == "row":
            row = f"{row}, {m['n']}" if row else m["n"]
        elif m:
            row = f"{row}, {m['unit']} {m['n']}" if row else f"{m['unit']} {m['n']}"
        else:
            source = f"{source}, {part}"
    return Place(source, sheet, row, column or "")


FIELDS = ("files_dir", "base_url", "paging", "page_size", "organ", "key_secret")
SECRET_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,127}$")
MAX_PAGE_SIZE = 1000


def applies(fmt: str) -> tuple[str, ...]:
    """The fields a source of the format has."""
    if fmt == "zeus_api":
        return ("base_url", "page_size", "organ", "key_secret")
    if fmt in sync_sources.API_FORMATS:
        return ("base_url", "paging", "page_size")
    return ("files_dir",)


def values(row: ClusterSource | None) -> dict:
    return {f: getattr(row, f) if row else None for f in FIELDS}


def save(session: Session, user, code: str, form: Mapping[str, str],
         config: Mapping | None = None) -> ClusterSource | None:
    """Set the cluster's source from form (an empty field: the environment's default); an
    administrator only. Invalid names each wrong field; an unchanged setting writes nothing. The
    caller commits (the setting and its audit entry together)."""
    from connectors import registry
    from connectors.base import UnknownConnector

    check_role(user, ADMIN)
    if clusters.get(session, code) is None:
        raise NotFound(N_("No cluster %(cluster)s."), cluster=repr(code))
    try:
        fmt = registry.get(code).source_format
    except UnknownConnector:
        raise NotFound(N_("Cluster %(cluster)s has no connector: it sends its listings through "
                          "the push API."), cluster=code) from None
    wanted, errors = _checked(fmt, {f: str(form.get(f) or "").strip() for f in FIELDS})
    row = sync_sources.setting(session, code)
    secret = wanted["key_secret"]
    if secret and secret in _keys(code, config or {}, row.key_secret if row else None):  # never store or log a pasted key
        wanted["key_secret"] = None
        errors.append({"path": "key_secret", "message": N_(
            "this is the API key itself; give the NAME of the secret that holds it")})
    if errors:
        raise Invalid(N_("The source was not changed: %(problems)s"), errors, problems=errors)
    before = values(row)
    if before == wanted:
        return row
    row = row or ClusterSource(cluster=code)
    for name, value in wanted.items():
        setattr(row, name, value)
    row.updated_by, row.updated_at = getattr(user, "email", "") or "system", utcnow()
    session.add(row)
    audit.record(session, user, "source.update", f"cluster:{code}", cluster=code,
                 before={k: v for k, v in before.items() if v is not None},
                 after={k: v for k, v in wanted.items() if v is not None},
                 reason=str(form.get("reason") or ""))
    return row


def _keys(code: str, config: Mapping, current: str | None) -> set[str]:
    """The cluster's API keys the server holds now (under the default name or its setting's)."""
    names = {sync_sources.default_secret(code), current or sync_sources.default_secret(code)}
    found = {sync_sources.api_key(code, n, config)[0] for n in names}
    return {k for k in found if k}


def _checked(fmt: str, raw: dict[str, str]) -> tuple[dict, list[dict]]:
    """The values to store (None for empty) and an error per wrong field."""
    errors: list[dict] = []

    def wrong(field: str, message: str, **params) -> None:
        errors.append({"path": field, "message": message, "params": params})

    out: dict = dict.fromkeys(FIELDS)
    mine = applies(fmt)
    for field in FIELDS:
        if raw[field] and field not in mine:
            wrong(field, N_("does not apply to a %(format)s source; leave it empty"),
                  format=sync_sources.FORMAT_LABELS.get(fmt, fmt))
    if raw["files_dir"] and "files_dir" in mine:
        folder = Path(raw["files_dir"])
        if not folder.is_absolute():
            wrong("files_dir", N_("give an absolute path, such as /srv/exports/%(name)s"),
                  name="cluster")
        elif not folder.is_dir():
            wrong("files_dir", N_("no folder %(path)s on the server"), path=str(folder))
        elif not os.access(folder, os.R_OK | os.X_OK):
            wrong("files_dir", N_("the server may not read the folder %(path)s"), path=str(folder))
        else:
            out["files_dir"] = str(folder)
    if raw["base_url"] and "base_url" in mine:
        url = raw["base_url"]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
            wrong("base_url", N_("give an http:// or https:// address, such as "
                                 "https://api.example.or.kr/equipment"))
        elif parts.username or parts.password:
            wrong("base_url", N_("the address must not hold a user name or password; keep keys in "
                                 "the API key secret"))
        elif parts.query or parts.fragment:
            wrong("base_url", N_("the address must not hold a query (?…) or fragment (#…); keys "
                                 "belong in the API key secret"))
        else:
            out["base_url"] = url.rstrip("/")
    if raw["paging"] and "paging" in mine:
        if raw["paging"] not in sync_sources.PAGING or (fmt == "xml_api" and raw["paging"] == "single"):
            wrong("paging", N_("choose one of %(choices)s"), choices=", ".join(
                p for p in sync_sources.PAGING if fmt != "xml_api" or p != "single"))
        else:
            out["paging"] = raw["paging"]
    if raw["page_size"] and "page_size" in mine:
        size = int(raw["page_size"]) if raw["page_size"].isdigit() else 0
        if not 1 <= size <= MAX_PAGE_SIZE:
            wrong("page_size", N_("give a whole number from 1 to %(most)s"), most=MAX_PAGE_SIZE)
        else:
            out["page_size"] = size
    if raw["organ"] and "organ" in mine:
        if len(raw["organ"]) > 200:
            wrong("organ", N_("at most 200 characters"))
        else:
            out["organ"] = raw["organ"]
    if raw["key_secret"] and "key_secret" in mine:
        if not SECRET_NAME.match(raw["key_secret"]):
            wrong("key_secret", N_("give the NAME of the environment variable or credential that "
                                   "holds the key (capital letters, digits and _), never the key"))
        else:
            out["key_secret"] = raw["key_secret"]
    return out, errors
