"""Category mapping: source words no mapping covers, queued from sync issues; curators map them."""
from __future__ import annotations

import re

from sqlmodel import Session, select

from schemas import vocabularies

from ..errors import Invalid
from ..messages import N_
from ..models import SyncIssue
from ..sync import runs
from . import audit
from .models import CategoryMapping, MappingRequest

# An unknown word's issue carries it in its params (connectors.conventions.terms.UnknownTerm);
# runs from before migration 0010 have only the message, read with this pattern.
UNKNOWN_TERM = "sync.unknown_term"
UNKNOWN = re.compile(r"unknown (?P<vocabulary>\w+) term '(?P<term>[^']+)'")
MAPPABLE = ("categories",)


def unmapped(session: Session) -> list[dict]:
    """Unknown category words in each cluster's latest run, not yet mapped, with their records."""
    mapped = {(m.cluster, m.field, m.term) for m in session.exec(select(CategoryMapping))}
    found: dict[tuple, dict] = {}
    for code, run in sorted(runs.last_per_cluster(session).items()):
        for issue in session.exec(select(SyncIssue).where(SyncIssue.run_id == run.id)):
            word = unknown_word(issue)
            if not word or word[0] not in MAPPABLE:
                continue
            key = (code, *word)
            if key in mapped:
                continue
            entry = found.setdefault(key, {"cluster": code, "field": key[1], "term": key[2],
                                           "records": [], "run_id": run.id, "request": None})
            entry["records"].append(issue.location)
    for r in session.exec(select(MappingRequest)):
        if (r.cluster, r.field, r.term) in found:
            found[(r.cluster, r.field, r.term)]["request"] = r
    # asked for first: an operator is waiting on these
    return sorted(found.values(), key=lambda e: (e["request"] is None, e["cluster"], e["term"]))


def mappable(message: str) -> tuple[str, str] | None:
    """(field, word) when an issue's message is an unknown word a curator can map."""
    match = UNKNOWN.search(message or "")
    if not match or match["vocabulary"] not in MAPPABLE:
        return None
    return match["vocabulary"], match["term"]


def requested(session: Session, cluster: str) -> set[tuple[str, str]]:
    return {(r.field, r.term) for r in session.exec(select(MappingRequest).where(MappingRequest.cluster == cluster))}


def request_mapping(session: Session, user, cluster: str, field: str, term: str, note: str,
                    run_id: int | None = None) -> MappingRequest:
    """An operator asks the foundation to map a word; it joins the curators' queue with the note."""
    term, note = (term or "").strip(), (note or "").strip()[:1000]
    if field not in MAPPABLE:
        raise Invalid(N_("Only %(fields)s can be mapped."), [{"path": "field", "message": N_("unknown")}],
                      fields=", ".join(MAPPABLE))
    if not term:
        raise Invalid(N_("Name the source word to map."), [{"path": "term", "message": N_("required")}])
    row = session.exec(select(MappingRequest).where(
        MappingRequest.cluster == cluster, MappingRequest.field == field,
        MappingRequest.term == term)).first()
    row = row or MappingRequest(cluster=cluster, field=field, term=term)
    row.note, row.requested_by, row.run_id = note, user.email, run_id
    session.add(row)
    audit.record(session, user, "mapping.request", f"{cluster}:{field}:{term}", cluster=cluster,
                 after={"note": note}, reason=note)
    return row


def unknown_word(issue: SyncIssue) -> tuple[str, str] | None:
    """(vocabulary, term) of an issue about a word no mapping covers, else None."""
    params = issue.params or {}
    if issue.code == UNKNOWN_TERM and params.get("vocabulary") and params.get("term"):
        return params["vocabulary"], params["term"]
    match = UNKNOWN.search(issue.message)  # an issue stored before the codes
    return (match["vocabulary"], match["term"]) if match else None


def mappings(session: Session, cluster: str | None = None) -> list[CategoryMapping]:
    query = select(CategoryMapping).order_by(CategoryMapping.cluster, CategoryMapping.term)
    if cluster:
        query = query.where(CategoryMapping.cluster == cluster)
    return list(session.exec(query))


def terms_for(session: Session, cluster: str) -> dict[str, dict[str, str]]:
    """The cluster's mappings as SourceSettings.terms: {vocabulary: {word: code}}."""
    out: dict[str, dict[str, str]] = {}
    for m in mappings(session, cluster):
        out.setdefault(m.field, {})[m.term] = m.code
    return out


def map_term(session: Session, user, cluster: str, term: str, code: str,
             field: str = "categories") -> CategoryMapping:
    """Map a cluster's word to a shared code; the next sync of the cluster applies it."""
    term = (term or "").strip()
    if field not in MAPPABLE:
        raise Invalid(N_("Only %(fields)s can be mapped."), [{"path": "field", "message": N_("unknown")}],
                      fields=", ".join(MAPPABLE))
    if code not in vocabularies.get(field).codes:
        raise Invalid(N_("%(code)s is not a %(field)s code."), [{"path": "code", "message": N_("unknown code")}],
                      code=repr(code), field=field)
    if not term:
        raise Invalid(N_("Name the source word to map."), [{"path": "term", "message": N_("required")}])
    row = session.exec(select(CategoryMapping).where(
        CategoryMapping.cluster == cluster, CategoryMapping.field == field,
        CategoryMapping.term == term)).first()
    before = row.code if row else None
    row = row or CategoryMapping(cluster=cluster, field=field, term=term)
    row.code, row.created_by = code, user.email
    session.add(row)
    audit.record(session, user, "category.map", f"{cluster}:{field}:{term}", cluster=cluster,
                 before={"code": before}, after={"code": code})
    return row
