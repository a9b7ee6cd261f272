"""The term as the rest of kpiprep sees it: plain named tuples, cheap to import and to build.

kpiprep.schema (pydantic) is the schema that checks a file; once a file has passed,
its data lives in these classes, and a cached copy can be turned back into them
without importing pydantic or YAML at all (start-up stays light).
tests/test_term.py keeps the two in step field by field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from kpiprep.enums import Level

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
MAX_SLUG_LENGTH = 64


def is_slug(name: str) -> bool:
    """Lower-case letters and digits in words joined by single hyphens: `okr-cycle`."""
    return len(name) <= MAX_SLUG_LENGTH and bool(SLUG_RE.match(name))


def normalise(name: str) -> str:
    """How names compare, a term's or a person's: case-insensitive, with runs of white space
    folded."""
    return " ".join(name.split()).casefold()


class Anchors(NamedTuple):
    """What an answer to one question sounds like at ratings 1 (weak), 3 (solid), 4 (strong)."""

    weak: str
    solid: str
    strong: str


class Question(NamedTuple):
    """One question. A schema 1 file has no kind, tests, probes or anchors: they stay empty."""

    question: str
    expected_answer: str
    listen_for: tuple[str, ...]
    minutes: int | None = None
    kind: str | None = None
    tests: str | None = None
    probes: tuple[str, ...] = ()
    anchors: Anchors | None = None


class ResumePhrase(NamedTuple):
    """A resume line, and what to ask about that claim (schema 2; None in schema 1 files)."""

    phrase: str
    probe: str | None = None


class QuestionsByLevel(NamedTuple):
    junior: tuple[Question, ...]
    mid: tuple[Question, ...]
    senior: tuple[Question, ...]

    def for_level(self, level: Level) -> tuple[Question, ...]:
        found: tuple[Question, ...] = getattr(self, level.value)
        return found


class Indicators(NamedTuple):
    years: str
    indicators: tuple[str, ...]


class IndicatorsByLevel(NamedTuple):
    junior: Indicators
    mid: Indicators
    senior: Indicators

    def for_level(self, level: Level) -> Indicators:
        found: Indicators = getattr(self, level.value)
        return found


class Term(NamedTuple):
    schema_version: int
    slug: str
    name: str
    full_name: str
    industry: str
    industry_name: str
    aliases: tuple[str, ...]
    summary: str
    definition: str
    analogy: str
    examples: tuple[str, ...]
    resume_phrases: tuple[ResumePhrase, ...]
    typical_job_title: str
    related_job_titles: tuple[str, ...]
    where_to_find: tuple[str, ...]
    questions: QuestionsByLevel
    levels: IndicatorsByLevel
    red_flags: tuple[str, ...]
    related: tuple[str, ...]
    sources: tuple[str, ...]
    last_reviewed: dt.date

    @property
    def names(self) -> list[str]:
        """Every name the term answers to: slug, short name, full name, aliases."""
        return [self.slug, self.name, self.full_name, *self.aliases]


# The one rule for characters that must never travel from a file to a terminal or an export:
# C0 controls other than tab and newline, DEL and the C1 range (they carry terminal escape
# sequences: colours, OSC hyperlinks and titles); bidirectional overrides and isolates, which
# reorder text on screen; and zero-width characters, which make look-alike names. The schema
# refuses them, a cached copy holding one is not trusted, and `visible` escapes them.
# Written as escapes, which Python's re and JSON Schema's regular expressions both read.
UNSAFE_CHARACTERS = (
    r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"  # controls
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    r"\u200b-\u200d\u2060\ufeff"  # zero-width space, joiners, word joiner, BOM
)
CONTROL_RE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_UNSAFE_OR_NEWLINE_RE = re.compile(rf"[{UNSAFE_CHARACTERS}\t\n]")


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every unsafe character (and with `one_line`, tab and newline) as an escape."""
    pattern = _UNSAFE_OR_NEWLINE_RE if one_line else CONTROL_RE
    return pattern.sub(lambda m: repr(m.group())[1:-1], text) if pattern.search(text) else text


_TEXTS = (
    "slug", "name", "full_name", "industry", "industry_name", "summary", "definition",
    "analogy", "typical_job_title", "last_reviewed",
)  # fmt: skip
_LISTS = (
    "aliases", "examples", "related_job_titles", "where_to_find", "red_flags", "sources",
    "related",
)  # fmt: skip
SCHEMA_VERSIONS = (1, 2)
# schema.fingerprint() as it is now; tests/test_term.py fails with the new value when the
# schema changes. Cached terms are keyed on it, so they are never read under another schema.
SCHEMA_FINGERPRINT = "ac0bd6403c551480"
QUESTION_KINDS = ("knowledge", "situational", "behavioural")


# What shell completion may offer: text every shell Typer supports takes literally, unquoted
# (letters and digits of any script, spaces and a few marks). A name outside it is not
# offered (its slug always is); its help line is cut down to the same characters.
_OFFERABLE_RE = re.compile(r"\w[\w .,/+:-]*")
_HELP_UNSAFE_RE = re.compile(r"[^\w .,/+:()-]+")
# What quotes, escapes, expands or chains commands in a shell: a name holding one of these is
# never offered, and validate says so (KP112).
SHELL_SPECIAL_RE = re.compile(r"[\"'`\\$;|<>!]")


def offerable(text: str) -> bool:
    """May shell completion offer `text` as a value?"""
    return bool(_OFFERABLE_RE.fullmatch(text)) and not CONTROL_RE.search(text)


