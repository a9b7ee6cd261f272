"""`guide`, `practice` and `sourcing`: from terms to an interview and a search string."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from kpiprep.cli import loop, params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    ask,
    boxed,
    make_console,
    show,
    stderr_line,
    write,
)
from kpiprep.cli.exports import EXTENSIONS, FORMATS, GUIDE, SUFFIXES, deliver
from kpiprep.enums import (
    GuideFormat,
    TextFormat,
)

if TYPE_CHECKING:
    from kpiprep.interview import Interview
    from kpiprep.sourcing import Sourcing


def _sourcing_json(parts: "Sourcing") -> str:
    from kpiprep.render.json import sourcing_json

    return sourcing_json(parts)


SOURCING: "dict[TextFormat, Callable[[Sourcing], str]]" = {
    TextFormat.text: lambda parts: parts.query + "\n",
    TextFormat.json: _sourcing_json,
}


@command(short_help="A printable interview guide with a scorecard")
def guide(
    ctx: typer.Context,
    terms: Annotated[
        list[str] | None,
        typer.Argument(
            help="One or more terms (default: kpi); several make one guide with one scorecard.",
            autocompletion=params.complete_term,
            show_default=False,
            metavar="TERM",
        ),
    ] = None,
    level: params.LevelOpt = None,
    export: Annotated[
        str | None,
        params.export_option(
            "Write the guide to this file ('-' for standard output); its extension chooses "
            f"the format: {EXTENSIONS} (a PDF is printed with Chromium, Chrome or Edge)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the export file if it exists.")
    ] = False,
    fmt: Annotated[
        GuideFormat | None,
        typer.Option(
            "--to",
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{FORMATS.replace('|', ', ')} (default: from the export file's extension, "
            "else markdown); --format is the same option.",
            case_sensitive=False,
        ),
    ] = None,
    minutes: Annotated[int | None, params.minutes_option("Plan this many minutes.")] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="HH:MM", help="With --minutes: the start time, as 14:30."),
    ] = None,
    questions_per_level: Annotated[
        int | None, params.questions_option("Ask this many questions per level.")
    ] = None,
    shuffle: Annotated[
        bool,
        typer.Option("--shuffle", help="Pick and order the questions at random (see --seed)."),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="S",
            help="Shuffle reproducibly: the same seed gives the same questions.",
        ),
    ] = None,
    scorecard_only: Annotated[
        bool, typer.Option("--scorecard-only", help="Only the one-page scorecard.")
    ] = False,
    industry: params.IndustryOpt = None,
    role: loop.RoleOpt = None,
    candidate: loop.CandidateOpt = None,
    interviewer: loop.InterviewerOpt = None,
    date: loop.DateOpt = None,
    panel: loop.PanelOpt = None,
) -> None:
    """A printable interview guide (Markdown, HTML, Word or PDF): brief, resume cues,
    questions with checkboxes and ratings, indicators, red flags, and a scorecard. With a role
    file, its terms, level and time; with a panel, one guide per interviewer and a coverage
    table.

    Examples:

    \b
      kpiprep guide --level senior --export guide.md
      kpiprep guide kpi okr --minutes 45 --export guide.html
      kpiprep guide --level senior --candidate "Alex Moreno" --export guide.pdf
      kpiprep guide --level mid --candidate "Alex Moreno" --export alex.docx
      kpiprep guide --role hr-analyst --candidate "Alex Moreno" --date 2026-12-01
      kpiprep guide --role hr-analyst --panel 3 --export panel/
    """
    from kpiprep.interview import Header
    from kpiprep.render.markdown import guide_markdown, scorecard_markdown

    if start is not None and minutes is None:
        raise typer.BadParameter("--start needs --minutes", param_hint="'--start'")
    if scorecard_only and minutes is not None:
        raise typer.BadParameter(
            "the scorecard has no schedule: leave out --minutes and --start",
            param_hint="'--scorecard-only'",
        )
    start_time = params.clock_time(start)
    library = params.library(ctx)
    if shuffle and seed is None:
        import random

        seed = random.SystemRandom().randrange(1_000_000)
        stderr_line(f"shuffled with --seed {seed} (use it to get the same questions again)")
    header = Header(candidate, interviewer, loop.iso_date(date))
    plan = loop.plan_interview(
        ctx, terms, role, level=level, industry=industry, per_level=questions_per_level,
        seed=seed, minutes=minutes, start=start_time, header=header, panel=panel,
        library=library,
    )  # fmt: skip
    render = scorecard_markdown if scorecard_only else guide_markdown
    private = header.candidate is not None  # a candidate's name is personal data
    if plan.names:
        if interviewer is not None:
            raise typer.BadParameter(
                "each guide of a panel names its own interviewer: leave out --interviewer "
                "(the role file can name the panel)", param_hint="'--interviewer'",
            )  # fmt: skip
        _panel_guides(plan, render, fmt or GuideFormat.markdown, export, force, private)
        return
    interview = plan.interview
    loop.say_if_tight(interview)
    deliver(
        render(interview), export, fmt, force=force, inputs=library.files_read(),
        header=interview.header, private=private,
    )  # fmt: skip


def _panel_guides(
    plan: loop.Plan,
    render: "Callable[[Interview], str]",
    fmt: GuideFormat,
    export: str | None,
    force: bool,
    private: bool,
) -> None:
    """One guide per interviewer in the --export folder, and the coverage table."""
    from kpiprep.panel import seat_interview
    from kpiprep.render.markdown import coverage_markdown

    if fmt is GuideFormat.pdf:
        from kpiprep.printing import find_browser

        find_browser()  # without one, say so before the folder is made
    folder = loop.export_folder(export)
    panel = loop.split(plan)
    suffix = SUFFIXES[fmt][0]
    header = plan.interview.header
    files = []
    for seat in panel.seats:
        interview = seat_interview(panel, seat, header)
        loop.say_if_tight(interview, seat.name)
        name = loop.file_name(seat.number, seat.name) + suffix
        files.append((folder / name, GUIDE[fmt](render(interview), interview.header)))
    table = coverage_markdown(panel, header, [path.name for path, _ in files])
    files.append((folder / f"coverage{suffix}", GUIDE[fmt](table, header)))
    loop.write_all(files, force=force, private=private)


_COUNT = typer.Option(
    "--count", "-n", min=1, metavar="N", help="Ask this many questions (default: all)."
)


@command(short_help="Drill yourself: a question, then what a good answer holds")
def practice(
    ctx: typer.Context,
    terms: params.TermsArg = None,
    level: params.LevelOpt = None,
    count: Annotated[int | None, _COUNT] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="S",
            help="Shuffle the questions; the same seed gives the same order "
            "(default: content order, junior first).",
        ),
    ] = None,
    industry: params.IndustryOpt = None,
) -> None:
    """An interactive drill: a question, Enter for the answer and the points to listen for,
    then rate yourself 1-4 (s skips, q stops); a summary with what to revise at the end.

    Reads replies from standard input, so it can be piped. Exits with 0 when the drill ends
    or stops (q, end of input), 130 when interrupted with Ctrl-C; the summary comes either way.

    Examples:

    \b
      kpiprep practice --level senior
      kpiprep practice kpi okr --count 5 --seed 7
    """
    from kpiprep.practice import Event, Hint, Show, cards, choose, drill
    from kpiprep.render.terminal import answer_view, intro_view, question_view, summary_view, title

    found = params.find_all(ctx, terms, industry)
    chosen = choose(cards(found, params.levels(level)), count, seed)
    console = make_console()
    framed = boxed(console)
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # a stray byte is a wrong reply, not a crash

    def say(event: Event) -> None:
        if isinstance(event, Hint):
            stderr_line(event.text)
        elif isinstance(event, Show):
            show(question_view(event), console)
        else:
            show(answer_view(event.card, boxed=framed), console)

    show(intro_view([title(term) for term in found], len(chosen)), console)
    summary = drill(chosen, ask, say)
    show(summary_view(summary, boxed=framed), console)
    if summary.ending.exit_code:
        raise typer.Exit(summary.ending.exit_code)


@command(short_help="A Boolean search string for job boards")
def sourcing(
    ctx: typer.Context,
    terms: params.TermsArg = None,
    fmt: Annotated[
        TextFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (default: the search string alone on one line) or json (its parts).",
            case_sensitive=False,
        ),
    ] = TextFormat.text,
    industry: params.IndustryOpt = None,
) -> None:
    """A Boolean search string for job boards and professional networks: the job titles,
    ANDed with the term's names and aliases. Several terms are ORed together.

    Examples:

    \b
      kpiprep sourcing
      kpiprep sourcing kpi okr --format json
    """
    from kpiprep.sourcing import sourcing as build

    write(SOURCING[fmt](build(params.find_all(ctx, terms, industry))))
