"""`clusterhub connectors new`: a new cluster's connector module, registry line, cluster record
and sample folder, written from one sample export; then a dry run (dryrun.py) says what is left.

Files are written under a root (the repository by default) whose `connectors` package must be the
one this process imports, so the dry run maps with the module just written."""
from __future__ import annotations

import importlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from marshmallow import ValidationError

from schemas import vocabularies
from schemas.cluster import ClusterFileError, ClusterSchema, load_clusters
from schemas.listing import CLUSTER_CODE

from .guesses import KINDS
from .headers import FORMATS, Sample, read_sample
from .module import TABLE_NAMES, Skeleton, class_name, skeleton

ROOT = Path(__file__).resolve().parents[2]
CODE = CLUSTER_CODE.regex
API_PAGE_SIZE = 100


class ScaffoldError(ValueError):
    """The scaffold cannot go on; str() says what was wrong and what to do. `written` says
    whether files were written before it stopped (only when the written module fails to import)."""

    def __init__(self, message: str, *, written: bool = False):
        super().__init__(message)
        self.written = written


@dataclass
class Scaffolded:
    code: str
    kind: str
    sample: Sample
    skeleton: Skeleton
    written: list[Path]


def new(code: str, fmt: str, sample_file: Path, *, kind: str = "equipment", name_ko: str | None = None,
        name_en: str | None = None, region: str | None = None, root: Path = ROOT) -> Scaffolded:
    """Write the connector of a new cluster from its sample export; ScaffoldError if it cannot."""
    root = Path(root).resolve()
    _check(code, fmt, kind, region, root)
    try:
        sample = read_sample(fmt, Path(sample_file))
    except (ValueError, OSError) as exc:
        raise ScaffoldError(f"cannot read the sample {sample_file}: {exc}") from None
    if not sample.rows:
        raise ScaffoldError(f"the sample {sample_file} holds no records: export at least one")
    sample_file = Path(sample_file)
    record = {"code": code, "name": {"ko": name_ko or code, "en": name_en or code}, "region": region,
              "operator": None, "homepage": None, "description": None, "connector": code}
    try:
        ClusterSchema().load(record)
    except ValidationError as exc:
        raise ScaffoldError(f"the cluster record is not valid: {exc.messages}") from None
    title = name_ko or code
    source = _source(fmt, kind, sample_file.name, sample)
    built = skeleton(code, fmt, kind, sample, source, title)
    written = [_copy_sample(root / "connectors" / "samples" / code, fmt, kind, sample_file, sample)]
    module = root / "connectors" / "clusters" / f"{code}.py"
    module.write_text(built.text, encoding="utf-8")
    written += [module, _register(root / "connectors" / "registry.py", code),
                _add_cluster(root / "schemas" / "clusters.json", record)]
    _reload_registry(code)
    return Scaffolded(code, kind, sample, built, written)


def _reload_registry(code: str) -> None:
    """Import the registry again, with the new line, so the dry run maps with the new module."""
    from .. import registry

    importlib.invalidate_caches()
    try:
        importlib.reload(registry)
    except Exception as exc:  # the written module itself: say which and why
        raise ScaffoldError(f"connectors/clusters/{code}.py was written but does not import: "
                            f"{type(exc).__name__}: {exc}. Fix it, then run "
                            f"`clusterhub connectors try {code}`", written=True) from None


def _check(code: str, fmt: str, kind: str, region: str | None, root: Path) -> None:
    if not CODE.match(code or ""):
        raise ScaffoldError(f"{code!r} is not a cluster code: use 2 to 40 lower-case letters, digits "
                            "and '_', starting with a letter (no hyphens), e.g. 'gangwon_bio'")
    if fmt not in FORMATS:
        raise ScaffoldError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    regions = vocabularies.get("regions").codes
    if region not in regions:
        raise ScaffoldError(f"--region {region!r} is not a region code; choose one of "
                            f"{', '.join(regions)} (schemas/vocab/regions.json)")
    imported = Path(__file__).resolve().parents[2]
    if root != imported:
        raise ScaffoldError(f"the root {root} is not where the connectors package is imported from "
                            f"({imported}); run with PYTHONPATH={root}")
    if (root / "connectors" / "clusters" / f"{code}.py").exists():
        raise ScaffoldError(f"connectors/clusters/{code}.py exists already: edit it, or choose "
                            "another code")
    try:
        codes = {c["code"] for c in load_clusters(root / "schemas" / "clusters.json")}
    except ClusterFileError as exc:
        raise ScaffoldError(f"fix schemas/clusters.json first: {exc}") from None
    if code in codes:
        raise ScaffoldError(f"{code!r} is in schemas/clusters.json already; choose another code")


