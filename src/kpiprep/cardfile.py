"""Reading a scorecard file: plain data checked field by field, every problem located.

Checked by hand rather than with a pydantic model: `debrief` reads ten cards within a
start-up budget that building one would use up several times over (about 55 ms for a small
model; benchmarks/loop.py has the budget).
The rules are the documented format (docs/scorecards.md); tests/test_scorecard.py holds
an example of each.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpiprep.enums import Level
from kpiprep.scorecard import (
    FORMAT,
    ID_RE,
    KIND,
    MAX_PANEL,
    MAX_QUESTIONS,
    MAX_SHORT,
    MAX_TEXT,
    RATINGS,
    SLUG_TEXT,
    Answer,
    CardTerm,
    Scorecard,
    recommendation_of,
)
from kpiprep.term import CONTROL_RE

if TYPE_CHECKING:
    from kpiprep.datafile import Parsed
    from kpiprep.loader import Issue, Location


class _Check:
    """Collects issues while plain data is turned into a Scorecard."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.issues: list[Issue] = []
        self.conflicts: list[Issue] = []

    def add(self, loc: Location, message: str, kind: str = "value") -> None:
        self.issues.append(self.parsed.issue(kind, loc, message))

    def mapping(
        self, value: Any, loc: Location, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            what = "empty" if value is None else f"a {type(value).__name__}"
            self.add(loc, f"should be a mapping of fields, not {what}")
            return None
        for key in value:
            if key not in required and key not in optional:
                self.add((*loc, key), "unknown field", "unknown")
        for key in required:
            if key not in value:
                self.add((*loc, key), "field required", "missing")
        return value

    def text(
        self, value: Any, loc: Location, limit: int = MAX_SHORT, *, empty: bool = False
    ) -> str | None:
        if not isinstance(value, str):
            self.add(loc, "Input should be a valid string")
            return None
        text: str = value.strip()
        if not text and not empty:
            self.add(loc, "should not be empty")
        elif len(text) > limit:
            self.add(loc, f"should have at most {limit} characters")
        elif found := CONTROL_RE.search(text):
            self.add(
                loc,
                f"invisible or control character U+{ord(found.group()):04X} at position "
                f"{found.start() + 1} (terminal escapes, text-direction overrides and "
                "zero-width characters are not allowed)",
            )
        else:
            return text
        return None

    def optional_text(
        self, data: dict[str, Any], key: str, loc: Location, limit: int = MAX_SHORT
    ) -> str | None:
        """An optional text field; "" is an answer (nothing to say), null is none yet."""
        value = data.get(key)
        return None if value is None else self.text(value, (*loc, key), limit, empty=True)

    def whole(self, value: Any, loc: Location, low: int, high: int) -> int | None:
        if type(value) is not int or not low <= value <= high:
            self.add(loc, f"should be a whole number from {low} to {high}")
            return None
        return value


def _date(check: _Check, value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    check.add(("date",), "a date is written YYYY-MM-DD, such as 2026-11-25")
    return None


def _terms(check: _Check, value: Any) -> list[CardTerm]:
    terms: list[CardTerm] = []
    if not isinstance(value, list) or not 1 <= len(value) <= 50:
        check.add(("terms",), "should be a list of 1 to 50 terms")
        return terms
    for index, item in enumerate(value):
        loc: Location = ("terms", index)
        data = check.mapping(item, loc, ("slug", "industry", "name"), ("weight",))
        if data is None:
            continue
        slug, industry = data.get("slug"), data.get("industry")
        for key in ("slug", "industry"):
            if key in data and not (
                isinstance(data[key], str) and re.fullmatch(SLUG_TEXT, data[key])
            ):
                check.add((*loc, key), "should be a slug: lower-case words joined by hyphens")
        name = check.text(data.get("name"), (*loc, "name")) if "name" in data else None
        weight = check.whole(data.get("weight", 1), (*loc, "weight"), 1, 10)
        if any(v is None for v in (slug, industry, name, weight)):
            continue
        if any((t.slug, t.industry) == (slug, industry) for t in terms):
            check.add(loc, f"{slug}/{industry} is listed twice")
            continue
        terms.append(CardTerm(str(slug), str(industry), str(name), int(weight or 1)))
    return terms


def _answer(check: _Check, item: Any, loc: Location) -> Answer | None:
    optional = ("asked", "listen_for", "rating", "notes", "red_flags")
    data = check.mapping(item, loc, ("id", "question"), optional)
    if data is None:
        return None
    before = len(check.issues)
    qid = data.get("id")
    if "id" in data and not (isinstance(qid, str) and ID_RE.match(qid)):
        check.add((*loc, "id"), "a question id is <term>/<industry>/<level>/<number>, such as "
                  "kpi/human-resources/mid/2")  # fmt: skip
    question = check.text(data.get("question"), (*loc, "question"), MAX_TEXT)
    asked = data.get("asked")
    if asked is not None and not isinstance(asked, bool):
        check.add((*loc, "asked"), "should be true (asked), false (not asked) or null")
    points: dict[str, bool | None] = {}
    heard = data.get("listen_for") or {}
    if not isinstance(heard, dict):
        check.add((*loc, "listen_for"), "should map each listen-for point to true (heard), "
                  "false or null")  # fmt: skip
    else:
        for point, value in heard.items():
            text = check.text(point, (*loc, "listen_for", point))
            if value is not None and not isinstance(value, bool):
                check.add((*loc, "listen_for", point), "should be true (heard), false or null")
            elif text is not None:
                points[text] = value
    rating = data.get("rating")
    if rating is not None and (type(rating) is not int or rating not in RATINGS):
        check.add(
            (*loc, "rating"), f"a rating is 1, 2, 3 or 4 (or null until rated), not {rating!r}"
        )
    notes = check.optional_text(data, "notes", loc, MAX_TEXT)
    flags = data.get("red_flags")
    if flags is not None and not isinstance(flags, list):
        check.add((*loc, "red_flags"), "should be a list of the red flags raised")
    elif flags is not None:
        flags = [check.text(f, (*loc, "red_flags", i), MAX_TEXT) for i, f in enumerate(flags)]
    if len(check.issues) > before:
        return None
    answer = Answer(qid, str(question), asked, points, rating, notes, flags)  # type: ignore[arg-type]
    if asked is False and (rating is not None or any(points.values()) or flags):
        check.conflicts.append(
            check.parsed.issue(
                "conflict",
                loc,
                "marked not asked (asked: false) but it has "
                "a rating, listen-for points heard or red flags",
            )  # fmt: skip
        )
    return answer


def _questions(check: _Check, value: Any, terms: list[CardTerm]) -> list[Answer]:
    answers: list[Answer] = []
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_QUESTIONS:
        check.add(("questions",), f"should be a list of 1 to {MAX_QUESTIONS} questions")
        return answers
    seen: dict[str, int] = {}
    known = {(t.slug, t.industry) for t in terms}
    for index, item in enumerate(value):
        loc: Location = ("questions", index)
        answer = _answer(check, item, loc)
        if answer is None:
            continue
        if answer.id in seen:
            message = (
                f"question {answer.id} is on the card twice (first at questions[{seen[answer.id]}])"
            )
            check.conflicts.append(check.parsed.issue("conflict", (*loc, "id"), message))
        seen.setdefault(answer.id, index)
        if terms and answer.term_key not in known:
            message = f"its term {'/'.join(answer.term_key)} is not in the card's terms"
            check.conflicts.append(check.parsed.issue("conflict", (*loc, "id"), message))
        answers.append(answer)
    return answers


TOP_REQUIRED = ("kind", "format", "candidate", "interviewer", "date", "terms", "questions")
TOP_OPTIONAL = ("role", "level", "seat", "panel", "recommendation", "reasons")


def check_data(parsed: Parsed) -> tuple[Scorecard | None, list[Issue], list[Issue]]:
    """Parsed file -> (card, [], []) or (None, schema issues, contradictions)."""
    check = _Check(parsed)
    data = check.mapping(parsed.data, (), TOP_REQUIRED, TOP_OPTIONAL)
    if data is None:
        return None, check.issues, []
    if "kind" in data and data["kind"] != KIND:
        check.add(("kind",), f"should be {KIND!r} in a scorecard")
    if "format" in data and (type(data["format"]) is not int or data["format"] != FORMAT):
        check.add(("format",), f"should be {FORMAT}: the only scorecard format there is")
    candidate = check.text(data.get("candidate"), ("candidate",)) if "candidate" in data else None
    interviewer = (
        check.text(data.get("interviewer"), ("interviewer",)) if "interviewer" in data else None
    )
    date = _date(check, data["date"]) if "date" in data else None
    role = check.optional_text(data, "role", ()) or None
    level = data.get("level")
    if level is not None and level not in {lv.value for lv in Level}:
        check.add(("level",), "should be junior, mid or senior (or null)")
    seat = data.get("seat")
    if seat is not None:
        seat = check.whole(seat, ("seat",), 1, MAX_PANEL)
    panel_data = data.get("panel") or []
    panel: list[str] = []
    if not isinstance(panel_data, list) or len(panel_data) > MAX_PANEL:
        check.add(("panel",), f"should be a list of at most {MAX_PANEL} interviewers' names")
    else:
        panel = [n for i, v in enumerate(panel_data) if (n := check.text(v, ("panel", i)))]
    if isinstance(seat, int) and seat > len(panel_data if isinstance(panel_data, list) else []):
        check.add(("seat",), f"seat {seat} is not on a panel of {len(panel)}")
    terms = _terms(check, data.get("terms")) if "terms" in data else []
    answers = _questions(check, data.get("questions"), terms) if "questions" in data else []
    recommendation = data.get("recommendation")
    if recommendation is not None:
        recommendation = recommendation_of(recommendation)
        if recommendation is None:
            check.add(("recommendation",), "should be strong no, no, yes or strong yes (or null)")
    reasons = check.optional_text(data, "reasons", (), MAX_TEXT)
    if check.issues or None in (candidate, interviewer, date):
        return None, check.issues, check.conflicts
    card = Scorecard(
        str(candidate), str(interviewer), date, terms, answers, role,  # type: ignore[arg-type]
        Level(level) if level else None, seat, panel, recommendation, reasons,
    )  # fmt: skip
    return card, [], check.conflicts


def read_card(path: Path) -> tuple[Scorecard, Parsed]:
    """Read and check a scorecard, or raise every problem with its line and column; the
    parsed file comes too, to locate problems found later (an unknown question id)."""
    from kpiprep.datafile import read, refuse

    parsed = read(path)
    if parsed.issues:
        raise refuse(path, parsed.issues)
    card, issues, conflicts = check_data(parsed)
    if card is None or conflicts:
        raise refuse(path, issues + conflicts)
    return card, parsed


def load(path: Path) -> Scorecard:
    """Read and check a scorecard, or raise every problem with its line and column.

    A card as kpiprep writes it is read without PyYAML (scorecard.canonical_data); any
    other text, and any card with a problem, goes through the safe YAML reader, which
    reports each problem where it is.
    """
    from kpiprep.datafile import Parsed
    from kpiprep.errors import ContentError
    from kpiprep.loader import Refused, decode, read_bytes
    from kpiprep.scorecard import canonical_data

    try:
        data = canonical_data(decode(read_bytes(path)[0]))
    except (ContentError, Refused):
        data = None
    if data is not None:
        card, _, conflicts = check_data(Parsed(data, {}, {}, []))
        if card is not None and not conflicts:
            return card
    return read_card(path)[0]
