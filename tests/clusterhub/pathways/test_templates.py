"""Pathway templates: six shipped, the plan's example among them, checked, versioned and audited."""
from __future__ import annotations

import copy

import pytest

from clusterhub import db
from clusterhub.auth import Principal
from clusterhub.curation import audit
from clusterhub.errors import Forbidden, Invalid
from clusterhub.pathways import templates

CURATOR = Principal(id=1, email="curator@example.org", role="curator")


def test_six_modalities_ship_with_the_plans_example(app):
    with app.app_context(), db.session() as s:
        rows = templates.active(s)
    keys = [r.key for r in rows]
    assert keys[:6] == ["small_molecule", "antibody", "cell_gene_therapy", "vaccine",
                        "medical_device", "digital_health"]
    example = rows[0].data
    assert [st["key"] for st in example["stages"]] == ["discovery", "production", "preclinical", "clinical"]
    assert "마모셋" in example["stages"][2]["concepts"]
    for row in rows:
        for st in row.data["stages"]:
            assert st["title"]["ko"] and st["title"]["en"] and st["handoff"]["ko"] and st["duration_days"] > 0


def test_a_curators_edit_is_versioned_and_audited(app):
    with app.app_context(), db.session() as s:
        data = copy.deepcopy(templates.get(s, "vaccine").data)
        data["stages"][0]["duration_days"] = 200
        row = templates.save(s, CURATOR, "vaccine", data, reason="mRNA takes longer")
        assert row.version == 2
    with app.app_context(), db.session() as s:
        assert templates.get(s, "vaccine").data["stages"][0]["duration_days"] == 200
        [entry] = audit.search(s, action="pathway_template.save")
        assert entry.target == "pathway_template:vaccine" and entry.actor == "curator@example.org"
        assert entry.before["stages"][0]["duration_days"] == 120
        assert entry.after["version"] == 2 and entry.reason == "mRNA takes longer"
        # The seed never overwrites a curated template.
        templates.ensure_seeded(s)
        assert templates.get(s, "vaccine").version == 2


def test_a_broken_template_names_each_wrong_field(app):
    with app.app_context(), db.session() as s:
        data = copy.deepcopy(templates.get(s, "antibody").data)
        data["stages"][1]["categories"] = ["alchemy"]
        data["stages"][2]["duration_days"] = 0
        data["stages"][3]["filters"] = {"regulatory_grade": ["glp"], "colour": ["red"]}
        data["stages"][4]["key"] = "discovery"
        with pytest.raises(Invalid) as caught:
            templates.save(s, CURATOR, "antibody", data)
    paths = {e["path"] for e in caught.value.errors}
    assert paths == {"stages[1].categories[0]", "stages[2].duration_days", "stages[3].filters.colour",
                     "stages[4].key"}


def test_only_curators_edit_templates(app):
    member = Principal(id=2, email="m@example.org", role="member")
    with app.app_context(), db.session() as s:
        data = templates.get(s, "vaccine").data
        with pytest.raises(Forbidden):
            templates.save(s, member, "vaccine", data)


def test_a_curator_edits_a_template_on_its_page(tmp_path):
    import json

    from tests.clusterhub.pathways.conftest import make_world, signed_in

    app = make_world(tmp_path, listings={})
    curator = signed_in(app, "curator")
    page = curator.get("/pathways/vaccine/edit").get_data(as_text=True)
    data = json.loads(page.split('name="data" rows="30" spellcheck="false">', 1)[1].split("</textarea>", 1)[0]
                      .replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<")
                      .replace("&gt;", ">").replace("&#39;", "'"))
    data["stages"][1]["duration_days"] = -5
    refused = curator.post("/pathways/vaccine/edit", data={"data": json.dumps(data)})
    assert refused.status_code == 422 and "stages[1].duration_days" in refused.get_data(as_text=True)
    assert curator.post("/pathways/vaccine/edit", data={"data": "{not json"}).status_code == 422
    data["stages"][1]["duration_days"] = 150
    saved = curator.post("/pathways/vaccine/edit", data={"data": json.dumps(data), "reason": "BSL-3 일정"})
    assert saved.status_code == 303
    with app.app_context(), db.session() as s:
        row = templates.get(s, "vaccine")
        assert row.version == 2 and row.data["stages"][1]["duration_days"] == 150
        assert audit.search(s, action="pathway_template.save")[0].reason == "BSL-3 일정"
    assert signed_in(app, "member").get("/pathways/vaccine/edit").status_code == 403
