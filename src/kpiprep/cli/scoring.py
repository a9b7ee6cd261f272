"""`score` (an interviewer's scorecard, filled in question by question and saved at once)
and `debrief` (the panel's scorecards for one candidate, brought together)."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kpiprep.cli import loop, params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    ask,
    boxed,
    is_terminal,
    make_console,
    plain_width,
    show,
    stderr_line,
    stderr_text,
    write,
)
from kpiprep.enums import DebriefFormat
from kpiprep.errors import ContentError

if TYPE_CHECKING:
    from kpiprep.debrief import Debrief
    from kpiprep.interview import Header, Interview
    from kpiprep.library import Library
    from kpiprep.scorecard import Scorecard
    from kpiprep.scoring import Event, Guide


def resolve(card: "Scorecard", library: "Library", path: Path) -> "dict[str, Guide]":
    """What the interviewer sees for each question on a card; an id the library does not
    know is an error at its line (the card is left as it is)."""
    from kpiprep.cardfile import read_card
    from kpiprep.errors import Problem
    from kpiprep.scoring import Guide, find_question

    guides: dict[str, Guide] = {}
    problems: list[Problem] = []
    for index, answer in enumerate(card.questions):
        found = find_question(library, answer.id)
        if isinstance(found, Guide):
            guides[answer.id] = found
            continue
        if not problems:
            _, parsed = read_card(path)  # read again, as YAML, only to say where the id is
        line, column = parsed.at(("questions", index, "id"))
        problems.append(Problem(line, f"questions[{index}].id", found, column))
    if problems:
        raise ContentError(path, problems)
    return guides


def _start(
    plan: loop.Plan, seat: int | None, interviewer: str
) -> "tuple[Interview, dict[tuple[str, str], int]]":
    """The card's interview (this interviewer's share of a panel) and its weights."""
    from kpiprep.panel import seat_interview
    from kpiprep.term import normalise

    weights = plan.role.weights() if plan.role else {}
    if not plan.names:
        if seat is not None:
            raise typer.BadParameter("--seat needs a panel (--panel N, or the role's panel)")
        return plan.interview, weights
    panel = loop.split(plan)
    if seat is None:
        named = [s for s in panel.seats if normalise(s.name) == normalise(interviewer)]
        if not named:
            seats = ", ".join(f"{s.number} {s.name}" for s in panel.seats)
            raise typer.BadParameter(
                f"say which seat of the panel is yours: {seats}", param_hint="'--seat'"
            )
        seat = named[0].number
    if seat > len(panel.seats):
        raise typer.BadParameter(f"the panel has {len(panel.seats)} seats", param_hint="'--seat'")
    chosen = panel.seats[seat - 1]
    header = plan.interview.header
    return seat_interview(panel, chosen, header._replace(interviewer=interviewer)), weights


def _saver(path: Path) -> "Callable[[Scorecard], None]":
    from kpiprep.files import write_text
    from kpiprep.scorecard import render

    def save(card: "Scorecard") -> None:
        write_text(path, render(card, path), force=True, action="save", mode=loop.PRIVATE)

    return save


def _ask(prompt: str) -> str | None:
    try:
        return ask(prompt)
    except OSError:  # the terminal went away: as the end of input
        return None


@command(short_help="Score an interview as it happens, question by question")
def score(
    ctx: typer.Context,
    terms: params.TermsArg = None,
    role: loop.RoleOpt = None,
    candidate: loop.CandidateOpt = None,
    interviewer: loop.InterviewerOpt = None,
    date: loop.DateOpt = None,
    export: Annotated[
        Path | None,
        typer.Option("--export", "-o", metavar="FILE", help="The new scorecard (.yaml, or .json)."),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="FILE",
            help="Continue this scorecard where it stopped.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    level: params.LevelOpt = None,
    panel: loop.PanelOpt = None,
    seat: Annotated[
        int | None,
        typer.Option("--seat", min=1, metavar="K", help="Your place on the panel (1 to N)."),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            min=10,
            max=480,
            metavar="MINUTES",
            help="Each interview's length, as for guide.",
        ),
    ] = None,
    questions_per_level: Annotated[
        int | None,
        typer.Option(
            "--questions",
            "-q",
            min=1,
            metavar="N",
            help="Ask this many questions per level, as for guide.",
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", metavar="S", help="The guide's --seed, if it had one.")
    ] = None,
    industry: params.IndustryOpt = None,
) -> None:
    """Score an interview as it happens: for each of your questions, tick the listen-for
    points heard, rate 1-4 against the question's anchors, note what you heard and mark red
    flags; then give your recommendation. Every answer is saved to the scorecard at once
    (readable by you alone), so Ctrl-C or a closed terminal loses at most the answer being
    typed; --resume picks up where it stopped. Replies can be piped in.

    Examples:

    \b
      kpiprep score --role hr-analyst --interviewer Priya --candidate Alex -o alex-priya.yaml
      kpiprep score kpi --level senior --interviewer Sam --candidate Alex -o alex-sam.yaml
      kpiprep score --resume alex-priya.yaml
    """
    from kpiprep.interview import Header
    from kpiprep.scoring import Ending, Hint
    from kpiprep.scoring import score as run

    if resume is not None:
        given = [terms, role, candidate, interviewer, date, export, level, panel, seat, minutes,
                 questions_per_level, seed, industry]  # fmt: skip
        if any(value is not None for value in given):
            raise typer.BadParameter(
                "--resume continues the card as it is: leave out the other options",
                param_hint="'--resume'",
            )
        from kpiprep.cardfile import load

        path = resume
        card = load(path)
        guides = resolve(card, params.library(ctx), path)
    else:
        who = {"--candidate": candidate, "--interviewer": interviewer, "--export": export}
        for option, value in who.items():
            if value is None:
                raise typer.BadParameter(f"a new scorecard needs {option}", param_hint=option)
        path = Path(str(export))
        head = Header(str(candidate), str(interviewer), loop.iso_date(date) or dt.date.today())
        plan = loop.plan_interview(
            ctx, terms, role, level=level, industry=industry, per_level=questions_per_level,
            seed=seed, minutes=minutes, start=None, header=head, panel=panel,
        )  # fmt: skip
        card, guides = _new_card(plan, seat, head, path)
    on_terminal = is_terminal(stderr=True)  # where `score` draws its questions
    console = make_console(stderr=True) if on_terminal else None
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # a stray byte is a wrong reply, not a crash

    def say(event: "Event") -> None:
        if isinstance(event, Hint):
            stderr_line(event.text)
        elif console is None:  # piped: plain text, and no Rich to lay it out
            from kpiprep.render.loop_text import score_text

            stderr_text(score_text(event, plain_width()))
        else:
            from kpiprep.render.terminal import score_view

            show(score_view(event, console.width, boxed=boxed(console)), console)

    ending = run(card, guides, _ask, say, _saver(path))
    if ending is Ending.interrupted:
        stderr_line("")  # Ctrl-C came at a prompt: the message starts on a line of its own
    total = len(card.questions)
    rated = f"{card.rated} of {total} question{'s' if total != 1 else ''} rated"
    if card.recommendation:
        rated += f", recommendation: {card.recommendation}"
    if ending is Ending.completed:
        stderr_line(f"saved {path}: {rated}")
    else:
        stderr_line(f"{ending.value}: saved {path} ({rated}); continue with: "
                    f"kpiprep score --resume {path}")  # fmt: skip
    if ending.exit_code:
        raise typer.Exit(ending.exit_code)


def _new_card(
    plan: loop.Plan, seat: int | None, head: "Header", path: Path
) -> "tuple[Scorecard, dict[str, Guide]]":
    """A blank card for this interviewer's questions, written at once (never over a file)."""
    from kpiprep.files import write_text
    from kpiprep.scorecard import render
    from kpiprep.scoring import Guide, new_card

    interviewer, date = str(head.interviewer), head.date or dt.date.today()
    interview, weights = _start(plan, seat, interviewer)
    card = new_card(interview, candidate=str(head.candidate), interviewer=interviewer,
                    date=date, weights=weights)  # fmt: skip
    write_text(path, render(card, path), action="create", mode=loop.PRIVATE,
               exists_hint=f"continue it with: kpiprep score --resume {path}")  # fmt: skip
    guides = {item.id: Guide(item.term, item.level, item.question) for item in interview.items}
    return card, guides


