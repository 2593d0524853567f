"""Survey averages behind a threshold, the outbox, search logging without personal data, CSV."""
from __future__ import annotations

import sqlalchemy as sa

from clusterhub import db
from clusterhub.inquiries import surveys
from clusterhub.inquiries import search_log
from clusterhub.inquiries.models import SearchLog
from tests.clusterhub.inquiries.conftest import A, EQUIPMENT, signed_in


def _completed_tickets(world, n: int) -> list[int]:
    member, operator = signed_in(world, "member"), signed_in(world, "operator_a")
    ids = []
    for _ in range(n):
        r = member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "분석", "timeline": "6월",
                                                  "budget": "undecided", "consent": True})
        ticket = r.json["tickets"][0]["id"]
        for status in ("reviewing", "in_progress", "completed"):
            body = {"status": status, **({"no_quote": True} if status == "in_progress" else {})}
            assert operator.post(f"/api/v1/tickets/{ticket}/status", json=body).status_code == 200
        ids.append(ticket)
    return ids


def test_averages_appear_from_the_threshold_on(world):
    member = signed_in(world, "member")
    ids = _completed_tickets(world, surveys.MIN_ANSWERS)
    for number, ticket in enumerate(ids):
        body = {"quality": 4, "speed": 3 + (number % 2), "communication": 5}
        assert member.post(f"/api/v1/tickets/{ticket}/survey", json=body).status_code == 200
        page = world.test_client().get(f"/clusters/{A}").get_data(as_text=True)
        shown = "out of 5" in page or "5점 만점" in page
        assert shown == (number + 1 >= surveys.MIN_ANSWERS), number
    listing = world.test_client().get(f"/listings/{EQUIPMENT}").get_data(as_text=True)
    assert "4.0" in listing and "3.4" in listing  # quality, speed averages on the listing page
    cluster = world.test_client().get(f"/clusters/{A}").get_data(as_text=True)
    assert "100%" in cluster  # every ticket answered the same day


def test_notifications_go_to_the_outbox_that_admins_read(world):
    _completed_tickets(world, 1)
    admin = signed_in(world, "admin")
    page = admin.get("/admin/outbox").get_data(as_text=True)
    assert "operator_a@example.org" in page and "member@example.org" in page
    assert signed_in(world, "curator").get("/admin/outbox").status_code == 403


def test_search_logging_keeps_no_person(world):
    member = signed_in(world, "member")
    member.get("/search?q=%20%20Organ-on-CHIP%20%20")
    world.test_client().get("/api/v1/search?q=organ-on-chip&cluster=kmedihub")
    member.get("/search?q=organ-on-chip&partial=1")  # live search keystrokes are not logged
    with world.app_context():
        search_log.flush(db.engine(world))  # searches are written in batches
        columns = {c["name"] for c in sa.inspect(db.engine(world)).get_columns("search_log")}
        with db.session() as s:
            rows = list(s.exec(sa.select(SearchLog.query, SearchLog.results, SearchLog.filters)))
    assert columns == {"id", "query", "filters", "results", "day", "widened"}   # widened: places, words
    assert [r[0] for r in rows] == ["organ-on-chip", "organ-on-chip"]
    assert rows[1][1:] == (0, {"cluster": ["kmedihub"]})
    curator = signed_in(world, "curator")
    csv = curator.get("/dashboard/gaps.csv").get_data(as_text=True)
    assert csv.startswith("\ufeffquery,") and "organ-on-chip,2,0,0" in csv


def test_csv_cells_that_look_like_formulas_are_neutralised(world):
    world.test_client().get("/search?q=" + "%3DHYPERLINK(1)")
    csv = signed_in(world, "curator").get("/dashboard/gaps.csv").get_data(as_text=True)
    assert "'=hyperlink(1)" in csv


def test_the_survey_form_prefills_no_score(world):
    import re
    from clusterhub.inquiries.models import Survey
    from sqlmodel import select
    [ticket] = _completed_tickets(world, 1)
    member = signed_in(world, "member")
    request_id = member.get(f"/api/v1/tickets/{ticket}").json["request_id"]
    page = member.get(f"/my/requests/{request_id}").get_data(as_text=True)
    form = page[page.index('class="need-form survey-form"'):]
    form = form[:form.index("</form>")]
    assert not re.search(r'<option value="[1-5]" selected', form)
    assert form.count('<option value="" selected disabled>') == 3
    r = member.post(f"/tickets/{ticket}/survey", data={"comment": "한 번 클릭"})  # no score chosen
    assert r.status_code == 422
    with world.app_context(), db.session() as s:
        assert s.exec(select(Survey).where(Survey.ticket_id == ticket)).first() is None
