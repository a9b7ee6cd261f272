"""`explain` and `questions`: one term, read in the terminal or exported as text."""

# No `from __future__ import annotations`: see kpiprep.cli.app.


import typer

from kpiprep.cli import params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    boxed,
    is_terminal,
    make_console,
    plain_width,
    show,
    write,
)
from kpiprep.enums import (
    OutputFormat,
)


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
    """
    found = params.find(ctx, term, industry)
    if fmt is OutputFormat.json:
        from kpiprep.render.json import explain_json

        write(explain_json(found))
    elif fmt is OutputFormat.markdown:
        from kpiprep.render.markdown import explain_markdown

        write(explain_markdown(found))
    else:
        if not is_terminal():
            from kpiprep.render.text import explain_text

            write(explain_text(found, plain_width()))
            return
        from kpiprep.render.terminal import explain_view

        console = make_console()
        show(explain_view(found, console.width, boxed=boxed(console)), console)


@command()
def questions(
    ctx: typer.Context,
    term: params.TermArg = "kpi",
    level: params.LevelOpt = None,
    fmt: params.FormatOpt = OutputFormat.table,
    industry: params.IndustryOpt = None,
) -> None:
    """Interview questions with what a good answer contains, junior to senior.

    Examples:

    \b
      kpiprep questions --level senior
      kpiprep questions kpi --format json
    """
    found = params.find(ctx, term, industry)
    levels = params.levels(level)
    if fmt is OutputFormat.json:
        from kpiprep.render.json import questions_json

        write(questions_json(found, levels))
    elif fmt is OutputFormat.markdown:
        from kpiprep.render.markdown import questions_markdown

        write(questions_markdown(found, levels))
    else:
        if not is_terminal():
            from kpiprep.render.text import questions_text

            write(questions_text(found, levels, plain_width()))
            return
        from kpiprep.render.terminal import questions_view

        console = make_console()
        show(questions_view(found, levels, console.width, boxed=boxed(console)), console)
