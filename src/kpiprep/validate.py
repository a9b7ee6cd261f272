"""`kpiprep validate`: schema errors and content rules for content files, as linter findings.

Every finding has a stable code (the table is kpiprep.rules.RULES) and points at the key
or item at fault: `path:line:col: KP002 analogie: unknown field`. The rules read the
parsed data as it is, so a file with schema errors still gets its content warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpiprep.library import normalise
from kpiprep.locate import Folder
from kpiprep.rules import MIN_ANSWER_WORDS, MIN_QUESTIONS, REVIEW_MONTHS, Finding, Report
from kpiprep.term import question_key

if TYPE_CHECKING:
    from kpiprep.loader import Inspection, Issue, Location

# What content.Issue kinds become.
_KIND_CODES = {
    "syntax": "KP001",
    "unknown": "KP002",
    "missing": "KP003",
    "value": "KP004",
    "read": "KP008",
    "yaml": "KP009",
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


def _one_line(text: str) -> str:
    """Unsafe characters (newlines included) shown as escapes: one finding, one safe line."""
    from kpiprep.term import visible

    return visible(text, one_line=True)


class _File:
    """One file checked: where it is, what it holds, and its findings so far."""

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
        self.findings.append(Finding(_one_line(self.shown), line, column, code, _one_line(text)))

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


def _text(value: Any) -> str | None:
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


def _check_questions(file: _File) -> None:
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
            question = _text(item.get("question"))
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
            answer = _text(item.get("expected_answer"))
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


def _check_resume(file: _File) -> None:
    phrases = file.data.get("resume_phrases")
    if not isinstance(phrases, list):
        return
    for index, phrase in enumerate(phrases):
        text = _text(phrase.get("phrase") if isinstance(phrase, dict) else phrase)
        if text is not None and text.strip() and not _CONCRETE_RE.search(text):
            file.add(
                "KP105",
                ("resume_phrases", index),
                "no concrete number or outcome (such as 25 people, 30%, cut, raised, quarterly)",
            )


# A year from 1900 to 2099 standing alone, or an address: enough to find the document.
_FINDABLE_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|https?://\S+|\bwww\.\S+")


def _check_sources(file: _File) -> None:
    sources = file.data.get("sources")
    if not isinstance(sources, list):
        return
    for index, source in enumerate(sources):
        text = _text(source)
        if text is not None and not _FINDABLE_RE.search(text):
            file.add(
                "KP108",
                ("sources", index),
                "no year and no address: name the document (author or publisher, title, year) "
                "or give its URL",
            )


def _check_version(file: _File) -> None:
    if file.version == 1:
        file.add(
            "KP110",
            ("schema_version",),
            "schema version 1; version 2 adds kind, tests, probes and anchors to each question, "
            "a probe to each resume phrase, and related terms (see docs/content.md)",
        )


def _check_review_date(file: _File, today: dt.date) -> None:
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


def _check_placeholders(file: _File) -> None:
    for loc, value in _strings(file.data, ()):
        found = PLACEHOLDER_RE.search(value)
        if found:
            file.add("KP107", loc, f"template placeholder {found.group()!r} left in")


def _check_location(file: _File) -> None:
    folder, stem = file.key
    if file.path.suffix != ".yaml":
        file.add("KP005", (), f"kpiprep reads only .yaml files; rename it to {stem}.yaml")
    slug, industry = file.data.get("slug"), file.data.get("industry")
    if isinstance(slug, str) and slug != folder:
        file.add("KP005", ("slug",), f"{slug!r} does not match its folder {folder!r}")
    if isinstance(industry, str) and industry != stem:
        file.add("KP005", ("industry",), f"{industry!r} does not match its file name {stem!r}")


def check_file(path: Path, today: dt.date, shown: str | None = None) -> _File:
    """Every finding that one file has on its own (cross-file rules come later)."""
    from kpiprep.loader import inspect_file

    file = _File(path, str(path) if shown is None else shown, inspect_file(path))
    for issue in file.inspection.issues:
        file.add_issue(issue)
    if file.inspection.data is not None:
        _check_location(file)
        _check_questions(file)
        _check_resume(file)
        _check_review_date(file, today)
        _check_placeholders(file)
        _check_sources(file)
        _check_version(file)
    return file


def _check_duplicates(files: Sequence[_File]) -> None:
    """KP006: several files for one <term>/<industry>.yaml; each names the others."""
    groups: dict[tuple[str, str], list[_File]] = {}
    for file in files:
        if file.path.suffix == ".yaml":
            groups.setdefault(file.key, []).append(file)
    for (term, industry), group in groups.items():
        if len(group) < 2:
            continue
        for file in group:
            others = ", ".join(other.shown for other in group if other is not file)
            loc: Location = ("slug",) if "slug" in file.data else ()
            file.add("KP006", loc, f"another file for {term}/{industry}: {others}")


def _names(file: _File) -> Iterator[tuple[Location, str]]:
    """Every name the term answers to, with where it is written."""
    for field in ("name", "full_name"):
        value = _text(file.data.get(field))
        if value is not None:
            yield (field,), value
    aliases = file.data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            value = _text(alias)
            if value is not None:
                yield ("aliases", index), value


def _check_related(files: Sequence[_File], elsewhere: Collection[str] = ()) -> None:
    """KP111: a `related` slug must name a term among the files checked or on the search path
    (`elsewhere`: a writer's own folder may point at shipped terms), and not the file's own."""
    known = {file.slug for file in files if file.data} | set(elsewhere)
    for file in files:
        related = file.data.get("related")
        if not isinstance(related, list):
            continue
        for index, slug in enumerate(related):
            if not isinstance(slug, str):
                continue
            if slug == file.slug:
                file.add("KP111", ("related", index), f"{slug!r} is this term itself")
            elif slug not in known:
                message = f"{slug!r} names no term in the files checked or on the search path"
                file.add("KP111", ("related", index), message)


def _check_collisions(files: Sequence[_File]) -> None:
    """KP007: a name or alias that also names another term, as a look-up would see it.

    A look-up by a slug goes to that term, so a name equal to another term's slug can
    never reach its own term; any other name shared by two terms is ambiguous, and is
    reported in both files.
    """
    slugs: dict[str, tuple[str, _File]] = {}
    names: dict[str, list[tuple[str, _File, Location]]] = {}
    for file in files:
        if file.data:
            slugs.setdefault(normalise(file.slug), (file.slug, file))
            for loc, value in _names(file):
                names.setdefault(normalise(value), []).append((file.slug, file, loc))
    for file in files:
        if not file.data:
            continue
        for loc, value in _names(file):
            key = normalise(value)
            if key in slugs:
                other_slug, other_file = slugs[key]
                other_loc: Location = ("slug",)
                if other_slug == file.slug:
                    continue
            else:
                others = [n for n in names[key] if n[0] != file.slug]
                if not others:
                    continue
                other_slug, other_file, other_loc = min(others, key=lambda n: (n[0], n[1].shown))
            line = other_file.at(other_loc)[0]
            file.add(
                "KP007",
                loc,
                f"{value!r} also names term {other_slug!r} ({other_file.shown}:{line})",
            )


class _Folders:
    """Finds the content files under folders with the one walker (kpiprep.locate) in its
    strict mode; a folder it cannot read is a KP008 finding, never a silent skip (a check
    that read nothing must not pass)."""

    def __init__(self) -> None:
        self.unreadable: list[Finding] = []

    def refuse(self, folder: Path, exc: OSError) -> None:
        reason = _one_line(f"cannot read folder: {exc.strerror or exc}")
        self.unreadable.append(Finding(_one_line(str(folder)), 1, 1, "KP008", reason))

    def content_files(self, folder: Path, *, term_folder: bool = False) -> list[Path]:
        """The files of a content folder, <folder>/<term>/<industry>.yaml (.yml too, to say
        that kpiprep skips them); with `term_folder`, also the files of a term's own folder."""
        from kpiprep.locate import walk

        found = walk(folder, self.refuse, strict=True, term_folder=term_folder)
        return [Path(file) for file in found]


def _report(files: list[_File], ignore: Collection[str], extra: list[Finding]) -> Report:
    findings = [f for file in files for f in file.findings if f.code not in ignore]
    findings += extra
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    return Report(len(files), findings)


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: keep it, reading it reports KP008
            real = path.absolute()
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def _slugs_on(folders: Sequence[Folder]) -> set[str]:
    """The term slugs on the search path, from folder names alone (nothing is read)."""
    from kpiprep.locate import entries

    slugs: set[str] = set()
    for folder in folders:
        try:
            slugs.update(entry.slug for entry in entries(folder, lambda path, exc: None))
        except OSError:
            pass  # validate_search_path reports unreadable folders; here they add nothing
    return slugs


def validate_paths(
    paths: Sequence[Path],
    *,
    today: dt.date,
    search_path: Sequence[Folder] = (),
    ignore: Collection[str] = (),
    warn: Callable[[str], None] = lambda message: None,
) -> Report:
    """Check the files and content folders given; all of them are checked against each other,
    and `related` slugs may also name terms on `search_path`."""
    folders = _Folders()
    targets: list[Path] = []
    for path in paths:
        if not path.is_dir():
            targets.append(path)
            continue
        refused = len(folders.unreadable)
        try:
            found = folders.content_files(path, term_folder=True)
        except OSError as exc:
            folders.refuse(path, exc)
            continue
        if not found and len(folders.unreadable) == refused:
            warn(f"warning: no content files in {path}")
        targets += found
    files = [check_file(path, today) for path in _unique(targets)]
    _check_duplicates(files)
    _check_collisions(files)
    _check_related(files, _slugs_on(search_path))
    return _report(files, ignore, folders.unreadable)


def validate_search_path(
    folders: Sequence[Folder],
    *,
    today: dt.date,
    ignore: Collection[str] = (),
    warn: Callable[[str], None] = lambda message: None,
) -> Report:
    """Check every folder of the search path as kpiprep reads it: a file in an earlier folder
    replaces one in a later folder (by design, not a finding), and only the files that win
    are checked for colliding names."""
    finder = _Folders()
    targets: list[Path] = []
    for folder in folders:
        try:
            targets += finder.content_files(folder.path)
        except FileNotFoundError:
            if folder.origin not in ("shipped", "user folder"):  # both may well be absent
                warn(f"warning: content folder {folder.path} ({folder.origin}) does not exist")
        except OSError as exc:
            finder.refuse(folder.path, exc)
    files = [check_file(path, today) for path in _unique(targets)]
    winners: dict[tuple[str, str], _File] = {}
    for file in files:
        if file.path.suffix == ".yaml":
            winners.setdefault(file.key, file)
    _check_collisions(list(winners.values()))
    _check_related(list(winners.values()), _slugs_on(folders))
    return _report(files, ignore, finder.unreadable)
