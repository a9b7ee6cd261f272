"""Rich renderables for the terminal; content text is always Text, never parsed as markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kpiprep.enums import Level
from kpiprep.term import Question, Term

LABEL = "bold cyan"


def _table(boxed: bool) -> Table:
    table = Table(
        show_header=False,
        box=box.ROUNDED if boxed else None,
        show_lines=boxed,
        expand=True,
        padding=(0, 1),
    )
    table.add_column(style=LABEL, no_wrap=True, ratio=None)
    table.add_column(ratio=1, overflow="fold")
    return table


def bullets(items: Iterable[str], mark: str = "•") -> Table:
    """A list whose wrapped lines hang under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(mark, Text(item))
    return grid


def level_heading(term: Term, level: Level) -> str:
    return f"{level.label} ({term.levels.for_level(level).years} years)"


def title(term: Term) -> Text:
    text = Text()
    text.append(term.name, style="bold")
    if term.full_name.casefold() != term.name.casefold():
        text.append(f" · {term.full_name}", style="bold")
    text.append(f"  ({term.industry_name})", style="dim")
    return text


def explain_view(term: Term, *, boxed: bool = True) -> RenderableType:
    """The overview of a term: everything a recruiter needs before a screening call."""
    table = _table(boxed)
    table.add_row("Summary", Text(term.summary, style="italic"))
    table.add_row("Definition", Text(term.definition))
    table.add_row("Think of it as", Text(term.analogy))
    if term.aliases:
        table.add_row("Also called", Text(", ".join(term.aliases)))
    table.add_row("In practice", bullets(term.examples))
    table.add_row("On a resume", bullets(term.resume_phrases))
    table.add_row("Typical job title", Text(term.typical_job_title))
    table.add_row("Also search for", bullets(term.related_job_titles))
    table.add_row("Where to find", bullets(term.where_to_find))
    for level in Level:
        table.add_row(level_heading(term, level), bullets(term.levels.for_level(level).indicators))
    table.add_row(Text("Red flags", style="bold red"), bullets(term.red_flags, "⚑"))
    return Group(title(term), table)


def question_view(number: int, question: Question, *, boxed: bool = True) -> Table:
    table = _table(boxed)
    table.add_row(f"Q{number}", Text(question.question, style="bold"))
    table.add_row("Good answer", Text(question.expected_answer))
    table.add_row("Listen for", bullets(question.listen_for, "☐"))
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
