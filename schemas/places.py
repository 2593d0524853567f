"""Names of places in a search box (places.json, clusters.json, vocab/regions.json): a cluster's
official and short names and aliases, and region names, each mapped to the filter it stands for."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import vocabularies
from .thesaurus import normalize, squash

PLACES_FILE = Path(__file__).with_name("places.json")
CLUSTERS_FILE = Path(__file__).with_name("clusters.json")
MAX_WORDS = 4
_PAREN = re.compile(r"\(([^)]*)\)")


class PlacesError(ValueError):
    """A malformed places file or an alias naming two places; says which."""


@dataclass(frozen=True)
class Place:
    field: str      # "cluster" or "region"
    value: str      # its code


@dataclass(frozen=True)
class Written:
    """A name as the files write it (충청권, Chungcheong, KMEDIhub) and what it stands for."""

    text: str
    field: str      # "cluster", "region" or "area"
    code: str       # the cluster's, region's or area's code


@dataclass(frozen=True)
class Places:
    names: dict[str, Place]     # normalized name -> place
    areas: dict[str, tuple[Place, ...]] = None   # normalized name -> the regions of an area (수도권)
    written: tuple[Written, ...] = ()   # every name above as written, in file order (autocomplete)

    def area(self, text: str) -> tuple[Place, ...]:
        """The regions a name of a wider area stands for (수도권: 서울, 경기, 인천); () if none."""
        key = normalize(text)
        areas = self.areas or {}
        return areas.get(key) or next((v for k, v in areas.items() if squash(k) == squash(key)), ())

    def find(self, text: str) -> Place | None:
        """The place text names; hyphens, dots and spaces aside (K-바이오헬스, KMEDI hub)."""
        key = normalize(text)
        return self.names.get(key) or self._squashed().get(squash(key))

    def _squashed(self) -> dict[str, Place]:
        if "_squashed_names" not in self.__dict__:
            out: dict[str, Place] = {}
            for key, place in self.names.items():
                out.setdefault(squash(key), place)
            object.__setattr__(self, "_squashed_names", out)
        return self.__dict__["_squashed_names"]

    @classmethod
    def load(cls, path: Path | str | None = None, clusters: Path | str | None = None) -> "Places":
        path = Path(path or PLACES_FILE)
        raw = json.loads(path.read_text(encoding="utf-8"))
        records = json.loads(Path(clusters or CLUSTERS_FILE).read_text(encoding="utf-8"))
        names: dict[str, Place] = {}
        written: list[Written] = []

        def add(name: str, place: Place, where: str) -> None:
            key = normalize(name)
            if key in names and names[key] != place:
                raise PlacesError(f"{where}: {name!r} names both {names[key].value} and {place.value}")
            names[key] = place
            written.append(Written(name, place.field, place.value))

        for record in records:
            place = Place("cluster", record["code"])
            for label in (record.get("name") or {}).values():
                add(label, place, f"clusters.json {record['code']}")
                for inner in _PAREN.findall(label):      # "(K-MEDIhub)" in the English name
                    add(inner, place, f"clusters.json {record['code']}")
        codes = {r["code"] for r in records}
        regions = set(vocabularies.get("regions").codes)
        for field, known, section in (("cluster", codes, "clusters"), ("region", regions, "regions")):
            for code, entry in (raw.get(section) or {}).items():
                where = f"{path.name} {section}.{code}"
                if code not in known:
                    raise PlacesError(f"{where}: unknown {field} code")
                if not entry.get("source"):
                    raise PlacesError(f"{where}: needs a source")
                for name in [*entry.get("ko", []), *entry.get("en", [])]:
                    add(name, Place(field, code), where)
        for term in vocabularies.get("regions").terms:
            for name in (term.ko, term.en):
                if normalize(name) not in names:    # a city naming its one cluster wins
                    names[normalize(name)] = Place("region", term.code)
                    written.append(Written(name, "region", term.code))
        areas: dict[str, tuple[Place, ...]] = {}
        for code, entry in (raw.get("areas") or {}).items():
            where = f"{path.name} areas.{code}"
            if not entry.get("source"):
                raise PlacesError(f"{where}: needs a source")
            unknown = sorted(set(entry.get("regions") or ()) - regions)
            if unknown or not entry.get("regions"):
                raise PlacesError(f"{where}: regions must be known region codes, got {unknown or 'none'}")
            for name in [*entry.get("ko", []), *entry.get("en", [])]:
                if normalize(name) in names or normalize(name) in areas:
                    raise PlacesError(f"{where}: {name!r} already names a place")
                areas[normalize(name)] = tuple(Place("region", r) for r in entry["regions"])
                written.append(Written(name, "area", code))
        return cls(names, areas, tuple(written))

    def regions_of(self, area: str) -> tuple[str, ...]:
        """The region codes of the area with that code (chungcheong: daejeon, sejong, …)."""
        name = next((w.text for w in self.written if w.field == "area" and w.code == area), None)
        return tuple(p.value for p in self.area(name)) if name else ()


@lru_cache(maxsize=1)
def default() -> Places:
    return Places.load()
