"""Options and arguments several commands share, their completion, and their callbacks."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kpiprep.cli.console import stderr_line
from kpiprep.enums import Level, ListFormat, OutputFormat

if TYPE_CHECKING:
    from kpiprep.library import Library
    from kpiprep.term import Term


def content_dirs(ctx: typer.Context) -> list[Path]:
    # From the root context, which completion callbacks see too (the callback has not run).
    return list(ctx.find_root().params.get("content_dir") or [])


def library(ctx: typer.Context, *, quiet: bool = False) -> "Library":
    from kpiprep.cache import TermCache, default_cache_dir
    from kpiprep.library import Library
    from kpiprep.locate import search_path

    warn = (lambda message: None) if quiet else stderr_line
    from kpiprep.prebuilt import Shipped

    cache = TermCache(default_cache_dir(), Shipped.installed())
    return Library(search_path(content_dirs(ctx)), warn=warn, cache=cache)


def find(ctx: typer.Context, term: str, industry: str | None) -> "Term":
    return library(ctx).find(term, industry)


def find_all(
    ctx: typer.Context,
    terms: list[str] | None,
    industry: str | None,
    shared: "Library | None" = None,
) -> list["Term"]:
    """Each named term (default: kpi) once, in the order named, from one library."""
    shared = library(ctx) if shared is None else shared
    found: dict[tuple[str, str], Term] = {}
    for name in terms or ["kpi"]:
        term = shared.find(name, industry)
        found.setdefault((term.slug, term.industry), term)
    return list(found.values())


def words(ctx: typer.Context, first: str) -> str:
    """A term named in several words, unquoted (`explain key performance indicators`), as
    tldr clients take a page's name: the command's first argument and the words after it
    (see the `words` of cli.app.command)."""
    return " ".join([first, *ctx.args])


def levels(level: Level | None) -> list[Level]:
    return [level] if level else list(Level)


def complete_term(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Each term on the search path once: its slug if it starts with `incomplete`, otherwise
    those of its other names that do (see completion.term_offers).

    Content files are not trusted: only names every shell takes literally are offered, and
    help lines are cut down to such characters (term.offerable, term.offer_help).
    """
    from kpiprep.cli.completion import term_offers

    return term_offers(library(ctx, quiet=True).records(), incomplete)


def complete_industry(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from kpiprep.term import offer_help

    offers = {r.industry: offer_help(r.industry_name) for r in library(ctx, quiet=True).records()}
    return sorted((k, v) for k, v in offers.items() if k.startswith(incomplete.casefold()))


TermArg = Annotated[
    str,
    typer.Argument(
        help="The term: its slug, name, full name or any alias, in any case; a name of "
        "several words needs no quotes.",
        show_default=True,
        autocompletion=complete_term,
        metavar="TERM",
    ),
]
LevelOpt = Annotated[
    Level | None,
    typer.Option(
        "--level", "-l", help="Only this seniority: junior, mid or senior.", case_sensitive=False
    ),
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
        autocompletion=complete_industry,
    ),
]
IndustryFilterOpt = Annotated[
    str | None,
    typer.Option(
        "--industry",
        "-i",
        metavar="INDUSTRY",
        help="Only the terms of this industry (slug or name; see kpiprep industries).",
        autocompletion=complete_industry,
    ),
]
ListFormatOpt = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="table (default) or json.", case_sensitive=False),
]
TermsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Terms: slug, name, full name or alias, in any case (default: kpi).",
        show_default=False,
        autocompletion=complete_term,
        metavar="TERM",
    ),
]


def clock_time(value: str | None) -> dt.time | None:
    if value is None:
        return None
    import re

    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise typer.BadParameter(
            f"{value!r} is not a time of day as HH:MM, such as 14:30", param_hint="'--start'"
        )
    return dt.time(int(match[1]), int(match[2]))


def ignore_codes(values: list[str] | None) -> list[str]:
    from kpiprep.rules import parse_ignore

    try:
        return sorted(parse_ignore(values or []))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def slug(value: str) -> str:
    from kpiprep.term import SLUG_RE

    if not SLUG_RE.match(value) or len(value) > 64:
        raise typer.BadParameter(
            f"{value!r} is not a slug: use lower-case letters, digits and single hyphens "
            "(at most 64 characters), e.g. okr-cycle"
        )
    return value


def industry_as_slug(value: str | None) -> str | None:
    """An industry for a new file, by slug or by name in any case ('Human Resources' is
    human-resources), checked as a slug."""
    if value is None:
        return None
    from kpiprep.library import industry_key

    return slug(industry_key(value))


# Options that several commands take, each with its own help line.
def minutes_option(help: str) -> Any:
    return typer.Option("--minutes", "-m", min=10, max=480, metavar="MINUTES", help=help)


def questions_option(help: str) -> Any:
    return typer.Option("--questions", "-q", min=1, metavar="N", help=help)


def export_option(help: str) -> Any:
    return typer.Option("--export", "-o", metavar="PATH", help=help)


def slug_argument(help: str) -> Any:
    """The SLUG of what `new` and `role new` write, checked as a slug."""
    return typer.Argument(help=help, callback=slug, metavar="SLUG")


def dir_option(help: str) -> Any:
    return typer.Option("--dir", "-d", metavar="DIR", help=help)
