"""The in-memory cache (no REDIS_URL): full at its threshold, it drops the oldest entries one by
one, keeps what was set last, and a key set again counts as new."""
from __future__ import annotations

from clusterhub import cache
from clusterhub.cache import MemoryCache


def test_a_full_memory_cache_drops_the_oldest_entries(app):
    store = cache.get(app).cache
    assert isinstance(store, MemoryCache)   # the app's cache without Redis
    small = MemoryCache(threshold=3, default_timeout=60)
    for key in ("a", "b", "c"):
        small.set(key, key.upper())
    small.set("a", "A2")                     # set again: now the newest
    small.set("d", "D")                      # full: the oldest (b) goes
    assert [small.get(k) for k in "abcd"] == ["A2", None, "C", "D"]
    for n in range(10):
        small.set(f"k{n}", n)
    assert [small.get(k) for k in ("k7", "k8", "k9")] == [7, 8, 9] and small.get("a") is None
    assert len(small._cache) == 3
