"""The library's names, compiled once to be found in any number of documents.

A name matches whole words, in any case, with a plural or possessive on its last word
("KPIs", "OKR's"); a name written in capitals (KPI, SMART, AP) matches in capitals only,
so "smart" or "ap" in a sentence is no hit. A space, a hyphen or a slash between a name's
words are alike ("month-end close", "month end close"); other punctuation must be there
("FP&A", "S.M.A.R.T. goals"). Matching is one walk over a document's words with a dictionary
look-up each, so a batch of a hundred CVs stays fast.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from kpiprep.catalog import Record

TOKEN = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")  # the text cut into gaps and words
_SPLIT_WORDS = re.compile(r"(\w+)")  # the same for a text with no underscore
# Between two words of a name: white space, a hyphen or a slash are all alike ("month-end
# close", "month end close"); at most one line break, as where a PDF wraps a line.
_SOFT_GAP = re.compile(r"[\s\-\u2010\u2011\u2012\u2013/]{1,4}")
_APOSTROPHES = ("'", "\u2019")


class Name(NamedTuple):
    """A library name as matched: its words, what separates them, and whose name it is."""

    words: tuple[str, ...]  # casefolded; as written for a name in capitals
    gaps: tuple[str, ...]  # "" for a space, hyphen or slash; else the punctuation ("&", ".")
    exact: bool  # written in capitals (KPI, SMART, AP): matches in capitals only
    owners: frozenset[tuple[str, str]]  # (slug, industry) of every file that has the name
    slugs: tuple[str, ...]  # the terms among them, each once
    second: str  # the second word, folded ("" for a one-word name): a quick first check


class Hit(NamedTuple):
    start: int
    end: int
    name: Name


def _shape(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    spans = list(TOKEN.finditer(name))
    gaps = tuple(_gap(name[a.end() : b.start()]) for a, b in zip(spans, spans[1:], strict=False))
    return tuple(m[0] for m in spans), gaps


def _gap(text: str) -> str:
    return "" if _SOFT_GAP.fullmatch(text) else "".join(text.split())


def _key(name: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in TOKEN.findall(name))


def _names(record: Record) -> list[str]:
    """A file's names; its slug only where it reads differently from every other name
    ('employee-turnover-rate' is covered by 'Employee turnover rate', 'kpi' by 'KPI')."""
    names = list(record.names)
    if names and names[0] == record.slug and _key(names[0]) in {_key(n) for n in names[1:]}:
        return names[1:]
    return names


class Vocabulary:
    """The names of the library's terms, ready to find in any number of documents."""

    def __init__(self, records: Sequence[Record], default_industry: str = "") -> None:
        self.records = {(r.slug, r.industry): r for r in records}
        self.terms = len({r.slug for r in records})
        self.default_industry = default_industry
        shapes: dict[tuple[tuple[str, ...], tuple[str, ...], bool], set[tuple[str, str]]] = {}
        for record in records:
            for name in _names(record):
                words, gaps = _shape(name)
                if not words or len("".join(words)) < 2:
                    continue
                exact = name.upper() == name and any(c.isupper() for c in name)
                key = words if exact else tuple(w.casefold() for w in words)
                shapes.setdefault((key, gaps, exact), set()).add((record.slug, record.industry))
        # Looked up by a document word's casefolded form (a one-word name also by its
        # plural), then by the word after it: "" for the one-word names.
        by_first: dict[str, list[Name]] = {}
        for (words, gaps, exact), owners in shapes.items():
            slugs = tuple(sorted({slug for slug, _ in owners}))
            second = words[1].casefold() if len(words) > 1 else ""
            entry = Name(words, gaps, exact, frozenset(owners), slugs, second)
            first = words[0].casefold()
            forms = [first, first + "s", first + "es"] if len(words) == 1 else [first]
            for form in forms:
                by_first.setdefault(form, []).append(entry)
        self.index: dict[str, dict[str, tuple[Name, ...]]] = {}
        for form, names in by_first.items():
            names.sort(key=lambda n: -len(n.words))  # the longest name wins
            table: dict[str, list[Name]] = {}
            for entry in names:
                table.setdefault(entry.second, []).append(entry)
            self.index[form] = {second: tuple(group) for second, group in table.items()}

    def find(self, text: str) -> list[Hit]:
        """Every library name in `text`, left to right, never overlapping."""
        folded = text.casefold()
        if len(folded) == len(text):
            # The usual case, and the quick one: the text folded and cut once. Each letter
            # folded into one letter, so the pieces have the places of the original ones.
            # Without an underscore, \w is the word class, and the engine tests it faster.
            parts = (_SPLIT if "_" in folded else _SPLIT_WORDS).split(folded)
        else:  # a letter folded into two (ß, İ): cut the text, and fold word by word
            parts = _SPLIT.split(text)
            parts[1::2] = [word.casefold() for word in parts[1::2]]
        # parts: gap, word, gap, word, ..., gap; ends[k]: where parts[k] ends in the text.
        ends = list(itertools.accumulate(map(len, parts)))
        document = _Words(text, parts, ends)
        index = self.index
        hits: list[Hit] = []
        after = 0  # the first word not yet inside a name
        words = parts[1::2]
        words.append("")  # so that every word has a next one
        for position in [i for i, word in enumerate(words) if word in index]:
            if position < after:
                continue
            for name in _candidates(index[words[position]], words[position + 1]):
                found = _match(name, document, position)
                if found:
                    after, end = found
                    hits.append(Hit(ends[2 * position], end, name))
                    break
        return hits


