"""Search: one contract, the embedded tantivy engine by default, Meilisearch in production."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from .contract import BackendError, SearchBackend

EXTENSION = "clusterhub.search"


def create_backend(config) -> SearchBackend:
    """The backend SEARCH_BACKEND names, built from the app's settings."""
    from schemas.thesaurus import default as default_thesaurus

    thesaurus = default_thesaurus()
    name = config["SEARCH_BACKEND"]
    if name == "embedded":
        from .embedded import EmbeddedBackend
        return EmbeddedBackend(Path(config["SEARCH_INDEX_DIR"]), thesaurus=thesaurus)
    if name == "meilisearch":
        from .meili import MeiliBackend
        if not config.get("MEILI_URL"):
            raise BackendError("SEARCH_BACKEND=meilisearch needs MEILI_URL")
        return MeiliBackend(url=config["MEILI_URL"], api_key=config["MEILI_MASTER_KEY"],
                            index=config["MEILI_INDEX"], search_key=config.get("MEILI_SEARCH_KEY"),
                            thesaurus=thesaurus)
    raise BackendError(f"unknown SEARCH_BACKEND {name!r}; use embedded or meilisearch")


def init_app(app: Flask) -> None:
    from .. import unit
    from .indexer import apply

    app.extensions[EXTENSION] = None  # built on first use: a CLI command may never search
    unit.after_commit(app, apply)


def backend(app: Flask | None = None) -> SearchBackend:
    app = app or current_app
    if app.extensions.get(EXTENSION) is None:
        app.extensions[EXTENSION] = create_backend(app.config)
    return app.extensions[EXTENSION]


def facet_cache():
    """The app's shared cache for facet counts (clusterhub/cache.py), or None."""
    from .. import cache

    return cache.get()


def health(app: Flask) -> dict:
    """The index's state for /healthz, including whether it lags the catalog."""
    from .. import db
    from ..catalog import state as catalog_state

    try:
        st = backend(app).state()
    except Exception as exc:  # health must report, never raise
        return {"backend": app.config["SEARCH_BACKEND"], "state": "error", "detail": str(exc)}
    try:
        with db.session(app) as s:
            version = str(catalog_state.version(s))
    except Exception:  # the database's own entry in /healthz reports that failure
        version = None
    out = {"backend": st.backend, "state": st.state, "documents": st.documents,
           "catalog_version": version, "index_catalog_version": st.catalog_version}
    if st.detail:
        out["detail"] = st.detail
    if st.state == "ready" and version is not None and st.catalog_version != version:
        out["state"] = "stale"
        out["detail"] = (f"index built from catalog version {st.catalog_version}, "
                         f"catalog is at {version}: run `clusterhub reindex`")
    return out
