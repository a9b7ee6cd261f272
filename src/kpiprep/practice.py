"""The practice drill: a question, its answer on Enter, a self-rating, and a summary at the end.

Input and output are handed in: `ask(prompt)` returns the line typed (None when input
has ended) and `say(event)` shows a question, an answer or a hint. Tests drive the drill
with a list of replies; the CLI wires it to standard input and the terminal.

Replies: at the question, Enter shows the answer (anything typed first is ignored, so the
reader may type an answer to themselves) and "q" stops. At the rating, 1 to 4 rates,
"s" skips the question and "q" stops; anything else, a blank line included (a second
Enter pressed by habit must not cost a rating), asks again, and after MAX_TRIES such
replies the question counts as skipped, so input that never holds a rating still ends.
The end of input and Ctrl-C (KeyboardInterrupt) stop the drill like "q" does: every way
out ends with the summary of the questions done so far.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import NamedTuple

from kpiprep.enums import Level
from kpiprep.term import Question, Term

RATINGS = {1: "missed it", 2: "some points", 3: "most points", 4: "every point"}
MAX_TRIES = 3
ENTER_PROMPT = "Press Enter to see the answer (q to stop): "
RATING_PROMPT = "Your rating, 1-4 (1 = missed it, 4 = every point; s to skip, q to stop): "
RATING_HINT = "Type 1, 2, 3 or 4; s to skip this question; q to stop."


class Card(NamedTuple):
    """One question of the drill, with the term and level it comes from."""

    term: Term
    level: Level
    number: int  # its number within the level, as `kpiprep questions` shows it
    question: Question


class Ending(str, Enum):
    """How a drill ended, and the exit code the command returns for it."""

    completed = "completed"
    quit = "quit"
    end_of_input = "end of input"
    interrupted = "interrupted"

    @property
    def exit_code(self) -> int:
        # Ctrl-C is reported like shells report SIGINT (128 + 2); running out of input or
        # typing q is a normal way to stop, not a failure.
        return 130 if self is Ending.interrupted else 0


class Rated(NamedTuple):
    """A question done: its rating, or None when it was skipped."""

    card: Card
    rating: int | None


class Summary(NamedTuple):
    total: int  # questions in the drill
    done: tuple[Rated, ...]  # questions rated or skipped, in the order asked
    ending: Ending

    @property
    def rated(self) -> list[Rated]:
        return [r for r in self.done if r.rating is not None]

    @property
    def average(self) -> float | None:
        ratings = [r.rating for r in self.done if r.rating is not None]
        return sum(ratings) / len(ratings) if ratings else None

    def weakest(self) -> list[Rated]:
        """The questions with the lowest rating given, unless every rating was the top one."""
        ratings = [r.rating for r in self.done if r.rating is not None]
        if not ratings or min(ratings) == max(RATINGS):
            return []
        return [r for r in self.done if r.rating == min(ratings)]


class Show(NamedTuple):
    """Show a question, without its answer."""

    card: Card
    position: int
    total: int


class Reveal(NamedTuple):
    """Show a question's expected answer and the points to listen for."""

    card: Card


class Hint(NamedTuple):
    """A short message about the replies expected."""

    text: str


Event = Show | Reveal | Hint
Ask = Callable[[str], str | None]
Say = Callable[[Event], None]


def cards(terms: Sequence[Term], levels: Sequence[Level]) -> list[Card]:
    """Every question of the terms at the levels, in content order: term by term, junior first."""
    return [
        Card(term, level, number, question)
        for term in terms
        for level in levels
        for number, question in enumerate(term.questions.for_level(level), 1)
    ]


def choose(pool: Sequence[Card], count: int | None = None, seed: int | None = None) -> list[Card]:
    """The first `count` cards (all by default), shuffled reproducibly when a seed is given."""
    chosen = list(pool)
    if seed is not None:
        from kpiprep.interview import seeded

        seeded(seed).shuffle(chosen)
    return chosen if count is None else chosen[:count]


def _rating(ask: Ask, say: Say) -> int | None | Ending:
    """A rating, None for a skip, or how the drill ends."""
    for _ in range(MAX_TRIES):
        reply = ask(RATING_PROMPT)
        if reply is None:
            return Ending.end_of_input
        word = reply.strip().casefold()
        if word in ("1", "2", "3", "4"):
            return int(word)
        if word in ("s", "skip"):
            return None
        if word in ("q", "quit"):
            return Ending.quit
        say(Hint(RATING_HINT))
    say(Hint(f"No rating after {MAX_TRIES} tries: question skipped."))
    return None


def drill(chosen: Sequence[Card], ask: Ask, say: Say) -> Summary:
    """Ask each card in turn; stop early on q, the end of input or Ctrl-C."""
    done: list[Rated] = []
    ending = Ending.completed
    try:
        for position, card in enumerate(chosen, 1):
            say(Show(card, position, len(chosen)))
            reply = ask(ENTER_PROMPT)
            if reply is None:
                ending = Ending.end_of_input
                break
            if reply.strip().casefold() in ("q", "quit"):
                ending = Ending.quit
                break
            say(Reveal(card))
            rating = _rating(ask, say)
            if isinstance(rating, Ending):
                ending = rating
                break
            done.append(Rated(card, rating))
    except KeyboardInterrupt:
        ending = Ending.interrupted
    return Summary(len(chosen), tuple(done), ending)
