"""The embedded engine's own lifecycle: generations, swaps, several processes, state."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from clusterhub.search.contract import In, SearchRequest
from clusterhub.search.embedded import EmbeddedBackend
from clusterhub.search.fields import SCHEMA_VERSION
from schemas.thesaurus import Thesaurus

ROOT = Path(__file__).resolve().parents[3]
BROWSE = SearchRequest(size=100)


def _ids(backend, q="", **kw):
    return {h.id for h in backend.search(SearchRequest(q=q, size=100, **kw)).hits}


def test_missing_index_searches_empty_and_says_missing(embedded):
    assert embedded.state().state == "missing"
    result = embedded.search(SearchRequest(q="질량분석기", facets=("kind",)))
    assert result.total == 0 and result.facets == {"kind": []} and result.backend == "embedded"


def test_state_reports_count_and_catalog_version(embedded, docs):
    embedded.rebuild(docs, "v1")
    state = embedded.state()
    assert (state.state, state.documents, state.catalog_version) == ("ready", len(docs), "v1")
    embedded.set_catalog_version("v2")
    other = EmbeddedBackend(embedded.path)
    assert other.state().catalog_version == "v2"


def test_another_instance_sees_committed_upserts_and_deletes(embedded, docs):
    embedded.rebuild(docs[:10], "v1")
    reader = EmbeddedBackend(embedded.path)
    assert reader.search(BROWSE).total == len([d for d in docs[:10] if d["visibility"] == "public"])
    new = dict(docs[10], title_ko="새로 등록된 원심분리기", id="kmedihub:equipment:NEW-1", visibility="public")
    embedded.upsert([new])
    assert "kmedihub:equipment:NEW-1" in _ids(reader, "원심분리기")
    embedded.delete(["kmedihub:equipment:NEW-1"])
    assert "kmedihub:equipment:NEW-1" not in _ids(reader, "원심분리기")


def test_upsert_replaces_rather_than_duplicates(embedded, docs):
    embedded.rebuild(docs, "v1")
    changed = dict(docs[0], title_ko="바뀐 제목의 질량분석기")
    embedded.upsert([changed, changed])
    assert embedded.state().documents == len(docs)
    hit = next(h for h in embedded.search(SearchRequest(q="바뀐", size=5)).hits)
    assert hit.id == docs[0]["id"]


def test_upsert_into_no_index_creates_one(embedded, docs):
    embedded.upsert(docs[:3])
    assert embedded.state().documents == 3


def test_rebuild_swaps_while_a_reader_keeps_searching(embedded, docs):
    embedded.rebuild(docs[:20], "v1")
    reader = EmbeddedBackend(embedded.path)
    small = reader.search(BROWSE).total
    totals, errors, stop = set(), [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                totals.add(reader.search(SearchRequest(facets=("kind",))).total)
            except Exception as exc:       # any failure during the swap is the bug under test
                errors.append(exc)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        for n in range(3):
            embedded.rebuild(docs if n % 2 == 0 else docs[:20], f"v{n + 2}")
        embedded.rebuild(docs, "final")
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert totals <= {small, 56}
    assert reader.search(BROWSE).total == 56 and reader.state().catalog_version == "final"
    generations = [p for p in (embedded.path / "generations").iterdir() if p.name.isdigit()]
    assert len(generations) == 2


def test_another_process_sees_upserts(embedded, docs):
    embedded.rebuild(docs[:5], "v1")
    script = (
        "import sys; from pathlib import Path\n"
        "from clusterhub.search.embedded import EmbeddedBackend\n"
        "from clusterhub.search.document import index_document\n"
        "doc = {'kind': 'equipment', 'cluster': 'pangyo', 'region': 'gyeonggi', 'source_id': 'P-1',\n"
        "       'title': {'ko': '판교 초원심분리기'}, 'categories': ['omics']}\n"
        "EmbeddedBackend(Path(sys.argv[1])).upsert([index_document('pangyo:equipment:P-1', doc)])\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "platform"), str(ROOT)]))
    subprocess.run([sys.executable, "-c", script, str(embedded.path)], check=True, env=env, timeout=60)
    assert _ids(embedded, "초원심분리기") == {"pangyo:equipment:P-1"}


def test_concurrent_writers_take_turns(embedded, docs):
    embedded.rebuild([], "v0")
    errors = []

    def write(chunk):
        try:
            EmbeddedBackend(embedded.path).upsert(chunk)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(docs[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and embedded.state().documents == len(docs)


def test_thesaurus_drives_expansion_and_can_be_swapped(embedded, docs):
    embedded.rebuild(docs, "v1")
    triple_quad = "kbiohealth:equipment:EQ-002"
    assert triple_quad in _ids(embedded, "mass spectrometer")
    bare = EmbeddedBackend(embedded.path, Thesaurus([]))
    assert triple_quad not in _ids(bare, "mass spectrometer")
    # Korean matching itself does not depend on the thesaurus.
    assert "kmedihub:equipment:EQ-001" in _ids(bare, "질량분석")
    embedded.update_synonyms([{"id": "t", "ko": ["삼중사중극자"], "en": ["widget"]}])
    assert triple_quad in _ids(embedded, "widget")
    assert triple_quad in _ids(bare, "widget")     # saved beside the index for other processes


def test_index_of_another_schema_version_asks_for_reindex(embedded, docs):
    embedded.rebuild(docs[:3], "v1")
    gen = embedded.generations.current()
    embedded.generations.write_meta(gen, {"schema": SCHEMA_VERSION + 1, "catalog_version": "v1"})
    state = embedded.state()
    assert state.state == "error" and "reindex" in state.detail


def test_relevance_without_q_lists_newest_first(embedded, docs):
    embedded.rebuild(docs, "v1")
    hits = embedded.search(SearchRequest(size=5, filter=In("kind", ("service",)))).hits
    updated = {d["id"]: d["updated_at"] for d in docs}
    assert [updated[h.id] for h in hits] == sorted((updated[h.id] for h in hits), reverse=True)
    assert all(h.score is None for h in hits)


def test_korean_cases_hold_without_the_thesaurus(embedded, docs):
    embedded.rebuild(docs, "v1")
    bare = EmbeddedBackend(embedded.path, Thesaurus([]))
    assert "kmedihub:service:SV-005" in _ids(bare, "신약")
    assert "kmedihub:expert:EX-001" in _ids(bare, "독성시험")
    assert "kmedihub:equipment:EQ-001" in _ids(bare, "질량분석")
    assert "kmedihub:equipment:EQ-001" in _ids(bare, "질량분석기를")
    assert "kmedihub:service:SV-005" in _ids(bare, "효력")


def _expert(sid, expertise, techniques):
    from clusterhub.search.document import index_document
    doc = {"kind": "expert", "source_id": sid, "cluster": "kmedihub", "region": "daegu",
           "title": {"ko": "홍길동"}, "name": {"ko": "홍길동"}, "categories": ["nonclinical"],
           "expertise": [{"ko": e} for e in expertise], "techniques": techniques}
    return index_document(f"kmedihub:expert:{sid}", doc)


def test_experts_are_found_by_what_they_do_and_rank_below_the_instrument(embedded, docs):
    """Expertise counts like a service's summary (found through the thesaurus too); techniques
    count like a body, so the instrument named by the query ranks above its users."""
    pk = _expert("EX-PK", ["약물동태학"], ["LC-MS/MS"])
    embedded.rebuild(docs + [pk], "v1")
    assert pk["id"] in _ids(embedded, "약동학")          # 약동학 ↔ 약물동태 (thesaurus), in expertise
    ranked = [h.id for h in embedded.search(SearchRequest(q="LC-MS/MS", size=20)).hits]
    assert ranked.index("kbiohealth:equipment:EQ-002") < ranked.index(pk["id"])


def test_expertise_is_a_facet_of_experts(embedded, docs):
    pk, tox = _expert("EX-PK", ["약물동태학", "임상약리학"], []), _expert("EX-TOX", ["독성학"], [])
    embedded.rebuild(docs + [pk, tox], "v1")
    result = embedded.search(SearchRequest(facets=("expertise",), size=100))
    counts = {v.value: v.count for v in result.facets["expertise"]}
    assert counts == {"약물동태학": 1, "임상약리학": 1, "독성학": 1}
    picked = embedded.search(SearchRequest(filter=In("expertise", ("독성학",)), facets=("expertise",)))
    assert [h.id for h in picked.hits] == [tox["id"]]
    # Disjunctive: the other values keep their counts while one is selected.
    assert {v.value: v.count for v in picked.facets["expertise"]}["약물동태학"] == 1


def test_relaxing_counts_the_words_again_after_a_commit(embedded, docs):
    """Word counts are kept per index version: a word that matched nothing is counted anew once
    a listing holding it is committed (a stale count would still leave it out first)."""
    embedded.rebuild(docs, "v1")
    q = "얼룩말 질량분석기"
    assert embedded.search(SearchRequest(q=q)).dropped == ("얼룩말",)
    new = dict(docs[0], id="kmedihub:equipment:ZEBRA-1", title_ko="얼룩말 관찰 장비", title_en="",
               summary_ko="", summary_en="", body_ko="", body_en="", tokens="", visibility="public")
    embedded.upsert([new])
    result = embedded.search(SearchRequest(q=q))
    assert result.dropped == ("질량분석기",)
    assert result.hits[0].id == "kmedihub:equipment:ZEBRA-1"


RELAXED_QUERIES = ("단회투여 독성 견적서", "견적서 단회투여 독성", "rats acute nonexistentword", "독성 시험 영장류",
                   "질량분석기 confocal 현미경", "LC-MS/MS 유세포분석기 업체", "단회독성 평가", "세포 배양 가격")


def _relaxed(engine, q, size):
    result = engine.search(SearchRequest(q=q, size=size, facets=("kind", "region")))
    return ([(h.id, h.score) for h in result.hits], result.total, result.dropped, result.facets)


def test_relaxing_decides_from_cheap_probes_as_from_full_counts(tmp_path, docs, thesaurus, monkeypatch):
    """Which words a relaxed search leaves out is decided from cheap parts of each word's query
    (a word whose whole token alone fills the page is not counted in full): every page, score,
    total, facet and left-out word is the same as when every word is counted in full."""
    from clusterhub.search import relax

    engine = EmbeddedBackend(tmp_path / "search", thesaurus)
    engine.rebuild(docs, "v1")
    cases = [(q, size) for q in RELAXED_QUERIES for size in (1, 2, 3, 5, 20)]
    with_probes = [_relaxed(engine, q, size) for q, size in cases]
    assert any(dropped for _, _, dropped, _ in with_probes)
    monkeypatch.setattr(relax, "probes", lambda schema, term: [])
    engine.forget_counts()
    assert [_relaxed(engine, q, size) for q, size in cases] == with_probes


def test_probes_match_only_what_the_word_matches(embedded, docs, thesaurus):
    """A probe that matched a listing the word does not would claim a page the word cannot fill."""
    from clusterhub.search.query import parse, probes, term_query

    embedded.rebuild(docs, "v1")
    searcher = embedded.reader.index().searcher()
    schema = embedded.reader.index().schema
    probed = 0
    for q in RELAXED_QUERIES + ("질량분석기를", "mass spectrometer", "GLP", "\"독성 시험\"", "독"):
        for term in parse(q, thesaurus):
            whole = {(a.segment_ord, a.doc) for _, a in searcher.search(term_query(schema, term), limit=1000).hits} \
                if term_query(schema, term) is not None else set()
            for probe in probes(schema, term):
                part = {(a.segment_ord, a.doc) for _, a in searcher.search(probe, limit=1000).hits}
                probed += bool(part)
                assert part <= whole, (q, term.text)
    assert probed


def test_searches_that_come_back_answer_as_the_first_time(tmp_path, docs, thesaurus):
    """The engine keeps what depends only on q's words (search/memo.py): the next page, the same
    words again, or other words in between, get the hits, scores and highlights of a first search."""
    engine = EmbeddedBackend(tmp_path / "search", thesaurus)
    engine.rebuild(docs, "v1")
    queries = [("질량분석기를", 1), ("confokal microscope", 1), ("질량분석기를", 2), ("독성 시험 견적서", 1),
               ("confokal microscope", 1), ("질량분석기를", 1)]

    def seen(q, page):
        r = engine.search(SearchRequest(q=q, size=2, page=page, facets=("kind",)))
        return [(h.id, h.score, h.highlights) for h in r.hits], r.total, r.dropped, r.facets

    first = []
    for q, page in queries:
        engine.forget_counts()
        first.append(seen(q, page))
    assert any(h[2] for hits, *_ in first for h in hits)
    assert [seen(q, page) for q, page in queries] == first
