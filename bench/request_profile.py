"""CPU time per request, in process: the load bench's anonymous mix through the WSGI app.

Run: .venv/bin/python bench/request_profile.py [--instance DIR] [--requests 600] [--profile]
Without --instance it builds a demo instance in a temporary folder (as bench/load_bench.py
does). The requests are those of bench/locustfile.py's anonymous users (45 % JSON searches, 40 %
search pages, 15 % listing pages; one or two title words, a third with a cluster filter), sent
one after another through Flask's test client with one cookie jar, like one locust user. CPU
time (process time: it includes the engine's threads) is far less sensitive to other work on a
shared machine than locust's wall-clock figures, so this is the number to compare before and
after a change. --profile prints cProfile's top functions by cumulative and by own time.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def query(data: dict) -> dict:
    """bench/locustfile.py's query(): one or two title words, a third with a cluster filter."""
    words = random.sample(data["words"], random.choice((1, 1, 2)))
    params = {"q": " ".join(words)}
    if random.random() < 1 / 3:
        params["cluster"] = random.choice(data["clusters"])
    return params


def requests_of(data: dict, n: int) -> list[tuple[str, str, dict]]:
    out = []
    for _ in range(n):
        pick = random.random()
        if pick < 0.45:
            out.append(("GET /api/v1/search", "/api/v1/search", query(data)))
        elif pick < 0.85:
            out.append(("GET /search", "/search", query(data)))
        else:
            out.append(("GET /listings/<id>", f"/listings/{random.choice(data['listings'])}", {}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", help="an instance folder with the demo loaded")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    built = None
    if args.instance:
        instance = Path(args.instance)
        os.environ.update(CLUSTERHUB_INSTANCE=str(instance), CLUSTERHUB_DEMO="1",
                          SESSION_COOKIE_SECURE="0")
        os.environ.pop("DATABASE_URL", None)
        env = dict(os.environ)
    else:
        from load_bench import prepare

        built = instance = Path(tempfile.mkdtemp(prefix="clusterhub-profile-"))
        env = prepare(instance)
    try:
        from load_bench import words_file

        words = instance / "load-words.json"
        if not words.exists():
            words_file(env)
        os.environ.update(env)
        data = json.loads(words.read_text(encoding="utf-8"))
        run(data, args)
    finally:
        if built:
            shutil.rmtree(built, ignore_errors=True)


def run(data: dict, args) -> None:
    import sqlalchemy as sa

    from clusterhub import create_app

    app = create_app()
    client = app.test_client()
    queries = [0]
    # Every engine's statements (the search log may write through a pooled connection of its own).
    sa.event.listen(sa.engine.Engine, "before_cursor_execute",
                    lambda *a, **k: queries.__setitem__(0, queries[0] + 1))
    random.seed(11)
    for _, path, params in requests_of(data, args.warmup):
        client.get(path, query_string=params)
    cpu: dict[str, list[float]] = defaultdict(list)
    sql: dict[str, list[int]] = defaultdict(list)
    random.seed(18)
    plan = requests_of(data, args.requests)
    profiler = cProfile.Profile() if args.profile else None
    statuses: dict[int, int] = defaultdict(int)
    for name, path, params in plan:
        queries[0] = 0
        start = time.process_time()
        if profiler:
            profiler.enable()
        response = client.get(path, query_string=params)
        response.get_data()
        if profiler:
            profiler.disable()
        cpu[name].append((time.process_time() - start) * 1000)
        sql[name].append(queries[0])
        statuses[response.status_code] += 1
    print(f"1-minute load average: {os.getloadavg()[0]:.1f}; statuses: {dict(statuses)}")
    print("| Page | Requests | CPU ms mean | CPU ms p50 | CPU ms p95 | SQL queries mean |")
    print("|---|---:|---:|---:|---:|---:|")
    everything = []
    for name in sorted(cpu):
        values = cpu[name]
        everything += values
        print(f"| `{name}` | {len(values)} | {statistics.fmean(values):.1f} | "
              f"{statistics.median(values):.1f} | {_p95(values):.1f} | {statistics.fmean(sql[name]):.1f} |")
    print(f"| **all** | {len(everything)} | {statistics.fmean(everything):.1f} | "
          f"{statistics.median(everything):.1f} | {_p95(everything):.1f} | |")
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


if __name__ == "__main__":
    main()
