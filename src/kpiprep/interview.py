"""An interview: which questions, in what order, and (optionally) how the time is spent.

Structured interviews work when every candidate gets the same questions in the same time;
this module makes that set from one or more terms, reproducibly, and lays out the clock.
Everything here is plain data: the renderers turn it into a guide or a scorecard.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
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


# The least time a question needs for an answer worth rating, with a follow-up, by kind:
# explaining an idea fits in the floor (MIN_QUESTION_MINUTES), working through a scenario
# takes longer, and a story from the candidate's own work (behavioural) longest. A senior
# answer goes deeper: a minute more (so 6 for a senior behavioural question). A question
# without a kind (schema 1) is taken as situational. Below this the plan still works, but it
# is tight, and says so.
COMFORTABLE_MINUTES = {"knowledge": 3, "situational": 4, "behavioural": 5}
SENIOR_EXTRA_MINUTES = 1
LONGEST = 480  # the longest interview --minutes plans


def comfortable_minutes(item: Item) -> int:
    base = COMFORTABLE_MINUTES.get(item.question.kind or "", COMFORTABLE_MINUTES["situational"])
    return base + (SENIOR_EXTRA_MINUTES if item.level is Level.senior else 0)


def _fixed_parts(total: int) -> list[int]:
    """Introduction, candidate's questions and wrap-up grow a little with a longer interview."""
    return [max(2, round(total * 0.1)), max(2, round(total * 0.1)), max(1, round(total * 0.05))]


def minimum_minutes(items: Sequence[Item], longest: int = LONGEST) -> int | None:
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

    # The minutes that do not divide evenly go to the questions that need longest (a story
    # before a definition), then in order.
    by_need = sorted(range(len(open_items)), key=lambda n: -comfortable_minutes(open_items[n]))
    longer = set(by_need[:extra])
    add(intro, PARTS[0])
    rank = 0
    for item in items:
        minutes = item.question.minutes
        if minutes is None:
            minutes = share + (1 if rank in longer else 0)
            rank += 1
        add(minutes, f"Q{item.number}. {item.question.question}", item)
    # With every question timed by the content, time left over goes to the candidate.
    add(candidate + (spare if not open_items else 0), PARTS[1])
    add(wrap_up, PARTS[2])
    return slots


class Tight(NamedTuple):
    """A plan that gives some questions less than their comfortable time, and what would not."""

    questions: int  # in the interview
    total: int  # its minutes
    short: int  # questions given less than they need
    given: tuple[int, int]  # the fewest and most minutes those get
    needed: tuple[int, int]  # the fewest and most minutes those need
    minutes: int | None  # a --minutes that gives every question its time (None: over 8 hours)
    per_level: int | None  # a --questions that fits in `total` (None: none does)


def _short_slots(slots: Sequence[Slot]) -> list[Slot]:
    """The slots of a plan that give a question less than its comfortable time."""
    return [
        slot
        for slot in slots
        if slot.item is not None
        and slot.item.question.minutes is None
        and slot.minutes < comfortable_minutes(slot.item)
    ]


def _fits(items: Sequence[Item], total: int) -> bool:
    try:
        return not _short_slots(plan(items, total))
    except KpiprepError:
        return False


def _first_per_level(items: Sequence[Item], count: int) -> list[Item]:
    """The first `count` questions of each term's level: what --questions `count` asks."""
    seen: dict[tuple[str, str, Level], int] = {}
    kept = []
    for item in items:
        key = (item.term.slug, item.term.industry, item.level)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= count:
            kept.append(item)
    return kept


def tight(interview: Interview) -> Tight | None:
    """Whether the time plan is tight: some question gets less than its comfortable time."""
    if not interview.schedule:
        return None
    total = sum(slot.minutes for slot in interview.schedule)
    items = interview.items
    short = _short_slots(interview.schedule)  # the plan already made: no need to make it again
    if not short:
        return None
    given = [slot.minutes for slot in short]
    needed = [comfortable_minutes(slot.item) for slot in short if slot.item is not None]
    # A round number, and one that really fits (the fixed parts grow with the total too).
    minutes = next((t for t in range(total + 1, LONGEST + 1) if _fits(items, t)), None)
    if minutes is not None:
        rounded = -(-minutes // 5) * 5
        minutes = next((t for t in range(rounded, LONGEST + 1, 5) if _fits(items, t)), minutes)
    most = max(Counter((i.term.slug, i.term.industry, i.level) for i in items).values())
    fewer = (n for n in range(most - 1, 0, -1) if _fits(_first_per_level(items, n), total))
    per_level = next(fewer, None)
    return Tight(
        len(items), total, len(short), (min(given), max(given)), (min(needed), max(needed)),
        minutes, per_level,
    )  # fmt: skip


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def tight_note(found: Tight) -> str:
    """One line on a tight plan: how little time, how much it needs, what to change."""
    said = f"{found.questions} questions in {found.total} minutes"
    given, needed = _span(*found.given), _span(*found.needed)
    if found.short == found.questions:
        said += f", {given} minutes each where an answer needs {needed}"
    else:
        one = found.short == 1
        said += (
            f": {found.short} {'gets' if one else 'get'} {given} minutes where "
            f"{'its answer needs' if one else 'their answers need'} {needed}"
        )
    options = []
    if found.minutes is not None:
        options.append(f"--minutes {found.minutes}")
    if found.per_level is not None:
        options.append(f"--questions {found.per_level}")
    return f"{said}; consider {' or '.join(options) or 'fewer terms'}"


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
