"""The catalog of a search path: every term's names and searchable text, kept in the cache.

Listing, alias look-ups, search and completion need something from every file;
reading and validating every file each time would not scale to a large library.
The catalog is stored in the user cache folder in two parts (names, small; text,
for search only), and each record is keyed by its file's path, size, modification
time and inode: a changed, added or removed file is read again, the rest is not.
A missing, stale or damaged catalog is rebuilt without a word.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import ContentError

WORD = re.compile(r"\w+")
VOCABULARY = "\0vocabulary"  # a key no file path can be

if TYPE_CHECKING:
    from kpiprep.locate import Entry
    from kpiprep.prebuilt import Shipped
    from kpiprep.term import Term

_FORMAT = 1


class Record(NamedTuple):
    """What the catalog knows of one file without reading it."""

    slug: str
    industry: str
    path: str
    folder: str
    origin: str
    name: str
    full_name: str
    industry_name: str
    names: tuple[str, ...]
    error: str | None


def _stored_record(entry: Entry, stored: Any) -> Record | None:
    """The record of `entry` from its stored part (name, full name, industry name, names,
    error), or None when that part is not what _build writes."""
    from kpiprep.term import CONTROL_RE

    if not isinstance(stored, list) or len(stored) != 5:
        return None
    name, full_name, industry_name, names, error = stored
    if not isinstance(names, list):
        return None
    texts: list[str] = [name, full_name, industry_name, *names]
    if not all(isinstance(value, str) for value in texts):
        return None
    if error is not None and not isinstance(error, str):
        return None
    # One search over all of it: every look-up in a large library checks every record.
    if CONTROL_RE.search("\n".join(texts) + "\n" + (error or "")):
        return None
    return Record(
        entry.slug,
        entry.industry,
        entry.file,
        str(entry.folder.path),
        entry.folder.origin,
        name,
        full_name,
        industry_name,
        tuple(names),
        error,
    )


def search_fields(term: Term) -> list[tuple[str, str | None, str]]:
    """(field, level or None, text) for every piece of a term that search looks at."""
    fields: list[tuple[str, str | None, str]] = [("name", None, term.name)]
    fields.append(("name", None, term.full_name))
    fields += [("alias", None, alias) for alias in term.aliases]
    fields.append(("job title", None, term.typical_job_title))
    fields += [("job title", None, title) for title in term.related_job_titles]
    fields += [("definition", None, text) for text in (term.summary, term.definition)]
    fields += [("resume phrase", None, item.phrase) for item in term.resume_phrases]
    for level in Level:
        for question in term.questions.for_level(level):
            fields.append(("question", level.value, question.question))
            fields.append(("answer", level.value, question.expected_answer))
            fields += [("answer", level.value, point) for point in question.listen_for]
    return fields


def search_blob(fields: list[tuple[str, str | None, str]]) -> str:
    """A file's searchable words for search's first pass: each distinct word once, folded to
    lower case, between spaces (" kpi measure okr "). A few KiB rather than the whole text, so
    that a large library's blobs load quickly; search tests `f" {word} " in blob`."""
    words = set(WORD.findall("\n".join(text for _, _, text in fields).casefold()))
    return " " + " ".join(sorted(words)) + " "


def _stat_key(path: str) -> list[Any] | None:
    from kpiprep.cache import stat_key

    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


