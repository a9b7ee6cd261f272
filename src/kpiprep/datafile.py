"""Role files and scorecards read as content files are: bytes -> YAML events -> plain data.

The same safe reader as content (kpiprep.loader): UTF-8 only, no anchors, tags or duplicate
keys, bounded size and depth. Every problem is an Issue with its line and column, raised
together as one ContentError (`path:line:col: field: problem`, one line each).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kpiprep.errors import ContentError, Problem

if TYPE_CHECKING:
    from kpiprep.loader import Issue, Location

MAX_PROBLEMS = 50


class Parsed(NamedTuple):
    """A file as data, where each key and item is, and what stopped it being read."""

    data: Any
    lines: dict[Location, int]
    columns: dict[Location, int]
    issues: list[Issue]  # read, syntax and yaml problems; empty when data was read

    def at(self, loc: Location) -> tuple[int | None, int | None]:
        """Line and column of `loc`, or of the nearest part of it the file has."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]], self.columns.get(loc[:end])
        return None, None

    def issue(self, kind: str, loc: Location, message: str) -> Issue:
        from kpiprep.loader import Issue

        line, column = self.at(loc)
        return Issue(kind, loc, line, column, message)


def parse_text(text: str) -> Parsed:
    from kpiprep.loader import parse_located

    return Parsed(*parse_located(text))


def read(path: Path) -> Parsed:
    """The file's data, or the issues that stopped it being read (never raises for them)."""
    from kpiprep.loader import Refused, decode, read_bytes

    try:
        raw, _ = read_bytes(path)
    except ContentError as exc:
        return Parsed(
            None, {}, {}, [Issue("read", (), p.line, None, p.message) for p in exc.problems]
        )
    try:
        text = decode(raw)
    except Refused as exc:
        return Parsed(None, {}, {}, [Issue(exc.kind, (), exc.line, exc.column, exc.message)])
    return parse_text(text)


def problems(issues: list[Issue]) -> list[Problem]:
    """Issues as the lines a ContentError prints, capped as the content loader caps them."""
    from kpiprep.loader import field_path

    found = [Problem(i.line, field_path(i.loc), i.message, i.column) for i in issues]
    if len(found) > MAX_PROBLEMS:
        more = len(found) - MAX_PROBLEMS
        found = [*found[:MAX_PROBLEMS], Problem(None, "", f"... and {more} more problems")]
    return found


def refuse(path: Path | str, issues: list[Issue]) -> ContentError:
    return ContentError(path, problems(issues))


def pydantic_issues(parsed: Parsed, error: Any) -> list[Issue]:
    """A pydantic ValidationError as issues located in the file (unknown, missing, value)."""
    from kpiprep.schema import pydantic_issue

    found = []
    for item in error.errors(include_url=False):
        kind, message = pydantic_issue(item)
        found.append(parsed.issue(kind, tuple(item["loc"]), message))
    return found
