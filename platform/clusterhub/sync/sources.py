"""Where a sync of a cluster reads: its source setting (models.ClusterSource, set by an
administrator) over the environment's defaults, and what the operator console shows of it.

Each field of a cluster's setting that is empty takes the default: files from
CONNECTOR_FILES_DIR/<code>, an API at CONNECTOR_BASE_URL/<code>, the connector's own paging and
page size, the API key from the secret CONNECTOR_API_KEY_<CODE>; in demo mode the generated samples
(and the sample server). Without either, the source is not configured and a sync refuses.

The API key is a secret: it is read from the environment variable the setting names, or from a
file of that name in the credential store (systemd's $CREDENTIALS_DIRECTORY, LoadCredential=),
handed to the connector and nothing else. Views get "set / not set" and where it comes from."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from ..messages import N_, Term
from ..models import ClusterSource, SyncRun

API_FORMATS = ("json_api", "xml_api", "zeus_api")
FORMAT_LABELS = {"csv": N_("CSV files"), "xlsx": N_("Excel workbook (XLSX)"),
                 "json_api": N_("JSON API"), "xml_api": N_("XML OpenAPI (data.go.kr style)"),
                 "zeus_api": N_("ZEUS equipment API")}
# The paging styles a cluster's API may use: its page and page-size query parameters.
PAGING = {"page/size": ("page", "size"), "page/pageSize": ("page", "pageSize"),
          "pageNo/numOfRows": ("pageNo", "numOfRows"), "single": (None, None)}
# deploy/systemd/clusterhub-sync.timer; SYNC_SCHEDULE names another schedule when it differs.
DEFAULT_SCHEDULE = N_("every night at 02:30 KST (clusterhub sync --all)")
# Where each value comes from, as the console says it.
FROM_CLUSTER, FROM_ENVIRONMENT, FROM_DEMO = "cluster", "environment", "demo"


def default_secret(code: str) -> str:
    """The name of the secret that holds a cluster's API key unless its setting names another."""
    return f"CONNECTOR_API_KEY_{code.upper().replace('-', '_')}"


@dataclass(frozen=True)
class Source:
    """A cluster's effective source: every value with where it came from. Never the key."""

    code: str
    format: str                      # the connector's source_format
    api: bool
    location: str | None             # the cluster's API address or files folder; None: not set
    origin: str | None               # FROM_CLUSTER, FROM_ENVIRONMENT, FROM_DEMO, None
    paging: str | None               # a PAGING key, None: the connector's own
    page_size: int | None            # None: the connector's own
    organ: str | None                # ZEUS only
    key_secret: str | None           # ZEUS only: the secret's name
    key_origin: str | None           # "environment", "credentials" or None (not set)
    setting: ClusterSource | None    # the stored setting, if any

    @property
    def configured(self) -> bool:
        return self.location is not None


def setting(session: Session, code: str) -> ClusterSource | None:
    return session.get(ClusterSource, code)


def resolve(session: Session, code: str, config: Mapping, *, root_url: str | None = None,
            demo: bool | None = None) -> Source:
    """The cluster's source. root_url is the address the run's API clusters share (the
    environment's CONNECTOR_BASE_URL, or the sample server started for a demo run)."""
    from connectors import registry
    from connectors.sample_server import SAMPLES_DIR

    fmt = registry.get(code).source_format
    api = fmt in API_FORMATS
    demo = bool(config.get("DEMO_MODE")) if demo is None else demo
    row = setting(session, code)
    env = config.get("CONNECTOR_BASE_URL") if api else config.get("CONNECTOR_FILES_DIR")
    if row and (row.base_url if api else row.files_dir):
        location, origin = (row.base_url if api else row.files_dir), FROM_CLUSTER
    elif env:
        location, origin = _under(env, code, api), FROM_ENVIRONMENT
    elif api and root_url:
        location, origin = _under(root_url, code, api), FROM_DEMO
    elif demo and not api:
        location, origin = str(SAMPLES_DIR / code), FROM_DEMO
    else:
        location, origin = None, None
    key_secret = key_origin = None
    if fmt == "zeus_api":
        key_secret = (row.key_secret if row else None) or default_secret(code)
        key_origin = api_key(code, key_secret, config)[1]
    return Source(code, fmt, api, location, origin, row.paging if row else None,
                  row.page_size if row else None, row.organ if row else None, key_secret,
                  key_origin, row)


def _under(root: str, code: str, api: bool) -> str:
    return f"{root.rstrip('/')}/{code}" if api else str(Path(root) / code)


def api_key(code: str, secret: str, config: Mapping) -> tuple[str | None, str | None]:
    """(the key, "environment" or "credentials") from the secret named secret; (None, None) when
    neither has it. The app's CONNECTOR_API_KEYS (read from the environment at start) comes first
    for the default name."""
    if secret == default_secret(code):
        value = (config.get("CONNECTOR_API_KEYS") or {}).get(code)
        if value:
            return value, "environment"
    value = os.environ.get(secret)
    if value:
        return value, "environment"
    folder = config.get("CREDENTIALS_DIRECTORY") or os.environ.get("CREDENTIALS_DIRECTORY")
    if folder:
        path = Path(folder) / secret
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError:
            value = ""
        if value:
            return value, "credentials"
    return None, None


