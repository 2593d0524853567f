"""Deterministic generator of the demo federation's native sample exports (connectors/demo/samples)."""
from __future__ import annotations

import shutil
from pathlib import Path

from .catalog import DEFAULT_SEED, build
from .layouts import all_layouts
from .writers import write_cluster


def generate(out: Path, *, seed: int = DEFAULT_SEED, clusters: list[str] | None = None) -> dict:
    """Write each cluster's export under out/<code>/, replacing what was there; counts per kind."""
    layouts = all_layouts()
    summary = {}
    for cluster in build(seed):
        if clusters and cluster.code not in clusters:
            continue
        folder = Path(out) / cluster.code
        if folder.exists():
            shutil.rmtree(folder)
        write_cluster(layouts[cluster.code], cluster, folder)
        summary[cluster.code] = {"service": len(cluster.services),
                                 "equipment": len(cluster.equipment), "expert": len(cluster.experts)}
    return summary
