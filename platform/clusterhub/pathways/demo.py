"""The demo's pathway: the master plan's own example, in progress. Discovery at Daegu's new-drug
centre is done and its hand-off passed on with consent; the smart factory is producing; the
marmoset study and the clinical trial at Osong wait their turn. Made once by `clusterhub demo load`."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from ..auth import accounts
from ..auth.demo import ACCOUNTS
from ..auth.roles import ADMIN, MEMBER, OPERATOR
from ..catalog import listings
from ..catalog.models import Listing
from ..inquiries import tickets
from ..inquiries.holidays import kst_day
from ..models import utcnow
from . import handoffs, requests, templates

TEMPLATE = "small_molecule"
# stage -> (cluster, words of the title, the first found wins)
PICKS = {"discovery": ("kmedihub", ("스크리닝", "후보물질", "의약화학")),
         "production": ("kmedihub", ("스마트공장",)),
         "preclinical": ("kbiohealth", ("마모셋",)),
         "clinical": ("kbiohealth", ("임상 1상",))}
NEED = ("저분자 항암 후보물질 CHB-101의 개발 전 과정을 연계하고자 합니다: 대구 신약개발지원센터의 후보물질 "
        "최적화, 대구 스마트공장 GMP 생산, 오송 마모셋 비임상, 오송 임상 1상.")
HANDOFF = "후보물질 CHB-101 120 g (로트 CHB-L03), 순도 99.2 % 분석성적서, 합성 경로 요약"


def _pick(s: Session, cluster: str, words: tuple[str, ...]) -> str | None:
    rows = list(s.exec(listings.visible(select(Listing).where(
        Listing.cluster == cluster, Listing.kind == "service")).order_by(Listing.id)))
    for word in words:
        for row in rows:
            if word in str((row.document.get("title") or {}).get("ko", "")):
                return row.id
    return None


def ensure_demo_pathway(s: Session) -> int | None:
    """Start the plan's example unless the demo member has a pathway; returns its id, or None."""
    emails = {a.role: a.email for a in ACCOUNTS}
    people = {role: accounts.find(s, emails[role]) for role in (MEMBER, OPERATOR, ADMIN)}
    if any(p is None for p in people.values()):
        return None
    member, operator, admin = (accounts.principal(s, people[r]) for r in (MEMBER, OPERATOR, ADMIN))
    if requests.mine(s, member):
        return None
    picks = {stage: _pick(s, cluster, words) for stage, (cluster, words) in PICKS.items()}
    if not all(picks.values()):
        return None
    template = templates.get(s, TEMPLATE)
    pathway = requests.submit(s, member, template, picks=picks, skips=set(), need=NEED, budget="over_200m",
                              consent=True)
    stages = requests.stages_of(s, pathway.id)
    # Started one discovery stage ago, so that stage ends on time today.
    pathway.start_on = kst_day(utcnow()) - timedelta(days=stages[0].duration_days)
    s.add(pathway)
    valid_until = (kst_day(utcnow()) + timedelta(days=30)).isoformat()

    def acting(cluster: str):
        return operator if operator.operates(cluster) else admin

    for stage, amount in ((stages[0], 32_000_000), (stages[1], 180_000_000)):
        who = acting(stage.cluster)
        tickets.change_status(s, who, stage.ticket_id, "reviewing")
        tickets.quote(s, who, stage.ticket_id, str(amount), valid_until)
        tickets.answer_quote(s, member, stage.ticket_id, "accepted")
        tickets.change_status(s, who, stage.ticket_id, "in_progress")
        s.flush()
    handoffs.add(s, acting(stages[0].cluster), stages[0].id, HANDOFF, [])
    handoffs.consent(s, member, stages[0].id)
    tickets.change_status(s, acting(stages[0].cluster), stages[0].ticket_id, "completed")
    s.flush()
    return pathway.id
