"""The scorecard: one interviewer's ratings of one candidate, in a file of its own.

`kpiprep score` writes it after every answer; a person can fill it in by hand; `debrief`
reads several. It is self-contained (question texts and listen-for points are copied in), so
an archived card reads the same after the content changes. The format is docs/scorecards.md.

kpiprep.cardfile reads and checks the file; this module is the card itself: its data, what
is left to record on it, and its text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpiprep.enums import Level
from kpiprep.term import SLUG_PATTERN

KIND = "scorecard"
FORMAT = 1
RECOMMENDATIONS = ("strong no", "no", "yes", "strong yes")
RATINGS = (1, 2, 3, 4)
MAX_SHORT = 200
MAX_TEXT = 4000
MAX_QUESTIONS = 200
MAX_PANEL = 20
SLUG_TEXT = SLUG_PATTERN[1:-1]
ID_RE = re.compile(rf"^({SLUG_TEXT})/({SLUG_TEXT})/(junior|mid|senior)/([1-9][0-9]{{0,2}})$")


@dataclass
class CardTerm:
    """A term the card's questions come from, with its weight in the role."""

    slug: str
    industry: str
    name: str
    weight: int = 1


@dataclass
class Answer:
    """One question on the card and what the interviewer recorded; None: not answered yet."""

    id: str
    question: str
    asked: bool | None = None
    listen_for: dict[str, bool | None] = field(default_factory=dict)
    rating: int | None = None
    notes: str | None = None
    red_flags: list[str] | None = None

    @property
    def was_asked(self) -> bool | None:
        """False when marked not asked; True once marked asked or anything is recorded (a card
        filled in by hand may leave `asked` out); None while the question is not reached."""
        if self.asked is not None:
            return self.asked
        if self.rating is not None or any(self.listen_for.values()) or self.red_flags:
            return True
        return None

    @property
    def term_key(self) -> tuple[str, str]:
        slug, industry, _, _ = self.id.split("/")
        return slug, industry

    @property
    def level(self) -> Level:
        return Level(self.id.split("/")[2])

    @property
    def position(self) -> int:
        return int(self.id.split("/")[3])


@dataclass
class Scorecard:
    candidate: str
    interviewer: str
    date: dt.date
    terms: list[CardTerm]
    questions: list[Answer]
    role: str | None = None
    level: Level | None = None
    seat: int | None = None  # in a panel: this interviewer's place (from 1) in `panel`
    panel: list[str] = field(default_factory=list)
    recommendation: str | None = None
    reasons: str | None = None

    def term(self, key: tuple[str, str]) -> CardTerm:
        return next(t for t in self.terms if (t.slug, t.industry) == key)

    @property
    def rated(self) -> int:
        return sum(1 for answer in self.questions if answer.rating is not None)


def recommendation_of(value: Any) -> str | None:
    """'Strong yes', 'strong-yes', STRONG_YES... -> 'strong yes'; YAML's yes/no (booleans,
    when left unquoted) are taken as they were meant. None if it is none of the four."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return None
    word = " ".join(value.replace("-", " ").replace("_", " ").casefold().split())
    if word in ("1", "2", "3", "4"):  # as `kpiprep score` numbers them
        return RECOMMENDATIONS[int(word) - 1]
    return word if word in RECOMMENDATIONS else None


# Writing: canonical YAML (or JSON), the same bytes for the same card.

# PyYAML refuses these characters anywhere in a file (all of them in the BMP), and reads
# U+0085, U+2028 and U+2029 as line breaks: written as escapes, any text a person typed
# survives the round trip. (Listed rather than as the complement of what PyYAML accepts:
# a class with astral ranges takes milliseconds to compile, on every start.)
_YAML_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# A token written bare: it reads back as that text in YAML (no number, date, yes or null).
BARE = re.compile(r"[a-z][a-z0-9/-]*")
YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def _bare(token: str) -> str:
    return token if BARE.fullmatch(token) and token not in YAML_WORDS else _scalar(token)


def _scalar(value: Any) -> str:
    """A value as YAML: every text double-quoted (as JSON writes it), so `no`, `1.0` or
    `- x` typed as a note can never be read back as anything but that text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _escaped(json.dumps(str(value), ensure_ascii=False))


