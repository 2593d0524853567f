"""The cluster directory and cluster pages."""
import re
from schemas import load_clusters


def test_directory_groups_all_twenty_clusters_by_region(web):
    page = web.get("/clusters").get_data(as_text=True)
    names = re.findall(r'<th scope="row"><a href="/clusters/([a-z_]+)">', page)
    assert len(names) == len(load_clusters())
    regions = re.findall(r'<h2 id="r-([a-z]+)">', page)
    assert regions[0] == "seoul" and "daegu" in regions and "jeju" in regions
    assert "성공" in page  # last sync outcome of the clusters the corpus synced
    assert "없음" in page or "never" in page


def test_cluster_page_counts_and_sync_history(web):
    page = web.get("/clusters/wonju").get_data(as_text=True)
    assert "원주 의료기기 클러스터" in page
    assert 'href="/search?cluster=wonju&amp;kind=equipment"' in page
    assert "outcome-succeeded" in page
    assert web.get("/clusters/atlantis").status_code == 404
