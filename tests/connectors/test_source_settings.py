"""A cluster's own source settings reach the readers: its address (no /<code> added), paging
parameters, page size and folder."""
import json

from connectors.base import SourceSettings
from connectors.conventions.sources import CsvFile, JsonEndpoint
from connectors.sample_server import SampleServer


def test_an_own_address_paging_and_page_size_replace_the_tables(tmp_path):
    asked = []

    def answer(query):
        asked.append(dict(query))
        items = [{"id": "A1"}, {"id": "A2"}] if query.get("pageNo") == "1" else []
        return 200, {"Content-Type": "application/json"}, json.dumps({"items": items})

    with SampleServer(tmp_path / "none") as server:
        server.add_route("/v2/equipment", answer)
        settings = SourceSettings(tmp_path, cluster_url=f"{server.url}/v2",
                                  paging=("pageNo", "rows"), page_size=2, retries=0)
        records = list(JsonEndpoint("equipment", items_path="items").read(settings, "gangwon", "id"))
    assert [r.source_id for r in records] == ["A1", "A2"]
    assert asked[0] == {"pageNo": "1", "rows": "2"}  # not page/size=100, not /gangwon/equipment


def test_a_cluster_folder_of_any_name_is_read_as_it_is(tmp_path):
    folder = tmp_path / "exports-2026-spring"
    folder.mkdir()
    (folder / "list.csv").write_text("번호,장비명\n1,현미경\n", encoding="utf-8")
    records = list(CsvFile("list.csv").read(SourceSettings(folder), "gangwon", "번호"))
    assert [r.data["장비명"] for r in records] == ["현미경"]