def paging_params(source: Source) -> tuple[str | None, str | None] | None:
    return PAGING.get(source.paging) if source.paging else None


@dataclass(frozen=True)
class SourceView:
    """What the console shows of a cluster's source."""

    format: str                  # a FORMAT_LABELS text, to translate
    source: str | None           # the folder or URL read, when configured
    note: str | None             # N_ text: demo samples, or not configured (a sync refuses)
    setting: str                 # the environment setting that gives the default
    reads: tuple[str, ...]       # the tables' files or endpoints
    api_key: str | None          # N_ text: set / not set, and from where; never the key
    schedule: str
    last_success: datetime | None
    resolved: Source | None = None


def source_view(session: Session, code: str, config: Mapping) -> SourceView | None:
    """What a sync of the cluster would read, from its setting and the app's settings; never a
    secret. None for a cluster without a registered connector."""
    from connectors import registry
    from connectors.base import UnknownConnector

    try:
        cls = registry.get(code)
    except UnknownConnector:
        return None
    src = resolve(session, code, config)
    note = None
    if src.origin == FROM_DEMO or (src.api and not src.configured and config.get("DEMO_MODE")):
        note = N_("The generated samples (demo mode).")
    elif not src.configured:
        note = N_("Not configured: a sync of this cluster refuses to run until an administrator "
                  "sets its source (this page) or %(setting)s (docs/connectors.md).")
    shown = src.location if src.origin in (FROM_CLUSTER, FROM_ENVIRONMENT) else None
    if shown and src.api:
        shown = shown.rstrip("/") + "/"
    # Paths under the cluster's own address drop the /<code> a shared address puts before them.
    prefix = "/{cluster}" if src.origin == FROM_CLUSTER else "{cluster}"
    reads = tuple(t.source.describe().replace(prefix, "" if src.origin == FROM_CLUSTER else code)
                  for t in getattr(cls, "tables", ()))
    key = None
    if src.key_secret:
        key = {"environment": N_("set (environment variable %(secret)s)"),
               "credentials": N_("set (credential store: %(secret)s)")}.get(
            src.key_origin or "", N_("not set (%(secret)s)"))
    return SourceView(FORMAT_LABELS.get(cls.source_format, cls.source_format), shown, note,
                      "CONNECTOR_BASE_URL" if src.api else "CONNECTOR_FILES_DIR", reads, key,
                      config.get("SYNC_SCHEDULE") or DEFAULT_SCHEDULE, last_success(session, code),
                      src)


def last_success(session: Session, code: str) -> datetime | None:
    """When the cluster's last real (not dry) sync that succeeded finished."""
    run = session.exec(select(SyncRun).where(SyncRun.cluster == code, SyncRun.outcome == "succeeded",
                                             SyncRun.dry_run == False)  # noqa: E712 (SQL)
                       .order_by(SyncRun.finished_at.desc()).limit(1)).first()
    return run.finished_at if run else None


def for_run(session: Session, code: str, config: Mapping, root_url: str | None,
            demo: bool | None = None) -> Source:
    """The source a sync of the cluster reads; Conflict when it is not configured (outside demo
    mode nothing is read and nothing changes)."""
    from ..errors import Conflict

    src = resolve(session, code, config, root_url=root_url, demo=demo)
    if not src.configured:
        what = Term(N_("its API address") if src.api else N_("its export folder"))
        raise Conflict(N_("No source is configured for cluster %(cluster)s: %(what)s is not set. "
                          "An administrator sets it on the cluster's source page "
                          "(/operator/%(cluster)s/source) or with `clusterhub clusters source "
                          "%(cluster)s`, or sets %(setting)s for every cluster (docs/connectors.md); "
                          "generated samples are read only in demo mode (CLUSTERHUB_DEMO=1). "
                          "Nothing was changed."), cluster=code, what=what,
                       setting="CONNECTOR_BASE_URL" if src.api else "CONNECTOR_FILES_DIR")
    return src


def connector_settings(src: Source, config: Mapping, **extra):
    """The connector's SourceSettings for the source; the key goes to the connector only. The
    sample server takes any key, so a demo run that has none sends "sample"."""
    from connectors.base import SourceSettings
    from connectors.limits import Limits

    key = api_key(src.code, src.key_secret, config)[0] if src.key_secret else None
    if not key and src.api and src.origin == FROM_DEMO:
        key = "sample"
    folder = Path(src.location) if src.location and not src.api else Path(".")
    return SourceSettings(samples_dir=folder, base_url=src.location if src.api else None,
                          cluster_url=src.location if src.api else None, api_key=key,
                          paging=paging_params(src), page_size=src.page_size, organ=src.organ,
                          limits=Limits.from_mapping(config), **extra)
