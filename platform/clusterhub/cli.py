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

    with db.session() as s:
        added, updated = clusters.load_records(s)
    click.echo(f"Cluster records: {added} added, {updated} updated.")


@main.group("demo")
def demo_group():
    """The demo federation."""


@demo_group.command("load")
def demo_load():
    """Load the demo federation: cluster records (then connectors, index and users as they exist)."""
    from .catalog import clusters

    if migrations.current(db.engine()) != migrations.head():
        raise click.ClickException("The database is not migrated: run `clusterhub db upgrade` first.")
    with db.session() as s:
        added, updated = clusters.load_records(s)
    click.echo(f"Cluster records: {added} added, {updated} updated.")
    click.echo(f"Instance folder: {current_app.instance_path}")
