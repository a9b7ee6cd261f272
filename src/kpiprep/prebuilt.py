"""The shipped library, read and indexed when the wheel is built, so a first run is a warm one.

The shipped content is known at build time: hatch_build.py calls `build` to validate every
shipped file and write, inside the wheel at kpiprep/prebuilt/, each term's validated data
and the catalog's records and search text. An installed kpiprep then reads those instead of
parsing YAML and building a catalog in the user's cache on its first run. A source checkout
has no prebuilt folder (its content may change at any time) and uses the user cache.

Each prebuilt entry carries its file's size and the code stamp (version and schema
fingerprint): an entry that does not match is not used, and the file is read as usual.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

PREBUILT_DIR = Path(__file__).parent / "prebuilt"
NAMES_FILE = "names.json"
TEXT_FILE = "text.json"


def relative(path: str | Path, content: Path) -> str | None:
    """`path` as `<slug>/<industry>.yaml` if it is a file of `content`, else None."""
    head, name = os.path.split(os.path.abspath(path))
    folder, slug = os.path.split(head)
    return f"{slug}/{name}" if folder == os.path.abspath(content) else None


class Shipped:
    """The prebuilt data of the installed wheel's content folder."""

    def __init__(self, folder: Path, content: Path, code: list[Any]) -> None:
        self.folder = folder
        self.content = content
        self.code = code
        self._parts: dict[str, dict[str, Any]] = {}
        self._words: list[str] = []

    @classmethod
    def installed(cls) -> Shipped | None:
        """The wheel's prebuilt data, or None in a source checkout or an editable install."""
        from kpiprep.cache import CODE_STAMP
        from kpiprep.locate import shipped_content_dir

        if not PREBUILT_DIR.is_dir():
            return None
        return cls(PREBUILT_DIR, shipped_content_dir(), CODE_STAMP)

    def part(self, name: str) -> dict[str, Any]:
        """One prebuilt file's entries by relative path ({} if missing or for other code)."""
        if name not in self._parts:
            from kpiprep.cache import MAX_CATALOG_BYTES
            from kpiprep.files import read_capped_json

            data = read_capped_json(self.folder / name, MAX_CATALOG_BYTES)
            ok = isinstance(data, dict) and data.get("code") == self.code
            files = data.get("files") if ok and isinstance(data, dict) else None
            self._parts[name] = files if isinstance(files, dict) else {}
            words = data.get("words") if ok and isinstance(data, dict) else None
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                self._words = words
        return self._parts[name]

    def words(self) -> list[str]:
        """Every word of the shipped files' search text (search's typo-tolerance list)."""
        self.part(TEXT_FILE)
        return self._words

    def entry(self, name: str, path: str | Path, size: int) -> dict[str, Any] | None:
        """The prebuilt entry for the shipped file at `path`, if it is still `size` bytes."""
        key = relative(path, self.content)
        found = self.part(name).get(key) if key else None
        if isinstance(found, dict) and found.get("size") == size:
            return found
        return None

    def record(self, path: str, size: int) -> Any:
        """The catalog record stored for a shipped file (checked by the catalog), or None."""
        found = self.entry(NAMES_FILE, path, size)
        return found.get("record") if found else None

    def blob(self, path: str, size: int) -> str | None:
        """The search text of a shipped file, or None."""
        found = self.entry(TEXT_FILE, path, size)
        blob = found.get("blob") if found else None
        return blob if isinstance(blob, str) else None

    def term(self, path: Path, size: int) -> dict[str, Any] | None:
        """Validated term data of a shipped file, as kpiprep.term.to_data writes it."""
        key = relative(path, self.content)
        if key is None:
            return None
        from kpiprep.cache import MAX_ENTRY_BYTES
        from kpiprep.files import read_capped_json

        data = read_capped_json(self.folder / "terms" / f"{key[:-5]}.json", MAX_ENTRY_BYTES)
        if not isinstance(data, dict) or data.get("code") != self.code:
            return None
        if data.get("size") != size or not isinstance(data.get("term"), dict):
            return None
        term: dict[str, Any] = data["term"]
        return term


def build(content: Path, out: Path) -> int:
    """Validate every file of `content` and write the prebuilt data to `out`; returns the
    number of files. A broken shipped file fails the build: it must never ship."""
    from kpiprep.cache import CODE_STAMP
    from kpiprep.catalog import search_blob, search_fields
    from kpiprep.loader import load_file
    from kpiprep.locate import Folder, entries
    from kpiprep.term import to_data

    def refuse(path: Path, exc: OSError) -> None:
        raise exc

    names: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    vocabulary: set[str] = set()
    for entry in entries(Folder(content, "shipped"), refuse):
        term = load_file(entry.path)
        if (term.slug, term.industry) != (entry.slug, entry.industry):
            raise ValueError(f"{entry.file}: slug and industry do not match the file's path")
        key = f"{entry.slug}/{entry.industry}.yaml"
        size = os.stat(entry.file).st_size
        record = [term.name, term.full_name, term.industry_name, list(term.names), None]
        names[key] = {"size": size, "record": record}
        blob = search_blob(search_fields(term))
        texts[key] = {"size": size, "blob": blob}
        vocabulary.update(blob.split())
        target = out / "terms" / entry.slug / f"{entry.industry}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        _dump(target, {"code": CODE_STAMP, "size": size, "term": to_data(term)})
    _dump(out / NAMES_FILE, {"code": CODE_STAMP, "files": names})
    _dump(out / TEXT_FILE, {"code": CODE_STAMP, "files": texts, "words": sorted(vocabulary)})
    return len(names)


def _dump(path: Path, data: Any) -> None:
    # Sorted keys and no run-dependent values: the same content builds the same bytes.
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
