"""Write a cluster's records in its native format: XLSX, CSV, or pre-rendered API pages."""
from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

from ...readers.xml_api import render_page
from ...readers.zeus_api import zeus_page
from .catalog import Cluster
from .layouts import Context, Layout, Table
from .workbooks import Sheet, write_workbook

# Page parameters the sample server assumes when a manifest leaves them out.
API_DEFAULTS = {"json_api": ("page", "size", "json"), "xml_api": ("pageNo", "numOfRows", "xml"),
                "zeus_api": ("page", "pageSize", "json")}


def write_cluster(layout: Layout, cluster: Cluster, folder: Path) -> list[Path]:
    """Write every table of the cluster into folder; the written files, sorted."""
    folder.mkdir(parents=True, exist_ok=True)
    ctx = Context(layout)
    if layout.format == "xlsx":
        _xlsx(layout, cluster, ctx, folder)
    elif layout.format == "csv":
        for table in layout.tables:
            data = rows(table, _records(cluster, table.kind), ctx)
            _csv(folder / table.name, table, data, layout.options["encoding"])
    else:
        manifest = {"format": layout.format, "endpoints": {}}
        for table in layout.tables:
            data = rows(table, _records(cluster, table.kind), ctx)
            manifest["endpoints"][table.name] = _pages(layout, table, data, folder / table.name)
        (folder / "manifest.json").write_text(_json(manifest), encoding="utf-8")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def rows(table: Table, records: list, ctx: Context) -> list[dict[str, Any]]:
    """Each record as {native header: native value}, in the table's column order."""
    return [{header: cell(record, ctx) for header, cell in table.columns} for record in records]


def _records(cluster: Cluster, kind: str) -> list:
    return {"service": cluster.services, "equipment": cluster.equipment, "expert": cluster.experts}[kind]


def _xlsx(layout: Layout, cluster: Cluster, ctx: Context, folder: Path) -> None:
    sheets = []
    for table in layout.tables:
        records = _records(cluster, table.kind)
        # A workbook may keep one sheet per centre for the same kind of record.
        split = table.options.get("sheets") or {None: table.name}
        for centre, name in split.items():
            part = [r for r in records if centre is None or r.centre.ko == centre]
            sheets.append(Sheet(name, [h for h, _ in table.columns],
                                [list(r.values()) for r in rows(table, part, ctx)],
                                title=table.options.get("title"), notes=table.options.get("notes", ()),
                                merge=table.options.get("merge"),
                                grouped=table.options.get("grouped", False)))
    write_workbook(folder / layout.options["workbook"], sheets)


def _csv(path: Path, table: Table, data: list[dict], encoding: str) -> None:
    text = io.StringIO()
    # Excel writes CRLF line ends; cluster staff export these files from Excel.
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([h for h, _ in table.columns])
    for row in data:
        writer.writerow(["" if v is None else v for v in row.values()])
    try:
        path.write_bytes(text.getvalue().encode(encoding))
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise ValueError(f"{path.name}: {bad!r} cannot be written in {encoding}") from None


def _pages(layout: Layout, table: Table, data: list[dict], folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    page_param, size_param, ext = API_DEFAULTS[layout.format]
    page_param = table.options.get("page_param", page_param)
    size_param = table.options.get("size_param", size_param)
    size = table.options.get("page_size", 100)
    pages = max(1, math.ceil(len(data) / size))
    detail = table.options.get("detail")
    if detail:  # ZEUS: these fields come from the detail call, one answer per record
        details = {r[table.columns[0][0]]: {k: r[k] for k in detail} for r in data}
        (folder / "details.json").write_text(_json(details), encoding="utf-8")
        data = [{k: v for k, v in r.items() if k not in detail} for r in data]
    for number in range(1, pages + 1):
        items = [_nested(r) for r in data[(number - 1) * size:number * size]]
        page = _render(layout, items, number, size, len(data))
        (folder / f"page-{number:04d}.{ext}").write_bytes(page)
    (folder / f"empty.{ext}").write_bytes(_render(layout, [], pages + 1, size, len(data)))
    return {"page_param": page_param, "size_param": size_param, "page_size": size, "pages": pages,
            "ext": ext, "total": len(data), "empty_page": f"empty.{ext}"}


def _render(layout: Layout, items: list[dict], page: int, size: int, total: int) -> bytes:
    if layout.format == "xml_api":
        return render_page(items, page_no=page, num_of_rows=size, total_count=total)
    if layout.format == "zeus_api":
        return _json(zeus_page(items, page=page, page_size=size, total=total)).encode()
    return _json(layout.options["envelope"](items, page, size, total)).encode()


def _nested(row: dict[str, Any]) -> dict[str, Any]:
    """'fee.amount' headers become nested objects, as JSON APIs send them."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        target = out
        *parents, leaf = key.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return out


def _json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
