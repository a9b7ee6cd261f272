"""`validate`, `new` and `schema`: the commands for people who write content."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kpiprep.cli import params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    stderr_line,
    write,
)

if TYPE_CHECKING:
    from kpiprep.report import Report

from kpiprep.enums import (
    TextFormat,
)


def _report_json(report: "Report") -> str:
    from kpiprep.render.json import report_json

    return report_json(report)


# Each format to its renderer (tests/test_architecture.py checks every member is there).
REPORT: "dict[TextFormat, Callable[[Report], str]]" = {
    TextFormat.text: lambda report: report.text(),
    TextFormat.json: _report_json,
}


@command(short_help="Check content files: schema errors and content rules")
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Content folders (holding TERM/INDUSTRY.yaml files) or files to check. "
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
            callback=params.ignore_codes,
            metavar="CODE",
        ),
    ] = None,
    fmt: Annotated[
        TextFormat,
        typer.Option("--format", "-f", help="text (default) or json.", case_sensitive=False),
    ] = TextFormat.text,
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
    from kpiprep.locate import search_path

    folders = search_path(params.content_dirs(ctx))
    if paths:
        report = validate_paths(
            paths, today=today, ignore=ignored, warn=stderr_line, search_path=folders
        )
    else:
        report = validate_search_path(folders, today=today, ignore=ignored, warn=stderr_line)
    write(REPORT[fmt](report))
    stderr_line(report.summary())
    if report.errors or (strict and report.warnings):
        raise typer.Exit(1)


@command(short_help="Write a new content file to fill in")
def new(
    slug: Annotated[
        str,
        params.slug_argument(
            "The new term's slug: lower-case words joined by hyphens, e.g. okr-cycle."
        ),
    ],
    industry: Annotated[
        str | None,
        typer.Option(
            "--industry",
            "-i",
            metavar="INDUSTRY",
            help="The industry, by slug or name (default: human-resources, or $KPIPREP_INDUSTRY).",
            callback=params.industry_as_slug,
        ),
    ] = None,
    folder: Annotated[
        Path,
        params.dir_option(
            "The content folder to write into; the file goes to DIR/SLUG/INDUSTRY.yaml."
        ),
    ] = Path("."),
) -> None:
    """Write a new content file to fill in: every field, with TODO placeholders and the
    editor schema comment. Never replaces a file. Prints the path it wrote.

    Examples:

    \b
      kpiprep new okr-cycle --dir my-terms
    """
    from kpiprep.locate import DEFAULT_INDUSTRY, ENV_INDUSTRY
    from kpiprep.scaffold import create

    from_env = os.environ.get(ENV_INDUSTRY)
    if industry is None and from_env:
        try:
            params.slug(from_env)
        except typer.BadParameter:
            raise typer.BadParameter(
                f"{ENV_INDUSTRY}={from_env!r} is not an industry slug (such as human-resources)",
                param_hint="'--industry'",
            ) from None
    chosen = industry or from_env or DEFAULT_INDUSTRY
    written = create(folder, slug, chosen, dt.date.today())
    write(f"{written[0]}\n")
    for extra in written[1:]:
        stderr_line(f"wrote {extra} (editor completion and checking; see docs/content.md)")
    stderr_line(
        f"next: replace every TODO in {written[0]}, then check it: kpiprep validate {written[0]}"
    )


@command(short_help="Print the JSON Schema of a content file")
def schema() -> None:
    """Print the JSON Schema of a content file, for editor completion and checking.

    Generated from kpiprep's own content model, so it cannot drift from what kpiprep
    checks.

    Examples:

    \b
      kpiprep schema > my-terms/kpiprep.schema.json
    """
    from kpiprep.schema import json_schema_text

    write(json_schema_text())
