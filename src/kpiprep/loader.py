"""YAML content file -> validated Term, with the file and line in every error.

Every content file is untrusted input. The text is decoded and checked before
YAML sees it, and the YAML is read as a stream of events (never constructed
by PyYAML's object builder), so anchors, aliases, Python tags, duplicate keys
and deep nesting are refused before they can cost memory, time or data.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kpiprep.errors import ContentError, Problem

if TYPE_CHECKING:
    from kpiprep.cache import TermCache
    from kpiprep.term import Term

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 20
# A full term file has a few hundred nodes; this bound keeps a hostile file's cost
# (time and memory) small however it is built.
MAX_NODES = 20_000
MAX_PROBLEMS = 50

Location = tuple[Any, ...]

# Only plain data: anything else would be an object the schema never asks for.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAPPING_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQUENCE_TAGS = {None, "!", "tag:yaml.org,2002:seq"}


class _Refused(Exception):
    def __init__(
        self, line: int | None, message: str, kind: str = "yaml", column: int | None = None
    ) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.kind = kind
        self.column = column


def decode(raw: bytes) -> str:
    """Bytes of a content file -> text; UTF-8 only (a BOM is accepted and dropped)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0)
    ):
        raise _Refused(None, "file is UTF-16 encoded; save it as UTF-8", "read")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _Refused(line, "file contains a NUL byte; it is not a text file", "read")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})"
        raise _Refused(line, message, "read") from None


def parse(text: str, columns: dict[Location, int] | None = None) -> tuple[Any, dict[Location, int]]:
    """YAML text -> plain data plus the line of every key and item.

    Built from parser events so that nothing but mappings, sequences and plain
    scalars can come out, whatever the file says. Given a `columns` dict, it also
    fills in the column (1-based) of every key and item.
    """
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    scalars = yaml.SafeLoader("")  # resolves and builds plain scalars only
    lines: dict[Location, int] = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    line = 0
    column = 0
    where_columns: dict[Location, int] = {} if columns is None else columns

    def attach(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            lines.setdefault((), line)
            where_columns.setdefault((), column)
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            lines[frame.where + (len(frame.container),)] = line
            where_columns[frame.where + (len(frame.container),)] = column
            frame.container.append(value)
        elif frame.key is _NO_KEY:
            if value is None or not isinstance(value, (str, int, float)):
                raise _Refused(line, "mapping keys must be plain text", column=column)
            if value in frame.container:
                first = lines.get(frame.where + (value,))
                raise _Refused(
                    line, f"duplicate key {value!r} (first at line {first})", column=column
                )
            frame.key = value
            lines[frame.where + (value,)] = line
            where_columns[frame.where + (value,)] = column
        else:
            frame.container[frame.key] = value
            frame.key = _NO_KEY

    try:
        for count, event in enumerate(yaml.parse(text, Loader=loader_cls)):
            if event.start_mark:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if count > MAX_NODES:
                raise _Refused(
                    line, f"more than {MAX_NODES} YAML nodes; this is no term file", column=column
                )
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _Refused(
                    line, "YAML anchors and aliases are not allowed in content files", column=column
                )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Refused(
                        line, "a content file holds exactly one YAML document", column=column
                    )
            elif isinstance(event, yaml.ScalarEvent):
                tag = event.tag
                if tag in (None, "!"):
                    tag = scalars.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
                if tag not in _SCALAR_TAGS:
                    raise _Refused(line, f"YAML tag {event.tag!r} is not allowed", column=column)
                node = yaml.ScalarNode(tag, event.value)
                attach(scalars.yaml_constructors[tag](scalars, node))
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                is_map = isinstance(event, yaml.MappingStartEvent)
                if event.tag not in (_MAPPING_TAGS if is_map else _SEQUENCE_TAGS):
                    raise _Refused(line, f"YAML tag {event.tag!r} is not allowed", column=column)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(line, f"nesting deeper than {MAX_DEPTH} levels", column=column)
                where: Location = ()
                if stack:
                    parent = stack[-1]
                    if isinstance(parent.container, list):
                        where = parent.where + (len(parent.container),)
                        lines[where] = line
                        where_columns[where] = column
                    elif parent.key is _NO_KEY:
                        raise _Refused(line, "mapping keys must be plain text", column=column)
                    else:
                        where = parent.where + (parent.key,)
                stack.append(_Frame({} if is_map else [], where, line, column))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                line, column = frame.line, frame.column
                attach(frame.container)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        at = mark.line + 1 if mark else None
        source = text.splitlines()
        if at is not None and at <= len(source) and "\t" in source[at - 1]:
            problem += " (a tab on this line: YAML indents with spaces only)"
        at_column = mark.column + 1 if mark else None
        raise _Refused(at, f"YAML syntax error: {problem}", "syntax", at_column) from None
    except yaml.YAMLError as exc:
        raise _Refused(None, f"YAML error: {exc}", "syntax") from None
    except (ValueError, OverflowError) as exc:  # e.g. an impossible date such as 2026-02-31
        raise _Refused(line, f"bad value: {exc}", "value", column) from None
    return root, lines


_NO_KEY: Any = object()
Refused = _Refused  # for kpiprep.datafile, which reads role files and scorecards the same way


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "where", "line", "column", "key")

    def __init__(self, container: Any, where: Location, line: int, column: int) -> None:
        self.container = container
        self.where = where
        self.line = line
        self.column = column
        self.key: Any = _NO_KEY


