"""A dry run of one cluster's connector on its sample export: map and validate every record,
no database. Counts per kind, the issues by schema field and source column, what is unmapped."""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import schemas

from .. import registry
from ..base import MappingError, SourceFormatError, SourceRejected, SourceSettings, SourceUnavailable
from ..readers.zeus_api import NO_CLASS
from . import personal
from .headers import ZEUS_HANDLED
from .guesses import SET_BY_CONNECTOR, required_fields, schema_fields

API = ("json_api", "xml_api", "zeus_api")


@dataclass
class DryRun:
    code: str
    mapped: Counter = field(default_factory=Counter)              # kind -> valid documents
    issues: Counter = field(default_factory=Counter)              # (schema field, column) -> count
    examples: dict = field(default_factory=dict)                  # (schema field, column) -> message
    required_unmapped: list[str] = field(default_factory=list)    # "categories (equipment)"
    optional_unmapped: list[str] = field(default_factory=list)
    columns_unmapped: list[str] = field(default_factory=list)
    failed: str | None = None                                     # the source could not be read
    issue_count: int = 0                                          # records with an issue

    def expected(self) -> dict:
        """What samples/<code>/expected.json declares for the real-cluster test."""
        return {"mapped": {k: self.mapped.get(k, 0) for k in ("service", "equipment", "expert")},
                "issues": self.issue_count}


Serve = Callable[[Path], AbstractContextManager[str]]


def dry_run(code: str, samples_dir: Path, serve: Serve | None = None) -> DryRun:
    """Read the cluster's sample export and map every record. An API cluster's recorded pages
    are read over HTTP: serve(samples_dir) serves them for the run and gives the base URL (the
    caller passes the demo folder's sample server, which is not shipped; see connectors.demo)."""
    result = DryRun(code)
    cls = registry.get(code)
    with ExitStack() as stack:
        base_url = None
        if cls.source_format in API:
            if serve is None:
                raise ValueError(f"{code} reads an API: pass serve, a server of its recorded pages")
            base_url = stack.enter_context(serve(Path(samples_dir)))
        settings = SourceSettings(samples_dir=Path(samples_dir) / code, base_url=base_url,
                                  api_key="sample", retries=1, backoff=0.01)
        connector = registry.create(code, settings)
        seen: dict[str, dict[str, list[str]]] = {}       # table -> column -> a few of its values
        try:
            for record in connector.records():
                columns = seen.setdefault(getattr(record, "table", ""), {})
                for column, value in record.data.items():
                    values = columns.setdefault(column, [])
                    if value not in (None, "") and len(values) < 50:
                        values.append(str(value))
                _map(connector, record, result, Path(samples_dir))
        except (SourceFormatError, SourceRejected, SourceUnavailable) as exc:
            result.failed = str(exc)
    _unmapped(cls, seen, result)
    return result


def _map(connector, record, result: DryRun, samples_dir: Path) -> None:
    where = _where(connector, record, samples_dir)
    try:
        document = schemas.load(connector.map(record))
    except MappingError as exc:
        result.issue_count += 1
        path = exc.message.split(":")[0] if ":" in exc.message else (exc.field or "?")
        message = _no_class(connector, exc, samples_dir) or exc.message
        _issue(result, (path, exc.field or ""), f"{where}: {message}")
    except schemas.DocumentError as exc:
        result.issue_count += 1
        for error in exc.errors:
            key = (error.path, _column_of(connector, record, error.path))
            _issue(result, key, f"{where}: {error}")
    else:
        result.mapped[document["kind"]] += 1


PAGE_ITEM = re.compile(r"GET (\S+) page (\d+), item (\d+)$")


