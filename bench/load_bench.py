"""Many users at once: locust against the demo federation served by gunicorn on loopback.

Run: .venv/bin/pip install -e '.[bench]'; .venv/bin/python bench/load_bench.py [--seconds 60]
Builds a demo instance in a temporary folder (migrate, demo load: 20 clusters), creates a
company, an operator and a curator, serves it with gunicorn (deploy/gunicorn.conf.py), then runs
bench/locustfile.py headless, bounded in time:
  1. anonymous mixed traffic at 16 clients;
  2. logged-in flows (company, operator, curator) at 8 clients with think times;
  3. anonymous traffic again while the whole federation syncs (clusterhub sync --all).
Prints requests/s, p50/p95/p99 per page and errors, and writes docs/performance.md ("load").
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import write_section  # noqa: E402
from search_http_bench import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "load bench password 1"
USERS = (("company@load.example", "member", ["--company", "부하시험 주식회사"]),
         ("operator@load.example", "operator", ["--cluster", "kmedihub"]),
         ("curator@load.example", "curator", []))


def cli(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([str(BIN / "clusterhub"), *args], env=env, input=stdin, text=True,
                          capture_output=True, check=True)
    return done.stdout


def prepare(instance: Path) -> dict:
    env = dict(os.environ, CLUSTERHUB_INSTANCE=str(instance), CLUSTERHUB_DEMO="1",
               SESSION_COOKIE_SECURE="0")
    env.pop("DATABASE_URL", None)
    cli(env, "db", "upgrade")
    cli(env, "demo", "load")
    for email, role, extra in USERS:
        cli(env, "users", "create", email, "--role", role, *extra, "--password-stdin",
            stdin=PASSWORD + "\n")
    return env


def words_file(env: dict) -> Path:
    """Title words, cluster codes and public listing ids of the demo catalog, for the users."""
    os.environ["CLUSTERHUB_INSTANCE"] = env["CLUSTERHUB_INSTANCE"]
    from sqlmodel import select

    from clusterhub import create_app, db
    from clusterhub.catalog import listings
    from clusterhub.catalog.models import Listing

    app = create_app()
    with app.app_context(), db.session() as s:
        rows = s.exec(listings.visible(select(Listing.id, Listing.cluster, Listing.document))).all()
    words: set[str] = set()
    for _, _, document in rows:
        for text in document.get("title", {}).values():
            words.update(w for w in re.split(r"[\s,()/·]+", text) if len(w) > 1)
    random.seed(7)
    data = {"words": sorted(words), "clusters": sorted({r[1] for r in rows}),
            "listings": random.sample([r[0] for r in rows], min(2000, len(rows)))}
    path = Path(env["CLUSTERHUB_INSTANCE"]) / "load-words.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def serve(env: dict, port: int) -> subprocess.Popen:
    import requests

    proc = subprocess.Popen([str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                             "clusterhub:create_app()"],
                            env={**env, "PORT": str(port), "ACCESS_LOG": ""}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not come up")


def locust(env: dict, port: int, profile: str, users: int, seconds: int, out: Path) -> list[dict]:
    prefix = out / profile
    subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                    "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s",
                    "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary"],
                   env={**env, "LOAD_PROFILE": profile, "LOAD_PASSWORD": PASSWORD}, check=False,
                   capture_output=True)
    with open(f"{prefix}_failures.csv", encoding="utf-8") as f:
        for failure in csv.DictReader(f):
            print(f"  failed: {failure['Method']} {failure['Name']} x{failure['Occurrences']}: "
                  f"{failure['Error']}", flush=True)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def table(rows: list[dict], seconds: int) -> str:
    lines = ["| Page | Requests | Requests/s | p50 ms | p95 ms | p99 ms | Errors |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        name = "**all**" if r["Name"] == "Aggregated" else f"`{r['Name']}`"
        lines.append(f"| {name} | {int(r['Request Count']):,} | {float(r['Requests/s']):.1f} | "
                     f"{r['50%']} | {r['95%']} | {r['99%']} | {r['Failure Count']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--only", choices=["anonymous", "members", "during-sync"],
                        help="run one phase (a quick comparison; implies --no-write)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md")
    args = parser.parse_args()
    phases = [args.only] if args.only else ["anonymous", "members", "during-sync"]
    instance = Path(tempfile.mkdtemp(prefix="clusterhub-load-"))
    try:
        print("building the demo instance ...", flush=True)
        env = prepare(instance)
        env["LOAD_WORDS"] = str(words_file(env))
        port = free_port()
        server = serve(env, port)
        loads = os.getloadavg()
        try:
            results = {}
            if "anonymous" in phases:
                print(f"anonymous mixed traffic, {args.clients} clients, {args.seconds} s ...", flush=True)
                results["anonymous"] = locust(env, port, "anonymous", args.clients, args.seconds, instance)
            if "members" in phases:
                print(f"logged-in flows, 8 clients, {args.seconds} s ...", flush=True)
                results["members"] = locust(env, port, "members", 8, args.seconds, instance)
            if "during-sync" in phases:
                print("anonymous traffic during a sync of the whole federation ...", flush=True)
                sync = subprocess.Popen([str(BIN / "clusterhub"), "sync", "--all"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                results["during-sync"] = locust(env, port, "anonymous", args.clients, args.seconds,
                                                instance)
                sync.wait()
        finally:
            server.terminate()
            server.wait()
        cores = os.cpu_count()
        conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
        body = [f"locust {args.seconds} s per run against gunicorn (deploy/gunicorn.conf.py: "
                f"{conf['workers']} workers × {conf['threads']} threads) on "
                f"loopback, load generator on the same {cores}-core machine; the demo federation "
                "(20 clusters); queries are one or two title words, a third with a cluster filter.",
                f"1-minute load average before the runs: {loads[0]:.1f}, after: "
                f"{os.getloadavg()[0]:.1f} (anything above what the bench itself causes was other "
                "work on the machine).", ""]
        titles = {"anonymous": f"Anonymous mixed traffic, {args.clients} clients",
                  "members": "Logged-in company, operator and curator, 8 clients, think time 0.5–1.5 s",
                  "during-sync": f"Anonymous mixed traffic, {args.clients} clients, while `sync --all` runs"}
        for key, rows in results.items():
            body += [f"### {titles[key]}", "", table(rows, args.seconds), ""]
        text = "\n".join(body)
        print(text)
        if not (args.only or args.no_write):
            write_section("load", "Many users at once (bench/load_bench.py)", text)
    finally:
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
