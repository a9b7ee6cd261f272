"""`explain` and `questions`: one term, read in the terminal or exported as text."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

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


def _explain_table(term: "Term", others: Sequence[str]) -> None:
    if not is_terminal():
        from kpiprep.render.text import explain_text

        write(explain_text(term, plain_width(), others))
        return
    if ansi_terminal():
        from kpiprep.render.ansi import to_ansi
        from kpiprep.render.styled import explain_runs

        width, styled = terminal_style()
        write(to_ansi(explain_runs(term, width, others, boxed=styled), colour=styled))
        return
    from kpiprep.render.terminal import explain_view

    console = make_console()
    show(explain_view(term, console.width, others, boxed=boxed(console)), console)


def _explain_markdown(term: "Term", others: Sequence[str]) -> None:
    from kpiprep.render.markdown import explain_markdown

    write(explain_markdown(term, others))


def _explain_json(term: "Term", others: Sequence[str]) -> None:
    from kpiprep.render.json import explain_json

    write(explain_json(term))


def _questions_table(term: "Term", levels: Sequence[Level]) -> None:
    if not is_terminal():
        from kpiprep.render.text import questions_text

        write(questions_text(term, levels, plain_width()))
        return
    if ansi_terminal():
        from kpiprep.render.ansi import to_ansi
        from kpiprep.render.styled import questions_runs

        width, styled = terminal_style()
        write(to_ansi(questions_runs(term, levels, width, boxed=styled), colour=styled))
        return
    from kpiprep.render.terminal import questions_view

    console = make_console()
    show(questions_view(term, levels, console.width, boxed=boxed(console)), console)


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


@command()
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
      kpiprep explain "performance metrics" --format markdown
      kpiprep explain kpi --industry management
    """
    library = params.library(ctx)
    found = library.find(term, industry)
    others = [i for i in library.industries_of(found.slug) if i != found.industry]
    EXPLAIN[fmt](found, others)


@command()
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
    QUESTIONS[fmt](params.find(ctx, term, industry), params.levels(level))
