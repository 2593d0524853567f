"""Pathway templates: shipped as seed.json, curated in the database, validated, versioned and audited."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from schemas import vocabularies

from ..auth import CURATOR, Principal
from ..auth.roles import check_role
from ..curation import audit
from ..errors import Invalid, NotFound
from ..messages import N_
from ..models import utcnow
from ..search.params import FACETS, VOCABULARY
from .models import PathwayTemplate

SEED = Path(__file__).with_name("seed.json")
MAX_DAYS = 3650


@lru_cache(maxsize=1)
def seed() -> tuple[dict, ...]:
    """The shipped templates, each checked (a broken seed file fails loudly with its path)."""
    data = json.loads(SEED.read_text(encoding="utf-8"))["templates"]
    for i, template in enumerate(data):
        problems = check(template)
        if problems:
            raise ValueError(f"{SEED}: templates[{i}] ({template.get('key')}): "
                             + "; ".join(f"{p['path']}: {p['message']}" for p in problems))
    return tuple(data)


def _bilingual(value, path: str, errors: list) -> None:
    if not isinstance(value, dict) or not (value.get("ko") or value.get("en")):
        errors.append({"path": path, "message": N_("needs a Korean or an English text")})


def _codes(values, vocabulary: str, path: str, errors: list, required: bool = False) -> None:
    if not isinstance(values, list) or (required and not values):
        errors.append({"path": path, "message": N_("needs a list of codes")})
        return
    allowed = vocabularies.get(vocabulary).codes
    for j, value in enumerate(values):
        if value not in allowed:
            errors.append({"path": f"{path}[{j}]", "message": N_("unknown code %(value)s"),
                           "params": {"value": repr(value)}})


def check(template: dict) -> list[dict]:
    """Every problem of a template as {path, message}; empty when it is sound."""
    errors: list[dict] = []
    if not isinstance(template.get("key"), str) or not template["key"].strip():
        errors.append({"path": "key", "message": N_("needs a key")})
    _bilingual(template.get("title"), "title", errors)
    stages = template.get("stages")
    if not isinstance(stages, list) or not stages:
        errors.append({"path": "stages", "message": N_("needs at least one stage")})
        return errors
    seen = set()
    for i, stage in enumerate(stages):
        at = f"stages[{i}]"
        if not isinstance(stage, dict):
            errors.append({"path": at, "message": N_("needs an object")})
            continue
        key = stage.get("key")
        if not isinstance(key, str) or not key.strip():
            errors.append({"path": f"{at}.key", "message": N_("needs a key")})
        elif key in seen:
            errors.append({"path": f"{at}.key", "message": N_("%(key)s is used twice"),
                           "params": {"key": repr(key)}})
        seen.add(key)
        _bilingual(stage.get("title"), f"{at}.title", errors)
        _bilingual(stage.get("handoff"), f"{at}.handoff", errors)
        _codes(stage.get("kinds"), "kinds", f"{at}.kinds", errors, required=True)
        _codes(stage.get("categories"), "categories", f"{at}.categories", errors, required=True)
        concepts = stage.get("concepts")
        if not isinstance(concepts, list) or not concepts or not all(isinstance(c, str) and c.strip()
                                                                     for c in concepts):
            errors.append({"path": f"{at}.concepts", "message": N_("needs a list of search words")})
        days = stage.get("duration_days")
        if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
            errors.append({"path": f"{at}.duration_days",
                           "message": N_("needs a whole number of days from 1 to %(max)d"),
                           "params": {"max": MAX_DAYS}})
        filters = stage.get("filters", {})
        if not isinstance(filters, dict):
            errors.append({"path": f"{at}.filters", "message": N_("needs an object of facet: codes")})
            continue
        for name, values in filters.items():
            if name not in FACETS or name in ("kind", "categories"):
                errors.append({"path": f"{at}.filters.{name}", "message": N_("not a facet a stage can filter by")})
            elif name in VOCABULARY:
                _codes(values, VOCABULARY[name], f"{at}.filters.{name}", errors)
    return errors


def ensure_seeded(s: Session) -> None:
    """Add the shipped templates the database lacks (curated ones are never overwritten)."""
    have = set(s.exec(select(PathwayTemplate.key)))
    for template in seed():
        if template["key"] not in have:
            s.add(PathwayTemplate(key=template["key"], data=copy.deepcopy(template), updated_by="seed"))
    s.flush()


def active(s: Session) -> list[PathwayTemplate]:
    """The active templates in the seed's order, then curated additions by key."""
    ensure_seeded(s)
    order = {t["key"]: i for i, t in enumerate(seed())}
    rows = s.exec(select(PathwayTemplate).where(PathwayTemplate.active == True))  # noqa: E712
    return sorted(rows, key=lambda r: (order.get(r.key, len(order)), r.key))


def get(s: Session, key: str) -> PathwayTemplate:
    ensure_seeded(s)
    row = s.get(PathwayTemplate, key)
    if row is None or not row.active:
        raise NotFound(N_("No pathway template %(key)s."), key=repr(key))
    return row


def stage(template: PathwayTemplate, key: str) -> dict:
    for one in template.data["stages"]:
        if one["key"] == key:
            return one
    raise NotFound(N_("No stage %(stage)s in pathway template %(key)s."), stage=repr(key), key=repr(template.key))


def save(s: Session, user: Principal, key: str, data: dict, reason: str = "") -> PathwayTemplate:
    """A curator edits (or adds) a template: checked, version + 1, before and after in the audit log."""
    check_role(user, CURATOR)
    data = dict(data, key=key)
    problems = check(data)
    if problems:
        raise Invalid(N_("The pathway template %(key)s was not saved."), problems, key=repr(key))
    ensure_seeded(s)
    row = s.get(PathwayTemplate, key)
    before = copy.deepcopy(row.data) if row else None
    if row is None:
        row = PathwayTemplate(key=key, data=data, version=1, updated_by=user.email)
    else:
        row.data, row.version, row.updated_by, row.updated_at = data, row.version + 1, user.email, utcnow()
    s.add(row)
    audit.record(s, user, "pathway_template.save", f"pathway_template:{key}",
                 before=before, after={"version": row.version, **data}, reason=reason)
    return row
