"""Where a cluster's native tables come from: files in its samples folder, or API endpoints."""
from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..base import SourceRecord, SourceSettings
from ..readers import json_api, xml_api, zeus_api
from ..readers.csv_file import read_csv
from ..readers.xlsx_file import read_xlsx, read_xlsx_sheets


def cluster_folder(settings: SourceSettings, code: str) -> Path:
    """The folder of a cluster's files: samples_dir/<code> when that is a folder (samples_dir is
    the folder of every cluster's exports), else samples_dir itself (the cluster's own folder)."""
    folder = Path(settings.samples_dir)
    nested = folder / code
    return nested if nested.is_dir() else folder


def paging(settings: SourceSettings, page_param: str, size_param: str, page_size: int):
    """The page and size parameters and the page size: the cluster's settings over the table's."""
    params = settings.paging if settings.paging is not None else (page_param, size_param)
    return (*params, settings.page_size or page_size)


@dataclass(frozen=True)
class CsvFile:
    """A CSV file; the encoding (UTF-8, UTF-8 with BOM, cp949) is detected unless given."""

    file: str
    encoding: str | None = None

    def read(self, settings: SourceSettings, code: str, id_column: str,
             required: Collection[str] = ()) -> Iterator[SourceRecord]:
        return read_csv(cluster_folder(settings, code) / self.file, id_column=id_column,
                        encoding=self.encoding, required=required, limits=settings.limits)

    def describe(self) -> str:
        return self.file


@dataclass(frozen=True)
class XlsxSheet:
    """One or several sheets of a workbook sharing a header layout (header_rows > 1: merged groups)."""

    file: str
    sheets: tuple[str, ...]
    header_row: int = 1
    header_rows: int = 1

    def read(self, settings: SourceSettings, code: str, id_column: str,
             required: Collection[str] = ()) -> Iterator[SourceRecord]:
        path = cluster_folder(settings, code) / self.file
        if len(self.sheets) == 1:
            return read_xlsx(path, sheet=self.sheets[0], header_row=self.header_row,
                             header_rows=self.header_rows, id_column=id_column, required=required,
                             limits=settings.limits)
        return read_xlsx_sheets(path, self.sheets, header_row=self.header_row,
                                header_rows=self.header_rows, id_column=id_column, required=required,
                                limits=settings.limits)

    def describe(self) -> str:
        return f"{self.file} [{', '.join(self.sheets)}]"


@dataclass(frozen=True)
class JsonEndpoint:
    """A paged JSON endpoint under base_url/<cluster>/<path>."""

    path: str
    items_path: str
    total_path: str | None = None
    page_param: str = "page"
    size_param: str = "size"
    page_size: int = 100
    status_path: str | None = None
    message_path: str | None = None
    ok_codes: Collection[str] = ("00",)

    def read(self, settings: SourceSettings, code: str, id_column: str,
             required: Collection[str] = ()) -> Iterator[SourceRecord]:
        page_param, size_param, page_size = paging(settings, self.page_param, self.size_param,
                                                   self.page_size)
        return json_api.fetch_pages(
            settings.cluster_endpoint(code, self.path), page_param=page_param,
            size_param=size_param, page_size=page_size, items_path=self.items_path,
            total_path=self.total_path, id_field=id_column, status_path=self.status_path,
            message_path=self.message_path, ok_codes=tuple(self.ok_codes), **settings.http_options())

    def describe(self) -> str:
        return f"GET /{{cluster}}/{self.path}?{self.page_param}=N&{self.size_param}={self.page_size}"


@dataclass(frozen=True)
class XmlEndpoint:
    """A data.go.kr-style XML OpenAPI operation under base_url/<cluster>/<path>."""

    path: str
    page_size: int = 100

    def read(self, settings: SourceSettings, code: str, id_column: str,
             required: Collection[str] = ()) -> Iterator[SourceRecord]:
        page_param, size_param, page_size = paging(settings, "pageNo", "numOfRows", self.page_size)
        return xml_api.fetch_pages(settings.cluster_endpoint(code, self.path),
                                   page_param=page_param or "pageNo",
                                   size_param=size_param or "numOfRows",
                                   page_size=page_size, id_field=id_column,
                                   **settings.http_options())

    def describe(self) -> str:
        return f"GET /{{cluster}}/{self.path}?pageNo=N&numOfRows={self.page_size}"


@dataclass(frozen=True)
class ZeusEndpoint:
    """The real ZEUS equipment API under base_url/<cluster> (readers/zeus_api.py); the API key
    comes from settings.api_key. organ keeps one organisation's records; details enriches them."""

    page_size: int = 100
    organ: str | None = None
    details: bool = True

    def read(self, settings: SourceSettings, code: str, id_column: str,
             required: Collection[str] = ()) -> Iterator[SourceRecord]:
        return zeus_api.fetch_equipment(settings.cluster_endpoint(code), settings.api_key or "",
                                        organ=settings.organ or self.organ,
                                        page_size=settings.page_size or self.page_size,
                                        details=self.details, **settings.http_options())

    def describe(self) -> str:
        return (f"GET /{{cluster}}/api/eq/equips/{{key}}?page=N&pageSize={self.page_size} (ZEUS)"
                + (" + detail per record" if self.details else ""))
