"""An interview: which questions, in what order, and (optionally) how the time is spent.

Structured interviews work when every candidate gets the same questions in the same time;
this module makes that set from one or more terms, reproducibly, and lays out the clock.
Everything here is plain data: the renderers turn it into a guide or a scorecard.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import KpiprepError
from kpiprep.term import Question, Term, question_key

MIN_QUESTION_MINUTES = 3
PARTS = ("Introduction", "Candidate's questions", "Wrap-up")

RATING_SCALE = (
    # The scale judges what each kind of question asks for: an explanation is not marked
    # down for lacking a story, and a story is not rated on definitions.
    ("1", "No evidence", "Misses the point, or only guesses; none of the listen-for points."),
    ("2", "Some evidence", "A few relevant points, but vague, second-hand or inaccurate."),
    (
        "3",
        "Good evidence",
        "Most listen-for points: explained accurately (knowledge), a sound plan (situational), "
        "or a concrete example of their own (behavioural).",
    ),
    (
        "4",
        "Strong evidence",
        "All the points, with the nuance or trade-offs an expert adds, or specific results "
        "and lessons drawn from their own work.",
    ),
)


class Item(NamedTuple):
    """One question as it will be asked: numbered across the whole interview.

    `position` is its place (from 1) in its term's level in the content file: with the term,
    industry and level it makes the question's stable id (see `question_id`).
    """

    number: int
    term: Term
    level: Level
    question: Question
    position: int = 0

    @property
    def id(self) -> str:
        return question_id(self.term.slug, self.term.industry, self.level, self.position)


def question_id(slug: str, industry: str, level: Level, position: int) -> str:
    """`kpi/human-resources/senior/2`: what scorecards and debriefs call a question."""
    return f"{slug}/{industry}/{level.value}/{position}"


class Header(NamedTuple):
    """What the guide's header says about this interview; None leaves a field to fill in."""

    candidate: str | None = None
    interviewer: str | None = None
    date: dt.date | None = None
    role: str | None = None
    seat: int | None = None  # in a panel: this interviewer's place (from 1) ...
    panel: tuple[str, ...] = ()  # ... among everyone on it


class Slot(NamedTuple):
    """One line of the schedule: minutes from the start, length, what happens."""

    start: int
    minutes: int
    label: str
    item: Item | None


class Interview(NamedTuple):
    terms: tuple[Term, ...]
    levels: tuple[Level, ...]
    items: tuple[Item, ...]
    schedule: tuple[Slot, ...]  # empty without a time plan
    start: dt.time | None
    header: Header = Header()


def seeded(seed: int) -> random.Random:
    """A generator for `seed`. Python seeds with the integer's absolute value, so 5 and -5
    would give the same questions; a negative seed is seeded by its text instead."""
    return random.Random(seed if seed >= 0 else str(seed))


def choose(
    terms: Sequence[Term],
    levels: Sequence[Level],
    *,
    per_level: int | None = None,
    seed: int | None = None,
) -> list[Item]:
    """The questions of every term and level, duplicates removed, optionally sampled.

    With a seed, each term's questions of a level are shuffled by a generator seeded with
    it, so the same seed always gives the same set and order, and another seed another set.
    """
    rng = seeded(seed) if seed is not None else None
    seen: set[str] = set()
    items: list[Item] = []
    for term in terms:
        for level in levels:
            pool = list(enumerate(term.questions.for_level(level), 1))
            if rng is not None:
                rng.shuffle(pool)
            picked = 0
            for position, question in pool:
                if per_level is not None and picked >= per_level:
                    break
                key = question_key(question.question)
                if key in seen:
                    continue
                seen.add(key)
                picked += 1
                items.append(Item(len(items) + 1, term, level, question, position))
    return items


def _fixed_parts(total: int) -> list[int]:
    """Introduction, candidate's questions and wrap-up grow a little with a longer interview."""
    return [max(2, round(total * 0.1)), max(2, round(total * 0.1)), max(1, round(total * 0.05))]


def minimum_minutes(items: Sequence[Item], longest: int = 480) -> int | None:
    """The shortest interview (10 minutes or more) that `plan` can fit `items` into; None if
    even `longest` is too short."""
    given = sum(item.question.minutes or 0 for item in items)
    questions = given + MIN_QUESTION_MINUTES * sum(1 for i in items if i.question.minutes is None)
    for total in range(10, longest + 1):
        if sum(_fixed_parts(total)) + questions <= total:
            return total
    return None


def plan(items: Sequence[Item], total: int) -> list[Slot]:
    """Lay `items` out over `total` minutes, or refuse, saying how much time they need."""
    intro, candidate, wrap_up = _fixed_parts(total)
    fixed = intro + candidate + wrap_up
    given = sum(item.question.minutes or 0 for item in items)
    open_items = [item for item in items if item.question.minutes is None]
    needed = fixed + given + MIN_QUESTION_MINUTES * len(open_items)
    if needed > total:
        raise KpiprepError(
            f"{len(items)} questions do not fit in {total} minutes: the interview needs at least "
            f"{needed} ({fixed} for the introduction, the candidate's questions and the wrap-up, "
            f"{needed - fixed} for the questions); raise --minutes or lower --questions"
        )
    spare = total - fixed - given
    share, extra = divmod(spare, len(open_items)) if open_items else (0, 0)
    slots: list[Slot] = []
    clock = 0

    def add(minutes: int, label: str, item: Item | None = None) -> None:
        nonlocal clock
        slots.append(Slot(clock, minutes, label, item))
        clock += minutes

    add(intro, PARTS[0])
    rank = 0
    for item in items:
        minutes = item.question.minutes
        if minutes is None:
            minutes = share + (1 if rank < extra else 0)
            rank += 1
        add(minutes, f"Q{item.number}. {item.question.question}", item)
    # With every question timed by the content, time left over goes to the candidate.
    add(candidate + (spare if not open_items else 0), PARTS[1])
    add(wrap_up, PARTS[2])
    return slots


def build(
    terms: Sequence[Term],
    levels: Sequence[Level],
    *,
    per_level: int | None = None,
    seed: int | None = None,
    minutes: int | None = None,
    start: dt.time | None = None,
    header: Header | None = None,
) -> Interview:
    items = choose(terms, levels, per_level=per_level, seed=seed)
    schedule = plan(items, minutes) if minutes is not None else []
    return Interview(
        tuple(terms), tuple(levels), tuple(items), tuple(schedule), start, header or Header()
    )


def clock(interview: Interview, offset: int) -> str:
    """A schedule time: the real time of day with --start, else minutes into the interview."""
    if interview.start is None:
        return f"{offset // 60}:{offset % 60:02d}"
    moment = dt.datetime.combine(dt.date(2000, 1, 1), interview.start) + dt.timedelta(
        minutes=offset
    )
    return moment.strftime("%H:%M")


def fit(
    terms: Sequence[Term],
    levels: Sequence[Level],
    minutes: int,
    *,
    per_level: int | None = None,
) -> tuple[Interview, list[Term]]:
    """An interview of as many of `terms`, in the order given, as fit in `minutes`, and the
    terms left out; when not even the first fits, the error says what it needs."""
    interview = build(terms[:1], levels, per_level=per_level, minutes=minutes)
    for count in range(2, len(terms) + 1):
        try:
            interview = build(terms[:count], levels, per_level=per_level, minutes=minutes)
        except KpiprepError:
            return interview, list(terms[count - 1 :])
    return interview, []
