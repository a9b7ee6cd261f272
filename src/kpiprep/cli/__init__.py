"""The command line: parse, pick a renderer and a destination, turn errors into exit codes."""

# No `from __future__ import annotations` here: Typer reads every command's signature at
# each start, and resolving string annotations costs it about three times as long.

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from kpiprep import __version__
from kpiprep.enums import (
    GuideFormat,
    Level,
    ListFormat,
    OutputFormat,
    ReportFormat,
    SourcingFormat,
)
from kpiprep.errors import ContentError, KpiprepError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from kpiprep.library import Library
    from kpiprep.term import Term

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="kpiprep",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


_CONTROL = frozenset([*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])


def _visible(text: str) -> str:
    """Control characters from file names or keys are shown as escapes, never sent raw."""
    if not any(ord(c) in _CONTROL for c in text):
        return text
    return "".join(repr(c)[1:-1] if ord(c) in _CONTROL else c for c in text)


def _stderr_line(message: str) -> None:
    sys.stderr.write(_visible(message.rstrip("\n")) + "\n")
    sys.stderr.flush()


def _guard(command: F) -> F:
    """The one place where an expected failure becomes a message on stderr and exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ContentError as exc:
            _stderr_line(str(exc))  # already `path:line: field: problem`, one per line
        except KpiprepError as exc:
            _stderr_line(f"error: {exc}")
        except BrokenPipeError:
            # Piped into `head` and the reader left: stop quietly, as `cat` does (128 + SIGPIPE).
            # Later writes (the flush at exit) go nowhere instead of raising again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        raise typer.Exit(1)

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kpiprep {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    content_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--content-dir",
            metavar="DIR",
            help="A folder of your own content files, searched before the shipped ones. "
            "Repeatable; the first folder wins.",
            exists=True,
            file_okay=False,
            dir_okay=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Interview prep for recruiters: business terms in plain language, questions by
    seniority, and printable interview guides.

    Examples:

    \b
      kpiprep explain kpi
    """
    # The options are read where they are needed: see _content_dirs.


def _content_dirs(ctx: typer.Context) -> list[Path]:
    # From the root context, which completion callbacks see too (the callback has not run).
    return list(ctx.find_root().params.get("content_dir") or [])


def _library(ctx: typer.Context, *, quiet: bool = False) -> "Library":
    from kpiprep.cache import TermCache, default_cache_dir
    from kpiprep.library import Library, search_path

    warn = (lambda message: None) if quiet else _stderr_line
    cache = TermCache(default_cache_dir())
    return Library(search_path(_content_dirs(ctx)), warn=warn, cache=cache)


def _find(ctx: typer.Context, term: str, industry: str | None) -> "Term":
    return _library(ctx).find(term, industry)


def _find_all(ctx: typer.Context, terms: list[str] | None, industry: str | None) -> list["Term"]:
    """Each named term (default: kpi) once, in the order named, from one library."""
    library = _library(ctx)
    found: dict[tuple[str, str], Term] = {}
    for name in terms or ["kpi"]:
        term = library.find(name, industry)
        found.setdefault((term.slug, term.industry), term)
    return list(found.values())


def _console() -> "Console":
    from rich.console import Console

    # NO_COLOR (no-color.org) asks for no colour; we drop all styling with it.
    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        highlight=False,
        emoji=False,
        markup=False,
        color_system=None if no_color else "auto",
    )


def _is_terminal() -> bool:
    """Rich's own answer (FORCE_COLOR, TTY_COMPATIBLE...), without importing Rich for a pipe."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return _console().is_terminal
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # a stream with no file descriptor
        return False


def _plain_width() -> int:
    """Columns for piped output: $COLUMNS if it is a number, else 80 (as Rich does)."""
    try:
        return max(20, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 80


def _boxed(console: "Console") -> bool:
    """Box lines only on a terminal, and not with NO_COLOR: plain output means plain."""
    return console.is_terminal and not os.environ.get("NO_COLOR")


def _show(renderable: "RenderableType", console: "Console") -> None:
    """Print on the terminal, or lay out in memory and write plain lines to a pipe.

    Callers make the console once (it reads the environment and the terminal) and pass it.
    """
    if console.is_terminal:
        try:
            console.print(renderable)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise KpiprepError(f"cannot write the output: {exc.strerror or exc}") from None
        return
    # Piped: render into memory (Rich never touches stdout), then plain lines without the
    # padding Rich adds to fill table cells; _write handles a full disk or a closed pipe.
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=console.width, highlight=False, emoji=False, markup=False,
            color_system=None).print(renderable)  # fmt: skip
    _write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # e.g. redirected onto a full disk
        raise KpiprepError(f"cannot write the output: {exc.strerror or exc}") from None


def _levels(level: Level | None) -> list[Level]:
    return [level] if level else list(Level)


def _complete_term(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Slugs and other names of every term on the search path that start with `incomplete`."""
    start = incomplete.casefold()
    offers: dict[str, str] = {}
    for record in _library(ctx, quiet=True).records():
        for name in record.names:
            if name.casefold().startswith(start):
                offers.setdefault(name, f"{record.name} ({record.industry_name})")
    return sorted(offers.items())


