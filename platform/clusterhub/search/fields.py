"""The tantivy schema of the embedded engine and the conversion of index documents into it."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import tantivy

from . import korean
from .contract import DATE_FIELDS, KEYWORD_FIELDS, NUMERIC_FIELDS

SCHEMA_VERSION = 6   # bump when the schema or the analysis changes: state() then asks for a reindex
# Text fields searched by q: Korean bigram fields (whitespace tokenizer over pre-tokenized,
# lowercased bigrams) and English stemmed fields; name -> boost.
# Title and summary share a "head" field: one field fewer per query word measured about a
# third faster on 100k documents than separate title and summary fields.
KO_FIELDS = {"k_head": 3.0, "k_body": 1.0}
EN_FIELDS = {"e_head": 3.0, "e_body": 1.0}
TOKENS_BOOST = 2.5
# Source fields of the index document for each searched field.
KO_SOURCES = {"k_head": ("title_ko", "summary_ko"), "k_body": ("body_ko", "tokens")}
EN_SOURCES = {"e_head": ("title_en", "summary_en"), "e_body": ("body_en",)}
HIGHLIGHT_FIELDS = ("title_ko", "summary_ko", "title_en", "summary_en")
# tantivy's built-in analyzers, so that every process opens the index without registering any.
EN_STEM = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(
    tantivy.Filter.remove_long(40)).filter(tantivy.Filter.lowercase()).filter(
    tantivy.Filter.stemmer("english")).build()
EN_PLAIN = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(
    tantivy.Filter.remove_long(40)).filter(tantivy.Filter.lowercase()).build()


def build_schema() -> tantivy.Schema:
    """The schema: keyword fast fields for filters and facets, numeric/date fast fields, text."""
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", tokenizer_name="raw", index_option="basic", fast=True)
    # The group of identical instruments as a number (0: alone), read per hit from the column.
    b.add_unsigned_field("group_no", indexed=True, fast=True)
    # 1 for an expert, read per hit from the column to weigh experts' relevance (search/ranking.py).
    b.add_unsigned_field("expert_no", fast=True)
    for name in KEYWORD_FIELDS:
        b.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for name in NUMERIC_FIELDS:
        b.add_float_field(name, indexed=True, fast=True)
    for name in DATE_FIELDS:
        b.add_date_field(name, indexed=True, fast=True)
    b.add_text_field("title_sort", tokenizer_name="raw", fast=True, index_option="basic")
    for name in KO_FIELDS:
        b.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name in EN_FIELDS:
        b.add_text_field(name, tokenizer_name="en_stem", index_option="position")
    # Whole whitespace tokens (LC-MS/MS, model numbers) and unstemmed words for typo tolerance.
    b.add_text_field("tokens", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("e_words", tokenizer_name="default", index_option="basic")
    b.add_text_field("w_title", tokenizer_name="default", index_option="basic")
    b.add_bytes_field("payload", stored=True)
    return b.build()


def parse_date(value: str | datetime, end_of_day: bool = False) -> datetime:
    """An ISO date or datetime as an aware UTC datetime; a bare date's end when end_of_day."""
    if isinstance(value, datetime):
        dt = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        dt = datetime.fromisoformat(text)
        if end_of_day and len(text) == 10:
            dt = dt.replace(hour=23, minute=59, second=59)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _values(value) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [str(v) for v in items if v is not None and str(v) != ""]


def to_tantivy(doc: dict) -> tantivy.Document:
    """An index document (search/document.py) as a tantivy document."""
    out = tantivy.Document()
    out.add_text("id", doc["id"])
    out.add_unsigned("group_no", group_number(doc.get("group")))
    out.add_unsigned("expert_no", 1 if doc.get("kind") == "expert" else 0)
    for name in KEYWORD_FIELDS:
        for value in _values(doc.get(name)):
            out.add_text(name, value)
    for name in NUMERIC_FIELDS:
        if doc.get(name) is not None:
            out.add_float(name, float(doc[name]))
    for name in DATE_FIELDS:
        if doc.get(name):
            out.add_date(name, parse_date(doc[name]))
    out.add_text("title_sort", doc.get("title_sort") or "")
    for name, sources in KO_SOURCES.items():
        text = korean.index_text("\n".join(doc.get(s) or "" for s in sources))
        if text:
            out.add_text(name, text)
    for name, sources in EN_SOURCES.items():
        text = "\n".join(doc.get(s) or "" for s in sources)
        if text.strip():
            out.add_text(name, text)
    tokens = (doc.get("tokens") or "").lower()
    if tokens:
        out.add_text("tokens", tokens)
    words = " ".join(doc.get(s) or "" for s in ("title_en", "summary_en", "body_en", "tokens"))
    if words.strip():
        out.add_text("e_words", words)
    title = "\n".join(doc.get(s) or "" for s in ("title_en", "title_ko"))
    if title.strip():
        out.add_text("w_title", title)
    stored = {"id": doc["id"], "document": doc.get("document") or {},
              "featured": bool(doc.get("featured")),
              "text": {f: doc.get(f) or "" for f in HIGHLIGHT_FIELDS}}
    out.add_bytes("payload", json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode())
    return out


def group_number(group: str | None) -> int:
    """A group key as a 64-bit number (0 for none): fast to read for many hits at once."""
    if not group:
        return 0
    # 53 bits: aggregations report numeric keys as floats, exact up to 2**53.
    return (int.from_bytes(hashlib.blake2b(group.encode(), digest_size=8).digest(), "big") & (2**53 - 1)) or 1


def load_payload(raw: bytes) -> dict:
    return json.loads(raw)
