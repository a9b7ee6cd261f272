"""One exception root: the CLI turns every KpiprepError into a one-line message and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class KpiprepError(Exception):
    """An expected failure with a message fit for the user."""


class Problem(NamedTuple):
    """One thing wrong with a content file, located as precisely as we can."""

    line: int | None
    field: str
    message: str
    column: int | None = None  # given for role files and scorecards: `path:line:col`

    def format(self, path: Path | str) -> str:
        where = f"{path}:{self.line}" if self.line is not None else str(path)
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(KpiprepError):
    """A content file that cannot be used; carries every problem found in it."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(p.format(path) for p in problems))


class ContentErrors(ContentError):
    """Several files that cannot be used (scorecards for a debrief, say): all of them are
    reported at once, each problem on its line."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        self.path = errors[0].path
        self.problems = [problem for error in errors for problem in error.problems]
        KpiprepError.__init__(self, "\n".join(str(error) for error in errors))


class UnknownTermError(KpiprepError):
    """No content file matches the term the user asked for."""

    def __init__(self, term: str, suggestions: list[str]) -> None:
        self.term = term
        self.suggestions = suggestions
        shown = term if len(term) <= 60 else term[:57] + "..."
        message = f"unknown term {shown!r}"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)


class ExportError(KpiprepError):
    """The guide could not be written where the user asked; nothing was written."""