def _complete_industry(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    offers = {r.industry: r.industry_name for r in _library(ctx, quiet=True).records()}
    return sorted((k, v) for k, v in offers.items() if k.startswith(incomplete.casefold()))


TermArg = Annotated[
    str,
    typer.Argument(
        help="The term: its slug, name, full name or any alias, in any case.",
        show_default=True,
        autocompletion=_complete_term,
        metavar="TERM",
    ),
]
LevelOpt = Annotated[
    Level | None,
    typer.Option("--level", "-l", help="Only this seniority.", case_sensitive=False),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (default), markdown or json.", case_sensitive=False),
]
IndustryOpt = Annotated[
    str | None,
    typer.Option(
        "--industry",
        "-i",
        metavar="INDUSTRY",
        help="The industry, when a term exists in several (default: human-resources, "
        "or $KPIPREP_INDUSTRY).",
        autocompletion=_complete_industry,
    ),
]
TermsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Terms: slug, name, full name or alias, in any case (default: kpi).",
        show_default=False,
        autocompletion=_complete_term,
        metavar="TERM",
    ),
]


@app.command()
@_guard
def explain(
    ctx: typer.Context,
    term: TermArg,
    fmt: FormatOpt = OutputFormat.table,
    industry: IndustryOpt = None,
) -> None:
    """Explain a term: plain-language definition, other names, resume phrases, job titles,
    what each level should show, red flags.

    Examples:

    \b
      kpiprep explain kpi
      kpiprep explain "performance metrics" --format markdown
    """
    found = _find(ctx, term, industry)
    if fmt is OutputFormat.json:
        from kpiprep.render.json import explain_json

        _write(explain_json(found))
    elif fmt is OutputFormat.markdown:
        from kpiprep.render.markdown import explain_markdown

        _write(explain_markdown(found))
    else:
        if not _is_terminal():
            from kpiprep.render.text import explain_text

            _write(explain_text(found, _plain_width()))
            return
        from kpiprep.render.terminal import explain_view

        console = _console()
        _show(explain_view(found, console.width, boxed=_boxed(console)), console)


@app.command()
@_guard
def questions(
    ctx: typer.Context,
    term: TermArg = "kpi",
    level: LevelOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    industry: IndustryOpt = None,
) -> None:
    """Interview questions with what a good answer contains, junior to senior.

    Examples:

    \b
      kpiprep questions --level senior
      kpiprep questions kpi --format json
    """
    found = _find(ctx, term, industry)
    levels = _levels(level)
    if fmt is OutputFormat.json:
        from kpiprep.render.json import questions_json

        _write(questions_json(found, levels))
    elif fmt is OutputFormat.markdown:
        from kpiprep.render.markdown import questions_markdown

        _write(questions_markdown(found, levels))
    else:
        if not _is_terminal():
            from kpiprep.render.text import questions_text

            _write(questions_text(found, levels, _plain_width()))
            return
        from kpiprep.render.terminal import questions_view

        console = _console()
        _show(questions_view(found, levels, console.width, boxed=_boxed(console)), console)


def _clock_time(value: str | None) -> dt.time | None:
    import re

    if value is None:
        return None
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise typer.BadParameter(
            f"{value!r} is not a time of day as HH:MM, such as 14:30", param_hint="'--start'"
        )
    return dt.time(int(match[1]), int(match[2]))


