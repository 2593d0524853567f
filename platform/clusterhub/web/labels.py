"""Human labels for codes on pages: vocabulary terms, cluster names, fees."""
from __future__ import annotations

import re
from datetime import datetime

from flask import g
from markupsafe import Markup

from schemas import vocabularies

from .. import db, korean_time
from ..catalog import clusters
from ..i18n import bilingual, locale
from ..search.params import VOCABULARY
from .search import Q_MAX



def cluster_records() -> dict:
    """Cluster rows by code, read once per request."""
    if "clusters_by_code" not in g:
        with db.session() as s:
            g.clusters_by_code = {c.code: c for c in clusters.all_clusters(s)}
    return g.clusters_by_code


def value_label(field: str, value: str) -> str:
    """The label of one facet value in the current language."""
    if field == "cluster":
        row = cluster_records().get(value)
        return row.name(locale()) if row else value
    if field in VOCABULARY:
        return vocabularies.get(VOCABULARY[field]).label(value, locale())
    return value


def facet_title(field: str) -> str:
    if field == "cluster":
        return "클러스터" if locale() == "ko" else "Cluster"
    if field == "manufacturer":
        return "제조사" if locale() == "ko" else "Manufacturer"
    if field == "expertise":
        return "전문 분야" if locale() == "ko" else "Expertise"
    vocab = vocabularies.get(VOCABULARY[field])
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
            "running": ("진행 중", "Running"), "interrupted": ("중단됨", "Interrupted")}
PHASES = {"starting": ("시작하는 중", "Starting"), "reading": ("원천 데이터를 읽고 검사하는 중",
                                                            "Reading and checking the source"),
          "saving": ("카탈로그에 저장하는 중", "Saving to the catalog"),
          "indexing": ("검색 색인을 갱신하는 중", "Updating the search index")}


def outcome_label(outcome: str) -> str:
    ko, en = OUTCOMES.get(outcome, (outcome, outcome))
    return en if locale() == "en" else ko


# The sync engine writes its run messages in English (the CLI and the logs read them); Korean
# pages show them in Korean. Each pattern matches the start of a message; the rest is kept.
RUN_MESSAGES = (
    (re.compile(r"(\d[\d,]*) change\(s\) applied\."), "변경 {0}건을 반영했습니다."),
    (re.compile(r"Nothing changed at the source\."), "원천 데이터에 바뀐 것이 없습니다."),
    (re.compile(r"Dry run: nothing was changed\."), "시험 실행: 아무것도 바꾸지 않았습니다."),
    (re.compile(r"Stopped: this run would withdraw ([\d,]+) of ([\d,]+) published listings "
                r"\((\d+%)\), more than the (\d+%) guard\."),
     "중단: 이번 실행은 공개 항목 {1}건 중 {0}건({2})을 철회하게 되어 안전 기준({3})을 넘습니다."),
    (re.compile(r"Stopped: this run would withdraw ([\d,]+) of ([\d,]+) published (\w+) "
                r"listings \((\d+%)\), more than the (\d+%) guard for one kind\."),
     "중단: 이번 실행은 {2} 공개 항목 {1}건 중 {0}건({3})을 철회하게 되어 종류별 안전 기준({4})을 "
     "넘습니다."),
    (re.compile(r"Stopped: this run read no (\w+) listings at all, where ([\d,]+) are "
                r"published; it would withdraw every one of them\."),
     "중단: 이번 실행은 {0} 항목을 하나도 읽지 못했는데 공개 항목이 {1}건 있습니다. 모두 철회하게 "
     "됩니다."),
    (re.compile(r"Nothing was changed\."), "아무것도 바꾸지 않았습니다."),
    (re.compile(r"If the source really shrank, run again with --allow-mass-withdrawal\."),
     "원천 데이터가 실제로 줄었다면 --allow-mass-withdrawal 옵션으로 다시 실행하세요."),
    (re.compile(r'If the source really shrank, send the batch again with '
                r'"allow_mass_withdrawal": true\.'),
     '원천 데이터가 실제로 줄었다면 "allow_mass_withdrawal": true 로 배치를 다시 보내세요.'),
    (re.compile(r"If the source really shrank, confirm with \u201cWithdraw anyway\u201d on this "
                r"run's page\."),
     "원천 데이터가 실제로 줄었다면 이 실행 화면에서 \u201c그래도 철회\u201d로 확인하세요."),
    (re.compile(r"Every one of the ([\d,]+) records read has an issue, so nothing was changed\. "
                r"Fix the issues listed below and sync again\."),
     "읽은 {0}건 모두에 문제가 있어 아무것도 바꾸지 않았습니다. 아래 문제를 고친 뒤 다시 동기화하세요."),
    (re.compile(r"The source could not be read, so nothing was changed\."),
     "원천 데이터를 읽을 수 없어 아무것도 바꾸지 않았습니다."),
    (re.compile(r"The sync failed and was rolled back:"), "동기화가 실패하여 모두 되돌렸습니다:"),
    (re.compile(r"The sync could not start:"), "동기화를 시작하지 못했습니다:"),
    (re.compile(r"The sync failed:"), "동기화가 실패했습니다:"),
)


KIND_NAMES = {"service": "기술서비스", "equipment": "장비", "expert": "전문가"}


def run_message(message: str) -> str:
    """A sync run's message in the page's language (unknown messages are shown as written)."""
    if locale() == "en" or not message:
        return message
    done, rest = [], message
    while rest:  # sentence by sentence, while the start of the rest is a known sentence
        for pattern, korean in RUN_MESSAGES:
            found = pattern.match(rest)
            if found:
                groups = [KIND_NAMES.get(g, g) for g in found.groups()]
                done.append(korean.format(*groups))
                rest = rest[found.end():].lstrip()
                break
        else:
            break
    return " ".join([*done, rest] if rest else done)


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
                                 run_message=run_message, q_max=Q_MAX)
    app.jinja_env.filters["kst"] = kst
