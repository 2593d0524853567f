"""Curators' field overrides and flags (the effective listing itself is catalog.listings.effective)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlmodel import Session, select

import schemas

from ..errors import Invalid, NotFound
from ..messages import N_
from ..catalog import listings, paths
from ..catalog.models import Listing, ListingFlags, ListingOverride
from ..models import utcnow
from . import audit


@dataclass(frozen=True)
class SourceChange:
    """An overridden field whose source value changed after the override was made."""

    field: str
    was: object       # the source value when the curator overrode it
    now: object       # the source value today
    override: object  # the curator's value, still in force


def source_changes(row: Listing, overrides: Iterable[ListingOverride]) -> list[SourceChange]:
    """The overridden fields whose source value differs from the one the curator saw."""
    out = []
    for o in overrides:
        now = paths.get(row.document, o.field)
        if now != o.source_value:
            out.append(SourceChange(o.field, o.source_value, now, o.value))
    return out


def _listing(session: Session, listing_id: str) -> Listing:
    row = session.get(Listing, listing_id)
    if row is None:
        raise NotFound(N_("No listing %(id)s."), id=repr(listing_id))
    return row


def set_override(u, user, listing_id: str, field: str, raw_value: str,
                 reason: str) -> ListingOverride:
    """Override one field; the effective document must still be a valid listing."""
    row = _listing(u.session, listing_id)
    field = paths.check(field)
    source = paths.get(row.document, field)
    current = {o.field: o for o in listings.overrides_of(u.session, listing_id)}
    value = paths.parse(raw_value, source if source is not None else
                        (current[field].value if field in current else None))
    return set_value(u, user, listing_id, field, value, reason)


def set_value(u, user, listing_id: str, field: str, value, reason: str) -> ListingOverride:
    """Override one field with a typed value (None removes the field); the listing must stay valid."""
    session = u.session
    row = _listing(session, listing_id)
    field = paths.check(field)
    if not (reason or "").strip():
        raise Invalid(N_("Say why you override this field."), [{"path": "reason", "message": N_("required")}])
    source = paths.get(row.document, field)
    current = {o.field: o for o in listings.overrides_of(session, listing_id)}
    existing = current.get(field)
    before = existing.value if existing else source
    trial = listings.effective(row.document, [*(o for f, o in current.items() if f != field),
                                     ListingOverride(listing_id=listing_id, field=field, value=value)])
    try:
        schemas.load(trial)
    except schemas.DocumentError as exc:
        problems = [{"path": e.path, "message": e.message} for e in exc.errors]
        raise Invalid(N_("With this value the listing would not be valid: %(problems)s"), problems,
                      problems=problems) from None
    o = existing or ListingOverride(listing_id=listing_id, field=field)
    o.value, o.source_value, o.reason = value, source, reason.strip()
    o.created_by, o.updated_at = user.email, utcnow()
    session.add(o)
    audit.record(session, user, "override.set", listing_id, cluster=row.cluster,
                 before={field: before}, after={field: value}, reason=reason.strip())
    u.reindex([listing_id])
    return o


NO_OVERRIDE = N_("No override of %(field)s on %(id)s.")


def clear_override(u, user, listing_id: str, field: str, reason: str = "") -> None:
    """Drop an override: the source's value shows again."""
    session = u.session
    row = _listing(session, listing_id)
    o = session.exec(select(ListingOverride).where(ListingOverride.listing_id == listing_id,
                                                   ListingOverride.field == field)).first()
    if o is None:
        raise NotFound(NO_OVERRIDE, field=repr(field), id=repr(listing_id))
    audit.record(session, user, "override.clear", listing_id, cluster=row.cluster,
                 before={field: o.value}, after={field: paths.get(row.document, field)},
                 reason=reason)
    session.delete(o)
    u.reindex([listing_id])


def accept_source(u, user, listing_id: str, field: str) -> None:
    """Keep the override but acknowledge the source's new value (clears the "source changed" flag)."""
    session = u.session
    row = _listing(session, listing_id)
    o = session.exec(select(ListingOverride).where(ListingOverride.listing_id == listing_id,
                                                   ListingOverride.field == field)).first()
    if o is None:
        raise NotFound(NO_OVERRIDE, field=repr(field), id=repr(listing_id))
    now = paths.get(row.document, field)
    audit.record(session, user, "override.acknowledge", listing_id, cluster=row.cluster,
                 before={field: o.source_value}, after={field: now})
    o.source_value, o.updated_at = now, utcnow()
    session.add(o)
    u.reindex([listing_id])


FLAG_ACTIONS = {"hide": ("hidden", True), "unhide": ("hidden", False),
                "feature": ("featured", True), "unfeature": ("featured", False)}
NEEDS_REASON = {  # taking a listing out of search, or putting it forward, says why
    "hide": N_("Say why you hide this listing."), "feature": N_("Say why you feature this listing.")}


def set_flag(u, user, listing_id: str, action: str, reason: str = "") -> ListingFlags:
    """Hide, unhide, feature or unfeature a listing; hiding and featuring say why."""
    session = u.session
    if action not in FLAG_ACTIONS:
        raise Invalid(N_("Unknown action %(action)s."), [{"path": "action", "message": N_("unknown")}],
                      action=repr(action))
    if action in NEEDS_REASON and not (reason or "").strip():
        raise Invalid(NEEDS_REASON[action], [{"path": "reason", "message": N_("required")}])
    row = _listing(session, listing_id)
    name, value = FLAG_ACTIONS[action]
    f = listings.flags(session, listing_id)
    before = getattr(f, name)
    setattr(f, name, value)
    f.updated_at = utcnow()
    session.add(f)
    audit.record(session, user, f"listing.{action}", listing_id, cluster=row.cluster,
                 before={name: before}, after={name: value}, reason=(reason or "").strip())
    u.reindex([listing_id])
    return f
