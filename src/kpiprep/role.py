"""A role file: one job's interview described once, to build guides and scorecards from.

It names the job title, the industry, the level, the terms to cover (with weights), how long
each interview lasts and who is on the panel. Role files live in a `roles/` folder of any
content folder (found by their name) or anywhere, given by path. The schema is
kpiprep.roleschema; the format is in docs/content.md ("Role files").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import ContentError, KpiprepError, Problem
from kpiprep.locate import ROLES_FOLDER, Folder

if TYPE_CHECKING:
    from kpiprep.datafile import Parsed
    from kpiprep.library import Library
    from kpiprep.loader import Issue
    from kpiprep.term import Term

KIND = "role"


class RoleTerm(NamedTuple):
    """A term the role covers, its weight, and where the file names it (for messages)."""

    slug: str
    industry: str
    weight: int
    line: int | None = None
    column: int | None = None


class Role(NamedTuple):
    path: str
    title: str
    industry: str
    level: Level
    terms: tuple[RoleTerm, ...]
    minutes: int | None = None
    questions: int | None = None  # per term and level; None: all of them
    panel: tuple[str, ...] = ()  # the interviewers, by name or as "Interviewer 1"...
    named: bool = False  # whether the file names them

    def weights(self) -> dict[tuple[str, str], int]:
        return {(t.slug, t.industry): t.weight for t in self.terms}


def interviewer_names(count: int) -> tuple[str, ...]:
    """How a panel given as a number is named: Interviewer 1, Interviewer 2..."""
    return tuple(f"Interviewer {number}" for number in range(1, count + 1))


def check(parsed: Parsed, path: Path | str) -> tuple[Role | None, list[Issue]]:
    """Parsed role file -> (Role, []) or (None, every schema problem, located)."""
    from pydantic import ValidationError

    from kpiprep.datafile import pydantic_issues
    from kpiprep.roleschema import RoleSchema

    if not isinstance(parsed.data, dict):
        what = "empty" if parsed.data is None else "not a mapping of fields"
        return None, [parsed.issue("value", (), f"file is {what}")]
    try:
        model = RoleSchema.model_validate(parsed.data)
    except ValidationError as exc:
        return None, pydantic_issues(parsed, exc)
    terms = []
    for index, entry in enumerate(model.terms):
        line, column = parsed.at(("terms", index))
        terms.append(
            RoleTerm(entry.term, entry.industry or model.industry, entry.weight, line, column)
        )
    panel = model.panel
    names = interviewer_names(panel) if isinstance(panel, int) else tuple(panel or ())
    role = Role(
        str(path), model.title, model.industry, Level(model.level), tuple(terms),
        model.minutes, model.questions, names, isinstance(panel, list),
    )  # fmt: skip
    return role, []


def load(path: Path) -> Role:
    """Read and check a role file, or raise every problem as `path:line:col: field: ...`."""
    from kpiprep.datafile import read, refuse

    parsed = read(path)
    if parsed.issues:
        raise refuse(path, parsed.issues)
    role, issues = check(parsed, path)
    if role is None:
        raise refuse(path, issues)
    return role


def role_files(folder: Path) -> list[Path]:
    """The role files in a content folder's `roles/` folder, in name order."""
    try:
        with os.scandir(folder / ROLES_FOLDER) as listing:
            names = sorted(e.name for e in listing if e.name.endswith(".yaml"))
    except OSError:
        return []
    return [folder / ROLES_FOLDER / name for name in names if not name.startswith(".")]


def looks_like_path(name: str) -> bool:
    return os.sep in name or "/" in name or name.endswith((".yaml", ".yml"))


def find(name: str, folders: Sequence[Folder]) -> Path:
    """A role by path, or by name from the `roles/` folder of the content folders (the
    first folder that has it wins, as for terms)."""
    if looks_like_path(name) or Path(name).is_file():
        path = Path(name)
        if not path.exists():
            raise KpiprepError(f"role file {name} does not exist")
        return path
    for folder in folders:
        candidate = folder.path / ROLES_FOLDER / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    raise KpiprepError(
        f"no role {name!r}: no {ROLES_FOLDER}/{name}.yaml in any content folder (kpiprep paths "
        f"lists them); give the file's path, or write one with: kpiprep role new {name}"
    )


def terms_of(role: Role, library: Library) -> list[Term]:
    """The role's terms from the library, in the file's order; a term the library lacks is
    an error that points at the line naming it."""
    found = []
    for index, entry in enumerate(role.terms):
        try:
            found.append(library.find(entry.slug, entry.industry))
        except ContentError:
            raise
        except KpiprepError as exc:
            where = Problem(entry.line, f"terms[{index}]", str(exc), entry.column)
            raise ContentError(role.path, [where]) from None
    return found


def template(slug: str) -> str:
    """A new role file: valid as it stands, with TODO where a person has to decide."""
    path = f"{ROLES_FOLDER}/{slug}.yaml"
    return f"""# A kpiprep role: one job's interview, described once (see docs/content.md).
# Build the interview guide from it: kpiprep guide --role {slug}
# Check it after each change:         kpiprep validate {path}
kind: role
title: "TODO: the job title, as on the job ad"
industry: human-resources  # the industry of the terms (kpiprep industries lists them)
level: mid  # junior, mid or senior
minutes: 45  # optional: each interview's length in minutes; the guide plans the time
# questions: 2  # optional: how many questions of each term to ask (default: all of them)
terms:  # the terms to cover (kpiprep list); a weight (1-10, default 1) counts in the debrief
  - kpi
  - term: okr
    weight: 2
panel: 1  # optional: how many interviewers split the questions, or their names:
# panel:
#   - Priya Shah
#   - Sam Lee
"""


def create(folder: Path, slug: str) -> Path:
    """Write `<folder>/roles/<slug>.yaml`; never replaces a file."""
    from kpiprep.files import write_text
    from kpiprep.scaffold import content_folder

    content_folder(folder)
    roles = folder / ROLES_FOLDER
    if roles.exists() and not roles.is_dir():
        raise KpiprepError(f"{roles} is not a folder; it should hold role files")
    made = not roles.exists()
    if made:
        try:
            roles.mkdir()
        except OSError as exc:
            raise KpiprepError(f"cannot create {roles}: {exc.strerror or exc}") from None
    target = roles / f"{slug}.yaml"
    try:
        return write_text(
            target, template(slug), action="write", exists_hint="kpiprep role new never "
            "replaces a file"
        )  # fmt: skip
    except KpiprepError:
        if made:
            roles.rmdir()  # leave nothing behind
        raise
