"""The planner: per stage the best providers across all clusters, ranked with reasons; gaps recorded."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from ..catalog import listings
from ..catalog.models import UnmetNeed
from ..inquiries.holidays import kst_day
from ..messages import N_
from ..models import utcnow
from ..search import service as search
from ..search.params import SearchParams
from . import timeline
from .models import PathwayTemplate

PER_CONCEPT = 20   # hits read per stage word
SHOWN = 5          # candidates shown per stage
NO_VALUE = 10 ** 12


@dataclass
class Candidate:
    id: str
    document: dict
    matched: list[str]
    handoff: int = 0
    reasons: list[tuple[str, dict]] = field(default_factory=list)
    order: int = 0

    @property
    def cluster(self) -> str:
        return self.document.get("cluster", "")

    @property
    def region(self) -> str:
        return self.document.get("region") or ""

    @property
    def turnaround(self) -> int | None:
        return self.document.get("turnaround_days")

    @property
    def fee(self) -> tuple[int | None, int | None]:
        fee = self.document.get("fee") or {}
        return fee.get("min_krw"), fee.get("max_krw")

    @property
    def shared(self) -> bool:
        return self.document.get("sharing_scope") == "shared"

    def key(self) -> tuple:
        """Fit first, then an easy hand-off, turnaround, fee and sharing scope; search order last."""
        return (-len(self.matched), -self.handoff, self.turnaround or NO_VALUE, self.fee[0] or NO_VALUE,
                0 if self.shared else 1, self.order)


@dataclass
class StagePlan:
    stage: dict
    candidates: list[Candidate]
    pick: Candidate | None = None
    skipped: bool = False
    dates: timeline.Dates | None = None

    @property
    def gap(self) -> bool:
        return not self.candidates

    @property
    def days(self) -> int:
        return (self.pick and self.pick.turnaround) or self.stage["duration_days"]


@dataclass
class Plan:
    template: PathwayTemplate
    stages: list[StagePlan]
    start: date

    @property
    def chosen(self) -> list[StagePlan]:
        return [p for p in self.stages if p.pick is not None and not p.skipped]

    @property
    def gaps(self) -> list[StagePlan]:
        return [p for p in self.stages if p.gap and not p.skipped]

    @property
    def fee_range(self) -> tuple[int, int, int]:
        """The chain's known fees (min, max) and how many chosen stages are priced on quotation."""
        low = high = quoted = 0
        for p in self.chosen:
            lo, hi = p.pick.fee
            if lo is None and hi is None:
                quoted += 1
            else:
                low, high = low + (lo or hi), high + (hi or lo)
        return low, high, quoted

    @property
    def end(self) -> date | None:
        dated = [p.dates for p in self.chosen if p.dates]
        return dated[-1].end if dated else None


def ordered(template: PathwayTemplate, order: list[str] | None) -> list[dict]:
    """The template's stages in the given order of keys (unknown keys ignored, missing ones after)."""
    stages = template.data["stages"]
    rank = {key: i for i, key in enumerate(order or [])}
    return sorted(stages, key=lambda st: (rank.get(st["key"], len(rank)), stages.index(st)))


def find(stage: dict) -> list[Candidate]:
    """The published listings that match the stage's kinds, categories and filters, one search per
    stage word; a listing's fit is the number of stage words it matches."""
    selections = {"kind": tuple(stage["kinds"]), "categories": tuple(stage["categories"]),
                  **{k: tuple(v) for k, v in (stage.get("filters") or {}).items() if v}}
    found: dict[str, Candidate] = {}
    for concept in stage["concepts"]:
        result = search.run(SearchParams(q=concept, selections=selections, size=PER_CONCEPT), facets=())
        for hit in result.hits:
            one = found.get(hit.id)
            if one is None:
                found[hit.id] = Candidate(hit.id, hit.document, [concept], order=len(found))
            elif concept not in one.matched:
                one.matched.append(concept)
    return list(found.values())


