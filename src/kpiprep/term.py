"""The term as the rest of kpiprep sees it: plain named tuples, cheap to import and to build.

kpiprep.model (pydantic) is the schema that checks a file; once a file has passed,
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


class Question(NamedTuple):
    question: str
    expected_answer: str
    listen_for: tuple[str, ...]
    minutes: int | None = None


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
    resume_phrases: tuple[str, ...]
    typical_job_title: str
    related_job_titles: tuple[str, ...]
    where_to_find: tuple[str, ...]
    questions: QuestionsByLevel
    levels: IndicatorsByLevel
    red_flags: tuple[str, ...]
    sources: tuple[str, ...]
    last_reviewed: dt.date

    @property
    def names(self) -> list[str]:
        """Every name the term answers to: slug, short name, full name, aliases."""
        return [self.slug, self.name, self.full_name, *self.aliases]


def from_data(data: dict[str, Any]) -> Term:
    """Validated data (a checked file, or its cached copy) -> Term. It trusts its input."""
    questions = data["questions"]
    levels = data["levels"]
    reviewed = data["last_reviewed"]
    simple: dict[str, Any] = {
        f: tuple(data[f]) if isinstance(data[f], list) else data[f]
        for f in Term._fields
        if f not in ("questions", "levels", "last_reviewed")
    }
    return Term(
        **simple,
        questions=QuestionsByLevel(
            **{
                level.value: tuple(
                    Question(
                        q["question"],
                        q["expected_answer"],
                        tuple(q["listen_for"]),
                        q.get("minutes"),
                    )
                    for q in questions[level.value]
                )
                for level in Level
            }
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
