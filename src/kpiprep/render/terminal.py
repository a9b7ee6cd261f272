"""Rich renderables for the terminal: term cards, library views, the practice drill, the
question being scored and the debrief.

Content text is always Text, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich import box
from rich.console import Group, RenderableType
from rich.text import Text

from kpiprep.enums import Level
from kpiprep.render.styled import LABEL, Run, explain_runs, questions_runs
from kpiprep.render.styled import card as styled_card
from kpiprep.render.styled import title as styled_title
from kpiprep.term import Term, display_name, level_heading

if TYPE_CHECKING:
    # Imported where they are used: a term card is drawn line by line and needs no table,
    # nor the library's or the drill's types.
    from rich.table import Table

    from kpiprep.catalog import IndustryInfo, Record
    from kpiprep.debrief import Debrief
    from kpiprep.practice import Card, Ending, Show, Summary
    from kpiprep.scan import Ranked, ScanResult
    from kpiprep.scoring import ShowQuestion
    from kpiprep.search import Hit, Result


def _text(runs: list[Run]) -> Text:
    out = Text(no_wrap=True, overflow="ignore")
    for text, style in runs:
        out.append(text, style=style)
    out.rstrip()
    return out


def title(term: Term) -> Text:
    return _text(styled_title(term))


def explain_view(
    term: Term, width: int, others: Sequence[str] = (), *, boxed: bool = True
) -> RenderableType:
    """The overview of a term: everything a recruiter needs before a screening call."""
    return _text(explain_runs(term, width, others, boxed=boxed))


def questions_view(
    term: Term, levels: Sequence[Level], width: int, *, boxed: bool = True
) -> RenderableType:
    """Questions for the chosen levels, each with what a good answer holds."""
    return _text(questions_runs(term, levels, width, boxed=boxed))


MATCH_STYLE = "bold black on yellow"


class FolderInfo(NamedTuple):
    """A folder of the search path as `paths` shows it."""

    position: int
    origin: str
    path: str
    exists: bool
    files: int


def _table(boxed: bool, *headers: str) -> Table:
    from rich.table import Table

    return Table(*headers, box=box.ROUNDED if boxed else None, header_style="bold")


def industries_view(found: Sequence[IndustryInfo], *, boxed: bool = True) -> RenderableType:
    table = _table(boxed, "Industry", "Name", "Terms")
    for info in found:
        table.add_row(Text(info.slug, style="bold"), Text(info.name), str(info.terms))
    hint = Text("Use one with --industry, by slug or name: kpiprep list --industry sales", "dim")
    return Group(table, hint)


def list_view(records: Sequence[Record], *, boxed: bool = True) -> RenderableType:
    table = _table(boxed, "Term", "Name", "Industries", "From")
    from kpiprep.catalog import by_term

    for slug, group in by_term(records).items():
        table.add_row(
            Text(slug, style="bold"),
            Text(display_name(group[0].name, group[0].full_name)),
            Text("\n".join(r.industry for r in group)),
            Text(
                "\n".join(
                    r.origin if r.origin == "shipped" else f"{r.origin}: {r.folder}" for r in group
                )
            ),  # fmt: skip
        )
    count = len(by_term(records))
    return Group(table, Text(f"{count} terms, {len(records)} files", style="dim"))


def marked(text: str, spans: Sequence[tuple[int, int]], *, styled: bool) -> Text:
    """Text with its matching words highlighted (or, in plain output, between asterisks)."""
    out = Text()
    position = 0
    for start, end in spans:
        if start < position:
            continue
        out.append(text[position:start])
        if styled:
            out.append(text[start:end], style=MATCH_STYLE)
        else:
            out.append(f"*{text[start:end]}*")
        position = end
    out.append(text[position:])
    return out


def _where(hit: Hit) -> str:
    return f"{hit.field} ({hit.level})" if hit.level else hit.field


def search_view(
    results: Sequence[Result], *, styled: bool, default_industry: str = "human-resources"
) -> RenderableType:
    parts: list[RenderableType] = []
    for number, result in enumerate(results, 1):
        # One line per result, however narrow: a slug folded onto a line of its own would
        # not be found by grep, nor pasted back as a command.
        head = Text(no_wrap=True, overflow="ignore")
        head.append(f"{number}. ", style="dim")
        head.append(display_name(result.name, result.full_name), style="bold")
        head.append(f"  ({result.industry_name})", style="dim")
        head.append(f"  {result.slug}", style="cyan")
        if result.industry != default_industry:
            head.append(f" --industry {result.industry}", style="cyan")
        parts.append(head)
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for hit in result.hits:
            from kpiprep.search import snippet

            text, spans = snippet(hit)
            grid.add_row(f"   {_where(hit)}:", marked(text, spans, styled=styled))
        parts.append(grid)
    return Group(*parts)


def paths_view(
    folders: Sequence[FolderInfo],
    user_folder: str,
    *,
    boxed: bool,
    guides: Sequence[str] = (),
) -> RenderableType:
    table = _table(boxed, "#", "Folder", "From", "Exists", "Files")
    for info in folders:
        table.add_row(
            str(info.position),
            Text(info.path),
            Text(info.origin),
            "yes" if info.exists else "no",
            str(info.files) if info.exists else "-",
        )
    hint = Text("Put your own term files in ")
    hint.append(user_folder, style="bold")
    hint.append(
        " (as <term>/<industry>.yaml), or in any folder you pass with --content-dir or list in"
        " KPIPREP_CONTENT_PATH. Earlier folders win."
    )
    parts: list[RenderableType] = [Text("Content folders, in search order:"), table, hint]
    if guides:
        parts.append(Text("Guides for writing content, role files and scorecards:"))
        # A path is copied whole from a terminal or a pipe: never folded at the width.
        parts += [Text(f"  {guide}", no_wrap=True, overflow="ignore") for guide in guides]
    return Group(*parts)


def _ending(ending: Ending) -> str:
    from kpiprep.practice import Ending

    return {
        Ending.completed: "Drill complete",
        Ending.quit: "Stopped",
        Ending.end_of_input: "Input ended",
        Ending.interrupted: "Interrupted",
    }[ending]


# Rounded outer border and lines between sections, but no inner vertical lines:
# the bullet column must not look like a column of its own.
CARD = box.Box("╭──╮\n│  │\n├──┤\n│  │\n├──┤\n├──┤\n│  │\n╰──╯\n")


def card_table(boxed: bool) -> Table:
    """Label, mark, text: one flat table, since nested tables cost a lot to lay out."""
    from rich.table import Table

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
    """What a good answer contains, the points to listen for and, for a schema 2 question,
    what it tests, the follow-ups an interviewer would ask and how each answer rates."""
    from kpiprep.render.text import anchor_lines

    question = card.question
    table = card_table(boxed)
    if question.tests:
        section(table, "Tests", question.tests)
    section(table, "Good answer", question.expected_answer)
    section(table, "Listen for", question.listen_for, "☐")
    if question.probes:
        section(table, "Follow up", question.probes, "→")
    if question.anchors:
        section(table, "Rate it", anchor_lines(question), "·")
    return table


def _rating_text(rating: int | None) -> Text:
    if rating is None:
        return Text("skipped", style="dim")
    style = "red" if rating == 1 else "yellow" if rating == 2 else "green"
    from kpiprep.practice import RATINGS

    return Text(f"{rating} {RATINGS[rating]}", style=style)


def summary_view(summary: Summary, *, boxed: bool = True) -> RenderableType:
    """Each question done with its rating, then the weakest ones' points to revise."""
    from kpiprep.practice import RATINGS

    rated = sum(1 for done in summary.done if done.rating is not None)
    skipped = len(summary.done) - rated
    heading = f"\n{_ending(summary.ending)}: {rated} of {_plural(summary.total, 'question')} rated"
    if skipped:
        heading += f", {skipped} skipped"
    if summary.average is not None:
        heading += f", average rating {summary.average:.1f}"
    parts: list[RenderableType] = [Text(heading, style="bold")]
    if not summary.done:
        return Group(*parts)
    table = _table(boxed, "Rating", "Question")
    table.expand = True
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


