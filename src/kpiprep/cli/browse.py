"""`list`, `search` and `paths`: what the library holds and where it comes from."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from kpiprep.cli import params
from kpiprep.cli.app import command
from kpiprep.cli.console import (
    boxed,
    is_terminal,
    make_console,
    plain_width,
    show,
    write,
)
from kpiprep.enums import (
    Level,
    ListFormat,
)
from kpiprep.errors import KpiprepError

if TYPE_CHECKING:
    from kpiprep.catalog import IndustryInfo, Record
    from kpiprep.search import Result


def _list_table(records: Sequence["Record"]) -> None:
    if not is_terminal():  # for scripts: one slug per line, and no Rich to import
        write("".join(f"{slug}\n" for slug in sorted({r.slug for r in records})))
        return
    from kpiprep.render.terminal import list_view

    console = make_console()
    show(list_view(records, boxed=boxed(console)), console)


def _list_json(records: Sequence["Record"]) -> None:
    from kpiprep.render.json import list_json

    write(list_json(records))


def _search_table(results: Sequence["Result"], default_industry: str) -> None:
    if not is_terminal():  # piped: laid out as plain lines, with no Rich to import
        from kpiprep.render.text import search_text

        write(search_text(results, plain_width(), default_industry))
        return
    from kpiprep.render.terminal import search_view

    console = make_console()
    styled = console.is_terminal and console.color_system is not None
    show(
        search_view(results, styled=styled, default_industry=default_industry),
        console,
        crop=False,
    )


def _search_json(results: Sequence["Result"], default_industry: str) -> None:
    from kpiprep.render.json import search_json

    write(search_json(results))


# Each format to its renderer, in one table per command (tests/test_architecture.py checks
# that every member is there).
LIST: "dict[ListFormat, Callable[[Sequence[Record]], None]]" = {
    ListFormat.table: _list_table,
    ListFormat.json: _list_json,
}
SEARCH: "dict[ListFormat, Callable[[Sequence[Result], str], None]]" = {
    ListFormat.table: _search_table,
    ListFormat.json: _search_json,
}


def _industries_table(found: Sequence["IndustryInfo"]) -> None:
    if not is_terminal():
        from kpiprep.render.text import industries_text

        write(industries_text(found))
        return
    from kpiprep.render.terminal import industries_view

    console = make_console()
    show(industries_view(found, boxed=boxed(console)), console)


def _industries_json(found: Sequence["IndustryInfo"]) -> None:
    from kpiprep.render.json import industries_json

    write(industries_json(found))


INDUSTRIES: "dict[ListFormat, Callable[[Sequence[IndustryInfo]], None]]" = {
    ListFormat.table: _industries_table,
    ListFormat.json: _industries_json,
}


@command(short_help="The industries the library covers, and their terms")
def industries(
    ctx: typer.Context,
    fmt: params.ListFormatOpt = ListFormat.table,
) -> None:
    """The industries the library covers, with how many terms each has; when piped, one
    industry a line: slug, terms and name, separated by tabs.

    Examples:

    \b
      kpiprep industries
      kpiprep industries --format json
    """
    from kpiprep.catalog import industries as count

    INDUSTRIES[fmt](count(params.library(ctx).records()))


@command("list", short_help="Every term, its industries and the folder it comes from")
def list_terms(
    ctx: typer.Context,
    fmt: params.ListFormatOpt = ListFormat.table,
    industry: params.IndustryFilterOpt = None,
) -> None:
    """Every term with its industries and the folder it comes from; one slug per line when
    piped.

    Examples:

    \b
      kpiprep list
      kpiprep list --industry software-engineering
      kpiprep list --format json
    """
    library = params.library(ctx)
    records = library.records()
    if industry is not None:
        chosen = library.industry_slug(industry, records)
        records = [r for r in records if r.industry == chosen]
    LIST[fmt](records)


@command(short_help="Search the terms' names, text, questions and answers")
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
    industry: params.IndustryFilterOpt = None,
    fmt: params.ListFormatOpt = ListFormat.table,
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
    library = params.library(ctx)
    results = library.search(query, level=level, industry=industry, limit=limit)
    if not results:
        shown = query if len(query) <= 60 else query[:57] + "..."
        raise KpiprepError(f"no matches for {shown!r}")
    SEARCH[fmt](results, library.default_industry)


@command(short_help="The content folders in search order, and where to add yours")
def paths(ctx: typer.Context) -> None:
    """The content folders in search order, whether each exists and how many files it
    holds, where to put your own, and where the installed authoring guides are.

    Examples:

    \b
      kpiprep paths
    """
    from kpiprep.locate import GUIDES, shipped_docs_dir, user_content_dir
    from kpiprep.render.terminal import FolderInfo, paths_view

    library = params.library(ctx)
    infos = [
        FolderInfo(position, folder.origin, str(folder.path), exists, count)
        for position, (folder, exists, count) in enumerate(library.folder_counts(), 1)
    ]
    console = make_console()
    guides = [str(shipped_docs_dir() / name) for name in GUIDES]
    view = paths_view(infos, str(user_content_dir()), boxed=boxed(console), guides=guides)
    show(view, console, crop=False)
