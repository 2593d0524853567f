"""Live progress of a running sync, and its cancel flag, readable by every web machine.

Progress is not written to the runs table: a write every second would compete with the site's
own writes (SQLite allows one writer at a time). The engine reports into memory, and a
heartbeat thread writes the latest figures every second to a store: Redis when REDIS_URL is set
(every web machine and worker sees it), else a small JSON file per run in the instance folder
(every web worker of this machine sees it). Figures that stop changing mean the process that ran
the sync is gone (nothing was published: a sync publishes in one transaction at its end).

The same store carries a run's cancel flag: a page sets it, the engine reads it between records
and rolls the run back (engine.run(cancelled=...)).
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from .. import jobs

HEARTBEAT_S = 1.0
STALE_AFTER_S = 30.0
KEEP_S = 24 * 3600  # Redis forgets a run's figures and flag after a day
PHASES = ("queued", "starting", "reading", "saving", "indexing")


class FileStore:
    """One JSON file per run (and an empty file per cancelled run) in a folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, run_id: int, suffix: str = "json") -> Path:
        return self.folder / f"run-{int(run_id)}.{suffix}"

    def write(self, run_id: int, body: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".run-{run_id}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps(body), encoding="utf-8")
        os.replace(tmp, self._path(run_id))

    def read(self, run_id: int) -> dict | None:
        try:
            return json.loads(self._path(run_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def drop(self, run_id: int) -> None:
        for suffix in ("json", "cancel"):
            self._path(run_id, suffix).unlink(missing_ok=True)

    def cancel(self, run_id: int) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._path(run_id, "cancel").touch()

    def cancelled(self, run_id: int) -> bool:
        return self._path(run_id, "cancel").exists()


class RedisStore:
    """`<prefix>sync:progress:<run>` (JSON) and `<prefix>sync:cancel:<run>` in Redis."""

    def __init__(self, redis, prefix: str):
        self.redis, self.prefix = redis, prefix

    def _key(self, what: str, run_id: int) -> str:
        return f"{self.prefix}sync:{what}:{int(run_id)}"

    def write(self, run_id: int, body: dict) -> None:
        self.redis.set(self._key("progress", run_id), json.dumps(body), ex=KEEP_S)

    def read(self, run_id: int) -> dict | None:
        raw = self.redis.get(self._key("progress", run_id))
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def drop(self, run_id: int) -> None:
        self.redis.delete(self._key("progress", run_id), self._key("cancel", run_id))

    def cancel(self, run_id: int) -> None:
        self.redis.set(self._key("cancel", run_id), "1", ex=KEEP_S)

    def cancelled(self, run_id: int) -> bool:
        return bool(self.redis.exists(self._key("cancel", run_id)))


def store(queue: jobs.Jobs | None = None):
    """The app's progress store: Redis with the job queue's, else the SYNC_PROGRESS_DIR folder."""
    queue = queue or jobs.current()
    if queue.redis is not None:
        return RedisStore(queue.redis, queue.prefix)
    return FileStore(Path(queue.config.get("SYNC_PROGRESS_DIR")
                          or queue.instance_path / "sync-progress"))


def queued(target, run_id: int) -> None:
    """Mark a run as waiting in the queue (no heartbeat: a queued run never goes stale)."""
    now = time.time()
    try:
        target.write(run_id, {"phase": "queued", "seen": 0, "errored": 0, "run_id": run_id,
                              "expected": None, "started": now, "updated": now})
    except OSError:
        pass


class Tracker:
    """Collects a run's counts and phase; a daemon thread writes them out until close()."""

    def __init__(self, target, run_id: int, expected: int | None = None):
        self.store, self.run_id, self.expected = target, run_id, expected
        self.started = time.time()
        self.state = {"phase": "starting", "seen": 0, "errored": 0}
        self.extra = None  # another progress callback (the CLI's), called with the same figures
        self._stop = threading.Event()
        self._write()
        self._thread = threading.Thread(target=self._beat, name=f"sync-progress-{run_id}",
                                        daemon=True)
        self._thread.start()

    def __call__(self, counts: dict, phase: str = "reading") -> None:
        """The engine's progress callback: cheap, it only records the figures."""
        self.state = {"phase": phase, "seen": counts.get("seen", 0),
                      "errored": counts.get("errored", 0)}
        if self.extra:
            self.extra(counts, phase)

    def cancelled(self) -> bool:
        """True once someone asked to cancel the run (the engine then rolls it back)."""
        try:
            return self.store.cancelled(self.run_id)
        except Exception:  # an unreachable store cancels nothing
            return False

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            self._write()

    def _write(self) -> None:
        body = {**self.state, "run_id": self.run_id, "expected": self.expected,
                "started": self.started, "updated": time.time()}
        try:  # progress is a courtesy: a full disk or a Redis hiccup must not stop the sync
            self.store.write(self.run_id, body)
        except Exception:
            pass

    def close(self) -> None:
        """The run is closed in the database: its figures live there now."""
        self._stop.set()
        self._thread.join(timeout=5)
        try:
            self.store.drop(self.run_id)
        except Exception:
            pass


def read(target, run_id: int) -> dict | None:
    """The run's live figures, or None without any. `percent` is None when no earlier run
    gives an estimate; `silent_s` is the time since the last heartbeat, and `stale` says it is
    over STALE_AFTER_S (the process that ran the sync stopped). A queued run is never stale."""
    try:
        body = target.read(run_id)
    except Exception:
        return None
    if body is None:
        return None
    now = time.time()
    expected = body.get("expected") or 0
    percent = min(99, int(100 * body["seen"] / expected)) if expected else None
    if body.get("phase") in ("saving", "indexing"):
        percent = 99 if expected else None
    silent = now - body["updated"]
    return {**body, "percent": percent, "elapsed_s": now - body["started"], "silent_s": silent,
            "stale": body.get("phase") != "queued" and silent > STALE_AFTER_S}
