"""Every route of the app against every role, with the expected status.

The routes come from app.url_map, so a new route without an entry in MATRIX fails here: add one.
Each request runs on a fresh copy of the same database, so no request sees another one's effects.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import pytest
from flask import url_for

from clusterhub import db
from clusterhub.db import make_engine
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.auth.tokens import bearer
from tests.conftest import build_app
from tests.schemas.samples import equipment

ROLES = ("anonymous", "member", "operator_a", "operator_b", "curator", "admin")
A, B = "kmedihub", "kbiohealth"  # operator_a runs A, operator_b runs B
LISTING = f"{A}:equipment:EQ-MATRIX"
PASSWORD = "matrix password 1"


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict[str, int]:
    """Any signed-in user; anonymous visitors are sent to the login page."""
    return {**every(status), "anonymous": 302}


def only(allowed: dict[str, int]) -> dict[str, int]:
    """The roles in allowed get their status, the other signed-in roles 403, anonymous 302."""
    return {**signed_in(403), **allowed}


@dataclass(frozen=True)
class Check:
    expect: dict[str, int]
    args: dict = field(default_factory=dict)
    data: dict | None = None  # form fields of a POST (the session's CSRF token is added)
    query: str = ""


MATRIX: dict[str, dict[str, Check]] = {
    "static": {"GET": Check(every(200), {"filename": "css/site.css"})},
    "home.index": {"GET": Check(every(200))},
    "health.healthz": {"GET": Check(every(200))},
    "schema_docs.schema": {"GET": Check(every(200), {"name": "equipment"})},
    "i18n.switch": {"GET": Check(every(302), {"code": "en"})},
    # Catalog pages and the read API are public.
    "search.page": {"GET": Check(every(200), query="q=LC-MS")},
    "needs.submit": {"POST": Check(every(303), data={"q": "organ-on-chip", "description": "장기칩 평가"})},
    "needs.thanks": {"GET": Check(every(200), query="q=organ-on-chip")},
    "export.results": {"GET": Check(every(200), {"fmt": "csv"})},
    "listings.show": {"GET": Check(every(200), {"listing_id": LISTING})},
    "clusters.directory": {"GET": Check(every(200))},
    "clusters.show": {"GET": Check(every(200), {"code": A})},
    "api.search": {"GET": Check(every(200))},
    "api.listing": {"GET": Check(every(200), {"listing_id": LISTING})},
    "api.cluster_list": {"GET": Check(every(200))},
    "api.vocabulary_list": {"GET": Check(every(200))},
    "api.openapi": {"GET": Check(every(200))},
    # Machine endpoints: a session is no credential there.
    "api.push_listings": {"POST": Check(every(401), {"code": A}, {})},
    "oauth.token": {"POST": Check(every(401), data={"grant_type": "client_credentials"})},
    # Login and account.
    "auth.login": {"GET": Check(every(200))},
    "auth.login_post": {"POST": Check(every(401), data={"email": "nobody@example.org",
                                                        "password": "wrong password"})},
    "auth.logout": {"POST": Check(every(302), data={})},
    "auth.oidc_login": {"GET": Check(every(404))},  # no OIDC_ISSUER here: tests/clusterhub/auth
    "auth.oidc_callback": {"GET": Check(every(404), query="code=x&state=y")},
    "auth.account": {"GET": Check(signed_in(200))},
    "auth.account_language": {"POST": Check(signed_in(302), data={"language": "en"})},
    # Administration of users.
    "users.index": {"GET": Check(only({"admin": 200}))},
    "users.create": {"POST": Check(only({"admin": 302}), data={"email": "new@example.org",
                                                                "role": "member"})},
    "users.update": {"POST": Check(only({"admin": 302}), {"user_id": 2},
                                   data={"role": "curator", "active": "1"})},
    # Connector credentials: admins everywhere, operators for their own cluster only.
    "credentials.index": {"GET": Check(only({"admin": 200, "operator_a": 302, "operator_b": 302}))},
    "credentials.cluster": {"GET": Check(only({"admin": 200, "operator_a": 200}), {"code": A})},
    "credentials.issue": {"POST": Check(only({"admin": 201, "operator_b": 201}), {"code": B}, {})},
    "credentials.rotate": {"POST": Check(only({"admin": 200, "operator_a": 200}), {"code": A}, {})},
    "credentials.revoke": {"POST": Check(only({"admin": 302, "operator_a": 302}), {"code": A}, {})},
    # Curation console (issue 7): curators and admins.
    **{f"curator.{name}": {"GET": Check(only({"curator": 200, "admin": 200}), args)}
       for name, args in (("index", {}), ("listing", {"listing_id": LISTING}), ("duplicates", {}),
                          ("audit_log", {}), ("audit_csv", {}), ("categories_page", {}),
                          ("thesaurus_page", {}))},
    "curator.save_thesaurus": {"POST": Check(only({"curator": 303, "admin": 303}), data={
        "key": "matrix_terms", "ko": "행렬", "en": "matrix"})},
    "curator.review_policy": {"POST": Check(only({"curator": 303, "admin": 303}), {"code": A},
                                            {"requires_review": "0"})},
    "curator.map_category": {"POST": Check(only({"curator": 303, "admin": 303}), data={
        "cluster": A, "term": "융합기타", "code": "biomaterials"})},
    **{f"curator.{name}": {"POST": Check(only({"curator": status, "admin": status}),
                                         {"listing_id": LISTING}, data)}
       for name, status, data in (
           ("override", 303, {"field": "title.ko", "value": "새 제목", "reason": "확인"}),
           ("clear", 404, {"field": "title.ko"}), ("acknowledge", 404, {"field": "title.ko"}),
           ("flag", 303, {"action": "hide", "reason": "시험", "confirm": "1"}), ("reviewed", 303, {}),
           ("merge", 422, {"canonical": LISTING}), ("unmerge", 404, {}))},
    "curator.field_form": {"GET": Check(only({"curator": 200, "admin": 200}),
                                        {"listing_id": LISTING, "path": "year_acquired"})},
    "curator.save_field": {"POST": Check(only({"curator": 303, "admin": 303}),
                                         {"listing_id": LISTING, "path": "year_acquired"},
                                         {"value": "2020", "reason": "확인"})},
    "curator.compare": {"GET": Check(only({"curator": 200, "admin": 200}),
                                     query=f"a={LISTING}&b={LISTING}")},
    "curator.merge_pair": {"POST": Check(only({"curator": 422, "admin": 422}),
                                         data={"a": LISTING, "b": LISTING, "confirm": "1"})},
    "curator.dismiss_pair": {"POST": Check(only({"curator": 422, "admin": 422}),
                                           data={"a": LISTING, "b": LISTING})},
    # Operator console (issue 7): the cluster's operators and admins; B's operator gets 403 on A.
    "operator.index": {"GET": Check(only({"admin": 200, "operator_a": 302, "operator_b": 302}))},
    "operator.console": {"GET": Check(only({"admin": 200, "operator_a": 200}), {"code": A})},
    # A cluster's source: its operators see it, only admins change it.
    "operator.source": {"GET": Check(only({"admin": 200, "operator_a": 200}), {"code": A})},
    "operator.save_source": {"POST": Check(only({"admin": 303}), {"code": A}, {})},
    "operator.sync": {"POST": Check(only({"admin": 303, "operator_a": 303}), {"code": A},
                                    {"dry_run": "1"})},
    "operator.run": {"GET": Check(only({"admin": 200, "operator_a": 200}), {"code": A, "run_id": 1})},
    # Cancelling a sync: its operators, curators and admins (run 1 has ended: 409 for them).
    "operator.cancel": {"POST": Check(only({"admin": 409, "operator_a": 409, "curator": 409}),
                                      {"code": A, "run_id": 1}, {})},
    "operator.issues_csv": {"GET": Check(only({"admin": 200, "operator_a": 200}),
                                         {"code": A, "run_id": 1})},
    "operator.ask_mapping": {"POST": Check(only({"admin": 303, "operator_a": 303}),
                                           {"code": A, "run_id": 1},
                                           {"field": "categories", "term": "융합기타", "note": "의료기기 융합"})},
    # Requests (issue 8): the basket is the visitor's; tickets need a side (no tickets exist here).
    "inquiries.show_basket": {"GET": Check(every(200))},
    "inquiries.add": {"POST": Check(every(303), data={"listing_id": LISTING})},
    "inquiries.remove": {"POST": Check(every(303), data={"listing_id": LISTING})},
    "inquiries.send": {"POST": Check(only({"member": 422, "admin": 422}), data={"need": "x"})},
    "inquiries.mine": {"GET": Check(only({"member": 200, "admin": 200}))},
    "inquiries.request_page": {"GET": Check(signed_in(404), {"request_id": 1})},
    "inquiries.attachment": {"GET": Check(signed_in(404), {"attachment_id": 1})},
    "inquiries.survey": {"POST": Check(signed_in(404), {"ticket_id": 1}, {"quality": "5"})},
    "inquiries.quote_answer": {"POST": Check(signed_in(404), {"ticket_id": 1}, {"decision": "accepted"})},
    # Curators answer as the intake desk of clusters without an operator (issue 16).
    "inbox.index": {"GET": Check(only({"operator_a": 200, "operator_b": 200, "curator": 200, "admin": 200}))},
    "inbox.ticket": {"GET": Check(signed_in(404), {"ticket_id": 1})},
    **{f"inbox.{name}": {"POST": Check(signed_in(404), {"ticket_id": 1}, {})}
       for name in ("status", "quote", "message")},
    "dashboard.index": {"GET": Check(only({"curator": 200, "admin": 200}))},
    "dashboard.csv_table": {"GET": Check(only({"curator": 200, "admin": 200}), {"name": "gaps"})},
    "dashboard.outbox": {"GET": Check(only({"admin": 200}))},
    "api.request_create": {"POST": Check({**every(403), "anonymous": 401, "member": 422, "admin": 422},
                                         data={})},
    "api.request_list": {"GET": Check({**every(403), "anonymous": 401, "member": 200, "admin": 200})},
    "api.request_get": {"GET": Check({**every(404), "anonymous": 401}, {"request_id": 1})},
    "api.ticket_list": {"GET": Check({**every(403), "anonymous": 401, "operator_a": 200,
                                      "operator_b": 200, "admin": 200})},
    "api.ticket_get": {"GET": Check({**every(404), "anonymous": 401}, {"ticket_id": 1})},
    **{f"api.ticket_{name}": {"POST": Check({**every(422), "anonymous": 401}, {"ticket_id": 1}, {})}
       for name in ("status", "quote", "message", "survey", "quote_answer")},
    # Reservations (issue 15): the calendar is public; a reservation is its company's and its cluster's.
    "reservations.new": {"GET": Check(every(200), {"listing_id": LISTING})},
    "reservations.ask": {"POST": Check(only({"member": 422, "admin": 422}), {"listing_id": LISTING}, {})},
    "reservations.show": {"GET": Check(signed_in(404), {"reservation_id": 1})},
    "reservations.act": {"POST": Check(signed_in(404), {"reservation_id": 1, "action": "confirm"}, {})},
    "reservations.mine": {"GET": Check(only({"member": 200, "admin": 200}))},
    "reservations.cluster_list": {"GET": Check(only({"operator_a": 200, "operator_b": 200, "admin": 200}))},
    "reservations.manage": {"GET": Check(only({"operator_a": 200, "admin": 200}), {"listing_id": LISTING})},
    "reservations.add_block": {"POST": Check(only({"operator_a": 303, "admin": 303}), {"listing_id": LISTING}, {
        "first": "2030-01-07", "last": "2030-01-07", "start_hour": "9", "end_hour": "10", "kind": "maintenance"})},
    "reservations.remove_block": {"POST": Check(only({"operator_a": 404, "operator_b": 404, "admin": 404}),
                                                {"listing_id": LISTING, "block_id": 1}, {})},
    "reservations.statement_page": {"GET": Check(signed_in(404), {"ticket_id": 1})},
    "reservations.statement_csv": {"GET": Check(signed_in(404), {"ticket_id": 1})},
    "reservations.statement_pdf": {"GET": Check(signed_in(404), {"ticket_id": 1})},
    "reservations.accept_statement": {"POST": Check(signed_in(404), {"ticket_id": 1}, {})},
    "reservations.my_month": {"GET": Check(only({"member": 200, "admin": 200}))},
    "reservations.cluster_month": {"GET": Check(only({"operator_a": 200, "operator_b": 200, "admin": 200}))},
    "reservations.rules_page": {"GET": Check(only({"operator_a": 200, "operator_b": 200, "admin": 200}))},
    "reservations.rules_save": {"POST": Check(only({"operator_a": 303, "operator_b": 303, "admin": 303}), data={
        "cluster": A, "open_hour": "8", "close_hour": "20", "cancel_days": "3", "sme_discount_pct": "30"})},
    "api.calendar_read": {"GET": Check(every(200), {"listing_id": LISTING})},
    "api.reservation_create": {"POST": Check({**every(403), "anonymous": 401, "member": 422, "admin": 422}, {}, {})},
    "api.reservation_list": {"GET": Check({**every(200), "anonymous": 401, "curator": 403})},
    "api.reservation_get": {"GET": Check({**every(404), "anonymous": 401}, {"reservation_id": 1})},
    "api.reservation_act": {"POST": Check({**every(422), "anonymous": 401}, {"reservation_id": 1, "action": "confirm"}, {})},
    "api.statement_get": {"GET": Check({**every(404), "anonymous": 401}, {"ticket_id": 1})},
    "api.statement_accept": {"POST": Check({**every(404), "anonymous": 401}, {"ticket_id": 1}, {})},
    "api.statement_month": {"GET": Check({**every(200), "anonymous": 401, "curator": 403})},
    # Development pathways (issue 13): planning is public; requests are the company's; hand-offs
    # are their stages' parties'; coordination and template editing are the foundation's.
    "pathways.index": {"GET": Check(every(200))},
    "pathways.plan": {"GET": Check(every(200), {"key": "small_molecule"})},
    "pathways.send": {"POST": Check(only({"member": 422, "admin": 422}), {"key": "small_molecule"}, {})},
    "pathways.mine": {"GET": Check(only({"member": 200, "admin": 200}))},
    "pathways.follow": {"GET": Check(signed_in(404), {"pathway_id": 1})},
    "pathways.add_handoff": {"POST": Check(signed_in(404), {"stage_id": 1}, {})},
    "pathways.consent": {"POST": Check(signed_in(404), {"stage_id": 1}, {})},
    "pathways.revise_end": {"POST": Check(signed_in(404), {"stage_id": 1}, {})},
    "pathways.handoff_file": {"GET": Check(signed_in(404), {"file_id": 1})},
    "pathways.coordinate": {"GET": Check(only({"curator": 200, "admin": 200}))},
    "pathways.message_all": {"POST": Check(only({"curator": 404, "admin": 404}), {"pathway_id": 1}, {})},
    "pathways.edit": {"GET": Check(only({"curator": 200, "admin": 200}), {"key": "small_molecule"})},
    "pathways.save": {"POST": Check(only({"curator": 422, "admin": 422}), {"key": "small_molecule"}, {})},
    "pathways_api.template_list": {"GET": Check(every(200))},
    "pathways_api.template_show": {"GET": Check(every(200), {"key": "small_molecule"})},
    "pathways_api.plan": {"GET": Check(every(200), {"key": "small_molecule"})},
    "pathways_api.create": {"POST": Check({**every(403), "anonymous": 401, "member": 422, "admin": 422}, {}, {})},
    "pathways_api.mine": {"GET": Check({**every(403), "anonymous": 401, "member": 200, "admin": 200})},
    "pathways_api.follow": {"GET": Check({**every(404), "anonymous": 401}, {"pathway_id": 1})},
    # Search as you type: public suggestions.
    "api.suggest_list": {"GET": Check(every(200), query="q=%EC%A7%88%EB%9F%89")},
    # Survey campaigns and gap triage are the foundation's; a survey link needs no login, only
    # a valid one-time token (issue 16).
    "campaigns.index": {"GET": Check(only({"curator": 200, "admin": 200}))},
    "campaigns.new": {"GET": Check(only({"curator": 200, "admin": 200}))},
    "campaigns.create": {"POST": Check(only({"curator": 422, "admin": 422}), data={})},
    "campaigns.show": {"GET": Check(only({"curator": 404, "admin": 404}), {"campaign_id": 1})},
    "campaigns.send": {"POST": Check(only({"curator": 404, "admin": 404}), {"campaign_id": 1}, {})},
    "campaigns.remind": {"POST": Check(only({"curator": 404, "admin": 404}), {"campaign_id": 1}, {})},
    "campaigns.csv_export": {"GET": Check(only({"curator": 404, "admin": 404}), {"campaign_id": 1})},
    "campaigns.respond": {"GET": Check(every(403), {"campaign_id": 1, "token": "forged"}),
                          "POST": Check(every(403), {"campaign_id": 1, "token": "forged"}, {})},
    "gaps.index": {"GET": Check(only({"curator": 200, "admin": 200}))},
    "gaps.triage": {"POST": Check(only({"curator": 422, "admin": 422}), data={})},
    "gaps.report": {"GET": Check(only({"curator": 200, "admin": 200}), {"year": 2026})},
}


def routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The app, one signed-in session cookie per role, and the template database to copy."""
    tmp = tmp_path_factory.mktemp("matrix")
    template = tmp / "template.db"
    # Each check swaps in a fresh copy of the database: a sync started from the operator console
    # runs inside its request here, so no background thread outlives its check's database.
    app = build_app(tmp, f"sqlite:///{template}", SYNC_IN_BACKGROUND=False)
    add_user(app, "member@example.org", "member", password=PASSWORD, company="한빛제약")  # user id 1
    add_user(app, "operator_a@example.org", "operator", password=PASSWORD, cluster=A)
    add_user(app, "operator_b@example.org", "operator", password=PASSWORD, cluster=B)
    add_user(app, "curator@example.org", "curator", password=PASSWORD)
    add_user(app, "admin@example.org", "admin", password=PASSWORD)
    push = app.test_client().post(f"/api/v1/clusters/{A}/listings", headers=bearer(app, A),
                                  json={"listings": [equipment(source_id="EQ-MATRIX")]})
    assert push.status_code == 200, push.json  # also gives cluster A live credentials
    sessions = {}
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            assert log_in(client, f"{role}@example.org", PASSWORD).status_code == 302
        token = csrf_token(client)
        sessions[role] = (client.get_cookie("session").value, token)
    db.engine(app).dispose()
    yield app, sessions, template
    db.engine(app).dispose()


