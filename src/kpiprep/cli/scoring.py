"""`score`: an interviewer's scorecard, filled in question by question and saved at once."""

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
    make_console,
    plain_width,
    show,
    stderr_line,
    stderr_text,
)
from kpiprep.errors import ContentError

if TYPE_CHECKING:
    from kpiprep.interview import Interview, Item
    from kpiprep.library import Library
    from kpiprep.scorecard import Scorecard
    from kpiprep.scoring import Event, Guide


def resolve(card: "Scorecard", library: "Library", path: Path) -> "dict[str, Guide]":
    """What the interviewer sees for each question on a card; an id the library does not
    know is an error at its line (the card is left as it is)."""
    from kpiprep.cardfile import read_card
    from kpiprep.errors import Problem
    from kpiprep.scoring import find_question

    guides: dict[str, Guide] = {}
    problems: list[Problem] = []
    for index, answer in enumerate(card.questions):
        found = find_question(library, answer.id)
        if isinstance(found, str):
            if not problems:
                _, parsed = read_card(path)
            line, column = parsed.at(("questions", index, "id"))
            problems.append(Problem(line, f"questions[{index}].id", found, column))
        else:
            guides[answer.id] = found
    if problems:
        raise ContentError(path, problems)
    return guides


def _start(
    plan: loop.Plan, seat: int | None, interviewer: str
) -> "tuple[Interview, dict[tuple[str, str], int]]":
    """The card's interview (this interviewer's share of a panel) and its weights."""
    from kpiprep.panel import seat_interview

    weights = plan.role.weights() if plan.role else {}
    if not plan.names:
        if seat is not None:
            raise typer.BadParameter("--seat needs a panel (--panel N, or the role's panel)")
        return plan.interview, weights
    panel = loop.split(plan)
    if seat is None:
        named = [s for s in panel.seats if s.name.casefold() == interviewer.casefold()]
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


@command()
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
    ] = None,  # fmt: skip
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
    ] = None,  # fmt: skip
    questions_per_level: Annotated[
        int | None,
        typer.Option(
            "--questions",
            "-q",
            min=1,
            metavar="N",
            help="Ask this many questions per level, as for guide.",
        ),
    ] = None,  # fmt: skip
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
    from kpiprep.scoring import Ending, Hint, new_card
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
        for value, option in ((candidate, "--candidate"), (interviewer, "--interviewer"),
                              (export, "--export")):  # fmt: skip
            if value is None:
                raise typer.BadParameter(
                    f"a new scorecard needs {option}", param_hint=f"'{option}'"
                )
        assert candidate is not None and interviewer is not None and export is not None
        head = Header(candidate, interviewer, loop.iso_date(date) or dt.date.today())
        plan = loop.plan_interview(
            ctx, terms, role, level=level, industry=industry, per_level=questions_per_level,
            seed=seed, minutes=minutes, start=None, header=head, panel=panel,
        )  # fmt: skip
        interview, weights = _start(plan, seat, interviewer)
        path = export
        card = new_card(interview, candidate=candidate, interviewer=interviewer,
                        date=head.date or dt.date.today(), weights=weights)  # fmt: skip
        guides = {item.id: _guide(item) for item in interview.items}
        from kpiprep.files import write_text
        from kpiprep.scorecard import render

        write_text(path, render(card, path), action="create", mode=loop.PRIVATE,
                   exists_hint=f"continue it with: kpiprep score --resume {path}")  # fmt: skip
    console = make_console(stderr=True)
    framed = boxed(console)
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # a stray byte is a wrong reply, not a crash

    def say(event: "Event") -> None:
        if isinstance(event, Hint):
            stderr_line(event.text)
        elif not console.is_terminal:  # piped: plain text, and no Rich to lay it out
            from kpiprep.render.text import score_text

            stderr_text(score_text(event, plain_width()))
        else:
            from kpiprep.render.terminal import score_view

            show(score_view(event, console.width, boxed=framed), console)

    ending = run(card, guides, _ask, say, _saver(path))
    if ending is Ending.interrupted:
        stderr_line("")  # Ctrl-C came at a prompt: the message starts on a line of its own
    rated = f"{card.rated} of {len(card.questions)} questions rated"
    if card.recommendation:
        rated += f", recommendation: {card.recommendation}"
    if ending is Ending.completed:
        stderr_line(f"saved {path}: {rated}")
    else:
        stderr_line(f"{ending.value}: saved {path} ({rated}); continue with: "
                    f"kpiprep score --resume {path}")  # fmt: skip
    if ending.exit_code:
        raise typer.Exit(ending.exit_code)


def _guide(item: "Item") -> "Guide":
    from kpiprep.scoring import Guide

    return Guide(item.term, item.level, item.question)
