"""`clusterhub sync`, `sync-runs` and `sync-issues`."""
from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from connectors import registry

from .. import db
from ..errors import ServiceError
from . import runs, service

COLUMNS = ("added", "updated", "unchanged", "withdrawn", "restored", "errored")


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda r: "  ".join(str(x).rjust(w) if i else str(x).ljust(w)  # noqa: E731
                               for i, (x, w) in enumerate(zip(r, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _progress(code: str):
    if not sys.stderr.isatty():
        return None
    return lambda counts, phase: click.echo(f"\r  {code}: {counts['seen']:,} records read",
                                            nl=False, err=True)


@click.command("sync")
@with_appcontext
@click.argument("cluster", required=False)
@click.option("--all", "all_clusters", is_flag=True, help="Sync every cluster with a connector.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--allow-mass-withdrawal", is_flag=True,
              help="Apply even if more than 30% of the cluster's listings would be withdrawn.")
def sync_command(cluster, all_clusters, dry_run, allow_mass_withdrawal):
    """Sync CLUSTER (or --all) from its source through its connector."""
    if bool(cluster) == all_clusters:
        raise click.UsageError("Give one CLUSTER or --all.")
    codes = registry.names() if all_clusters else [cluster]
    reports = []
    with service.source_base_url() as base_url:
        with click.progressbar(codes, label="Syncing", show_pos=True, file=sys.stderr,
                               item_show_func=lambda c: c or "") as bar:
            for code in bar:
                try:
                    reports.append(service.sync_cluster(
                        code, base_url=base_url, dry_run=dry_run,
                        allow_mass_withdrawal=allow_mass_withdrawal, progress=_progress(code)))
                except ServiceError as exc:
                    raise click.ClickException(exc.message)
    rows = [[r.cluster, r.outcome, *(f"{r.counts[c]:,}" for c in COLUMNS), f"{r.duration_s:.1f}s"]
            for r in reports]
    click.echo(_table(rows, ["cluster", "outcome", *COLUMNS, "time"]))
    for r in reports:
        if not r.ok or r.counts["errored"]:
            click.echo(f"{r.cluster} (run {r.run_id}): {r.message} "
                       f"{len(r.issues)} issue(s): clusterhub sync-issues {r.run_id}")
    if any(not r.ok for r in reports):
        sys.exit(1)


@click.command("sync-runs")
@with_appcontext
@click.argument("cluster", required=False)
@click.option("--limit", default=30, show_default=True)
def sync_runs_command(cluster, limit):
    """The history of sync runs, newest first."""
    with db.session() as s:
        rows = [[r.id, r.cluster, r.outcome + (" (dry)" if r.dry_run else ""),
                 r.started_at.strftime("%Y-%m-%d %H:%M"), *(getattr(r, c) for c in COLUMNS),
                 f"{r.duration_s:.1f}s" if r.duration_s is not None else "-"]
                for r in runs.recent(s, cluster, limit)]
    if not rows:
        click.echo("No sync runs yet.")
        return
    click.echo(_table(rows, ["run", "cluster", "outcome", "started (UTC)", *COLUMNS, "time"]))


@click.command("sync-issues")
@with_appcontext
@click.argument("run_id", type=int)
def sync_issues_command(run_id):
    """The per-record issues of one run, with their source locations."""
    with db.session() as s:
        found = runs.issues(s, run_id)
    if not found:
        click.echo(f"Run {run_id} recorded no issues.")
        return
    for issue in found:
        where = issue.location + (f" (id {issue.source_id})" if issue.source_id else "")
        click.echo(f"{where}: {issue.field or '-'}: {issue.message}")


COMMANDS = (sync_command, sync_runs_command, sync_issues_command)
