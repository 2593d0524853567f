"""Sync benchmark: a generated 100,000-record source, full sync, unchanged re-sync, how long each
holds the catalog's write lock (the publish step, sync/publish.py), peak memory.

Run: .venv/bin/python bench/sync_bench.py [--records 100000] [--database-url URL] [--no-write]
It prints the figures and writes them to docs/performance.md (section "Sync engine").
"""
from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import write_section  # noqa: E402

from sqlmodel import Session  # noqa: E402

from clusterhub import migrations  # noqa: E402
from clusterhub.catalog import clusters  # noqa: E402
from clusterhub.db import make_engine  # noqa: E402
from clusterhub.sync import engine as sync_engine  # noqa: E402
from clusterhub.sync.items import from_batch  # noqa: E402

FAMILIES = [("질량분석기", "Mass spectrometer", "Waters", "Xevo TQ-XS", "EQ0002"),
            ("공초점 현미경", "Confocal microscope", "Zeiss", "LSM 980", "EQ0001"),
            ("유세포분석기", "Flow cytometer", "BD", "FACSymphony A5", "EQ0004"),
            ("핵자기공명 분광기", "NMR spectrometer 600 MHz", "Bruker", "AVANCE NEO 600", "EQ0002"),
            ("차세대 염기서열 분석기", "NGS sequencer", "Illumina", "NovaSeq X", "EQ0004")]


def documents(n: int, generation: int = 0):
    """n equipment documents, streamed so the source itself holds no memory."""
    for i in range(n):
        ko, en, maker, model, eq_class = FAMILIES[i % len(FAMILIES)]
        yield {
            "kind": "equipment", "source_id": f"EQ-{i:06d}", "cluster": "kmedihub",
            "title": {"ko": f"{ko} {i}", "en": f"{en} {i}"},
            "summary": {"ko": f"{maker} {model} 장비를 공동활용으로 제공합니다."},
            "center": {"ko": "신약개발지원센터"}, "categories": ["analytical_chemistry"],
            "region": "daegu", "manufacturer": maker, "model": model,
            "year_acquired": 2010 + i % 15, "nfec_no": f"NFEC-2019-03-{i % 1000000:06d}",
            "equipment_class": eq_class, "sharing_scope": "shared",
            "fee": {"model": "fixed", "min_krw": 50000 + generation, "max_krw": 1200000},
            "booking": {"mode": "operator_assisted", "lead_time_days": 5},
            "keywords": [model, maker], "source_updated_at": "2025-03-05",
        }


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        engine = make_engine(url)
        migrations.upgrade(engine)
        with Session(engine) as s:
            clusters.load_records(s)
            s.commit()
        t = time.perf_counter()
        full = sync_engine.run(engine, "kmedihub", from_batch(documents(args.records)))
        full_s = time.perf_counter() - t
        t = time.perf_counter()
        again = sync_engine.run(engine, "kmedihub", from_batch(documents(args.records)))
        again_s = time.perf_counter() - t
        rss = peak_rss_mb()
        dialect = engine.dialect.name
    assert full.counts["added"] == args.records and again.counts["unchanged"] == args.records
    rows = [("full sync (empty catalog)", f"{full_s:.1f} s", "≤ 60 s"),
            ("re-sync, source unchanged", f"{again_s:.1f} s", "≤ 10 s"),
            ("write lock held by the publish step, full sync", f"{full.lock_held_s:.2f} s", "—"),
            ("write lock held by the publish step, re-sync", f"{again.lock_held_s:.2f} s", "—"),
            ("peak RSS of the process", f"{rss:.0f} MB", "≤ 500 MB")]
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    body = (f"{args.records:,} generated equipment records through the real engine (validation, "
            f"content hash, one transaction) on {dialect}; the write lock is held from the publish "
            f"step's first write to its commit, while other writers wait; {platform.machine()}, "
            f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}.\n"
            f"Command: `.venv/bin/python bench/sync_bench.py --records {args.records}`\n\n"
            f"| measure | result | target |\n|---|---|---|\n{table}\n")
    print(body)
    if not args.no_write:
        write_section("sync", "Sync engine", body)


if __name__ == "__main__":
    main()
