"""Index documents as Meilisearch stores them: a valid primary key and epoch mirrors of dates."""
from __future__ import annotations

import html

from .contract import DATE_FIELDS
from .meili_filter import DATE_MIRRORS, epoch

# Listing ids ("kmedihub:equipment:EQ-0001") contain ':' and '.', which Meilisearch refuses in
# document ids (only A-Z a-z 0-9 - _ and at most 511 bytes), so documents carry an encoded key.
PRIMARY_KEY = "pk"
MAX_KEY_BYTES = 511
HIGHLIGHT_FIELDS = ("title_ko", "summary_ko", "title_en", "summary_en")
# Private-use characters as highlight tags: a literal "<mark>" in a title then stays text, and
# everything else can be HTML-escaped before the tags become real <mark> elements.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
# One value per group of identical instruments, the listing id for any other listing: the
# attribute of `distinct` in a grouped search (search/grouping.py).
DISTINCT = "group_or_id"
INTERNAL_FIELDS = (PRIMARY_KEY, DISTINCT, *DATE_MIRRORS.values())
_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def doc_key(listing_id: str) -> str:
    """The Meilisearch document id of a listing id: '_' escapes every other byte as two hex digits."""
    out = []
    for ch in str(listing_id):
        if ch in _PLAIN:
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode())
    key = "".join(out)
    if not key or len(key) > MAX_KEY_BYTES:
        raise ValueError(f"listing id {listing_id!r} does not fit a Meilisearch document id")
    return key


def listing_id(key: str) -> str:
    """The listing id back from a document id made by doc_key."""
    raw, i = bytearray(), 0
    while i < len(key):
        if key[i] == "_":
            raw.append(int(key[i + 1:i + 3], 16))
            i += 3
        else:
            raw.extend(key[i].encode())
            i += 1
    return raw.decode()


def _epoch_or_none(value) -> int | None:
    try:
        return epoch(value)
    except (TypeError, ValueError):
        # An unreadable date leaves the mirror empty rather than failing the whole batch.
        return None


def to_meili(doc: dict) -> dict:
    """A flat index document (search/document.py) with the fields Meilisearch needs added."""
    out = dict(doc)
    out[PRIMARY_KEY] = doc_key(doc["id"])
    out[DISTINCT] = doc.get("group") or doc["id"]
    for name in DATE_FIELDS:
        out[DATE_MIRRORS[name]] = _epoch_or_none(doc.get(name))
    for name in HIGHLIGHT_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = out[name].replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    return out


def highlight(text: str) -> str:
    """Engine-highlighted text as HTML: escaped, with the engine's marks as <mark> elements."""
    return html.escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
