"""Every per-record issue of a connector sync names the schema field (its `field`) and the source
column (its location ends with ", column <name>"): mapping errors and validation errors alike."""
from __future__ import annotations

from sqlmodel import Session, select

from clusterhub.models import SyncIssue
from clusterhub.sync import engine as sync_engine
from clusterhub.sync.items import from_connector
from connectors.base import SourceSettings
from connectors.clusters import ClusterConnector
from connectors.conventions import TermMap, parse_year
from connectors.conventions.mapping import Table
from connectors.conventions.sources import CsvFile
from tests.clusterhub.sync.test_engine import engine  # noqa: F401  (the migrated database)

EXPORT = """장비번호,장비명,제조사,취득일자,분야
CJ-1,주사전자현미경,JEOL,2021.05.12,영상
CJ-2,동결건조기,Labconco,2017.02.30,생산
CJ-3,,BD,2020.01.01,영상
CJ-4,원심분리기,Eppendorf,2019.03.05,우주항공
"""

FIELDS = TermMap("categories", {"영상": "imaging", "생산": "manufacturing"})


class Chungju(ClusterConnector):
    code = "chungju"
    source_format = "csv"
    tables = (Table("equipment", "equipment", CsvFile("equipment.csv"), "장비번호", (
        ("title.ko", "장비명"), ("manufacturer", "제조사"),
        ("year_acquired", "취득일자", parse_year), ("categories", "분야", FIELDS.many()))),)


def test_issues_name_the_schema_field_and_the_source_column(engine, tmp_path):  # noqa: F811
    (tmp_path / "chungju").mkdir()
    (tmp_path / "chungju" / "equipment.csv").write_bytes(EXPORT.encode("cp949"))
    connector = Chungju(SourceSettings(samples_dir=tmp_path / "chungju"))
    report = sync_engine.run(engine, "chungju", from_connector(connector))
    assert (report.counts["added"], report.counts["errored"]) == (1, 3), (report.outcome, report.message)
    with Session(engine) as s:
        stored = {(i.field, i.location): i.message
                  for i in s.exec(select(SyncIssue).where(SyncIssue.run_id == report.run_id))}
    assert set(stored) == {("year_acquired", "equipment.csv, row 3, column 취득일자"),
                           ("title", "equipment.csv, row 4, column 장비명"),
                           ("categories", "equipment.csv, row 5, column 분야")}
    assert "2017.02.30" in stored[("year_acquired", "equipment.csv, row 3, column 취득일자")]
    assert "'우주항공'" in stored[("categories", "equipment.csv, row 5, column 분야")]
    assert not any(message.startswith("categories:") for message in stored.values())
