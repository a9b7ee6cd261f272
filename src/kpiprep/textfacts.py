"""Facts read off a document's lines with patterns: experience periods, quantities next to a
term, and acronyms or repeated phrases that look like jargon.

Each is quoted as written with its line number; nothing is computed from them (a period
"2019 - present" is reported as such, never turned into a number of years).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DATE = rf"(?:{_MONTH}\s+{_YEAR}|(?:0?[1-9]|1[0-2])/{_YEAR}|{_YEAR})"
_END = rf"(?:{_DATE}|present|current|now|today|date)"
_NUMBER = (
    r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty)"
)
PERIODS = (
    ("range", re.compile(rf"\b{_DATE}\s*(?:-|–|—|to|until|till)\s*{_END}\b", re.I)),
    ("since", re.compile(rf"\bsince\s+{_DATE}\b", re.I)),
    (
        "duration",
        re.compile(
            rf"\b(?:(?:more than|over|nearly|almost|about|around|at least)\s+)?{_NUMBER}\s*\+?"
            r"\s*(?:years?|yrs?)['’]?(?:\s+of)?(?:\s+[\w&/-]+){0,4}?\s+experience\b",
            re.I,
        ),
    ),
)
_QUANTITY = re.compile(
    r"""
      (?:[$£€¥]|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?)\d[\d,]*(?:\.\d+)?
          (?:\s?(?:k|m|bn|b|million|billion|thousand)\b)?
    | \b\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b|percentage\ points?\b|pp\b|bps\b)
    | \b\d+(?:\.\d+)?x\b
    | \b\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion|thousand)\b)?
    """,
    re.I | re.X,
)
_YEAR_ONLY = re.compile(_YEAR)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")

# Capitals that are not jargon for a content writer: places, titles, degrees, company forms.
_NOT_JARGON = frozenset(
    "CV US USA UK EU UAE CEO CFO COO CTO CIO CHRO CPO VP SVP EVP BA BS MA MS MBA PHD LLC LTD "
    "INC PLC AM PM OK ID PDF".split()
)
_ACRONYM = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]{0,5}[A-Z0-9])(?:s|'s|’s)?(?![\w&])")
_NOT_ACRONYM = re.compile(r"(?:FY|CY|H|Q)\d+|[IVX]+")
_WORD = r"(?:[A-Z][a-z]+|[A-Z]{2,6})"
# Small words inside a name ("Time to Hire", "Cost per Hire"); not "and", which joins lists.
_PHRASE = re.compile(rf"\b{_WORD}(?: (?:(?:of|to|per|for) )?{_WORD}){{1,4}}\b")
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec present current".split()
)
_CONNECTORS = frozenset(("of", "to", "per", "for"))
_SENTENCE_START = re.compile(r"^[\W\d_]*$|[.!?:]\s+$")
MAX_JARGON = 40
PHRASE_MIN_COUNT = 2


class Period(NamedTuple):
    line: int
    text: str  # as written: "Jan 2020 - present", "5 years of experience"
    kind: str  # range, since or duration


class Jargon(NamedTuple):
    text: str
    kind: str  # acronym or phrase
    times: int
    lines: tuple[int, ...]  # each line it is on, once


class Span(NamedTuple):
    """Where a library name is: its line, and its start and end within that line."""

    line: int
    start: int
    end: int


def periods(lines: Sequence[str]) -> list[Period]:
    found: list[Period] = []
    for number, line in enumerate(lines, 1):
        if not any(c.isdigit() for c in line) and "year" not in line.casefold():
            continue  # most lines: no date and no duration
        taken: list[tuple[int, int]] = []
        for kind, pattern in PERIODS:
            for match in pattern.finditer(line):
                if not _overlaps(match.span(), taken):
                    taken.append(match.span())
                    found.append(Period(number, " ".join(match[0].split()), kind))
    return found


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def sentence_around(line: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `line` that holds [start, end)."""
    left, right = 0, len(line)
    for match in _SENTENCE_END.finditer(line):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def quantities(line: str, sentence: tuple[int, int], names: Sequence[tuple[int, int]]) -> list[str]:
    """Numbers, percentages, amounts and multiples in the sentence: not the names' own digits
    (360-degree feedback, SOX 404), not years, dates or durations."""
    dates = [m.span() for _, pattern in PERIODS for m in pattern.finditer(line)]
    found: list[str] = []
    for match in _QUANTITY.finditer(line, *sentence):
        if _overlaps(match.span(), names) or _overlaps(match.span(), dates):
            continue
        if _YEAR_ONLY.fullmatch(match[0]):
            continue
        found.append(match[0].strip())
    return list(dict.fromkeys(found))


def _running_text(line: str) -> bool:
    """A line with lower-case letters; an all-capitals line is a heading (SKILLS, WORK)."""
    return any(c.islower() for c in line)


def jargon(lines: Sequence[str], covered: Mapping[int, Sequence[tuple[int, int]]]) -> list[Jargon]:
    """Acronyms, and capitalised phrases seen at least twice, in running text, that are not
    library names (`covered`: where the library's names are, line by line)."""
    seen: dict[tuple[str, str], list[int]] = {}
    shown: dict[tuple[str, str], str] = {}

    def note(kind: str, text: str, number: int) -> None:
        key = (kind, text if kind == "acronym" else text.casefold())
        seen.setdefault(key, []).append(number)
        shown.setdefault(key, text)

    for number, line in enumerate(lines, 1):
        if not _running_text(line):
            continue
        names = covered.get(number, ())
        for match in _ACRONYM.finditer(line):
            word = match[1]
            if _overlaps(match.span(), names) or word in _NOT_JARGON:
                continue
            if sum(c.isupper() for c in word) < 2 or _NOT_ACRONYM.fullmatch(word):
                continue
            if len(word) == 2 and line[: match.start()].endswith(", "):
                continue  # "Austin, TX": a state or country code
            note("acronym", word, number)
        for match in _PHRASE.finditer(line):
            start, text = match.start(), match[0]
            if _SENTENCE_START.search(line[:start]):
                # A sentence's first word is capitalised anyway: "Led Workday Rollout".
                first, _, rest = text.partition(" ")
                start, text = start + len(first) + 1, rest
                while text.split(" ", 1)[0] in _CONNECTORS:  # "Head of People" -> "People"
                    first, _, text = text.partition(" ")
                    start += len(first) + 1
            if " " not in text or _overlaps((start, start + len(text)), names):
                continue
            if all(w.casefold() in _CALENDAR | _CONNECTORS for w in text.split()):
                continue
            note("phrase", text, number)
    found = [
        Jargon(shown[key], key[0], len(numbers), tuple(dict.fromkeys(numbers)))
        for key, numbers in seen.items()
        if key[0] == "acronym" or len(numbers) >= PHRASE_MIN_COUNT
    ]
    found.sort(key=lambda j: (-j.times, j.kind, j.text.casefold()))
    return found[:MAX_JARGON]
