"""The embedded search engine (the default): tantivy on disk under the instance folder.

Layout of `path`: generations/<n>/ (a tantivy index plus clusterhub.json with the catalog
version), `current` (the live generation's name, replaced atomically), write.lock (fcntl: one
writer at a time across processes) and, after update_synonyms, thesaurus.json. Each search
stats `current` and the live meta.json and reloads when either changed, so every gunicorn
worker sees commits and swaps made by any process.

Korean tokenisation: character bigrams (korean.py), chosen by measurement on 3,000 demo
listings (`bench/search_bench.py --compare-korean`; recall = share of the listings containing
the target text that the query finds):

    analyzer        setup   index   query p50/p95   질량분석→질량분석기   독성→독성   others*
    bigrams         0 s     0.3 s   0.12/0.18 ms    1.00                 1.00        1.00
    kiwipiepy       5.0 s   10.6 s  0.21/1.67 ms    0.28                 0.68        0.99-1.00
    lindera ko-dic  0.8 s   1.1 s   0.06/0.15 ms    0.28                 1.00        1.00
    * 신약→신약개발지원센터, 독성시험→"독성 시험을", 질량분석기를→질량분석기, 세포배양

Dictionary segmenters keep 질량분석기 as one word, so "질량분석" misses it; bigrams need no
package and no model. English: stemmed fields, whole whitespace tokens (LC-MS/MS) and fuzzy
terms on unstemmed words (see query.py). Figures of the 100k benchmark: docs/performance.md.

Behaviour worth knowing: a missing index searches as empty (state() says "missing"); an empty
or unsearchable q browses; relevance sort without q orders by updated_at, newest first;
facet_stats is always {} because the contract has no numeric facets.
"""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
import time
from pathlib import Path
from typing import Iterable

import tantivy

from schemas.thesaurus import Thesaurus
from schemas.thesaurus import default as default_thesaurus

from .contract import BackendError, IndexState, SearchBackend, SearchRequest, SearchResult
from . import grouping, ranking
from .facets import start as facets_start
from .fields import SCHEMA_VERSION, build_schema, load_payload, to_tantivy
from .filters import combine, to_query
from .generations import META, Generations, Reader, open_index, stamp
from .hits import hits
from .memo import Memo
from .query import Term
from .understand import asked_for
from .relax import Built, WordCounts, compounds, lone_compound, needs_relaxing, reorder, steps, tiered

_POOLS: dict[int, ThreadPoolExecutor] = {}
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000


