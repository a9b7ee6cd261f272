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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kpiprep.enums import Level
from kpiprep.errors import ContentError

WORD = re.compile(r"\w+")
VOCABULARY = "\0vocabulary"  # a key no file path can be

if TYPE_CHECKING:
    from kpiprep.library import Entry
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


def _record_ok(record: Record) -> bool:
    """A stored record has the kinds of values _build writes; anything else is rebuilt."""
    from kpiprep.term import is_text, is_texts

    texts = record[:8]
    return (
        all(is_text(value) for value in texts)
        and is_texts(record.names)
        and (record.error is None or is_text(record.error))
    )


def search_fields(term: Term) -> list[tuple[str, str | None, str]]:
    """(field, level or None, text) for every piece of a term that search looks at."""
    fields: list[tuple[str, str | None, str]] = [("name", None, term.name)]
    fields.append(("name", None, term.full_name))
    fields += [("alias", None, alias) for alias in term.aliases]
    fields.append(("job title", None, term.typical_job_title))
    fields += [("job title", None, title) for title in term.related_job_titles]
    fields += [("definition", None, text) for text in (term.summary, term.definition)]
    fields += [("resume phrase", None, text) for text in term.resume_phrases]
    for level in Level:
        for question in term.questions.for_level(level):
            fields.append(("question", level.value, question.question))
            fields.append(("answer", level.value, question.expected_answer))
            fields += [("answer", level.value, point) for point in question.listen_for]
    return fields


def _stat_key(path: Path) -> list[Any] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class Catalog:
    """Records (and, on demand, search text) for every entry of a library."""

    def __init__(
        self,
        search_path: list[Path],
        entries: list[Entry],
        load: Callable[[Entry], Term],
        folder: Path | None,
        code_stamp: list[Any],
    ) -> None:
        self._entries = entries
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

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self._code:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _write(self, path: Path, files: dict[str, Any]) -> None:
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump({"code": self._code, "files": files}, handle, ensure_ascii=False)
            os.replace(temp, path)
        except OSError:
            try:  # a read-only cache folder costs speed, never correctness
                temp.unlink()
            except OSError:
                pass

    def _key(self, entry: Entry) -> list[Any] | None:
        path = str(entry.path)
        if path not in self._keys:
            self._keys[path] = _stat_key(entry.path)
        return self._keys[path]

    def records(self) -> list[Record]:
        """One record per entry, read from the cache where the file has not changed."""
        if self._records is None:
            stored = self._read(self._files[0]) if self._files else {}
            records: dict[str, Record] = {}
            for entry in self._entries:
                path = str(entry.path)
                key = self._key(entry)
                old = stored.get(path)
                record = None
                if key is not None and isinstance(old, dict) and old.get("key") == key:
                    try:
                        record = Record(*old["record"])
                    except (TypeError, KeyError):
                        record = None
                    if record is not None and not _record_ok(record):
                        record = None
                    wanted = (entry.slug, entry.industry, path)
                    if record is not None and (record.slug, record.industry, record.path) != wanted:
                        record = None
                if record is None:
                    record = self._build(entry)
                    self._changed.add(path)
                else:
                    record = record._replace(names=tuple(record.names))
                records[path] = record
            if self._files and (self._changed or set(stored) != set(records)):
                self._write(
                    self._files[0],
                    {p: {"key": self._keys[p], "record": list(r)} for p, r in records.items()},
                )
            self._records = records
        return list(self._records.values())

    def _build(self, entry: Entry) -> Record:
        base = (entry.slug, entry.industry, str(entry.path), str(entry.folder.path))
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

    def fields(self, path: str) -> list[tuple[str, str | None, str]]:
        """Search fields of one file (from the per-file cache)."""
        entry = next(e for e in self._entries if str(e.path) == path)
        return search_fields(self._load(entry))

    def blobs(self) -> tuple[dict[str, str], set[str]]:
        """Each valid file's searchable text, folded to lower case, and all its words.

        Stored as one string per file: JSON reads a few long strings much faster than
        many small lists, and a substring test on them runs at C speed.
        """
        records = {r.path: r for r in self.records()}
        stored = self._read(self._files[1]) if self._files else {}
        blobs: dict[str, str] = {}
        dirty = False
        for path, record in records.items():
            if record.error is not None:
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
            blobs[path] = "\n".join(text for _, _, text in fields).casefold()
            dirty = True
        dirty = dirty or set(stored) - {VOCABULARY} != set(blobs)
        vocabulary_text = None if dirty else stored.get(VOCABULARY)
        if not isinstance(vocabulary_text, str):
            vocabulary: set[str] = set()
            for blob in blobs.values():
                vocabulary.update(WORD.findall(blob))
            vocabulary_text = " ".join(sorted(vocabulary))
            if self._files:
                files: dict[str, Any] = {
                    p: {"key": self._keys.get(p), "blob": b} for p, b in blobs.items()
                }
                files[VOCABULARY] = vocabulary_text
                self._write(self._files[1], files)
        return blobs, set(vocabulary_text.split())
