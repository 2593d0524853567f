"""Human labels for codes on pages: vocabulary terms, cluster names, fees."""
from __future__ import annotations

import weakref
from datetime import datetime

import sqlalchemy as sa

from flask import g
from markupsafe import Markup

from schemas import vocabularies

from .. import db, korean_time
from ..catalog import clusters
from ..catalog.models import Cluster
from ..i18n import bilingual, label, locale
from ..responses import translate
from ..search.params import VOCABULARY
from ..search.registry import BY_FIELD
from ..sync import messages as sync_messages



# The cluster rows of this process per database, with what they were read at: (row count, latest
# updated_at). `clusters load` stamps every row it changes, so one cheap aggregate query per page
# tells whether the 20 rows (and their JSON records) must be read again.
_clusters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CLUSTERS_STAMP = sa.select(sa.func.count(), sa.func.max(Cluster.updated_at))


def cluster_records() -> dict:
    """Cluster rows by code (read-only: shared by this process's requests), checked once per
    request against the database, read again only when a row changed."""
    if "clusters_by_code" not in g:
        engine = db.engine()
        with engine.connect() as conn:  # a Core query: the ORM session cost more than the query
            stamp = tuple(conn.execute(_CLUSTERS_STAMP).one())
        seen, rows = _clusters.get(engine, ((), {}))
        if stamp != seen:
            with db.session() as s:
                rows = {c.code: c for c in clusters.all_clusters(s)}
            _clusters[engine] = (stamp, rows)
        g.clusters_by_code = rows
    return g.clusters_by_code


def value_label(field: str, value: str, lang: str | None = None, clusters=None) -> str:
    """The label of one facet value in `lang` (the current language); a page labelling many
    values passes its language and cluster records, looked up once (web/cards.py)."""
    lang = lang or locale()
    if field == "cluster":
        row = (clusters if clusters is not None else cluster_records()).get(value)
        return row.name(lang) if row else value
    if field in VOCABULARY:
        return vocabularies.get(VOCABULARY[field]).label(value, lang)
    return value


def facet_title(field: str) -> str:
    """A facet's title: its vocabulary's name, else its registry label translated."""
    facet = BY_FIELD[field]
    if facet.vocabulary is None:
        return translate(facet.label)
    vocab = vocabularies.get(facet.vocabulary)
    return vocab.label_en if locale() == "en" else vocab.label_ko


def fee_text(fee: dict | None) -> Markup | str:
    """'120,000–1,200,000원', '무료', '견적 후 결정 (별도 협의)'."""
    if not fee:
        return ""
    model = vocabularies.get("fee_models").label(fee.get("model", ""), locale())
    low, high = fee.get("min_krw"), fee.get("max_krw")
    won = "원" if locale() == "ko" else " KRW"
    if low is not None and high is not None and low != high:
        text = f"{low:,}–{high:,}{won}"
    elif low is not None or high is not None:
        text = f"{(low if low is not None else high):,}{won}"
    else:
        text = model
    note = _fee_note(fee.get("note"))
    return Markup("{} ({})").format(text, note) if note else text


# The fee units the clusters write in Korean only ("시간당"): English pages translate them.
FEE_UNITS = {"시간당": "per hour", "1일": "per day", "일당": "per day", "건당": "per test",
             "회당": "per use", "월": "per month", "배치당": "per batch", "시료당": "per sample"}


def _fee_note(note: dict | None):
    """The fee note in the page's language: a known Korean unit translated, other Korean-only
    text marked lang="ko" so screen readers and translators know it."""
    if not note:
        return ""
    if locale() == "en" and not note.get("en") and note.get("ko"):
        ko = note["ko"].strip()
        return FEE_UNITS.get(ko) or Markup('<span lang="ko">{}</span>').format(ko)
    return bilingual(note)


OUTCOMES = {"succeeded": ("성공", "Succeeded"), "failed": ("실패", "Failed"),
            "stopped": ("중단(확인 필요)", "Stopped (needs review)"), "dry_run": ("시험 실행", "Dry run"),
            "running": ("진행 중", "Running"), "interrupted": ("중단됨", "Interrupted"),
            "cancelled": ("취소됨", "Cancelled")}
PHASES = {"queued": ("대기열에서 기다리는 중", "Waiting in the queue"),
          "starting": ("시작하는 중", "Starting"), "reading": ("원천 데이터를 읽고 검사하는 중",
                                                            "Reading and checking the source"),
          "saving": ("카탈로그에 저장하는 중", "Saving to the catalog"),
          "indexing": ("검색 색인을 갱신하는 중", "Updating the search index")}


def outcome_label(outcome: str) -> str:
    ko, en = OUTCOMES.get(outcome, (outcome, outcome))
    return en if locale() == "en" else ko


def run_message(row) -> str:
    """A sync run's (or a record issue's) message in the page's language, from its code and
    params (sync/messages.py); a row from before the codes shows its stored text."""
    code, message = getattr(row, "code", None), getattr(row, "message", row)
    if not sync_messages.known(code):
        return message
    return sync_messages.render(code, row.params, text=translate, kind=kind_name)


def kind_name(kind: str) -> str:
    """A listing kind inside a sentence: "장비", or "equipment" in English."""
    name = label("kinds", kind)
    return name.lower() if locale() == "en" else name


def phase_label(phase: str) -> str:
    ko, en = PHASES.get(phase, (phase, phase))
    return en if locale() == "en" else ko


def kst(value: datetime | None) -> str:
    """A stored UTC time as Korean time, the zone stated: 2026-11-25 22:40 KST."""
    return korean_time.shown(value)


def register(app) -> None:
    app.jinja_env.globals.update(value_label=value_label, facet_title=facet_title,
                                 fee_text=fee_text, cluster_records=cluster_records,
                                 outcome_label=outcome_label, phase_label=phase_label,
                                 run_message=run_message)
    app.jinja_env.filters["kst"] = kst
