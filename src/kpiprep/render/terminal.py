"""Rich renderables for the terminal; content text is always Text, never parsed as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kpiprep.enums import Level
from kpiprep.render.plain import Section, explain_sections, question_sections
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


def card(sections: Sequence[Section], *, boxed: bool = True) -> Table:
    """The sections of kpiprep.render.plain, drawn as one Rich table."""
    table = card_table(boxed)
    for item in sections:
        label = Text(item.label, style=_LABEL_STYLES.get(item.label, LABEL))
        body: str | Text | tuple[str, ...] = item.body
        if isinstance(item.body, str):
            style = "bold" if item.label.startswith("Q") else _TEXT_STYLES.get(item.label, "")
            body = Text(item.body, style=style)
        section(table, label, body, item.mark)
    return table


def explain_view(term: Term, *, boxed: bool = True) -> RenderableType:
    """The overview of a term: everything a recruiter needs before a screening call."""
    return Group(title(term), card(explain_sections(term), boxed=boxed))


def question_view(number: int, question: Question, *, boxed: bool = True) -> Table:
    return card(question_sections(number, question), boxed=boxed)


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
