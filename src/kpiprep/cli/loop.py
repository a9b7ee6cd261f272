"""The interview loop around the guide: `role`, and what `guide` and `score` share (an
interview planned from terms or a role file, split across a panel). `score` and `debrief`
are in kpiprep.cli.scoring."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from kpiprep.cli import params
from kpiprep.cli.app import command, group
from kpiprep.cli.console import (
    stderr_line,
    write,
)
from kpiprep.enums import Level
from kpiprep.errors import ContentError, KpiprepError

if TYPE_CHECKING:
    from kpiprep.interview import Header, Interview
    from kpiprep.library import Library
    from kpiprep.panel import Panel
    from kpiprep.role import Role

PRIVATE = 0o600  # files that name a candidate: readable by their owner alone


def iso_date(value: str | None) -> dt.date | None:
    """--date as a date, or a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date as YYYY-MM-DD, such as 2026-12-01", param_hint="'--date'"
        ) from None


def person(value: str | None) -> str | None:
    """--candidate and --interviewer: a name a scorecard can keep (1 to 200 characters of
    visible text), or a usage error."""
    if value is None:
        return None
    from kpiprep.scorecard import MAX_SHORT
    from kpiprep.term import CONTROL_RE

    name = " ".join(value.split())
    if not name or len(name) > MAX_SHORT or CONTROL_RE.search(name):
        raise typer.BadParameter(
            f"a name is 1 to {MAX_SHORT} characters of visible text (no control characters)"
        )
    return name


RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        "-r",
        metavar="ROLE",
        help="A role file: its path, or its name in a roles/ folder of a content folder.",
    ),
]
CandidateOpt = Annotated[
    str | None,
    typer.Option("--candidate", metavar="NAME", help="The candidate's name.", callback=person),
]
InterviewerOpt = Annotated[
    str | None,
    typer.Option("--interviewer", metavar="NAME", help="The interviewer's name.", callback=person),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="The interview's date."),
]
PanelOpt = Annotated[
    int | None,
    typer.Option(
        "--panel",
        min=1,
        max=20,
        metavar="N",
        help="Split the questions across N interviewers (default: the role's panel).",
    ),
]


class Plan(NamedTuple):
    """An interview as the options and the role file describe it, and its panel."""

    interview: "Interview"
    role: "Role | None"
    names: tuple[str, ...]  # the panel; empty for one interviewer
    minutes: int | None


def load_role(ctx: typer.Context, name: str | None) -> "Role | None":
    if name is None:
        return None
    from kpiprep.locate import search_path
    from kpiprep.role import find, load

    return load(find(name, search_path(params.content_dirs(ctx))))


def plan_interview(
    ctx: typer.Context,
    terms: list[str] | None,
    role_name: str | None,
    *,
    level: Level | None,
    industry: str | None,
    per_level: int | None,
    seed: int | None,
    minutes: int | None,
    start: dt.time | None,
    header: "Header",
    panel: int | None,
    library: "Library | None" = None,
) -> Plan:
    """The interview: the terms named (or the role's), its header, and who is on the panel.
    Options given on the command line win over the role file's."""
    from kpiprep.interview import build
    from kpiprep.role import interviewer_names, terms_of

    role = load_role(ctx, role_name)
    if role is not None:
        if terms:
            raise typer.BadParameter(
                "the role file names the terms: leave out TERM, or leave out --role",
                param_hint="'--role'",
            )
        found = terms_of(role, library or params.library(ctx))
        level = level or role.level
        minutes = minutes or role.minutes
        per_level = per_level or role.questions
        header = header._replace(role=header.role or role.title)
    else:
        found = params.find_all(ctx, terms, industry, library)
    if panel is None:
        names = role.panel if role is not None and len(role.panel) > 1 else ()
    elif role is not None and role.named and len(role.panel) == panel:
        names = role.panel
    else:
        names = interviewer_names(panel) if panel > 1 else ()
    whole = build(
        found,
        params.levels(level),
        per_level=per_level,
        seed=seed,
        minutes=None if names else minutes,  # a panel plans each interviewer's time
        start=start,
        header=header,
    )
    return Plan(whole, role, names, minutes)


