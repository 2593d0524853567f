"""The shared cache (Flask-Caching): Redis when REDIS_URL is set, the process's memory otherwise.

Entries are keyed by what they were computed from (the search index's stamp: the catalog
version and thesaurus it reflects), so nothing is ever deleted to invalidate: a sync or a
curator action moves the version on and later requests use new keys; old ones expire.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_caching import Cache

EXTENSION = "clusterhub.cache"
TIMEOUT = 3600  # seconds: entries of an old catalog version go away by themselves


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    if url:
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url,
                  "CACHE_KEY_PREFIX": app.config.get("CACHE_KEY_PREFIX") or "clusterhub:cache:"}
    else:
        config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 5000}
    config["CACHE_DEFAULT_TIMEOUT"] = TIMEOUT
    cache = Cache()
    cache.init_app(app, config=config)
    app.extensions[EXTENSION] = cache


def get(app: Flask | None = None) -> Cache | None:
    """The app's cache (None for an app built without it)."""
    return (app or current_app).extensions.get(EXTENSION)