def _where(connector, record, samples_dir: Path) -> str:
    """The record's location; for an API's recorded page, also the sample file it is in, its
    place there and its id, so the operator can open it."""
    found = PAGE_ITEM.match(record.location)
    if not found or connector.source_format not in API:
        return record.location
    path, page, item = found.groups()
    endpoint = "equipment" if connector.source_format == "zeus_api" else path.rstrip("/").rsplit("/", 1)[-1]
    files = sorted((samples_dir / connector.code / endpoint).glob(f"page-{int(page):04d}.*"))
    if not files:
        return record.location
    table = next((t for t in getattr(connector, "tables", ()) if t.name == getattr(record, "table", "")), None)
    ident = f", {table.id_column} {record.source_id}" if table and record.source_id else ""
    return f"{record.location} ({_shown(files[0])}, record {item}{ident})"


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it (the repository), else whole."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _no_class(connector, exc: MappingError, samples_dir: Path) -> str | None:
    """What an unmapped NO_CLASS means in a ZEUS record, and what to do; None for other issues."""
    if connector.source_format != "zeus_api" or (exc.params or {}).get("term") != NO_CLASS:
        return None
    code = connector.code
    details = samples_dir / code / "equipment" / "details.json"
    shown = _shown(details)
    why = (f"the sample holds no detail answers ({shown} does not exist)" if not details.is_file()
           else f"{shown} gives none for it")
    return (f"categories: no standard class: the record has no stdClsNm. A ZEUS list answer never carries "
            f"it, the detail call adds it, and {why}; so the record is filed under '{NO_CLASS}', which "
            f"connectors/clusters/{code}.py does not map. Map '{NO_CLASS}' to a category in its FIELDS "
            f"(the scaffold left the line commented out), add the detail answers, or have a curator map "
            f"the word at /curation/categories after the first sync")


def _issue(result: DryRun, key: tuple[str, str], example: str) -> None:
    """Count the issue; keep its first message, with any phone number or e-mail address it quotes
    replaced (an issue's value may be a person's: the output is pasted into tickets)."""
    result.issues[key] += 1
    if personal.is_personal_header(key[1]):      # a staff member's column mapped by hand: no value
        example = re.sub(r"'[^']*'", "'[personal data]'", example)
    result.examples.setdefault(key, personal.redact(example))


def _column_of(connector, record, path: str) -> str:
    """The native column mapped to a schema path, for issues found by validation."""
    for table in getattr(connector, "tables", ()):
        if table.name == getattr(record, "table", ""):
            for spec in table.fields:
                if spec[0].rstrip("+").split(".")[0] == path.split(".")[0]:
                    return spec[1] if isinstance(spec[1], str) else ", ".join(spec[1])
    return ""


def _unmapped(cls, seen: dict[str, dict[str, list[str]]], result: DryRun) -> None:
    for table in getattr(cls, "tables", ()):
        paths = {spec[0].rstrip("+").split(".")[0] for spec in table.fields} | set(table.defaults)
        used = {table.id_column} | (ZEUS_HANDLED if cls.source_format == "zeus_api" else set())
        for spec in table.fields:
            used.update(spec[1] if isinstance(spec[1], tuple) else (spec[1],))
        required = required_fields(table.kind)
        result.required_unmapped += [f"{p} ({table.kind})" for p in required if p not in paths]
        result.optional_unmapped += [f"{p} ({table.kind})" for p in schema_fields(table.kind)
                                     if p not in paths and p not in required
                                     and p not in SET_BY_CONNECTOR]
        columns = seen.get(table.name, {})
        result.columns_unmapped += [
            f"{c} ({table.name}" + (", personal data: leave out)"
                                    if personal.is_personal_header(c) or personal.is_private(c, columns[c])
                                    else ")")
            for c in sorted(columns) if c not in used]


def render(result: DryRun) -> str:
    """The dry run as an operator reads it."""
    lines = [f"Dry run of {result.code} (nothing is written to the catalog):"]
    if result.failed:
        lines.append(f"  The source could not be read: {result.failed}")
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(result.mapped.items())) or "none"
    lines.append(f"  mapped and valid: {kinds}; records with issues: {result.issue_count}")
    if result.issues:
        lines.append("  Issues by schema field (source column):")
        for (path, column), count in result.issues.most_common():
            where = f" (column {column})" if column else ""
            lines.append(f"    {path}{where}: {count}, e.g. {result.examples[(path, column)]}")
    if result.required_unmapped:
        lines.append("  Required schema fields no column maps to (no record is valid without them): "
                     + ", ".join(result.required_unmapped))
    if result.columns_unmapped:
        lines.append("  Source columns not mapped: " + ", ".join(result.columns_unmapped))
    if result.optional_unmapped:
        lines.append("  Optional schema fields not mapped: " + ", ".join(result.optional_unmapped))
    return "\n".join(lines)


def write_expected(result: DryRun, samples_dir: Path) -> Path:
    """samples/<code>/expected.json, which tests/connectors/clusters/test_real_clusters.py checks."""
    path = Path(samples_dir) / result.code / "expected.json"
    path.write_text(json.dumps(result.expected(), indent=1) + "\n", encoding="utf-8")
    return path
