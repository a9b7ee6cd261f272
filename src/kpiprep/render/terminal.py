"""Rich renderables for the terminal; content text is always Text, never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kpiprep.enums import Level
from kpiprep.term import Question, Term, level_heading

LABEL = "bold cyan"
# Rounded outer border and lines between sections, but no inner vertical lines:
# the bullet column must not look like a column of its own.
CARD = box.Box("╭──╮\n│  │\n├──┤\n│  │\n├──┤\n├──┤\n│  │\n╰──╯\n")


def card_table(boxed: bool) -> Table:
    """Label, mark, text: one flat table, since nested tables cost a lot to lay out."""
    table = Table(
        show_header=False,
        box=CARD if boxed else None,
        expand=True,
        padding=(0, 1),
        collapse_padding=True,
    )
    table.add_column(style=LABEL, no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    return table


def section(
    table: Table, label: str | Text, body: str | Text | Sequence[str], mark: str = "•"
) -> None:
    """One labelled section: a paragraph, or a list whose wrapped lines hang under the text."""
    if isinstance(body, (str, Text)):
        table.add_row(label, "", body if isinstance(body, Text) else Text(body), end_section=True)
        return
    for index, item in enumerate(body):
        last = index == len(body) - 1
        table.add_row(label if index == 0 else "", mark, Text(item), end_section=last)


def title(term: Term) -> Text:
    text = Text()
    text.append(term.name, style="bold")
    if term.full_name.casefold() != term.name.casefold():
        text.append(f" · {term.full_name}", style="bold")
    text.append(f"  ({term.industry_name})", style="dim")
    return text


def explain_view(term: Term, *, boxed: bool = True) -> RenderableType:
    """The overview of a term: everything a recruiter needs before a screening call."""
    table = card_table(boxed)
    section(table, "Summary", Text(term.summary, style="italic"))
    section(table, "Definition", term.definition)
    section(table, "Think of it as", term.analogy)
    if term.aliases:
        section(table, "Also called", ", ".join(term.aliases))
    section(table, "In practice", term.examples)
    section(table, "On a resume", term.resume_phrases)
    section(table, "Typical job title", term.typical_job_title)
    section(table, "Also search for", term.related_job_titles)
    section(table, "Where to find", term.where_to_find)
    for level in Level:
        section(table, level_heading(term, level), term.levels.for_level(level).indicators)
    section(table, Text("Red flags", style="bold red"), term.red_flags, "⚑")
    return Group(title(term), table)


def question_view(number: int, question: Question, *, boxed: bool = True) -> Table:
    table = card_table(boxed)
    section(table, f"Q{number}", Text(question.question, style="bold"))
    section(table, "Good answer", question.expected_answer)
    section(table, "Listen for", question.listen_for, "☐")
    return table


def questions_view(term: Term, levels: Sequence[Level], *, boxed: bool = True) -> RenderableType:
    """Questions for the chosen levels, each with what a good answer holds."""
    parts: list[RenderableType] = [title(term)]
    for level in levels:
        parts.append(Text(f"\n{level_heading(term, level)}", style="bold magenta"))
        for number, question in enumerate(term.questions.for_level(level), 1):
            if not boxed and number > 1:
                parts.append(Text())  # without boxes, a blank line keeps questions apart
            parts.append(question_view(number, question, boxed=boxed))
    return Group(*parts)