def _candidates(table: dict[str, tuple[Name, ...]], following: str) -> tuple[Name, ...]:
    """The names that may start at a word followed by `following`, longest first: those
    whose second word it is, or is the plural of ("HR analytics" is not at "HR team"),
    then the one-word names."""
    found = table.get(following, ())
    if following[-1:] == "s" and len(following) > 1:
        found += table.get(following[:-1], ())
        if following[-2:] == "es" and len(following) > 2:
            found += table.get(following[:-2], ())
        if len(found) > 1:  # longest first; of one length, the second word as written first
            found = tuple(sorted(found, key=lambda n: -len(n.words)))
    if following:
        found += table.get("", ())
    return found


class _Words(NamedTuple):
    text: str
    parts: list[str]
    ends: list[int]


def _match(name: Name, words: _Words, at: int) -> tuple[int, int] | None:
    """(index of the next word, end offset) if `name` is at word `at` of the text.

    A document word is a name's word when its casefolded form is (or, in capitals, the word
    as written is); the name's last word may take a plural (KPIs, KPIS, pipelines)."""
    count = len(name.words)
    parts = words.parts
    if 2 * (at + count) > len(parts):
        return None
    last = count - 1
    exact = name.exact
    index = 2 * at + 1  # the word's place in parts
    for offset, wanted in enumerate(name.words):
        # Most names differ from the text in a word: the folded words tell, without slicing.
        seen = words.text[words.ends[index - 1] : words.ends[index]] if exact else parts[index]
        if seen != wanted:
            if offset < last:
                return None
            if seen not in (
                (wanted + "s", wanted + "S") if exact else (wanted + "s", wanted + "es")
            ):
                return None
        if offset < last:
            gap = parts[index + 1]
            expected = name.gaps[offset]
            if expected:
                if "".join(gap.split()) != expected:
                    return None
            elif gap != " " and (not _SOFT_GAP.fullmatch(gap) or gap.count("\n") > 1):
                return None
        index += 2
    after = at + count
    end = words.ends[2 * after - 1]
    # A possessive belongs to the name: OKR's, KPI’s.
    if 2 * after + 1 < len(parts) and parts[2 * after + 1] == "s":
        if parts[2 * after] in _APOSTROPHES:
            return after + 1, words.ends[2 * after + 1]
    return after, end
