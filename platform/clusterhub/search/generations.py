"""Index generations on disk: path/generations/<n>/, a `current` pointer, one writer at a time.

A rebuild writes a new generation beside the live one and replaces the pointer with os.replace,
so readers (any process) see either the old or the new index, never a half-built one. Readers
notice a newer generation or commit by stat-ing two small files per search.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import tantivy

META = "clusterhub.json"      # beside tantivy's own meta.json: catalog version, build time
KEEP = 2                      # generations kept: current and previous (other readers may hold it)


def stamp(path: Path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class Generations:
    """The generations of one backend directory."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.root = self.path / "generations"
        self.pointer = self.path / "current"

    def current(self) -> Path | None:
        try:
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        gen = self.root / name
        return gen if name and (gen / "meta.json").is_file() else None

    @contextmanager
    def write_lock(self):
        """Exclusive across processes: one writer (upsert, delete, rebuild) at a time."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "write.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def create(self) -> Path:
        """A new, empty generation directory holding an empty index (call under the lock)."""
        self.root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name) for p in self.root.iterdir() if p.name.isdigit()]
        gen = self.root / f"{max(numbers, default=0) + 1:06d}"
        gen.mkdir()
        return gen

    def publish(self, gen: Path) -> None:
        """Point `current` at gen atomically, then drop generations older than the previous one."""
        tmp = self.path / f"current.{os.getpid()}.tmp"
        tmp.write_text(gen.name + "\n", encoding="utf-8")
        os.replace(tmp, self.pointer)
        keep = sorted((p for p in self.root.iterdir() if p.name.isdigit()), key=lambda p: p.name)
        for old in keep[:-KEEP]:
            if old != gen:
                shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def read_meta(gen: Path) -> dict:
        try:
            return json.loads((gen / META).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    @staticmethod
    def write_meta(gen: Path, meta: dict) -> None:
        tmp = gen / f"{META}.tmp"
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, gen / META)


class Reader:
    """An open index that follows the current generation and its latest commit."""

    def __init__(self, generations: Generations):
        self.generations = generations
        self._lock = threading.Lock()
        self._gen: Path | None = None
        self._index: tantivy.Index | None = None
        self._stamps = None
        self._pid = os.getpid()

    def index(self) -> tantivy.Index | None:
        """The current generation's index, reloaded if a commit or swap happened since."""
        with self._lock:
            return self._current()

    def _current(self) -> tantivy.Index | None:
        g = self.generations
        if self._pid != os.getpid():       # opened before a fork: open again in this process
            self._pid, self._gen, self._index, self._stamps = os.getpid(), None, None, None
        pointer = stamp(g.pointer)
        gen = self._gen
        if self._stamps is None or pointer != self._stamps[0]:
            gen = g.current()
        if gen is None:
            self._gen = self._index = self._stamps = None
            return None
        stamps = (pointer, stamp(gen / "meta.json"))
        if gen != self._gen or self._index is None:
            self._index = open_index(gen)
            self._gen = gen
        elif stamps != self._stamps:
            self._index.reload()
        self._stamps = stamps
        return self._index

    @property
    def generation(self) -> Path | None:
        return self._gen

    def versioned(self) -> tuple[tantivy.Index | None, tuple | None]:
        """The index and what it reflects (generation and commit, read under the same lock as
        the reload, and before the searcher is taken): a key for caches of counts."""
        with self._lock:
            index = self._current()
            searcher = index.searcher() if index is not None else None
            return index, searcher, ((self._gen, self._stamps) if index is not None else None)


def open_index(gen: Path) -> tantivy.Index:
    """An existing generation, with its own schema (a newer code's schema is checked by state)."""
    index = tantivy.Index.open(str(gen))
    index.config_reader(reload_policy="Manual")
    return index
