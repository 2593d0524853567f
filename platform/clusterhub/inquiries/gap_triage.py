"""Gap technologies as a workflow: curators triage each group of the gap report (dashboard.gaps)
as a synonym miss (one click adds a curated thesaurus entry; the view re-runs the query), noise
(left out of the report), or a real gap (assigned to clusters that could offer it, whose
inboxes hear of it; answered to the requesters who left an address); the yearly report in Korean."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from sqlmodel import Session, select

from ..catalog.models import UnmetNeed
from ..curation import thesaurus
from ..errors import Invalid, NotFound
from ..messages import N_
from ..models import utcnow
from . import dashboard, mail, routing
from .holidays import kst_day
from .models import GapTriage
from .search_log import normalise

DECISIONS = ("synonym", "noise", "gap")
LABELS_KO = {"synonym": "동의어 누락", "noise": "잡음", "gap": "실제 공백", "merged": "병합됨", "": "미분류"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def triaged(s: Session) -> dict[str, GapTriage]:
    return {t.query: t for t in s.exec(select(GapTriage))}


def contacts(s: Session) -> dict[str, list[str]]:
    """{normalised query: the reply addresses its "tell us what you need" submitters left}."""
    out: dict[str, list[str]] = {}
    for need in s.exec(select(UnmetNeed).where(UnmetNeed.contact_email.is_not(None))):
        emails = out.setdefault(normalise(need.query), [])
        if need.contact_email not in emails:
            emails.append(need.contact_email)
    return out


def _target(decided: dict[str, GapTriage], key: str) -> str:
    """The group a query counts in: itself, or the group it was merged into (followed to the end)."""
    seen = {key}
    while key in decided and decided[key].decision == "merged" and decided[key].merged_into not in seen:
        key = decided[key].merged_into
        seen.add(key)
    return key


def groups(s: Session) -> list[dict]:
    """The gap report's groups with their triage and reply addresses; merged groups count in
    the group they were merged into (listed under "merged")."""
    decided, reply = triaged(s), contacts(s)
    out: dict[str, dict] = {}
    for g in dashboard.gaps(s):
        key = _target(decided, g["query"])
        into = out.setdefault(key, {**dashboard.empty_group(key), "merged": [], "triage": decided.get(key),
                                    "contacts": []})
        for n in ("zero", "low", "widened", "needs"):
            into[n] += g[n]
        into["places"] += g["places"]
        into["examples"] += [e for e in g["examples"] if len(into["examples"]) < 3]
        into["pathways"] += [p for p in g["pathways"] if p not in into["pathways"]]
        into["contacts"] += [c for c in reply.get(g["query"], []) if c not in into["contacts"]]
        if key != g["query"]:
            into["merged"].append(g["query"])
    return sorted(out.values(), key=lambda g: (-dashboard.weight(g), g["query"]))


def merge(s: Session, user, query: str, into: str) -> GapTriage:
    """Merge a group into a similar one (e.g. "mass spec" into "질량분석"): its counts go there."""
    key, target = normalise(query), normalise(into)
    if not target or target == key:
        raise Invalid(N_("Name another query to merge into."), [{"path": "into", "message": N_("Name another query to merge into.")}])
    row = _row(s, key, user, "merged")
    row.merged_into = target
    return row


def _row(s: Session, query: str, user, decision: str, note: str = "") -> GapTriage:
    key = normalise(query)
    if not key:
        raise Invalid(N_("Name the query to triage."), [{"path": "query", "message": N_("Name the query to triage.")}])
    row = s.exec(select(GapTriage).where(GapTriage.query == key)).first() or GapTriage(query=key, decision=decision)
    row.merged_into = ""
    row.decision, row.decided_by, row.decided_at = decision, user.email, utcnow()
    row.note = (note or row.note or "").strip()[:1000]
    s.add(row)
    return row


def synonym(u, user, query: str, terms: str) -> GapTriage:
    """A synonym miss: add a curated thesaurus entry joining the query and the terms the catalog
    uses (comma-separated; Korean terms go to ko, others to en) through the thesaurus service."""
    key = normalise(query)
    words = [key] + [w.strip() for w in (terms or "").split(",") if w.strip() and normalise(w) != key]
    if len(words) < 2:
        raise Invalid(N_("Give the term the catalog uses for %(query)s."),
                      [{"path": "terms", "message": N_("at least one other term")}], query=repr(key))
    ascii_ = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
    ident = "gap_" + (ascii_[:60] if ascii_ and not HANGUL.search(key) else hashlib.sha1(key.encode()).hexdigest()[:12])
    ko = ", ".join(w for w in words if HANGUL.search(w))
    en = ", ".join(w for w in words if not HANGUL.search(w))
    thesaurus.save(u, user, ident, ko, en, "")
    row = _row(u.session, key, user, "synonym")
    row.thesaurus_key = ident
    return row


def rerun_recorded(s: Session, query: str, results: int) -> None:
    row = s.exec(select(GapTriage).where(GapTriage.query == normalise(query))).first()
    if row is not None:
        row.results_after = int(results)
        s.add(row)


def mark(s: Session, user, query: str, decision: str, note: str = "") -> GapTriage:
    if decision not in ("noise", "gap"):  # synonym and merged need their own arguments
        raise Invalid(N_("Choose synonym, noise or gap."), [{"path": "decision", "message": N_("Choose synonym, noise or gap.")}])
    return _row(s, query, user, decision, note)


def assign(s: Session, user, query: str, clusters: list[str]) -> GapTriage:
    """A real gap, assigned to clusters that could offer it: each responsible inbox is mailed."""
    clusters = sorted({c for c in clusters if c})
    if not clusters:
        raise Invalid(N_("Choose at least one cluster."), [{"path": "clusters", "message": N_("Choose at least one cluster.")}])
    row = _row(s, query, user, "gap")
    row.clusters = clusters
    for cluster in clusters:
        for to in routing.route(s, cluster).emails:
            mail.send(s, to, "gap_assigned", query=row.query, cluster=cluster, note=row.note,
                      link=f"/search?q={quote(row.query)}")
    return row


def answer(s: Session, user, query: str, message: str) -> int:
    """Mail the requesters of a group who left an address; returns how many were mailed."""
    key = normalise(query)
    message = (message or "").strip()
    if not message:
        raise Invalid(N_("Write the answer."), [{"path": "message", "message": N_("Write the answer.")}])
    to = next((g["contacts"] for g in groups(s) if g["query"] == key), [])  # merged groups' too
    if not to:
        raise NotFound(N_("Nobody who asked for %(query)s left an address."), query=repr(key))
    languages = {n.contact_email: n.locale for n in s.exec(select(UnmetNeed).where(UnmetNeed.contact_email.in_(to)))}
    for address in to:  # an address with no account reads the language it asked in
        mail.send(s, address, "gap_answer", language=languages.get(address), query=key,
                  message=message[:4000], link=f"/search?q={quote(key)}")
    row = s.exec(select(GapTriage).where(GapTriage.query == key)).first() or _row(s, key, user, "gap")
    row.answered_at = utcnow()
    s.add(row)
    return len(to)


# 지역 확장: searches whose place read from q held no listing with the words (shown the whole
# country instead); 지역 공백 names them ("광주: 유전체분석 (2)"). Both counted in 합계; columns added last.
REPORT_HEADER = ["검색어", "분류", "검색 0건", "검색 결과 적음", "수요 제출", "합계", "배정 클러스터", "예시",
                 "경로 단계", "처리자", "처리일", "지역 확장", "지역 공백"]


def yearly_report(s: Session, year: int) -> tuple[list[str], list[list]]:
    """The year's gap-technology report in Korean: counts of that year, noise left out, biggest first."""
    groups_: dict[str, dict] = {}

    def group(query: str) -> dict:
        key = normalise(query)
        return groups_.setdefault(key, dashboard.empty_group(key))

    dashboard.count_gap_searches(s, groups_, year)
    for need in s.exec(select(UnmetNeed)):
        if kst_day(need.created_at).year != year:
            continue
        g = group(need.query)
        g["needs"] += 1
        if len(g["examples"]) < 3:
            g["examples"].append(need.description[:200])
        for template, stage in zip(need.filters.get("pathway", []), need.filters.get("stage", [])):
            g["pathways"].append(f"{template}/{stage}")
    decided = triaged(s)
    folded: dict[str, dict] = {}
    for key, g in groups_.items():
        into = folded.setdefault(_target(decided, key), dashboard.empty_group())
        for n in ("zero", "low", "widened", "needs"):
            into[n] += g[n]
        into["places"] += g["places"]
        into["examples"] += g["examples"][:max(0, 3 - len(into["examples"]))]
        into["pathways"] += g["pathways"]
    rows = []
    for key, g in folded.items():
        t = decided.get(key)
        if t is not None and t.decision == "noise":
            continue
        total = g["zero"] + g["low"] + g["needs"] + g["widened"]
        rows.append([key, LABELS_KO[t.decision if t else ""], g["zero"], g["low"], g["needs"], total,
                     " ".join(t.clusters) if t else "", " | ".join(g["examples"]), " ".join(sorted(set(g["pathways"]))),
                     t.decided_by if t else "", kst_day(t.decided_at).isoformat() if t else "",
                     g["widened"], dashboard.place_gaps(g)])
    rows.sort(key=lambda r: (-r[5], r[0]))
    return REPORT_HEADER, rows