def _fresh_database(app, template, target) -> None:
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    db.engine(app).dispose()
    app.extensions[db.EXTENSION] = make_engine(f"sqlite:///{target}")


def test_every_route_has_an_entry(world):
    app = world[0]
    listed = {(endpoint, method) for endpoint, methods in MATRIX.items() for method in methods}
    missing = sorted(routes(app) - listed)
    assert not missing, f"routes without an entry in MATRIX (add them): {missing}"
    assert not sorted(listed - routes(app)), "MATRIX lists routes the app no longer has"
    for endpoint, methods in MATRIX.items():
        for method, check in methods.items():
            assert set(check.expect) == set(ROLES), (endpoint, method)


def test_every_route_answers_every_role_as_expected(world, tmp_path):
    app, sessions, template = world
    wrong = []
    for number, (endpoint, method) in enumerate(sorted(routes(app))):
        check = MATRIX.get(endpoint, {}).get(method)
        if check is None:
            wrong.append(f"{method} {endpoint}: no entry in MATRIX")
            continue
        with app.test_request_context():
            url = url_for(endpoint, **check.args)
        if check.query:
            url += "?" + check.query
        for role in ROLES:
            _fresh_database(app, template, tmp_path / f"{number}-{role}.db")
            cookie, token = sessions[role]
            client = app.test_client()
            client.set_cookie("session", cookie)
            data = None if check.data is None else {**check.data, "csrf_token": token}
            status = client.open(url, method=method, data=data).status_code
            if status != check.expect[role]:
                wrong.append(f"{method} {url} as {role}: {status}, expected {check.expect[role]}")
    assert not wrong, "\n".join(wrong)
