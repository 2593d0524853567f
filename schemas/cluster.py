"""The cluster record and the data of the demo federation's 20 clusters."""
from __future__ import annotations

import json
from pathlib import Path

from marshmallow import Schema, fields, validate

from .fields import Bilingual, VocabCode
from .listing import CLUSTER_CODE

CLUSTERS_FILE = Path(__file__).with_name("clusters.json")


class ClusterSchema(Schema):
    """A cluster of the federation. Unknown facts stay empty rather than invented."""

    code = fields.String(required=True, validate=CLUSTER_CODE)
    name = Bilingual(required=True)
    region = VocabCode("regions", required=True)
    operator = Bilingual(allow_none=True)
    homepage = fields.Url(allow_none=True)
    description = Bilingual(allow_none=True)
    connector = fields.String(validate=validate.Length(min=1, max=60), allow_none=True)


def load_clusters() -> list[dict]:
    """The cluster records of clusters.json, validated."""
    raw = json.loads(CLUSTERS_FILE.read_text(encoding="utf-8"))
    return ClusterSchema(many=True).load(raw)
