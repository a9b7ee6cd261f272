"""A cache of validated terms, so that a file read once is not parsed and validated again.

Each entry is keyed by the file's absolute path, size, modification and change times and
inode, and by the kpiprep version and schema fingerprint that validated it; any
difference, or any damage to the entry, makes it a miss, and the file is read and
validated afresh. (A copy with the same size and modification time, `cp -p` or `touch -r`,
still changes the file's change time.) The folder is safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpiprep import __version__
from kpiprep.term import SCHEMA_FINGERPRINT

if TYPE_CHECKING:
    from kpiprep.prebuilt import Shipped

ENV_CACHE_DIR = "KPIPREP_CACHE_DIR"
_FORMAT = 3  # 3: search blobs hold each word once
# A term entry is a few tens of KiB; the catalog of a large library a few MiB. Anything
# larger was not written by kpiprep, and is not read.
MAX_ENTRY_BYTES = 4 * 1024 * 1024
MAX_CATALOG_BYTES = 64 * 1024 * 1024
CODE_STAMP: list[Any] = [_FORMAT, __version__, SCHEMA_FINGERPRINT]


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """KPIPREP_CACHE_DIR, else the platform's user cache folder for kpiprep."""
    from kpiprep.files import user_dir

    environ = os.environ if environ is None else environ
    override = environ.get(ENV_CACHE_DIR)
    return Path(override) if override else user_dir("cache", environ)


def stat_key(st: os.stat_result) -> list[Any]:
    """What says a file has not changed since it was read: size, both times, inode."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class TermCache:
    """Validated term data by content file; a miss is never an error."""

    def __init__(self, folder: Path, shipped: Shipped | None = None) -> None:
        self.root = folder
        self.folder = folder / "terms"
        self.code = CODE_STAMP
        # An installed wheel's shipped files were validated when it was built.
        self.shipped = shipped

    def _entry(self, path: Path) -> Path:
        digest = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:40]
        return self.folder / f"{digest}.json"

    def _key(self, path: Path, st: os.stat_result) -> list[Any]:
        return [os.path.abspath(path), *stat_key(st), *self.code]

    def get(self, path: Path, st: os.stat_result) -> dict[str, Any] | None:
        from kpiprep.files import read_capped_json

        if self.shipped is not None:
            prebuilt = self.shipped.term(path, st.st_size)
            if prebuilt is not None:
                return prebuilt
        entry = read_capped_json(self._entry(path), MAX_ENTRY_BYTES)
        if not isinstance(entry, dict) or entry.get("key") != self._key(path, st):
            return None
        data = entry.get("term")
        return data if isinstance(data, dict) else None

    def put(self, path: Path, st: os.stat_result, data: dict[str, Any]) -> None:
        from kpiprep.files import write_private_json

        # A read-only or full cache folder costs speed, never correctness.
        write_private_json(self._entry(path), {"key": self._key(path, st), "term": data})
