"""Where content is found (the search path) and how a term is looked up in it.

A term is a folder, an industry a file in it: <folder>/<term-slug>/<industry-slug>.yaml.
Folders are searched in order: --content-dir, KPIPREP_CONTENT_PATH, the user's
own folder (see user_content_dir), the shipped content. The first file for a
(term, industry) pair wins, so a user file replaces the shipped one. A broken
file that is needed is an error, never silently replaced by the file it
overrides; a broken file that is not needed is a warning.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.errors import ContentError, KpiprepError, Problem, UnknownTermError
from kpiprep.term import SLUG_RE

if TYPE_CHECKING:
    from kpiprep.cache import TermCache
    from kpiprep.catalog import Catalog, Record
    from kpiprep.enums import Level
    from kpiprep.search import Result
    from kpiprep.term import Term

ENV_CONTENT_PATH = "KPIPREP_CONTENT_PATH"
ENV_INDUSTRY = "KPIPREP_INDUSTRY"
DEFAULT_INDUSTRY = "human-resources"
MAX_QUERY_LENGTH = 200
# The JSON Schema of a content file, at the top of a content folder: each file's
# `# yaml-language-server: $schema=../kpiprep.schema.json` comment points at it.
SCHEMA_FILE_NAME = "kpiprep.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_FILE_NAME}"


def shipped_content_dir() -> Path:
    """The content that comes with kpiprep: inside the wheel, or the checkout's content/."""
    # The wheel puts content/ beside this module (what importlib.resources would find,
    # without the cost of importing it at start-up).
    packaged = Path(__file__).parent / "content"
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts: src/kpiprep/ -> <repo>/content
    return Path(__file__).resolve().parents[2] / "content"


def user_content_dir(environ: dict[str, str] | None = None) -> Path:
    """The platform's user data folder for kpiprep, where a user's own terms go."""
    from kpiprep.places import user_dir

    return user_dir("data", environ) / "content"


class Folder(NamedTuple):
    """One folder of the search path and why it is there."""

    path: Path
    origin: str


def search_path(
    content_dirs: Sequence[Path] = (), environ: dict[str, str] | None = None
) -> list[Folder]:
    environ = dict(os.environ) if environ is None else environ
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


def _is_slug(name: str) -> bool:
    return bool(SLUG_RE.match(name))


def normalise(name: str) -> str:
    """How names compare: case-insensitive, with runs of white space folded."""
    return " ".join(name.split()).casefold()


