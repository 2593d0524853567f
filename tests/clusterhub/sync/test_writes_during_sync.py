"""A long sync holds no lock while it reads: logins, curators and pushes write meanwhile, on SQLite
and PostgreSQL; the sync then publishes in one short transaction, and a failure there changes
nothing. A sync is held mid-read by a source that waits on an event; nothing is faked."""
import threading

import pytest
from sqlmodel import Session, select

from clusterhub import db
from clusterhub.catalog import state
from clusterhub.catalog.models import Cluster, Listing, ListingFlags
from clusterhub.models import SyncRun
from clusterhub.sync import engine as sync_engine, hooks
from clusterhub.sync.items import from_batch
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.sync.test_engine import fleet
from tests.conftest import build_app

PASSWORD = "curator password 1"
# More records than the engine once wrote per batch (1000): the old engine held the write lock
# from its first batch on, so a login at record 1100 waited 30 s and failed "database is locked".
RECORDS, HOLD_AT = 1200, 1100
WAIT_S = 120  # only so a broken test ends instead of hanging; no assertion is about time


class HeldSource:
    """Yields documents, stopping before record `at` until released (a source that is slow)."""

    def __init__(self, docs, at: int):
        self.docs, self.at = docs, at
        self.reached, self.release = threading.Event(), threading.Event()

    def __iter__(self):
        for index, doc in enumerate(self.docs):
            if index == self.at:
                self.reached.set()
                assert self.release.wait(WAIT_S), "the test never released the source"
            yield doc


class HeldSync:
    """engine.run on a held source in a thread; .report once it finished."""

    def __init__(self, engine, docs, at: int = HOLD_AT, **kw):
        self.source = HeldSource(docs, at)
        self.report, self.error = None, None
        self.thread = threading.Thread(target=self._run, args=(engine, kw), daemon=True)
        self.thread.start()
        assert self.source.reached.wait(WAIT_S), "the sync never reached the held record"

    def _run(self, engine, kw):
        try:
            self.report = sync_engine.run(engine, "kmedihub", from_batch(self.source), **kw)
        except BaseException as exc:  # handed to finish()
            self.error = exc

    def finish(self):
        self.source.release.set()
        self.thread.join(WAIT_S)
        assert not self.thread.is_alive()
        if self.error:
            raise self.error
        return self.report


@pytest.fixture
def site(tmp_path, database_url):
    app = build_app(tmp_path, database_url)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    yield app
    db.engine(app).dispose()


def snapshot(engine):
    with Session(engine) as s:
        return (sorted((r.id, r.content_hash, r.status, r.document["model"])
                       for r in s.exec(select(Listing))), state.version(s))


def test_a_login_and_a_curator_decision_succeed_while_a_sync_reads(site):
    held = HeldSync(db.engine(site), fleet(RECORDS), on_added=hooks.of(site).on_added)
    # The sync is mid-read, 1100 records in: a curator logs in (a write) and requires review
    # of the cluster's new listings (a write to the cluster the sync is filling).
    curator = site.test_client()
    assert log_in(curator, "curator@example.org", PASSWORD).status_code == 302
    r = curator.post("/curation/clusters/kmedihub/review-policy",
                     data={"csrf_token": csrf_token(curator), "requires_review": "1"})
    assert r.status_code == 303
    with site.app_context(), db.session() as s:
        assert s.get(Cluster, "kmedihub").requires_review
        assert s.exec(select(Listing)).first() is None  # nothing published yet
        version = state.version(s)

    report = held.finish()
    assert (report.outcome, report.counts["added"], report.counts["seen"]) == \
        ("succeeded", RECORDS, RECORDS)
    with site.app_context(), db.session() as s:
        assert len(s.exec(select(Listing.id)).all()) == RECORDS
        # The apply saw the curator's rule, set while it read: every new listing waits.
        held_back = s.exec(select(ListingFlags.listing_id)
                           .where(ListingFlags.awaiting_review == True)).all()  # noqa: E712
        assert len(held_back) == RECORDS
        assert s.get(SyncRun, report.run_id).outcome == "succeeded"
        assert state.version(s) == version + 1


def test_a_push_during_a_long_sync_is_kept_and_the_sync_still_publishes(site):
    engine = db.engine(site)
    docs = fleet(RECORDS)
    held = HeldSync(engine, docs)
    # A push of three of the records the sync will also bring (one changed by the cluster since)
    pushed = [docs[0], docs[1], {**docs[2], "model": "Pushed meanwhile"}]
    push = sync_engine.run(engine, "kmedihub", from_batch(pushed), full=False, trigger="push")
    assert (push.outcome, push.counts["added"]) == ("succeeded", 3)

    report = held.finish()
    assert report.outcome == "succeeded", report.message
    # Diffed again at apply time: the two identical ones are unchanged, not inserted twice.
    assert (report.counts["added"], report.counts["updated"], report.counts["unchanged"]) == \
        (RECORDS - 3, 1, 2)
    with Session(engine) as s:
        assert len(s.exec(select(Listing.id)).all()) == RECORDS
        assert s.get(Listing, "kmedihub:equipment:EQ-0002").document["model"] == docs[2]["model"]
        assert state.version(s) == 2


