"""What other features plug into a sync, so the sync never imports them (issue 17 item 1).

A feature registers its hooks on the app at start (curation: `curation.init_app`); the sync
service reads them from the app and hands them to the engine as arguments. Without any hook a
sync still works: nothing is held for review and no curator mappings are applied."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from sqlmodel import Session

from .publish import OnAdded

EXTENSION = "clusterhub.sync.hooks"

# The curators' mappings of a cluster's unknown words, as SourceSettings.terms.
Terms = Callable[[Session, str], dict]


@dataclass(frozen=True)
class Hooks:
    on_added: OnAdded | None = None   # inside the publishing transaction, with the new ids
    terms: Terms | None = None        # read before the source is, once per run


def register(app, **hooks) -> None:
    """Set hooks (on_added=..., terms=...) on the app; later registrations replace earlier."""
    app.extensions[EXTENSION] = replace(of(app), **hooks)


def of(app) -> Hooks:
    return app.extensions.get(EXTENSION) or Hooks()
