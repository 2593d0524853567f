"""Operator pages that explain themselves: an issue's place split into file, sheet, row and column;
the connector as a table without paths or class names; Korean time with the zone, CSV included."""
import csv
import io
from datetime import datetime, timezone

from clusterhub import korean_time
from clusterhub.curation import sources
from tests.clusterhub.curation.conftest import LISTING, post


def test_an_issue_place_is_split_into_its_parts():
    p = sources.place("kmedihub_inventory.xlsx, sheet 연구장비, row 12", "분야")
    assert (p.source, p.sheet, p.row, p.column) == ("kmedihub_inventory.xlsx", "연구장비", "12", "분야")
    p = sources.place("gwangju_equipment.csv, row 40", None)
    assert (p.source, p.sheet, p.row, p.column) == ("gwangju_equipment.csv", "", "40", "")
    p = sources.place("GET /busan/eqpList page 3, item 7", "eqpNm")
    assert (p.source, p.row, p.column) == ("GET /busan/eqpList", "page 3, item 7", "eqpNm")
    assert sources.place("odd place", None).source == "odd place"


def test_the_connector_table_has_no_local_path_or_class():
    info = {"code": "kmedihub", "format": "xlsx", "samples_dir": "/srv/secret/dir", "class": "KmedihubConnector",
            "base_url": "https://user:pw@example.org", "tables": {"equipment": {
                "kind": "equipment", "source": "kmedihub_inventory.xlsx [연구장비]"}}}
    [row] = sources.table(info)
    assert row == sources.SourceRow("equipment", "kmedihub_inventory.xlsx [연구장비]", "Excel workbook (XLSX)")
    assert "/srv" not in repr(sources.table(info)) and "pw@" not in repr(sources.table(info))


def test_korean_time_states_its_zone():
    moment = datetime(2026, 11, 25, 13, 40, 5, tzinfo=timezone.utc)
    assert korean_time.shown(moment) == "2026-11-25 22:40 KST"
    assert korean_time.for_csv(moment.replace(tzinfo=None)) == "2026-11-25 22:40:05"


def test_the_audit_csv_is_in_korean_time_and_says_so(curated, curator):
    post(curator, f"/curation/listings/{LISTING}/override", field="title.ko", value="새 이름", reason="정정")
    body = curator.get("/curation/audit.csv").get_data(as_text=True)
    [row] = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    shown = datetime.strptime(row["at (KST (UTC+9))"], "%Y-%m-%d %H:%M:%S")
    now_kst = datetime.now(korean_time.KST).replace(tzinfo=None)
    now_utc = datetime.now(timezone.utc).replace(tzinfo=None)
    assert abs(now_kst - shown) < abs(now_utc - shown)  # Korean time, not UTC (9 hours apart)
    page = curator.get("/curation/audit").get_data(as_text=True)
    assert " KST" in page
