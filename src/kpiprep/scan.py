"""What a CV or job description shows: the library's terms and the lines that show them, the
claims to probe, the experience periods it states, and jargon the library does not know yet.

The library's names are compiled once per run (kpiprep.vocabulary) and found in each document.
Everything found is quoted from the document with its line number: nothing is inferred
beyond what the text says (no total years of experience is worked out, for one).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.textfacts import Period, jargon, periods, quantities, sentence_around
from kpiprep.vocabulary import TOKEN, Vocabulary

if TYPE_CHECKING:
    from kpiprep.documents import Document
    from kpiprep.term import Term
    from kpiprep.textfacts import Jargon

_BULLET = re.compile(r"\s*(?:[-*+•▪◦●‣·–]|\d{1,2}[.)])\s+")
MAX_EVIDENCE = 200  # characters of a long line (a Word paragraph) shown around the term
GENERIC_PROBE = (
    "What was the starting point, what was your own part, and how was the result measured?"
)


class Mention(NamedTuple):
    line: int
    text: str  # as written: "KPIs", "key performance indicators"


class Evidence(NamedTuple):
    line: int
    text: str  # the line, or the part of a long line around the term


class Claim(NamedTuple):
    """A number next to a term, and what to ask the candidate about it."""

    line: int
    quantities: tuple[str, ...]  # "15%", "$2.4M", "3x"
    probe: str
    phrase: str | None  # the resume phrase whose probe this is; None for the generic probe


class Found(NamedTuple):
    slug: str
    industry: str
    name: str
    full_name: str
    industry_name: str
    mentions: tuple[Mention, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[Claim, ...]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(item.line for item in self.evidence)

    @property
    def forms(self) -> tuple[str, ...]:
        """How the document writes the term, each form once."""
        return tuple(dict.fromkeys(m.text for m in self.mentions))


class ScanResult(NamedTuple):
    document: Document
    terms: tuple[Found, ...]  # most evidenced first
    periods: tuple[Period, ...]
    jargon: tuple[Jargon, ...]
    vocabulary: int  # how many library terms were looked for

    @property
    def evidence_lines(self) -> int:
        return sum(len(found.evidence) for found in self.terms)


@functools.lru_cache(maxsize=1024)  # a term's resume phrases are compared again and again
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in TOKEN.findall(text.casefold()) if len(w) > 3)


@functools.lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> frozenset[str]:
    """A resume phrase's words, worked out once per run: every claim compares with them."""
    return _words(phrase)


def choose_probe(term: Term | None, sentence: str) -> tuple[str, str | None]:
    """The probe of the resume phrase most like `sentence` (the first one on a tie), or the
    generic probe when the term's file gives none."""
    best: tuple[int, int, str, str] | None = None
    seen = _words(sentence)
    for position, item in enumerate(term.resume_phrases if term else ()):
        if item.probe:
            score = len(seen & _phrase_words(item.phrase))
            if best is None or score > best[0]:
                best = (score, position, item.probe, item.phrase)
    return (best[2], best[3]) if best else (GENERIC_PROBE, None)


def _industry(owned: Iterable[frozenset[tuple[str, str]]], slug: str, default: str) -> str:
    """The industry whose file names the term the way the document does; the default
    industry among them, else the one naming it most often."""
    counts: Counter[str] = Counter()
    for owners, seen in Counter(owned).items():  # the mentions of one name share its owners
        for owner_slug, industry in owners:
            if owner_slug == slug:
                counts[industry] += seen
    if default in counts:
        return default
    return min(counts, key=lambda industry: (-counts[industry], industry))