@app.command()
@_guard
def guide(
    ctx: typer.Context,
    terms: Annotated[
        list[str] | None,
        typer.Argument(
            help="One or more terms (default: kpi); several make one guide with one scorecard.",
            autocompletion=_complete_term,
            show_default=False,
            metavar="TERM",
        ),
    ] = None,
    level: LevelOpt = None,
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            "-o",
            metavar="PATH",
            help="Write the guide to this file ('-' for standard output); a .html name "
            "writes a printable web page.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the export file if it exists.")
    ] = False,
    fmt: Annotated[
        GuideFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown or html (default: from the export file's extension, else markdown).",
            case_sensitive=False,
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            min=10,
            max=480,
            metavar="MINUTES",
            help="Lay the questions out over this long.",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="HH:MM",
            help="With --minutes: clock time the interview starts (14:30).",
        ),
    ] = None,
    questions_per_level: Annotated[
        int | None,
        typer.Option(
            "--questions", "-q", min=1, metavar="N", help="Ask this many questions per level."
        ),
    ] = None,
    shuffle: Annotated[
        bool,
        typer.Option("--shuffle", help="Pick and order the questions at random (see --seed)."),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="S",
            help="Shuffle reproducibly: the same seed gives the same questions.",
        ),
    ] = None,
    scorecard_only: Annotated[
        bool, typer.Option("--scorecard-only", help="Only the one-page scorecard.")
    ] = False,
    industry: IndustryOpt = None,
) -> None:
    """A printable interview guide (Markdown or HTML): brief, resume cues, questions with
    checkboxes and ratings, indicators, red flags, and a scorecard.

    Examples:

    \b
      kpiprep guide --level senior --export guide.md
      kpiprep guide kpi okr --minutes 45 --export guide.html
    """
    from kpiprep.interview import build
    from kpiprep.render.guide import guide_markdown, scorecard_markdown

    if start is not None and minutes is None:
        raise typer.BadParameter("--start needs --minutes", param_hint="'--start'")
    if scorecard_only and minutes is not None:
        raise typer.BadParameter(
            "the scorecard has no schedule: leave out --minutes and --start",
            param_hint="'--scorecard-only'",
        )
    start_time = _clock_time(start)
    if shuffle and seed is None:
        import random

        seed = random.SystemRandom().randrange(1_000_000)
        _stderr_line(f"shuffled with --seed {seed} (use it to get the same questions again)")
    interview = build(
        _find_all(ctx, terms, industry),
        _levels(level),
        per_level=questions_per_level,
        seed=seed,
        minutes=minutes,
        start=start_time,
    )
    text = scorecard_markdown(interview) if scorecard_only else guide_markdown(interview)
    to_stdout = export is None or export == "-"
    if fmt is None:
        is_html = not to_stdout and Path(str(export)).suffix.lower() in (".html", ".htm")
        fmt = GuideFormat.html if is_html else GuideFormat.markdown
    if fmt is GuideFormat.html:
        from kpiprep.render.html import to_html

        text = to_html(text)
    if to_stdout:
        _write(text)
        return
    from kpiprep.files import write_text

    written = write_text(Path(str(export)), text, force=force)
    _stderr_line(f"wrote {written}")


@app.command("list")
@_guard
def list_terms(
    ctx: typer.Context,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table (default) or json.", case_sensitive=False),
    ] = ListFormat.table,
) -> None:
    """Every term with its industries and the folder it comes from; one slug per line when
    piped.

    Examples:

    \b
      kpiprep list
      kpiprep list --format json
    """
    records = _library(ctx).records()
    if fmt is ListFormat.json:
        from kpiprep.render.catalog import list_json

        _write(list_json(records))
        return
    if not _is_terminal():  # for scripts: one slug per line, and no Rich to import
        _write("".join(f"{slug}\n" for slug in sorted({r.slug for r in records})))
        return
    from kpiprep.render.catalog import list_view

    console = _console()
    _show(list_view(records, boxed=_boxed(console)), console)


@app.command()
@_guard
def search(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="Words to look for; small typos are forgiven.", metavar="QUERY")
    ],
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            "-l",
            help="Only questions and answers of this seniority.",
            case_sensitive=False,
        ),
    ] = None,
    industry: Annotated[
        str | None,
        typer.Option(
            "--industry",
            "-i",
            metavar="INDUSTRY",
            help="Only terms of this industry.",
            autocompletion=_complete_industry,
        ),
    ] = None,
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table (default) or json.", case_sensitive=False),
    ] = ListFormat.table,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most this many terms.")
    ] = 10,
) -> None:
    """Search names, aliases, definitions, questions, answers, resume phrases and job titles.

    Examples:

    \b
      kpiprep search "stakeholder buy-in"
      kpiprep search turnover --level senior
    """
    library = _library(ctx)
    results = library.search(query, level=level, industry=industry, limit=limit)
    if not results:
        shown = query if len(query) <= 60 else query[:57] + "..."
        raise KpiprepError(f"no matches for {shown!r}")
    if fmt is ListFormat.json:
        from kpiprep.render.catalog import search_json

        _write(search_json(results))
        return
    from kpiprep.render.catalog import search_view

    console = _console()
    _show(
        search_view(
            results,
            styled=console.is_terminal and console.color_system is not None,
            default_industry=library.default_industry,
        ),
        console,
    )


