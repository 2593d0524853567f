"""Export of the current results: CSV for Excel in Korean, JSON, and the stated limit."""
import csv
import io
import json

from clusterhub.search import service


def test_csv_has_a_bom_korean_text_and_neutralised_formulas(web):
    r = web.get("/search/export.csv?q=분석")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert r.data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert rows and rows[0]["id"]
    risky = next(row for row in rows if row["id"] == "kmedihub:service:SV-EXCEL")
    assert risky["title_ko"].startswith("'=HYPERLINK")
    assert risky["title_en"] == "'@risky service"
    assert any("분석" in (row["title_ko"] or "") for row in rows)


def test_json_export_follows_the_filters(web):
    r = web.get("/search/export.json?cluster=wonju&kind=equipment")
    body = json.loads(r.data)
    assert body["total"] == body["exported"] == len(body["listings"]) > 0
    assert {l["cluster"] for l in body["listings"]} == {"wonju"}
    assert body["truncated"] is False


def test_export_stops_at_the_limit_and_says_so(web, monkeypatch):
    monkeypatch.setattr(service, "EXPORT_MAX", 7)
    body = json.loads(web.get("/search/export.json").data)
    assert body["exported"] == 7 and body["truncated"] is True and body["total"] > 7
    page = web.get("/search?lang=en").get_data(as_text=True)
    assert f"this search has {body['total']} results, so the file holds the first 7" in page
