"""One unit of work: effects run once, after the commit, and never for a rolled-back change."""
import pytest
from sqlmodel import select

from clusterhub import db, unit
from clusterhub.catalog import state
from clusterhub.catalog.models import Listing
from clusterhub.curation import overrides
from clusterhub.errors import Invalid
from clusterhub.search import service
from clusterhub.search.params import SearchParams
from tests.clusterhub.web.conftest import load_corpus


class Curator:
    email = "curator@example.org"
    role = "curator"
    cluster = None


@pytest.fixture
def corpus_app(app):
    load_corpus(app)
    return app


def _first_service(app):
    with app.app_context(), db.session() as s:
        return s.exec(select(Listing).where(Listing.kind == "service").order_by(Listing.id)).first()


def test_a_committed_change_reaches_search_and_bumps_the_version_once(corpus_app):
    row = _first_service(corpus_app)
    with corpus_app.test_request_context():
        with db.session() as s:
            before = state.version(s)
        with unit.begin() as u:
            overrides.set_override(u, Curator(), row.id, "title.ko", "단일작업단위 확인용 제목", "test")
        with db.session() as s:
            assert state.version(s) == before + 1
        hits = service.run(SearchParams(q="단일작업단위")).hits
    assert [h.id for h in hits] == [row.id]


def test_a_rolled_back_change_runs_no_effect(corpus_app):
    row = _first_service(corpus_app)
    ran = []
    with corpus_app.test_request_context():
        with db.session() as s:
            before = state.version(s)
        with pytest.raises(Invalid):
            with unit.begin() as u:
                u.after_commit(lambda: ran.append("mail"))
                overrides.set_override(u, Curator(), row.id, "title.ko", "롤백된 제목", "test")
                overrides.set_override(u, Curator(), row.id, "kind", "x", "identity fields are locked")
        with db.session() as s:
            assert state.version(s) == before
        assert service.run(SearchParams(q="롤백된")).total == 0
    assert ran == []


def test_a_plain_session_reaches_its_unit_whose_effects_follow_that_session(app):
    """unit.of(session): a service given a db.session() session (as the mail of a request is)
    registers effects that run when it commits, never when it rolls back; a savepoint rolled
    back inside keeps the outer transaction's effects."""
    ran = []
    unit.after_commit(app, lambda _app, u: ran.append(u.mailed))
    with app.app_context():
        with pytest.raises(RuntimeError), db.session() as s:
            unit.of(s).mail()
            raise RuntimeError("rolled back")
        assert ran == []
        with db.session() as s:
            u = unit.of(s)
            assert unit.of(s) is u  # one unit per transaction
            with s.begin_nested():
                pass
            nested = s.begin_nested()
            nested.rollback()
            u.mail()
        assert ran == [True]
        with db.session() as s:
            assert unit.of(s) is not u  # the next transaction has a unit of its own
        assert ran == [True, False]
