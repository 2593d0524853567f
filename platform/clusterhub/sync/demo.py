"""The demo federation's sources: the generated sample exports and their loopback server.

The only module of the platform that imports connectors.demo (an import contract in setup.cfg
keeps it so). That package is not in the wheel: a site installed from it has no generated samples,
and demo mode then says so instead of reading anything. A source checkout (`make demo`) has it."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import Conflict
from ..messages import N_


def _package():
    try:
        import connectors.demo as package
    except ImportError:
        raise Conflict(N_("Demo mode needs the demo folder connectors/demo, which only a source "
                          "checkout has (the installed package leaves it out). Run the demo from "
                          "a checkout (`make demo`), or configure the clusters' sources. Nothing "
                          "was changed.")) from None
    return package


def available() -> bool:
    """Whether the demo folder is here (a source checkout), without raising."""
    try:
        _package()
    except Conflict:
        return False
    return True


def samples_dir() -> Path:
    """connectors/demo/samples: one folder of native exports per demo cluster."""
    return _package().SAMPLES_DIR


def codes() -> list[str]:
    """The demo federation's cluster codes, sorted (the clusters `clusterhub demo load` syncs)."""
    return _package().codes()


@contextmanager
def sample_server(folder: Path | None = None) -> Iterator[str]:
    """Serve the recorded API pages of folder (default: the demo samples) on 127.0.0.1 while the
    block runs; yields the base URL. `clusterhub connectors try` borrows it for a real cluster's
    recorded pages."""
    _package()
    from connectors.demo.sample_server import SampleServer

    with SampleServer(folder or samples_dir()) as server:
        yield server.url
