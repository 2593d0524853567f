"""The Meilisearch backend (production): the official client, awaited tasks, a search-only key."""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import islice
from typing import Iterable, Iterator
from urllib.parse import urlencode

import meilisearch
import pydantic
import requests
from meilisearch.errors import MeilisearchApiError, MeilisearchError, MeilisearchTimeoutError

from .contract import BackendError, IndexState, SearchBackend, SearchRequest, SearchResult
from .meili_document import PRIMARY_KEY, doc_key, to_meili
from .meili_query import member_queries, queries, relaxable, reordered, result, with_members, word_counts
from .meili_settings import settings, synonyms

BATCH = 5_000
HTTP_TIMEOUT_S = 30
POLL_MS = 50
META_KEY = "catalog"


@contextmanager
def engine(what: str) -> Iterator[None]:
    """Turn the client's errors (API, network, timeouts) into BackendError with the engine's text."""
    try:
        yield
    except BackendError:
        raise
    except MeilisearchApiError as exc:
        code = exc.code or exc.status_code
        raise BackendError(f"Meilisearch {what} failed: {exc.message} [{code}]") from exc
    except MeilisearchError as exc:
        raise BackendError(f"Meilisearch {what} failed: {exc.message}") from exc
    except requests.RequestException as exc:
        raise BackendError(f"Meilisearch {what} failed: {exc}") from exc
    except pydantic.ValidationError as exc:
        raise BackendError(f"Meilisearch {what}: unreadable answer: {exc}") from exc


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _not_found(exc: MeilisearchApiError) -> bool:
    return exc.code == "index_not_found" or (exc.code is None and exc.status_code == 404)


def _batches(items: Iterable) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        yield batch


