"""Satisfaction averages of a listing and of a cluster, on SQLite and PostgreSQL: a listing counts
the surveys of tickets that name it, and no other listing whose id merely contains its id."""
from __future__ import annotations

from clusterhub import db
from clusterhub.auth.models import User
from clusterhub.inquiries import surveys
from clusterhub.inquiries.models import InquiryRequest, Survey, Ticket
from tests.conftest import build_app

LISTING = "kmedihub:svc-10"


def test_a_listing_averages_only_the_surveys_of_tickets_that_name_it(tmp_path, database_url):
    app = build_app(tmp_path, database_url)
    tickets = ([[LISTING, "kmedihub:eq-7"]] * 3 + [[LISTING]] * 2     # 5 name it
               + [["kmedihub:svc-100"], ["kmedihub:svc-1"], ["오송:장비-1"]])
    with app.app_context(), db.session() as s:
        user = User(email="company@example.kr")
        s.add(user)
        s.flush()
        request = InquiryRequest(user_id=user.id, need="GLP 독성시험")
        s.add(request)
        s.flush()
        for number, ids in enumerate(tickets):
            ticket = Ticket(request_id=request.id, cluster="kmedihub", listing_ids=ids)
            s.add(ticket)
            s.flush()
            scores = (5, 4, 3) if LISTING in ids else (1, 1, 1)
            s.add(Survey(ticket_id=ticket.id, quality=scores[0], speed=scores[1] - number % 2,
                         communication=scores[2]))
        s.commit()
        listing = surveys.averages(s, listing_id=LISTING)
        korean = surveys.averages(s, listing_id="오송:장비-1")
        cluster = surveys.averages(s, cluster="kmedihub")
    assert listing == {"n": 5, "quality": 5.0, "speed": 3.6, "communication": 3.0}
    assert korean is None  # one survey: below the threshold, however stored
    assert cluster["n"] == 8 and cluster["quality"] == round((5 * 5 + 3) / 8, 1)
    with app.app_context(), db.session() as s:
        for _ in range(4):
            ticket = Ticket(request_id=request.id, cluster="kmedihub", listing_ids=["오송:장비-1"])
            s.add(ticket)
            s.flush()
            s.add(Survey(ticket_id=ticket.id, quality=2, speed=2, communication=2))
        s.commit()
        assert surveys.averages(s, listing_id="오송:장비-1")["n"] == 5  # a non-ASCII id is found too
    db.engine(app).dispose()
