"""Rich renderables for the terminal; content text is always Text, never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from kpiprep.enums import Level
from kpiprep.render.text import (
    Section,
    cells,
    explain_sections,
    layout,
    pad,
    question_sections,
)
from kpiprep.term import Term, level_heading

LABEL = "bold cyan"
# Sections whose text or label stands out on a terminal.
_TEXT_STYLES = {"Summary": "italic"}
_LABEL_STYLES = {"Red flags": "bold red"}


def title(term: Term) -> Text:
    text = Text()
    text.append(term.name, style="bold")
    if term.full_name.casefold() != term.name.casefold():
        text.append(f" · {term.full_name}", style="bold")
    text.append(f"  ({term.industry_name})", style="dim")
    return text


def card(sections: Sequence[Section], width: int, *, boxed: bool = True) -> Text:
    """The sections of kpiprep.render.text, laid out there and styled here.

    Drawn line by line rather than as a Rich table: a table lays every cell out again
    and again, which cost most of `explain`'s time on a terminal.
    """
    inner = width - 2  # between the box's side lines
    label_width, laid = layout(sections, inner if boxed else width)
    out = Text(no_wrap=True, overflow="ignore")

    def rule(left: str, right: str) -> None:
        if boxed:
            out.append(f"{left}{'─' * inner}{right}\n")

    rule("╭", "╮")
    for number, (section, rows) in enumerate(zip(sections, laid, strict=True)):
        if number:
            rule("├", "┤")
        label_style = _LABEL_STYLES.get(section.label, LABEL)
        text_style = "bold" if section.label.startswith("Q") else _TEXT_STYLES.get(section.label)
        for row in rows:
            out.append("│ " if boxed else " ")
            out.append(pad(row.label, label_width), style=label_style)
            out.append(f" {row.mark} ")
            out.append(row.text, style=text_style if isinstance(section.body, str) else None)
            spare = inner - (label_width + 5 + cells(row.text))
            out.append(" " * spare + " │\n" if boxed else "\n")
    rule("╰", "╯")
    out.rstrip()
    return out


def explain_view(term: Term, width: int, *, boxed: bool = True) -> RenderableType:
    """The overview of a term: everything a recruiter needs before a screening call."""
    return Group(title(term), card(explain_sections(term), width, boxed=boxed))


def questions_view(
    term: Term, levels: Sequence[Level], width: int, *, boxed: bool = True
) -> RenderableType:
    """Questions for the chosen levels, each with what a good answer holds."""
    parts: list[RenderableType] = [title(term)]
    for level in levels:
        parts.append(Text(f"\n{level_heading(term, level)}", style="bold magenta"))
        for number, question in enumerate(term.questions.for_level(level), 1):
            if not boxed and number > 1:
                parts.append(Text())  # without boxes, a blank line keeps questions apart
            parts.append(card(question_sections(number, question), width, boxed=boxed))
    return Group(*parts)
