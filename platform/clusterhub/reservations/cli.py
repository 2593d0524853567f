"""`clusterhub calendars read`: read the instruments' iCalendar feeds (a timer runs it)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from .. import db
from . import feeds


@click.group("calendars", cls=AppGroup)
def calendars_group():
    """Instrument calendars: read the clusters' booking-system feeds."""


@calendars_group.command("read")
@click.option("--cluster", default=None, help="Only this cluster's instruments.")
def read(cluster: str | None):
    """Read every configured feed (booking.calendar_url); a broken feed is reported, the others still read."""
    with db.session() as s:
        rows = feeds.read_all(s, cluster)
        report = [(f.listing_id, f.events, f.error) for f in rows]
    if not report:
        click.echo("No instrument has a calendar feed (booking.calendar_url).")
    for listing_id, events, error in report:
        click.echo(f"{listing_id}: " + (f"FAILED {error}" if error else f"{events} events"))
    if any(error for _l, _e, error in report):
        raise SystemExit(1)


COMMANDS = (calendars_group,)
