"""The two job backends and the app's choice between them."""
from __future__ import annotations

import importlib
import threading
import uuid
from pathlib import Path
from typing import Any, Mapping

from flask import Flask, current_app

EXTENSION = "clusterhub.jobs"
# A sync of the largest cluster reads for minutes; a job running longer than this is stopped.
DEFAULT_TIMEOUT_S = 6 * 3600


def call(path: str, kwargs: Mapping[str, Any]) -> Any:
    """Run the function at the dotted path (module.function) with kwargs."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**kwargs)


def run(path: str, kwargs: dict) -> Any:
    """What an RQ worker executes: the job inside the worker's app context (`jobs worker` opens
    it), or a new app's when a bare `rq worker` runs the job."""
    from flask import has_app_context

    if has_app_context():
        return call(path, kwargs)
    from .. import create_app

    with create_app().app_context():
        return call(path, kwargs)


class Jobs:
    """A job queue. `redis` is the shared store (None when jobs stay in this process), `prefix`
    starts every key this app writes there; `config` is the app's configuration."""

    name = "jobs"
    redis = None

    def __init__(self, app: Flask):
        self.app = app
        self.config = app.config
        self.prefix = app.config.get("REDIS_PREFIX") or "clusterhub:"
        self.instance_path = Path(app.instance_path)

    def enqueue(self, path: str, **kwargs) -> str:
        raise NotImplementedError

    def submit(self, path: str, **kwargs) -> tuple[str | None, Any]:
        """For commands a timer runs: with a shared queue, enqueue the job for a worker
        ((job id, None)); in-process, run it here and now ((None, its result)), since threads of
        a command that is about to exit would die with it."""
        return None, call(path, kwargs)


class ThreadJobs(Jobs):
    """The embedded default: each job in a daemon thread of this process (gone on restart).
    SYNC_IN_BACKGROUND=False runs it at once, in the caller (tests, scripts)."""

    name = "threads"

    def enqueue(self, path: str, **kwargs) -> str:
        def work() -> None:
            with self.app.app_context():
                try:
                    call(path, kwargs)
                except Exception:  # the job closes its own records; the thread just ends
                    self.app.logger.exception("job %s failed", path)

        if self.config.get("SYNC_IN_BACKGROUND", True):
            thread = threading.Thread(target=work, name=f"job-{path.rsplit('.', 1)[-1]}",
                                      daemon=True)
            thread.start()
            return thread.name
        work()
        return "inline"


class RQJobs(Jobs):
    """RQ on the Redis at REDIS_URL: jobs wait in the queue `<prefix>jobs` until a worker
    (`clusterhub jobs worker`, any machine) takes them."""

    name = "rq"

    def __init__(self, app: Flask):
        super().__init__(app)
        from redis import Redis
        from rq import Queue

        self.redis = Redis.from_url(app.config["REDIS_URL"])
        self.queue = Queue(f"{self.prefix}jobs", connection=self.redis)

    def enqueue(self, path: str, **kwargs) -> str:
        timeout = int(self.config.get("JOBS_TIMEOUT_S") or DEFAULT_TIMEOUT_S)
        job = self.queue.enqueue(run, path, kwargs, job_timeout=timeout,
                                 result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600)
        return job.id

    def submit(self, path: str, **kwargs) -> tuple[str | None, Any]:
        return self.enqueue(path, **kwargs), None

    def worker(self, *, burst: bool = False) -> bool:
        """Work the queue in this process (jobs see this app's context) until stopped, or until
        it is empty with burst=True. True if any job was run."""
        from rq import SimpleWorker
        from rq.timeouts import TimerDeathPenalty

        class Worker(SimpleWorker):
            death_penalty_class = TimerDeathPenalty  # works outside the main thread too

            def _install_signal_handlers(self) -> None:
                # Ctrl-C and systemd's SIGTERM stop the worker; only the main thread may listen.
                if threading.current_thread() is threading.main_thread():
                    super()._install_signal_handlers()

        name = f"{self.prefix}{uuid.uuid4().hex}"  # its keys in Redis carry the app's prefix
        return Worker([self.queue], connection=self.redis, name=name).work(
            burst=burst, with_scheduler=False)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = RQJobs(app) if app.config.get("REDIS_URL") else ThreadJobs(app)


def current(app: Flask | None = None) -> Jobs:
    app = app or current_app._get_current_object()
    if EXTENSION not in app.extensions:
        init_app(app)
    return app.extensions[EXTENSION]
