"""Tests of the connector contract: records, errors, settings and the Connector base class."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from connectors.limits import DEFAULT as DEFAULT_LIMITS

from connectors.base import (
    Connector, ConnectorError, MappingError, SourceFormatError, SourceRecord, SourceRejected,
    SourceSettings, SourceUnavailable, UnknownConnector,
)


class ListConnector(Connector):
    code = "demo"
    source_format = "csv"

    def gather(self):
        return ["a.csv", "b.csv"]

    def fetch(self, ref):
        for row in (1, 2):
            yield SourceRecord(f"{ref}, row {row + 1}", {"name": f"{ref}-{row}"}, f"{ref}-{row}")

    def map(self, record):
        if not record.data.get("name"):
            raise MappingError("is empty", location=record.location, field="name",
                               source_id=record.source_id)
        return {"source_id": record.source_id, "title": {"ko": record.data["name"]}}


def test_source_record_is_frozen_and_defaults_its_id():
    record = SourceRecord("equipment.xlsx, sheet 장비목록, row 12", {"장비명": "NMR"})
    assert record.source_id is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.location = "elsewhere"


@pytest.mark.parametrize("kind", [SourceUnavailable, SourceFormatError, SourceRejected,
                                  MappingError, UnknownConnector])
def test_every_error_is_a_connector_error(kind):
    assert issubclass(kind, ConnectorError)


def test_error_str_joins_only_the_parts_present():
    assert str(ConnectorError("boom")) == "boom"
    assert str(ConnectorError("boom", location="a.csv, row 3")) == "a.csv, row 3: boom"
    assert str(MappingError("is empty", location="a.csv, row 3", field="장비명")) == (
        "a.csv, row 3: 장비명: is empty")
    assert str(MappingError("bad", location="GET /x page 1, item 2", field="fee",
                            source_id="S-1")) == "GET /x page 1, item 2 (id S-1): fee: bad"
    assert str(MappingError("bad", field="fee", source_id="S-1")) == "id S-1: fee: bad"


def test_error_keeps_its_parts_through_pickle_and_as_an_issue():
    error = SourceFormatError("missing column", location="a.csv, row 1", field="모델",
                              source_id="X")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is SourceFormatError and str(copy) == str(error)
    assert (copy.message, copy.location, copy.field, copy.source_id) == (
        "missing column", "a.csv, row 1", "모델", "X")
    assert error.to_dict() == {"error": "SourceFormatError", "location": "a.csv, row 1",
                               "source_id": "X", "field": "모델", "message": "missing column"}


def test_settings_defaults_and_helpers(tmp_path):
    settings = SourceSettings(samples_dir=tmp_path)
    assert (settings.base_url, settings.timeout, settings.retries, settings.backoff) == (
        None, 10.0, 3, 0.5)
    assert settings.http_options() == {"timeout": 10.0, "retries": 3, "backoff": 0.5,
                                       "limits": DEFAULT_LIMITS}
    with pytest.raises(SourceUnavailable, match="no base_url"):
        settings.endpoint("/equipment")
    api = SourceSettings(tmp_path, base_url="http://127.0.0.1:8765/")
    assert api.endpoint("/kmedihub/equipment") == "http://127.0.0.1:8765/kmedihub/equipment"


def test_records_chains_fetch_over_gather(tmp_path):
    connector = ListConnector(SourceSettings(tmp_path))
    records = list(connector.records())
    assert [r.location for r in records] == ["a.csv, row 2", "a.csv, row 3", "b.csv, row 2",
                                             "b.csv, row 3"]
    assert connector.map(records[0]) == {"source_id": "a.csv-1", "title": {"ko": "a.csv-1"}}
    with pytest.raises(MappingError) as caught:
        connector.map(SourceRecord("c.csv, row 2", {"name": ""}, "c-1"))
    assert str(caught.value) == "c.csv, row 2 (id c-1): name: is empty"


def test_describe(tmp_path):
    assert ListConnector(SourceSettings(tmp_path)).describe() == {
        "code": "demo", "format": "csv", "samples_dir": str(tmp_path)}
    described = ListConnector(SourceSettings(tmp_path, base_url="http://h", retries=1)).describe()
    assert described["base_url"] == "http://h" and described["retries"] == 1


def test_connector_is_abstract_and_needs_its_class_attributes(tmp_path):
    with pytest.raises(TypeError):
        Connector(SourceSettings(tmp_path))

    class Nameless(ListConnector):
        code = ""

    with pytest.raises(TypeError, match="'code'"):
        Nameless(SourceSettings(Path(tmp_path)))


def test_limits_come_from_settings_over_the_defaults():
    from connectors.limits import Limits

    limits = Limits.from_mapping({"CONNECTOR_LIMIT_XLSX_ROWS": "5000", "CONNECTOR_LIMIT_PAGE_BYTES": "",
                                  "OTHER": "1"})
    assert limits.xlsx_rows == 5000 and limits.page_bytes == DEFAULT_LIMITS.page_bytes