@app.command()
@_guard
def paths(ctx: typer.Context) -> None:
    """The content folders in search order, whether each exists and how many files it
    holds, and where to put your own.

    Examples:

    \b
      kpiprep paths
    """
    from kpiprep.library import user_content_dir
    from kpiprep.render.catalog import FolderInfo, paths_view

    library = _library(ctx)
    infos = [
        FolderInfo(position, folder.origin, str(folder.path), exists, count)
        for position, (folder, exists, count) in enumerate(library.folder_counts(), 1)
    ]
    console = _console()
    _show(paths_view(infos, str(user_content_dir()), boxed=_boxed(console)), console)


def _ignore_codes(values: list[str] | None) -> list[str]:
    from kpiprep.rules import parse_ignore

    try:
        return sorted(parse_ignore(values or []))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
@_guard
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Content folders (holding <term>/<industry>.yaml) or files to check. "
            "Default: every folder of the search path.",
            exists=True,
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with 1 on warnings too, not only on errors.")
    ] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Do not report this warning code (KP1xx). Repeatable.",
            callback=_ignore_codes,
            metavar="CODE",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text (default) or json.", case_sensitive=False),
    ] = ReportFormat.text,
) -> None:
    """Check content files: schema errors and content rules, one finding per line as
    `path:line:col: CODE message`, then a summary on stderr. Exit 1 on errors (and on
    warnings with --strict). Rule codes: docs/content.md.

    Examples:

    \b
      kpiprep validate my-terms
      kpiprep validate --strict --ignore KP106 my-terms
    """
    from kpiprep.validate import validate_paths, validate_search_path

    today = dt.date.today()
    ignored = set(ignore or [])
    if paths:
        report = validate_paths(paths, today=today, ignore=ignored, warn=_stderr_line)
    else:
        from kpiprep.library import search_path

        folders = search_path(_content_dirs(ctx))
        report = validate_search_path(folders, today=today, ignore=ignored, warn=_stderr_line)
    _write(report.json() if fmt is ReportFormat.json else report.text())
    _stderr_line(report.summary())
    if report.errors or (strict and report.warnings):
        raise typer.Exit(1)


def _slug(value: str) -> str:
    from kpiprep.term import SLUG_RE

    if not SLUG_RE.match(value) or len(value) > 64:
        raise typer.BadParameter(
            f"{value!r} is not a slug: use lower-case letters, digits and single hyphens "
            "(at most 64 characters), e.g. okr-cycle"
        )
    return value


def _optional_slug(value: str | None) -> str | None:
    return None if value is None else _slug(value)


@app.command()
@_guard
def new(
    slug: Annotated[
        str,
        typer.Argument(
            help="The new term's slug: lower-case words joined by hyphens, e.g. okr-cycle.",
            callback=_slug,
            metavar="SLUG",
        ),
    ],
    industry: Annotated[
        str | None,
        typer.Option(
            "--industry",
            "-i",
            metavar="INDUSTRY",
            help="The industry's slug (default: human-resources, or $KPIPREP_INDUSTRY).",
            callback=_optional_slug,
        ),
    ] = None,
    folder: Annotated[
        Path,
        typer.Option(
            "--dir",
            "-d",
            metavar="DIR",
            help="The content folder to write into; the file goes to DIR/SLUG/INDUSTRY.yaml.",
            file_okay=True,
            dir_okay=True,
        ),
    ] = Path("."),
) -> None:
    """Write a new content file to fill in: every field, with TODO placeholders and the
    editor schema comment. Never replaces a file. Prints the path it wrote.

    Examples:

    \b
      kpiprep new okr-cycle --dir my-terms
    """
    from kpiprep.library import DEFAULT_INDUSTRY, ENV_INDUSTRY
    from kpiprep.scaffold import create

    from_env = os.environ.get(ENV_INDUSTRY)
    if industry is None and from_env:
        try:
            _slug(from_env)
        except typer.BadParameter:
            raise typer.BadParameter(
                f"{ENV_INDUSTRY}={from_env!r} is not an industry slug (such as human-resources)",
                param_hint="'--industry'",
            ) from None
    chosen = industry or from_env or DEFAULT_INDUSTRY
    written = create(folder, slug, chosen, dt.date.today())
    _write(f"{written[0]}\n")
    for extra in written[1:]:
        _stderr_line(f"wrote {extra} (editor completion and checking; see docs/content.md)")
    _stderr_line(
        f"next: replace every TODO in {written[0]}, then check it: kpiprep validate {written[0]}"
    )


