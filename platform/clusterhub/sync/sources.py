"""A cluster's source as an operator sees it, read-only: its format, where it is read from (API
keys never shown), when it syncs and when a sync last succeeded. The settings themselves live in
the environment (docs/connectors.md, step 6); this only reports them."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from ..messages import N_
from ..models import SyncRun

API_FORMATS = ("json_api", "xml_api", "zeus_api")
FORMAT_LABELS = {"csv": N_("CSV files"), "xlsx": N_("Excel workbook (XLSX)"),
                 "json_api": N_("JSON API"), "xml_api": N_("XML OpenAPI (data.go.kr style)"),
                 "zeus_api": N_("ZEUS equipment API")}
# deploy/systemd/clusterhub-sync.timer; SYNC_SCHEDULE names another schedule when it differs.
DEFAULT_SCHEDULE = N_("every night at 02:30 KST (clusterhub sync --all)")


@dataclass(frozen=True)
class SourceView:
    format: str                  # a FORMAT_LABELS text, to translate
    source: str | None           # the folder or URL read, when configured
    note: str | None             # N_ text: demo samples, or not configured (a sync refuses)
    setting: str                 # the environment setting that configures the source
    reads: tuple[str, ...]       # the tables' files or endpoints
    api_key: str | None          # N_ text: set / not set / not needed; never the key
    schedule: str
    last_success: datetime | None


def source_view(session: Session, code: str, config: Mapping) -> SourceView | None:
    """What a sync of the cluster would read, from the app's settings; never a secret. None for a
    cluster without a registered connector."""
    from connectors import registry
    from connectors.base import UnknownConnector

    try:
        cls = registry.get(code)
    except UnknownConnector:
        return None
    api = cls.source_format in API_FORMATS
    demo = bool(config.get("DEMO_MODE"))
    base, files = config.get("CONNECTOR_BASE_URL"), config.get("CONNECTOR_FILES_DIR")
    source = note = None
    if api and base:
        source = f"{base.rstrip('/')}/{code}/"
    elif not api and files:
        source = str(Path(files) / code)
    elif demo:
        note = N_("The generated samples (demo mode).")
    else:
        note = N_("Not configured: a sync of this cluster refuses to run until an administrator "
                  "sets %(setting)s (docs/connectors.md).")
    reads = tuple(t.source.describe().replace("{cluster}", code) for t in getattr(cls, "tables", ()))
    key = None
    if cls.source_format == "zeus_api":
        has_key = bool((config.get("CONNECTOR_API_KEYS") or {}).get(code))
        key = N_("set (CONNECTOR_API_KEY_%(code)s)") if has_key else \
            N_("not set (CONNECTOR_API_KEY_%(code)s)")
    return SourceView(FORMAT_LABELS.get(cls.source_format, cls.source_format), source, note,
                      "CONNECTOR_BASE_URL" if api else "CONNECTOR_FILES_DIR", reads, key, config.get("SYNC_SCHEDULE") or DEFAULT_SCHEDULE,
                      last_success(session, code))


def last_success(session: Session, code: str) -> datetime | None:
    """When the cluster's last real (not dry) sync that succeeded finished."""
    run = session.exec(select(SyncRun).where(SyncRun.cluster == code, SyncRun.outcome == "succeeded",
                                             SyncRun.dry_run == False)  # noqa: E712 (SQL)
                       .order_by(SyncRun.finished_at.desc()).limit(1)).first()
    return run.finished_at if run else None
