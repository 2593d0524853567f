"""The demo federation: its generator, the sample exports it writes and their loopback server.

Not shipped: setup.cfg leaves connectors.demo out of the wheel, so a deployed site has no
generated samples to fall back on, and demo mode (CLUSTERHUB_DEMO=1, `make demo`) needs a
source checkout. The shipped connectors never import this package (an import contract in
setup.cfg keeps it so); the platform imports it in one module, clusterhub.sync.demo.

    generator/        the deterministic generator of the samples (python -m connectors.demo.generator)
    samples/<code>/   each demo cluster's native export, generated and committed
    sample_server.py  serves the API samples over real HTTP on 127.0.0.1
"""
from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).with_name("samples")


def codes() -> list[str]:
    """The codes of the demo federation, whose samples the generator writes, sorted. Every other
    registered cluster is real: its own export sits in connectors/samples/<code>/ with an
    expected.json (clusterhub connectors new writes both)."""
    from .. import registry
    from .generator.federation import BY_CODE  # plain data: the plan, not the generator

    return sorted(code for code in BY_CODE if code in registry.CONNECTORS)


def real() -> list[str]:
    """The registered clusters outside the demo federation (their exports are their own), sorted."""
    from .. import registry

    return sorted(set(registry.CONNECTORS) - set(codes()))
