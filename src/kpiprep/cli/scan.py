"""`scan`: a CV or job description read for the library's terms, then a report, a ranking of
several files, an interview guide or a role draft."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kpiprep.cli import params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    boxed,
    is_terminal,
    leave_at_once,
    make_console,
    plain_width,
    show,
    stderr_line,
)
from kpiprep.cli.console import write as write_out
from kpiprep.cli.exports import EXTENSIONS
from kpiprep.enums import Level, OutputFormat
from kpiprep.errors import KpiprepError

if TYPE_CHECKING:
    from kpiprep.library import Library
    from kpiprep.scan import Outcome, ScanResult
    from kpiprep.term import Term
    from kpiprep.vocabulary import Vocabulary

# A progress bar appears for a batch that is still running after this many seconds.
PROGRESS_AFTER = 0.5


def _table(outcomes: "Sequence[Outcome]") -> None:
    from kpiprep.scan import rank

    done = [item.result for item in outcomes if item.result is not None]
    single = len(outcomes) == 1
    if single and not done:
        return  # its error is on stderr already
    if not is_terminal():
        from kpiprep.render.scan_text import ranking_text, scan_text

        text = scan_text(done, plain_width()) if single else ranking_text(rank(outcomes))
        write_out(text)
        return
    from kpiprep.render.terminal import ranking_view, scan_view

    console = make_console()
    framed = boxed(console)
    view = scan_view(done, console.width) if single else ranking_view(rank(outcomes), boxed=framed)
    show(view, console)


def _markdown(outcomes: "Sequence[Outcome]") -> None:
    from kpiprep.render.scan_markdown import scan_markdown
    from kpiprep.scan import rank

    if any(item.result is not None for item in outcomes):
        write_out(scan_markdown(rank(outcomes)))


def _json(outcomes: "Sequence[Outcome]") -> None:
    from kpiprep.render.json import scan_json

    write_out(scan_json(outcomes))


# Each format to its renderer (tests/test_architecture.py checks every member is there).
SCAN: "dict[OutputFormat, Callable[[Sequence[Outcome]], None]]" = {
    OutputFormat.table: _table,
    OutputFormat.markdown: _markdown,
    OutputFormat.json: _json,
}


def _stderr_is_terminal() -> bool:
    try:
        return os.isatty(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return False


class Progress:
    """A bar on stderr for a batch that takes more than a moment, on a terminal only."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.wanted = total > 1 and _stderr_is_terminal()

    def step(self, done: int) -> None:
        if not self.wanted:
            return
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_AFTER:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(stderr=True, highlight=False, markup=False, emoji=False)
            columns = (TextColumn("Scanning"), BarColumn(), MofNCompleteColumn())
            self.bar = Progress(*columns, console=console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("scan", total=self.total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _loader(library: "Library") -> "Callable[[str, str], Term | None]":
    """A term by slug and industry, read once per run; a broken file is a warning, and the
    scan goes on with the generic probe."""
    loaded: dict[tuple[str, str], Term | None] = {}

    def load(slug: str, industry: str) -> "Term | None":
        if (slug, industry) not in loaded:
            try:
                loaded[(slug, industry)] = library.find(slug, industry)
            except KpiprepError as exc:
                library.warn(f"warning: {exc}")
                loaded[(slug, industry)] = None
        return loaded[(slug, industry)]

    return load


def run_batch(
    files: Sequence[str],
    vocabulary: "Vocabulary",
    load: "Callable[[str, str], Term | None]",
    min_mentions: int,
) -> "list[Outcome]":
    """Scan each file in turn; a file that fails is reported and the rest go on."""
    import gc

    from kpiprep.documents import read_document
    from kpiprep.scan import Outcome, scan

    outcomes = []
    progress = Progress(len(files))
    # What is alive now (the library, its vocabulary, the modules) lives to the end: kept out
    # of the collector's sight, so that each collection does not walk it again (2% of a batch).
    gc.freeze()
    try:
        for done, name in enumerate(files):
            progress.step(done)
            try:
                document = read_document(name)
                result = scan(document, vocabulary, load=load, min_mentions=min_mentions)
                outcomes.append(Outcome(name, result))
            except KpiprepError as exc:
                stderr_line(f"error: {name}: {exc}")
                outcomes.append(Outcome(name, None, str(exc)))
        progress.step(len(files))
    finally:
        gc.unfreeze()
        progress.close()
    return outcomes


def _guide(
    result: "ScanResult",
    load: "Callable[[str, str], Term | None]",
    *,
    level: Any,
    minutes: int | None,
    per_level: int | None,
    export: str | None,
    force: bool,
    inputs: "Sequence[Path]" = (),
) -> None:
    from kpiprep.cli.exports import deliver
    from kpiprep.interview import build, fit
    from kpiprep.render.markdown import guide_markdown
    from kpiprep.render.scan_markdown import evidence_blocks

    if not result.terms:
        raise KpiprepError(f"{result.document.name}: no library term found, so no guide to build")
    terms = []
    for found in result.terms:
        term = load(found.slug, found.industry)
        if term is None:
            raise KpiprepError(f"cannot build the guide: {found.slug} could not be read")
        terms.append(term)
    levels = params.levels(level)
    if minutes is None:
        interview = build(terms, levels, per_level=per_level)
    else:
        interview, left = fit(terms, levels, minutes, per_level=per_level)
        if left:
            names = ", ".join(term.slug for term in left)
            stderr_line(
                f"{len(left)} of {len(terms)} terms left out to fit {minutes} minutes: {names} "
                "(fewer --questions, or more --minutes, fit more)"
            )
    notes = {(f.slug, f.industry): evidence_blocks(f, result.document) for f in result.terms}
    # It quotes the document's lines (a CV is people data): readable by its owner alone.
    deliver(guide_markdown(interview, notes), export, None, force=force, inputs=inputs,
            private=True, option=None)  # fmt: skip


def _check_options(files: Sequence[str], given: dict[str, bool]) -> None:
    if list(files).count("-") > 1:
        raise typer.BadParameter("standard input ('-') can be read only once", param_hint="FILE")
    for option in ("--export", "--questions"):
        if given[option] and not given["--guide"]:
            raise typer.BadParameter(f"{option} goes with --guide", param_hint=f"'{option}'")
    for option in ("--level", "--minutes"):
        if given[option] and not (given["--guide"] or given["--role-out"]):
            raise typer.BadParameter(
                f"{option} goes with --guide or --role-out", param_hint=f"'{option}'"
            )
    for option in ("--guide", "--role-out"):
        if given[option] and len(files) != 1:
            raise typer.BadParameter(f"{option} works on one FILE", param_hint=f"'{option}'")
    if given["--guide"] and given["--format"]:
        raise typer.BadParameter(
            "--guide writes a guide: leave out --format", param_hint="'--format'"
        )


@command(short_help="Scan CVs and job descriptions for the library's terms")
def scan(
    ctx: typer.Context,
    files: Annotated[
        list[Path],  # a path: shells complete file names
        typer.Argument(
            help="CVs or job descriptions: text, Markdown, PDF or Word (.docx), told apart by "
            "their content; '-' reads standard input.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    industry: params.IndustryFilterOpt = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default: a report; several files ranked), markdown, or json (a list, "
            "one object per file).",
            case_sensitive=False,
        ),
    ] = None,
    min_mentions: Annotated[
        int,
        typer.Option(
            "--min-mentions", "-n", min=1, metavar="N", help="Only terms named N times or more."
        ),
    ] = 1,
    guide: Annotated[
        bool,
        typer.Option(
            "--guide",
            help="Print the interview guide for the terms found, with the document's lines "
            "and what to ask about them.",
        ),
    ] = False,
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            "-l",
            case_sensitive=False,
            help="With --guide or --role-out: the seniority (default: every level in the "
            "guide, mid in the role draft).",
        ),
    ] = None,
    questions_per_level: Annotated[
        int | None, params.questions_option("With --guide: N questions per level.")
    ] = None,
    minutes: Annotated[
        int | None,
        params.minutes_option("With --guide: the most evidenced terms that fit in this long."),
    ] = None,
    export: Annotated[
        str | None,
        params.export_option(
            "With --guide: write it to this file, in the format its extension names "
            f"({EXTENSIONS}; a PDF is printed with Chromium, Chrome or Edge)."
        ),
    ] = None,
    role_out: Annotated[
        str | None,
        typer.Option("--role-out", metavar="PATH", help="Write a role file draft with the terms."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --export or --role-out file if it exists.")
    ] = False,
) -> None:
    """Scan CVs and job descriptions for the library's terms: the lines that show each one,
    numbers to probe, experience periods as written, and jargon not in the library yet.

    Nothing read is kept: no cache, no file, unless you name one (--export, --role-out).
    Exits with 1 if any file could not be read; the others are still scanned.

    Examples:

    \b
      kpiprep scan cv.pdf
      kpiprep scan cvs/*.pdf cvs/*.docx --format json > scans.json
      kpiprep scan cv.docx --guide --level mid --minutes 45 --export guide.md
      kpiprep scan job.txt --role-out role.yaml
    """
    given = {
        "--guide": guide, "--role-out": role_out is not None, "--export": export is not None,
        "--questions": questions_per_level is not None, "--level": level is not None,
        "--minutes": minutes is not None, "--format": fmt is not None,
    }  # fmt: skip
    names = [str(path) for path in files]
    _check_options(names, given)
    if guide and export is not None and export != "-":
        from kpiprep.cli.exports import export_format

        # An unknown extension is refused before the scan (a scanned file, by the writer).
        export_format(export, None, option=None, inputs=[Path(n) for n in names if n != "-"])
    from kpiprep.vocabulary import Vocabulary

    library = params.library(ctx)
    records = library.records()
    industry_slug = None
    if industry is not None:
        industry_slug = library.industry_slug(industry, records)
        records = [r for r in records if r.industry == industry_slug]
    vocabulary = Vocabulary(records, library.default_industry)
    load = _loader(library)
    outcomes = run_batch(names, vocabulary, load, min_mentions)
    leave_at_once()  # what remains writes and closes its files before it returns
    result = outcomes[0].result
    if guide:
        if result is not None:
            # The export never replaces the scanned file, nor a content file it was made from.
            made_from = [*library.files_read(), *(Path(n) for n in names if n != "-")]
            _guide(result, load, level=level, minutes=minutes, per_level=questions_per_level,
                   export=export, force=force, inputs=made_from)  # fmt: skip
    else:
        SCAN[fmt or OutputFormat.table](outcomes)
    if role_out is not None and result is not None:
        from kpiprep.files import write_text
        from kpiprep.render.scan_text import role_yaml

        text = role_yaml(
            result, level=level.value if level else None, minutes=minutes, industry=industry_slug
        )
        made_from = [Path(n) for n in names if n != "-"]
        written = write_text(role_out, text, force=force, action="write", inputs=made_from)
        stderr_line(f"wrote {written}")
    if any(item.error is not None for item in outcomes):
        raise typer.Exit(1)
