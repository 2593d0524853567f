"""Syncs started from a page run as background jobs (clusterhub.jobs), so the page can follow
them live and cancel them: on RQ in Redis with REDIS_URL (any worker machine takes them), else
in a thread of this process."""
from __future__ import annotations

import logging
import threading
from typing import Callable

from .. import db, jobs
from ..models import SyncRun, utcnow
from . import engine, progress, runs, service

log = logging.getLogger(__name__)
_starting = threading.Lock()


def live_state(run: SyncRun) -> dict | None:
    """How a running run is doing: phase, records read, percent (an estimate from the last run),
    and `stale` when nothing has reported for a while (its process stopped; nothing was changed,
    as a sync works in one transaction). None once the run has finished."""
    if run.outcome != "running":
        return None
    info = progress.read(progress.store(), run.id)
    if info is None:  # opened, and no worker has reported yet (or never will)
        age = (utcnow() - run.started_at).total_seconds()
        return {"phase": "starting", "seen": 0, "errored": 0, "percent": None, "elapsed_s": age,
                "silent_s": age, "expected": None, "stale": age > progress.STALE_AFTER_S}
    return info


def start(code: str, *, dry_run: bool, trigger: str = "console",
          on_open: Callable[[int], None] | None = None,
          allow_mass_withdrawal: bool = False) -> tuple[int, bool]:
    """Queue a sync of the cluster and return (run id, True) at once; if one of its syncs is
    already running (or waiting), return (that run's id, False) and start nothing.

    on_open(run_id) runs before the job is queued (while the database is free to write)."""
    service.require_cluster(code)
    queue = jobs.current()
    with _starting:
        with db.session() as s:
            for run in runs.running(s, code):
                state = live_state(run)
                if state and not state["stale"]:
                    return run.id, False
        run_id = engine.open_run(db.engine(), code, dry_run, trigger)
        progress.queued(progress.store(queue), run_id)
    if on_open:
        on_open(run_id)
    queue.enqueue("clusterhub.sync.background.run_job", code=code, run_id=run_id,
                  dry_run=dry_run, trigger=trigger, allow_mass_withdrawal=allow_mass_withdrawal)
    return run_id, True


def run_job(code: str, run_id: int, dry_run: bool, trigger: str,
            allow_mass_withdrawal: bool) -> str:
    """The job: sync the cluster into the run opened by start(); returns the outcome."""
    app = jobs.current().app  # the job runs in the worker's app context
    with db.session() as s:
        run = s.get(SyncRun, run_id)
        if run is None or run.outcome != "running":  # cancelled while it waited
            return run.outcome if run else "missing"
    target = progress.store()
    if target.cancelled(run_id):
        engine.fail_run(db.engine(), run_id, "sync.cancelled_waiting", outcome="cancelled")
        target.drop(run_id)
        return "cancelled"
    try:
        with service.source_base_url(app) as url:
            report = service.sync_cluster(code, base_url=url, dry_run=dry_run, trigger=trigger,
                                          run_id=run_id,
                                          allow_mass_withdrawal=allow_mass_withdrawal)
        return report.outcome
    except Exception as exc:  # the run is closed with the reason; the job just ends
        log.exception("background sync of %s (run %s) failed", code, run_id)
        engine.fail_run(db.engine(), run_id, "sync.failed", reason=str(exc))
        return "failed"


def cancel(run: SyncRun) -> str:
    """Ask a running sync to stop: "requested" when a worker runs it (the engine rolls it back
    at its next look at the flag), "closed" when it was waiting or its process is gone (the run
    is closed as cancelled at once: it changed nothing)."""
    target = progress.store()
    target.cancel(run.id)
    state = live_state(run)
    if state is None or state["stale"] or state["phase"] == "queued":
        engine.fail_run(db.engine(), run.id, "sync.cancelled_waiting", outcome="cancelled")
        return "closed"
    return "requested"