# `kpiprep debrief`


def _debrief_text(debrief: "Debrief") -> str:
    from kpiprep.render.loop_text import debrief_text

    return debrief_text(debrief, plain_width())


def _debrief_markdown(debrief: "Debrief") -> str:
    from kpiprep.render.debrief_markdown import debrief_markdown

    return debrief_markdown(debrief)


def _debrief_html(debrief: "Debrief") -> str:
    from kpiprep.render.debrief_markdown import GLANCE, debrief_markdown, running_head
    from kpiprep.render.html import to_html
    from kpiprep.render.svg import debrief_chart

    figures = {GLANCE: debrief_chart(debrief)}
    return to_html(debrief_markdown(debrief), running_head(debrief), figures, guide=False)


def _debrief_pdf(debrief: "Debrief") -> bytes:
    from kpiprep.printing import html_to_pdf

    return html_to_pdf(_debrief_html(debrief))


def _debrief_json(debrief: "Debrief") -> str:
    from kpiprep.render.json import debrief_json

    return debrief_json(debrief)


def _debrief_terminal(debrief: "Debrief") -> None:
    """Colour and block bars; with Rich where its console is needed for colour (Windows)."""
    import os
    import sys

    if sys.platform == "win32":
        from kpiprep.render.terminal import debrief_view

        console = make_console()
        show(debrief_view(debrief, console.width), console)
        return
    import shutil

    from kpiprep.cli.console import clamp_width
    from kpiprep.render.loop_text import debrief_ansi

    width = clamp_width(shutil.get_terminal_size().columns)
    colour = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    write(debrief_ansi(debrief, width, colour=colour))


