"""The sync engine on SQLite and PostgreSQL: diff, withdrawal, guard, dry run, atomicity."""
import copy
import time

import pytest
from sqlmodel import Session, select

from clusterhub import migrations
from clusterhub.catalog import clusters, state
from clusterhub.db import make_engine
from clusterhub.models import SyncIssue, SyncRun
from clusterhub.catalog.models import Listing
from clusterhub.sync import engine as sync_engine
from clusterhub.sync.items import Issue, from_batch
from connectors.base import SourceFormatError
from tests.schemas.samples import equipment


def fleet(n: int, **over) -> list[dict]:
    """n equipment documents of kmedihub, as a connector would map them."""
    return [equipment(source_id=f"EQ-{i:04d}", nfec_no=f"NFEC-2019-03-{i:06d}", **over)
            for i in range(n)]


@pytest.fixture
def engine(database_url):
    eng = make_engine(database_url)
    migrations.upgrade(eng)
    with Session(eng) as s:
        clusters.load_records(s)
        s.commit()
    yield eng
    eng.dispose()


def sync(engine, docs, **kw):
    return sync_engine.run(engine, "kmedihub", from_batch(docs), **kw)


def statuses(engine) -> dict[str, str]:
    with Session(engine) as s:
        return {r.id: r.status for r in s.exec(select(Listing))}


def test_first_sync_adds_then_unchanged_then_updated(engine):
    docs = fleet(5)
    r = sync(engine, docs)
    assert (r.outcome, r.counts["added"], r.counts["errored"]) == ("succeeded", 5, 0)
    assert len(r.changed_ids) == 5
    r = sync(engine, docs)
    assert r.counts["unchanged"] == 5 and r.changed_ids == []
    changed = copy.deepcopy(docs)
    changed[2]["model"] = "Xevo TQ-Absolute"
    r = sync(engine, changed)
    assert (r.counts["updated"], r.counts["unchanged"]) == (1, 4)
    assert r.changed_ids == ["kmedihub:equipment:EQ-0002"]
    with Session(engine) as s:
        assert s.get(Listing, "kmedihub:equipment:EQ-0002").document["model"] == "Xevo TQ-Absolute"
        assert state.version(s) == 2


def test_gone_records_are_withdrawn_and_restored_when_back(engine):
    docs = fleet(10)
    sync(engine, docs)
    r = sync(engine, docs[:8])
    assert r.counts["withdrawn"] == 2
    assert sorted(r.removed_ids) == ["kmedihub:equipment:EQ-0008", "kmedihub:equipment:EQ-0009"]
    assert statuses(engine)["kmedihub:equipment:EQ-0009"] == "withdrawn"
    r = sync(engine, docs)
    assert r.counts["restored"] == 2
    assert set(statuses(engine).values()) == {"active"}


def test_bad_records_become_located_issues_and_the_rest_applies(engine):
    docs = fleet(4)
    docs[1]["categories"] = ["astrology"]
    docs[3]["fee"] = {"model": "expensive"}
    items = list(from_batch(docs)) + [Issue("장비.xlsx, sheet 장비, row 9", "unparseable date '2019.13.45'",
                                           "EQ-0100", "취득일자")]
    r = sync_engine.run(engine, "kmedihub", items)
    assert (r.outcome, r.counts["added"], r.counts["errored"]) == ("succeeded", 2, 3)
    with Session(engine) as s:
        stored = {(i.location, i.field) for i in s.exec(select(SyncIssue).where(SyncIssue.run_id == r.run_id))}
    assert ("batch item 1", "categories[0]") in stored
    assert ("batch item 3", "fee.model") in stored
    assert ("장비.xlsx, sheet 장비, row 9", "취득일자") in stored


def test_a_record_that_turns_bad_keeps_its_published_version(engine):
    docs = fleet(5)
    sync(engine, docs)
    broken = copy.deepcopy(docs)
    broken[0]["region"] = "atlantis"
    r = sync(engine, broken)
    assert r.counts["errored"] == 1 and r.counts["withdrawn"] == 0
    assert statuses(engine)["kmedihub:equipment:EQ-0000"] == "active"


def test_mass_withdrawal_guard_stops_and_changes_nothing(engine):
    docs = fleet(20)
    sync(engine, docs)
    before = statuses(engine)
    r = sync(engine, docs[:2])
    assert r.outcome == "stopped"
    assert "18 of 20" in r.message and "--allow-mass-withdrawal" in r.message
    assert statuses(engine) == before
    r = sync(engine, docs[:2], allow_mass_withdrawal=True)
    assert r.outcome == "succeeded" and r.counts["withdrawn"] == 18


def test_dry_run_reports_and_changes_nothing(engine):
    r = sync(engine, fleet(3), dry_run=True)
    assert (r.outcome, r.counts["added"]) == ("dry_run", 3)
    assert statuses(engine) == {}
    with Session(engine) as s:
        run = s.get(SyncRun, r.run_id)
        assert run.dry_run and run.outcome == "dry_run" and run.added == 3


def test_a_source_failure_midway_leaves_the_catalog_exactly_as_it_was(engine):
    sync(engine, fleet(5))
    before = statuses(engine)
    changed = fleet(5, model="Changed")

    def broken_source():
        yield from from_batch(changed[:3])
        raise SourceFormatError("the file ends in the middle of a row", location="장비.csv, row 4")

    r = sync_engine.run(engine, "kmedihub", broken_source())
    assert r.outcome == "failed"
    assert "장비.csv, row 4" in r.message and "nothing was changed" in r.message
    assert statuses(engine) == before
    with Session(engine) as s:
        assert {l.document["model"] for l in s.exec(select(Listing))} == {"Xevo TQ-XS"}
        assert s.get(SyncRun, r.run_id).outcome == "failed"


