"""Plain inline SVG bar charts, drawn on the server (no JavaScript, no CDN)."""
from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, BAR, GAP, LABEL = 560, 18, 6, 180


def bars(rows: list[tuple[str, int]], title: str) -> Markup:
    """A horizontal bar chart of (label, value) rows, with a <title> for screen readers."""
    rows = rows[:15]
    top = max([v for _l, v in rows] or [1]) or 1
    height = len(rows) * (BAR + GAP) + GAP
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        w = max(1, round((WIDTH - LABEL - 50) * value / top))
        parts.append(f'<text x="{LABEL - 6}" y="{y + BAR - 5}" text-anchor="end" font-size="12">'
                     f'{escape(str(label))[:28]}</text>'
                     f'<rect x="{LABEL}" y="{y}" width="{w}" height="{BAR}" fill="#2f6f8f"></rect>'
                     f'<text x="{LABEL + w + 4}" y="{y + BAR - 5}" font-size="12">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