def offer_help(text: str) -> str:
    """`text` as a completion's help line: only characters no shell reads as code."""
    return " ".join(_HELP_UNSAFE_RE.sub(" ", CONTROL_RE.sub(" ", text)).split())


def question_key(text: str) -> str:
    """The one rule for "the same question": case, spacing and punctuation do not count.

    The guide asks such a question once, and validate reports it as a repeat (KP104).
    """
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def display_name(name: str, full_name: str, sep: str = " · ") -> str:
    """The one title rule: 'KPI · Key Performance Indicators', or the name alone when the full
    name says the same thing in another case."""
    return name if full_name.casefold() == name.casefold() else f"{name}{sep}{full_name}"


def level_heading(term: Term, level: Level) -> str:
    """How a seniority is headed for a term: 'Senior (5+ years)'."""
    return f"{level.label} ({term.levels.for_level(level).years} years)"


def is_text(value: Any) -> bool:
    return isinstance(value, str) and not CONTROL_RE.search(value)


def is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(is_text(item) for item in value)


def _optional_text(value: Any) -> bool:
    return value is None or is_text(value)


def _looks_like_question(q: Any) -> bool:
    if not isinstance(q, dict) or set(q) != set(Question._fields):
        return False
    if not (is_text(q["question"]) and is_text(q["expected_answer"])):
        return False
    if not (is_texts(q["listen_for"]) and is_texts(q["probes"])):
        return False
    if q["minutes"] is not None and type(q["minutes"]) is not int:
        return False
    if q["kind"] is not None and q["kind"] not in QUESTION_KINDS:
        return False
    anchors = q["anchors"]
    if anchors is not None and not (
        isinstance(anchors, dict)
        and set(anchors) == set(Anchors._fields)
        and all(is_text(v) for v in anchors.values())
    ):
        return False
    return _optional_text(q["tests"])


def looks_valid(data: Any) -> bool:
    """Has `data` the exact shape and kinds of values that to_data writes?

    A cheap check for data read back from the cache, where a damaged or hand-edited entry
    must be a miss (and the file validated again), never a crash or unchecked text.
    """
    if not isinstance(data, dict) or set(data) != set(Term._fields):
        return False
    if data["schema_version"] not in SCHEMA_VERSIONS or type(data["schema_version"]) is not int:
        return False
    if not all(is_text(data[k]) for k in _TEXTS):
        return False
    if not all(is_texts(data[k]) for k in _LISTS):
        return False
    phrases = data["resume_phrases"]
    if not isinstance(phrases, list) or not all(
        isinstance(p, dict)
        and set(p) == set(ResumePhrase._fields)
        and is_text(p["phrase"])
        and _optional_text(p["probe"])
        for p in phrases
    ):
        return False
    questions, levels = data["questions"], data["levels"]
    names = {level.value for level in Level}
    if not isinstance(questions, dict) or not isinstance(levels, dict):
        return False
    if set(questions) != names or set(levels) != names:
        return False
    for level in names:
        items = questions[level]
        if not isinstance(items, list) or not all(_looks_like_question(q) for q in items):
            return False
        indicators = levels[level]
        if not isinstance(indicators, dict) or set(indicators) != {"years", "indicators"}:
            return False
        if not (is_text(indicators["years"]) and is_texts(indicators["indicators"])):
            return False
    return True


def _question(q: dict[str, Any]) -> Question:
    anchors = q.get("anchors")
    return Question(
        q["question"],
        q["expected_answer"],
        tuple(q["listen_for"]),
        q.get("minutes"),
        q.get("kind"),
        q.get("tests"),
        tuple(q.get("probes") or ()),
        Anchors(anchors["weak"], anchors["solid"], anchors["strong"]) if anchors else None,
    )


def _resume_phrase(item: Any) -> ResumePhrase:
    # Schema 1 writes a resume phrase as text; schema 2 as {phrase, probe}.
    if isinstance(item, str):
        return ResumePhrase(item)
    return ResumePhrase(item["phrase"], item.get("probe"))


def from_data(data: dict[str, Any]) -> Term:
    """Validated data (a checked file, or its cached copy) -> Term. It trusts its input."""
    questions = data["questions"]
    levels = data["levels"]
    reviewed = data["last_reviewed"]
    nested = ("questions", "levels", "last_reviewed", "resume_phrases", "related")
    simple: dict[str, Any] = {
        f: tuple(data[f]) if isinstance(data[f], list) else data[f]
        for f in Term._fields
        if f not in nested
    }
    return Term(
        **simple,
        resume_phrases=tuple(_resume_phrase(item) for item in data["resume_phrases"]),
        questions=QuestionsByLevel(
            **{level.value: tuple(_question(q) for q in questions[level.value]) for level in Level}
        ),
        levels=IndicatorsByLevel(
            **{
                level.value: Indicators(
                    levels[level.value]["years"], tuple(levels[level.value]["indicators"])
                )
                for level in Level
            }
        ),
        last_reviewed=(
            reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(reviewed)
        ),
        related=tuple(data.get("related") or ()),
    )


def to_data(term: Term) -> dict[str, Any]:
    """Term -> JSON-ready data with the schema's keys in the schema's order."""

    def plain(value: Any) -> Any:
        if hasattr(value, "_fields"):
            return {name: plain(item) for name, item in zip(value._fields, value, strict=True)}
        if isinstance(value, tuple):
            return [plain(item) for item in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    result: dict[str, Any] = plain(term)
    return result
