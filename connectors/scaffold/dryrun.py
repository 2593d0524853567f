"""A dry run of one cluster's connector on its sample export: map and validate every record,
no database. Counts per kind, the issues by schema field and source column, what is unmapped."""
from __future__ import annotations

import json
import re
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import schemas

from .. import registry
from ..base import MappingError, SourceFormatError, SourceRejected, SourceSettings, SourceUnavailable
from ..sample_server import SampleServer
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


def dry_run(code: str, samples_dir: Path) -> DryRun:
    """Read the cluster's sample export (APIs through the sample server) and map every record."""
    result = DryRun(code)
    cls = registry.get(code)
    with ExitStack() as stack:
        base_url = None
        if cls.source_format in API:
            base_url = stack.enter_context(SampleServer(samples_dir)).url
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
                _map(connector, record, result)
        except (SourceFormatError, SourceRejected, SourceUnavailable) as exc:
            result.failed = str(exc)
    _unmapped(cls, seen, result)
    return result


def _map(connector, record, result: DryRun) -> None:
    try:
        document = schemas.load(connector.map(record))
    except MappingError as exc:
        result.issue_count += 1
        path = exc.message.split(":")[0] if ":" in exc.message else (exc.field or "?")
        _issue(result, (path, exc.field or ""), f"{record.location}: {exc.message}")
    except schemas.DocumentError as exc:
        result.issue_count += 1
        for error in exc.errors:
            key = (error.path, _column_of(connector, record, error.path))
            _issue(result, key, f"{record.location}: {error}")
    else:
        result.mapped[document["kind"]] += 1


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
