"""Messages shown to people travel as English templates with parameters, translated when shown.

N_ only marks a template for extraction (`make messages` runs pybabel with -k N_); it needs no
Flask, so services raise and store templates without knowing who will read them or in what
language. The web layer translates them (responses.translate); the API, the CLI and logs keep
the English text.
"""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message template for translation when it is shown."""
    return message


class Term(str):
    """A marked word shown translated where it is used as a parameter (a role's name, a label):
    `fill` keeps the English, `responses.translate` translates it; a list of terms reads "a, b"."""
