"""Mail text: templates/mail/<name>.txt rendered in the recipient's language.

A mail template has a `subject` block and a `body` block and writes its text through `_()`, so
mail is translated by the same gettext catalog as the pages (Korean from messages.po, English as
written). Rendering uses Jinja and babel directly: services call it without Flask.
"""
from __future__ import annotations

import threading
from pathlib import Path

from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATES = PACKAGE / "templates" / "mail"
TRANSLATIONS = PACKAGE / "translations"
LANGUAGES = ("ko", "en")
DEFAULT = "ko"  # Korean first: a recipient whose language is unknown reads Korean
PREFIX = "[ClusterHub] "

_environments: dict[str, Environment] = {}
_lock = threading.Lock()


def language_of(code: str | None) -> str:
    """A language mail is written in: code when it is one, else Korean."""
    code = (code or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT


def environment(language: str) -> Environment:
    """The Jinja environment whose _() speaks language (one per language, built once)."""
    language = language_of(language)
    with _lock:
        env = _environments.get(language)
        if env is None:
            env = Environment(loader=FileSystemLoader(str(TEMPLATES)), extensions=["jinja2.ext.i18n"],
                              undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                              lstrip_blocks=True)
            translations = (NullTranslations() if language == "en" else
                            Translations.load(str(TRANSLATIONS), [language], domain="messages"))
            env.install_gettext_translations(translations, newstyle=True)
            env.globals.update(language=language, pick=lambda value, lang=language: pick(value, lang))
            _environments[language] = env
    return env


def pick(value: dict | str | None, language: str) -> str:
    """The text of a {ko, en} value in language, else in the other one."""
    if not isinstance(value, dict):
        return value or ""
    return value.get(language) or next((v for v in value.values() if v), "")


def render(name: str, language: str | None, **context) -> tuple[str, str]:
    """(subject, body) of the mail template `name` in language (Korean if unknown)."""
    template = environment(language_of(language)).get_template(f"{name}.txt")
    ctx = template.new_context(context)
    subject = " ".join("".join(template.blocks["subject"](ctx)).split())
    body = "".join(template.blocks["body"](template.new_context(context))).strip("\n")
    return PREFIX + subject, body + "\n"
