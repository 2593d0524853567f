"""A cancelled sync is rolled back by the engine: the catalog stays exactly as it was."""
from sqlmodel import Session, select

from clusterhub.catalog import state
from clusterhub.catalog.models import Listing
from clusterhub.models import SyncRun
from clusterhub.sync import engine as sync_engine
from clusterhub.sync.items import from_batch
from tests.clusterhub.sync.test_engine import engine, fleet  # noqa: F401 (engine: fixture)


def snapshot(engine):
    with Session(engine) as s:
        return (sorted((r.id, r.content_hash, r.status) for r in s.exec(select(Listing))),
                state.version(s))


def test_a_cancel_between_records_rolls_the_whole_run_back(engine):
    assert sync_engine.run(engine, "kmedihub", from_batch(fleet(300))).outcome == "succeeded"
    before = snapshot(engine)
    changed = fleet(600, model="Changed model")  # 300 updates and 300 additions, none kept
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3  # at record 300, mid-read

    report = sync_engine.run(engine, "kmedihub", from_batch(changed), cancelled=cancelled)
    assert report.outcome == "cancelled" and report.counts["seen"] == 300
    assert report.message == "Cancelled before it finished, so nothing was changed."
    assert snapshot(engine) == before
    with Session(engine) as s:
        run = s.get(SyncRun, report.run_id)
    assert run.outcome == "cancelled" and run.finished_at is not None


def test_a_cancel_after_the_last_record_still_rolls_back(engine):
    report = sync_engine.run(engine, "kmedihub", from_batch(fleet(20)), cancelled=lambda: False)
    assert report.outcome == "succeeded"
    answers = iter([False, True])  # no at the first record, yes just before the commit
    before = snapshot(engine)
    report = sync_engine.run(engine, "kmedihub", from_batch(fleet(30, model="X")),
                             cancelled=lambda: next(answers))
    assert report.outcome == "cancelled" and report.counts["seen"] == 30
    assert snapshot(engine) == before