def say_if_tight(interview: "Interview", who: str | None = None) -> None:
    """One line on standard error when the time plan squeezes its questions (the guide's
    plan says the same)."""
    from kpiprep.interview import tight, tight_note

    found = tight(interview)
    if found is not None:
        stderr_line(f"tight: {f'{who}: ' if who else ''}{tight_note(found)}")


def split(plan: Plan) -> "Panel":
    from kpiprep.panel import split as split_panel

    return split_panel(plan.interview, plan.names, plan.minutes)


def file_name(number: int, name: str) -> str:
    """`2-sam-lee`: a seat's file name, whatever characters the name has."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:40].strip("-")
    return f"{number}-{slug or 'interviewer'}"


def write_all(files: list[tuple[Path, str | bytes]], *, force: bool, private: bool) -> None:
    """Write every file (text, or the bytes of a PDF or a Word document), or none: one the
    writer would refuse (it exists, without --force; a folder, a link) stops them all first."""
    from kpiprep.errors import ExportError
    from kpiprep.files import check_target, write_bytes

    for path, _ in files:
        try:
            check_target(path, force=force)
        except ExportError as exc:
            raise ExportError(f"{exc} (nothing was written)") from None
    for path, output in files:
        data = output if isinstance(output, bytes) else output.encode("utf-8")
        written = write_bytes(path, data, force=force, mode=PRIVATE if private else None)
        stderr_line(f"wrote {written}")


def export_folder(export: str | None) -> Path:
    """The folder a panel's files go to; it is made if only its last part is missing."""
    if export is None or export == "-":
        raise typer.BadParameter(
            "a panel writes one guide per interviewer: give --export FOLDER (or --panel 1 "
            "for one guide)",
            param_hint="'--export'",
        )
    from kpiprep.scaffold import content_folder

    folder = Path(export)
    try:
        content_folder(folder)
    except KpiprepError as exc:
        raise KpiprepError(str(exc).replace("--dir", "--export")) from None
    return folder


# `kpiprep role ...`

role_app = group(
    "role",
    "Role files: one job's interview described once (title, level, terms, minutes, "
    "panel), to build guides and scorecards from.\n\nExamples:\n\n\b\n"
    "  kpiprep role new hr-analyst --dir my-terms\n  kpiprep role list",
    short_help="Role files: one job's interview, described once",
)


@command("new", under=role_app, short_help="Write a role file to fill in")
def role_new(
    slug: Annotated[
        str,
        params.slug_argument(
            "The role's name: lower-case words joined by hyphens, e.g. hr-analyst."
        ),
    ],
    folder: Annotated[
        Path, params.dir_option("The content folder; the file goes to DIR/roles/SLUG.yaml.")
    ] = Path("."),
) -> None:
    """Write a role file to fill in: every field, commented, with TODO where you decide.
    Never replaces a file. Prints the path it wrote.

    Examples:

    \b
      kpiprep role new hr-analyst --dir my-terms
    """
    from kpiprep.role import create

    written = create(folder, slug)
    write(f"{written}\n")
    stderr_line(
        f"next: replace the TODO in {written}, check it with: kpiprep validate {written}; "
        f"then: kpiprep --content-dir {folder} guide --role {slug}"
    )


@command("list", under=role_app, short_help="The role files of every content folder")
def role_list(ctx: typer.Context) -> None:
    """The role files in the roles/ folder of every content folder: name, title, level,
    terms and path, one per line (tab-separated).

    Examples:

    \b
      kpiprep --content-dir my-terms role list
    """
    from kpiprep.locate import search_path
    from kpiprep.role import load, role_files

    seen: set[str] = set()
    for folder in search_path(params.content_dirs(ctx)):
        for path in role_files(folder.path):
            if path.stem in seen:
                continue  # an earlier folder's role of that name wins, as for terms
            seen.add(path.stem)
            try:
                role = load(path)
            except ContentError as exc:
                stderr_line(f"warning: skipping {exc.problems[0].format(path)}")
                continue
            terms = ", ".join(t.slug for t in role.terms)
            write(f"{path.stem}\t{role.title}\t{role.level.value}\t{terms}\t{path}\n")
