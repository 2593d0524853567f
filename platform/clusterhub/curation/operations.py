"""What the operator console does: show the connector, start a sync, export a run's issues."""
from __future__ import annotations

from typing import Mapping

from sqlmodel import Session

from .. import db
from ..errors import Conflict, Forbidden, NotFound
from ..messages import N_
from ..models import SyncIssue, SyncRun
from ..spreadsheet import csv_text
from . import audit, sources

ISSUE_COLUMNS = ("run_id", "severity", "source_file", "sheet", "row", "column", "source_id", "message")


def connector_settings(code: str, config: Mapping) -> dict:
    """The connector's describe(), as it would be built for a sync of this cluster with the app's
    config (CONNECTOR_FILES_DIR, CONNECTOR_BASE_URL, DEMO_MODE)."""
    from pathlib import Path

    from connectors import registry
    from connectors.base import SourceSettings
    from connectors.sample_server import SAMPLES_DIR

    files = Path(config.get("CONNECTOR_FILES_DIR") or SAMPLES_DIR)
    base = config.get("CONNECTOR_BASE_URL") or None
    try:
        connector = registry.create(code, SourceSettings(samples_dir=files / code, base_url=base))
    except Exception as exc:  # an unknown connector is shown, not raised: the page still helps
        return {"error": str(exc)}
    info = connector.describe()
    info["class"] = type(connector).__name__
    if not base and config.get("DEMO_MODE"):
        info["base_url"] = "local sample server, started for each run"
    return info


def start(user, code: str, *, dry_run: bool,
          allow_mass_withdrawal: bool = False) -> tuple[int, bool]:
    """Start the cluster's sync in the background; (run id, False) if one is running already.

    allow_mass_withdrawal confirms the withdrawals the guard stopped an earlier run for."""
    from ..sync import background

    def record(run_id: int) -> None:
        with db.session() as s:
            audit.record(s, user, "sync.dry_run" if dry_run else "sync.start", f"run:{run_id}",
                         cluster=code, after={"run_id": run_id, "dry_run": dry_run,
                                              "allow_mass_withdrawal": allow_mass_withdrawal})

    return background.start(code, dry_run=dry_run, trigger="console", on_open=record,
                            allow_mass_withdrawal=allow_mass_withdrawal)


def cancel(user, code: str, run_id: int) -> str:
    """Cancel a running sync of the cluster (its operators, curators and admins): the engine
    rolls it back at its next look at the flag, leaving the catalog as it was. Returns
    "requested" (it stops shortly) or "closed" (it was waiting, or its process is gone)."""
    from ..auth.roles import CURATOR, check_login
    from ..sync import background

    check_login(user)
    if not (user.operates(code) or user.role == CURATOR):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s, curators and "
                           "administrators may cancel its syncs."), cluster=repr(code))
    with db.session() as s:
        run = run_of(s, code, run_id)
        if run.outcome != "running":
            raise Conflict(N_("Sync run %(run)s has already ended (%(outcome)s); there is nothing "
                              "to cancel."), run=run_id, outcome=run.outcome)
        audit.record(s, user, "sync.cancel", f"run:{run_id}", cluster=code,
                     before={"outcome": "running"}, after={"run_id": run_id})
    return background.cancel(run)


def run_of(session: Session, code: str, run_id: int) -> SyncRun:
    """The run, if it belongs to the cluster (another cluster's run is not found, not leaked)."""
    run = session.get(SyncRun, run_id)
    if run is None or run.cluster != code:
        raise NotFound(N_("No sync run %(run)s of cluster %(cluster)s."), run=run_id, cluster=repr(code))
    return run


def issues_csv(issues: list[SyncIssue]) -> str:
    """UTF-8 with a BOM for Excel; formula-like cells neutralised."""
    places = ((i, sources.place(i.location, i.field)) for i in issues)
    return csv_text(ISSUE_COLUMNS, ((i.run_id, i.severity, p.source, p.sheet, p.row, p.column,
                                     i.source_id, i.message) for i, p in places))
