"""Fixtures of the reader tests: scripted routes and memory probes (the local HTTP server and the
fast retry settings are in tests/connectors/conftest.py, shared with the sample server's tests)."""
from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest



class Script:
    """A route handler that plays replies in order, repeating the last, and counts calls."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.calls: list[dict[str, str]] = []

    def __call__(self, query):
        self.calls.append(query)
        reply = self.replies[min(len(self.calls), len(self.replies)) - 1]
        return reply(query) if callable(reply) else reply


@pytest.fixture
def script():
    """Make a Script: script(reply, reply, ...); a reply may be a callable of the query."""
    return Script


def json_reply(payload, status: int = 200):
    """A (status, headers, body) reply carrying JSON."""
    return status, {"Content-Type": "application/json"}, json.dumps(payload, ensure_ascii=False)


@pytest.fixture
def reply_json():
    return json_reply


def _rss_bytes() -> int:
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class MemoryProbe:
    """Samples the process's resident memory; .growth is the peak above the starting point."""

    def __init__(self):
        self.start = _rss_bytes()
        self.peak = self.start

    def sample(self) -> None:
        self.peak = max(self.peak, _rss_bytes())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20


@pytest.fixture
def memory_probe():
    return MemoryProbe
