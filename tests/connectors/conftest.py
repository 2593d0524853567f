"""Fixtures of the reader and sample server tests: a real local HTTP server (the demo folder's
sample server, on a folder of the test's own) and fast retry settings."""
from __future__ import annotations

from pathlib import Path

import pytest

from connectors.demo.sample_server import SampleServer


@pytest.fixture
def samples_dir(tmp_path) -> Path:
    path = tmp_path / "samples"
    path.mkdir()
    return path


@pytest.fixture
def server(samples_dir):
    with SampleServer(samples_dir) as running:
        yield running


@pytest.fixture
def http() -> dict:
    """Reader keyword arguments: quick retries so fault tests stay fast (never timed)."""
    return {"timeout": 2.0, "retries": 2, "backoff": 0.001}
