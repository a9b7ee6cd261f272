"""The checks `kpiprep validate` runs on one file on its own: the loader's problems as
findings, then the content rules (KP101-KP111 but KP111, which needs the other files).

A file with schema errors still gets its content warnings: the rules read the parsed
data as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpiprep.report import Finding
from kpiprep.rules import MIN_ANSWER_WORDS, MIN_QUESTIONS, REVIEW_MONTHS
from kpiprep.term import question_key

if TYPE_CHECKING:
    from kpiprep.loader import Inspection, Issue, Location

_KIND_CODES = {
    "syntax": "KP001",
    "unknown": "KP002",
    "missing": "KP003",
    "value": "KP004",
    "read": "KP008",
    "yaml": "KP009",
    "unsafe": "KP010",
}

PLACEHOLDER_RE = re.compile(r"\b(?:TODO|FIXME|TBD|XXX)\b|(?i:lorem ipsum)")

# A resume line is concrete when it holds a figure, a result or a cadence.
_CONCRETE_RE = re.compile(
    r"\d"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|million|billion|dozen|half|double|twice|triple)\b"
    r"|\b(?:improv|increas|reduc|rais|lift|doubl|halv|lower|boost|shorten|accelerat"
    r"|achiev|deliver|exceed|align|outperform|surpass)(?:e|ed|es|ing|ement|ements|tion|ment)?\b"
    r"|\b(?:cut|cutting|grew|grown|saved|saving|savings|won|tied|linked)\b"
    r"|\b(?:daily|weekly|monthly|quarterly|annual|annually|yearly|cycles?)\b",
    re.IGNORECASE,
)

_LEVELS = ("junior", "mid", "senior")


def one_line(text: str) -> str:
    """Unsafe characters (newlines included) shown as escapes: one finding, one safe line."""
    from kpiprep.term import visible

    return visible(text, one_line=True)


class CheckedFile:
    """One file checked: where it is, what it holds, and its findings so far."""

    kind = "term"  # or "role", "scorecard" (kpiprep.loopchecks)

    def __init__(self, path: Path, shown: str, inspection: Inspection) -> None:
        self.path = path
        self.shown = shown
        self.inspection = inspection
        self.data: dict[Any, Any] = inspection.data if isinstance(inspection.data, dict) else {}
        self.findings: list[Finding] = []

    def at(self, loc: Location) -> tuple[int, int]:
        """Line and column of `loc`, or of the nearest part of it that is in the file."""
        lines, columns = self.inspection.lines, self.inspection.columns
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]], columns.get(loc[:end], 1)
        return 1, 1

    def add(
        self, code: str, loc: Location, message: str, at: tuple[int, int] | None = None
    ) -> None:
        """A finding about the key or item at `loc` (`at`: its line and column, if known)."""
        from kpiprep.loader import field_path

        line, column = self.at(loc) if at is None else at
        where = field_path(loc)
        text = f"{where}: {message}" if where else message
        self.findings.append(Finding(one_line(self.shown), line, column, code, one_line(text)))

    def add_issue(self, issue: Issue) -> None:
        """A read, YAML or schema problem from the loader, located as the loader found it."""
        at = (issue.line or 1, issue.column or 1)
        self.add(_KIND_CODES[issue.kind], issue.loc, issue.message, at)

    @property
    def slug(self) -> str:
        slug = self.data.get("slug")
        return slug if isinstance(slug, str) else self.path.parent.name

    @property
    def version(self) -> int | None:
        version = self.data.get("schema_version")
        return version if type(version) is int else None

    @property
    def key(self) -> tuple[str, str]:
        """The term and industry this file is for, as its path says."""
        return self.path.parent.name, self.path.stem


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and bool(PLACEHOLDER_RE.search(value))


def judged_text(value: Any) -> str | None:
    """Text a content rule should judge: not a placeholder (KP107 reports those once)."""
    return value if isinstance(value, str) and not _is_placeholder(value) else None


def _strings(value: Any, loc: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def _months_ago(today: dt.date, months: int) -> dt.date:
    """The same day `months` months before `today` (the last day of a shorter month)."""
    import calendar

    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _check_questions(file: CheckedFile) -> None:
    questions = file.data.get("questions")
    if not isinstance(questions, dict):
        return
    seen: dict[str, Location] = {}
    least = MIN_QUESTIONS[1 if file.version == 1 else 2]
    for level in _LEVELS:
        items = questions.get(level)
        if not isinstance(items, list):
            continue
        if len(items) < least:
            noun = "question" if len(items) == 1 else "questions"
            file.add(
                "KP101",
                ("questions", level),
                f"{len(items)} {noun}; a level needs at least {least}",
            )
        kinds = [item.get("kind") for item in items if isinstance(item, dict)]
        if file.version != 1 and items and "behavioural" not in kinds:
            file.add(
                "KP109",
                ("questions", level),
                'no behavioural question (kind: behavioural, "Tell me about a time...")',
            )
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            loc: Location = ("questions", level, index)
            question = judged_text(item.get("question"))
            if question is not None and question.strip():
                key = question_key(question)
                if key in seen:
                    from kpiprep.loader import field_path

                    first = seen[key]
                    file.add(
                        "KP104",
                        (*loc, "question"),
                        f"same question as {field_path(first)} (line {file.at(first)[0]})",
                    )
                else:
                    seen[key] = (*loc, "question")
            answer = judged_text(item.get("expected_answer"))
            if answer is not None and answer.strip():
                words = len(answer.split())
                if words < MIN_ANSWER_WORDS:
                    file.add(
                        "KP102",
                        (*loc, "expected_answer"),
                        f"{words} words; say what a good answer contains "
                        f"(at least {MIN_ANSWER_WORDS} words)",
                    )
            points = item.get("listen_for", [])
            if points == [] or points is None:
                where = (*loc, "listen_for") if "listen_for" in item else loc
                file.add("KP103", where, "no listen-for points")


def _check_resume(file: CheckedFile) -> None:
    phrases = file.data.get("resume_phrases")
    if not isinstance(phrases, list):
        return
    for index, phrase in enumerate(phrases):
        text = judged_text(phrase.get("phrase") if isinstance(phrase, dict) else phrase)
        if text is not None and text.strip() and not _CONCRETE_RE.search(text):
            file.add(
                "KP105",
                ("resume_phrases", index),
                "no concrete number or outcome (such as 25 people, 30%, cut, raised, quarterly)",
            )


# A year from 1900 to 2099 standing alone, or an address: enough to find the document.
_FINDABLE_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|https?://\S+|\bwww\.\S+")


def _check_sources(file: CheckedFile) -> None:
    sources = file.data.get("sources")
    if not isinstance(sources, list):
        return
    for index, source in enumerate(sources):
        text = judged_text(source)
        if text is not None and not _FINDABLE_RE.search(text):
            file.add(
                "KP108",
                ("sources", index),
                "no year and no address: name the document (author or publisher, title, year) "
                "or give its URL",
            )


def _check_version(file: CheckedFile) -> None:
    if file.version == 1:
        file.add(
            "KP110",
            ("schema_version",),
            "schema version 1; version 2 adds kind, tests, probes and anchors to each question, "
            "a probe to each resume phrase, and related terms (see docs/content.md)",
        )


def _check_review_date(file: CheckedFile, today: dt.date) -> None:
    value = file.data.get("last_reviewed")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return  # the schema reports it
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        return
    if value < _months_ago(today, REVIEW_MONTHS):
        file.add(
            "KP106",
            ("last_reviewed",),
            f"{value.isoformat()} is more than {REVIEW_MONTHS} months ago; "
            "review the content and update the date",
        )


def check_placeholders(file: CheckedFile) -> None:
    for loc, value in _strings(file.data, ()):
        found = PLACEHOLDER_RE.search(value)
        if found:
            file.add("KP107", loc, f"template placeholder {found.group()!r} left in")


def _check_location(file: CheckedFile) -> None:
    folder, stem = file.key
    if file.path.suffix != ".yaml":
        file.add("KP005", (), f"kpiprep reads only .yaml files; rename it to {stem}.yaml")
    slug, industry = file.data.get("slug"), file.data.get("industry")
    if isinstance(slug, str) and slug != folder:
        file.add("KP005", ("slug",), f"{slug!r} does not match its folder {folder!r}")
    if isinstance(industry, str) and industry != stem:
        file.add("KP005", ("industry",), f"{industry!r} does not match its file name {stem!r}")


def names_of(file: CheckedFile) -> Iterator[tuple[Location, str]]:
    """Every name the term answers to, with where it is written."""
    for field in ("name", "full_name"):
        value = judged_text(file.data.get(field))
        if value is not None:
            yield (field,), value
    aliases = file.data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            value = judged_text(alias)
            if value is not None:
                yield ("aliases", index), value


def _check_offerable(file: CheckedFile) -> None:
    """KP112: a name shell completion will not offer, because a shell would read it as code."""
    from kpiprep.term import SHELL_SPECIAL_RE

    for loc, value in names_of(file):
        found = SHELL_SPECIAL_RE.search(value)
        if found:
            file.add(
                "KP112",
                loc,
                f"{found.group()!r} quotes, expands or chains commands in a shell, so shell "
                "completion will not offer this name (it still finds the term)",
            )


def check_file(path: Path, today: dt.date, shown: str | None = None) -> CheckedFile:
    """Every finding that one file has on its own (cross-file rules come later)."""
    from kpiprep.loader import inspect_file

    file = CheckedFile(path, str(path) if shown is None else shown, inspect_file(path))
    for issue in file.inspection.issues:
        file.add_issue(issue)
    if file.inspection.data is not None:
        _check_location(file)
        _check_questions(file)
        _check_resume(file)
        _check_review_date(file, today)
        check_placeholders(file)
        _check_sources(file)
        _check_version(file)
        _check_offerable(file)
    return file
