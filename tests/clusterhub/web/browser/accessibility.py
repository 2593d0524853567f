"""WCAG 2.1 AA checks for a page in the browser: axe-core (npm, injected into the page) and the
three things axe does not measure here: focus-outline contrast, clipped chart labels and the
order of focus against the order on screen."""
from __future__ import annotations

import json
from pathlib import Path

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"moderate", "serious", "critical"}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page) -> list[str]:
    """axe-core's violations of moderate impact or above on page, one readable line each."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run `make test` (npm ci in {AXE.parents[2]})")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": RULES}})
    found = []
    for v in result["violations"]:
        if v["impact"] in SERIOUS:
            targets = "; ".join(json.dumps(n["target"], ensure_ascii=False) for n in v["nodes"][:3])
            found.append(f"{v['impact']} {v['id']}: {v['help']} at {targets}")
    return found


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


FOCUS_COLOURS = """sel => {
  const el = document.querySelector(sel);
  el.focus();
  const parse = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const style = getComputedStyle(el);
  let bg = el.parentElement, colour = 'rgba(0, 0, 0, 0)';
  while (bg) {  // the background the outline is drawn on: the nearest opaque one
    colour = getComputedStyle(bg).backgroundColor;
    if (!colour.startsWith('rgba') || !colour.endsWith(', 0)')) break;
    bg = bg.parentElement;
  }
  if (!bg) colour = 'rgb(255, 255, 255)';
  return {outline: parse(style.outlineColor), width: parseFloat(style.outlineWidth),
          style: style.outlineStyle, background: parse(colour)};
}"""


def focus_outline(page, selector: str) -> dict:
    """The focus outline of the first element matching selector, focused from the keyboard."""
    page.keyboard.press("Tab")  # keyboard modality: :focus-visible applies to what is focused next
    return page.evaluate(FOCUS_COLOURS, selector)


CLIPPED_LABELS = """() => {
  const out = [];
  for (const chart of document.querySelectorAll('div.chart')) {
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('.chart-label, .chart-value')) {
      const b = t.getBoundingClientRect();
      if (b.left < box.left - 0.5 || b.right > box.right + 0.5 || t.scrollWidth > t.clientWidth + 1) out.push(t.textContent);
    }
  }
  return out;
}"""


def clipped_chart_labels(page) -> list[str]:
    return page.evaluate(CLIPPED_LABELS)


CHART_TEXT_SIZES = """() => [...document.querySelectorAll('.chart text, .chart .chart-label, .chart .chart-value')].map(t => {
  const size = parseFloat(getComputedStyle(t).fontSize);
  const svg = t.ownerSVGElement;  // text drawn in a scaled SVG is as small as its scale makes it
  return svg ? size * t.getScreenCTM().a : size;
})"""


def chart_text_sizes(page) -> list[float]:
    """The size in CSS pixels at which each label and value of the page's charts is drawn."""
    return page.evaluate(CHART_TEXT_SIZES)


def overflows(page) -> int:
    """How many pixels the page is wider than its viewport (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
