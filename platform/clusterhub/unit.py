"""One unit of work per service call: one transaction, then its effects, run in one place.

A service records what its change means on the unit (listings to reindex or remove, the
thesaurus changed, a callable to run once committed); it never calls the search engine or a mail
server itself. Features register the handlers at init_app: `before_commit` handlers run inside
the transaction (the catalog bumps its version there), `after_commit` handlers run once it has
committed (search updates the index, mail is handed to the job queue). A handler that fails after
the commit is logged: the change stands, and /healthz shows a lagging index.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from flask import Flask, current_app
from sqlalchemy import event
from sqlmodel import Session

from . import db

BEFORE, AFTER = "clusterhub.unit.before", "clusterhub.unit.after"
KEY = "clusterhub.unit"  # the unit a session belongs to, in session.info


class Unit:
    """The session of one service call and the effects its change registered."""

    def __init__(self, session: Session):
        self.session = session
        self.reindexed: list[str] = []
        self.removed: list[str] = []
        self.catalog_changed = False
        self.synonyms_changed = False
        self.mailed = False
        self._after: list[Callable[[], None]] = []
        if session is not None:
            session.info[KEY] = self

    def reindex(self, ids: Iterable[str]) -> None:
        """These listings' public state changed: the index takes their effective documents."""
        self.reindexed.extend(i for i in ids if i not in self.reindexed)
        self.catalog_changed = True

    def remove(self, ids: Iterable[str]) -> None:
        """These listings left the catalog (withdrawn): the index drops them."""
        self.removed.extend(i for i in ids if i not in self.removed)
        self.catalog_changed = True

    def changed(self) -> None:
        """The published catalog changed in a way no listing id names (e.g. a policy)."""
        self.catalog_changed = True

    def synonyms(self) -> None:
        """The effective thesaurus changed: the engine takes it without a rebuild."""
        self.synonyms_changed = True

    def mail(self) -> None:
        """Mail was queued in the outbox: the job queue delivers it."""
        self.mailed = True

    def after_commit(self, effect: Callable[[], None]) -> None:
        """Run effect once the transaction has committed (never if it rolls back)."""
        self._after.append(effect)


Handler = Callable[[Flask, Unit], None]


def before_commit(app: Flask, handler: Handler) -> None:
    app.extensions.setdefault(BEFORE, []).append(handler)


def after_commit(app: Flask, handler: Handler) -> None:
    app.extensions.setdefault(AFTER, []).append(handler)


def of(session: Session, app: Flask | None = None) -> Unit:
    """The unit session belongs to. A session opened with db.session() rather than begin() gets
    one on first use, whose effects run when that session commits (and are dropped on rollback)."""
    u = session.info.get(KEY)
    if u is None:
        app = app or current_app._get_current_object()
        u = Unit(session)

        def done(s: Session) -> None:
            if s.in_nested_transaction():  # a savepoint released: the transaction goes on
                return
            if s.info.get(KEY) is u:  # else this unit was rolled back or has run already
                del s.info[KEY]
                committed(app, u)

        def dropped(s: Session, transaction) -> None:
            # a savepoint's rollback keeps the outer transaction's effects
            if not transaction.nested and s.info.get(KEY) is u:
                del s.info[KEY]

        event.listen(session, "after_commit", done)
        event.listen(session, "after_soft_rollback", dropped)
    return u


@contextmanager
def begin(app: Flask | None = None) -> Iterator[Unit]:
    """A unit in its own transaction: commit, then the effects; an error rolls everything back."""
    app = app or current_app._get_current_object()
    with db.session(app) as s:
        u = Unit(s)
        yield u
        for handler in app.extensions.get(BEFORE, []):
            handler(app, u)
    committed(app, u)


def committed(app: Flask, u: Unit) -> list[str]:
    """Run the after-commit effects of u (also for work that committed on its own, e.g. a sync);
    returns "module.name: error" of each effect that failed (the change itself stands)."""
    failed = []
    for handler in [*app.extensions.get(AFTER, []), *(lambda _a, _u, f=f: f() for f in u._after)]:
        try:
            handler(app, u)
        except Exception as exc:  # committed already: log it; /healthz shows a lagging index
            name = f"{handler.__module__}.{getattr(handler, '__name__', 'effect')}"
            app.logger.exception("after-commit effect %s failed", name)
            failed.append(f"{name}: {exc}")
    return failed
