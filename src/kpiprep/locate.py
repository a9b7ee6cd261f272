"""Where content is: the search path of folders, and the one walker that finds term files.

A term is a folder, an industry a file in it: <folder>/<term-slug>/<industry-slug>.yaml.
Folders are searched in order: --content-dir, KPIPREP_CONTENT_PATH, the user's own
folder, the shipped content; the first file for a (term, industry) pair wins.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from kpiprep.term import is_slug

ENV_CONTENT_PATH = "KPIPREP_CONTENT_PATH"
ENV_INDUSTRY = "KPIPREP_INDUSTRY"
DEFAULT_INDUSTRY = "human-resources"
# The JSON Schema of a content file, at the top of a content folder: each file's
# `# yaml-language-server: $schema=../kpiprep.schema.json` comment points at it.
SCHEMA_FILE_NAME = "kpiprep.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_FILE_NAME}"
# Folders that may well be absent: saying so on every run would be noise.
OPTIONAL_ORIGINS = ("shipped", "user folder")
# Role files live in this folder of a content folder (kpiprep.role): it is never a term.
ROLES_FOLDER = "roles"


def shipped_content_dir() -> Path:
    """The content that comes with kpiprep: inside the wheel, or the checkout's content/."""
    # The wheel puts content/ beside this module (what importlib.resources would find,
    # without the cost of importing it at start-up).
    packaged = Path(__file__).parent / "content"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: src/kpiprep/ -> <repo>/content
    return Path(__file__).resolve().parents[2] / "content"


# The guides for people who write content, role files and scorecards: docs/ of the
# repository, which the wheel carries as kpiprep/docs (`kpiprep paths` says where).
GUIDES = ("content.md", "scorecards.md")


def shipped_docs_dir() -> Path:
    """The authoring guides: inside the wheel, or the checkout's docs/."""
    packaged = Path(__file__).parent / "docs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs"


def user_content_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user data folder for kpiprep, where a user's own terms go."""
    from kpiprep.files import user_dir

    return user_dir("data", environ) / "content"


class Folder(NamedTuple):
    """One folder of the search path and why it is there."""

    path: Path
    origin: str


def search_path(
    content_dirs: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> list[Folder]:
    environ = os.environ if environ is None else environ
    folders = [Folder(Path(d), "--content-dir") for d in content_dirs]
    folders += [
        Folder(Path(d), ENV_CONTENT_PATH)
        for d in environ.get(ENV_CONTENT_PATH, "").split(os.pathsep)
        if d.strip()
    ]
    folders.append(Folder(user_content_dir(environ), "user folder"))
    folders.append(Folder(shipped_content_dir(), "shipped"))
    return folders


class Entry(NamedTuple):
    """A content file found on the search path (not read yet)."""

    slug: str
    industry: str
    file: str  # a string: a scan of a large library builds no Path it does not need
    folder: Folder

    @property
    def path(self) -> Path:
        return Path(self.file)


OnError = Callable[[Path, OSError], None]


def _listing(folder: str) -> list[tuple[str, str, bool]]:
    """(name, path, is a folder) for each entry, sorted; os.scandir, not Path.iterdir: on a
    large library the listing is most of the cost of a look-up, and scandir knows which
    entries are folders without a stat each."""
    with os.scandir(folder) as listing:
        return sorted((e.name, e.path, _is_dir(e)) for e in listing)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder; reading it as a file reports the problem
        return False


def _wanted(name: str, strict: bool) -> bool:
    """A file kpiprep reads (`<slug>.yaml`); in strict mode also what it would skip but a
    writer meant as content (`.yml`, names that are no slug), so validate can say why."""
    if strict:
        return not name.startswith(".") and name.endswith((".yaml", ".yml"))
    return name.endswith(".yaml") and is_slug(name[:-5])


def files_of_term(term_dir: str, on_error: OnError, *, strict: bool = False) -> list[str]:
    """The content files of one term folder; an unreadable folder goes to `on_error`."""
    try:
        names = sorted(os.listdir(term_dir))  # names only: a term folder holds files
    except OSError as exc:
        on_error(Path(term_dir), exc)
        return []
    # Whatever kpiprep would try to read is returned, folders named like a file included:
    # reading it reports the problem (validate: KP008).
    return [f"{term_dir}{os.sep}{name}" for name in names if _wanted(name, strict)]


def walk(
    folder: Path, on_error: OnError, *, strict: bool = False, term_folder: bool = False
) -> list[str]:
    """Every content file under `folder`, as <folder>/<term>/<industry>.yaml, in order.

    The folder itself missing or unreadable raises OSError (callers differ on what that
    means); an unreadable term folder goes to `on_error`. `strict` is validate's view
    (see _wanted); `term_folder` also takes the files directly inside `folder`.
    """
    listing = _listing(str(folder))
    found = files_of_term(str(folder), on_error, strict=strict) if term_folder else []
    for name, path, is_dir in listing:
        if name == ROLES_FOLDER:
            continue
        if is_dir and (not name.startswith(".") if strict else is_slug(name)):
            found += files_of_term(path, on_error, strict=strict)
    return found


def entries(folder: Folder, on_error: OnError) -> list[Entry]:
    """The entries of one search-path folder (it must exist: see walk)."""
    result = []
    for file in walk(folder.path, on_error):
        head, name = os.path.split(file)
        result.append(Entry(os.path.basename(head), name[:-5], file, folder))
    return result


def entries_of_term(folders: Sequence[Folder], slug: str, on_error: OnError) -> list[Entry]:
    """The files of one term on the whole search path, without listing every term: the
    first folder that has an industry wins it."""
    found: dict[str, Entry] = {}
    if slug == ROLES_FOLDER:
        return []
    for folder in folders:
        term_dir = os.path.join(folder.path, slug)
        if not os.path.isdir(term_dir):
            continue
        for file in files_of_term(term_dir, on_error):
            industry = os.path.basename(file)[:-5]
            found.setdefault(industry, Entry(slug, industry, file, folder))
    return list(found.values())
