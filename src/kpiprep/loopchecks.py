"""`kpiprep validate` for role files and scorecards: findings as for content files.

A file is a role file when it sits in a `roles/` folder or says `kind: role`, and a
scorecard when it says `kind: scorecard`; anything else is a content file (kpiprep.checks).
Read and syntax problems, unknown and missing fields and wrong values get the content codes
(KP001-KP009); what only these files can get wrong has codes of its own (KP013-KP015,
KP113, KP114).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from kpiprep.checks import CheckedFile, check_placeholders
from kpiprep.errors import KpiprepError
from kpiprep.locate import ROLES_FOLDER

if TYPE_CHECKING:
    from kpiprep.datafile import Parsed
    from kpiprep.library import Library
    from kpiprep.loader import Issue
    from kpiprep.role import Role

Terms = Collection[tuple[str, str]]  # the (term, industry) files there are


def kind_of(path: Path, parsed: Parsed) -> str:
    """'role', 'scorecard' or 'term': what a file is meant to be."""
    declared = parsed.data.get("kind") if isinstance(parsed.data, dict) else None
    if path.parent.name == ROLES_FOLDER or declared == "role":
        return "role"
    return "scorecard" if declared == "scorecard" else "term"


def _checked(path: Path, shown: str, parsed: Parsed, kind: str, issues: list[Issue]) -> CheckedFile:
    from kpiprep.loader import Inspection

    inspection = Inspection(parsed.data, parsed.lines, parsed.columns, [*parsed.issues, *issues])
    file = CheckedFile(path, shown, inspection)
    file.kind = kind
    for issue in inspection.issues:
        file.add_issue(issue)
    return file


def _unknown_terms(file: CheckedFile, role: Role, known: Terms) -> bool:
    """KP013 for each term the role names that no file is for; True if there was one."""
    found = False
    for index, entry in enumerate(role.terms):
        if (entry.slug, entry.industry) in known:
            continue
        found = True
        others = sorted(industry for slug, industry in known if slug == entry.slug)
        if others:
            message = (
                f"term {entry.slug!r} has no file for the industry {entry.industry!r}; "
                f"it has: {', '.join(others)}"
            )
        else:
            message = f"no term {entry.slug!r} in the files checked or on the search path"
        file.add("KP013", ("terms", index), message)
    return found


def _fit(file: CheckedFile, role: Role, library: Library) -> None:
    """KP113: the role's own plan (its terms, level, questions, minutes, panel) must fit."""
    from kpiprep.interview import build
    from kpiprep.panel import split
    from kpiprep.role import terms_of

    if role.minutes is None:
        return
    try:
        interview = build(terms_of(role, library), [role.level], per_level=role.questions)
        split(interview, role.panel or ("the interviewer",), role.minutes)
    except KpiprepError as exc:
        if not str(exc).startswith(str(role.path)):  # a broken term file is its own finding
            file.add("KP113", ("minutes",), str(exc).replace("(--questions)", "(questions:)"))


def check_role(
    path: Path, shown: str, parsed: Parsed, known: Terms, library: Callable[[], Library]
) -> CheckedFile:
    from kpiprep.role import check

    role, issues = check(parsed, shown) if not parsed.issues else (None, [])
    file = _checked(path, shown, parsed, "role", issues)
    if parsed.data is not None:
        check_placeholders(file)
    if role is not None and not _unknown_terms(file, role, known):
        _fit(file, role, library())
    return file


def check_scorecard(
    path: Path, shown: str, parsed: Parsed, library: Callable[[], Library]
) -> CheckedFile:
    from kpiprep.cardfile import check_data
    from kpiprep.scorecard import unfinished
    from kpiprep.scoring import find_question

    card, issues, conflicts = check_data(parsed) if not parsed.issues else (None, [], [])
    file = _checked(path, shown, parsed, "scorecard", issues)
    for conflict in conflicts:
        file.add("KP015", conflict.loc, conflict.message)
    if card is None:
        return file
    for index, answer in enumerate(card.questions):
        found = find_question(library(), answer.id)
        if isinstance(found, str):
            file.add("KP014", ("questions", index, "id"), found)
    left = unfinished(card)
    if left:
        file.add("KP114", (), "unfinished: " + "; ".join(left))
    return file


def check_other(
    path: Path, shown: str, known: Terms, library: Callable[[], Library]
) -> CheckedFile | None:
    """The findings of a role file or scorecard; None for a content file."""
    from kpiprep.datafile import read

    parsed = read(path)
    kind = kind_of(path, parsed)
    if kind == "role":
        return check_role(path, shown, parsed, known, library)
    if kind == "scorecard":
        return check_scorecard(path, shown, parsed, library)
    return None
