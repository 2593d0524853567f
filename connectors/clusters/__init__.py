"""The 20 cluster connectors; ClusterConnector is what each small cluster module fills in."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, ClassVar

from schemas import load_clusters

from ..base import Connector, ConnectorError, MappingError, SourceRecord
from ..conventions.mapping import Table, TableRecord
from ..conventions.terms import extra_terms


@lru_cache(maxsize=None)
def cluster_facts(code: str) -> dict:
    """The cluster's record in schemas/clusters.json (region, names, operator, homepage)."""
    for cluster in load_clusters():
        if cluster["code"] == code:
            return cluster
    raise KeyError(f"{code!r} is not in schemas/clusters.json")


class ClusterConnector(Connector):
    """A connector made of native tables; each cluster module declares code, format and tables."""

    tables: ClassVar[tuple[Table, ...]] = ()

    def gather(self) -> Iterable[Table]:
        return self.tables

    def fetch(self, ref: Table) -> Iterator[SourceRecord]:
        try:
            for record in ref.source.read(self.settings, self.code, ref.id_column,
                                          ref.required_columns):
                yield TableRecord(record.location, record.data, record.source_id, ref.name)
        except ConnectorError as exc:
            # Say which table (and kind) broke: "GET /x page 31" alone does not name it.
            table = f"table {ref.name} ({ref.kind} listings)"
            if not (exc.location or "").startswith(table):
                exc.location = f"{table}, {exc.location}" if exc.location else table
            raise

    def map(self, record: SourceRecord) -> dict:
        with extra_terms(self.settings.terms):
            return self._table_of(record).map(record, self.base_document())

    def columns(self, record: SourceRecord) -> dict[str, str]:
        try:
            return self._table_of(record).columns
        except MappingError:
            return {}

    def base_document(self) -> dict[str, Any]:
        """What every listing of the cluster shares: cluster, region and the organisation's contact."""
        facts = cluster_facts(self.code)
        organisation = facts.get("operator") or facts["name"]
        contact: dict[str, Any] = {"organization": dict(organisation)}
        if facts.get("homepage"):
            contact["url"] = facts["homepage"]
        return {"cluster": self.code, "region": facts["region"], "contact": contact}

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info["tables"] = {t.name: {"kind": t.kind, "source": t.source.describe()} for t in self.tables}
        return info

    def _table_of(self, record: SourceRecord) -> Table:
        # Records from fetch() name their table; a bare SourceRecord is matched by its id column.
        name = getattr(record, "table", "")
        for table in self.tables:
            if table.name == name:
                return table
        candidates = [t for t in self.tables if t.id_column in record.data]
        if len(candidates) == 1:
            return candidates[0]
        raise MappingError(f"cannot tell which of the tables ({', '.join(t.name for t in self.tables)}) "
                           "this record belongs to", location=record.location,
                           source_id=record.source_id)
