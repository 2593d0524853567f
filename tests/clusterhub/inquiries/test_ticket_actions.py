"""One ticket-action service behind the ticket pages and the API: the same actions, refused alike."""
from __future__ import annotations

from clusterhub.inquiries import ticket_actions
from tests.clusterhub.inquiries.conftest import signed_in
from tests.clusterhub.inquiries.test_quote_answer import quoted_ticket


def test_the_page_and_the_api_offer_the_same_ticket_actions(world):
    posts = {r.rule for r in world.url_map.iter_rules() if "POST" in r.methods}
    for name in ticket_actions.ACTIONS:
        assert f"/tickets/<id:ticket_id>/{name}" in posts
        assert f"/api/v1/tickets/<id:ticket_id>/{name}" in posts


def test_a_refusal_is_the_same_on_the_page_and_in_the_api(world):
    member, operator, _request_id, ticket = quoted_ticket(world)
    outsider = signed_in(world, "operator_b")
    before = member.get(f"/api/v1/tickets/{ticket}").json
    refused = [(member, "status", {"status": "in_progress", "no_quote": "1"},
                {"status": "in_progress", "no_quote": True}, 403),
               (outsider, "quote", {"amount": "1000", "valid_until": "2099-12-31"},
                {"amount": 1000, "valid_until": "2099-12-31"}, 403),
               (operator, "status", {"status": "in_progress"}, {"status": "in_progress"}, 409),  # not accepted yet
               (member, "quote-answer", {"decision": "rejected"}, {"decision": "rejected"}, 422)]  # no reason
    for client, action, form, body, status in refused:
        page = client.post(f"/tickets/{ticket}/{action}", data=form)
        api = client.post(f"/api/v1/tickets/{ticket}/{action}", json=body)
        assert page.status_code == api.status_code == status, (action, page.status_code, api.json)
    after = member.get(f"/api/v1/tickets/{ticket}").json
    assert after == before and after["status"] == "quoted"  # nothing refused was recorded
