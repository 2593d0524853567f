"""Sync services: run a cluster's connector or a pushed batch through the engine, then its effects.

Flask-free: the app (its settings, hooks and after-commit handlers) is the one the job queue
serves, `jobs.current().app`, or the one passed in."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from connectors.sample_server import SampleServer

from .. import db, jobs, unit
from ..catalog import clusters
from ..errors import Invalid, NotFound
from ..messages import N_
from . import engine, hooks, items, progress, runs, sources
from .engine import SyncReport

def _app(app=None):
    """The app to sync for: app, or the current one (a request's, a job's or the CLI's)."""
    return app if app is not None else jobs.current().app


def _after_commit(app, report: SyncReport) -> None:
    """The committed sync's effects go through the unit of work's handlers (index, version)."""
    if report.outcome != "succeeded" or not (report.changed_ids or report.removed_ids):
        return
    done = unit.Unit(None)
    done.reindex(report.changed_ids)
    done.remove(report.removed_ids)
    for failure in unit.committed(app, done):
        report.message += (f" The catalog was updated, but {failure}; run `clusterhub reindex`.")


@contextmanager
def source_base_url(app=None, *, demo: bool | None = None) -> Iterator[str | None]:
    """CONNECTOR_BASE_URL if set; in demo mode a local server of the sample payloads for the
    run; otherwise None (an API cluster then refuses to sync: see sync_cluster)."""
    app = _app(app)
    configured = app.config.get("CONNECTOR_BASE_URL")
    if configured:
        yield configured
        return
    if not (app.config.get("DEMO_MODE") if demo is None else demo):
        yield None
        return
    with SampleServer() as server:
        yield server.url


def require_cluster(code: str) -> None:
    with db.session() as s:
        if clusters.get(s, code) is None:
            known = ", ".join(c.code for c in clusters.all_clusters(s))
            if not known:
                raise NotFound(N_("No cluster %(cluster)s: no cluster records are loaded. Run "
                                  "`clusterhub clusters load` (it reads schemas/clusters.json)."),
                               cluster=repr(code))
            raise NotFound(N_("No cluster %(cluster)s. Known clusters: %(known)s. A new cluster "
                              "is added to schemas/clusters.json, then `clusterhub clusters load`."),
                           cluster=repr(code), known=known)


def _terms(app, code: str) -> dict:
    """Curators' mappings of the cluster's unknown words (docs/curation.md), by the terms hook."""
    terms = hooks.of(app).terms
    if terms is None:
        return {}
    with db.session(app) as s:
        return terms(s, code)


@contextmanager
def _tracked(code: str, run_id: int | None, dry_run: bool, trigger: str,
             extra: engine.Progress | None) -> Iterator[tuple[int, progress.Tracker]]:
    """Open the run (unless opened already) and follow it live; see progress.py. The tracker
    takes the engine's figures (and passes them to extra) and answers whether it was cancelled."""
    if run_id is None:
        run_id = engine.open_run(db.engine(), code, dry_run, trigger)
    with db.session() as s:
        expected = runs.expected_size(s, code)
    tracker = progress.Tracker(progress.store(), run_id, expected=expected)
    if extra:
        tracker.extra = extra
    try:
        yield run_id, tracker
    except Exception as exc:  # before the engine took the run over: close it, then re-raise
        engine.fail_run(db.engine(), run_id, "sync.could_not_start", reason=str(exc))
        raise
    finally:
        tracker.close()


def sync_cluster(code: str, *, base_url: str | None, dry_run: bool = False,
                 allow_mass_withdrawal: bool = False, trigger: str = "cli",
                 progress: engine.Progress | None = None, run_id: int | None = None,
                 demo: bool | None = None) -> SyncReport:
    """Run the cluster's connector against its source and apply the result.

    progress(counts, phase) follows the run; run_id continues a run opened by the caller."""
    from connectors import registry  # the platform needs connectors only when it syncs one

    app = _app()
    require_cluster(code)
    with db.session(app) as s:  # the cluster's source setting over the environment's (sources.py)
        source = sources.for_run(s, code, app.config, base_url, demo)
    with _tracked(code, run_id, dry_run, trigger, progress) as (run_id, report_progress):
        settings = sources.connector_settings(source, app.config, terms=_terms(app, code))
        connector = registry.create(code, settings)
        report = engine.run(db.engine(app), code, items.from_connector(connector), full=True,
                            dry_run=dry_run, allow_mass_withdrawal=allow_mass_withdrawal,
                            trigger=trigger, progress=report_progress, run_id=run_id,
                            cancelled=report_progress.cancelled,
                            on_added=hooks.of(app).on_added)
        report_progress(report.counts, "indexing")
        _after_commit(app, report)
    return report


def push_batch(code: str, documents, *, full: bool = False, dry_run: bool = False,
               allow_mass_withdrawal: bool = False) -> SyncReport:
    """Apply a batch a cluster pushed; full=True withdraws what the batch leaves out."""
    require_cluster(code)
    if not isinstance(documents, list):
        raise Invalid(N_("The body must be a JSON object with a list under 'listings'."),
                      [{"path": "listings", "message": N_("expected a list of listing documents")}])
    app = _app()
    with _tracked(code, None, dry_run, "push", None) as (run_id, report_progress):
        report = engine.run(db.engine(app), code, items.from_batch(documents, "listings"),
                            full=full, dry_run=dry_run, allow_mass_withdrawal=allow_mass_withdrawal,
                            trigger="push", progress=report_progress, run_id=run_id,
                            cancelled=report_progress.cancelled,
                            on_added=hooks.of(app).on_added)
        report_progress(report.counts, "indexing")
        _after_commit(app, report)
    return report