class Library:
    """The terms on a search path, read lazily: a lookup by slug reads only that term's files."""

    def __init__(
        self,
        folders: list[Folder],
        warn: Callable[[str], None] = lambda message: None,
        cache: TermCache | None = None,
        environ: dict[str, str] | None = None,
    ) -> None:
        self.folders = folders
        self.warn = warn
        self.cache = cache
        self.environ = dict(os.environ) if environ is None else environ
        self._entries: dict[tuple[str, str], Entry] | None = None
        self._terms: dict[Path, Term] = {}
        self._warned: set[str] = set()
        self._catalog: Catalog | None = None

    def _warn_once(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warn(message)

    def _scan(self, folder: Folder) -> Iterable[Entry]:
        # os.scandir, not Path.iterdir: on a large library the listing is most of the cost
        # of a look-up, and scandir knows which entries are folders without a stat each.
        try:
            with os.scandir(folder.path) as listing:
                term_dirs = sorted(
                    (e.name, e.path) for e in listing if _is_slug(e.name) and e.is_dir()
                )
        except FileNotFoundError:
            if folder.origin not in ("shipped", "user folder"):
                self._warn_once(f"content folder {folder.path} ({folder.origin}) does not exist")
            return
        except OSError as exc:
            self._warn_once(f"cannot read content folder {folder.path}: {exc.strerror or exc}")
            return
        for slug, term_dir in term_dirs:
            try:
                names = sorted(name for name in os.listdir(term_dir) if name.endswith(".yaml"))
            except OSError as exc:
                self._warn_once(f"cannot read content folder {term_dir}: {exc.strerror or exc}")
                continue
            for name in names:
                if _is_slug(name[:-5]):
                    yield Entry(slug, name[:-5], f"{term_dir}{os.sep}{name}", folder)

    def _entries_for(self, slug: str) -> list[Entry]:
        """The files of one term, found without listing every term on the path."""
        found: dict[str, Entry] = {}
        for folder in self.folders:
            term_dir = folder.path / slug
            if not term_dir.is_dir():
                continue
            try:
                files = sorted(term_dir.iterdir())
            except OSError as exc:
                self._warn_once(f"cannot read content folder {term_dir}: {exc.strerror or exc}")
                continue
            for path in files:
                if path.suffix == ".yaml" and _is_slug(path.stem):
                    found.setdefault(path.stem, Entry(slug, path.stem, str(path), folder))
        return list(found.values())

    def entries(self) -> dict[tuple[str, str], Entry]:
        """Every (term, industry) on the search path; earlier folders win."""
        if self._entries is None:
            found: dict[tuple[str, str], Entry] = {}
            for folder in self.folders:
                for entry in self._scan(folder):
                    found.setdefault((entry.slug, entry.industry), entry)
            self._entries = found
        return self._entries

    def load(self, entry: Entry) -> Term:
        """Read and validate one entry; the file must say what its path says."""
        if entry.path not in self._terms:
            from kpiprep.loader import load_file

            term = load_file(entry.path, self.cache)
            problems = []
            if term.slug != entry.slug:
                problems.append(
                    Problem(None, "slug", f"{term.slug!r} does not match its folder {entry.slug!r}")
                )
            if term.industry != entry.industry:
                problems.append(
                    Problem(
                        None,
                        "industry",
                        f"{term.industry!r} does not match its file name {entry.industry!r}",
                    )
                )
            if problems:
                raise ContentError(entry.path, problems)
            self._terms[entry.path] = term
        return self._terms[entry.path]

    def catalog(self) -> Catalog:
        """Names and search text of every term, cached; see kpiprep.catalog."""
        if self._catalog is None:
            from kpiprep.catalog import Catalog

            self._catalog = Catalog(
                [f.path for f in self.folders],
                list(self.entries().values()),
                self.load,
                self.cache.root / "catalog" if self.cache else None,
                self.cache.code if self.cache else [],
            )
        return self._catalog

    def records(self) -> list[Record]:
        """Every file's record; each broken file is one warning."""
        records = self.catalog().records()
        for record in records:
            if record.error is not None:
                self._warn_once(f"warning: skipping {record.error}")
        return [r for r in records if r.error is None]

    @property
    def default_industry(self) -> str:
        return self.environ.get(ENV_INDUSTRY) or DEFAULT_INDUSTRY

    def folder_counts(self) -> list[tuple[Folder, bool, int]]:
        """Each folder of the search path, whether it exists, and how many files it holds."""
        return [
            (folder, folder.path.is_dir(), sum(1 for _ in self._scan(folder)))
            for folder in self.folders
        ]

    def search(
        self,
        query: str,
        *,
        level: Level | None = None,
        industry: str | None = None,
        limit: int = 10,
    ) -> list[Result]:
        """Ranked matches for `query` across the whole library (see kpiprep.search)."""
        from kpiprep.search import check_query, search

        problem = check_query(query)
        if problem:
            raise KpiprepError(problem)
        records = self.records()
        industries = sorted({r.industry for r in records})
        if industry is not None and industry not in industries:
            raise KpiprepError(
                f"no term has the industry {industry!r}; there are: {', '.join(industries)}"
            )
        catalog = self.catalog()
        blobs, vocabulary = catalog.blobs()
        return search(
            records,
            blobs,
            vocabulary,
            catalog.fields,
            query,
            level=level.value if level else None,
            industry=industry,
            limit=limit,
        )

    def find(self, query: str, industry: str | None = None) -> Term:
        """The term named by slug, name, full name or alias, in the right industry."""
        key = normalise(query)
        if not key or len(key) > MAX_QUERY_LENGTH:
            raise UnknownTermError(query, [])
        candidates = self._entries_for(key) if _is_slug(key) else []
        if candidates:
            slug = key
        else:
            records = self.records()
            matches = sorted({r.slug for r in records if key in map(normalise, r.names)})
            if not matches:
                raise UnknownTermError(query, self._suggest(key, records))
            if len(matches) > 1:
                raise KpiprepError(
                    f"{query!r} names several terms: {', '.join(matches)}; use one of these slugs"
                )
            slug = matches[0]
            candidates = [e for e in self.entries().values() if e.slug == slug]
        return self.load(self._pick_industry(slug, candidates, industry))

    def _pick_industry(self, slug: str, entries: list[Entry], industry: str | None) -> Entry:
        available = {e.industry: e for e in entries}
        names = ", ".join(sorted(available))
        if industry is not None:
            if industry not in available:
                raise KpiprepError(f"term {slug!r} has no industry {industry!r}; it has: {names}")
            return available[industry]
        if len(available) == 1:
            return entries[0]
        default = self.default_industry
        if default in available:
            return available[default]
        from_env = (
            f" ({ENV_INDUSTRY}={default} is not one of them)"
            if ENV_INDUSTRY in self.environ
            else ""
        )
        raise KpiprepError(
            f"term {slug!r} exists in several industries ({names}){from_env}; "
            "choose one with --industry"
        )

    def _suggest(self, key: str, records: list[Record]) -> list[str]:
        import difflib

        if len(key) > 64:
            return []
        names: dict[str, str] = {}
        for record in records:
            for name in record.names:
                names.setdefault(normalise(name), record.slug)
        close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
        return list(dict.fromkeys(names[name] for name in close))[:3]
