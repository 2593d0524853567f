"""Survey campaigns: staff create and send them; invitees answer once through a link that needs no
login; a link that is forged, for another campaign, already used, replaced or past closing is refused;
results show the response rate, counts, NPS and a CSV."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from sqlmodel import select

from clusterhub import db
from clusterhub.auth.models import User
from clusterhub.inquiries.models import OutboxMail, SurveyInvitation, SurveyResponse
from tests.clusterhub.auth.browser import csrf_token
from tests.clusterhub.inquiries.conftest import EQUIPMENT, signed_in

QUESTIONS = "\n".join([
    "likert | 서비스 품질에 만족하십니까? | Are you satisfied with the quality?",
    "choice | 가장 필요한 분야 | Most needed field | 독성시험/toxicology; 분석/analysis; 임상/clinical",
    "nps | 재단을 추천하시겠습니까? | Would you recommend us?",
    "text | 바라는 점 | Anything else?",
])
CLOSES = (date.today() + timedelta(days=14)).isoformat()
LINK = re.compile(r"http://localhost(/s/\d+/\S+)")


def create(staff, **overrides):
    form = {"title_ko": "2026 하반기 만족도 조사", "title_en": "Satisfaction survey H2 2026",
            "questions": QUESTIONS, "audience": "all", "closes_on": CLOSES, **overrides}
    r = staff.post("/surveys", data=form)
    assert r.status_code == 303, r.get_data(as_text=True)[:2000]
    return int(r.headers["Location"].rsplit("/", 1)[1])


def links(world, campaign_id) -> dict[str, str]:
    """{e-mail: path of the newest one-time link} from the outbox."""
    with world.app_context(), db.session() as s:
        found = {}
        for m in s.exec(select(OutboxMail).order_by(OutboxMail.id)):
            hit = LINK.search(m.body)
            if hit and hit.group(1).startswith(f"/s/{campaign_id}/"):
                found[m.to] = hit.group(1)
        return found


def sent_campaign(world):
    staff = signed_in(world, "curator")
    campaign = create(staff)
    assert staff.post(f"/surveys/{campaign}/send").status_code == 303
    return staff, campaign, links(world, campaign)


def visitor(world):
    """A browser with no account: its session's CSRF token comes from a form, as it would."""
    client = world.test_client()
    client.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_token(client)
    return client


ANSWERS = {"q1": "4", "q2": "0", "q3": "9", "q4": "더 많은 GLP 시설"}


def test_a_link_answers_once_without_login_and_results_count_it(world):
    staff, campaign, sent = sent_campaign(world)
    assert sorted(sent) == ["member@example.org", "rival@example.org"]  # the audience: all members
    anonymous = visitor(world)
    form = anonymous.get(sent["member@example.org"])
    assert form.status_code == 200 and "서비스 품질에 만족하십니까?" in form.get_data(as_text=True)
    assert 'checked' not in form.get_data(as_text=True)  # nothing pre-filled
    assert anonymous.post(sent["member@example.org"], data={"q4": "점수 없이"}).status_code == 422
    r = anonymous.post(sent["member@example.org"], data=ANSWERS)
    assert r.status_code == 200 and "survey-thanks" in r.get_data(as_text=True)
    again = anonymous.post(sent["member@example.org"], data=ANSWERS)
    assert again.status_code == 409 and "survey-refused" in again.get_data(as_text=True)  # reused
    with world.app_context(), db.session() as s:
        assert len(list(s.exec(select(SurveyResponse)))) == 1
        stored = s.exec(select(SurveyInvitation)).all()
        assert all(len(i.token_hash) == 64 for i in stored)
        assert not any(i.token_hash in p for p in sent.values() for i in stored)  # only the hash is kept

    page = staff.get(f"/surveys/{campaign}").get_data(as_text=True)
    assert "50%" in page and "NPS 100" in page and "더 많은 GLP 시설" in page
    csv = staff.get(f"/surveys/{campaign}.csv").get_data(as_text=True)
    assert "독성시험" in csv and "member@example.org" not in csv


def test_a_link_for_another_campaign_or_forged_is_refused(world):
    staff, first, sent = sent_campaign(world)
    second = create(staff, title_ko="수요 조사")
    token = sent["member@example.org"].rsplit("/", 1)[1]
    anonymous = visitor(world)
    r = anonymous.get(f"/s/{second}/{token}")
    assert r.status_code == 403 and "survey-refused" in r.get_data(as_text=True)
    assert anonymous.post(f"/s/{second}/{token}", data=ANSWERS).status_code == 403
    assert anonymous.get(f"/s/{first}/{token[:-2]}xx").status_code == 403  # the signature fails
    assert anonymous.get(f"/s/{first}/{token}").status_code == 200  # still good for its own campaign


def test_an_expired_link_and_a_replaced_one_are_refused(world):
    staff, campaign, sent = sent_campaign(world)
    old = sent["rival@example.org"]
    assert staff.post(f"/surveys/{campaign}/remind").status_code == 303
    new = links(world, campaign)["rival@example.org"]
    anonymous = visitor(world)
    assert new != old and anonymous.get(old).status_code == 403  # a reminder replaces the link
    assert anonymous.get(new).status_code == 200
    with world.app_context(), db.session() as s:
        from clusterhub.inquiries.models import SurveyCampaign
        row = s.get(SurveyCampaign, campaign)
        row.closes_on = date.today() - timedelta(days=2)
        s.add(row)
    r = anonymous.post(new, data=ANSWERS)
    assert r.status_code == 409 and "survey-refused" in r.get_data(as_text=True)


def test_audiences_cluster_users_and_never_requested(world):
    member = signed_in(world, "member")  # signs in: last_login_at is set
    signed_in(world, "rival")
    member.post("/api/v1/requests", json={"listing_ids": [EQUIPMENT], "need": "분석", "timeline": "6월",
                                          "budget": "undecided", "consent": True})
    staff = signed_in(world, "curator")
    today = date.today()
    users = create(staff, audience="cluster", cluster="kmedihub", period_from=(today - timedelta(days=30)).isoformat(),
                   period_to=(today + timedelta(days=1)).isoformat())
    staff.post(f"/surveys/{users}/send")
    assert sorted(links(world, users)) == ["member@example.org"]
    never = create(staff, audience="no_request")
    staff.post(f"/surveys/{never}/send")
    assert sorted(links(world, never)) == ["rival@example.org"]
    wrong = staff.post("/surveys", data={"title_ko": "x", "questions": "rating | 질문", "audience": "cluster",
                                         "closes_on": CLOSES})
    assert wrong.status_code == 422


def test_only_staff_manage_campaigns(world):
    assert signed_in(world, "member").get("/surveys").status_code == 403
    assert signed_in(world, "operator_a").post("/surveys", data={}).status_code == 403
