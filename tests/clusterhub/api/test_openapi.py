"""The OpenAPI document says what the API really does: limits, security, the errors it gives."""
from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from tests.clusterhub.auth.browser import add_user, csrf_token, log_in

SESSION_OPERATIONS = [("get", "/api/v1/requests"), ("post", "/api/v1/requests"),
                      ("get", "/api/v1/tickets/{ticket_id}"),
                      ("post", "/api/v1/tickets/{ticket_id}/messages")]


@pytest.fixture
def doc(client):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    return document


def test_the_page_limit_is_declared_and_kept(client, doc):
    page = next(p for p in doc["paths"]["/api/v1/search"]["get"]["parameters"] if p["name"] == "page")
    assert page["schema"]["maximum"] == 1000
    assert client.get("/api/v1/search?page=1001").status_code == 422


def test_the_push_api_declares_its_bearer_scheme(doc):
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    push = doc["paths"]["/api/v1/clusters/{code}/listings"]["post"]
    assert push["security"] == [{"bearer": []}] and "401" in push["responses"]


@pytest.mark.parametrize("method,path", SESSION_OPERATIONS)
def test_session_operations_declare_the_session_401_and_csrf(doc, method, path):
    operation = doc["paths"][path][method]
    assert "401" in operation["responses"]
    if method == "post":
        assert operation["security"] == [{"session": [], "csrf": []}]
        assert "csrf_failed" in operation["responses"]["400"]["description"]
        assert not any(p["name"] == "X-CSRF-Token" for p in operation.get("parameters", []))
    else:
        assert operation["security"] == [{"session": []}]


def test_every_operation_declares_the_400_the_guards_give(doc):
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            assert {"400", "414"} <= set(operation["responses"]), (method, path)


def test_a_post_without_the_csrf_token_is_the_documented_400(client, app, doc):
    add_user(app, "m@example.org", "member", company="한빛제약")
    assert log_in(client, "m@example.org", "correct horse battery").status_code == 302
    r = client.post("/api/v1/requests", json={"listing_ids": []})
    assert r.status_code == 400 and r.json["code"] == "csrf_failed"
    r = client.post("/api/v1/requests", json={"listing_ids": []},
                    headers={"X-CSRF-Token": csrf_token(client, "/account")})
    assert r.status_code == 422


@pytest.mark.parametrize("method,path,allowed", [("DELETE", "/api/v1/search", "GET, HEAD, OPTIONS"),
                                                 ("PUT", "/api/v1/requests", "GET, HEAD, OPTIONS, POST"),
                                                 ("PATCH", "/login", "GET, HEAD, OPTIONS, POST")])
def test_405_names_the_allowed_methods(client, method, path, allowed):
    r = client.open(path, method=method)
    assert r.status_code == 405 and r.headers["Allow"] == allowed


@pytest.mark.parametrize("path,body,field", [
    ("/api/v1/tickets/1/quote-answer", {"decision": "rejected", "reason": -1e7}, "reason"),
    ("/api/v1/tickets/1/status", {"status": 3}, "status"),
    ("/api/v1/tickets/1/messages", {"body": 12}, "body"),
    ("/api/v1/tickets/1/quote", {"amount": "3500000", "valid_until": "2030-01-01"}, "amount"),
    ("/api/v1/tickets/1/survey", {"quality": True, "speed": 4, "communication": 5}, "quality"),
    ("/api/v1/tickets/1/survey", {"quality": 4.5, "speed": 4, "communication": 5}, "quality"),
    ("/api/v1/requests", {"listing_ids": ["a"], "need": "x", "timeline": "y", "budget": "undecided",
                          "consent": 1}, "consent"),
    ("/api/v1/requests", {"listing_ids": [7], "need": "x", "timeline": "y", "budget": "undecided",
                          "consent": True}, "listing_ids[0]"),
    ("/api/v1/tickets/1/messages", {"body": "hi", "extra": "x"}, "extra"),
])
def test_bodies_are_strict_and_name_the_field(client, app, path, body, field):
    add_user(app, "m@example.org", "member", company="한빛제약")
    assert log_in(client, "m@example.org", "correct horse battery").status_code == 302
    r = client.post(path, json=body, headers={"X-CSRF-Token": csrf_token(client, "/account")})
    assert r.status_code == 422, r.json
    assert [e["path"] for e in r.json["errors"]] == [field] and field in r.json["message"]


def test_the_documented_bodies_are_the_ones_read(doc):
    from clusterhub.api import bodies

    for name, schema in bodies.BODIES.items():
        declared = doc["components"]["schemas"][name]
        assert set(declared["properties"]) == set(schema().fields) and not declared["additionalProperties"]
