"""The `clusterhub` command: the app's Flask CLI, home of every operator command."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup

from . import create_app, db, migrations


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def main():
    """ClusterHub operator commands."""


def _register_feature_commands() -> None:
    from .auth.cli import COMMANDS as auth_commands
    from .connectors_cli import COMMANDS as connector_commands
    from .inquiries.cli import COMMANDS as mail_commands
    from .jobs.cli import COMMANDS as job_commands
    from .sync.cli import COMMANDS as sync_commands
    from .reservations.cli import COMMANDS as calendar_commands

    for command in (*sync_commands, *auth_commands, *mail_commands, *connector_commands,
                    *calendar_commands, *job_commands):
        main.add_command(command)


@main.command("reindex")
def reindex():
    """Rebuild the search index from the catalog beside the live one, then swap it in."""
    from .search import indexer

    count = indexer.rebuild(current_app)
    click.echo(f"Indexed {count:,} listings.")


@main.group("db")
def db_group():
    """The catalog database."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str):
    """Apply the Alembic migrations up to REVISION (default: head)."""
    engine = db.engine()
    migrations.upgrade(engine, revision)
    click.echo(f"Database {engine.url.render_as_string(hide_password=True)} "
               f"is at revision {migrations.current(engine)}.")


@db_group.command("current")
def db_current():
    """Show the database's revision and the newest one."""
    click.echo(f"current: {migrations.current(db.engine())}  head: {migrations.head()}")


@main.group("schema")
def schema_group():
    """The shared schema."""


@schema_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def schema_export(directory: Path):
    """Write the JSON Schema of each listing kind and of the cluster record to DIRECTORY."""
    from schemas import jsonschema

    for path in jsonschema.export(directory):
        click.echo(f"wrote {path}")


@main.group("clusters")
def clusters_group():
    """The federation's cluster records."""


@clusters_group.command("load")
def clusters_load():
    """Insert or refresh the cluster records from schemas/clusters.json."""
    from .catalog import clusters

    from schemas.cluster import ClusterFileError

    try:
        with db.session() as s:
            added, updated = clusters.load_records(s)
    except ClusterFileError as exc:
        raise click.ClickException(f"Nothing was loaded. {exc}") from None
    click.echo(f"Cluster records: {added} added, {updated} updated.")


@clusters_group.command("source")
@click.argument("code")
@click.option("--files-dir", help="The folder of the cluster's export files (CSV, XLSX).")
@click.option("--base-url", help="The address of the cluster's API (http or https).")
@click.option("--paging", help="The API's paging: page/size, page/pageSize, pageNo/numOfRows, single.")
@click.option("--page-size", help="Records per page, 1 to 1000.")
@click.option("--organ", help="ZEUS: keep one organisation's records (organCd or organNm).")
@click.option("--key-secret", help="ZEUS: the NAME of the environment variable or credential "
              "holding the API key (never the key).")
@click.option("--default", "defaults", multiple=True, metavar="FIELD",
              help="Return FIELD (files-dir, base-url, ...) to the server's default; repeatable.")
@click.option("--reason", default="", help="Why, for the audit log.")
def clusters_source(code: str, defaults: tuple[str, ...], reason: str, **given):
    """Show the cluster's source, or change it (the options given; the others stay)."""
    import getpass

    from .auth.roles import ADMIN, Principal
    from .curation import sources
    from .errors import ServiceError
    from .sync import sources as sync_sources

    changes = {k: v for k, v in given.items() if v is not None}
    unknown = [d for d in defaults if d.replace("-", "_") not in sources.FIELDS]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}; one of "
                                 f"{', '.join(f.replace('_', '-') for f in sources.FIELDS)}",
                                 param_hint="--default")
    try:
        with db.session() as s:
            if changes or defaults:
                current = sources.values(sync_sources.setting(s, code))
                form = {k: "" if v is None else str(v) for k, v in current.items()}
                form.update(changes)
                form.update({d.replace("-", "_"): "" for d in defaults})
                user = Principal(id=0, email=f"cli:{getpass.getuser()}", role=ADMIN)
                sources.save(s, user, code, {**form, "reason": reason}, current_app.config)
                s.commit()
            view = sync_sources.source_view(s, code, current_app.config)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    if view is None:
        raise click.ClickException(f"No connector is registered for cluster {code!r}.")
    src = view.resolved
    origin = {"cluster": "this cluster's setting", "environment": f"default, {view.setting}",
              "demo": "demo samples"}.get(src.origin or "", "NOT CONFIGURED: a sync refuses")
    click.echo(f"{code} ({src.format})")
    click.echo(f"  source      {src.location or '-'}  [{origin}]")
    for name in sources.applies(src.format):
        if name in ("files_dir", "base_url", "key_secret"):
            continue
        value = getattr(src, name)
        click.echo(f"  {name.replace('_', '-'):<11} {value if value is not None else '(connector default)'}")
    if src.key_secret:
        state = {"environment": "set, environment", "credentials": "set, credential store"}.get(
            src.key_origin or "", "NOT SET")
        click.echo(f"  api key     {state} ({src.key_secret})")


