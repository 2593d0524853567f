"""Korean first, English second: locale selection and the language switch."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, g, redirect, request, url_for
from flask_babel import Babel, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

from schemas import vocabularies

from . import db
from .redirects import safe_next

babel = Babel()
bp = Blueprint("i18n", __name__)
COOKIE = "lang"


def select_locale() -> str:
    """?lang= wins, then the cookie, then Korean (the default, not the browser's guess)."""
    languages = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def locale() -> str:
    return _current()[0]


def translations():
    """This request's gettext catalog, without flask-babel's lookup (context, domain, locale,
    cache) on each of the ~100 `_()` calls of a page: that lookup was 7 % of a page's CPU."""
    return _current()[1]


def _current() -> tuple:
    """(locale code, translations) of the locale in force, remembered beside flask-babel's own
    request state (g._flask_babel) and worked out again whenever its locale object changes
    (force_locale swaps it, e.g. to write a mail in its reader's language)."""
    try:
        state = g._flask_babel
        forced = state.babel_locale
        seen = state.clusterhub_current
        if seen[0] is forced and forced is not None:
            return seen[1]
    except (AttributeError, RuntimeError):  # not yet worked out in this request, or no request
        pass
    found = get_locale()
    current = (str(found or "ko"), get_translations())
    try:
        g._flask_babel.clusterhub_current = (found, current)
    except (AttributeError, RuntimeError):
        pass
    return current


def bilingual(value: dict | None, fallback: str = "") -> str:
    """The text of a {ko, en} value in the current language, else the other one."""
    if not value:
        return fallback
    lang = locale()
    other = "en" if lang == "ko" else "ko"
    return value.get(lang) or value.get(other) or fallback


def bilingual_html(value: dict | None, fallback: str = ""):
    """bilingual() for a page: text shown in the other language than the page's is marked with
    its lang (Korean-only data on an English page reads as Korean to screen readers)."""
    if not value:
        return fallback
    lang = locale()
    other = "en" if lang == "ko" else "ko"
    if value.get(lang) or not value.get(other):
        return value.get(lang) or fallback
    return Markup('<span lang="{}">{}</span>').format(other, value[other])


def label(vocabulary: str, code: str | None) -> str:
    """The current language's label of a vocabulary code."""
    if not code:
        return ""
    return vocabularies.get(vocabulary).label(code, locale())


@bp.get("/lang/<code>")
def switch(code: str):
    """Set the language cookie (and a signed-in user's mail language) and go back where the user
    was (works without JavaScript)."""
    if code not in current_app.config["LANGUAGES"]:
        code = current_app.config["BABEL_DEFAULT_LOCALE"]
    from .auth import accounts
    from .auth.current import current_user

    user = current_user()
    if user.is_authenticated:  # mail follows the language the user reads the site in
        with db.session() as s:
            accounts.set_language(s, user.id, code)
    response = redirect(safe_next(request.args.get("next"), url_for("home.index")))
    response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


MEMO_MAX = 5000  # translated strings remembered per catalog (the catalog holds about 1,100)


@pass_context
def _template_gettext(context, string: str, **variables):
    catalog = translations()
    autoescape = context.eval_ctx.autoescape
    if variables:
        text = catalog.ugettext(string)
        return (Markup(text) if autoescape else text) % variables
    memo = catalog.__dict__.get("_clusterhub_memo")
    if memo is None:
        memo = catalog.__dict__["_clusterhub_memo"] = {}
    try:
        return memo[string, autoescape]
    except KeyError:
        text = catalog.ugettext(string)
        found = (Markup(text) if autoescape else text) % {}
        if len(memo) < MEMO_MAX:  # a few templates translate data (`_(source.format)`): bounded
            memo[string, autoescape] = found
        return found


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(app.root_path + "/translations"))
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n), newstyle=True,
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n))
    # `_("...")` without variables (most of a page's ~100) answers from a per-catalog memo: the
    # same result as jinja's newstyle gettext (escaped, %-formatted), without working it out again.
    app.jinja_env.globals.update(gettext=_template_gettext, _=_template_gettext)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(bilingual=bilingual_html, current_locale=locale, label=label)
