"""Rich renderables for `practice`: the drill's opening, a question, its answer, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kpiprep.practice import RATINGS, Card, Ending, Show, Summary
from kpiprep.render.terminal import LABEL
from kpiprep.term import level_heading

ENDINGS = {
    Ending.completed: "Drill complete",
    Ending.quit: "Stopped",
    Ending.end_of_input: "Input ended",
    Ending.interrupted: "Interrupted",
}


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def intro_view(terms: Sequence[Text | str], total: int) -> RenderableType:
    """What the drill is about: how many questions, from which terms."""
    return Group(Text(f"Practice: {_plural(total, 'question')}", style="bold"), *terms)


def card_label(card: Card) -> str:
    return f"{card.term.name} · {card.level.label} Q{card.number}"


def question_view(shown: Show) -> RenderableType:
    """A question on its own, before the answer is revealed."""
    card = shown.card
    heading = (
        f"\nQuestion {shown.position} of {shown.total} · {card.term.name} · "
        f"{level_heading(card.term, card.level)}"
    )
    return Group(Text(heading, style="bold magenta"), Text(card.question.question, style="bold"))


def answer_view(card: Card, *, boxed: bool = True) -> RenderableType:
    """What a good answer contains and the points to listen for."""
    table = card_table(boxed)
    section(table, "Good answer", card.question.expected_answer)
    section(table, "Listen for", card.question.listen_for, "☐")
    return table


def _rating_text(rating: int | None) -> Text:
    if rating is None:
        return Text("skipped", style="dim")
    style = "red" if rating == 1 else "yellow" if rating == 2 else "green"
    return Text(f"{rating} {RATINGS[rating]}", style=style)


def summary_view(summary: Summary, *, boxed: bool = True) -> RenderableType:
    """Each question done with its rating, then the weakest ones' points to revise."""
    rated = sum(1 for done in summary.done if done.rating is not None)
    skipped = len(summary.done) - rated
    heading = f"\n{ENDINGS[summary.ending]}: {rated} of {_plural(summary.total, 'question')} rated"
    if skipped:
        heading += f", {skipped} skipped"
    if summary.average is not None:
        heading += f", average rating {summary.average:.1f}"
    parts: list[RenderableType] = [Text(heading, style="bold")]
    if not summary.done:
        return Group(*parts)
    table = Table(
        "Rating", "Question", box=box.ROUNDED if boxed else None, header_style="bold", expand=True
    )
    table.columns[0].no_wrap = True
    table.columns[1].ratio = 1
    for done in summary.done:
        table.add_row(
            _rating_text(done.rating),
            Text(f"{card_label(done.card)}: {done.card.question.question}"),
        )
    parts.append(table)
    weakest = summary.weakest()
    rating = weakest[0].rating if weakest else None
    if rating is not None:
        parts.append(Text(f"\nTo revise (rated {rating}, {RATINGS[rating]}):", style="bold"))
        revise = card_table(boxed)
        for done in weakest:
            section(revise, card_label(done.card), done.card.question.question)
            section(revise, "Listen for", done.card.question.listen_for, "☐")
        parts.append(revise)
    elif summary.rated:
        parts.append(Text(f"\nNothing to revise: every rating was {max(RATINGS)}."))
    return Group(*parts)
