"""Choices shared by the CLI and the model, kept free of heavy imports for a fast start-up."""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    """A seniority. Declared in the one order used everywhere: junior, mid, senior."""

    junior = "junior"
    mid = "mid"
    senior = "senior"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class OutputFormat(str, Enum):
    """How `explain` and `questions` print."""

    table = "table"
    markdown = "markdown"
    json = "json"


class ListFormat(str, Enum):
    """How `list` and `search` print."""

    table = "table"
    json = "json"


class GuideFormat(str, Enum):
    """What `guide` writes; by default taken from the export file's extension."""

    markdown = "markdown"
    html = "html"
    docx = "docx"
    pdf = "pdf"


class TextFormat(str, Enum):
    """How `validate` and `sourcing` print: plain lines (findings, the search string), or
    the same as JSON for scripts."""

    text = "text"
    json = "json"


class DebriefFormat(str, Enum):
    """How `debrief` prints or exports: a terminal view (plain when piped), Markdown, a
    printable web page with a chart (or that page as a PDF), or JSON."""

    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    pdf = "pdf"
