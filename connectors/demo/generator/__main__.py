"""Command line: python -m connectors.demo.generator [--seed N] [--out DIR] [--cluster CODE ...]."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import generate
from .catalog import DEFAULT_SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m connectors.demo.generator",
                                     description="Write the demo federation's native sample exports.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed; the same seed gives the same bytes (default {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "samples",
                        help="output folder (default: connectors/demo/samples)")
    parser.add_argument("--cluster", action="append", help="only this cluster (repeatable)")
    args = parser.parse_args(argv)
    summary = generate(args.out, seed=args.seed, clusters=args.cluster)
    for code, counts in summary.items():
        print(f"{code:22s} services {counts['service']:4d}  equipment {counts['equipment']:5d}  "
              f"experts {counts['expert']:3d}")
    total = sum(sum(c.values()) for c in summary.values())
    print(f"{len(summary)} clusters, {total} records -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
