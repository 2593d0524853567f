"""Login pages: local password form, OIDC start and callback, logout, the account page."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from .. import db, responses
from ..redirects import safe_next
from ..messages import N_
from ..catalog import clusters
from . import accounts, credentials, identities, logins, oidc, sessions
from .models import User
from .current import current_user, login_required
from .roles import OPERATOR
from .throttle import TooManyAttempts

bp = Blueprint("auth", __name__)
NEXT_KEY = "auth_next"
NO_OIDC = N_("Login through an identity provider is not configured here.")


def _login_page(status: int = 200, error: str | None = None, email: str = ""):
    return render_template("auth/login.html", error=error, email=email, oidc_enabled=oidc.enabled(),
                           next=safe_next(request.values.get("next"), "")), status


@bp.get("/login")
def login():
    return _login_page()


@bp.post("/login")
def login_post():
    email = request.form.get("email", "")
    ip = request.remote_addr or "unknown"
    try:
        user = logins.check_password(email, request.form.get("password", ""), ip,
                                     current_app.config)
    except TooManyAttempts:
        return _login_page(429, _("Too many failed logins. Wait a while and try again."), email)
    except logins.LoginFailed:
        return _login_page(401, _("The e-mail address or the password is wrong."), email)
    sessions.log_in(user, via="password")
    return redirect(safe_next(request.form.get("next"), url_for("auth.account")))


@bp.post("/logout")
def logout():
    sessions.end()
    return redirect(url_for("home.index"))


@bp.get("/auth/oidc/login")
def oidc_login():
    if not oidc.enabled():
        abort(404, description=NO_OIDC)
    session[NEXT_KEY] = safe_next(request.args.get("next"), "")
    redirect_uri = (current_app.config.get("OIDC_REDIRECT_URI")
                    or url_for("auth.oidc_callback", _external=True))
    return oidc.start(redirect_uri)


@bp.get("/auth/oidc/callback")
def oidc_callback():
    if not oidc.enabled():
        abort(404, description=NO_OIDC)
    target = safe_next(session.get(NEXT_KEY), "")
    try:
        claims = oidc.finish()
        with db.session() as s:
            user = identities.user_for(s, current_app.config["OIDC_ISSUER"], claims,
                                             current_app.config)
    except oidc.OidcFailed as exc:
        current_app.logger.warning("OIDC login failed: %s", exc.message)
        return _login_page(401, responses.message(exc))
    sessions.log_in(user, via="oidc")
    return redirect(target or url_for("auth.account"))


@bp.get("/account")
@login_required
def account():
    user = current_user()
    cluster = client = None
    with db.session() as s:
        stored = s.get(User, user.id)
        language = stored.language if stored else "ko"
        if user.role == OPERATOR and user.cluster:
            cluster = clusters.get(s, user.cluster)
            client = credentials.active(s, user.cluster)
    return render_template("auth/account.html", user=user, cluster=cluster, client=client,
                           via=sessions.login_method(), language=language)


@bp.post("/account/language")
@login_required
def account_language():
    """The language of the user's mail (the site's language is the switch in the header)."""
    with db.session() as s:
        accounts.set_language(s, current_user().id, request.form.get("language", ""))
    return redirect(url_for("auth.account"))
