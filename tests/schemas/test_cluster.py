"""A broken clusters.json names the file, the entry and the field; never a traceback."""
import json

import pytest

from schemas.cluster import ClusterFileError, load_clusters

GOOD = {"code": "newcluster", "name": {"ko": "새 클러스터", "en": "New Cluster"}, "region": "seoul"}


def write(tmp_path, data) -> str:
    path = tmp_path / "clusters.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                    encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    assert load_clusters(write(tmp_path, [GOOD]))[0]["code"] == "newcluster"


def test_a_hyphen_in_a_code_names_the_entry_and_the_rule(tmp_path):
    with pytest.raises(ClusterFileError) as caught:
        load_clusters(write(tmp_path, [GOOD, {**GOOD, "code": "new-cluster"}]))
    message = str(caught.value)
    assert message.startswith("clusters.json entry 2 (code 'new-cluster'): code: ")
    assert "no hyphens" in message


def test_a_wrong_region_and_a_missing_name(tmp_path):
    with pytest.raises(ClusterFileError) as caught:
        load_clusters(write(tmp_path, [{"code": "abc", "region": "mars"}]))
    assert "entry 1 (code 'abc'): name:" in str(caught.value)
    assert "entry 1 (code 'abc'): region:" in str(caught.value)


def test_broken_json_says_line_and_column(tmp_path):
    with pytest.raises(ClusterFileError, match=r"clusters.json: not valid JSON .* at line 1 column"):
        load_clusters(write(tmp_path, '[{"code": "abc",]'))


def test_the_same_code_twice(tmp_path):
    with pytest.raises(ClusterFileError, match="'newcluster' is used by more than one entry"):
        load_clusters(write(tmp_path, [GOOD, GOOD]))