def _excerpt(line: str, start: int, end: int) -> str:
    """The line (without its list bullet), or the part of a long one around the term."""
    bullet = _BULLET.match(line)
    if bullet and bullet.end() <= start:
        line, start, end = line[bullet.end() :], start - bullet.end(), end - bullet.end()
    if len(line) <= MAX_EVIDENCE:
        return line
    left = max(0, min(start - MAX_EVIDENCE // 3, len(line) - MAX_EVIDENCE))
    right = left + MAX_EVIDENCE
    if left:
        left = line.find(" ", left, start) + 1 or left
    if right < len(line):
        right = line.rfind(" ", end, right) if line.rfind(" ", end, right) > 0 else right
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")


def scan(
    document: Document,
    vocabulary: Vocabulary,
    *,
    load: Callable[[str, str], Term | None] = lambda slug, industry: None,
    min_mentions: int = 1,
) -> ScanResult:
    """Scan one document. `load` gives a term's content (for its resume probes), or None."""
    text = "\n".join(document.lines)
    # Where each line starts in `text`: after the line before it and its line break.
    ends = itertools.accumulate(map(len, document.lines[:-1]))
    starts = [0, *(end + number for number, end in enumerate(ends, 1))]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    by_slug: dict[str, list[_Placed]] = {}
    covered: dict[int, list[tuple[int, int]]] = {}
    for hit in vocabulary.find(text):
        number = line_of(hit.start)
        start = hit.start - starts[number - 1]
        end = min(hit.end - starts[number - 1], len(document.lines[number - 1]))
        written = text[hit.start : hit.end]
        if "\n" in written or "  " in written:  # a name wrapped over two lines, say
            written = " ".join(written.split())
        placed = _Placed(hit.name.owners, number, start, end, written)
        for slug in hit.name.slugs:
            by_slug.setdefault(slug, []).append(placed)
        covered.setdefault(number, []).append((start, end))
        following = number
        while following < len(starts) and starts[following] < hit.end:
            following += 1  # a name wrapped onto the next line covers that line's start too
            rest = min(hit.end - starts[following - 1], len(document.lines[following - 1]))
            covered.setdefault(following, []).append((0, rest))
    found_periods = periods(text, starts)
    dates: dict[int, list[tuple[int, int]]] = {}
    for period in found_periods:
        dates.setdefault(period.line, []).append((period.start, period.end))
    context = _Context(vocabulary, document, covered, dates, load, {})
    terms = [
        _found(slug, found, context)
        for slug, found in by_slug.items()
        if len(found) >= min_mentions
    ]
    terms.sort(key=lambda f: (-len(f.evidence), -len(f.mentions), f.name.casefold(), f.slug))
    return ScanResult(
        document,
        tuple(terms),
        tuple(found_periods),
        tuple(jargon(document.lines, covered)),
        vocabulary.terms,
    )


class _Placed(NamedTuple):
    """A name found in the document, as `_found` needs it."""

    owners: frozenset[tuple[str, str]]  # the files that have the name
    line: int
    start: int  # in the line
    end: int
    written: str  # as the document writes it, on one line


class _Context(NamedTuple):
    """One document as `_found` sees it."""

    vocabulary: Vocabulary
    document: Document
    covered: dict[int, list[tuple[int, int]]]  # per line, where the library's names are
    dates: dict[int, list[tuple[int, int]]]  # per line, where its periods are
    load: Callable[[str, str], Term | None]
    # The quantities of each sentence read so far, by line and (start, end) in it.
    numbers: dict[tuple[int, tuple[int, int]], list[str]]


def _found(slug: str, hits: list[_Placed], context: _Context) -> Found:
    """One term's mentions, evidence and claims (numbers in a name or a period are none)."""
    vocabulary, lines, numbers = context.vocabulary, context.document.lines, context.numbers
    industry = _industry((hit.owners for hit in hits), slug, vocabulary.default_industry)
    record = vocabulary.records[(slug, industry)]
    mentions: list[Mention] = []
    evidence: list[Evidence] = []
    claims: list[Claim] = []
    term: Term | None = None
    loaded = False
    for _, number, start, end, written in hits:
        mentions.append(Mention(number, written))
        if evidence and evidence[-1].line == number:
            continue
        line = lines[number - 1]
        evidence.append(Evidence(number, _excerpt(line, start, end)))
        sentence = sentence_around(line, start, end)
        key = (number, sentence)
        found = numbers.get(key)
        if found is None:  # a line naming several terms is read once
            names, dates = context.covered[number], context.dates.get(number, ())
            found = numbers[key] = quantities(line, sentence, names, dates)
        if found:
            if not loaded:
                term, loaded = context.load(slug, industry), True
            probe, phrase = choose_probe(term, line[sentence[0] : sentence[1]])
            claims.append(Claim(number, tuple(found), probe, phrase))
    return Found(
        slug,
        industry,
        record.name,
        record.full_name,
        record.industry_name,
        tuple(mentions),
        tuple(evidence),
        tuple(claims),
    )


class Outcome(NamedTuple):
    """One file of a batch: its result, or the reason it failed."""

    name: str
    result: ScanResult | None
    error: str | None = None


class Ranked(NamedTuple):
    rank: int | None  # None for a file that failed
    outcome: Outcome


def rank(outcomes: Sequence[Outcome]) -> list[Ranked]:
    """Files by how much of the library they evidence: terms, then evidence lines; the
    failed files last, in the order given."""
    done = [item for item in outcomes if item.result is not None]
    done.sort(key=lambda o: (-len(o.result.terms), -o.result.evidence_lines, o.name))  # type: ignore[union-attr]
    rows = [Ranked(number, outcome) for number, outcome in enumerate(done, 1)]
    return rows + [Ranked(None, item) for item in outcomes if item.result is None]
