"""Hits of the embedded engine: stored documents with highlighted title and summary."""
from __future__ import annotations

from .contract import Hit
from .highlight import Highlighter


def hits(payloads: list[dict], scores: list[float | None], marker: Highlighter | None) -> list[Hit]:
    """One Hit per stored payload; highlights only with a marker (q had terms to mark)."""
    out = []
    for payload, score in zip(payloads, scores):
        marks = {}
        if marker is not None:
            marks = {f: marker.mark(text) for f, text in payload.get("text", {}).items() if text}
        out.append(Hit(payload["id"], payload["document"], marks, score,
                       featured=bool(payload.get("featured"))))
    return out
