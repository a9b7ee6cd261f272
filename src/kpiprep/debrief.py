"""The debrief: one candidate's scorecards brought together for the panel's decision.

Per term and question, each interviewer's rating and the spread between them, with ratings
2 or more apart flagged to discuss; how many listen-for points anyone heard; every red flag
raised and by whom; the questions nobody asked; the tally of recommendations; and which
interviewers on the panel have not sent a card. Cards for another candidate or role, or two
cards from one interviewer, are refused: a debrief mixes nothing up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import KpiprepError
from kpiprep.scorecard import RECOMMENDATIONS, Scorecard
from kpiprep.term import normalise

DISAGREEMENT = 2  # ratings this far apart are flagged to discuss
YES_SIDE = ("yes", "strong yes")


class Rater(NamedTuple):
    """An interviewer whose card is in the debrief."""

    name: str
    seat: int | None
    path: str
    card: Scorecard
    average: float | None  # their term averages, weighted by the terms' weights


class Mark(NamedTuple):
    """What one interviewer recorded about one question."""

    interviewer: str
    asked: bool | None  # None: not reached yet
    rating: int | None
    notes: str | None
    heard: int
    points: int


class QuestionRow(NamedTuple):
    id: str
    term: str
    level: Level
    position: int
    question: str
    marks: tuple[Mark, ...]  # one per interviewer who had it on their card
    spread: int | None  # between the highest and lowest rating, with two ratings or more
    points: tuple[tuple[str, tuple[str, ...]], ...]  # each listen-for point, and who heard it

    @property
    def discuss(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT

    @property
    def asked(self) -> bool:
        return any(mark.asked for mark in self.marks)


class TermRow(NamedTuple):
    slug: str
    industry: str
    name: str
    weight: int
    averages: tuple[float | None, ...]  # one per rater, in the debrief's order
    spread: float | None

    @property
    def discuss(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT


class Flag(NamedTuple):
    """A red flag raised: what, by whom, at which question."""

    text: str
    interviewer: str
    question: str  # its id
    term: str


class Debrief(NamedTuple):
    candidate: str
    role: str | None
    level: Level | None
    raters: tuple[Rater, ...]
    missing: tuple[str, ...]  # interviewers on the panel without a card
    terms: tuple[TermRow, ...]
    questions: tuple[QuestionRow, ...]
    flags: tuple[Flag, ...]
    tally: tuple[tuple[str, tuple[str, ...]], ...]  # each recommendation and who gave it
    undecided: tuple[str, ...]  # interviewers without a recommendation yet
    average: float | None  # the panel's: term averages over everyone, weighted

    @property
    def not_asked(self) -> list[QuestionRow]:
        return [row for row in self.questions if not row.asked]

    @property
    def split_decision(self) -> bool:
        given = {choice for choice, names in self.tally if names}
        return bool(given & set(YES_SIDE)) and bool(given - set(YES_SIDE))

    @property
    def to_discuss(self) -> list[TermRow | QuestionRow]:
        return [*(t for t in self.terms if t.discuss), *(q for q in self.questions if q.discuss)]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _weighted(pairs: Sequence[tuple[float | None, int]]) -> float | None:
    given = [(value, weight) for value, weight in pairs if value is not None]
    total = sum(weight for _, weight in given)
    return sum(value * weight for value, weight in given) / total if total else None


def _check_together(cards: Sequence[tuple[str, Scorecard]]) -> None:
    """Refuse cards that cannot be debriefed together, naming the files."""
    first_path, first = cards[0]
    for path, card in cards[1:]:
        if normalise(card.candidate) != normalise(first.candidate):
            raise KpiprepError(
                f"{path} is about {card.candidate!r} but {first_path} about {first.candidate!r}: "
                "a debrief brings together one candidate's scorecards"
            )
        for what, mine, theirs in (
            ("role", card.role, first.role),
            ("level", card.level and card.level.value, first.level and first.level.value),
        ):
            if mine and theirs and normalise(mine) != normalise(theirs):
                raise KpiprepError(
                    f"{path} is for the {what} {mine!r} but {first_path} for {theirs!r}: "
                    "a debrief brings together the scorecards of one interview loop"
                )
    seen: dict[str, str] = {}
    for path, card in cards:
        keys = [f"name {normalise(card.interviewer)}"]
        if card.seat is not None:
            keys.append(f"seat {card.seat}")
        for key in keys:
            if key in seen:
                what = "seat" if key.startswith("seat") else "interviewer"
                raise KpiprepError(
                    f"{seen[key]} and {path} are from the same {what} ({card.interviewer}"
                    f"{f', seat {card.seat}' if what == 'seat' else ''}): keep one scorecard "
                    "per interviewer"
                )
            seen[key] = path


def _missing(cards: Sequence[Scorecard]) -> tuple[str, ...]:
    panel = max((card.panel for card in cards), key=len, default=[])
    seats = {card.seat for card in cards}
    names = {normalise(card.interviewer) for card in cards}
    return tuple(
        name
        for seat, name in enumerate(panel, 1)
        if seat not in seats and normalise(name) not in names
    )


def merge(cards: Sequence[tuple[str, Scorecard]]) -> Debrief:
    """The debrief of (path, card) pairs; refuses cards that do not belong together."""
    if not cards:
        raise KpiprepError("a debrief needs at least one scorecard")
    _check_together(cards)
    ordered = sorted(
        cards, key=lambda pc: (pc[1].seat is None, pc[1].seat or 0, normalise(pc[1].interviewer))
    )
    # Terms in the order the panel meets them; weights as the first card gives them.
    terms: dict[tuple[str, str], tuple[str, int]] = {}
    for _, card in ordered:
        for term in card.terms:
            terms.setdefault((term.slug, term.industry), (term.name, term.weight))
    order = list(terms)
    rows: dict[str, list[tuple[str, Scorecard, int]]] = {}
    for _, card in ordered:
        for index, answer in enumerate(card.questions):
            rows.setdefault(answer.id, []).append((card.interviewer, card, index))
    levels = list(Level)
    questions = []
    for qid in sorted(rows, key=lambda q: _sort_key(q, order, levels)):
        marks: list[Mark] = []
        points: dict[str, list[str]] = {}
        for name, card, index in rows[qid]:
            answer = card.questions[index]
            heard = [p for p, yes in answer.listen_for.items() if yes]
            for point in answer.listen_for:
                points.setdefault(point, [])
            for point in heard:
                points[point].append(name)
            marks.append(Mark(name, answer.was_asked, answer.rating, answer.notes, len(heard),
                              len(answer.listen_for)))  # fmt: skip
        first = rows[qid][0][1].questions[rows[qid][0][2]]
        ratings = [m.rating for m in marks if m.rating is not None]
        spread = max(ratings) - min(ratings) if len(ratings) > 1 else None
        questions.append(
            QuestionRow(qid, terms[first.term_key][0], first.level, first.position,
                        first.question, tuple(marks), spread,
                        tuple((p, tuple(who)) for p, who in points.items()))
        )  # fmt: skip
    raters_cards = [(path, card) for path, card in ordered]
    term_rows = []
    for key in order:
        averages = []
        for _, card in raters_cards:
            mine = [a.rating for a in card.questions if a.term_key == key and a.rating is not None]
            averages.append(_mean(mine))
        given = [a for a in averages if a is not None]
        term_spread = max(given) - min(given) if len(given) > 1 else None
        term_rows.append(TermRow(*key, *terms[key], tuple(averages), term_spread))
    raters = tuple(
        Rater(card.interviewer, card.seat, path, card,
              _weighted([(row.averages[i], row.weight) for row in term_rows]))
        for i, (path, card) in enumerate(raters_cards)
    )  # fmt: skip
    flags = tuple(
        Flag(flag, card.interviewer, answer.id, terms[answer.term_key][0])
        for _, card in ordered
        for answer in card.questions
        for flag in answer.red_flags or ()
    )
    tally = tuple(
        (choice, tuple(r.name for r in raters if r.card.recommendation == choice))
        for choice in reversed(RECOMMENDATIONS)
    )
    panel_average = _weighted(
        [(_mean([a for a in row.averages if a is not None]), row.weight) for row in term_rows]
    )
    return Debrief(
        ordered[0][1].candidate,
        next((c.role for _, c in ordered if c.role), None),
        next((c.level for _, c in ordered if c.level), None),
        raters,
        _missing([card for _, card in ordered]),
        tuple(term_rows),
        tuple(questions),
        flags,
        tally,
        tuple(r.name for r in raters if r.card.recommendation is None),
        panel_average,
    )


def _sort_key(qid: str, terms: list[tuple[str, str]], levels: list[Level]) -> tuple[int, int, int]:
    slug, industry, level, position = qid.split("/")
    where = terms.index((slug, industry)) if (slug, industry) in terms else len(terms)
    return where, levels.index(Level(level)), int(position)
