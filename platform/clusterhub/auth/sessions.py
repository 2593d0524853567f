"""Signed-in sessions: start, end, and expire them (absolute lifetime and idle timeout)."""
from __future__ import annotations

import time

from flask import current_app, g, session

from .. import db
from . import accounts
from .models import User
from .roles import ANONYMOUS_USER, Principal

KEY = "auth"
SEEN_RESOLUTION = 60  # seconds: rewrite the cookie for activity at most once a minute
# What a visitor collected before logging in and keeps after it (the request basket registers
# its key). Only plain data the visitor chose; nothing that grants anything.
KEPT_AT_LOGIN: set[str] = set()


def keep_at_login(key: str) -> None:
    KEPT_AT_LOGIN.add(key)


def log_in(user: User, via: str) -> None:
    """Start a fresh session for user: nothing from before the login survives it but what the
    visitor collected (KEPT_AT_LOGIN, e.g. the request basket)."""
    kept = {k: session[k] for k in KEPT_AT_LOGIN if k in session}
    session.clear()
    session.update(kept)
    session.permanent = True
    now = int(time.time())
    session[KEY] = {"uid": user.id, "epoch": user.session_epoch, "at": now, "seen": now, "via": via}
    g.pop("_clusterhub_principal", None)


def log_out() -> None:
    """Forget the session in this browser (an expired or outdated one ends here too)."""
    session.clear()
    g.pop("_clusterhub_principal", None)


def end() -> None:
    """A logout: the user's session epoch moves on, so a copy of this cookie (another tab, a
    stolen one) is refused on its next request, then this browser forgets the session. An
    outdated cookie ends nothing but its own session."""
    data = session.get(KEY) or {}
    if data.get("uid") is not None:
        with db.session() as s:
            user = s.get(User, data["uid"])
            if user is not None and user.session_epoch == data.get("epoch"):
                accounts.end_sessions(s, user)
    log_out()


def _expired(data: dict, now: float) -> bool:
    config = current_app.config
    return (now - data.get("at", 0) > int(config["SESSION_LIFETIME"])
            or now - data.get("seen", 0) > int(config["SESSION_IDLE_TIMEOUT"]))


def load_principal() -> Principal:
    """The principal of the current session; expired, disabled or outdated sessions end here."""
    data = session.get(KEY)
    if not data:
        return ANONYMOUS_USER
    now = time.time()
    if _expired(data, now):
        log_out()
        return ANONYMOUS_USER
    with db.session() as s:
        user = s.get(User, data.get("uid"))
        if user is None or not user.active or user.session_epoch != data.get("epoch"):
            log_out()
            return ANONYMOUS_USER
        principal = accounts.principal(s, user)
    if now - data["seen"] >= SEEN_RESOLUTION:
        session[KEY] = {**data, "seen": int(now)}
    return principal


def login_method() -> str | None:
    """How the current session signed in: "password" or "oidc"."""
    return (session.get(KEY) or {}).get("via")
