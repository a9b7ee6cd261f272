"""Boolean search strings for job boards and professional networks, from titles and names.

The string is `(title OR title ...) AND (name OR alias ...)`, quoted the way LinkedIn,
Indeed and most applicant tracking systems all accept:

- a single word of letters and digits stays bare: KPI, OKRs;
- anything else (spaces, hyphens, dots, "&", parentheses...) is a phrase in double quotes;
  parentheses inside a phrase are searched as text, not read as grouping;
- a word that reads as an operator (AND, OR, NOT, in any case) is quoted, to be searched for;
- a double quote cannot be escaped inside a phrase on those boards (a backslash is not an
  escape there), so a double quote in content, straight or typographic, becomes a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from kpiprep.errors import KpiprepError
from kpiprep.term import Term

# Straight, typographic and full-width double quotes, and the double prime: boards either
# treat them as phrase delimiters or strip them unpredictably.
_QUOTES = re.compile('["\u201c\u201d\u201e\u201f\u2033\u2036\uff02]')
OPERATORS = frozenset({"and", "or", "not"})


class Sourcing(NamedTuple):
    """The parts of a search string (as searched, before quoting) and the string itself."""

    titles: tuple[str, ...]
    keywords: tuple[str, ...]
    query: str


def clean(phrase: str) -> str:
    """A phrase as it can be searched: no double quotes, white space folded."""
    return " ".join(_QUOTES.sub(" ", phrase).split())


def quote(phrase: str) -> str:
    """A cleaned phrase -> a search term: bare if it is one plain word, else in quotes."""
    if phrase.isalnum() and phrase.casefold() not in OPERATORS:
        return phrase
    return f'"{phrase}"'


def unique(phrases: Iterable[str]) -> tuple[str, ...]:
    """Cleaned phrases, the first spelling of each kept, compared without regard to case."""
    kept: dict[str, str] = {}
    for phrase in phrases:
        cleaned = clean(phrase)
        if cleaned:
            kept.setdefault(cleaned.casefold(), cleaned)
    return tuple(kept.values())


def any_of(phrases: Sequence[str]) -> str:
    return "(" + " OR ".join(quote(p) for p in phrases) + ")"


def sourcing(terms: Sequence[Term]) -> Sourcing:
    """Every term's typical and related job titles, ANDed with every name and alias."""
    titles = unique(
        title for term in terms for title in (term.typical_job_title, *term.related_job_titles)
    )
    keywords = unique(name for term in terms for name in (term.name, term.full_name, *term.aliases))
    groups = [any_of(group) for group in (titles, keywords) if group]
    if not groups:
        raise KpiprepError("nothing to search for: every title and name is empty once quoted")
    return Sourcing(titles, keywords, " AND ".join(groups))
