"""What a sync run reports: its outcome, message code, counts, issues and the ids it changed."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .items import Issue
from .messages import english


@dataclass
class SyncReport:
    run_id: int
    cluster: str
    outcome: str = "running"   # succeeded | failed | stopped | dry_run | cancelled
    message: str = ""          # in English, for the CLI and the logs
    code: str = ""             # the message as a code with params (sync/messages.py)
    params: dict = field(default_factory=dict)
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("seen", "added", "updated", "unchanged", "withdrawn", "restored", "errored"), 0))
    issues: list[Issue] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    # How long the publish step held the catalog's write lock, from taking it to the commit (or
    # rollback): what other writers (pushes, curators, other syncs) wait at most. 0 for a dry run.
    lock_held_s: float = 0.0
    locked_at: float | None = None  # time.monotonic() when publish took the lock

    @property
    def ok(self) -> bool:
        return self.outcome in ("succeeded", "dry_run")

    def lock_taken(self) -> None:
        self.locked_at = time.monotonic()

    def lock_released(self) -> None:
        if self.locked_at is not None:
            self.lock_held_s, self.locked_at = time.monotonic() - self.locked_at, None

    def say(self, code: str, **params) -> None:
        self.code, self.params, self.message = code, params, english(code, params)


class Stop(Exception):
    """Ends a run early with an outcome and a message code; nothing is published."""

    def __init__(self, outcome: str, code: str, **params):
        super().__init__(code)
        self.outcome, self.code, self.params = outcome, code, params