@main.group("demo")
def demo_group():
    """The demo federation."""


@demo_group.command("load")
@click.option("--refresh", is_flag=True, help="Sync every cluster again even if it was loaded.")
def demo_load(refresh: bool):
    """Load the demo federation: cluster records, every generated sample export, the index."""
    from connectors import registry

    from .catalog import clusters, state
    from . import search
    from .search import indexer
    from .sync import runs, service

    if migrations.current(db.engine()) != migrations.head():
        raise click.ClickException("The database is not migrated: run `clusterhub db upgrade` first.")
    with db.session() as s:
        added, updated = clusters.load_records(s)
    click.echo(f"Cluster records: {added} added, {updated} updated.")
    with db.session() as s:
        done = {code for code, r in runs.last_per_cluster(s).items() if r.outcome == "succeeded"}
    todo = [c for c in registry.generated() if refresh or c not in done]
    if todo:
        click.echo(f"Syncing {len(todo)} cluster(s) from their sample exports ...")
        # The demo federation is the generated samples, whatever the mode of the site.
        with service.source_base_url(demo=True) as base_url:
            with click.progressbar(todo, label="Syncing", show_pos=True,
                                   item_show_func=lambda c: c or "") as bar:
                reports = [service.sync_cluster(c, base_url=base_url, trigger="demo", demo=True)
                           for c in bar]
        for r in reports:
            click.echo(f"  {r.cluster:<22} {r.outcome:<10} +{r.counts['added']:,} "
                       f"~{r.counts['updated']:,} issues {r.counts['errored']:,}")
    else:
        click.echo("Every cluster is already loaded (use --refresh to sync again).")
    from . import unit
    from .curation import demo as curation_demo

    with unit.begin() as u:
        picks = curation_demo.ensure_picks(u)
    if picks:
        click.echo(f"Featured {len(picks)} demo picks on the home page: {', '.join(picks)}")
    search_state = search.health(current_app)
    if search_state.get("state") != "ready":
        click.echo(f"Search index is {search_state.get('state')}: rebuilding ...")
        click.echo(f"Indexed {indexer.rebuild(current_app):,} listings.")
    with db.session() as s:
        click.echo(f"Catalog version {state.version(s)}; instance folder {current_app.instance_path}")
    from .auth import demo as auth_demo

    click.echo("Demo accounts (demo passwords, for this demo only), log in at /login:")
    for account in auth_demo.ensure_demo_accounts():
        click.echo(f"  {account.role:<9} {account.email:<26} password {account.password}"
                   f"{'  (cluster ' + account.cluster + ')' if account.cluster else ''}")
    from .inquiries import demo as inquiries_demo

    with db.session() as s:
        made = inquiries_demo.ensure_demo_requests(s)
    if made:
        click.echo(f"Demo requests: {made[0]} (tickets: {made[1]}), from member@clusterhub.demo")
    from .pathways import demo as pathways_demo

    with db.session() as s:
        pathway = pathways_demo.ensure_demo_pathway(s)
    if pathway:
        click.echo(f"Demo pathway #{pathway} in progress (the master plan's example): /pathways/requests/{pathway}")


_register_feature_commands()