class Catalog:
    """Records (and, on demand, search text) for every entry of a library."""

    def __init__(
        self,
        search_path: list[Path],
        entries: list[Entry],
        load: Callable[[Entry], Term],
        folder: Path | None,
        code_stamp: list[Any],
        shipped: Shipped | None = None,
    ) -> None:
        self._entries = entries
        self._by_file = {entry.file: entry for entry in entries}
        self._load = load
        self._code = code_stamp
        self._files: tuple[Path, Path] | None = None
        if folder is not None:
            # One catalog per search path: another --content-dir is another library.
            identity = json.dumps([os.path.abspath(p) for p in search_path])
            digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
            self._files = (folder / f"names-{digest}.json", folder / f"text-{digest}.json")
        self._keys: dict[str, list[Any] | None] = {}
        self._records: dict[str, Record] | None = None
        self._changed: set[str] = set()
        # The shipped files an installed wheel indexed at build time (kpiprep.prebuilt):
        # nothing about them is built, nor stored in the user's cache.
        self._shipped = shipped
        self._prebuilt: set[str] = set()

    def _read(self, path: Path) -> dict[str, Any]:
        from kpiprep.cache import MAX_CATALOG_BYTES
        from kpiprep.files import read_capped_json

        data = read_capped_json(path, MAX_CATALOG_BYTES)
        if not isinstance(data, dict) or data.get("code") != self._code:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _write(self, path: Path, files: dict[str, Any]) -> None:
        from kpiprep.files import write_private_json

        # A read-only cache folder costs speed, never correctness.
        write_private_json(path, {"code": self._code, "files": files})

    def _key(self, entry: Entry) -> list[Any] | None:
        path = entry.file
        if path not in self._keys:
            self._keys[path] = _stat_key(path)
        return self._keys[path]

    def records(self) -> list[Record]:
        """One record per entry, read from the cache where the file has not changed."""
        if self._records is None:
            stored = self._read(self._files[0]) if self._files else {}
            records: dict[str, Record] = {}
            for entry in self._entries:
                path = entry.file
                key = self._key(entry)
                record = self._from_prebuilt(entry, key)
                if record is not None:
                    records[path] = record
                    continue
                old = stored.get(path)
                if key is not None and isinstance(old, dict) and old.get("key") == key:
                    record = _stored_record(entry, old.get("record"))
                if record is None:
                    record = self._build(entry)
                    self._changed.add(path)
                records[path] = record
            own = {p: r for p, r in records.items() if p not in self._prebuilt}
            if self._files and (self._changed or set(stored) != set(own)):
                # Only what the file says is stored: where it lives is known from the scan.
                self._write(
                    self._files[0],
                    {
                        p: {"key": self._keys[p], "record": [*r[5:8], list(r.names), r.error]}
                        for p, r in own.items()
                    },
                )
            self._records = records
        return list(self._records.values())

    def _from_prebuilt(self, entry: Entry, key: list[Any] | None) -> Record | None:
        if self._shipped is None or entry.folder.origin != "shipped" or key is None:
            return None
        stored = self._shipped.record(entry.file, key[0])
        record = _stored_record(entry, stored) if stored is not None else None
        if record is not None:
            self._prebuilt.add(entry.file)
        return record

    def _build(self, entry: Entry) -> Record:
        base = (entry.slug, entry.industry, entry.file, str(entry.folder.path))
        try:
            term = self._load(entry)
        except ContentError as exc:
            first = exc.problems[0].format(exc.path) if exc.problems else str(exc.path)
            more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            return Record(*base, entry.folder.origin, "", "", "", (), first + more)
        return Record(
            *base,
            entry.folder.origin,
            term.name,
            term.full_name,
            term.industry_name,
            tuple(term.names),
            None,
        )

    def _prebuilt_blobs(self, records: dict[str, Record]) -> dict[str, str]:
        """The search text of the shipped files the wheel indexed, by path."""
        if self._shipped is None:
            return {}
        found: dict[str, str] = {}
        for path in self._prebuilt:
            key = self._keys.get(path)
            blob = self._shipped.blob(path, key[0]) if key else None
            if blob is not None and path in records:
                found[path] = blob
        return found

    def fields(self, path: str) -> list[tuple[str, str | None, str]]:
        """Search fields of one file (from the per-file cache)."""
        entry = self._by_file[path]
        return search_fields(self._load(entry))

    def blobs(self) -> tuple[dict[str, str], set[str]]:
        """Each valid file's searchable words (see search_blob), and all words of all files.

        Stored as one string per file: JSON reads a few long strings much faster than
        many small lists, and a substring test on them runs at C speed.
        """
        records = {r.path: r for r in self.records()}
        prebuilt = self._prebuilt_blobs(records)
        stored = self._read(self._files[1]) if self._files else {}
        blobs: dict[str, str] = {}
        dirty = False
        for path, record in records.items():
            if record.error is not None or path in prebuilt:
                continue
            old = stored.get(path)
            if (
                isinstance(old, dict)
                and old.get("key") == self._keys.get(path)
                and path not in self._changed
                and isinstance(old.get("blob"), str)
            ):
                blobs[path] = old["blob"]
                continue
            try:
                fields = self.fields(path)
            except ContentError:
                continue
            blobs[path] = search_blob(fields)
            dirty = True
        if not blobs and prebuilt and self._shipped is not None:
            # Only shipped files: their vocabulary was gathered when the wheel was built.
            return prebuilt, set(self._shipped.words())
        dirty = dirty or set(stored) - {VOCABULARY} != set(blobs)
        vocabulary_text = None if dirty else stored.get(VOCABULARY)
        if not isinstance(vocabulary_text, str):
            vocabulary: set[str] = set()
            for blob in blobs.values():
                vocabulary.update(blob.split())
            vocabulary_text = " ".join(sorted(vocabulary))
            if self._files:
                files: dict[str, Any] = {
                    p: {"key": self._keys.get(p), "blob": b} for p, b in blobs.items()
                }
                files[VOCABULARY] = vocabulary_text
                self._write(self._files[1], files)
        words = set(vocabulary_text.split())
        if prebuilt and self._shipped is not None:
            words.update(self._shipped.words())
        blobs.update(prebuilt)
        return blobs, words


def by_term(records: Sequence[Record]) -> dict[str, list[Record]]:
    """Records by term slug, in slug order, each term's industries in order."""
    by_slug: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: (r.slug, r.industry)):
        by_slug.setdefault(record.slug, []).append(record)
    return by_slug


class IndustryInfo(NamedTuple):
    """An industry of the library, as `kpiprep industries` shows it."""

    slug: str
    name: str
    terms: int


def industries(records: Sequence[Record]) -> list[IndustryInfo]:
    """Every industry with how many terms it has, most terms first, then by slug."""
    names: dict[str, str] = {}
    counts: dict[str, set[str]] = {}
    for record in records:
        names.setdefault(record.industry, record.industry_name)
        counts.setdefault(record.industry, set()).add(record.slug)
    found = [IndustryInfo(slug, names[slug], len(terms)) for slug, terms in counts.items()]
    return sorted(found, key=lambda info: (-info.terms, info.slug))
