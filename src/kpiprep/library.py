"""The library facade: a term looked up on the search path, the catalog, search.

The first file for a (term, industry) pair wins (see kpiprep.locate), so a user file
replaces the shipped one. A broken file that is needed is an error, never silently
replaced by the file it overrides; a broken file that is not needed is a warning.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kpiprep.errors import ContentError, KpiprepError, Problem, UnknownTermError
from kpiprep.locate import (
    DEFAULT_INDUSTRY,
    ENV_INDUSTRY,
    OPTIONAL_ORIGINS,
    Entry,
    Folder,
    entries_of_term,
)
from kpiprep.term import is_slug, normalise

if TYPE_CHECKING:
    from kpiprep.cache import TermCache
    from kpiprep.catalog import Catalog, Record
    from kpiprep.enums import Level
    from kpiprep.search import Result
    from kpiprep.term import Term

MAX_QUERY_LENGTH = 200


def _names_hold(names: tuple[str, ...], key: str) -> bool:
    """Does one of `names` normalise to `key`? A casefold tells for most names: normalising
    only folds white space, so it can make a name equal to `key` only by making it shorter,
    from a name with a run of spaces, a tab or a line break, or one at either end."""
    for name in names:
        folded = name.casefold()
        if folded == key:
            return True
        if len(folded) > len(key) and normalise(name) == key:
            return True
    return False


def industry_key(value: str) -> str:
    """An industry as typed, by slug or by name, in any case: 'Human Resources' and
    'human-resources' are the same industry."""
    return "-".join(value.casefold().split())


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

    def _unreadable(self, path: Path, exc: OSError) -> None:
        self._warn_once(f"cannot read content folder {path}: {exc.strerror or exc}")

    def _scan(self, folder: Folder) -> list[Entry]:
        from kpiprep.locate import entries

        try:
            return entries(folder, self._unreadable)
        except FileNotFoundError:
            if folder.origin not in OPTIONAL_ORIGINS:
                self._warn_once(f"content folder {folder.path} ({folder.origin}) does not exist")
        except OSError as exc:
            self._unreadable(folder.path, exc)
        return []

    def _entries_for(self, slug: str) -> list[Entry]:
        """The files of one term, found without listing every term on the path."""
        return entries_of_term(self.folders, slug, self._unreadable)

    def industries_of(self, slug: str) -> list[str]:
        """The industries a term has a file for, in order."""
        return sorted(entry.industry for entry in self._entries_for(slug))

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

    def files_read(self) -> list[Path]:
        """The content files this library has read so far: what an output was made from."""
        return list(self._terms)

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
                self.cache.shipped if self.cache else None,
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
        if industry is not None:
            industry = self.industry_slug(industry, records)
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
        candidates = self._entries_for(key) if is_slug(key) else []
        if candidates:
            slug = key
        else:
            records = self.records()
            named = [r for r in records if _names_hold(r.names, key)]
            matches = sorted({r.slug for r in named})
            if not matches:
                raise UnknownTermError(query, self._suggest(key, records))
            if len(matches) > 1:
                raise KpiprepError(
                    f"{query!r} names several terms: {', '.join(matches)}; use one of these slugs"
                )
            slug = matches[0]
            candidates = [e for e in self.entries().values() if e.slug == slug]
            if industry is None:
                # A name that only some industries' files use leads to those files: "key
                # metrics" is the management file's alias, not the human-resources file's.
                owners = {r.industry for r in named}
                candidates = [e for e in candidates if e.industry in owners]
        return self.load(self._pick_industry(slug, candidates, industry))

    def industry_slug(self, value: str, records: list[Record] | None = None) -> str:
        """The slug of the industry `value` names (by slug or name, any case), or an error
        that lists the industries there are."""
        records = self.records() if records is None else records
        key = industry_key(value)
        for record in records:
            if key in (record.industry, industry_key(record.industry_name)):
                return record.industry
        there = ", ".join(sorted({r.industry for r in records}))
        raise KpiprepError(f"no term has the industry {value!r}; there are: {there}")

    def _pick_industry(self, slug: str, entries: list[Entry], industry: str | None) -> Entry:
        available = {e.industry: e for e in entries}
        names = ", ".join(sorted(available))
        if industry is not None:
            typed, industry = industry, industry_key(industry)
            if industry not in available:
                # By name, where a folder's name for it is not its slug spelled out
                # ("People & Culture" for people-culture): read only on this miss.
                records = self.records()
                named = {r.industry for r in records if industry_key(r.industry_name) == industry}
                industry = next(iter(sorted(named & available.keys())), industry)
            if industry not in available:
                raise KpiprepError(f"term {slug!r} has no industry {typed!r}; it has: {names}")
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
