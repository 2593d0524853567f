"""Syncs started from a page run in a background thread, so the page can follow them live."""
from __future__ import annotations

import threading
from typing import Callable

from flask import current_app

from .. import db
from ..models import SyncRun, utcnow
from . import engine, progress, runs, service

_starting = threading.Lock()


def live_state(run: SyncRun) -> dict | None:
    """How a running run is doing: phase, records read, percent (an estimate from the last run),
    and `stale` when nothing has reported for a while (its process stopped; nothing was changed,
    as a sync works in one transaction). None once the run has finished."""
    if run.outcome != "running":
        return None
    info = progress.read(progress.directory(), run.id)
    if info is None:  # opened, and the thread has not reported yet (or never will)
        age = (utcnow() - run.started_at).total_seconds()
        return {"phase": "starting", "seen": 0, "errored": 0, "percent": None, "elapsed_s": age,
                "silent_s": age, "expected": None, "stale": age > progress.STALE_AFTER_S}
    return info


def start(code: str, *, dry_run: bool, trigger: str = "console",
          on_open: Callable[[int], None] | None = None,
          allow_mass_withdrawal: bool = False) -> tuple[int, bool]:
    """Start a sync of the cluster in a thread and return (run id, True) at once; if one of its
    syncs is already running, return (that run's id, False) and start nothing.

    on_open(run_id) runs before the thread starts (while the database is free to write)."""
    app = current_app._get_current_object()
    service.require_cluster(code)
    with _starting:
        with db.session() as s:
            for run in runs.running(s, code):
                state = live_state(run)
                if state and not state["stale"]:
                    return run.id, False
        run_id = engine.open_run(db.engine(), code, dry_run, trigger)
    if on_open:
        on_open(run_id)

    def work() -> None:
        with app.app_context():
            try:
                with service.source_base_url(app) as url:
                    service.sync_cluster(code, base_url=url, dry_run=dry_run, trigger=trigger,
                                         run_id=run_id,
                                         allow_mass_withdrawal=allow_mass_withdrawal)
            except Exception as exc:  # the run is closed with the reason; the thread just ends
                app.logger.exception("background sync of %s (run %s) failed", code, run_id)
                engine.fail_run(db.engine(), run_id, f"The sync failed: {exc}")

    if app.config.get("SYNC_IN_BACKGROUND", True):
        threading.Thread(target=work, name=f"sync-{code}-{run_id}", daemon=True).start()
    else:
        work()
    return run_id, True
