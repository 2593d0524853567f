"""The pathway pages without JavaScript: templates, the planner, sending, following, hand-offs."""
from __future__ import annotations

import io
import re

from clusterhub import db
from clusterhub.pathways import requests

from .conftest import D1, D2, LISTINGS, O1, O2, OSONG, S1, make_world, signed_in


def _send(client, **extra):
    form = {"pick_discovery": D1, "pick_production": D2, "pick_preclinical": O1, "pick_clinical": O2,
            "start": "2027-01-04", "need": "항암 후보 개발", "budget": "over_200m", "consent": "1", **extra}
    return client.post("/pathways/small_molecule/request", data=form)


def test_the_templates_and_plan_from_here(world):
    client = world.test_client()
    page = client.get("/pathways").get_data(as_text=True)
    assert page.count('class="box"><h2>') == 6 and "저분자 신약" in page
    listing = client.get(f"/listings/{S1}").get_data(as_text=True)
    assert f'href="/pathways?from={S1}"' in listing
    chosen = client.get(f"/pathways?from={S1}").get_data(as_text=True)
    assert "/pathways/small_molecule?from=" in chosen and "/pathways/medical_device" not in chosen
    plan = client.get(f"/pathways/small_molecule?from={S1}").get_data(as_text=True)
    assert re.search(rf'name="pick_discovery" value="{re.escape(S1)}" checked', plan)
    assert 'name="skip" value="discovery" checked' not in plan
    assert "GMP 생산 (스마트공장) 단계와 같은 단지" in plan  # the reasons, in Korean
    assert "소요 기간 30일" in plan and "단계 검색어 5개 중" in plan


def test_the_planner_shows_reasons_timeline_fees_and_gaps(tmp_path):
    without_clinic = {**LISTINGS, OSONG: [d for d in LISTINGS[OSONG] if d["source_id"] != "SV-O2"]}
    app = make_world(tmp_path, without_clinic)
    page = app.test_client().get("/pathways/small_molecule?start=2027-01-04&lang=en").get_data(as_text=True)
    assert 'class="box stage gap"' in page
    assert page.count('type="radio"') == 3 + 1 + 1
    assert "2027-01-04 →" in page


def test_send_follow_and_what_each_side_sees(world):
    member = signed_in(world, "member")
    refused = _send(member, consent="")
    assert refused.status_code == 422
    sent = _send(member)
    assert sent.status_code == 303
    follow = sent.headers["Location"]
    page = member.get(follow).get_data(as_text=True)
    assert page.count('<tr id="row') == 4
    with world.app_context(), db.session() as s:
        pathway_id = int(follow.rsplit("/", 1)[1])
        stages = requests.stages_of(s, pathway_id)
    daegu = signed_in(world, "daegu")
    daegu.post(f"/tickets/{stages[1].ticket_id}/quote", data={"amount": "150000000", "valid_until": "2099-12-31"})
    osong = signed_in(world, "osong").get(follow).get_data(as_text=True)
    assert "150,000,000" not in osong and "₩150,000,000" in member.get(follow).get_data(as_text=True)
    assert signed_in(world, "rival").get(follow).status_code == 403
    ticket_page = daegu.get(f"/tickets/{stages[0].ticket_id}").get_data(as_text=True)
    assert f'href="/pathways/requests/{pathway_id}"' in ticket_page


def test_hand_off_consent_and_completion_through_the_pages(world):
    member = signed_in(world, "member")
    follow = _send(member).headers["Location"]
    pathway_id = int(follow.rsplit("/", 1)[1])
    with world.app_context(), db.session() as s:
        stages = requests.stages_of(s, pathway_id)
    daegu, osong = signed_in(world, "daegu"), signed_in(world, "osong")
    r = daegu.post(f"/pathways/stages/{stages[1].id}/handoff", data={
        "note": "배치 GMP-27-001", "files": (io.BytesIO(b"%PDF-1.4 batch record"), "배치기록.pdf")})
    assert r.status_code == 303
    assert "배치 GMP-27-001" not in osong.get(follow).get_data(as_text=True)
    assert daegu.post(f"/pathways/stages/{stages[1].id}/consent").status_code == 403
    assert member.post(f"/pathways/stages/{stages[1].id}/consent").status_code == 303
    page = osong.get(follow).get_data(as_text=True)
    assert "배치 GMP-27-001" in page
    [link] = re.findall(r'href="(/pathways/files/\d+)"', page)
    got = osong.get(link)  # the next stage's cluster downloads the consented file under its name
    assert got.data == b"%PDF-1.4 batch record" and got.mimetype == "application/pdf"
    assert "filename*=UTF-8''%EB%B0%B0" in got.headers["Content-Disposition"]
    assert member.post(f"/pathways/stages/{stages[3].id}/consent").status_code == 409


def test_the_company_reorders_stages_and_the_tickets_follow(world):
    member = signed_in(world, "member")
    page = member.get("/pathways/small_molecule?start=2027-01-04&pos_discovery=1&pos_production=3"
                      "&pos_preclinical=2&pos_clinical=4").get_data(as_text=True)
    assert [m for m in re.findall(r'id="stage-(\w+)"', page)] == ["discovery", "preclinical", "production", "clinical"]
    assert re.findall(r'name="order" value="(\w+)"', page) == ["discovery", "preclinical", "production", "clinical"]
    follow = _send(member, order=["discovery", "preclinical", "production", "clinical"]).headers["Location"]
    with world.app_context(), db.session() as s:
        stages = requests.stages_of(s, int(follow.rsplit("/", 1)[1]))
    assert [st.stage_key for st in stages] == ["discovery", "preclinical", "production", "clinical"]
