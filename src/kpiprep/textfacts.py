"""Facts read off a document's lines with patterns: experience periods, quantities next to a
term, and acronyms or repeated phrases that look like jargon.

Each is quoted as written with its line number; nothing is computed from them (a period
"2019 - present" is reported as such, never turned into a number of years).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

# Case is ignored inside each word group only: a pattern ignoring case as a whole runs
# about twice as slowly over a long document. Each word's first letter is a class of its
# own ([Jj]), which the engine checks before trying the rest of the word: most places in a
# line are then passed over at once. (ſ is an s when case is ignored.)
_MONTH = (
    r"(?:[Jj](?i:an(?:uary)?|une?|uly?)|[Ff](?i:eb(?:ruary)?)|[Mm](?i:ar(?:ch)?|ay)"
    r"|[Aa](?i:pr(?:il)?|ug(?:ust)?)|[Ssſ](?i:ep(?:t(?:ember)?)?)|[Oo](?i:ct(?:ober)?)"
    r"|[Nn](?i:ov(?:ember)?)|[Dd](?i:ec(?:ember)?))\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_S = r"[^\S\n]"  # white space within a line: a period never runs over a line break
_DATE = rf"(?:{_MONTH}{_S}+{_YEAR}|(?:0?[1-9]|1[0-2])/{_YEAR}|{_YEAR})"
_END = rf"(?:{_DATE}|(?i:present|current|now|today|date))"
_NUMBER = (
    r"(?:\d{1,2}(?:\.\d)?|[Oo](?i:ne)|[Tt](?i:wo|hree|en|welve|wenty)|[Ff](?i:our|ive|ifteen)"
    r"|[Ssſ](?i:ix|even)|[Ee](?i:ight|leven)|[Nn](?i:ine))"
)
_ABOUT = (
    rf"(?:[Mm](?i:ore{_S}than)|[Oo](?i:ver)|[Nn](?i:early)|[Aa](?i:lmost|bout|round|t{_S}least))"
)
# One pattern for the three kinds.
PERIOD = re.compile(
    rf"(?<!\w)(?:(?P<range>{_DATE}{_S}*(?:-|–|—|(?i:to|until|till)){_S}*{_END}\b)"
    rf"|(?P<since>[Ssſ](?i:ince){_S}+{_DATE}\b)"
    rf"|(?P<duration>(?:{_ABOUT}{_S}+)?"
    rf"{_NUMBER}{_S}*\+?{_S}*(?i:years?|yrs?)['’]?(?:{_S}+(?i:of))?(?:{_S}+[\w&/-]+){{0,4}}?"
    rf"{_S}+(?i:experience)\b))"
)
_PERIOD_ANCHOR = re.compile(r"19[5-9]\d|20\d\d|[Yy](?:ea)?rs?\b")
# Each alternative starts with a currency sign, a currency code or a digit, and only the
# words after the number ignore case: the engine then skips quickly to where one can start.
_QUANTITY = re.compile(
    r"""
      (?:[$£€¥]|(?<!\w)(?:USD|EUR|GBP|CAD|AUD|CHF)\s?)\d[\d,]*(?:\.\d+)?
          (?:\s?(?i:k|m|bn|b|million|billion|thousand)\b)?
    | (?<!\w)\d[\d,]*(?:\.\d+)?
          \s?(?:%|(?i:per\s?cent|percent|percentage\ points?|pp|bps)\b)
    | (?<!\w)\d+(?:\.\d+)?(?i:x)\b
    | (?<!\w)\d[\d,]*(?:\.\d+)?(?:\s?(?i:k|m|bn|million|billion|thousand)\b)?
    """,
    re.X,
)
# Where a quantity can start. _QUANTITY opens with a look-behind, so the engine would try
# it at every character; this pattern has no such start and skips ahead at C speed.
_QUANTITY_START = re.compile(r"[$£€¥\d]|USD|EUR|GBP|CAD|AUD|CHF")
_YEAR_ONLY = re.compile(_YEAR)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")

# Capitals that are not jargon for a content writer: places, titles, degrees, company forms.
_NOT_JARGON = frozenset(
    "CV US USA UK EU UAE CEO CFO COO CTO CIO CHRO CPO VP SVP EVP BA BS MA MS MBA PHD LLC LTD "
    "INC PLC AM PM OK ID PDF".split()
)
# Two capitals at least (CSAT, M&A, B2B; not Q3), with an optional plural (SLAs). The
# patterns start with a capital, which the regular expression engine finds quickly; that
# the capital starts a word is looked at behind it, once it is found.
_STARTS_A_WORD = r"(?<![\w&][A-Z])"
_ACRONYM = re.compile(
    rf"([A-Z]{_STARTS_A_WORD}(?=[0-9&]*[A-Z])[A-Z0-9&]{{0,5}}[A-Z0-9])(?:s|'s|’s)?(?![\w&])"
)
_NOT_ACRONYM = re.compile(r"(?:FY|CY|H|Q)\d+|[IVX]+")
_WORD = r"(?:[a-z]+|[A-Z]{1,5})"  # after its capital
# Small words inside a name ("Time to Hire", "Cost per Hire"); not "and", which joins lists.
_PHRASE = re.compile(
    rf"[A-Z]{_STARTS_A_WORD}{_WORD}(?: (?:(?:of|to|per|for) )?[A-Z]{_WORD}){{1,4}}\b"
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec present current".split()
)
_CONNECTORS = frozenset(("of", "to", "per", "for"))
_NOT_NAMES = _CALENDAR | _CONNECTORS
_LEAD = re.compile(r"[\W\d_]*")  # what may come before a line's first word: bullets, numbers


def _starts_a_sentence(line: str, start: int) -> bool:
    before = line[:start].rstrip()
    return not before or before[-1] in ".!?:" or _LEAD.fullmatch(before) is not None


MAX_JARGON = 40
PHRASE_MIN_COUNT = 2


class Period(NamedTuple):
    line: int
    text: str  # as written: "Jan 2020 - present", "5 years of experience"
    kind: str  # range, since or duration
    start: int  # where it is in its line
    end: int


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


def periods(text: str, starts: Sequence[int]) -> list[Period]:
    """Each period in `text` (a document's lines joined; `starts`: where each line starts)."""
    found = []
    searched: set[int] = set()
    # The full pattern is slow to try at every character; every period has a year or the
    # word "years" in it, so only the lines with one are searched.
    for anchor in _PERIOD_ANCHOR.finditer(text):
        number = bisect.bisect_right(starts, anchor.start())
        if number in searched:
            continue
        searched.add(number)
        begin = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(text)
        for match in PERIOD.finditer(text, begin, end):
            start = match.start() - begin
            kind, written = match.lastgroup or "", " ".join(match[0].split())
            found.append(Period(number, written, kind, start, start + len(match[0])))
    return found


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    for left, right in spans:
        if left < end and start < right:
            return True
    return False


def sentence_around(line: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `line` that holds [start, end)."""
    left, right = 0, len(line)
    if ". " not in line and "; " not in line and "! " not in line and "? " not in line:
        return left, right  # one sentence (or the end of one): most lines of a CV
    for match in _SENTENCE_END.finditer(line):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return left, right


def quantities(
    line: str,
    sentence: tuple[int, int],
    names: Sequence[tuple[int, int]],
    dates: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Numbers, percentages, amounts and multiples in the sentence: not the names' own digits
    (360-degree feedback, SOX 404), not years, nor the `dates` (the line's periods)."""
    found: list[str] = []
    if not _DIGIT.search(line, *sentence):
        return found  # every kind of quantity has a digit: most sentences end here, at C speed
    skip = [*names, *dates]
    position, stop = sentence
    while True:
        # As _QUANTITY.finditer(line, *sentence) would, trying only where one can start.
        candidate = _QUANTITY_START.search(line, position, stop)
        if candidate is None:
            return found
        match = _QUANTITY.match(line, candidate.start(), stop)
        if match is None:
            position = candidate.start() + 1
            continue
        start, end = match.span()
        position = end
        if _overlaps(start, end, skip):
            continue
        text = match[0].strip()
        if len(text) == 4 and _YEAR_ONLY.fullmatch(text):
            continue
        if text not in found:
            found.append(text)


def _running_text(line: str) -> bool:
    """A line with lower-case letters; an all-capitals line is a heading (SKILLS, WORK)."""
    return line != line.upper()


def jargon(lines: Sequence[str], names: Mapping[int, Sequence[tuple[int, int]]]) -> list[Jargon]:
    """Acronyms, and capitalised phrases seen at least twice, in running text, that are not
    library names. `names`: where the library's names are, as (start, end) in each line
    (numbered from 1)."""
    # A line at a time: a heading (SKILLS, WORK) is skipped whole, and where a match is
    # needs no search for its line. (The order in which they are seen is no matter: the
    # list is sorted in full at the end.)
    seen: dict[tuple[str, str], list[int]] = {}
    shown: dict[tuple[str, str], str] = {}
    for number, line in enumerate(lines, 1):
        if not _running_text(line):
            continue
        spans = names.get(number, ())
        for match in _ACRONYM.finditer(line):
            word = match[1]
            if word in _NOT_JARGON:
                continue
            start, end = match.span()
            if spans and _overlaps(start, end, spans):
                continue
            if word[0] in "CFHQIVX" and _NOT_ACRONYM.fullmatch(word):
                continue
            if len(word) == 2 and start >= 2 and line[start - 2 : start] == ", ":
                continue  # "Austin, TX": a state or country code
            key = ("acronym", word)
            if key not in seen:
                seen[key], shown[key] = [], word
            seen[key].append(number)
        for match in _PHRASE.finditer(line):
            phrase, start = match[0], match.start()
            if _starts_a_sentence(line, start):
                # A sentence's first word is capitalised anyway: "Led Workday Rollout".
                first, _, phrase = phrase.partition(" ")
                start += len(first) + 1
                while phrase.split(" ", 1)[0] in _CONNECTORS:  # "Head of People" -> "People"
                    first, _, phrase = phrase.partition(" ")
                    start += len(first) + 1
                if " " not in phrase:
                    continue
            if spans and _overlaps(start, start + len(phrase), spans):
                continue
            if all(w.casefold() in _NOT_NAMES for w in phrase.split()):
                continue
            key = ("phrase", phrase.casefold())
            if key not in seen:
                seen[key], shown[key] = [], phrase
            seen[key].append(number)
    found = [
        Jargon(shown[key], key[0], len(numbers), tuple(dict.fromkeys(numbers)))
        for key, numbers in seen.items()
        if key[0] == "acronym" or len(numbers) >= PHRASE_MIN_COUNT
    ]
    found.sort(key=lambda j: (-j.times, j.kind, j.text.casefold()))
    return found[:MAX_JARGON]