class MeiliBackend(SearchBackend):
    """Index `<index>`; rebuilds in `<index>_next` then swap; catalog version in `<index>_meta`."""

    name = "meilisearch"

    def __init__(self, url: str, api_key: str, index: str, *, search_key: str | None = None,
                 thesaurus=None, task_timeout_ms: int = 60000, client=None):
        self.url = url.rstrip("/")
        self.index = index
        self.next_index = f"{index}_next"
        self.meta_index = f"{index}_meta"
        self.thesaurus = thesaurus
        self.task_timeout_ms = task_timeout_ms
        self.admin = client or meilisearch.Client(self.url, api_key, timeout=HTTP_TIMEOUT_S)
        self._search_key = search_key
        self._searcher = None
        self._live_checked = False

    # -- tasks and indexes -------------------------------------------------------------------

    def _wait(self, info) -> None:
        """Await one task; a failed, canceled or late task raises BackendError with its message."""
        uid = info.task_uid
        try:
            task = self.admin.wait_for_task(uid, timeout_in_ms=self.task_timeout_ms,
                                            interval_in_ms=POLL_MS)
        except MeilisearchTimeoutError as exc:
            raise BackendError(f"Meilisearch task {uid} ({info.type}) did not finish within "
                               f"{self.task_timeout_ms} ms: {exc.message}") from exc
        if task.status == "failed":
            error = task.error or {}
            raise BackendError(f"Meilisearch task {uid} ({task.type}) failed: "
                               f"{error.get('message', 'no message')} [{error.get('code', '?')}]")
        if task.status != "succeeded":
            raise BackendError(f"Meilisearch task {uid} ({task.type}) ended as {task.status}")

    def _exists(self, uid: str) -> bool:
        try:
            self.admin.get_raw_index(uid)
            return True
        except MeilisearchApiError as exc:
            if _not_found(exc):
                return False
            raise

    def _create(self, uid: str) -> None:
        """A new index with its primary key and the full settings (before any document)."""
        self._wait(self.admin.create_index(uid, {"primaryKey": PRIMARY_KEY}))
        self._wait(self.admin.index(uid).update_settings(settings(self.thesaurus)))

    def _drop(self, uid: str) -> None:
        if self._exists(uid):
            self._wait(self.admin.delete_index(uid))

    def _add(self, uid: str, docs: Iterable[dict]) -> int:
        """Send documents in batches, then await every batch; returns how many were sent."""
        index, infos, count = self.admin.index(uid), [], 0
        for batch in _batches(docs):
            payload = [to_meili(d) for d in batch]
            infos.append(index.add_documents(payload, primary_key=PRIMARY_KEY))
            count += len(payload)
        # Enqueue first, await after: the engine then indexes consecutive batches together.
        for info in infos:
            self._wait(info)
        return count

    def _ensure_live(self) -> None:
        # An incremental update must not create a settings-less index by writing into it.
        if not self._live_checked:
            if not self._exists(self.index):
                self._create(self.index)
            self._live_checked = True

    # -- catalog version ---------------------------------------------------------------------

    def _write_meta(self, catalog_version: str, documents: int | None) -> None:
        doc = {PRIMARY_KEY: META_KEY, "index": self.index, "catalog_version": catalog_version,
               "documents": documents,
               "written_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
        # Adding documents creates the small meta index on first use.
        self._wait(self.admin.index(self.meta_index).add_documents([doc], primary_key=PRIMARY_KEY))

    def _read_meta(self) -> str | None:
        try:
            doc = dict(self.admin.index(self.meta_index).get_document(META_KEY))
        except MeilisearchApiError as exc:
            if exc.code in ("index_not_found", "document_not_found") or exc.status_code == 404:
                return None
            raise
        return doc.get("catalog_version")

    # -- search key --------------------------------------------------------------------------

    def _key_name(self) -> str:
        return f"clusterhub search: {self.index}"

    def key_request(self) -> dict:
        """The POST /keys body for this index's search-only key."""
        return {"name": self._key_name(),
                "description": "Search-only key of ClusterHub, created by its Meilisearch backend.",
                "actions": ["search"], "indexes": [self.index, self.next_index], "expiresAt": None}

    def _search_only_key(self) -> str:
        """The configured search key, else this index's search-only key (found or created)."""
        if self._search_key:
            return self._search_key
        with engine("search key set-up (needs a key allowed to manage keys, or pass search_key)"):
            # Raw routes: the client's Key model cannot parse whole-second timestamps such as
            # "2022-11-12T10:00:00Z" (the documented example), so one such key would break us.
            listing = self.admin.http.get("keys?" + urlencode({"limit": 1000}))
            now = datetime.now(timezone.utc)
            for key in listing.get("results", []):
                expires = key.get("expiresAt")
                if (key.get("name") == self._key_name() and key.get("actions") == ["search"]
                        and self.index in key.get("indexes", [])
                        and (expires is None or _instant(expires) > now)):
                    return key["key"]
            return self.admin.http.post("keys", self.key_request())["key"]

    def _search_client(self):
        if self._searcher is None:
            self._searcher = meilisearch.Client(self.url, self._search_only_key(),
                                                timeout=HTTP_TIMEOUT_S)
        return self._searcher

    # -- the contract ------------------------------------------------------------------------

    def upsert(self, docs: Iterable[dict]) -> None:
        with engine("document update"):
            self._ensure_live()
            self._add(self.index, docs)

    def delete(self, ids: Iterable[str]) -> None:
        keys = [doc_key(i) for i in ids]
        if not keys:
            return
        with engine("document deletion"):
            if not self._exists(self.index):
                return
            index = self.admin.index(self.index)
            for batch in _batches(keys):
                with warnings.catch_warnings():
                    # The client deprecates ids in favour of filters, but the engine's
                    # delete-batch route is the exact one for known ids.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    self._wait(index.delete_documents(ids=batch))

    def search(self, request: SearchRequest) -> SearchResult:
        body = queries(self.index, request)
        with engine("search"):
            response = self._search_client().multi_search(body)
        found = result(request, response, self.name)
        relaxed = relaxable(request, found.total)
        if relaxed:
            with engine("search"):
                counts = self._search_client().multi_search(word_counts(self.index, request))
                request = reordered(request, counts, self.thesaurus)
                response = self._search_client().multi_search(queries(self.index, request, relaxed=True))
            took = found.took_ms
            found = result(request, response, self.name, relaxed=True)
            found.took_ms += took
        units = member_queries(self.index, request, found, relaxed)
        if units:
            with engine("search"):
                found = with_members(found, self._search_client().multi_search(units))
        return found

    def rebuild(self, docs: Iterable[dict], catalog_version: str) -> int:
        with engine("rebuild"):
            self._drop(self.next_index)  # a leftover of an interrupted rebuild
            self._create(self.next_index)
            count = self._add(self.next_index, docs)
            live = self._exists(self.index)
            swap = {"indexes": [self.next_index, self.index]}
            if not live:
                swap["rename"] = True  # first build: the new index simply takes the name
            self._wait(self.admin.swap_indexes([swap]))
            if live:
                self._wait(self.admin.delete_index(self.next_index))  # now the old contents
            self._write_meta(catalog_version, count)
            self._live_checked = True
        return count

    def stamp(self) -> str:
        """The catalog version in the meta index: one small request, no stats."""
        with engine("catalog version"):
            return str(self._read_meta())

    def state(self) -> IndexState:
        try:
            with engine("stats"):
                try:
                    stats = self.admin.index(self.index).get_stats()
                except MeilisearchApiError as exc:
                    if not _not_found(exc):
                        raise
                    if self._exists(self.next_index):
                        return IndexState(self.name, "building", detail="first build in progress")
                    return IndexState(self.name, "missing", detail=f"index {self.index!r} not found")
                version = self._read_meta()
        except BackendError as exc:
            return IndexState(self.name, "error", detail=str(exc))
        return IndexState(self.name, "building" if stats.is_indexing else "ready",
                          documents=stats.number_of_documents, catalog_version=version)

    def set_catalog_version(self, version: str) -> None:
        with engine("catalog version update"):
            self._write_meta(version, None)

    def update_synonyms(self, thesaurus) -> None:
        self.thesaurus = thesaurus
        with engine("synonyms update"):
            # PATCHing settings of a missing index would create an empty one; the next
            # rebuild picks the thesaurus up instead.
            if self._exists(self.index):
                body = {"synonyms": synonyms(thesaurus)}
                self._wait(self.admin.index(self.index).update_settings(body))
