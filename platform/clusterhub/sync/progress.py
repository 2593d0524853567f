"""Live progress of a running sync, readable by every web worker.

A sync holds the database's write lock until it commits (SQLite allows one writer at a time), so
its progress cannot go into the runs table while it runs. Each run instead keeps a small JSON
file in the instance folder: the engine reports into memory, and a heartbeat thread writes the
latest figures every second, replacing the file atomically. A file that stops changing means the
process that ran the sync is gone (the sync was rolled back with it: it works in one transaction).
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from flask import Flask, current_app

HEARTBEAT_S = 1.0
STALE_AFTER_S = 30.0
PHASES = ("starting", "reading", "saving", "indexing")


def directory(app: Flask | None = None) -> Path:
    app = app or current_app
    return Path(app.config.get("SYNC_PROGRESS_DIR") or Path(app.instance_path) / "sync-progress")


def _path(folder: Path, run_id: int) -> Path:
    return folder / f"run-{int(run_id)}.json"


class Tracker:
    """Collects a run's counts and phase; a daemon thread writes them out until close()."""

    def __init__(self, folder: Path, run_id: int, expected: int | None = None):
        self.folder, self.run_id, self.expected = Path(folder), run_id, expected
        self.started = time.time()
        self.state = {"phase": "starting", "seen": 0, "errored": 0}
        self._stop = threading.Event()
        try:  # progress is a courtesy: an unwritable folder must not stop the sync
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write()
        except OSError:
            pass
        self._thread = threading.Thread(target=self._beat, name=f"sync-progress-{run_id}",
                                        daemon=True)
        self._thread.start()

    def __call__(self, counts: dict, phase: str = "reading") -> None:
        """The engine's progress callback: cheap, it only records the figures."""
        self.state = {"phase": phase, "seen": counts.get("seen", 0),
                      "errored": counts.get("errored", 0)}

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            try:
                self._write()
            except OSError:  # progress is a courtesy: a full disk must not stop the sync
                pass

    def _write(self) -> None:
        body = {**self.state, "run_id": self.run_id, "expected": self.expected,
                "started": self.started, "updated": time.time()}
        tmp = self.folder / f".run-{self.run_id}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps(body), encoding="utf-8")
        os.replace(tmp, _path(self.folder, self.run_id))

    def close(self) -> None:
        """The run is closed in the database: its figures live there now."""
        self._stop.set()
        self._thread.join(timeout=5)
        try:
            _path(self.folder, self.run_id).unlink(missing_ok=True)
        except OSError:
            pass


def read(folder: Path, run_id: int) -> dict | None:
    """The run's live figures, or None without a file. `percent` is None when no earlier run
    gives an estimate; `silent_s` is the time since the last heartbeat, and `stale` says it is
    over STALE_AFTER_S (the process that ran the sync stopped)."""
    try:
        body = json.loads(_path(Path(folder), run_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    now = time.time()
    expected = body.get("expected") or 0
    percent = min(99, int(100 * body["seen"] / expected)) if expected else None
    if body.get("phase") in ("saving", "indexing"):
        percent = 99 if expected else None
    silent = now - body["updated"]
    return {**body, "percent": percent, "elapsed_s": now - body["started"], "silent_s": silent,
            "stale": silent > STALE_AFTER_S}
