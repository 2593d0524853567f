"""schemathesis against the served OpenAPI document: generated requests to every operation, signed
in as the operation's security asks, give no server error and answer as documented."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from clusterhub import db
from tests.clusterhub.auth.browser import add_user, csrf_token, log_in
from tests.clusterhub.auth.tokens import bearer
from tests.clusterhub.web.conftest import load_corpus
from tests.conftest import build_app

PASSWORD = "correct horse battery"
# Conformance: status codes, content types, headers and bodies as documented; never a 5xx.
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance,
          checks.negative_data_rejection]
# Bounded: a few examples per operation, no shrinking (a failure is reported as first found).
# No Hypothesis deadline: the suite never asserts on timings (the machine is shared).
BOUNDED = settings(max_examples=8, deadline=None, database=None, derandomize=True,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    app = build_app(tmp, f"sqlite:///{tmp / 'catalog.db'}", SYNC_IN_BACKGROUND=False)
    load_corpus(app)
    signed_in = {}
    for email, role, extra in (("member@example.org", "member", {"company": "한빛제약"}),
                               ("operator@example.org", "operator", {"cluster": "kmedihub"})):
        add_user(app, email, role, password=PASSWORD, **extra)
        client = app.test_client()
        assert log_in(client, email, PASSWORD).status_code == 302
        token = csrf_token(client, "/account")  # made after login, so the cookie is read after it
        signed_in[role] = {"cookies": {"session": client.get_cookie("session").value},
                           "headers": {"X-CSRF-Token": token}}
    signed_in["bearer"] = {"headers": bearer(app, "kmedihub"), "cookies": {}}
    member = signed_in["member"]  # request 1 with ticket 1 (the documented example ids) exist
    sent = app.test_client()
    sent.set_cookie("session", member["cookies"]["session"])
    r = sent.post("/api/v1/requests", headers=member["headers"], json={
        "listing_ids": ["kmedihub:equipment:EQ-001"], "need": "LC-MS 분석", "timeline": "6월",
        "budget": "undecided", "consent": True})
    assert r.status_code == 201 and r.json["id"] == 1 and r.json["tickets"][0]["id"] == 1, r.json
    yield app, signed_in
    db.engine(app).dispose()


def _credentials(operation, signed_in) -> dict:
    security = {name for requirement in operation.definition.raw.get("security", [])
                for name in requirement}
    if "bearer" in security:
        return signed_in["bearer"]
    if "session" in security:
        return signed_in["operator" if operation.path.startswith("/api/v1/tickets") else "member"]
    return {"headers": {}, "cookies": {}}


def test_every_operation_keeps_to_the_document(world):
    app, signed_in = world
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        auth = _credentials(operation, signed_in)

        @given(case=operation.as_strategy())
        @BOUNDED
        def run(case):
            case.headers = {**(case.headers or {}), **auth["headers"]}
            case.cookies = {**(case.cookies or {}), **auth["cookies"]}
            if "code" in (case.path_parameters or {}):
                case.path_parameters["code"] = "kmedihub"  # the cluster the token is for
            try:
                case.call_and_validate(checks=CHECKS)
            except BaseException as exc:  # noqa: BLE001  (collect every operation's failure)
                failures.append(f"{operation.label}: {exc}")

        run()
    assert operations >= 13
    assert not failures, "\n\n".join(failures[:10])
