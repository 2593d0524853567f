"""ClusterHub's web platform: create_app binds config, database, i18n, search and blueprints."""
from __future__ import annotations

from pathlib import Path

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` overrides the settings read from the environment."""
    from . import db, errors, i18n, search
    from . import auth
    from .config import default_instance_path, from_environment
    from . import api
    from .web import clusters, export, health, home, labels, listings, needs, schema_docs
    from .web import search as search_pages

    config = dict(config or {})
    instance = Path(config.pop("INSTANCE_PATH", None) or default_instance_path())
    app = Flask(__name__, instance_path=str(instance))
    app.config.update(from_environment(instance))
    app.config.update(config)
    app.config.setdefault("MAX_CONTENT_LENGTH", 32 * 1024 * 1024)  # pushed batches, uploads

    db.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    search.init_app(app)
    auth.init_app(app)
    labels.register(app)
    for blueprint in (home.bp, health.bp, schema_docs.bp, api.bp, search_pages.bp, export.bp,
                      listings.bp, clusters.bp, needs.bp):
        app.register_blueprint(blueprint)
    from .web import dashboard, inbox, inquiries  # requests: basket, tickets, inbox, dashboard
    for blueprint in (inquiries.bp, inbox.bp, dashboard.bp):
        app.register_blueprint(blueprint)
    from .web import curator, operator  # curation and operator consoles (issue 7)
    app.register_blueprint(curator.bp)
    app.register_blueprint(operator.bp)
    return app
