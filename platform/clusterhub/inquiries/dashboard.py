"""The foundation's demand report: requests by cluster, category and month; response; satisfaction; gaps."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, select

from ..catalog.models import UnmetNeed
from . import response_times, surveys
from .holidays import kst_day
from .models import SearchLog, Survey, Ticket
from . import search_log
from .search_log import normalise

LOW_RESULTS = 3  # a search with this many results or fewer counts as "low-result"


def requests_by(s: Session) -> dict[str, list[tuple[str, int]]]:
    """Ticket counts by cluster, by category and by month (KST), each sorted for display."""
    rows = list(s.exec(select(Ticket)))
    clusters = Counter(t.cluster for t in rows)
    categories = Counter(c for t in rows for c in (t.categories or []))
    months = Counter(kst_day(t.created_at).strftime("%Y-%m") for t in rows)
    return {"cluster": clusters.most_common(), "category": categories.most_common(),
            "month": sorted(months.items())}


def per_cluster(s: Session) -> list[dict]:
    """Per cluster: tickets, response summary and survey averages (n shown; no threshold for staff)."""
    tickets = defaultdict(list)
    for t in s.exec(select(Ticket)):
        tickets[t.cluster].append(t)
    scores = defaultdict(list)
    for survey, cluster in s.exec(select(Survey, Ticket.cluster).join(Ticket, Ticket.id == Survey.ticket_id)):
        scores[cluster].append(survey)
    out = []
    for cluster in sorted(tickets):
        rt = response_times.summary(tickets[cluster]) or {}
        answers = scores.get(cluster, [])
        avg = {k: round(sum(getattr(a, k) for a in answers) / len(answers), 1) if answers else None
               for k in surveys.SCALES}
        out.append({"cluster": cluster, "tickets": len(tickets[cluster]), "answered": rt.get("n", 0),
                    "median_hours": rt.get("median_hours"), "within_share": rt.get("within_share"),
                    "surveys": len(answers), **avg})
    return out


def count_gap_searches(s: Session, groups: dict[str, dict], year: int | None = None) -> None:
    """Count the logged searches of the gap report (of one year, or all) into groups by query:
    zero- and low-result ones, and those whose place read from q held no listing with the words
    (the search widened to the whole country). The zero- and low-result ones are counted by the
    database, a row per query: the log holds a line per search (tens of thousands after a busy
    day), and reading each as an object made the dashboard ~250 ms under load. The lines' queries
    are normalised when written (search_log.record), so they are the groups' keys as they are.
    Widened searches (rarer) are read one by one: each names its place and words."""
    search_log.flush(s.get_bind())  # this process's buffered searches count too
    where = [SearchLog.query != ""]
    if year is not None:
        where += [SearchLog.day >= date(year, 1, 1), SearchLog.day < date(year + 1, 1, 1)]
    zero = sa.func.sum(sa.case((SearchLog.results == 0, 1), else_=0))
    low = sa.func.sum(sa.case((SearchLog.results > 0, 1), else_=0))
    for query, zeros, lows in s.exec(select(SearchLog.query, zero, low).where(
            *where, SearchLog.results <= LOW_RESULTS, SearchLog.widened.is_(None)).group_by(SearchLog.query)):
        g = groups.setdefault(query, empty_group(query))
        g["zero"] += int(zeros or 0)
        g["low"] += int(lows or 0)
    for log in s.exec(select(SearchLog).where(*where, SearchLog.widened.is_not(None))):
        count_search(groups.setdefault(log.query, empty_group(log.query)), log)


def count_search(group: dict, log: SearchLog) -> None:
    """Count a logged search in its group: as widened (a gap of the place: "no listing in 광주
    for 유전체분석"), else as a zero- or a low-result search."""
    if log.widened:
        group["widened"] += 1
        place = {"places": list(log.widened.get("places") or []), "words": log.widened.get("words", "")}
        found = next((p for p in group["places"] if p["places"] == place["places"]
                      and p["words"] == place["words"]), None)
        if found is None:
            group["places"].append({**place, "n": 1})
        else:
            found["n"] += 1
    else:
        group["zero" if log.results == 0 else "low"] += 1


def empty_group(query: str = "") -> dict:
    return {"query": query, "zero": 0, "low": 0, "widened": 0, "needs": 0, "examples": [], "pathways": [],
            "places": []}


def weight(g: dict) -> int:
    """How much a gap group weighs: a submitted need most, then a search that found nothing."""
    return g["needs"] * 3 + g["zero"] * 2 + g["low"] + g["widened"]


def gaps(s: Session) -> list[dict]:
    """The gap-technology report: zero/low-result searches, searches whose place held nothing
    (widened), unmet needs and pathway stages no one offers."""
    groups: dict[str, dict] = {}

    def group(query: str) -> dict:
        key = normalise(query)
        return groups.setdefault(key, empty_group(key))

    count_gap_searches(s, groups)
    for need in s.exec(select(UnmetNeed)):
        g = group(need.query)
        g["needs"] += 1
        if len(g["examples"]) < 3:
            g["examples"].append(need.description[:200])
        # A pathway stage no cluster offers (pathways/planner.py) names its template and stage.
        for template, stage in zip(need.filters.get("pathway", []), need.filters.get("stage", [])):
            if f"{template}/{stage}" not in g["pathways"]:
                g["pathways"].append(f"{template}/{stage}")
    return sorted(groups.values(), key=lambda g: (-weight(g), g["query"]))


def place_gaps(g: dict) -> str:
    """The group's place gaps in one CSV cell: "광주: 유전체분석 서비스 (2) | 수도권: 영장류 (1)"."""
    return " | ".join(f"{' '.join(p['places'])}: {p['words']} ({p['n']})" for p in g["places"])
