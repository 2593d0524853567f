"""Security headers on every response, and no caching of pages rendered for a signed-in user."""
from __future__ import annotations

from flask import Flask, Response, current_app, g, request

# No inline scripts or styles anywhere: templates link static files only.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                           "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
                           "object-src 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP level 2
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy",
                                current_app.config.get("CONTENT_SECURITY_POLICY") or CONTENT_SECURITY_POLICY)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    principal = g.get("_clusterhub_principal")
    if principal is not None and principal.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    if response.status_code == 401 and request.path.startswith("/api/"):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="clusterhub"')
    return response


def init_app(app: Flask) -> None:
    app.after_request(_secure)
