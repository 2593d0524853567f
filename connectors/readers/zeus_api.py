"""Reader of the real ZEUS (national research equipment service) equipment API, and its codes.

Built against a real answer (../shared/reference/zeus/equips-list-response.json):

- list: GET {base}/api/eq/equips/{apiKey}?page=N&pageSize=S. The key is a path segment; it is
  shown as "{key}" in every location and message. The answer carries total, page, pageCount,
  pageSize, the records in pageList and an errors list of {code, message}, empty on success.
- detail: GET {base}/api/eq/equips/{equipId}/{apiKey}. A list record has no maker, model,
  acquisition date, standard class or installation place; the detail call adds them where the
  registry has them. Its answer's shape is not in the reference: the record is read from the
  body itself or from its "equip"/"data"/"result" object, and only DETAIL_FIELDS are taken. A
  detail call that fails keeps the list record as it is (a name, a scope and an owner make a
  valid ZEUS record).
- deleteYn "Y" or confirmYn other than "Y": not a published piece of equipment; left out, so a
  sync withdraws it if it was published before.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

from ..base import ConnectorError, MappingError, SourceRecord, SourceUnavailable
from ..limits import DEFAULT, Limits
from . import json_api
from .http_client import HttpClient

# The fields of a real list record, in the order the API sends them.
FIELDS = ("equipId", "equipCd", "equipNo", "fixedAsetNo", "korNm", "engNm", "confirmYn",
          "deleteYn", "statusCd", "statusNm", "registDt", "modifyDt", "registId", "useScopeCd",
          "useScopeNm", "idleDisuseCd", "idleDisuseNm", "organCd", "organNm", "rndYn", "rndNm",
          "registNm", "apiYn", "orgMgntNo")
# Staff e-mail and name: personal data, dropped as the record is read, never stored.
PERSONAL = ("registId", "registNm")
DETAIL_FIELDS = ("makerNm", "modelNm", "takeDt", "stdClsNm", "installPlaceNm")
# useScopeNm as ZEUS writes it -> the shared sharing_scopes vocabulary. Compared without spaces,
# because exports disagree on "단독활용만 가능" versus "단독활용만가능".
SHARING_SCOPES = {"공동활용허용가능": "shared", "단독활용만가능": "exclusive"}
# idleDisuseNm -> the shared statuses vocabulary: in use, or idle / to be disposed of.
USAGE = {"활용": "active", "유휴": "inactive", "불용": "inactive", "처분": "inactive",
         "폐기": "inactive", "이관": "inactive"}
# The word a record without a standard class (the list call alone) is filed under: unknown to
# every cluster's categories, so it lands in the curators' mapping queue (docs/curation.md).
NO_CLASS = "분류 없음"
NFEC_NO = re.compile(r"NFEC-(\d{4})-(0[1-9]|1[0-2])-(\d{6})")


def fetch_equipment(base_url: str, api_key: str, *, organ: str | None = None,
                    page_size: int = 100, details: bool = True, detail_workers: int = 4,
                    timeout: float = 10.0, retries: int = 3, backoff: float = 0.5,
                    max_pages: int = 10000, client: HttpClient | None = None,
                    limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream the published equipment of a ZEUS API, page by page, keyed by equipId.

    organ keeps only one organisation's records (organCd or organNm); details=True enriches
    each page's records with the detail call, at most detail_workers at a time."""
    if not api_key:
        raise SourceUnavailable("no ZEUS API key is configured for this cluster",
                          location="GET /api/eq/equips/{key}")
    http = client or HttpClient(timeout=timeout, retries=retries, backoff=backoff,
                                limits=limits, secrets=(api_key,))
    base = base_url.rstrip("/")
    key = quote(api_key, safe="")
    try:
        pages = json_api.fetch_pages(
            f"{base}/api/eq/equips/{key}", page_param="page", size_param="pageSize",
            page_size=page_size, items_path="pageList", total_path="total", id_field="equipId",
            errors_path="errors", secret=key, max_pages=max_pages, client=http, limits=limits)
        for batch in _batches(pages, page_size):
            kept = [r for r in batch if published(r.data) and _of(r.data, organ)]
            if details and kept:
                kept = _enrich(http, base, key, kept, detail_workers)
            for record in kept:
                yield SourceRecord(record.location, _without_personal(record.data),
                                   record.source_id)
    finally:
        if client is None:
            http.close()


