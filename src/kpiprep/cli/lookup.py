"""`explain` and `questions`: one term, read in the terminal or exported as text."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer

from kpiprep.cli import params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    ansi_terminal,
    boxed,
    is_terminal,
    make_console,
    plain_width,
    show,
    terminal_style,
    write,
)
from kpiprep.enums import Level, OutputFormat

if TYPE_CHECKING:
    from kpiprep.term import Term


def _card(kind: str, term: "Term", **extra: Any) -> None:
    """A term card (`kind`: explain or questions): plain lines to a pipe, escape codes on a
    POSIX terminal, Rich elsewhere. Each renderer names its function `<kind>_text`,
    `<kind>_runs` and `<kind>_view`; Rich is imported only on its own path."""
    from kpiprep.render import styled, text

    if not is_terminal():
        write(getattr(text, f"{kind}_text")(term, width=plain_width(), **extra))
        return
    if ansi_terminal():
        from kpiprep.render.ansi import to_ansi

        width, colour = terminal_style()
        runs = getattr(styled, f"{kind}_runs")(term, width=width, boxed=colour, **extra)
        write(to_ansi(runs, colour=colour))
        return
    from kpiprep.render import terminal

    console = make_console()
    view = getattr(terminal, f"{kind}_view")
    show(view(term, width=console.width, boxed=boxed(console), **extra), console)


def _explain_table(term: "Term", others: Sequence[str]) -> None:
    _card("explain", term, others=others)


def _explain_markdown(term: "Term", others: Sequence[str]) -> None:
    from kpiprep.render.markdown import explain_markdown

    write(explain_markdown(term, others))


def _explain_json(term: "Term", others: Sequence[str]) -> None:
    from kpiprep.render.json import explain_json

    write(explain_json(term))


def _questions_table(term: "Term", levels: Sequence[Level]) -> None:
    _card("questions", term, levels=levels)


def _questions_markdown(term: "Term", levels: Sequence[Level]) -> None:
    from kpiprep.render.markdown import questions_markdown

    write(questions_markdown(term, levels))


def _questions_json(term: "Term", levels: Sequence[Level]) -> None:
    from kpiprep.render.json import questions_json

    write(questions_json(term, levels))


# Each format to its renderer, in one table per command (tests/cli check every member).
EXPLAIN: "dict[OutputFormat, Callable[[Term, Sequence[str]], None]]" = {
    OutputFormat.table: _explain_table,
    OutputFormat.markdown: _explain_markdown,
    OutputFormat.json: _explain_json,
}
QUESTIONS: "dict[OutputFormat, Callable[[Term, Sequence[Level]], None]]" = {
    OutputFormat.table: _questions_table,
    OutputFormat.markdown: _questions_markdown,
    OutputFormat.json: _questions_json,
}


@command(short_help="A term in plain words: names, CV phrases, titles, red flags", words=True)
def explain(
    ctx: typer.Context,
    term: params.TermArg,
    fmt: params.FormatOpt = OutputFormat.table,
    industry: params.IndustryOpt = None,
) -> None:
    """Explain a term: plain-language definition, other names, resume phrases, job titles,
    what each level should show, red flags.

    Examples:

    \b
      kpiprep explain kpi
      kpiprep explain performance metrics --format markdown
      kpiprep explain kpi --industry management
    """
    library = params.library(ctx)
    found = library.find(params.words(ctx, term), industry)
    others = [i for i in library.industries_of(found.slug) if i != found.industry]
    EXPLAIN[fmt](found, others)


@command(short_help="Interview questions by level, with what a good answer holds", words=True)
def questions(
    ctx: typer.Context,
    term: params.TermArg = "kpi",
    level: params.LevelOpt = None,
    fmt: params.FormatOpt = OutputFormat.table,
    industry: params.IndustryOpt = None,
) -> None:
    """Interview questions with what each tests, what a good answer contains, follow-up
    probes and rating anchors, junior to senior.

    Examples:

    \b
      kpiprep questions --level senior
      kpiprep questions kpi --format json
    """
    QUESTIONS[fmt](params.find(ctx, params.words(ctx, term), industry), params.levels(level))
