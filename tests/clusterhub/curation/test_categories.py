"""An unknown source category word is queued; once a curator maps it, the next sync applies it."""
from sqlmodel import select

from clusterhub import db
from clusterhub.curation import categories
from clusterhub.curation.models import AuditEntry
from clusterhub.catalog.models import Listing
from clusterhub.sync import service
from tests.clusterhub.curation.conftest import post

FLAWED = "kmedihub:service:KMH-SV-095"  # its 분야 cell says 융합기타, which kmedihub's words lack


def sync_kmedihub(app):
    """The real connector on its XLSX export (the two pushed samples it lacks are withdrawn)."""
    with app.test_request_context():
        with service.source_base_url() as url:
            report = service.sync_cluster("kmedihub", base_url=url, allow_mass_withdrawal=True)
    assert report.outcome == "succeeded", report.message
    return report


def test_a_mapped_word_is_applied_on_the_next_sync(curated, curator):
    first = sync_kmedihub(curated)
    with curated.app_context(), db.session() as s:
        assert s.get(Listing, FLAWED) is None
        queue = categories.unmapped(s)
    [entry] = [u for u in queue if u["term"] == "융합기타"]
    assert entry["cluster"] == "kmedihub" and len(entry["records"]) == 2
    page = curator.get("/curation/categories").get_data(as_text=True)
    assert "융합기타" in page

    r = post(curator, "/curation/categories/map", cluster="kmedihub", term="융합기타",
             code="biomaterials")
    assert r.status_code == 303
    with curated.app_context(), db.session() as s:
        assert categories.unmapped(s) == []
        [audit] = s.exec(select(AuditEntry).where(AuditEntry.action == "category.map")).all()
        assert audit.after == {"code": "biomaterials"} and audit.before == {"code": None}

    second = sync_kmedihub(curated)
    assert second.counts["errored"] == first.counts["errored"] - 2
    with curated.app_context(), db.session() as s:
        doc = s.get(Listing, FLAWED).document
    assert "biomaterials" in doc["categories"]


def test_an_unknown_code_is_refused(curator):
    r = post(curator, "/curation/categories/map", cluster="kmedihub", term="융합기타", code="magic")
    assert r.status_code == 422


def test_a_word_with_an_apostrophe_is_queued_and_mappable(tmp_path):
    """The unknown word travels in the issue's params, not in its message: "Crohn's" (which
    the message quotes with double quotes) is queued as written, and mapping it takes."""
    import shutil

    from clusterhub.auth.roles import Principal
    from connectors.demo import SAMPLES_DIR
    from tests.conftest import build_app

    folder = tmp_path / "exports" / "gwangju"
    shutil.copytree(SAMPLES_DIR / "gwangju", folder)
    export = folder / "gwangju_equipment.csv"
    lines = export.read_bytes().decode("cp949").split("\r\n" if b"\r\n" in export.read_bytes() else "\n")
    head = lines[0].split(",")
    row = lines[1].split(",")
    row[head.index("분야")] = "Crohn's"
    lines[1] = ",".join(row)
    export.write_bytes(("\r\n" if b"\r\n" in export.read_bytes() else "\n").join(lines).encode("cp949"))
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", CONNECTOR_FILES_DIR=str(tmp_path / "exports"))
    gid = "gwangju:equipment:GJ0001"

    def sync():
        with app.test_request_context():
            return service.sync_cluster("gwangju", base_url=None, allow_mass_withdrawal=True)

    first = sync()
    with app.app_context(), db.session() as s:
        assert s.get(Listing, gid) is None
        [entry] = [u for u in categories.unmapped(s) if u["cluster"] == "gwangju"
                   and u["term"] == "Crohn's"]
        assert entry["field"] == "categories"
        assert not categories.UNKNOWN.search(
            next(i.message for i in first.issues if "Crohn" in i.message))  # the old regex missed it
        curator = Principal(id=1, email="curator@example.org", role="curator")
        categories.map_term(s, curator, "gwangju", "Crohn's", "medical_devices")
    second = sync()
    assert second.counts["errored"] == first.counts["errored"] - 1
    with app.app_context(), db.session() as s:
        assert "medical_devices" in s.get(Listing, gid).document["categories"]
        assert not [u for u in categories.unmapped(s) if u["term"] == "Crohn's"]
    db.engine(app).dispose()


def test_an_operator_asks_the_foundation_to_map_a_word_with_a_note(curated, curator):
    from tests.clusterhub.auth.browser import add_user, csrf_token, log_in

    first = sync_kmedihub(curated)
    add_user(curated, "op@example.org", "operator", password="operator password 1", cluster="kmedihub")
    op = curated.test_client()
    assert log_in(op, "op@example.org", "operator password 1").status_code == 302
    run_page = op.get(f"/operator/kmedihub/runs/{first.run_id}").get_data(as_text=True)
    assert "이 용어의 매핑을 재단에 요청" in run_page
    r = op.post(f"/operator/kmedihub/runs/{first.run_id}/mapping-request",
                data={"csrf_token": csrf_token(op), "field": "categories", "term": "융합기타",
                      "note": "의료기기와 바이오소재가 섞인 융합 분야입니다"})
    assert r.status_code == 303 and "asked=" in r.headers["Location"]
    again = op.get(r.headers["Location"]).get_data(as_text=True)
    assert "재단에 요청했습니다" in again or "요청을 보냈습니다" in again
    queue = curator.get("/curation/categories").get_data(as_text=True)
    assert "의료기기와 바이오소재가 섞인 융합 분야입니다" in queue and "op@example.org" in queue
    with curated.app_context(), db.session() as s:
        [entry] = s.exec(select(AuditEntry).where(AuditEntry.action == "mapping.request")).all()
    assert entry.actor == "op@example.org" and entry.target == "kmedihub:categories:융합기타"