@app.command()
@_guard
def schema() -> None:
    """Print the JSON Schema of a content file, for editor completion and checking.

    Generated from kpiprep's own content model, so it cannot drift from what kpiprep
    checks.

    Examples:

    \b
      kpiprep schema > my-terms/kpiprep.schema.json
    """
    from kpiprep.schema import json_schema_text

    _write(json_schema_text())


_MAX_REPLY = 1000


def _ask(prompt: str) -> str | None:
    """One line from standard input, None at its end; the prompt goes to stderr.

    Prompts on stderr keep stdout a clean transcript (`kpiprep practice > drill.txt`).
    Piped replies are not echoed by a terminal, so they are echoed here after the prompt.
    """
    sys.stderr.write(prompt)
    sys.stderr.flush()
    stdin = sys.stdin
    line = stdin.readline(_MAX_REPLY) if stdin is not None else ""
    tail = line
    while len(tail) == _MAX_REPLY and not tail.endswith("\n"):
        tail = stdin.readline(_MAX_REPLY)  # the rest of an over-long line is dropped
    if not line:
        sys.stderr.write("\n")
        return None
    reply = line.rstrip("\r\n")
    if not stdin.isatty():
        _stderr_line(reply)
    return reply


@app.command()
@_guard
def practice(
    ctx: typer.Context,
    terms: TermsArg = None,
    level: LevelOpt = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count", "-n", min=1, metavar="N", help="Ask this many questions (default: all)."
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            metavar="S",
            help="Shuffle the questions; the same seed gives the same order "
            "(default: content order, junior first).",
        ),
    ] = None,
    industry: IndustryOpt = None,
) -> None:
    """An interactive drill: a question, Enter for the answer and the points to listen for,
    then rate yourself 1-4 (s skips, q stops); a summary with what to revise at the end.

    Reads replies from standard input, so it can be piped. Exits with 0 when the drill ends
    or stops (q, end of input), 130 when interrupted with Ctrl-C; the summary comes either way.

    Examples:

    \b
      kpiprep practice --level senior
      kpiprep practice kpi okr --count 5 --seed 7
    """
    from kpiprep.practice import Event, Hint, Show, cards, choose, drill
    from kpiprep.render.practice import answer_view, intro_view, question_view, summary_view
    from kpiprep.render.terminal import title

    found = _find_all(ctx, terms, industry)
    chosen = choose(cards(found, _levels(level)), count, seed)
    console = _console()
    boxed = _boxed(console)
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # a stray byte is a wrong reply, not a crash

    def say(event: Event) -> None:
        if isinstance(event, Hint):
            _stderr_line(event.text)
        elif isinstance(event, Show):
            _show(question_view(event), console)
        else:
            _show(answer_view(event.card, boxed=boxed), console)

    _show(intro_view([title(term) for term in found], len(chosen)), console)
    summary = drill(chosen, _ask, say)
    _show(summary_view(summary, boxed=boxed), console)
    if summary.ending.exit_code:
        raise typer.Exit(summary.ending.exit_code)


@app.command()
@_guard
def sourcing(
    ctx: typer.Context,
    terms: TermsArg = None,
    fmt: Annotated[
        SourcingFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (default: the search string alone on one line) or json (its parts).",
            case_sensitive=False,
        ),
    ] = SourcingFormat.text,
    industry: IndustryOpt = None,
) -> None:
    """A Boolean search string for job boards and professional networks: the job titles,
    ANDed with the term's names and aliases. Several terms are ORed together.

    Examples:

    \b
      kpiprep sourcing
      kpiprep sourcing kpi okr --format json
    """
    from kpiprep.sourcing import sourcing as build

    parts = build(_find_all(ctx, terms, industry))
    if fmt is SourcingFormat.json:
        from kpiprep.render.json import sourcing_json

        _write(sourcing_json(parts))
        return
    _write(parts.query + "\n")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="kpiprep")
