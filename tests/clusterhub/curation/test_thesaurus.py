"""A curator's synonym entry reaches search at once, without rebuilding the index."""
from sqlmodel import select

from clusterhub import db
from clusterhub.curation import thesaurus
from clusterhub.curation.models import AuditEntry
from tests.clusterhub.curation.conftest import LISTING, post, search_ids


def test_a_new_synonym_finds_the_listing_at_once(curated, curator):
    assert LISTING not in search_ids(curator, "큐큐큐")
    r = post(curator, "/curation/thesaurus", key="qqq_ms", ko="큐큐큐", en="", abbr="Xevo")
    assert r.status_code == 303
    assert LISTING in search_ids(curator, "큐큐큐")
    assert "큐큐큐" in curator.get("/curation/thesaurus").get_data(as_text=True)
    with curated.app_context(), db.session() as s:
        [entry] = s.exec(select(AuditEntry).where(AuditEntry.action == "thesaurus.save")).all()
        assert entry.before is None and entry.after["ko"] == ["큐큐큐"]
        ids = [e["id"] for e in thesaurus.effective(s)]
    assert ids.count("qqq_ms") == 1 and len(ids) == len(thesaurus.shipped()) + 1


def test_an_entry_replaces_the_shipped_one_with_its_id(curated, curator):
    shipped = next(e for e in thesaurus.shipped() if e["id"] == "mass_spectrometer")
    r = post(curator, "/curation/thesaurus", key="mass_spectrometer", ko="질량분석기, 큐큐큐",
             en="mass spectrometer", abbr="")
    assert r.status_code == 303
    with curated.app_context(), db.session() as s:
        mine = next(e for e in thesaurus.effective(s) if e["id"] == "mass_spectrometer")
        [entry] = s.exec(select(AuditEntry).where(AuditEntry.action == "thesaurus.save")).all()
    assert mine["ko"] == ["질량분석기", "큐큐큐"] and entry.before == shipped


def test_an_entry_needs_two_terms(curator):
    assert post(curator, "/curation/thesaurus", key="lonely", ko="하나", en="", abbr="").status_code == 422


def test_a_rebuild_keeps_the_curated_synonyms(curated, curator):
    from clusterhub.search import indexer

    post(curator, "/curation/thesaurus", key="qqq_ms", ko="큐큐큐", en="", abbr="Xevo")
    indexer.rebuild(curated)
    assert LISTING in search_ids(curator, "큐큐큐")