def _neighbours(plans: list[StagePlan], i: int) -> list[StagePlan]:
    """The nearest stage before and after i that is planned (not skipped, not a gap)."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(plans) and (plans[j].skipped or plans[j].pick is None):
            j += step
        if 0 <= j < len(plans):
            out.append(plans[j])
    return out


def _rank(plans: list[StagePlan], i: int) -> None:
    plan = plans[i]
    neighbours = _neighbours(plans, i)
    for c in plan.candidates:
        c.handoff, c.reasons = 0, [(N_("matches %(n)d of %(total)d stage words: %(words)s"),
                                     {"n": len(c.matched), "total": len(plan.stage["concepts"]),
                                      "words": ", ".join(c.matched)})]
        for other in neighbours:
            if other.pick.cluster == c.cluster:
                c.handoff += 2
                c.reasons.append((N_("same complex as the stage %(stage)s"), {"stage": other.stage["title"]}))
            elif c.region and other.pick.region == c.region:
                c.handoff += 1
                c.reasons.append((N_("same region as the stage %(stage)s"), {"stage": other.stage["title"]}))
        if c.turnaround:
            c.reasons.append((N_("turnaround %(days)d days"), {"days": c.turnaround}))
        low, high = c.fee
        c.reasons.append((N_("fee from %(amount)s won"), {"amount": f"{low or high:,}"}) if (low or high)
                         else (N_("fee on quotation"), {}))
        if c.shared:
            c.reasons.append((N_("shared use allowed"), {}))
    plan.candidates.sort(key=Candidate.key)


def plan(s: Session, template: PathwayTemplate, *, picks: dict[str, str] | None = None,
         skips: set[str] | frozenset = frozenset(), start: date | None = None,
         today: date | None = None, order: list[str] | None = None) -> Plan:
    """Candidates per stage, ranked; the company's picks kept, the best candidate picked elsewhere;
    the stages in the company's order when it gives one (stages it leaves out keep theirs, after)."""
    picks = picks or {}
    today = today or kst_day(utcnow())
    plans = [StagePlan(stage, find(stage), skipped=stage["key"] in skips) for stage in ordered(template, order)]
    for p in plans:
        _add_picked(s, p, picks.get(p.stage["key"]))
    for _round in range(2):  # a pick depends on its neighbours' picks: settle them twice
        for p in plans:
            wanted = picks.get(p.stage["key"])
            p.pick = (next((c for c in p.candidates if c.id == wanted), None)
                      or min(p.candidates, key=Candidate.key, default=None))
        for i in range(len(plans)):
            _rank(plans, i)
    for p in plans:  # the last ranking decides the default picks
        wanted = picks.get(p.stage["key"])
        p.pick = next((c for c in p.candidates if c.id == wanted), None) or next(iter(p.candidates), None)
    chosen = [p for p in plans if p.pick is not None and not p.skipped]
    start = start or today
    for p, dates in zip(chosen, timeline.schedule(start, [timeline.Step(p.days) for p in chosen])):
        p.dates = dates
    return Plan(template, plans, start)


def _add_picked(s: Session, plan: StagePlan, listing_id: str | None) -> None:
    """A pick the search did not offer (e.g. "plan from here") joins the candidates if it is public."""
    if not listing_id or any(c.id == listing_id for c in plan.candidates):
        return
    found = listings.published(s, listing_id)
    if isinstance(found, listings.Published):
        text = " ".join(str(v) for v in (found.document.get("title") or {}).values()).casefold()
        matched = [w for w in plan.stage["concepts"] if w.casefold() in text]
        plan.candidates.append(Candidate(listing_id, found.document, matched, order=len(plan.candidates)))


def stage_for(template: PathwayTemplate, document: dict) -> str | None:
    """The first stage of template whose kinds and categories fit a listing ("plan from here")."""
    cats = set(document.get("categories") or [])
    for stage in template.data["stages"]:
        if document.get("kind") in stage["kinds"] and cats & set(stage["categories"]):
            return stage["key"]
    return None


def record_gaps(s: Session, p: Plan, locale: str = "ko") -> list[UnmetNeed]:
    """Each stage no cluster offers becomes an unmet need with its template and stage, once a day."""
    out = []
    since = utcnow() - timedelta(days=1)
    for gap in p.gaps:
        filters = {"pathway": [p.template.key], "stage": [gap.stage["key"]]}
        recent = s.exec(select(UnmetNeed).where(UnmetNeed.created_at >= since,
                                                UnmetNeed.query == gap.stage["title"]["ko"][:200]))
        if any(n.filters == filters for n in recent):
            continue
        need = UnmetNeed(query=gap.stage["title"]["ko"][:200], filters=filters, locale=locale,
                         description=f"{p.template.data['title']['ko']} / {gap.stage['title']['ko']}: "
                                     f"no cluster offers this stage ({', '.join(gap.stage['concepts'])})")
        s.add(need)
        out.append(need)
    return out
