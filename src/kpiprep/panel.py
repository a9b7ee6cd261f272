"""A panel: the interview's questions split across several interviewers.

Each interviewer owns whole terms where possible (they can go deep on their topics, as
focus attributes in an ATS interview kit), every question is asked by exactly one of them,
so every term is covered and nothing is asked twice, and each one's share fits their
interview. The split is a pure function of the interview and the panel, so the guides, the
scorecards and the coverage table always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import KpiprepError
from kpiprep.interview import (
    MIN_QUESTION_MINUTES,
    Header,
    Interview,
    Item,
    minimum_minutes,
    plan,
)
from kpiprep.term import Term


class Seat(NamedTuple):
    """One interviewer's share: their place on the panel, their name, their questions (with
    their numbers in the whole interview, in its order)."""

    number: int
    name: str
    items: tuple[Item, ...]

    def terms(self) -> list[Term]:
        return list({(i.term.slug, i.term.industry): i.term for i in self.items}.values())


class Panel(NamedTuple):
    interview: Interview
    seats: tuple[Seat, ...]
    minutes: int | None  # each interview's length, if the time is planned


def _cost(block: Sequence[Item]) -> int:
    return sum(item.question.minutes or MIN_QUESTION_MINUTES for item in block)


def _halve(blocks: list[list[Item]], index: int) -> None:
    block = blocks[index]
    half = (len(block) + 1) // 2
    blocks[index : index + 1] = [block[:half], block[half:]]


def _largest(blocks: list[list[Item]], among: Sequence[int] | None = None) -> int | None:
    """The costliest block that can still be halved (the first on a tie), or None."""
    choices = [i for i in (range(len(blocks)) if among is None else among) if len(blocks[i]) > 1]
    return max(choices, key=lambda i: (_cost(blocks[i]), -i), default=None)


def _assign(blocks: list[list[Item]], seats: int) -> list[list[int]]:
    """Blocks to seats, costliest first, each to the least loaded seat (the lowest on a tie)."""
    order = sorted(range(len(blocks)), key=lambda i: (-_cost(blocks[i]), i))
    loads = [0] * seats
    owned: list[list[int]] = [[] for _ in range(seats)]
    for index in order:
        seat = min(range(seats), key=lambda s: (loads[s], s))
        loads[seat] += _cost(blocks[index])
        owned[seat].append(index)
    return owned


def _needed(items: Sequence[Item]) -> int:
    return minimum_minutes(items) or 10_000


def _arrange(items: Sequence[Item], seats: int, minutes: int | None) -> list[list[Item]]:
    """Each seat's items: whole terms first, halving the costliest blocks while a seat is
    empty or (with `minutes`) while the busiest seat does not fit."""
    blocks: list[list[Item]] = []
    for item in items:
        if blocks and blocks[-1][0].term is item.term:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    while len(blocks) < seats and (index := _largest(blocks)) is not None:
        _halve(blocks, index)
    while True:
        owned = _assign(blocks, seats)
        shares = [sorted((i for b in o for i in blocks[b]), key=lambda i: i.number) for o in owned]
        # Seats in the interview's order: the first interviewer has the first term.
        order = sorted(range(seats), key=lambda s: shares[s][0].number if shares[s] else 0)
        shares, owned = [shares[s] for s in order], [owned[s] for s in order]
        if minutes is None:
            return shares
        busiest = max(range(seats), key=lambda s: (_needed(shares[s]), -s))
        if _needed(shares[busiest]) <= minutes:
            return shares
        index = _largest(blocks, owned[busiest])
        if index is None:
            return shares
        _halve(blocks, index)


def _refuse(
    items: Sequence[Item], names: Sequence[str], minutes: int, shares: list[list[Item]]
) -> KpiprepError:
    busiest = max(range(len(shares)), key=lambda s: (_needed(shares[s]), -s))
    need = minimum_minutes(shares[busiest])
    fits = next(
        (n for n in range(len(names) + 1, len(items) + 1)
         if all(_needed(share) <= minutes for share in _arrange(items, n, minutes))),
        None,
    )  # fmt: skip
    longer = f"make each interview {need} minutes long" if need else "split the interview"
    more = f", have {fits} interviewers" if fits else ""
    count = len(shares[busiest])
    return KpiprepError(
        f"{len(items)} questions do not fit a panel of {len(names)} in {minutes} minutes each: "
        f"{names[busiest]} would have {count} question{'s' if count != 1 else ''} and need at "
        f"least {need or 'more than 480'} minutes; {longer}{more}, or ask fewer questions "
        "(--questions)"
    )


def split(interview: Interview, names: Sequence[str], minutes: int | None = None) -> Panel:
    """Split the interview's questions across the interviewers named, or refuse with the
    numbers that would make it fit."""
    items = interview.items
    if not names:
        raise KpiprepError("a panel needs at least one interviewer")
    if len(names) > len(items):
        raise KpiprepError(
            f"a panel of {len(names)} needs at least {len(names)} questions, one each; this "
            f"interview has {len(items)}: ask more questions or have fewer interviewers"
        )
    shares = _arrange(items, len(names), minutes)
    if minutes is not None and any(_needed(share) > minutes for share in shares):
        raise _refuse(items, names, minutes, shares)
    seats = tuple(
        Seat(number, name, tuple(share))
        for number, (name, share) in enumerate(zip(names, shares, strict=True), 1)
    )
    return Panel(interview, seats, minutes)


def seat_interview(panel: Panel, seat: Seat, header: Header) -> Interview:
    """One interviewer's own interview: their questions numbered from 1, their terms, their
    time plan, and a header that names the panel and their place on it."""
    items = tuple(item._replace(number=n) for n, item in enumerate(seat.items, 1))
    schedule = tuple(plan(items, panel.minutes)) if panel.minutes is not None else ()
    head = header._replace(
        interviewer=seat.name,
        seat=seat.number if len(panel.seats) > 1 else None,
        panel=tuple(s.name for s in panel.seats) if len(panel.seats) > 1 else (),
    )
    base = panel.interview
    return Interview(tuple(seat.terms()), base.levels, items, schedule, base.start, head)


class Coverage(NamedTuple):
    """One row of the coverage table: a term at a level, and each seat's question numbers
    (as numbered in that interviewer's guide)."""

    term: Term
    level: Level
    numbers: tuple[tuple[int, ...], ...]  # one per seat


def coverage(panel: Panel) -> list[Coverage]:
    rows: dict[tuple[str, str, Level], list[list[int]]] = {}
    terms: dict[tuple[str, str, Level], Term] = {}
    for item in panel.interview.items:
        key = (item.term.slug, item.term.industry, item.level)
        rows.setdefault(key, [[] for _ in panel.seats])
        terms[key] = item.term
    for index, seat in enumerate(panel.seats):
        for number, item in enumerate(seat.items, 1):
            rows[(item.term.slug, item.term.industry, item.level)][index].append(number)
    return [
        Coverage(terms[key], key[2], tuple(tuple(n) for n in numbers))
        for key, numbers in rows.items()
    ]
