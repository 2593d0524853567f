"""The shared cache (Flask-Caching): Redis when REDIS_URL is set, the process's memory otherwise.

Entries are keyed by what they were computed from (the search index's stamp: the catalog
version and thesaurus it reflects), so nothing is ever deleted to invalidate: a sync or a
curator action moves the version on and later requests use new keys; old ones expire.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_caching import Cache
from flask_caching.backends.simplecache import SimpleCache

EXTENSION = "clusterhub.cache"
TIMEOUT = 3600  # seconds: entries of an old catalog version go away by themselves


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    if url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url,
                  "CACHE_KEY_PREFIX": app.config.get("CACHE_KEY_PREFIX") or "clusterhub:cache:"}
    else:
        config = {"CACHE_TYPE": "clusterhub.cache.MemoryCache", "CACHE_THRESHOLD": 5000}
    config["CACHE_DEFAULT_TIMEOUT"] = TIMEOUT
    cache = Cache()
    cache.init_app(app, config=config)
    app.extensions[EXTENSION] = cache


def get(app: Flask | None = None) -> Cache | None:
    """The app's cache (None for an app built without it)."""
    return (app or current_app).extensions.get(EXTENSION)


class MemoryCache(SimpleCache):
    """Flask-Caching's SimpleCache, full at CACHE_THRESHOLD entries, evicting the oldest entries
    one by one. SimpleCache prunes a full cache by scanning every entry for expired ones and then
    sorting them all, on every set: under the load bench's long tail of queries a worker's cache
    filled after about 45 s and the pruning then took a fifth of its time (throughput fell from
    ~350 to ~260 requests/s). Every entry here has the same lifetime (TIMEOUT), so the oldest set
    is the first to expire: a dict keeps insertion order, and dropping its first key is O(1)."""

    def _prune(self) -> None:
        while len(self._cache) >= self._threshold:
            self._cache.pop(next(iter(self._cache)), None)

    def set(self, key, value, timeout=None):
        with self._lock:
            self._cache.pop(key, None)     # a key set again moves to the end (its new lifetime)
            return super().set(key, value, timeout)