def _escaped(text: str) -> str:
    """JSON text with what YAML refuses (all of it in the BMP) as \\u escapes, which JSON and
    YAML both read back as the character."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


HEADER = (
    "# kpiprep scorecard: one interviewer's ratings of one candidate (docs/scorecards.md).\n"
    "# Personal data: kpiprep writes it readable by you alone; keep it so, and delete it when\n"
    "# the hiring decision no longer needs it. Fill it in with `kpiprep score --resume FILE`\n"
    "# or by hand (null: not answered yet), and check it with `kpiprep validate FILE`.\n"
)


def to_data(card: Scorecard) -> dict[str, Any]:
    """The card as plain data, keys in the documented order."""
    return {
        "kind": KIND,
        "format": FORMAT,
        "candidate": card.candidate,
        "interviewer": card.interviewer,
        "date": card.date.isoformat(),
        "role": card.role,
        "level": card.level.value if card.level else None,
        "seat": card.seat,
        "panel": list(card.panel),
        "terms": [
            {"slug": t.slug, "industry": t.industry, "name": t.name, "weight": t.weight}
            for t in card.terms
        ],
        "questions": [
            {
                "id": a.id,
                "question": a.question,
                "asked": a.asked,
                "listen_for": dict(a.listen_for),
                "rating": a.rating,
                "notes": a.notes,
                "red_flags": None if a.red_flags is None else list(a.red_flags),
            }
            for a in card.questions
        ],
        "recommendation": card.recommendation,
        "reasons": card.reasons,
    }


def dumps(card: Scorecard, *, as_json: bool = False) -> str:
    """The file's text: YAML with a comment header, or JSON (for a `.json` file)."""
    data = to_data(card)
    if as_json:
        return _escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    # Slugs, ids, the date and the level are written bare where they read back as written.
    level = card.level.value if card.level else "null"
    out = [HEADER, f"kind: {KIND}\nformat: {FORMAT}\n"]
    out.append(f"candidate: {_scalar(card.candidate)}\ninterviewer: {_scalar(card.interviewer)}\n")
    out.append(f"date: {card.date.isoformat()}\nrole: {_scalar(card.role)}\nlevel: {level}\n")
    out.append(f"seat: {_scalar(card.seat)}\n")
    out.append("panel: [" + ", ".join(_scalar(name) for name in card.panel) + "]\n")
    out.append("terms:\n")
    for term in data["terms"]:
        out.append(f"  - slug: {_bare(term['slug'])}\n    industry: {_bare(term['industry'])}\n")
        out.append(f"    name: {_scalar(term['name'])}\n    weight: {term['weight']}\n")
    out.append("questions:\n")
    for answer in data["questions"]:
        out.append(f"  - id: {_bare(answer['id'])}\n    question: {_scalar(answer['question'])}\n")
        out.append(f"    asked: {_scalar(answer['asked'])}\n")
        if answer["listen_for"]:
            out.append("    listen_for:\n")
            out += [f"      {_scalar(k)}: {_scalar(v)}\n" for k, v in answer["listen_for"].items()]
        else:
            out.append("    listen_for: {}\n")
        out.append(f"    rating: {_scalar(answer['rating'])}\n")
        out.append(f"    notes: {_scalar(answer['notes'])}\n")
        flags = answer["red_flags"]
        shown = "null" if flags is None else "[" + ", ".join(_scalar(f) for f in flags) + "]"
        out.append(f"    red_flags: {shown}\n")
    out.append(f"recommendation: {_scalar(card.recommendation)}\n")
    out.append(f"reasons: {_scalar(card.reasons)}\n")
    return "".join(out)


def unfinished(card: Scorecard) -> list[str]:
    """What is left to do on a card, in words (empty when it is complete)."""
    left = []
    waiting = [a for a in card.questions if _next_field(a) is not None]
    if waiting:
        noun = "question" if len(waiting) == 1 else "questions"
        left.append(f"{len(waiting)} {noun} not finished ({waiting[0].id} first)")
    if card.recommendation is None:
        left.append("no overall recommendation")
    return left


STEPS = ("listen_for", "rating", "notes", "red_flags")


def _next_field(answer: Answer) -> str | None:
    """The first thing still to record about a question; None when it is done."""
    asked = answer.was_asked
    if asked is False:
        return None
    if asked is None or any(v is None for v in answer.listen_for.values()):
        return "listen_for"
    if answer.rating is None:
        return "rating"
    if answer.notes is None:
        return "notes"
    if answer.red_flags is None:
        return "red_flags"
    return None


