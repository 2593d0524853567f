"""Tests of the sample server: the manifest convention, added routes and the command line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from connectors.readers.json_api import fetch_pages
from connectors.readers.xml_api import fetch_pages as fetch_xml_pages
from connectors.readers.xml_api import render_page
from connectors.demo.sample_server import SampleServer

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def json_cluster(samples_dir):
    folder = samples_dir / "pangyo" / "services"
    folder.mkdir(parents=True)
    for page in (1, 2):
        items = [{"id": f"P{page}-{i}"} for i in range(2)]
        (folder / f"page-{page:04d}.json").write_text(json.dumps({"items": items}))
    (samples_dir / "pangyo" / "manifest.json").write_text(json.dumps({
        "format": "json_api", "endpoints": {"services": {
            "page_param": "page", "size_param": "size", "page_size": 2, "pages": 2,
            "ext": "json"}}}))


@pytest.fixture
def xml_cluster(samples_dir):
    folder = samples_dir / "hwasun" / "equipment"
    folder.mkdir(parents=True)
    (folder / "page-0001.xml").write_bytes(
        render_page([{"equipNm": "PET-CT"}], page_no=1, num_of_rows=50, total_count=1))
    (folder / "none.xml").write_bytes(
        render_page([], page_no=0, num_of_rows=50, total_count=1, result_msg="EMPTY"))
    (samples_dir / "hwasun" / "manifest.json").write_text(json.dumps({
        "format": "xml_api", "endpoints": {"equipment": {
            "page_size": 50, "pages": 1, "empty_page": "none.xml"}}}))


def test_serves_pages_and_the_empty_page_beyond(server, json_cluster):
    first = requests.get(f"{server.url}/pangyo/services", params={"page": 1, "size": 2})
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "application/json; charset=utf-8"
    assert first.json()["items"][0] == {"id": "P1-0"}
    beyond = requests.get(f"{server.url}/pangyo/services", params={"page": 3})
    assert beyond.json() == {"items": []}


def test_readers_page_through_the_samples(server, json_cluster, xml_cluster, http):
    records = list(fetch_pages(f"{server.url}/pangyo/services", page_size=2, **http))
    assert [r.data["id"] for r in records] == ["P1-0", "P1-1", "P2-0", "P2-1"]
    xml = list(fetch_xml_pages(f"{server.url}/hwasun/equipment", page_size=50, **http))
    assert [r.data for r in xml] == [{"equipNm": "PET-CT"}]


def test_manifest_empty_page_file_and_xml_content_type(server, xml_cluster):
    beyond = requests.get(f"{server.url}/hwasun/equipment", params={"pageNo": 7,
                                                                    "numOfRows": 50})
    assert beyond.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<resultMsg>EMPTY</resultMsg>" in beyond.content


def test_wrong_size_unknown_paths_and_bad_numbers(server, json_cluster):
    wrong = requests.get(f"{server.url}/pangyo/services", params={"size": 100})
    assert wrong.status_code == 400 and "size=2" in wrong.json()["error"]
    assert requests.get(f"{server.url}/pangyo/nothing").status_code == 404
    assert requests.get(f"{server.url}/nowhere/services").status_code == 404
    assert requests.get(f"{server.url}/a/b/c").status_code == 404
    assert requests.get(f"{server.url}/pangyo/services", params={"page": "x"}).status_code == 400
    assert requests.get(f"{server.url}/").json() == {"endpoints": ["/pangyo/services"]}


def test_added_routes_override_and_can_drop_the_connection(server, json_cluster):
    server.add_route("/pangyo/services", lambda q: (503, {"Retry-After": "1"}, "down"))
    server.add_route("/drop", lambda q: None)
    answer = requests.get(f"{server.url}/pangyo/services")
    assert (answer.status_code, answer.text, answer.headers["Retry-After"]) == (503, "down", "1")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/drop")


def test_a_failing_route_answers_500(server):
    server.add_route("/boom", lambda q: 1 / 0)
    answer = requests.get(f"{server.url}/boom")
    assert answer.status_code == 500 and "ZeroDivisionError" in answer.json()["error"]


def test_start_stop_and_url():
    server = SampleServer(ROOT / "connectors" / "demo" / "samples")
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.url
    with server:
        assert server.url.startswith("http://127.0.0.1:")
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.url


def test_command_line_serves_until_stopped(samples_dir, json_cluster):
    process = subprocess.Popen(
        [sys.executable, "-m", "connectors.demo.sample_server", "--port", "0", "--samples",
         str(samples_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        banner = process.stdout.readline()
        assert banner.startswith(f"Serving {samples_dir} at http://127.0.0.1:")
        url = banner.split(" at ")[1].strip()
        assert process.stdout.readline().strip() == f"{url}/pangyo/services"
        assert requests.get(f"{url}/pangyo/services", timeout=5).json()["items"]
    finally:
        process.terminate()
        process.wait(timeout=10)