def test_duplicates_and_foreign_cluster_records_are_refused(engine):
    docs = fleet(2) + [equipment(source_id="EQ-0000"), equipment(source_id="X-1", cluster="kbiohealth")]
    r = sync(engine, docs)
    assert r.counts["added"] == 2 and r.counts["errored"] == 2
    messages = " ".join(i.message for i in r.issues)
    assert "appears twice" in messages and "not 'kmedihub'" in messages


def test_partial_push_never_withdraws(engine):
    sync(engine, fleet(5))
    r = sync(engine, fleet(1), full=False)
    assert r.counts["withdrawn"] == 0
    assert set(statuses(engine).values()) == {"active"}


@pytest.mark.parametrize("failure", [MemoryError(), SystemExit(1), KeyboardInterrupt()])
def test_a_run_that_dies_in_any_way_is_closed_as_failed_at_once(engine, failure):
    """Never a stale "running": out of memory, a worker's exit, Ctrl-C all close the run."""
    sync(engine, fleet(5))
    before = statuses(engine)

    def dying_source():
        yield from from_batch(fleet(5, model="Changed")[:3])
        raise failure

    with pytest.raises(type(failure)):
        sync_engine.run(engine, "kmedihub", dying_source())
    assert statuses(engine) == before
    with Session(engine) as s:
        run = s.exec(select(SyncRun).order_by(SyncRun.id.desc())).first()
    assert run.outcome == "failed" and run.finished_at is not None
    assert run.message.startswith("The sync failed and was rolled back: ")
    if isinstance(failure, MemoryError):
        assert "ran out of memory" in run.message


def test_a_nul_byte_is_a_per_record_issue_and_the_good_records_are_kept(engine):
    """PostgreSQL cannot store U+0000, SQLite can: both now refuse the record alone, naming the
    field, and keep the rest of the run (issue 19: one such record rolled back a whole push)."""
    docs = fleet(4)
    docs[1]["title"]["ko"] = "질량\x00분석기"
    docs[2]["categories"] = ["imaging", "analytical\x00chemistry"]
    docs[3]["source_id"] = "EQ-\x00003"
    r = sync(engine, docs)
    assert (r.outcome, r.counts["added"], r.counts["errored"]) == ("succeeded", 1, 3)
    assert set(statuses(engine)) == {"kmedihub:equipment:EQ-0000"}
    with Session(engine) as s:
        stored = {(i.location, i.field, i.source_id) for i in
                  s.exec(select(SyncIssue).where(SyncIssue.run_id == r.run_id))}
        messages = {i.message for i in s.exec(select(SyncIssue))}
    assert stored == {("batch item 1", "title.ko", "EQ-0001"),
                      ("batch item 2", "categories[1]", "EQ-0002"),
                      ("batch item 3", "source_id", "EQ-\\x00003")}
    assert messages == {"contains a NUL byte (\\x00), which the catalog cannot store; remove it "
                        "at the source"}


def test_a_nul_byte_in_a_failure_message_cannot_break_the_run_record(engine):
    def broken():
        yield from from_batch(fleet(1))
        raise SourceFormatError("bad cell 'EQ\x001'", location="장비.csv, row 2")

    r = sync_engine.run(engine, "kmedihub", broken())
    with Session(engine) as s:
        run = s.get(SyncRun, r.run_id)
    assert run.outcome == "failed" and "bad cell 'EQ\\x001'" in run.message


def test_a_sync_on_sqlite_leaves_no_write_ahead_log_behind(tmp_path):
    """Issue 19: after long syncs the -wal file had grown to 994 MB and stayed so."""
    from pathlib import Path

    path = tmp_path / "catalog.db"
    eng = make_engine(f"sqlite:///{path}")
    migrations.upgrade(eng)
    with Session(eng) as s:
        clusters.load_records(s)
        s.commit()
    wal = Path(f"{path}-wal")
    reader = eng.connect()  # a page reading at the same time does not stop the sync
    reader.exec_driver_sql("select count(*) from listings").all()
    reader.close()
    r = sync_engine.run(eng, "kmedihub", from_batch(fleet(1500)))
    assert r.outcome == "succeeded" and r.counts["added"] == 1500
    assert wal.exists() and wal.stat().st_size == 0
    with Session(eng) as s:  # everything is in the database file itself
        assert len(s.exec(select(Listing.id)).all()) == 1500
    eng.dispose()


def test_the_report_says_how_long_the_publish_step_held_the_write_lock(engine, monkeypatch):
    """From taking the lock to the commit: time spent inside the transaction (here the on_added
    hook) counts, time spent reading the source does not. The clock is moved, not waited for."""
    real, moved = time.monotonic, [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: real() + moved[0])

    def source():
        moved[0] += 100  # reading the source: no lock is held yet
        yield from from_batch(fleet(3))

    def on_added(s, cluster, ids):
        moved[0] += 5  # inside the publish transaction, lock held

    r = sync_engine.run(engine, "kmedihub", source(), on_added=on_added)
    assert r.outcome == "succeeded" and r.counts["added"] == 3
    assert 5 <= r.lock_held_s <= r.duration_s - 100
    assert sync(engine, fleet(3), dry_run=True).lock_held_s == 0  # a dry run takes no lock
