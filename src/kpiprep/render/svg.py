"""The debrief's chart as inline SVG: each term's average and each question's rating, one
bar per interviewer.

Terms and questions whose ratings are 2 or more apart sit on a red band, so disagreement
shows at a glance. Plain SVG elements only: no script, no style sheet, no link, nothing to
fetch; every name and question is escaped text, and the full question is each group's
<title> (a tooltip on screen, and what screen readers say).
"""

from __future__ import annotations

import html
from typing import NamedTuple

from kpiprep.debrief import Debrief

WIDTH = 720
LABEL = 250  # question labels
NAME = 130  # interviewer names
RIGHT = 80  # the rating and the disagreement mark
ROW = 18
GAP = 10
TOP = 26
COLOURS = {1: "#c53030", 2: "#dd6b20", 3: "#38a169", 4: "#276749"}


def _text(value: str, limit: int) -> str:
    value = " ".join(value.split())
    shown = value if len(value) <= limit else value[: limit - 1] + "…"
    return html.escape(shown, quote=True)


class Bar(NamedTuple):
    """One interviewer's bar: a rating or an average, or why there is none."""

    name: str
    value: float | None
    missing: str = "not rated"


def _group(
    label: str, title: str, bars: list[Bar], spread: str | None, y: int, x0: int, unit: float
) -> tuple[list[str], int]:
    """A group of bars under one label; on a red band with `spread` when they disagree."""
    height = GAP + ROW * max(1, len(bars))
    out = [f"<g><title>{_text(title, 600)}</title>"]
    if spread:
        out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{height}" fill="#fde8e8"/>')
        # Under the label: disagreement needs two bars, so the group has room for it.
        out.append(
            f'<text x="4" y="{y + 14 + ROW}" fill="#c53030" font-weight="bold">'
            f"⚑ {spread} apart: discuss</text>"
        )
    out.append(f'<text x="4" y="{y + 14}" font-weight="bold">{_text(label, 34)}</text>')
    for index, item in enumerate(bars):
        top = y + GAP // 2 + ROW * index
        out.append(f'<text x="{LABEL}" y="{top + 13}">{_text(item.name, 18)}</text>')
        if item.value is None:
            out.append(f'<text x="{x0 + 4}" y="{top + 13}" fill="#718096">{item.missing}</text>')
            continue
        width = round(unit * item.value, 1)
        colour = COLOURS[max(1, min(4, round(item.value)))]
        out.append(
            f'<rect x="{x0}" y="{top + 3}" width="{width}" height="{ROW - 6}" fill="{colour}"/>'
        )
        shown = str(item.value) if isinstance(item.value, int) else f"{item.value:.1f}"
        out.append(f'<text x="{x0 + width + 4}" y="{top + 13}">{shown}</text>')
    out.append("</g>")
    return out, height


def _groups(debrief: Debrief) -> list[tuple[str, str, list[Bar], str | None]]:
    """Each term's averages, then each question's ratings: label, title, bars, spread."""
    groups = []
    for term in debrief.terms:
        pairs = zip(debrief.raters, term.averages, strict=True)
        bars = [Bar(r.name, a) for r, a in pairs if a is not None]
        spread = f"{term.spread:.1f}" if term.discuss and term.spread is not None else None
        groups.append((f"{term.name} (average)", f"{term.name}: average rating", bars, spread))
    for row in debrief.questions:
        bars = [
            Bar(m.interviewer, m.rating, "not asked" if m.asked is False else "not rated")
            for m in row.marks
        ]
        label = f"{row.term} · {row.level.label} Q{row.position}"
        spread = str(row.spread) if row.discuss else None
        groups.append((label, f"{row.id}: {row.question}", bars, spread))
    return groups


def debrief_chart(debrief: Debrief) -> str:
    """An SVG element (no XML prolog: it goes inline in the HTML page)."""
    x0 = LABEL + NAME
    unit = (WIDTH - x0 - RIGHT) / 4
    body: list[str] = []
    y = TOP
    for label, title, bars, spread in _groups(debrief):
        group, height = _group(label, title, bars, spread, y, x0, unit)
        body += group
        y += height
    grid = []
    for point in range(1, 5):
        x = round(x0 + unit * point, 1)
        grid.append(f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{y}" stroke="#cbd5e0"/>')
        grid.append(f'<text x="{x}" y="{TOP - 10}" text-anchor="middle">{point}</text>')
    head = (
        # No xmlns: inline in HTML the parser knows it is SVG, and the page names no address.
        f'<svg viewBox="0 0 {WIDTH} {y + 4}" '
        f'width="{WIDTH}" height="{y + 4}" role="img" font-family="system-ui, sans-serif" '
        'font-size="12" aria-label="Each interviewer\'s rating (1 to 4) of each question; '
        'questions rated 2 or more apart are on a red band">'
    )
    legend = f'<text x="4" y="{TOP - 10}" fill="#4a5568">Rating, 1 to 4</text>'
    return "\n".join([head, legend, *grid, *body, "</svg>"]) + "\n"