def published(record: Mapping[str, Any]) -> bool:
    """A confirmed, not deleted registration: the only kind the catalog shows."""
    return (str(record.get("deleteYn") or "N").strip().upper() != "Y"
            and str(record.get("confirmYn") or "").strip().upper() == "Y")


def detail(http: HttpClient, base: str, key: str, equip_id: str) -> dict[str, Any]:
    """The DETAIL_FIELDS the detail call gives for one record (those it has)."""
    where = f"GET /api/eq/equips/{equip_id}/{{key}}"
    response = http.get(f"{base}/api/eq/equips/{quote(equip_id, safe='')}/{key}", where=where)
    body = json_api._json(response, where)
    if isinstance(body, dict) and isinstance(body.get("errors"), list):
        json_api.check_errors(body, "errors", where)
    found = body
    for name in ("equip", "data", "result"):
        if isinstance(body, dict) and isinstance(body.get(name), dict):
            found = body[name]
            break
    if not isinstance(found, dict):
        return {}
    return {f: found[f] for f in DETAIL_FIELDS if found.get(f) not in (None, "")}


def zeus_page(items: list[Mapping[str, Any]], *, page: int, page_size: int, total: int,
              errors: list[dict] | None = None) -> dict:
    """A list answer in the real envelope; the sample generator and tests use it."""
    page_count = -(-total // page_size) if page_size else 1
    return {"fixedAsetNo": None, "equipNm": None, "registId": None, "registNm": None,
            "equipNo": None, "confirmYn": None, "deleteYn": None, "keywords": None,
            "subjects": None, "orgMgntNoYn": None, "orgMgntNo": None, "sort": "equipId",
            "sortOrder": "desc", "total": total, "page": page, "pageCount": page_count,
            "pageSize": page_size, "firstLinkedPage": 1, "lastLinkedPage": min(page_count, 10),
            "pageList": list(items), "errors": list(errors or [])}


def sharing_scope(use_scope_nm: str | None) -> str:
    """The shared sharing_scopes code ("shared" or "exclusive") of a ZEUS useScopeNm."""
    key = "".join((use_scope_nm or "").split())
    if key in SHARING_SCOPES:
        return SHARING_SCOPES[key]
    known = ", ".join(("공동활용허용가능", "단독활용만 가능"))
    raise MappingError(f"unknown sharing scope {use_scope_nm!r}; ZEUS uses: {known}",
                       field="useScopeNm")


def usage_status(idle_disuse_nm: str | None) -> str:
    """The shared status of a ZEUS idleDisuseNm; an unknown state is an issue, not a default."""
    key = "".join((idle_disuse_nm or "").split())
    if key in USAGE:
        return USAGE[key]
    raise MappingError(f"unknown use state {idle_disuse_nm!r}; ZEUS uses: {', '.join(USAGE)}",
                       field="idleDisuseNm")


def class_categories(parse: Callable[[Any], list[str]]) -> Callable[[Any, Any], list[str]]:
    """categories from stdClsNm (with equipId, so it runs on every record); a record without a
    class asks for a mapping of NO_CLASS instead of vanishing without a word."""
    def categories(std_cls_nm: Any, _equip_id: Any) -> list[str]:
        blank = std_cls_nm is None or not str(std_cls_nm).strip()
        return parse(NO_CLASS if blank else std_cls_nm)
    return categories


def nfec_number(equip_no: str | None) -> str:
    """The ZEUS registration number NFEC-YYYY-MM-NNNNNN, checked; MappingError otherwise."""
    text = (equip_no or "").strip()
    if not NFEC_NO.fullmatch(text):
        raise MappingError(f"{equip_no!r} is not a ZEUS number of the form NFEC-YYYY-MM-NNNNNN",
                           field="equipNo")
    return text


def _batches(records: Iterator[SourceRecord], size: int) -> Iterator[list[SourceRecord]]:
    batch: list[SourceRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= max(1, size):
            yield batch
            batch = []
    if batch:
        yield batch


def _of(record: Mapping[str, Any], organ: str | None) -> bool:
    return not organ or organ in (record.get("organCd"), record.get("organNm"))


def _enrich(http: HttpClient, base: str, key: str, records: list[SourceRecord],
            workers: int) -> list[SourceRecord]:
    def one(record: SourceRecord) -> SourceRecord:
        try:
            extra = detail(http, base, key, str(record.data["equipId"]))
        except ConnectorError:
            return record  # kept as listed; the mapping says what is missing
        return SourceRecord(record.location, {**record.data, **extra}, record.source_id)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, records))


def _without_personal(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in PERSONAL}