def test_a_failure_while_publishing_leaves_the_catalog_exactly_as_it_was(site):
    engine = db.engine(site)
    first = sync_engine.run(engine, "kmedihub", from_batch(fleet(20)))
    assert first.outcome == "succeeded"
    before = snapshot(engine)
    # The next export changes every record, drops one and adds five.
    changed = fleet(25, model="Changed model")[1:]
    written = []

    def hold_then_fail(s, cluster, ids):
        """The curation hook, run inside the publishing transaction after every write."""
        row = s.get(Listing, "kmedihub:equipment:EQ-0005")
        withdrawn = s.get(Listing, "kmedihub:equipment:EQ-0000")
        written.append((row.document["model"], withdrawn.status, len(ids)))
        raise RuntimeError("the review hold could not be written")

    with pytest.raises(RuntimeError):
        sync_engine.run(engine, "kmedihub", from_batch(changed), on_added=hold_then_fail)
    assert written == [("Changed model", "withdrawn", 5)]  # the writes had been made ...
    assert snapshot(engine) == before                      # ... and none of them stayed
    with Session(engine) as s:
        run = s.exec(select(SyncRun).order_by(SyncRun.id.desc())).first()
    assert run.outcome == "failed" and "review hold could not be written" in run.message


def test_a_dry_run_of_a_held_sync_lets_others_write_and_changes_nothing(site):
    engine = db.engine(site)
    sync_engine.run(engine, "kmedihub", from_batch(fleet(10)))
    before = snapshot(engine)
    held = HeldSync(engine, fleet(30, model="Changed model"), at=20, dry_run=True)
    client = site.test_client()
    assert log_in(client, "curator@example.org", PASSWORD).status_code == 302
    report = held.finish()
    assert (report.outcome, report.counts["updated"], report.counts["added"]) == ("dry_run", 10, 20)
    assert snapshot(engine) == before


@pytest.fixture
def pg_site(tmp_path, postgres_url):
    app = build_app(tmp_path, postgres_url)
    yield app
    db.engine(app).dispose()


def test_on_postgresql_two_publishes_of_one_cluster_queue_and_the_second_diffs_against_the_first(
        pg_site):
    """A sync publishing holds the cluster's row: a push of the same cluster waits for it, then
    sees what the sync published (no duplicate insert, no lost update)."""
    import sqlalchemy as sa

    engine = db.engine(pg_site)
    holder, in_publish, release = [], threading.Event(), threading.Event()

    def hold_in_publish(s, cluster, ids):
        holder.append(s.connection().exec_driver_sql("select pg_backend_pid()").scalar())
        in_publish.set()
        assert release.wait(WAIT_S)

    done = {}

    def run(name, docs, **kw):
        try:
            done[name] = sync_engine.run(engine, "kmedihub", from_batch(docs), **kw)
        except BaseException as exc:  # shown by the assertions below
            done[name] = exc

    sync = threading.Thread(target=run, args=("sync", fleet(10)),
                            kwargs={"on_added": hold_in_publish}, daemon=True)
    sync.start()
    pushed = [fleet(10)[0], {**fleet(10)[1], "model": "Pushed later"}]
    push = threading.Thread(target=run, args=("push", pushed),
                            kwargs={"full": False, "trigger": "push"}, daemon=True)
    try:
        assert in_publish.wait(WAIT_S), done
        push.start()
        with engine.connect() as watch:  # until the push waits on the publishing sync's lock
            blocked = 0
            while not blocked and push.is_alive():
                blocked = watch.execute(sa.text("select count(*) from pg_stat_activity "
                                                "where :holder = any(pg_blocking_pids(pid))"),
                                        {"holder": holder[0]}).scalar()
                watch.rollback()  # pg_stat_activity is a snapshot per transaction: a new one
        assert blocked == 1 and "push" not in done, done
    finally:
        release.set()
        sync.join(WAIT_S)
        if push.is_alive() or push.ident:
            push.join(WAIT_S)
    assert (done["sync"].outcome, done["sync"].counts["added"]) == ("succeeded", 10)
    # Its read began before the sync published; its publish diffed against what it found then.
    assert done["push"].outcome == "succeeded", done["push"].message
    assert (done["push"].counts["added"], done["push"].counts["updated"],
            done["push"].counts["unchanged"]) == (0, 1, 1)
    with Session(engine) as s:
        assert len(s.exec(select(Listing.id)).all()) == 10
        assert s.get(Listing, "kmedihub:equipment:EQ-0001").document["model"] == "Pushed later"
