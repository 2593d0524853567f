"""A sync's changed rows, staged in a temporary file beside the catalog until they are applied.

A sync reads, validates and diffs its source without touching the catalog database, so it holds
no lock while a slow source answers: the rows to write go here, in batches, and the engine
applies them afterwards in one short transaction (engine.run). A separate file, not a staging
table and not a list in memory: writing a staging table would take the very SQLite write lock
the sync must not hold while it reads, and a first sync of a large source changes every record,
which would keep all its documents in memory at once (issue 19 item 2 was about reads that
exhausted memory). The file holds pickled batches of at most BATCH rows, written and read back
only by this process, and is deleted when closed (or when the process ends).
"""
from __future__ import annotations

import pickle
import tempfile
from typing import Iterator

BATCH = 1000


class Staged:
    """Rows to write, appended one at a time and read back in batches, in order."""

    def __init__(self, folder: str | None = None):
        self._file = tempfile.TemporaryFile(prefix="clusterhub-sync-", dir=folder)
        self._pending: list[dict] = []
        self.rows = 0

    def add(self, row: dict) -> None:
        self._pending.append(row)
        self.rows += 1
        if len(self._pending) >= BATCH:
            self._spill()

    def _spill(self) -> None:
        if self._pending:
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def batches(self) -> Iterator[list[dict]]:
        """Every row added, in batches of at most BATCH (may be read more than once)."""
        self._spill()
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                return

    def close(self) -> None:
        self._pending = []
        self._file.close()

    def __enter__(self) -> "Staged":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
