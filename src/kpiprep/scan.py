"""What a CV or job description shows: the library's terms and the lines that show them, the
claims to probe, the experience periods it states, and jargon the library does not know yet.

The library's names are compiled once per run (`Vocabulary`); matching a document is one walk
over its words with a dictionary look-up each, so a batch of a hundred CVs stays fast.
Everything found is quoted from the document with its line number: nothing is inferred
beyond what the text says (no total years of experience is worked out, for one).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.textfacts import Period, jargon, periods, quantities, sentence_around

if TYPE_CHECKING:
    from kpiprep.catalog import Record
    from kpiprep.documents import Document
    from kpiprep.term import Term
    from kpiprep.textfacts import Jargon

TOKEN = re.compile(r"[^\W_]+")
# Between two words of a name: white space, a hyphen or a slash are all alike ("month-end
# close", "month end close"); at most one line break, as where a PDF wraps a line.
_SOFT_GAP = re.compile(r"[\s\-\u2010\u2011\u2012\u2013/]{1,4}")
_APOSTROPHES = ("'", "\u2019")
_BULLET = re.compile(r"\s*(?:[-*+•▪◦●‣·–]|\d{1,2}[.)])\s+")
MAX_EVIDENCE = 200  # characters of a long line (a Word paragraph) shown around the term
GENERIC_PROBE = (
    "What was the starting point, what was your own part, and how was the result measured?"
)


class Name(NamedTuple):
    """A library name as matched: its words, what separates them, and whose name it is."""

    words: tuple[str, ...]  # casefolded; as written for a name in capitals
    gaps: tuple[str, ...]  # "" for a space, hyphen or slash; else the punctuation ("&", ".")
    exact: bool  # written in capitals (KPI, SMART, AP): matches in capitals only
    owners: frozenset[tuple[str, str]]  # (slug, industry) of every file that has the name


class Hit(NamedTuple):
    start: int
    end: int
    owners: frozenset[tuple[str, str]]


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
        # Looked up by a document word's casefolded form; a one-word name also by its plural.
        self.index: dict[str, list[Name]] = {}
        for (words, gaps, exact), owners in shapes.items():
            entry = Name(words, gaps, exact, frozenset(owners))
            first = words[0].casefold()
            forms = [first, first + "s", first + "es"] if len(words) == 1 else [first]
            for form in forms:
                self.index.setdefault(form, []).append(entry)
        for names in self.index.values():
            names.sort(key=lambda n: -len(n.words))  # the longest name wins

    def find(self, text: str) -> list[Hit]:
        """Every library name in `text`, left to right, never overlapping."""
        spans = [m.span() for m in TOKEN.finditer(text)]
        words = TOKEN.findall(text)
        index = self.index
        hits: list[Hit] = []
        position = 0
        while position < len(words):
            candidates = index.get(words[position].casefold())
            found = None
            if candidates:
                for name in candidates:
                    found = _match(name, text, words, spans, position)
                    if found:
                        break
            if found is None:
                position += 1
                continue
            end_word, end = found
            hits.append(Hit(spans[position][0], end, name.owners))
            position = end_word
        return hits


def _same(word: str, wanted: str, exact: bool, last: bool) -> bool:
    seen = word if exact else word.casefold()
    if seen == wanted:
        return True
    if not last:
        return False
    if exact:  # KPIs, KPIS
        return word in (wanted + "s", wanted + "S")
    return seen in (wanted + "s", wanted + "es")


def _match(
    name: Name, text: str, words: list[str], spans: list[tuple[int, int]], at: int
) -> tuple[int, int] | None:
    """(index of the next word, end offset) if `name` is at word `at` of the text."""
    count = len(name.words)
    if at + count > len(words):
        return None
    for offset, wanted in enumerate(name.words):
        index = at + offset
        if not _same(words[index], wanted, name.exact, offset == count - 1):
            return None
        if offset < count - 1:
            gap = text[spans[index][1] : spans[index + 1][0]]
            expected = name.gaps[offset]
            if expected:
                if "".join(gap.split()) != expected:
                    return None
            elif not _SOFT_GAP.fullmatch(gap) or gap.count("\n") > 1:
                return None
    after = at + count
    end = spans[after - 1][1]
    # A possessive belongs to the name: OKR's, KPI’s.
    if (
        after < len(words)
        and words[after] in ("s", "S")
        and text[end : spans[after][0]] in (_APOSTROPHES)
    ):
        return after + 1, spans[after][1]
    return after, end


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


def _words(text: str) -> set[str]:
    return {w.casefold() for w in TOKEN.findall(text) if len(w) > 3}


def choose_probe(term: Term | None, sentence: str) -> tuple[str, str | None]:
    """The probe of the resume phrase most like `sentence` (the first one on a tie), or the
    generic probe when the term's file gives none."""
    best: tuple[int, int, str, str] | None = None
    seen = _words(sentence)
    for position, item in enumerate(term.resume_phrases if term else ()):
        if item.probe:
            score = len(seen & _words(item.phrase))
            if best is None or score > best[0]:
                best = (score, position, item.probe, item.phrase)
    return (best[2], best[3]) if best else (GENERIC_PROBE, None)


def _industry(owned: Iterable[frozenset[tuple[str, str]]], slug: str, default: str) -> str:
    """The industry whose file names the term the way the document does; the default
    industry among them, else the one naming it most often."""
    counts: dict[str, int] = {}
    for owners in owned:
        for owner_slug, industry in owners:
            if owner_slug == slug:
                counts[industry] = counts.get(industry, 0) + 1
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
    starts = [0]
    for line in document.lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    hits = vocabulary.find(text)
    by_slug: dict[str, list[Hit]] = {}
    covered: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        for slug in dict.fromkeys(owner[0] for owner in sorted(hit.owners)):
            by_slug.setdefault(slug, []).append(hit)
        number = line_of(hit.start)
        start = hit.start - starts[number - 1]
        end = min(hit.end - starts[number - 1], len(document.lines[number - 1]))
        covered.setdefault(number, []).append((start, end))
    terms = [
        _found(slug, found, vocabulary, document, text, starts, covered, load)
        for slug, found in by_slug.items()
        if len(found) >= min_mentions
    ]
    terms.sort(key=lambda f: (-len(f.evidence), -len(f.mentions), f.name.casefold(), f.slug))
    return ScanResult(
        document,
        tuple(terms),
        tuple(periods(document.lines)),
        tuple(jargon(document.lines, covered)),
        vocabulary.terms,
    )


def _found(
    slug: str,
    hits: list[Hit],
    vocabulary: Vocabulary,
    document: Document,
    text: str,
    starts: list[int],
    covered: dict[int, list[tuple[int, int]]],
    load: Callable[[str, str], Term | None],
) -> Found:
    industry = _industry((hit.owners for hit in hits), slug, vocabulary.default_industry)
    record = vocabulary.records[(slug, industry)]
    mentions: list[Mention] = []
    evidence: list[Evidence] = []
    claims: list[Claim] = []
    term: Term | None = None
    loaded = False
    for hit in hits:
        number = bisect.bisect_right(starts, hit.start)
        line = document.lines[number - 1]
        start = hit.start - starts[number - 1]
        end = min(hit.end - starts[number - 1], len(line))
        mentions.append(Mention(number, " ".join(text[hit.start : hit.end].split())))
        if evidence and evidence[-1].line == number:
            continue
        evidence.append(Evidence(number, _excerpt(line, start, end)))
        sentence = sentence_around(line, start, end)
        found = quantities(line, sentence, covered[number])
        if found:
            if not loaded:
                term, loaded = load(slug, industry), True
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
