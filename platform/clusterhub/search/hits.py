"""Hits of the embedded engine: stored documents with highlighted title and summary."""
from __future__ import annotations

from .contract import Hit
from .highlight import Highlighter
from .query import Term


def hits(payloads: list[dict], scores: list[float | None], terms: list[Term]) -> list[Hit]:
    """One Hit per stored payload; highlights only when there are terms to mark."""
    marker = Highlighter(terms) if terms else None
    out = []
    for payload, score in zip(payloads, scores):
        marks = {}
        if marker is not None:
            marks = {f: marker.mark(text) for f, text in payload.get("text", {}).items() if text}
        out.append(Hit(payload["id"], payload["document"], marks, score,
                       featured=bool(payload.get("featured"))))
    return out
