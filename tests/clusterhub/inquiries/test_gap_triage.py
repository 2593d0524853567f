"""Gap triage: curators sort the gap groups into synonym misses (one click adds a curated thesaurus
entry and re-runs the query), noise (left out of the report) and real gaps (assigned to clusters,
answered to the requesters who left an address); the yearly report is a Korean CSV with counts."""
from __future__ import annotations

import re
from datetime import date

from sqlmodel import select

from clusterhub import db
from clusterhub.inquiries import search_log
from clusterhub.curation.models import AuditEntry, ThesaurusEntry
from clusterhub.inquiries.models import GapTriage, OutboxMail, SearchLog
from tests.clusterhub.inquiries.conftest import signed_in

TODAY = date.today()


def seed(world):
    with world.app_context(), db.session() as s:
        for q, n in (("큐큐큐", 0), ("큐큐큐", 0), ("unclosed (paren", 0), ("스마트공장", 0), ("스마트공장", 2)):
            s.add(SearchLog(query=q, results=n, day=TODAY))
    member = signed_in(world, "member")
    r = member.post("/needs", data={"q": "  스마트공장 ", "description": "바이오 스마트공장 MES 컨설팅이 필요합니다.",
                                    "contact_email": "need@example.org"})
    assert r.status_code == 303, r.get_data(as_text=True)[:500]


def mails_to(world, address) -> list[OutboxMail]:
    with world.app_context(), db.session() as s:
        return list(s.exec(select(OutboxMail).where(OutboxMail.to == address)))


def triage(staff, **form):
    return staff.post("/dashboard/gaps/triage", data=form)


def test_a_synonym_miss_adds_a_thesaurus_entry_and_the_query_finds_results(world):
    seed(world)
    staff = signed_in(world, "curator")
    page = staff.get("/dashboard/gaps").get_data(as_text=True)
    assert 'id="g-큐큐큐"' in page and "need@example.org" in page  # the reply address is shown
    assert triage(staff, query="큐큐큐", decision="synonym", terms="질량분석기").status_code == 303
    with world.app_context(), db.session() as s:
        row = s.exec(select(GapTriage).where(GapTriage.query == "큐큐큐")).one()
        entry = s.exec(select(ThesaurusEntry).where(ThesaurusEntry.key == row.thesaurus_key)).one()
        audited = s.exec(select(AuditEntry).where(AuditEntry.action == "thesaurus.save")).all()
    assert row.decision == "synonym" and entry.entry["ko"] == ["큐큐큐", "질량분석기"]
    assert entry.entry["group"] == "curated" and len(audited) == 1  # through the curation service
    assert row.results_after and row.results_after >= 1  # re-run: the query finds the mass spectrometer now
    assert triage(staff, query="큐큐큐", decision="synonym", terms="").status_code == 422


def test_noise_gap_assignment_answer_and_the_yearly_report(world):
    seed(world)
    staff = signed_in(world, "curator")
    assert triage(staff, query="unclosed (paren", decision="noise").status_code == 303
    assert triage(staff, query="스마트공장", decision="assign", clusters=["kbiohealth"]).status_code == 303
    assert any("스마트공장" in m.subject for m in mails_to(world, "operator_b@example.org"))
    assert triage(staff, query="스마트공장", decision="answer",
                  message="K-바이오헬스 클러스터가 검토 중입니다.").status_code == 303
    [answer] = mails_to(world, "need@example.org")
    assert "K-바이오헬스" in answer.body
    assert triage(staff, query="큐큐큐", decision="answer", message="x").status_code == 404  # nobody to answer

    csv = staff.get(f"/dashboard/gaps/{TODAY.year}.csv").get_data(as_text=True)
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("검색어,분류,검색 0건,검색 결과 적음,수요 제출,합계")
    smart = next(l for l in lines if l.startswith("스마트공장,"))
    assert smart.startswith("스마트공장,실제 공백,1,1,1,3,kbiohealth,")
    assert not any(l.startswith("unclosed") for l in lines)  # noise is left out
    assert any(l.startswith("큐큐큐,미분류,2,0,0,2") for l in lines)
    assert signed_in(world, "member").get("/dashboard/gaps").status_code == 403


def test_similar_queries_merge_into_one_group(world):
    seed(world)
    with world.app_context(), db.session() as s:
        s.add(SearchLog(query="스마트 팩토리", results=0, day=TODAY))
    staff = signed_in(world, "curator")
    assert triage(staff, query="스마트 팩토리", decision="merge", into="스마트공장").status_code == 303
    page = staff.get("/dashboard/gaps").get_data(as_text=True)
    assert 'id="g-스마트 팩토리"' not in page and 'class="merged"' in page
    csv = staff.get(f"/dashboard/gaps/{TODAY.year}.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert next(l for l in csv if l.startswith("스마트공장,")).startswith("스마트공장,미분류,2,1,1,4,")
    assert not any(l.startswith("스마트 팩토리") for l in csv)
    assert triage(staff, query="스마트공장", decision="merge", into="스마트공장").status_code == 422


def test_a_search_widened_beyond_its_place_is_a_gap_of_that_place(world):
    # 대구 reads as K-MEDIhub, which offers no toxicity study: the search shows K-BIOHealth's
    # (the whole federation), and the log keeps "no listing in 대구 for 독성시험" for the report.
    client = world.test_client()
    body = client.get("/api/v1/search", query_string={"q": "대구 독성시험"}).json
    assert body["total"] >= 1 and [w["value"] for w in body["understood"]["widened"]] == ["kmedihub"]
    assert client.get("/search", query_string={"q": " 대구  독성시험 "}).status_code == 200
    client.get("/api/v1/search", query_string={"q": "Daegu toxicity"})
    client.get("/api/v1/search", query_string={"q": "독성시험"})          # no place: not widened
    with world.app_context(), db.session() as s:
        search_log.flush(db.engine(world))
        logged = {r.query: r.widened for r in s.exec(select(SearchLog))}
    assert logged == {"대구 독성시험": {"places": ["대구"], "words": "독성시험"},
                      "daegu toxicity": {"places": ["daegu"], "words": "toxicity"}, "독성시험": None}

    staff = signed_in(world, "curator")
    page = staff.get("/dashboard/gaps").get_data(as_text=True)
    group = page[page.index('id="g-대구 독성시험"'):]
    assert re.search(r'<ul class="place-gaps"><li>[^<]*대구[^<]*독성시험[^<]*\(2\)</li>', group[:group.index("</section>")])
    dashboard = staff.get("/dashboard/gaps.csv").get_data(as_text=True)
    assert dashboard.lstrip("\ufeff").splitlines()[0].endswith(",widened_searches,place_gaps")
    assert "대구 독성시험,0,0,0,,,2,대구: 독성시험 (2)" in dashboard
    assert "daegu toxicity,0,0,0,,,1,daegu: toxicity (1)" in dashboard
    assert "\n독성시험,0,1,0,,,0,\r" in dashboard       # one listing: a low-result search only
    lines = staff.get(f"/dashboard/gaps/{TODAY.year}.csv").get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].endswith(",처리일,지역 확장,지역 공백")
    row = next(l for l in lines if l.startswith("대구 독성시험,"))
    assert row.startswith("대구 독성시험,미분류,0,0,0,2,") and row.endswith(",2,대구: 독성시험 (2)")
