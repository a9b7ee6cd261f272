"""Ranked, typo-tolerant search over the catalog's text.

Each query word matches a word of the content exactly, as its beginning, or within
a small edit distance (one edit for words of four to seven letters, two from eight).
Matches in names count most, then job titles, definitions and resume phrases, then
questions, then answers. Only the best-scoring terms are examined field by field, so
a search stays quick on a large library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from kpiprep.catalog import WORD, Record

STOPWORDS = frozenset(
    "a an and are as at be by can do does for how i in is it of on or the to what when "
    "where which who why with you your".split()
)
WEIGHTS = {
    "name": 10.0,
    "alias": 8.0,
    "job title": 5.0,
    "definition": 3.0,
    "resume phrase": 3.0,
    "question": 2.0,
    "answer": 1.0,
}
EXACT, PREFIX, FUZZY = 1.0, 0.8, 0.6
SHOWN_HITS = 3

Field = tuple[str, "str | None", str]


class Hit(NamedTuple):
    """One field of a term that matched, with the character spans of the matching words."""

    field: str
    level: str | None
    text: str
    spans: tuple[tuple[int, int], ...]


class Result(NamedTuple):
    slug: str
    industry: str
    name: str
    full_name: str
    industry_name: str
    score: float
    hits: tuple[Hit, ...]


MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12


def query_words(query: str) -> list[str]:
    """The words that count, once each. Callers check the query's size first (check_query)."""
    words = [w for w in WORD.findall(query.casefold()) if w not in STOPWORDS]
    return list(dict.fromkeys(words)) or list(dict.fromkeys(WORD.findall(query.casefold())))


def check_query(query: str) -> str | None:
    """Why a query cannot be searched (too long: each word costs a pass over the vocabulary)."""
    if len(query) > MAX_QUERY_CHARS:
        return f"the query is longer than {MAX_QUERY_CHARS} characters; use a few words"
    if len(query_words(query)) > MAX_QUERY_WORDS:
        return f"the query has more than {MAX_QUERY_WORDS} words; use a few"
    return None


def within(a: str, b: str, limit: int) -> bool:
    """Is the edit distance (insert, delete, substitute, swap) between a and b <= limit?"""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def expand(word: str, vocabulary: Iterable[str]) -> dict[str, float]:
    """Vocabulary words that `word` stands for, with how good each match is."""
    limit = 0 if len(word) < 4 else (1 if len(word) < 8 else 2)
    letters = frozenset(word)
    found: dict[str, float] = {}
    for candidate in vocabulary:
        if candidate == word:
            found[candidate] = EXACT
        elif len(word) >= 3 and candidate.startswith(word):
            found[candidate] = PREFIX
        elif (
            limit
            and abs(len(candidate) - len(word)) <= limit
            # Each edit changes the set of letters by at most two (a substitution drops one
            # and brings one), so a word with more different letters is too far: a test at C
            # speed that spares most of the vocabulary the edit-distance table.
            and len(letters.symmetric_difference(candidate)) <= 2 * limit
            and within(word, candidate, limit)
        ):
            found[candidate] = FUZZY
    return found


def search(
    records: Sequence[Record],
    blobs: dict[str, str],
    vocabulary: Iterable[str],
    fields_of: Callable[[str], list[Field]],
    query: str,
    *,
    level: str | None = None,
    industry: str | None = None,
    limit: int = 10,
) -> list[Result]:
    """The terms that match `query`, best first.

    `blobs` holds each file's text folded to lower case, for a quick first pass;
    `fields_of` gives a file's fields, read only for the terms that pass it.
    """
    if check_query(query) is not None:
        return []
    words = query_words(query)
    if not words:
        return []
    expansions = []
    for word in words:
        expansions.append(expand(word, vocabulary))
        if not expansions[-1]:
            return []  # a word that matches nothing anywhere: no term can hold every word
    chosen = [
        r for r in records if r.path in blobs and (industry is None or r.industry == industry)
    ]

    # First pass, at C speed: does the term hold every query word at all? Names weigh more.
    def coarse(record: Record) -> float:
        blob = blobs[record.path]
        names = " " + " ".join(WORD.findall(" ".join(record.names).casefold())) + " "
        total = 0.0
        for expansion in expansions:
            best = 0.0
            for word, quality in expansion.items():
                padded = f" {word} "
                if padded in blob:
                    best = max(best, quality * (3 if padded in names else 1))
            if not best:
                return 0.0
            total += best
        return total

    ranked = sorted(((coarse(r), r) for r in chosen), key=lambda pair: -pair[0])
    # A level filter can rule out what the first pass saw: look further down the list then.
    shortlist = [r for score, r in ranked if score > 0][: limit * (10 if level else 2)]

    results = []
    for record in shortlist:
        fields = [f for f in fields_of(record.path) if level is None or f[1] in (None, level)]
        result = _score(record, fields, expansions)
        if result is not None:
            results.append(result)
    results.sort(key=lambda r: (-r.score, r.slug, r.industry))
    return results[:limit]


def _score(
    record: Record, fields: list[Field], expansions: list[dict[str, float]]
) -> Result | None:
    best_per_word = [0.0] * len(expansions)
    hits: list[tuple[float, Hit]] = []
    seen: set[str] = set()
    for field, level, text in fields:
        spans = []
        field_score = 0.0
        for match in WORD.finditer(text):
            token = match.group().casefold()
            for index, expansion in enumerate(expansions):
                quality = expansion.get(token)
                if quality:
                    spans.append(match.span())
                    value = quality * WEIGHTS[field]
                    best_per_word[index] = max(best_per_word[index], value)
                    field_score = max(field_score, value)
        if spans and text.casefold() not in seen:  # name and full name often differ by case only
            seen.add(text.casefold())
            hits.append((field_score, Hit(field, level, text, tuple(spans))))
    if not all(best_per_word):
        return None  # every query word must match somewhere in the term
    hits.sort(key=lambda pair: -pair[0])
    shown = tuple(hit for _, hit in hits[:SHOWN_HITS])
    score = round(sum(best_per_word) + 0.1 * min(len(hits), 10), 2)
    return Result(
        record.slug,
        record.industry,
        record.name,
        record.full_name,
        record.industry_name,
        score,
        shown,
    )


def snippet(hit: Hit, width: int = 100) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The part of a long field around its first match, with spans shifted to fit."""
    text = " ".join(hit.text.split())
    if text != hit.text:  # white space folded: find the spans again
        return snippet(Hit(hit.field, hit.level, text, _respan(hit, text)), width)
    if len(text) <= width:
        return text, hit.spans
    first = hit.spans[0][0]
    start = max(0, min(first - width // 3, len(text) - width))
    end = start + width
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = tuple((a + shift, b + shift) for a, b in hit.spans if a >= start and b <= end)
    return prefix + text[start:end] + suffix, spans


def _respan(hit: Hit, folded: str) -> tuple[tuple[int, int], ...]:
    words = {hit.text[a:b].casefold() for a, b in hit.spans}
    return tuple(m.span() for m in WORD.finditer(folded) if m.group().casefold() in words)
