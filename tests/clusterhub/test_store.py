"""The catalog store on SQLite and PostgreSQL: migrations, JSON documents, constraints."""
from datetime import timezone

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

import schemas
from clusterhub import migrations
from clusterhub.catalog import clusters, listings, state
from clusterhub.db import make_engine
from clusterhub.models import SyncIssue, SyncRun
from clusterhub.catalog.models import Listing
from tests.schemas.samples import equipment


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    migrations.upgrade(engine)
    yield engine
    engine.dispose()


def test_migrations_create_exactly_the_models(engine):
    assert migrations.current(engine) == migrations.head()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], "models changed without a migration: add one with alembic revision"


def test_migrations_downgrade_and_upgrade_again(engine):
    migrations.downgrade(engine, "base")
    assert "listings" not in sa.inspect(engine).get_table_names()
    migrations.upgrade(engine)
    assert {"clusters", "listings", "sync_runs", "sync_issues"} <= set(sa.inspect(engine).get_table_names())


def test_listing_round_trips_korean_json_and_aware_timestamps(engine):
    doc = schemas.load(equipment())
    gid = schemas.global_id(doc["cluster"], doc["kind"], doc["source_id"])
    with Session(engine) as s:
        clusters.load_records(s)
        s.add(Listing(id=gid, kind=doc["kind"], cluster=doc["cluster"], source_id=doc["source_id"],
                      document=doc, content_hash=schemas.content_hash(doc)))
        s.commit()
    with Session(engine) as s:
        row = s.get(Listing, "kmedihub:equipment:EQ-0100")
        assert row.document["title"]["ko"] == "삼중사중극자 질량분석기"
        assert row.document == doc
        assert row.updated_at.tzinfo is not None
        assert row.updated_at.utcoffset() == timezone.utc.utcoffset(None)
        assert listings.counts_by_cluster_and_kind(s) == {"kmedihub": {"equipment": 1}}


def test_a_listing_needs_a_known_cluster(engine):
    doc = schemas.load(equipment(cluster="nowhere"))
    with Session(engine) as s:
        s.add(Listing(id="nowhere:equipment:EQ-0100", kind="equipment", cluster="nowhere",
                      source_id="EQ-0100", document=doc, content_hash="x"))
        with pytest.raises(sa.exc.IntegrityError):
            s.commit()


def test_sync_runs_keep_their_issues(engine):
    with Session(engine) as s:
        clusters.load_records(s)
        run = SyncRun(cluster="kmedihub", added=3, errored=1)
        s.add(run)
        s.flush()
        s.add(SyncIssue(run_id=run.id, location="장비목록.xlsx, sheet 장비, row 14",
                        source_id="EQ-9", field="categories[0]", message="Unknown categories code"))
        s.commit()
        issues = s.exec(select(SyncIssue).where(SyncIssue.run_id == run.id)).all()
    assert [i.location for i in issues] == ["장비목록.xlsx, sheet 장비, row 14"]


def test_cluster_records_load_once_and_refresh(engine):
    with Session(engine) as s:
        assert clusters.load_records(s) == (20, 0)
        s.commit()
        assert clusters.load_records(s) == (0, 0)
        assert clusters.get(s, "kbiohealth").name("en").startswith("Osong")


def test_catalog_version_bumps(engine):
    with Session(engine) as s:
        assert state.version(s) == 0
        state.bump(s)
        state.bump(s)
        s.commit()
        assert state.version(s) == 2