def next_step(card: Scorecard) -> tuple[int, str] | None:
    """(question index, what to record) or (-1, 'recommendation' / 'reasons'); None: done."""
    for index, answer in enumerate(card.questions):
        step = _next_field(answer)
        if step is not None:
            return index, step
    if card.recommendation is None:
        return -1, "recommendation"
    if card.reasons is None:
        return -1, "reasons"
    return None


def is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def render(card: Scorecard, path: Path) -> str:
    return dumps(card, as_json=is_json(path))


# Reading back what `dumps` writes, without PyYAML: `debrief` reads many cards in a tight
# start-up budget. Only the exact shapes `dumps` writes are taken, each read as YAML reads it;
# anything else (a card edited by hand, say) returns None, and the card is read by the safe
# YAML reader (kpiprep.cardfile), which also locates any problem.

_TOP_KEYS = frozenset(
    ("kind", "format", "candidate", "interviewer", "date", "role", "level", "seat", "panel",
     "terms", "questions", "recommendation", "reasons")
)  # fmt: skip
_ITEM_KEYS = frozenset(
    ("slug", "industry", "name", "weight", "id", "question", "asked", "listen_for", "rating",
     "notes", "red_flags")
)  # fmt: skip
_FLAGS = {"true": True, "false": False, "null": None}
_scan = json.decoder.scanstring  # type: ignore[attr-defined]  # untyped in typeshed
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,8})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Escapes of surrogates: JSON pairs them into one character, YAML does not.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_BAD: Any = object()


def _value(text: str | None) -> Any:
    """One value as YAML reads it, or _BAD for anything `dumps` does not write."""
    if not text:
        return _BAD
    first = text[0]
    if first == '"' or first == "[":
        if text[-1] not in ('"', "]") or _SURROGATE.search(text):
            return _BAD
        # JSON's reader checks the escapes and refuses raw control characters; YAML reads a
        # double-quoted text, and a flow list of them, the same way.
        try:
            if first == '"':  # most values: the JSON string scanner alone, much faster
                value, end = _scan(text, 1, True)
                return value if end == len(text) else _BAD
            value = json.loads(text)
        except ValueError:
            return _BAD
        return value if all(isinstance(v, str) for v in value) else _BAD
    if text in _FLAGS:
        return _FLAGS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return _BAD
    if text == "{}":
        return {}
    return text if BARE.fullmatch(text) and text not in YAML_WORDS else _BAD


def _key_value(text: str, keys: frozenset[str]) -> tuple[str, str | None] | None:
    """`key: value` or `key:` (a block follows) with a key `dumps` writes; None otherwise."""
    key, colon, value = text.partition(": ")
    if colon:
        return (key, value) if key in keys else None
    return (text[:-1], None) if text[-1:] == ":" and text[:-1] in keys else None


def canonical_data(text: str) -> dict[str, Any] | None:
    """The plain data of a card as `dumps` wrote it (YAML's reading of it); None otherwise."""
    if _YAML_UNSAFE.search(text.replace("\n", "")):
        return None
    lines = text.split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    if lines and lines[-1] == "":
        lines.pop()
    data: dict[str, Any] = {}
    index, count = 0, len(lines)
    while index < count:
        top = _key_value(lines[index], _TOP_KEYS)
        if top is None or top[0] in data:
            return None
        index += 1
        if top[1] is not None:
            data[top[0]] = _value(top[1])
            if data[top[0]] is _BAD:
                return None
            continue
        items: list[dict[str, Any]] = []
        while index < count and lines[index][:2] == "  ":
            line = lines[index]
            if line[:4] == "  - ":
                items.append({})
            elif line[:4] != "    " or not items:
                return None
            pair = _key_value(line[4:], _ITEM_KEYS)
            index += 1
            if pair is None or pair[0] in items[-1]:
                return None
            key, rest = pair
            if rest is not None:
                items[-1][key] = value = _value(rest)
                if value is _BAD:
                    return None
                continue
            mapping: dict[str, Any] = {}
            while index < count and lines[index][:7] == '      "':
                # `      "point": true`: the value has no quote, so the last `": ` ends the key.
                key_text, _, flag = lines[index][6:].rpartition(" ")
                point = _value(key_text[:-1]) if key_text[-2:] == '":' else _BAD
                if not isinstance(point, str) or point in mapping or flag not in _FLAGS:
                    return None
                mapping[point] = _FLAGS[flag]
                index += 1
            items[-1][key] = mapping or None  # `key:` with nothing under it is null
        data[top[0]] = items or None
    return data
