"""`kpiprep validate`: schema errors and content rules for content files (and role files and
scorecards: kpiprep.loopchecks), as linter findings.

Every finding has a stable code (the table is kpiprep.rules.RULES) and points at the key
or item at fault: `path:line:col: KP002 analogie: unknown field`. kpiprep.checks checks
each file on its own; this module finds the files (with the one walker, kpiprep.locate)
and runs the rules that need several files: duplicates, colliding names, related terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kpiprep.checks import CheckedFile, check_file, names_of, one_line
from kpiprep.locate import ROLES_FOLDER, SCHEMA_FILE_NAME, Folder
from kpiprep.report import Finding, Report
from kpiprep.term import normalise

if TYPE_CHECKING:
    from kpiprep.library import Library
    from kpiprep.loader import Location


def _check_duplicates(files: Sequence[CheckedFile]) -> None:
    """KP006: several files for one <term>/<industry>.yaml; each names the others."""
    groups: dict[tuple[str, str], list[CheckedFile]] = {}
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


def _check_related(files: Sequence[CheckedFile], elsewhere: Collection[str] = ()) -> None:
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


def _check_collisions(files: Sequence[CheckedFile]) -> None:
    """KP007: a name or alias that also names another term, as a look-up would see it.

    A look-up by a slug goes to that term, so a name equal to another term's slug can
    never reach its own term; any other name shared by two terms is ambiguous, and is
    reported in both files.
    """
    slugs: dict[str, tuple[str, CheckedFile]] = {}
    names: dict[str, list[tuple[str, CheckedFile, Location]]] = {}
    for file in files:
        if file.data:
            slugs.setdefault(normalise(file.slug), (file.slug, file))
            for loc, value in names_of(file):
                names.setdefault(normalise(value), []).append((file.slug, file, loc))
    for file in files:
        if not file.data:
            continue
        for loc, value in names_of(file):
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
        reason = one_line(f"cannot read folder: {exc.strerror or exc}")
        self.unreadable.append(Finding(one_line(str(folder)), 1, 1, "KP008", reason))

    def content_files(self, folder: Path, *, term_folder: bool = False) -> list[Path]:
        """The files of a content folder, <folder>/<term>/<industry>.yaml (.yml too, to say
        that kpiprep skips them); with `term_folder`, also the files of a term's own folder."""
        from kpiprep.locate import walk

        found = walk(folder, self.refuse, strict=True, term_folder=term_folder)
        return [Path(file) for file in found]


def _report(files: list[CheckedFile], ignore: Collection[str], extra: list[Finding]) -> Report:
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


def _terms_on(folders: Sequence[Folder]) -> set[tuple[str, str]]:
    """The (term, industry) files on the search path, from names alone (nothing is read)."""
    from kpiprep.locate import entries

    found: set[tuple[str, str]] = set()
    for folder in folders:
        try:
            found.update((e.slug, e.industry) for e in entries(folder, lambda path, exc: None))
        except OSError:
            pass  # validate_search_path reports unreadable folders; here they add nothing
    return found


def _slugs_on(folders: Sequence[Folder]) -> set[str]:
    return {slug for slug, _ in _terms_on(folders)}


class _Loop:
    """Role files and scorecards among the files checked (kpiprep.loopchecks): sorted out
    from content files, and checked against the term files checked and the search path."""

    def __init__(self, folders: Sequence[Folder]) -> None:
        self.folders = folders  # where the terms they name are looked up, in order
        self._library: Library | None = None

    def library(self) -> Library:
        if self._library is None:
            from kpiprep.library import Library

            self._library = Library(list(self.folders))
        return self._library

    @staticmethod
    def is_term_file(path: Path) -> bool:
        """Whether a file given by name is a content file (not a role file or a scorecard)."""
        from kpiprep.datafile import read
        from kpiprep.loopchecks import kind_of

        return path.parent.name != ROLES_FOLDER and kind_of(path, read(path)) == "term"

    def check(self, paths: Iterable[Path], terms: Sequence[CheckedFile]) -> list[CheckedFile]:
        from kpiprep.loopchecks import check_other

        known = {file.key for file in terms} | _terms_on(self.folders)
        checked = [check_other(path, str(path), known, self.library) for path in paths]
        return [file for file in checked if file is not None]


def _split(
    paths: Sequence[Path], folders: _Folders, warn: Callable[[str], None]
) -> tuple[list[Path], list[Path]]:
    """Content files, and role files or scorecards, under or among `paths`."""
    from kpiprep.role import role_files

    content: list[Path] = []
    others: list[Path] = []
    for path in paths:
        if path.name == SCHEMA_FILE_NAME and path.is_file():
            # The editor schema `kpiprep new` writes beside the terms: a pre-commit hook or a
            # glob hands it over with them, and it is kpiprep's own file, not content.
            warn(f"skipped {path}: the editor schema (kpiprep schema), not a content file")
            continue
        if not path.is_dir():
            (content if _Loop.is_term_file(path) else others).append(path)
            continue
        refused = len(folders.unreadable)
        try:
            found = folders.content_files(path, term_folder=True)
        except OSError as exc:
            folders.refuse(path, exc)
            continue
        roles = role_files(path)
        if path.name == ROLES_FOLDER:  # the files in it are roles, not a term's
            found, roles = [], [*found, *roles]
        if not found and not roles and len(folders.unreadable) == refused:
            warn(f"warning: no content files in {path}")
        content += found
        others += roles
    return content, others


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
    content, others = _split(paths, folders, warn)
    files = [check_file(path, today) for path in _unique(content)]
    _check_duplicates(files)
    _check_collisions(files)
    _check_related(files, _slugs_on(search_path))
    checked = [Folder(path, "checked") for path in paths if path.is_dir()]
    files += _Loop([*checked, *search_path]).check(_unique(others), files)
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
    from kpiprep.role import role_files

    finder = _Folders()
    targets: list[Path] = []
    roles: list[Path] = []
    for folder in folders:
        roles += role_files(folder.path)
        try:
            targets += finder.content_files(folder.path)
        except FileNotFoundError:
            if folder.origin not in ("shipped", "user folder"):  # both may well be absent
                warn(f"warning: content folder {folder.path} ({folder.origin}) does not exist")
        except OSError as exc:
            finder.refuse(folder.path, exc)
    files = [check_file(path, today) for path in _unique(targets)]
    winners: dict[tuple[str, str], CheckedFile] = {}
    for file in files:
        if file.path.suffix == ".yaml":
            winners.setdefault(file.key, file)
    _check_collisions(list(winners.values()))
    _check_related(list(winners.values()), _slugs_on(folders))
    files += _Loop(folders).check(_unique(roles), list(winners.values()))
    return _report(files, ignore, finder.unreadable)
