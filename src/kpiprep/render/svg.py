"""The debrief's chart as inline SVG: each question, each interviewer's rating as a bar.

Questions whose ratings are 2 or more apart sit on a red band, so disagreement shows at a
glance. Plain SVG elements only: no script, no style sheet, no link, nothing to fetch; every
name and question is escaped text, and the full question is each group's <title> (a tooltip
on screen, and what screen readers say).
"""

from __future__ import annotations

import html

from kpiprep.debrief import Debrief, QuestionRow

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


def _group(row: QuestionRow, y: int, x0: int, unit: float) -> tuple[list[str], int]:
    height = GAP + ROW * max(1, len(row.marks))
    out = [f"<g><title>{_text(f'{row.id}: {row.question}', 600)}</title>"]
    if row.discuss:
        out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{height}" fill="#fde8e8"/>')
        out.append(
            f'<text x="{WIDTH - 4}" y="{y + 14}" text-anchor="end" fill="#c53030" '
            f'font-weight="bold">⚑ {row.spread} apart</text>'
        )
    label = f"{row.term} · {row.level.label} Q{row.position}"
    out.append(f'<text x="4" y="{y + 14}" font-weight="bold">{_text(label, 34)}</text>')
    for index, mark in enumerate(row.marks):
        top = y + GAP // 2 + ROW * index
        out.append(f'<text x="{LABEL}" y="{top + 13}">{_text(mark.interviewer, 18)}</text>')
        if mark.rating is None:
            words = "not asked" if mark.asked is False else "not rated"
            out.append(f'<text x="{x0 + 4}" y="{top + 13}" fill="#718096">{words}</text>')
            continue
        width = round(unit * mark.rating, 1)
        out.append(
            f'<rect x="{x0}" y="{top + 3}" width="{width}" height="{ROW - 6}" '
            f'fill="{COLOURS[mark.rating]}"/>'
        )
        out.append(f'<text x="{x0 + width + 4}" y="{top + 13}">{mark.rating}</text>')
    out.append("</g>")
    return out, height


def debrief_chart(debrief: Debrief) -> str:
    """An SVG element (no XML prolog: it goes inline in the HTML page)."""
    x0 = LABEL + NAME
    unit = (WIDTH - x0 - RIGHT) / 4
    body: list[str] = []
    y = TOP
    for row in debrief.questions:
        group, height = _group(row, y, x0, unit)
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
