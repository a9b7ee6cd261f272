"""A cache of validated terms, so that a file read once is not parsed and validated again.

Each entry is keyed by the file's absolute path, size, modification time and inode,
and by the kpiprep code that validated it; any difference, or any damage to the
entry, makes it a miss, and the file is read and validated afresh. The folder is
safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kpiprep import __version__

ENV_CACHE_DIR = "KPIPREP_CACHE_DIR"
_FORMAT = 1
# The modules whose code decides what a valid term is: editing them invalidates the cache.
_VALIDATORS = ("loader.py", "schema.py", "term.py")


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """KPIPREP_CACHE_DIR, else the platform's user cache folder for kpiprep."""
    from kpiprep.files import user_dir

    environ = os.environ if environ is None else environ
    override = environ.get(ENV_CACHE_DIR)
    return Path(override) if override else user_dir("cache", environ)


def _code_stamp() -> list[Any]:
    here = Path(__file__).parent
    stamp: list[Any] = [_FORMAT, __version__]
    for name in _VALIDATORS:
        try:
            st = os.stat(here / name)
            stamp += [st.st_size, st.st_mtime_ns]
        except OSError:
            stamp.append(None)
    return stamp


class TermCache:
    """Validated term data by content file; a miss is never an error."""

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / "terms"
        self.code = _code_stamp()

    def _entry(self, path: Path) -> Path:
        digest = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:40]
        return self.folder / f"{digest}.json"

    def _key(self, path: Path, st: os.stat_result) -> list[Any]:
        return [os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino, *self.code]

    def get(self, path: Path, st: os.stat_result) -> dict[str, Any] | None:
        try:
            with open(self._entry(path), encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != self._key(path, st):
            return None
        data = entry.get("term")
        return data if isinstance(data, dict) else None

    def put(self, path: Path, st: os.stat_result, data: dict[str, Any]) -> None:
        target = self._entry(path)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump({"key": self._key(path, st), "term": data}, handle, ensure_ascii=False)
            os.replace(temp, target)
        except OSError:
            # A read-only or full cache folder costs speed, never correctness.
            try:
                temp.unlink()
            except OSError:
                pass
