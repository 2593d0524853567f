"""Field overrides and listing flags: the effective listing = source document + overrides."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlmodel import Session, select

import schemas

from ..errors import Invalid, NotFound
from ..i18n import N_
from ..models import Listing, utcnow
from . import audit, paths
from .models import ListingFlags, ListingOverride


@dataclass(frozen=True)
class SourceChange:
    """An overridden field whose source value changed after the override was made."""

    field: str
    was: object       # the source value when the curator overrode it
    now: object       # the source value today
    override: object  # the curator's value, still in force


def effective(document: dict, overrides: Iterable[ListingOverride]) -> dict:
    """The source document with every override applied."""
    doc = document
    for o in sorted(overrides, key=lambda o: o.field):
        doc = paths.put(doc, o.field, o.value)
    return doc


def of(session: Session, listing_id: str) -> list[ListingOverride]:
    return list(session.exec(select(ListingOverride).where(ListingOverride.listing_id == listing_id)
                             .order_by(ListingOverride.field)))


def flags(session: Session, listing_id: str) -> ListingFlags:
    return session.get(ListingFlags, listing_id) or ListingFlags(listing_id=listing_id)


def load_for(session: Session, ids: list[str] | None = None):
    """({listing_id: [overrides]}, {listing_id: flags}) for ids, or for every listing."""
    by_id: dict[str, list[ListingOverride]] = {}
    flag_map: dict[str, ListingFlags] = {}
    chunks = [None] if ids is None else [ids[i:i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        oq, fq = select(ListingOverride), select(ListingFlags)
        if chunk is not None:
            oq = oq.where(ListingOverride.listing_id.in_(chunk))
            fq = fq.where(ListingFlags.listing_id.in_(chunk))
        for o in session.exec(oq):
            by_id.setdefault(o.listing_id, []).append(o)
        for f in session.exec(fq):
            flag_map[f.listing_id] = f
    return by_id, flag_map


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


def set_override(session: Session, user, listing_id: str, field: str, raw_value: str,
                 reason: str) -> ListingOverride:
    """Override one field; the effective document must still be a valid listing."""
    row = _listing(session, listing_id)
    field = paths.check(field)
    if not (reason or "").strip():
        raise Invalid(N_("Say why you override this field."), [{"path": "reason", "message": N_("required")}])
    source = paths.get(row.document, field)
    current = {o.field: o for o in of(session, listing_id)}
    value = paths.parse(raw_value, source if source is not None else
                        (current[field].value if field in current else None))
    existing = current.get(field)
    before = existing.value if existing else source
    trial = effective(row.document, [*(o for f, o in current.items() if f != field),
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
    return o


NO_OVERRIDE = N_("No override of %(field)s on %(id)s.")


def clear_override(session: Session, user, listing_id: str, field: str, reason: str = "") -> None:
    """Drop an override: the source's value shows again."""
    row = _listing(session, listing_id)
    o = session.exec(select(ListingOverride).where(ListingOverride.listing_id == listing_id,
                                                   ListingOverride.field == field)).first()
    if o is None:
        raise NotFound(NO_OVERRIDE, field=repr(field), id=repr(listing_id))
    audit.record(session, user, "override.clear", listing_id, cluster=row.cluster,
                 before={field: o.value}, after={field: paths.get(row.document, field)},
                 reason=reason)
    session.delete(o)


def accept_source(session: Session, user, listing_id: str, field: str) -> None:
    """Keep the override but acknowledge the source's new value (clears the "source changed" flag)."""
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


FLAG_ACTIONS = {"hide": ("hidden", True), "unhide": ("hidden", False),
                "feature": ("featured", True), "unfeature": ("featured", False)}


def set_flag(session: Session, user, listing_id: str, action: str, reason: str = "") -> ListingFlags:
    """Hide, unhide, feature or unfeature a listing."""
    if action not in FLAG_ACTIONS:
        raise Invalid(N_("Unknown action %(action)s."), [{"path": "action", "message": N_("unknown")}],
                      action=repr(action))
    row = _listing(session, listing_id)
    name, value = FLAG_ACTIONS[action]
    f = flags(session, listing_id)
    before = getattr(f, name)
    setattr(f, name, value)
    f.updated_at = utcnow()
    session.add(f)
    audit.record(session, user, f"listing.{action}", listing_id, cluster=row.cluster,
                 before={name: before}, after={name: value}, reason=reason)
    return f