# Each format to its renderer (tests/test_architecture.py checks every member is there).
DEBRIEF: "dict[DebriefFormat, Callable[[Debrief], str | bytes]]" = {
    DebriefFormat.table: _debrief_text,
    DebriefFormat.markdown: _debrief_markdown,
    DebriefFormat.html: _debrief_html,
    DebriefFormat.json: _debrief_json,
    DebriefFormat.pdf: _debrief_pdf,
}
SUFFIXES = {".md": DebriefFormat.markdown, ".html": DebriefFormat.html, ".pdf": DebriefFormat.pdf,
            ".htm": DebriefFormat.html, ".json": DebriefFormat.json}  # fmt: skip


def load_cards(files: list[Path]) -> "list[tuple[str, Scorecard]]":
    """Every card, or every problem of every card that cannot be read (nothing is written)."""
    from kpiprep.cardfile import load
    from kpiprep.errors import ContentErrors

    cards, problems = [], []
    for path in files:
        try:
            cards.append((str(path), load(path)))
        except ContentError as exc:
            problems.append(exc)
    if problems:
        raise ContentErrors(problems)
    return cards


@command(short_help="Bring a panel's scorecards for one candidate together")
def debrief(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="The panel's scorecards for one candidate.",
            exists=True,
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    fmt: Annotated[
        DebriefFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default: the terminal view, plain text when piped), markdown, html "
            "(a printable page with a chart), pdf or json; with --export, from its extension.",
            case_sensitive=False,
        ),
    ] = None,
    export: Annotated[
        str | None,
        typer.Option("--export", "-o", metavar="PATH", help="Write the debrief to this file."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the export file if it exists.")
    ] = False,
) -> None:
    """Bring a panel's scorecards for one candidate together: each interviewer's rating per
    term and question with the spread, ratings 2 or more apart to discuss, listen-for points
    heard, red flags and who raised them, questions nobody asked, the recommendations, and
    who on the panel has not sent a card.

    Examples:

    \b
      kpiprep debrief alex-priya.yaml alex-sam.yaml alex-jo.yaml
      kpiprep debrief alex-*.yaml --export debrief.html
    """
    from kpiprep.debrief import merge

    result = merge(load_cards(files))
    to_file = export is not None and export != "-"
    if fmt is None:
        fmt = SUFFIXES.get(Path(str(export)).suffix.lower() if to_file else "", DebriefFormat.table)
    if not to_file and fmt is DebriefFormat.table and is_terminal():
        _debrief_terminal(result)
        return
    from kpiprep.files import check_target, write_bytes

    if fmt is DebriefFormat.pdf:  # to a file, and one that can be written, before printing
        if not to_file:
            raise typer.BadParameter("a PDF is written to a file: give --export debrief.pdf")
        check_target(str(export), force=force, inputs=files)
    output = DEBRIEF[fmt](result)
    if isinstance(output, str) and not to_file:
        write(output)
        return
    data = output if isinstance(output, bytes) else output.encode("utf-8")
    written = write_bytes(str(export), data, force=force, inputs=files, mode=loop.PRIVATE)
    stderr_line(f"wrote {written}")  # never over a scorecard it was made from
