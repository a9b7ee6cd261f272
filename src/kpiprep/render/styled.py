"""Term cards as styled runs of text: the one drawing of `explain` and `questions` on a terminal.

A run is (text, style): the text with its newlines, and a Rich style name or None. Rich turns
runs into a Text (kpiprep.render.terminal); kpiprep.render.ansi writes them as escape codes
itself, which spares a terminal run the cost of importing Rich's console.
"""

from __future__ import annotations

from collections.abc import Sequence

from kpiprep.enums import Level
from kpiprep.render.text import Section, cells, explain_sections, layout, pad, question_sections
from kpiprep.term import Term, display_name, level_heading

Run = tuple[str, "str | None"]

LABEL = "bold cyan"
HEADING = "bold magenta"
# Sections whose text or label stands out on a terminal.
_TEXT_STYLES = {"Summary": "italic"}
_LABEL_STYLES = {"Red flags": "bold red"}


def title(term: Term) -> list[Run]:
    return [(display_name(term.name, term.full_name), "bold"), (f"  ({term.industry_name})", "dim")]


def card(sections: Sequence[Section], width: int, *, boxed: bool = True) -> list[Run]:
    """The sections of kpiprep.render.text, laid out there and styled here, line by line
    (a Rich table would lay every cell out again and again, the most of `explain`'s time)."""
    inner = width - 2  # between the box's side lines
    label_width, laid = layout(sections, inner if boxed else width)
    out: list[Run] = []

    def rule(left: str, right: str) -> None:
        if boxed:
            out.append((f"{left}{'─' * inner}{right}\n", None))

    rule("╭", "╮")
    for number, (section, rows) in enumerate(zip(sections, laid, strict=True)):
        if number:
            rule("├", "┤")
        label_style = _LABEL_STYLES.get(section.label, LABEL)
        text_style = "bold" if section.label.startswith("Q") else _TEXT_STYLES.get(section.label)
        for row in rows:
            spare = inner - (label_width + 5 + cells(row.text))
            out += [
                ("│ " if boxed else " ", None),
                (pad(row.label, label_width), label_style),
                (f" {row.mark} ", None),
                (row.text, text_style if isinstance(section.body, str) else None),
                (" " * spare + " │\n" if boxed else "\n", None),
            ]
    rule("╰", "╯")
    return out


def explain_runs(term: Term, width: int, others: Sequence[str] = (), *, boxed: bool) -> list[Run]:
    """The overview of a term: everything a recruiter needs before a screening call."""
    return [*title(term), ("\n", None), *card(explain_sections(term, others), width, boxed=boxed)]


def questions_runs(term: Term, levels: Sequence[Level], width: int, *, boxed: bool) -> list[Run]:
    """Questions for the chosen levels, each with what a good answer holds."""
    out: list[Run] = [*title(term), ("\n", None)]
    for level in levels:
        out += [("\n", None), (level_heading(term, level), HEADING), ("\n", None)]
        for number, question in enumerate(term.questions.for_level(level), 1):
            if not boxed and number > 1:
                out.append(("\n", None))  # without boxes, a blank line keeps questions apart
            out += card(question_sections(number, question), width, boxed=boxed)
    return out
