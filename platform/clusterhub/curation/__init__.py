"""Curation: overrides, hide/feature, merges, category mappings, thesaurus, the audit log."""
from __future__ import annotations


def init_app(app) -> None:
    """A sync holds the new listings of a cluster that requires review, and maps the source's
    words as the curators mapped them: curation's hooks, handed to the sync engine."""
    from ..sync import hooks
    from . import categories, review

    hooks.register(app, on_added=review.hold_new, terms=categories.terms_for)
