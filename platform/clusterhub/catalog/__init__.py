"""The catalog: clusters and listings, and the one rule of what the public sees (listings.py)."""
from __future__ import annotations


def init_app(app) -> None:
    """Every unit of work that changed the published catalog bumps its version in the same
    transaction, so the index's recorded version shows whether it lags."""
    from .. import unit
    from . import state

    def bump(_app, u) -> None:
        if u.catalog_changed:
            state.bump(u.session)

    unit.before_commit(app, bump)