_SCAN_STYLES = {
    "title": "bold",
    "heading": "bold magenta",
    "term": "bold cyan",
    "label": "bold",
    "probe": "italic yellow",
    "dim": "dim",
}


def scan_view(results: Sequence[ScanResult], width: int) -> RenderableType:
    """The scan report of kpiprep.render.text, styled line by line."""
    from kpiprep.render.scan_text import scan_lines

    parts: list[RenderableType] = []
    for number, result in enumerate(results):
        if number:
            parts.append(Text())
        for line in scan_lines(result, width):
            parts.append(Text(line.text, style=_SCAN_STYLES.get(line.style, ""), no_wrap=True))
    return Group(*parts)


def ranking_view(rows: Sequence[Ranked], *, boxed: bool) -> RenderableType:
    """Several files ranked by the library terms they evidence; a failed file says why."""
    from kpiprep.render.scan_text import top_terms

    table = _table(boxed, "#", "File", "Terms", "Evidence", "Top terms")
    table.columns[1].overflow = "fold"  # a file name is never cut short
    for column in (2, 3):
        table.columns[column].justify = "right"
    for row in rows:
        name, result = row.outcome.name, row.outcome.result
        if result is None:
            failed = Text(f"failed: {row.outcome.error}", style="red")
            table.add_row("-", Text(name), "", "", failed)
        else:
            table.add_row(
                str(row.rank),
                Text(name, style="bold"),
                str(len(result.terms)),
                str(result.evidence_lines),
                Text(top_terms(result)),
            )
    title = Text("Files ranked by the library terms they evidence", "bold")
    return Group(title, table)


def score_view(shown: ShowQuestion, width: int, *, boxed: bool = True) -> RenderableType:
    """The question being scored, with its listen-for points and red flags numbered."""
    from kpiprep.render.loop_text import score_heading, score_sections

    heading = Text(f"\n{score_heading(shown)}", style="bold magenta")
    return Group(heading, _text(styled_card(score_sections(shown), width, boxed=boxed)))


def debrief_view(debrief: Debrief, width: int) -> RenderableType:
    """The debrief with Rich's styles, for consoles that need Rich to show colour (on
    Windows); elsewhere kpiprep.render.text.debrief_ansi writes the same, faster."""
    from rich.text import Span

    from kpiprep.render.loop_text import DEBRIEF_STYLES, debrief_lines

    plain: list[str] = []
    spans: list[Span] = []
    at = 0
    for line in debrief_lines(debrief, width, fill="█", empty="░"):
        for text, style in line + [("\n", "")]:
            if style:
                spans.append(Span(at, at + len(text), DEBRIEF_STYLES[style][0]))
            plain.append(text)
            at += len(text)
    # In a Group: printed bare, Rich would join it into a new Text that wraps every line.
    return Group(Text("".join(plain).rstrip("\n"), no_wrap=True, spans=spans))
