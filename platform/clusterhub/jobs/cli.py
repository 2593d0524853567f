"""`clusterhub jobs worker`: run the queued jobs (syncs started from the console)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from .queue import RQJobs, current


@click.group("jobs")
def jobs_group():
    """Background jobs (RQ on Redis when REDIS_URL is set)."""


@jobs_group.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def worker_command(burst):
    """Take jobs from the queue in Redis and run them, until stopped (systemd runs this)."""
    jobs = current()
    if not isinstance(jobs, RQJobs):
        raise click.ClickException(
            "REDIS_URL is not set: without it, jobs run in threads of the web process and need "
            "no worker. Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use a queue.")
    click.echo(f"Working queue {jobs.queue.name} at {jobs.config['REDIS_URL']}", err=True)
    jobs.worker(burst=burst)


COMMANDS = (jobs_group,)
