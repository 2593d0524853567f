"""Reader of the ZEUS (national research equipment service) equipment list API, and its codes.

The list answer is one JSON envelope per page (zeus_page renders it):
{"resultCode": "00", "resultMsg": "OK", "totalCount": 250, "pageNo": 1, "numOfRows": 100,
 "items": [{"equipId": "Z-000123", "equipNo": "NFEC-2019-03-123456", "korNm": "액체크로마토그래프
 질량분석기", "engNm": "LC-MS/MS", "statusCd": "01", "statusNm": "정상", "useScopeNm":
 "공동활용허용가능", "idleDisuseNm": "활용", "organNm": "...", "rndNm": "..."}, ...]}
Paging is by pageNo (from 1) and numOfRows; resultCode other than "00" is an error whose
resultMsg says why. The record's source_id is equipId.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..base import MappingError, SourceRecord
from . import json_api
from ..limits import DEFAULT, Limits
from .http_client import HttpClient

FIELDS = ("equipId", "equipNo", "korNm", "engNm", "statusCd", "statusNm", "useScopeNm",
          "idleDisuseNm", "organNm", "rndNm")
# useScopeNm as ZEUS writes it -> the shared sharing_scopes vocabulary. Compared without spaces,
# because exports disagree on "단독활용만 가능" versus "단독활용만가능".
SHARING_SCOPES = {"공동활용허용가능": "shared", "단독활용만가능": "exclusive"}
NFEC_NO = re.compile(r"NFEC-(\d{4})-(0[1-9]|1[0-2])-(\d{6})")


def fetch_equipment(url: str, *, params: Mapping[str, Any] | None = None, page_size: int = 100,
                    timeout: float = 10.0, retries: int = 3, backoff: float = 0.5,
                    max_pages: int = 10000, client: HttpClient | None = None,
                    limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream the equipment of a ZEUS list endpoint, page by page, keyed by equipId."""
    return json_api.fetch_pages(
        url, params=params, page_param="pageNo", size_param="numOfRows", page_size=page_size,
        items_path="items", total_path="totalCount", id_field="equipId",
        status_path="resultCode", message_path="resultMsg", ok_codes=("00",), timeout=timeout,
        retries=retries, backoff=backoff, max_pages=max_pages, client=client, limits=limits)


def zeus_page(items: list[Mapping[str, Any]], *, page_no: int, num_of_rows: int,
              total_count: int, result_code: str = "00", result_msg: str = "OK") -> dict:
    """A list page in the envelope fetch_equipment reads; sample generators and tests use it."""
    return {"resultCode": result_code, "resultMsg": result_msg, "totalCount": total_count,
            "pageNo": page_no, "numOfRows": num_of_rows, "items": list(items)}


def sharing_scope(use_scope_nm: str | None) -> str:
    """The shared sharing_scopes code ("shared" or "exclusive") of a ZEUS useScopeNm."""
    key = "".join((use_scope_nm or "").split())
    if key in SHARING_SCOPES:
        return SHARING_SCOPES[key]
    known = ", ".join(("공동활용허용가능", "단독활용만 가능"))
    raise MappingError(f"unknown sharing scope {use_scope_nm!r}; ZEUS uses: {known}",
                       field="useScopeNm")


def nfec_number(equip_no: str | None) -> str:
    """The ZEUS registration number NFEC-YYYY-MM-NNNNNN, checked; MappingError otherwise."""
    text = (equip_no or "").strip()
    if not NFEC_NO.fullmatch(text):
        raise MappingError(f"{equip_no!r} is not a ZEUS number of the form NFEC-YYYY-MM-NNNNNN",
                           field="equipNo")
    return text