class EmbeddedBackend(SearchBackend):
    """tantivy index generations in `path`; query-time thesaurus expansion."""

    name = "embedded"

    def __init__(self, path: Path, thesaurus: Thesaurus | None = None):
        self.path = Path(path)
        self.generations = Generations(self.path)
        self.reader = Reader(self.generations)
        self._thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
        self._thesaurus_stamp = None
        self._stamp_cache: tuple | None = None
        self._counts = WordCounts()
        self._memo = Memo()

    # --- writing -------------------------------------------------------------------------

    def _live_generation(self) -> Path:
        """The current generation, or a new empty one (call under the write lock)."""
        gen = self.generations.current()
        if gen is None:
            gen = self.generations.create()
            tantivy.Index(build_schema(), path=str(gen), reuse=False)
            self.generations.write_meta(gen, {"schema": SCHEMA_VERSION, "catalog_version": None})
            self.generations.publish(gen)
        return gen

    def _write(self, apply) -> None:
        with self.generations.write_lock():
            writer = open_index(self._live_generation()).writer(heap_size=WRITER_HEAP, num_threads=1)
            try:
                apply(writer)
                writer.commit()
            except Exception as exc:
                writer.rollback()
                raise BackendError(f"embedded index update failed: {exc}") from exc
            writer.wait_merging_threads()

    def upsert(self, docs: Iterable[dict]) -> None:
        docs = list(docs)
        if not docs:
            return

        def apply(writer):
            for doc in docs:
                writer.delete_documents_by_term("id", doc["id"])
                writer.add_document(to_tantivy(doc))
        self._write(apply)

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self._write(lambda writer: [writer.delete_documents_by_term("id", i) for i in ids])

    def rebuild(self, docs: Iterable[dict], catalog_version: str) -> int:
        """Index docs into a new generation, then swap it in; writers wait, readers do not."""
        with self.generations.write_lock():
            gen = self.generations.create()
            try:
                writer = tantivy.Index(build_schema(), path=str(gen), reuse=False).writer(
                    heap_size=REBUILD_HEAP)
                seen: set[str] = set()
                for doc in docs:
                    if doc["id"] in seen:
                        writer.delete_documents_by_term("id", doc["id"])
                    seen.add(doc["id"])
                    writer.add_document(to_tantivy(doc))
                writer.commit()
                writer.wait_merging_threads()
            except Exception as exc:
                shutil.rmtree(gen, ignore_errors=True)
                raise BackendError(f"embedded index rebuild failed: {exc}") from exc
            self.generations.write_meta(gen, {"schema": SCHEMA_VERSION, "catalog_version": catalog_version,
                                              "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
            self.generations.publish(gen)
        return len(seen)

    def set_catalog_version(self, version: str) -> None:
        with self.generations.write_lock():
            gen = self._live_generation()
            meta = self.generations.read_meta(gen)
            meta["catalog_version"] = version
            self.generations.write_meta(gen, meta)

    def update_synonyms(self, thesaurus: list[dict]) -> None:
        """Swap the thesaurus; saved beside the index so that other processes pick it up too."""
        self._thesaurus = Thesaurus(thesaurus)
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / "thesaurus.json.tmp"
        tmp.write_text(json.dumps({"entries": thesaurus}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path / "thesaurus.json")
        self._thesaurus_stamp = stamp(self.path / "thesaurus.json")

    @property
    def thesaurus(self) -> Thesaurus:
        """The thesaurus in use, reloaded when another process saved a newer one."""
        saved = stamp(self.path / "thesaurus.json")
        if saved is not None and saved != self._thesaurus_stamp:
            try:
                self._thesaurus = Thesaurus.load(self.path / "thesaurus.json")
            except (OSError, ValueError):
                pass    # a broken file keeps the last good thesaurus
            self._thesaurus_stamp = saved
        return self._thesaurus

    # --- reading -------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        try:
            index, searcher, version = self.reader.versioned()
        except (OSError, ValueError) as exc:
            raise BackendError(f"embedded index cannot be opened: {exc}") from exc
        if index is None:
            return SearchResult([], 0, {f: [] for f in request.facets}, {}, 0.0, self.name)
        schema = index.schema
        terms = self._memo.parse(request.q, self.thesaurus)
        built = Built(schema, terms, self._counts, (version, request.filter_without(None)),
                      lambda term: self._memo.query(version[0], schema, term))
        text = built.all(terms) if terms else None
        if terms and text is None:
            text = tantivy.Query.empty_query()
        base = to_query(schema, request.filter_without(None))
        dropped: list[Term] = []
        try:
            pool = _pool()
            relaxable = not request.strict and (len(terms) > 1 or lone_compound(0, terms, False))
            if relaxable:
                # Relaxing is decided by the count of all words: the facets wait for the final q.
                found = self._find(searcher, combine(text, base), request, text is not None)
                counting, matching = None, text
                if needs_relaxing(found.count, request.size, terms, request.strict) or lone_compound(
                        found.count, terms, request.strict):
                    relaxed = self._relax(searcher, schema, built, base, request, pool)
                    if relaxed is not None:
                        found, text, dropped, counting, matching = relaxed
                if counting is None:
                    counting = facets_start(searcher, schema, matching, request, pool, background=True,
                                            groups=grouping.SIZES["g"] if request.group else None)
            elif request.group:
                counting = facets_start(searcher, schema, text, request, pool, background=True,
                                        groups=grouping.SIZES["g"])
            else:
                # tantivy releases the GIL: the hits are found while the facet passes run in the pool.
                finding = pool.submit(self._find, searcher, combine(text, base), request, text is not None)
                counting = facets_start(searcher, schema, text, request, pool)
                found = finding.result()
            total, total_groups, members = None, None, {}
            if request.group:
                groups = grouping.page(searcher, schema, combine(text, base), request,
                                       _order(request, text is not None), counting.groups,
                                       weigh=ranking.applies(request, text is not None))
                page_hits, total, total_groups, members = (groups.hits, groups.total,
                                                           groups.total_groups, groups.members)
            else:
                page_hits, total = found.hits, found.count
            # The hits are loaded and highlighted while the facet passes still run.
            payloads = [load_payload(searcher.doc(addr).get_first("payload")) for _, addr in page_hits]
            scores = [float(s) if text is not None and request.sort == "relevance" else None
                      for s, _ in page_hits]
            result_hits = hits(payloads, scores, self._memo.highlighter(terms) if request.highlight else None)
            for n, ids in members.items():
                lead = result_hits[n]
                lead.members = (lead.id, *[i for i in ids if i != lead.id])
            facets = counting()
        except ValueError as exc:
            raise BackendError(f"embedded search failed: {exc}") from exc
        took = (time.perf_counter() - started) * 1000
        return SearchResult(result_hits, total, facets, {}, round(took, 3), self.name,
                            dropped=tuple(t.text for t in dropped), total_groups=total_groups)

    def _relax(self, searcher, schema, built: "Built", base, request: SearchRequest, pool):
        """(found, text, left out, facets started or None, required) of the first relaxing step that
        fills a page, else of the last step; None when no step can be built. `required` is the
        step's words without the tiers of the left-out ones: it matches the same listings (the
        tiers are optional) and counts the facets for less (a tier is a whole word's query). Each word is counted once
        (the counts run side by side); a step whose rarest word matches fewer listings than a page
        cannot fill it and is not searched (unless it is the last). Facets are counted once, on
        the final text: beside its search when the step is known to be final (the last one, or
        one word whose count fills the page), after it otherwise. A grouped request leaves the
        final step's page to grouping.page (found is then None)."""
        tried, counts, split = compounds(searcher, schema, base, built, pool, request.size)
        count_of = {id(t): n for t, n in zip(tried, counts)}
        known = [t.phrase or all(asked_for(t.words or [t.text], self.thesaurus)) or n < request.size
                 for t, n in zip(tried, counts)]
        ordered = reorder(tried, counts, known)
        candidates = []
        for required, left_out in ([(ordered, [])] if split else []) + list(steps(ordered)):
            loose = tiered(built.all(required), [built.one(t) for t in left_out])
            if loose is not None:
                candidates.append((required, left_out, loose))
        out = None
        for n, (required, left_out, loose) in enumerate(candidates):
            bound = min((count_of[id(t)] for t in required if built.one(t) is not None), default=0)
            last = n == len(candidates) - 1
            if bound < request.size and not last:
                continue        # the conjunction matches at most `bound` listings: it cannot fill
            if last or (len(required) == 1 and bound >= request.size):   # one word: bound is its count
                finding = None if request.group else pool.submit(
                    self._find, searcher, combine(loose, base), request, True)
                counting = facets_start(searcher, schema, built.all(required), request, pool, background=True,
                                        groups=grouping.SIZES["g"] if request.group else None)
                return (finding.result() if finding else None), loose, left_out, counting, built.all(required)
            found = self._find(searcher, combine(loose, base), request, True)
            out = (found, loose, left_out, None, built.all(required))
            if found.count >= request.size:
                break
        return out

    @staticmethod
    def _find(searcher, query, request: SearchRequest, has_text: bool):
        if ranking.applies(request, has_text):
            return ranking.find(searcher, query, request, _order(request, has_text))
        return searcher.search(query, limit=request.size, offset=request.offset, count=True,
                               **_order(request, has_text))

    def forget_counts(self) -> None:
        """Drop the kept word counts and what search/memo.py keeps (the benchmark times the
        relaxed path without them)."""
        self._counts = WordCounts()
        self._memo = Memo()
        self._memo = Memo()

    def stamp(self) -> str:
        """The live generation, its catalog version and the saved thesaurus' file stamp. Every
        anonymous request asks (twice): the files are read again only when a stat of the
        pointer, the generation's meta or the thesaurus shows a change (as the Reader does)."""
        pointer = stamp(self.generations.pointer)
        cached = self._stamp_cache
        gen = cached[1] if cached and cached[0] == pointer else self.generations.current()
        files = (pointer, gen, stamp(gen / META) if gen else None, stamp(self.path / "thesaurus.json"))
        if cached and cached[:4] == files:
            return cached[4]
        version = self.generations.read_meta(gen).get("catalog_version") if gen else None
        thesaurus = files[3]
        value = f"{gen.name if gen else '-'}:{version}:{thesaurus[1:] if thesaurus else '-'}"
        self._stamp_cache = (*files, value)
        return value

    def state(self) -> IndexState:
        gen = self.generations.current()
        if gen is None:
            return IndexState(self.name, "missing", detail="no index yet: run `clusterhub reindex`")
        meta = self.generations.read_meta(gen)
        version = meta.get("catalog_version")
        if meta.get("schema") != SCHEMA_VERSION:
            return IndexState(self.name, "error", 0, version,
                              "index built by another version of ClusterHub: run `clusterhub reindex`")
        try:
            count = self.reader.index().searcher().num_docs
        except Exception as exc:     # any failure to open is reported, not raised, for /healthz
            return IndexState(self.name, "error", 0, version, f"index cannot be opened: {exc}")
        return IndexState(self.name, "ready", count, version, f"generation {gen.name}")


def _pool() -> ThreadPoolExecutor:
    """This process's search threads (threads do not survive a gunicorn fork: one pool per pid)."""
    pid = os.getpid()
    if pid not in _POOLS:
        _POOLS.clear()
        _POOLS[pid] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="clusterhub-search")
    return _POOLS[pid]


def _order(request: SearchRequest, has_text: bool) -> dict:
    if request.sort == "title":
        return {"order_by_field": "title_sort", "order": tantivy.Order.Asc}
    if request.sort == "updated" or not has_text:
        return {"order_by_field": "updated_at", "order": tantivy.Order.Desc}
    return {}
