"""The connector registry: the only lookup, one connector per cluster of schemas/clusters.json."""
from __future__ import annotations

from collections import Counter
import pytest

import schemas
from connectors import demo, registry
from connectors.base import Connector, SourceSettings, UnknownConnector
from connectors.clusters import ClusterConnector
from connectors.demo import SAMPLES_DIR

SETTINGS = SourceSettings(samples_dir=SAMPLES_DIR)


def test_one_connector_per_cluster():
    clusters = schemas.load_clusters()
    assert registry.names() == sorted(c["code"] for c in clusters)
    assert {c["connector"] for c in clusters} == set(registry.names())


@pytest.mark.parametrize("code", registry.names())
def test_get_and_create(code):
    cls = registry.get(code)
    assert issubclass(cls, Connector) and cls.code == code
    connector = registry.create(code, SETTINGS)
    assert isinstance(connector, cls) and connector.settings is SETTINGS
    assert connector.describe()["tables"]


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownConnector) as caught:
        registry.get("seoul_gangnam")
    message = str(caught.value)
    assert "'seoul_gangnam'" in message
    assert all(code in message for code in registry.names())
    with pytest.raises(UnknownConnector):
        registry.create("", SETTINGS)


def test_the_demo_federation_mixes_every_source_format():
    formats = Counter(registry.get(code).source_format for code in demo.codes())
    assert formats["xlsx"] >= 3 and formats["json_api"] >= 3 and formats["xml_api"] >= 3
    assert formats["zeus_api"] == 2
    encodings = Counter()
    for code in demo.codes():
        cls = registry.get(code)
        if cls.source_format == "csv":
            folder = SAMPLES_DIR / code
            for table in cls.tables:
                raw = (folder / table.source.file).read_bytes()
                encodings[_encoding(raw)] += 1
    assert encodings["cp949"] >= 9 and encodings["utf-8-sig"] >= 3 and encodings["utf-8"] >= 3


def _encoding(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        raw.decode("cp949")
        return "cp949"


def test_every_cluster_is_generated_or_real():
    generated, real = demo.codes(), demo.real()
    assert len(generated) == 20 and {"kmedihub", "kbiohealth", "daedeok"} <= set(generated)
    assert sorted(generated + real) == registry.names() and not set(generated) & set(real)


def test_cluster_connectors_share_one_base():
    assert all(issubclass(registry.get(code), ClusterConnector) for code in registry.names())
