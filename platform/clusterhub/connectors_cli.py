"""`clusterhub connectors new` and `try`: onboard a cluster's real export (docs/connectors.md).

Plain click commands: they need no app, no database, only the connectors package."""
from __future__ import annotations

from pathlib import Path

import click


@click.group("connectors")
def connectors_group():
    """Cluster connectors: write a new one from a sample export, try one on its sample."""


@connectors_group.command("new")
@click.argument("code")
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "xlsx", "json", "xml", "zeus"]),
              help="The export's format (json/xml: one page of the API's answer; zeus: a ZEUS list answer).")
@click.option("--sample", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sample export: its header and records shape the connector.")
@click.option("--kind", default="equipment", show_default=True,
              type=click.Choice(["equipment", "service", "expert"]), help="What its records are.")
@click.option("--name-ko", help="The cluster's Korean name (default: the code).")
@click.option("--name-en", help="The cluster's English name (default: the code).")
@click.option("--region", required=True, help="A code of schemas/vocab/regions.json, e.g. gangwon.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The repository to write into (default: this one).")
def connectors_new(code, fmt, sample, kind, name_ko, name_en, region, root):
    """Write connectors/clusters/CODE.py, its registry line, its cluster record and sample folder,
    then dry-run it on the sample and say what is still unmapped."""
    from connectors import scaffold
    from connectors.scaffold import dryrun

    try:
        made = scaffold.new(code, fmt, sample, kind=kind, name_ko=name_ko, name_en=name_en,
                            region=region, root=root or scaffold.ROOT)
    except scaffold.ScaffoldError as exc:
        raise click.ClickException(str(exc) if exc.written else f"Nothing was written: {exc}") from None
    for path in made.written:
        click.echo(f"wrote {path}")
    click.echo(f"Guessed {len(made.skeleton.mapped)} of {len(made.sample.columns)} columns; "
               f"id column {made.skeleton.id_column!r}.")
    _echo_dry_run(_dry_run(code, (root or scaffold.ROOT).resolve() / "connectors" / "samples"))


@connectors_group.command("try")
@click.argument("code")
@click.option("--files", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of exports, one subfolder per cluster (default: connectors/samples "
                   "for a real cluster, connectors/demo/samples for a demo one).")
@click.option("--write-expected", is_flag=True,
              help="Declare the counts in <files>/CODE/expected.json for the cluster's end-to-end test.")
def connectors_try(code, files, write_expected):
    """Dry-run CODE's connector on its export: map and validate every record, no database."""
    from connectors import registry, scaffold
    from connectors.base import UnknownConnector
    from connectors.scaffold import dryrun

    try:
        registry.get(code)
    except UnknownConnector as exc:
        raise click.ClickException(f"{exc}. A new cluster: `clusterhub connectors new`.") from None
    files = files or _samples_of(code, scaffold.ROOT / "connectors" / "samples")
    result = _dry_run(code, files)
    _echo_dry_run(result)
    if write_expected:
        click.echo(f"wrote {dryrun.write_expected(result, files)}")


def _samples_of(code: str, real: Path) -> Path:
    """Where the cluster's sample export is: a real cluster's where `connectors new` wrote it, a
    demo cluster's in the demo folder."""
    from .errors import Conflict
    from .sync import demo

    if (real / code).is_dir():
        return real
    try:
        return demo.samples_dir() if code in demo.codes() else real
    except Conflict:  # no demo folder (an installed package): only real clusters can be tried
        return real


def _dry_run(code: str, files: Path):
    """The dry run, an API cluster's recorded pages served by the sample server."""
    from connectors.scaffold import dryrun

    from .sync import demo

    return dryrun.dry_run(code, files, serve=demo.sample_server)


def _echo_dry_run(result) -> None:
    from connectors.scaffold import dryrun

    click.echo(dryrun.render(result))
    if result.failed:
        raise click.ClickException("The source could not be read; nothing else was checked.")


COMMANDS = (connectors_group,)
