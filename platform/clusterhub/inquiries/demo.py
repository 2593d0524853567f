"""The demo's requests: a few from the demo company member, moved along by the clusters, so the inbox,
/my/requests and the foundation dashboard do not start empty. Made only by `clusterhub demo load`,
once, through the same services the pages call (the mails land in the outbox)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from ..auth import Principal, accounts
from ..auth.demo import ACCOUNTS
from ..auth.roles import ADMIN, MEMBER, OPERATOR
from ..catalog import listings
from ..models import utcnow
from ..catalog.models import Listing
from . import requests, surveys, tickets
from .holidays import kst_day


@dataclass(frozen=True)
class DemoRequest:
    need: str
    timeline: str
    budget: str
    picks: tuple  # (cluster, kind, a word of the title to prefer)
    steps: dict  # cluster -> what happens to its ticket, in order (see _play)


REQUESTS = (
    DemoRequest(
        "신약 후보물질(저분자) 3종의 랫드 혈장 시료 약 120건에 대해 LC-MS/MS 정량 분석을 의뢰합니다. "
        "분석법 개발과 부분 밸리데이션이 필요하며, 표준품과 내부표준물질은 당사가 제공합니다.",
        "의뢰 후 8주 이내 결과 보고서", "10m_50m",
        (("kmedihub", "service", "LC-MS/MS"), ("kmedihub", "equipment", "질량분석기")),
        {"kmedihub": (("message", "시료 보관 조건(-70℃ 이하)과 예상 농도 범위를 알려 주시면 일정을 확정하겠습니다."),
                      ("quote", 18_500_000))}),
    DemoRequest(
        "IND 제출을 위한 GLP 독성시험(랫드 4주 반복투여)과 hERG 심독성 평가를 상담하고 싶습니다. "
        "시험 설계, 일정, 필요한 시험물질 양을 함께 안내해 주세요.",
        "2027년 상반기 IND 제출 목표", "50m_200m",
        (("chungju", "service", "반복투여 독성시험"), ("kbiohealth", "service", "hERG")),
        {"chungju": (("reviewing",), ("quote", 96_000_000), ("accept",), ("in_progress",),
                     ("message", "시험물질을 인수했습니다. 순화 기간을 거쳐 다음 주에 투여를 시작합니다.")),
         "kbiohealth": (("quote", 7_800_000),
                        ("reject", "예산을 넘습니다. 시험 농도를 4개로 줄인 견적을 다시 부탁드립니다."))}),
    DemoRequest(
        "줄기세포 유래 오가노이드 배양을 위해 CO2 세포배양기를 4주간(주 3회) 사용하고자 합니다. "
        "장비 사용 교육 일정과 이용 요금을 알려 주세요.",
        "다음 달 첫째 주부터 4주", "under_10m",
        (("kmedihub", "equipment", "세포배양기"), ("andong", "equipment", "세포배양기")),
        {"andong": (("quote", 1_200_000), ("accept",), ("in_progress",), ("completed",),
                    ("survey", {"quality": 5, "speed": 4, "communication": 5},
                     "장비 상태가 좋았고 사용 교육이 친절했습니다."))}),
    DemoRequest(
        "바이오의약품 생산공정의 GMP 품질 시스템 구축에 대해 전문가 자문을 받고 싶습니다. "
        "공정 밸리데이션 계획서 검토를 위해 2시간 내외의 화상 회의 2회를 희망합니다.",
        "다음 달 중", "under_10m",
        (("songdo_siheung", "expert", ""),),
        {"songdo_siheung": (("reviewing",),
                            ("message", "자문 가능한 전문가의 일정을 확인하고 있습니다. 희망 요일을 알려 주세요."),
                            ("reply", "화요일이나 목요일 오후가 좋습니다."))}),
)


def _principal(s: Session, email: str) -> Principal | None:
    user = accounts.find(s, email)
    return accounts.principal(s, user) if user is not None and user.active else None


def _pick(s: Session, cluster: str, kind: str, word: str) -> str | None:
    """A published listing of the cluster and kind, the first whose Korean title holds word if any."""
    rows = list(s.exec(listings.visible(select(Listing).where(
        Listing.cluster == cluster, Listing.kind == kind)).order_by(Listing.id)))
    titled = [r for r in rows if word and word in str((r.document.get("title") or {}).get("ko", ""))]
    chosen = titled or rows
    return chosen[0].id if chosen else None


def _play(s: Session, ticket_id: int, steps: tuple, member: Principal, cluster: Principal) -> None:
    valid_until = (kst_day(utcnow()) + timedelta(days=30)).isoformat()
    for step, *args in steps:
        if step == "quote":
            tickets.quote(s, cluster, ticket_id, str(args[0]), valid_until)
        elif step == "accept":
            tickets.answer_quote(s, member, ticket_id, "accepted")
        elif step == "reject":
            tickets.answer_quote(s, member, ticket_id, "rejected", args[0])
        elif step == "message":
            tickets.post_message(s, cluster, ticket_id, args[0])
        elif step == "reply":
            tickets.post_message(s, member, ticket_id, args[0])
        elif step == "survey":
            surveys.answer(s, member, ticket_id, *args)
        else:
            tickets.change_status(s, cluster, ticket_id, step)
        s.flush()


def ensure_demo_requests(s: Session) -> tuple[int, int] | None:
    """Send the demo requests and move their tickets along, unless the demo member has requests
    already; returns (requests, tickets) made now, or None when nothing was done."""
    emails = {a.role: a.email for a in ACCOUNTS}
    member, admin = _principal(s, emails[MEMBER]), _principal(s, emails[ADMIN])
    operator = _principal(s, emails[OPERATOR])
    if member is None or admin is None or requests.mine(s, member):
        return None
    sent = made = 0
    for demo in REQUESTS:
        ids = [i for i in (_pick(s, *pick) for pick in demo.picks) if i]
        if not ids:
            continue
        request = requests.submit(s, member, ids, need=demo.need, timeline=demo.timeline, budget=demo.budget,
                                  consent=True, uploads=[])
        s.flush()
        sent += 1
        for ticket in requests.tickets_of(s, request.id):
            made += 1
            # the demo operator answers for its own cluster; the demo admin operates every other one
            acting = operator if operator is not None and operator.operates(ticket.cluster) else admin
            _play(s, ticket.id, demo.steps.get(ticket.cluster, ()), member, acting)
    return sent, made
