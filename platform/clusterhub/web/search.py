"""The search page: one box, kind tabs, disjunctive facets, chips, cards, pagination, export."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from ..inquiries import search_log
from ..search import params as search_params
from ..search import grouping, service
from ..search.params import FACETS
from ..search.registry import SHOWN
from ..search.understand import PLACE_FIELDS
from .cards import Labeller
from .links import search_url

bp = Blueprint("search", __name__)
LONG_FACETS = tuple(f.field for f in SHOWN if f.long)  # with a box to find a value
KIND_TABS = ("service", "equipment", "expert")
BOXES = [f for f in FACETS if f != "kind"]  # the facet column, in the registry's order


Q_MAX = 200  # search.params refuses longer queries; the page cuts them first and says so


@bp.record_once
def _q_max(state) -> None:
    """The search boxes' maxlength (home, search and error pages)."""
    state.app.jinja_env.globals["q_max"] = Q_MAX


def _cut(args):
    """The query string's arguments with q cut to Q_MAX, and the length it had when cut (else 0)."""
    q = " ".join(args.get("q", "").split())
    if len(q) <= Q_MAX:
        return args, 0
    cut = args.copy()
    cut["q"] = q[:Q_MAX].rstrip()
    return cut, len(q)


@bp.get("/search")
def page():
    args, q_cut = _cut(request.args)
    p = search_params.parse(args)
    result = service.run(p, group=True)
    search_log.log_search(p, result.total, partial=_live(), widened=result.understood.widened)
    kind_counts = {f.value: f.count for f in result.facets.get("kind", [])}
    template = "search/_results.html" if request.args.get("partial") else "search/page.html"
    # Links and facets follow what was searched: places and a kind read from q show as chips.
    searched = result.understood.params
    labeller = Labeller()
    return render_template(
        template, p=searched, typed=p, result=result, cards=[(c, labeller.card(c.lead, c)) for c in grouping.cards(result.hits)],
        strict_url=search_url(p.args(strict=True)),
        read_from_q={(s.field, s.value): s.word for s in result.understood.filters}, facets=BOXES, facet_boxes=labeller.facets(result, searched, BOXES),
        # A kind hinted at by a word still in q (시험 -> service) would come back if its chip only
        # removed it: removing it selects every kind instead.
        hinted={(s.field, s.value) for s in result.understood.filters if s.soft},
        corrected=result.understood.corrected,
        widened=result.understood.widened, place_url=_place_url(p, result.understood.widened),
        elsewhere=result.understood.elsewhere, elsewhere_url=_elsewhere_url(p, result.understood),
        kept_places=[s for s in result.understood.filters if s.field in PLACE_FIELDS],
        long_facets=LONG_FACETS, kind_tabs=KIND_TABS, kind_counts=kind_counts,
        pages=_pages(p.page, result.total_groups if result.total_groups is not None else result.total, p.size),
        export_max=service.EXPORT_MAX, q_cut=q_cut,
        suggestions=service.suggestions(p.q) if not result.total else [])


def _place_url(typed, places) -> str | None:
    """The listings of the places read from q that the search widened beyond (nothing there
    held the words): every listing of those places, with the user's own selections."""
    if not places:
        return None
    selections = dict(typed.selections)
    for steer in places:
        selections[steer.field] = tuple(dict.fromkeys((*selections.get(steer.field, ()), steer.value)))
    return search_url(typed.args(q="", selections=selections))


def _elsewhere_url(typed, understood) -> str | None:
    """Every word searched, strictly, without the places read from q (the user's own ticks
    stay): the listings of the whole country that hold all the words."""
    if not understood.elsewhere:
        return None
    searched = understood.params
    read = {(s.field, s.value) for s in understood.filters if s.field in PLACE_FIELDS}
    own = {(f, v) for f, values in typed.selections.items() for v in values}
    selections = {f: tuple(v for v in values if (f, v) not in read - own)
                  for f, values in searched.selections.items()}
    return search_url(searched.args(q=searched.q, strict=True,
                                    selections={f: v for f, v in selections.items() if v}))


def _live() -> bool:
    """A results fragment fetched while typing or refining, not a search the user submitted
    (the script adds submitted=1 on Enter and on a chosen suggestion): not logged."""
    return bool(request.args.get("partial")) and not request.args.get("submitted")


def _pages(current: int, total: int, size: int) -> list[int | None]:
    """Page numbers to link, with None for a gap: 1 … 4 5 [6] 7 8 … 40."""
    last = max(1, -(-total // size))
    last = min(last, 1000)
    shown = {1, last, *range(max(1, current - 2), min(last, current + 2) + 1)}
    out: list[int | None] = []
    for n in sorted(shown):
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out
