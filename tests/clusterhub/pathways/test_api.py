"""The pathways API: templates, a plan with candidates and reasons, create and follow; the OpenAPI document."""
from __future__ import annotations

import re

from openapi_spec_validator import validate

from tests.clusterhub.auth.browser import csrf_token

from .conftest import D1, D2, O1, O2, S1, signed_in


def test_templates_and_a_plan_with_reasons(world):
    client = world.test_client()
    listed = client.get("/api/v1/pathways/templates").json
    assert [t["key"] for t in listed][:6] == ["small_molecule", "antibody", "cell_gene_therapy", "vaccine",
                                              "medical_device", "digital_health"]
    assert client.get("/api/v1/pathways/templates/nope").status_code == 404
    plan = client.get("/api/v1/pathways/templates/small_molecule/plan?start=2027-01-04").json
    assert [st["pick"] for st in plan["stages"]] == [D1, D2, O1, O2]
    first = plan["stages"][0]["candidates"][0]
    assert first["handoff"] == 2 and any(r["text"] == "same complex as the stage GMP production (smart factory)"
                                         for r in first["reasons"])
    assert plan["start"] == "2027-01-04" and plan["stages_on_quotation"] == 2
    picked = client.get(f"/api/v1/pathways/templates/small_molecule/plan?pick_discovery={S1}&skip=clinical").json
    assert picked["stages"][0]["pick"] == S1 and picked["stages"][3]["skipped"]
    bad = client.get("/api/v1/pathways/templates/small_molecule/plan?start=soon")
    assert bad.status_code == 422 and bad.json["errors"][0]["path"] == "start"


def test_create_and_follow(world):
    member = signed_in(world, "member")
    refused = member.post("/api/v1/pathways", json={"template": "small_molecule", "need": "", "budget": "x",
                                                    "consent": False})
    assert refused.status_code == 422
    assert {e["path"] for e in refused.json["errors"]} == {"need", "budget", "consent"}
    made = member.post("/api/v1/pathways", json={"template": "small_molecule", "need": "항암 후보", "budget": "over_200m",
                                                 "consent": True, "skips": ["clinical"], "start": "2027-01-04"})
    assert made.status_code == 201, made.json
    assert [st["key"] for st in made.json["stages"]] == ["discovery", "production", "preclinical"]
    assert [st["start"] for st in made.json["stages"]] == ["2027-01-04", "2027-04-04", "2027-07-03"]
    pathway_id = made.json["id"]
    assert member.get("/api/v1/pathways").json[0]["id"] == pathway_id
    osong = signed_in(world, "osong").get(f"/api/v1/pathways/{pathway_id}").json
    assert osong["stages"][0]["ticket_id"] is None and osong["stages"][2]["ticket_id"] is not None
    assert signed_in(world, "rival").get(f"/api/v1/pathways/{pathway_id}").status_code == 403
    anonymous = world.test_client()
    anonymous.environ_base["HTTP_X_CSRF_TOKEN"] = csrf_token(anonymous)
    assert anonymous.post("/api/v1/pathways", json={}).status_code == 401


def test_the_openapi_document_has_the_pathways_api(world):
    doc = world.test_client().get("/api/v1/openapi.json").json
    validate(doc)
    for rule in world.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/pathways"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)  # <id:pathway_id> -> {pathway_id}
            assert path in doc["paths"], rule.rule
    assert "PathwayPlan" in doc["components"]["schemas"] and "Pathway" in doc["components"]["schemas"]


def test_a_plan_in_the_companys_order(world):
    plan = world.test_client().get("/api/v1/pathways/templates/small_molecule/plan?order=clinical&order=discovery").json
    assert [st["key"] for st in plan["stages"]] == ["clinical", "discovery", "production", "preclinical"]