def _source(fmt: str, kind: str, file: str, sample: Sample) -> str:
    """The Table's source: the file, or the API endpoint (named after the table) the sample is a page of."""
    endpoint = TABLE_NAMES[kind]
    if fmt == "csv":
        return f'CsvFile("{file}")'
    if fmt == "xlsx":
        row = f", header_row={sample.header_row}" if sample.header_row != 1 else ""
        return f'XlsxSheet("{file}", ("{sample.sheet}",){row})'
    if fmt == "zeus":
        return f"ZeusEndpoint(page_size={API_PAGE_SIZE})"
    if fmt == "xml":
        return f'XmlEndpoint("{endpoint}", page_size={API_PAGE_SIZE})'
    total = f', total_path="{sample.total_path}"' if sample.total_path else ""
    return f'JsonEndpoint("{endpoint}", items_path="{sample.items_path}"{total}, page_size={API_PAGE_SIZE})'


def _copy_sample(folder: Path, fmt: str, kind: str, sample_file: Path, sample: Sample) -> Path:
    """Files as they are; an API answer as page 1 of its endpoint, with the sample server's manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt in ("csv", "xlsx"):
        shutil.copyfile(sample_file, folder / sample_file.name)
        return folder / sample_file.name
    endpoint = "equipment" if fmt == "zeus" else TABLE_NAMES[kind]
    ext = "xml" if fmt == "xml" else "json"
    pages = folder / endpoint
    pages.mkdir(exist_ok=True)
    (pages / f"page-0001.{ext}").write_bytes(_one_page(fmt, sample_file.read_bytes(), sample))
    entry = {"page_size": API_PAGE_SIZE, "pages": 1, "ext": ext, "total": len(sample.rows)}
    if fmt == "json":          # the next page is the sample with its item list emptied
        body = json.loads(sample_file.read_text(encoding="utf-8-sig"))
        _empty_items(body, sample.items_path)
        (pages / "empty.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        entry["empty_page"] = "empty.json"
    manifest = {"format": {"json": "json_api", "xml": "xml_api", "zeus": "zeus_api"}[fmt],
                "endpoints": {endpoint: entry}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return folder / "manifest.json"


def _one_page(fmt: str, raw: bytes, sample: Sample) -> bytes:
    """The sample as the only page: the item count it reports (759 in a real ZEUS answer) becomes
    its own, or the reader would ask for page 2 and fail the dry run as an incomplete listing."""
    count = len(sample.rows)
    if fmt == "xml":
        total = f"<totalCount>{count}</totalCount>".encode()
        return re.sub(rb"<totalCount>\s*\d+\s*</totalCount>", total, raw)
    if not sample.total_path:
        return raw
    body = json.loads(raw.decode("utf-8-sig"))
    *parents, leaf = sample.total_path.split(".")
    parent = body
    for part in parents:
        parent = parent[part]
    parent[leaf] = count
    if fmt == "zeus" and "pageCount" in body:
        body["pageCount"] = 1
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def _empty_items(body, path: str) -> None:
    *parents, leaf = path.split(".") if path else [""]
    for part in parents:
        body = body[part]
    if leaf:
        body[leaf] = []
    else:
        body.clear()


def _register(registry: Path, code: str) -> Path:
    """One import and one line in CONNECTORS, as a person would write them."""
    text = registry.read_text(encoding="utf-8")
    found = re.search(r"from \.clusters import \(([^)]*)\)", text)
    if not found:
        raise ScaffoldError(f"{registry}: cannot find the `from .clusters import (...)` line")
    names = sorted({n.strip() for n in found.group(1).split(",") if n.strip()} | {code})
    text = text[:found.start()] + _wrapped("from .clusters import (", names) + text[found.end():]
    closing = text.index("\n}\n", text.index("CONNECTORS"))
    text = text[:closing] + f'\n    "{code}": {code}.{class_name(code)},' + text[closing:]
    registry.write_text(text, encoding="utf-8")
    return registry


def _wrapped(head: str, names: list[str], width: int = 100) -> str:
    lines, line = [], head
    for index, name in enumerate(names):
        piece = name + (")" if index == len(names) - 1 else ",")
        if len(line) + len(piece) + 1 > width:
            lines.append(line.rstrip())
            line = " " * len(head)
        line += piece + " "
    return "\n".join(lines + [line.rstrip()])


def _add_cluster(path: Path, record: dict) -> Path:
    """Append the cluster record; the file is checked as `clusterhub clusters load` checks it."""
    before = path.read_text(encoding="utf-8")
    records = json.loads(before)
    records.append(record)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    try:
        load_clusters(path)
    except ClusterFileError as exc:
        path.write_text(before, encoding="utf-8")
        raise ScaffoldError(f"the cluster record is not valid: {exc}") from None
    return path
