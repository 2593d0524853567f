"""A listing page: every field, related listings, the cluster, freshness, how to ask."""
import re

from tests.clusterhub.search.corpus import LISTINGS


def test_equipment_page_shows_its_fields_cluster_and_freshness(web):
    doc = next(d for d, s, h in LISTINGS if d["source_id"] == "EQ-001")
    page = web.get("/listings/kmedihub:equipment:EQ-001").get_data(as_text=True)
    assert doc["title"]["ko"] in page
    assert doc["manufacturer"] in page
    assert "대구경북첨단의료복합단지" in page            # the cluster box
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page)  # synced on … (Korean time)
    assert 'href="/clusters/kmedihub"' in page


def test_related_listings_link_only_to_published_ones(web):
    page = web.get("/listings/kmedihub:service:SV-PROTEOMICS").get_data(as_text=True)
    assert 'href="/listings/kmedihub:equipment:EQ-001"' in page
    assert "GONE-1" not in page


def test_missing_and_withdrawn_listings_are_404_with_an_explanation(web, catalog_app):
    r = web.get("/listings/kmedihub:equipment:NOPE")
    assert r.status_code == 404 and "클러스터가 철회했거나 주소가 잘못 입력되었을 수 있습니다" in r.get_data(as_text=True)
    r = web.get("/listings/kmedihub:equipment:NOPE?lang=en")
    assert r.status_code == 404 and "withdrawn" in r.get_data(as_text=True)
    r = web.get("/api/v1/listings/kmedihub:equipment:NOPE")
    assert r.status_code == 404 and r.json["code"] == "not_found"