def _known(loc: Location, table: dict[Location, int]) -> Location | None:
    """The longest prefix of `loc` that the table knows: a missing key points at its parent."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in table:
            return loc[:end]
    return None


def _line_for(loc: Location, lines: dict[Location, int]) -> int | None:
    known = _known(loc, lines)
    return None if known is None else lines[known]


def field_path(loc: Location) -> str:
    """A location in the data as people read it: `questions.senior[1].expected_answer`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Issue(NamedTuple):
    """One problem with a content file, before it becomes an error (loader) or a finding.

    kind: read (not a readable text file), syntax (YAML the parser cannot read), yaml
    (a YAML feature content files refuse), unknown / missing (field), value (wrong type
    or value), unsafe (an invisible or control character in text). `loc` is where in the
    data; `line` and `column` point at it in the file.
    """

    kind: str
    loc: Location
    line: int | None
    column: int | None
    message: str


def _schema_issues(data: Any, lines: dict[Location, int]) -> tuple[Term | None, list[Issue]]:
    """Plain data -> (Term, []) or (None, every schema problem); columns are filled in later."""
    from pydantic import ValidationError

    from kpiprep.schema import model_for, pydantic_issue
    from kpiprep.term import from_data

    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping of fields"
        line = lines.get(()) if data is not None else None
        return None, [Issue("value", (), line, None, f"file is {kind}")]
    try:
        return from_data(model_for(data).model_validate(data).model_dump()), []
    except ValidationError as exc:
        issues = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            kind, message = pydantic_issue(error)
            issues.append(Issue(kind, loc, _line_for(loc, lines), None, message))
        return None, issues


def validate(data: Any, lines: dict[Location, int]) -> Term:
    """Plain data -> Term, or a list of every problem with its line."""
    term, issues = _schema_issues(data, lines)
    if term is not None:
        return term
    problems = [Problem(i.line, field_path(i.loc), i.message) for i in issues]
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [
            *problems[:MAX_PROBLEMS],
            Problem(None, "", f"... and {more} more problems"),
        ]
    raise _Problems(problems)


class _Problems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def load_text(text: str, path: Path | str) -> Term:
    """Validate the text of a content file; errors name `path`."""
    try:
        data, lines = parse(text)
        return validate(data, lines)
    except _Refused as exc:
        raise ContentError(path, [Problem(exc.line, "", exc.message)]) from None
    except _Problems as exc:
        raise ContentError(path, exc.problems) from None


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """Read a content file (and its status), refusing anything but a small regular file."""

    def refuse(message: str) -> ContentError:
        return ContentError(path, [Problem(None, "", message)])

    try:
        # O_NONBLOCK: opening a fifo planted in a content folder must not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise refuse("is a folder, not a file") from None
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror or exc}") from None
    status = os.fstat(fd)
    mode = status.st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise refuse("is a folder, not a file" if stat.S_ISDIR(mode) else "not a regular file")
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise refuse(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise refuse(f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
    return raw, status


def load_file(path: Path, cache: TermCache | None = None) -> Term:
    """Read, decode, parse and validate one content file, or take it from the cache."""
    if cache is not None:
        try:
            status = os.stat(path)
        except OSError:
            status = None
        data = cache.get(path, status) if status else None
        if data is not None:
            from kpiprep.term import from_data, looks_valid

            if looks_valid(data):
                try:
                    return from_data(data)
                except ValueError:
                    pass  # e.g. an impossible date: a damaged entry, validate the file again
    raw, status = read_bytes(path)
    try:
        text = decode(raw)
    except _Refused as exc:
        raise ContentError(path, [Problem(exc.line, "", exc.message)]) from None
    term = load_text(text, path)
    if cache is not None:
        from kpiprep.term import to_data

        cache.put(path, status, to_data(term))
    return term


class Inspection(NamedTuple):
    """Everything `kpiprep validate` needs to know about one file, problems included.

    `data` is the parsed file (None if it could not be parsed); `lines` and `columns`
    locate every key and item; `issues` are the read, YAML and schema problems.
    """

    data: Any
    lines: dict[Location, int]
    columns: dict[Location, int]
    issues: list[Issue]


def parse_located(
    text: str,
) -> tuple[Any, dict[Location, int], dict[Location, int], list[Issue]]:
    """YAML text -> (data, lines, columns, []), or nothing and the one issue that stopped it."""
    columns: dict[Location, int] = {}
    try:
        data, lines = parse(text, columns)
    except _Refused as exc:
        return None, {}, {}, [Issue(exc.kind, (), exc.line, exc.column, exc.message)]
    return data, lines, columns, []


def inspect_text(text: str) -> Inspection:
    """Parse and check content text, returning every problem instead of raising."""
    data, lines, columns, refused = parse_located(text)
    if refused:
        return Inspection(None, {}, {}, refused)
    _, issues = _schema_issues(data, lines)
    located = []
    for issue in issues:
        known = _known(issue.loc, columns)
        located.append(issue._replace(column=None if known is None else columns[known]))
    return Inspection(data, lines, columns, located)


def inspect_file(path: Path) -> Inspection:
    """Read, decode, parse and check one file, returning every problem instead of raising."""
    try:
        raw, _ = read_bytes(path)
    except ContentError as exc:
        issues = [Issue("read", (), p.line, None, p.message) for p in exc.problems]
        return Inspection(None, {}, {}, issues)
    try:
        text = decode(raw)
    except _Refused as exc:
        return Inspection(None, {}, {}, [Issue(exc.kind, (), exc.line, exc.column, exc.message)])
    return inspect_text(text)
