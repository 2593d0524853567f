"""ClusterHub's web platform: create_app binds config, database, i18n, search and blueprints."""
from __future__ import annotations

from pathlib import Path

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` overrides the settings read from the environment."""
    from . import cache, catalog, db, i18n, responses, search
    from . import auth
    from .config import default_instance_path, from_environment
    from . import api
    from .web import clusters, export, health, home, labels, links, listings, needs, schema_docs
    from .web import conditional, guards, search as search_pages

    config = dict(config or {})
    instance = Path(config.pop("INSTANCE_PATH", None) or default_instance_path())
    app = Flask(__name__, instance_path=str(instance))
    app.json = guards.DepthLimitedJSONProvider(app)
    app.config.update(from_environment(instance))
    app.config.update(config)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default is None: no limit at all
        app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024  # pushed batches, uploads
    if app.config.get("PROXY_COUNT"):
        # Behind nginx (deploy/nginx.conf) the client's address and scheme come from the
        # X-Forwarded-* headers of that many trusted proxies; without it they are ignored, so a
        # client cannot spoof its address past the login throttle.
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n)

    guards.init_app(app)  # before any other hook: hostile input never reaches one
    db.init_app(app)
    from . import jobs  # background jobs: RQ on Redis, or threads (docs/deployment.md)
    jobs.init_app(app)
    from .inquiries import mail
    mail.init_app(app)  # mail queued by a unit of work is delivered by a job after its commit
    catalog.init_app(app)
    from . import curation  # its hooks into the sync engine (sync/hooks.py)
    curation.init_app(app)
    i18n.init_app(app)
    responses.init_app(app)
    search.init_app(app)
    cache.init_app(app)
    auth.init_app(app)
    conditional.init_app(app)  # after auth: a 304 still gets the security headers
    labels.register(app)
    links.register(app)
    for blueprint in (home.bp, health.bp, schema_docs.bp, api.bp, search_pages.bp, export.bp,
                      listings.bp, clusters.bp, needs.bp):
        app.register_blueprint(blueprint)
    from .web import campaigns, dashboard, gaps, inbox, inquiries  # requests, inbox, dashboard, surveys, gaps
    for blueprint in (inquiries.bp, inbox.bp, dashboard.bp, campaigns.bp, gaps.bp):
        app.register_blueprint(blueprint)
    from .web import curator, operator  # curation and operator consoles (issue 7)
    app.register_blueprint(curator.bp)
    app.register_blueprint(operator.bp)
    from .pathways import api as pathways_api, views as pathways  # pathways across clusters (issue 13)
    app.register_blueprint(pathways.bp)
    app.register_blueprint(pathways_api.bp)
    from .web import reservations  # equipment calendars, reservations, use and statements (issue 15)
    app.register_blueprint(reservations.bp)
    return app
