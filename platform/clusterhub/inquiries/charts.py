"""Plain inline SVG bar charts, drawn on the server (no JavaScript, no CDN)."""
from __future__ import annotations

from markupsafe import Markup, escape

# Each row is its label on a line of its own, then the bar: a long Korean cluster name gets the
# chart's whole width instead of being cut off at the left edge of a narrow label column.
WIDTH, BAR, GAP, LINE, FONT = 560, 16, 10, 16, 12
NUMBER = 60  # room right of the longest bar for its value


def _width(ch: str) -> float:
    """A generous estimate of a glyph's width: Hangul and CJK about FONT px, Latin under 0.65."""
    return FONT if ord(ch) >= 0x1100 else FONT * 0.65


def _short(label: str) -> str:
    """label, cut with "…" where it would run past the chart's right edge."""
    used, room = 0.0, WIDTH - FONT
    for i, ch in enumerate(label):
        used += _width(ch)
        if used > room:
            return label[:i] + "…"
    return label


def bars(rows: list[tuple[str, int]], title: str) -> Markup:
    """A horizontal bar chart of (label, value) rows, with a <title> for screen readers."""
    rows = rows[:15]
    top = max([v for _l, v in rows] or [1]) or 1
    step = LINE + BAR + GAP
    height = len(rows) * step + GAP
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = GAP + i * step
        w = max(1, round((WIDTH - NUMBER) * value / top))
        parts.append(f'<text x="0" y="{y + LINE - 4}" font-size="{FONT}">{escape(_short(str(label)))}<title>{escape(str(label))}</title></text>'
                     f'<rect x="0" y="{y + LINE}" width="{w}" height="{BAR}" fill="#2f6f8f"></rect>'
                     f'<text x="{w + 4}" y="{y + LINE + BAR - 3}" font-size="{FONT}">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
