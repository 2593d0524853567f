"""The `clusterhub` console script, run as an operator would run it."""
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from clusterhub import migrations

CLI = Path(sys.executable).with_name("clusterhub")


def run(tmp_path, *args, database_url=None):
    env = dict(os.environ, CLUSTERHUB_INSTANCE=str(tmp_path / "instance"))
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True, timeout=120)


def test_db_upgrade_then_demo_load_on_both_databases(tmp_path, database_url):
    done = run(tmp_path, "db", "upgrade", database_url=database_url)
    assert done.returncode == 0, done.stderr
    assert "revision 0001" in done.stdout or "at revision" in done.stdout
    done = run(tmp_path, "demo", "load", database_url=database_url)
    assert done.returncode == 0, done.stderr
    assert "20 added" in done.stdout
    assert "admin@clusterhub.demo" in done.stdout  # one demo account per role, printed
    # the foundation's sample picks: one of each kind at each complex, so the home page shows them
    assert "Featured 6 demo picks" in done.stdout and "kmedihub:equipment:" in done.stdout
    # a few requests of the demo member, moved along, so the inbox and the dashboard are not empty
    assert "Demo requests: 4 (tickets: 6)" in done.stdout
    # and the master plan's example as a pathway in progress (issue 13): one more request, 4 tickets
    assert "Demo pathway #1 in progress" in done.stdout
    done = run(tmp_path, "demo", "load", database_url=database_url)
    assert "0 added, 0 updated" in done.stdout
    assert "Featured" not in done.stdout  # made once; curators own them afterwards
    assert "Demo requests" not in done.stdout and "Demo pathway" not in done.stdout
    url = database_url or f"sqlite:///{tmp_path / 'instance' / 'clusterhub.db'}"
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        count = conn.execute(sa.text("select count(*) from inquiry_requests")).scalar()
        statuses = sorted(conn.execute(sa.text("select status from inquiry_tickets")).scalars())
        answers = sorted(conn.execute(sa.text("select status from inquiry_events where kind = 'quote'")).scalars())
        surveys = conn.execute(sa.text("select count(*) from inquiry_surveys")).scalar()
    engine.dispose()
    assert count == 5  # the second load added none (4 basket requests, 1 pathway)
    assert statuses == ["completed", "completed", "in_progress", "in_progress", "quoted", "quoted", "received",
                        "received", "received", "reviewing"]
    assert answers == ["accepted", "accepted", "accepted", "accepted", "rejected"] and surveys == 1


def test_default_database_lives_in_the_instance_folder(tmp_path):
    assert run(tmp_path, "db", "upgrade").returncode == 0
    db_file = tmp_path / "instance" / "clusterhub.db"
    assert db_file.exists()
    with sa.create_engine(f"sqlite:///{db_file}").connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == migrations.head()


def test_demo_load_refuses_an_unmigrated_database(tmp_path):
    done = run(tmp_path, "demo", "load")
    assert done.returncode != 0
    assert "clusterhub db upgrade" in done.stderr


def test_schema_export_writes_the_files(tmp_path):
    done = run(tmp_path, "schema", "export", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "cluster.json", "equipment.json", "expert.json", "service.json"]
