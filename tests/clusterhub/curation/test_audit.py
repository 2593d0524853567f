"""Every curation action writes an audit entry; the log filters and exports as safe CSV."""
import csv
import io

from sqlmodel import select

from clusterhub import db
from clusterhub.curation.models import AuditEntry
from tests.clusterhub.curation.conftest import LISTING, TWIN, post

ACTIONS = [
    (f"/curation/listings/{LISTING}/override", {"field": "title.ko", "value": "=cmd|' /C calc'!A0",
                                                "reason": "=HYPERLINK(\"x\") 시험"}, "override.set"),
    (f"/curation/listings/{LISTING}/override/clear", {"field": "title.ko"}, "override.clear"),
    (f"/curation/listings/{LISTING}/flag", {"action": "hide", "reason": "폐기", "confirm": "1"}, "listing.hide"),
    (f"/curation/listings/{LISTING}/flag", {"action": "unhide"}, "listing.unhide"),
    (f"/curation/listings/{LISTING}/flag", {"action": "feature", "reason": "대표", "confirm": "1"}, "listing.feature"),
    (f"/curation/listings/{TWIN}/merge", {"canonical": LISTING}, "listing.merge"),
    (f"/curation/listings/{TWIN}/unmerge", {}, "listing.unmerge"),
    (f"/curation/listings/{TWIN}/review", {}, "listing.review"),
]


def entries(app):
    with app.app_context(), db.session() as s:
        return s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_every_action_writes_an_entry_with_who_what_before_and_after(curated, curator):
    for path, data, action in ACTIONS:
        before = len(entries(curated))
        assert post(curator, path, **data).status_code == 303, path
        new = entries(curated)[before:]
        assert [e.action for e in new] == [action]
        assert new[0].actor == "curator@example.org" and new[0].role == "curator"
        assert new[0].cluster == "kmedihub" and new[0].at is not None
    first = entries(curated)[0]
    assert first.before == {"title.ko": "삼중사중극자 질량분석기"}
    assert first.after == {"title.ko": "=cmd|' /C calc'!A0"} and first.reason == '=HYPERLINK("x") 시험'


def test_the_log_filters_and_exports_neutralised_csv(curated, curator):
    for path, data, _ in ACTIONS[:3]:
        post(curator, path, **data)
    page = curator.get("/curation/audit", query_string={"action": "listing.hide"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<code>listing.hide</code>" in html
    assert "<code>override.clear</code>" not in html
    body = curator.get("/curation/audit.csv").get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert [r["action"] for r in rows] == ["listing.hide", "override.clear", "override.set"]
    assert rows[2]["reason"] == "'=HYPERLINK(\"x\") 시험"  # Excel would run it as a formula
    assert rows[2]["after"] == '{"title.ko": "=cmd|\' /C calc\'!A0"}'
    only = curator.get("/curation/audit.csv", query_string={"action": "override.set"})
    assert len(list(csv.DictReader(io.StringIO(only.get_data(as_text=True)[1:])))) == 1
