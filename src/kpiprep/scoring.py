"""Scoring an interview: the interviewer's questions one by one, every answer saved at once.

For each question: the listen-for points heard (or "not asked"), a rating from 1 to 4 against
the question's anchors, one line of notes and the red flags heard; at the end the overall
recommendation and its reasons. `save(card)` is called after every single answer, so
stopping at any moment (q, the end of input, Ctrl-C, a closed terminal, a crash) loses at
most the answer being typed, and `score --resume` starts at the first thing not recorded.

Input and output are handed in, as for the practice drill: `ask(prompt)` returns the line
typed (None when input has ended), `say(event)` shows a question or a hint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.enums import Level
from kpiprep.interview import Interview, question_id
from kpiprep.scorecard import (
    MAX_TEXT,
    Answer,
    CardTerm,
    Scorecard,
    next_step,
    recommendation_of,
)
from kpiprep.term import CONTROL_RE, Question, Term

if TYPE_CHECKING:
    from kpiprep.library import Library

MAX_TRIES = 3
RATING_WORDS = ("1", "2", "3", "4")
TICKS_PROMPT = (
    "Points heard: their numbers (such as 1 3), a for all, Enter for none; s: not asked, q: stop: "
)
ASKED_PROMPT = "Enter once asked; s: not asked, q: stop: "
RATING_PROMPT = "Rating, 1-4 (q: stop): "
NOTES_PROMPT = "Notes, one line (Enter for none): "
FLAGS_PROMPT = "Red flags heard: their numbers, or your own words; Enter for none (q: stop): "
RECOMMENDATION_PROMPT = "Overall recommendation: 1 strong no, 2 no, 3 yes, 4 strong yes (q: stop): "
REASONS_PROMPT = "Reasons for the decision, one line (Enter for none): "
HINTS = {
    "listen_for": "Type the numbers of the points heard (1 3), a for all, Enter for none, "
    "s if you did not ask this question, q to stop.",
    "rating": "Type 1, 2, 3 or 4 (q to stop).",
    "red_flags": "Type the numbers of the red flags heard (2 4), Enter for none, q to stop.",
    "recommendation": "Type 1 (strong no), 2 (no), 3 (yes) or 4 (strong yes); q to stop.",
}


class Ending(str, Enum):
    """How a session ended, and the exit code `score` returns for it."""

    completed = "completed"
    quit = "quit"
    end_of_input = "end of input"
    interrupted = "interrupted"
    no_reply = "no reply"

    @property
    def exit_code(self) -> int:
        # Ctrl-C as shells report SIGINT (128 + 2); replies that never fit are a failure.
        return {Ending.interrupted: 130, Ending.no_reply: 1}.get(self, 0)


class Guide(NamedTuple):
    """What the interviewer sees for a question: from the library, not stored on the card."""

    term: Term
    level: Level
    question: Question


class ShowQuestion(NamedTuple):
    answer: Answer
    guide: Guide
    position: int
    total: int


class Hint(NamedTuple):
    text: str


Event = ShowQuestion | Hint
Ask = Callable[[str], "str | None"]
Say = Callable[[Event], None]
Save = Callable[[Scorecard], None]


def new_card(
    interview: Interview,
    *,
    candidate: str,
    interviewer: str,
    date: dt.date,
    weights: Mapping[tuple[str, str], int] | None = None,
) -> Scorecard:
    """A blank card for an interview: its terms, its questions, nothing recorded yet."""
    head = interview.header
    terms = [
        CardTerm(t.slug, t.industry, t.name, (weights or {}).get((t.slug, t.industry), 1))
        for t in interview.terms
        if any(item.term is t for item in interview.items)
    ]
    answers = [
        Answer(item.id, item.question.question, listen_for=dict.fromkeys(item.question.listen_for))
        for item in interview.items
    ]
    level = interview.levels[0] if len(interview.levels) == 1 else None
    return Scorecard(
        candidate, interviewer, date, terms, answers, head.role, level, head.seat,
        list(head.panel),
    )  # fmt: skip


def find_question(library: Library, qid: str) -> Guide | str:
    """The question an id names, or why there is none (one line)."""
    from kpiprep.errors import KpiprepError

    slug, industry, level_name, position = qid.split("/")
    level = Level(level_name)
    try:
        term = library.find(slug, industry)
    except KpiprepError as exc:
        return f"unknown question {qid}: {exc}"
    found = term.questions.for_level(level)
    if int(position) > len(found) or question_id(slug, industry, level, int(position)) != qid:
        return (
            f"unknown question {qid}: {slug}/{industry} has {len(found)} {level.value} "
            f"question{'s' if len(found) != 1 else ''}"
        )
    return Guide(term, level, found[int(position) - 1])


def _numbers(reply: str, count: int, *, everything: bool = False) -> list[int] | None:
    """'1 3', '1,3' -> [1, 3] (each from 1 to count); 'a' -> all when allowed; None if not."""
    word = reply.strip().casefold()
    if not word:
        return []
    if everything and word in ("a", "all"):
        return list(range(1, count + 1))
    parts = [p for p in re.split(r"[\s,]+", word) if p]
    if not all(p.isdigit() and 1 <= int(p) <= count for p in parts):
        return None
    return sorted({int(p) for p in parts})


def _clean(reply: str) -> str:
    """A typed line as text a card keeps: control characters dropped (an arrow key pressed in
    a terminal without line editing types an escape sequence), spaces folded, capped."""
    return " ".join(CONTROL_RE.sub("", reply).split())[:MAX_TEXT]


def _stop(reply: str) -> bool:
    return reply.strip().casefold() in ("q", "quit")


class _Session:
    def __init__(self, card: Scorecard, guides: Mapping[str, Guide], ask: Ask, say: Say,
                 save: Save) -> None:  # fmt: skip
        self.card, self.guides, self.ask, self.say, self.save = card, guides, ask, say, save

    def reply(self, prompt: str, hint: str | None, accept: Callable[[str], bool]) -> str | Ending:
        """A reply that `accept` takes, `q` (when there is a hint), or how the session ends."""
        for _ in range(MAX_TRIES):
            reply = self.ask(prompt)
            if reply is None:
                return Ending.end_of_input
            if hint is not None and _stop(reply):
                return Ending.quit
            if accept(reply):
                return reply
            self.say(Hint(hint or ""))
        self.say(Hint(f"No answer kpiprep could read after {MAX_TRIES} tries."))
        return Ending.no_reply

    def question_step(self, answer: Answer, step: str) -> Ending | None:
        guide = self.guides[answer.id]
        points = list(answer.listen_for)
        if step == "listen_for":
            prompt = TICKS_PROMPT if points else ASKED_PROMPT

            def ticks(text: str) -> bool:
                skip = text.strip().casefold() in ("s", "skip")
                return skip or _numbers(text, len(points), everything=True) is not None

            got = self.reply(prompt, HINTS["listen_for"], ticks)
            if isinstance(got, Ending):
                return got
            if got.strip().casefold() in ("s", "skip"):
                answer.asked = False
            else:
                heard = _numbers(got, len(points), everything=True) or []
                answer.asked = True
                answer.listen_for = {p: n in heard for n, p in enumerate(points, 1)}
        elif step == "rating":
            got = self.reply(RATING_PROMPT, HINTS["rating"], lambda t: t.strip() in RATING_WORDS)
            if isinstance(got, Ending):
                return got
            answer.rating = int(got.strip())
        elif step == "notes":
            got = self.reply(NOTES_PROMPT, None, lambda text: True)
            if isinstance(got, Ending):
                return got
            answer.notes = _clean(got)
        else:
            flags = guide.term.red_flags
            got = self.reply(FLAGS_PROMPT, HINTS["red_flags"], lambda text: True)
            if isinstance(got, Ending):
                return got
            numbers = _numbers(got, len(flags))
            own = _clean(got)
            if numbers is not None:
                answer.red_flags = [flags[n - 1] for n in numbers]
            else:
                answer.red_flags = [own] if own else []
        return None

    def closing_step(self, step: str) -> Ending | None:
        if step == "recommendation":
            accept = lambda text: recommendation_of(text) is not None  # noqa: E731
            got = self.reply(RECOMMENDATION_PROMPT, HINTS["recommendation"], accept)
            if isinstance(got, Ending):
                return got
            self.card.recommendation = recommendation_of(got)
        else:
            got = self.reply(REASONS_PROMPT, None, lambda text: True)
            if isinstance(got, Ending):
                return got
            self.card.reasons = _clean(got)
        return None

    def run(self) -> Ending:
        shown = -2
        total = len(self.card.questions)
        while (step := next_step(self.card)) is not None:
            index, what = step
            if index >= 0:
                answer = self.card.questions[index]
                if index != shown:
                    self.say(ShowQuestion(answer, self.guides[answer.id], index + 1, total))
                    shown = index
                ending = self.question_step(answer, what)
            else:
                ending = self.closing_step(what)
            if ending is not None:
                return ending
            self.save(self.card)
        return Ending.completed


def score(card: Scorecard, guides: Mapping[str, Guide], ask: Ask, say: Say, save: Save) -> Ending:
    """Ask for everything not yet on the card, saving after each answer; Ctrl-C ends the
    session (what was saved stays saved)."""
    try:
        return _Session(card, guides, ask, say, save).run()
    except KeyboardInterrupt:
        return Ending.interrupted
