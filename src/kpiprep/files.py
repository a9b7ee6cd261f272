"""Files on the user's machine: the one safe writer, and kpiprep's own user folders.

Writing never loses a file: refuse, or write whole and rename into place.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from kpiprep.errors import ExportError


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return exc.strerror or str(exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _create_from(temp: Path, target: Path) -> None:
    """Move `temp` to `target`, failing with FileExistsError if a file appeared meanwhile."""
    try:
        os.link(temp, target)  # atomic and never clobbers
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: the check-then-rename race is the best we can do.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.replace(temp, target)
        return
    temp.unlink()


def write_text(
    target: Path,
    text: str,
    *,
    force: bool = False,
    action: str = "export to",
    exists_hint: str = "use --force to replace it",
    mode: int | None = None,
) -> Path:
    """Write `text` to `target` atomically; returns the path written.

    Without `force` an existing file is never replaced. With it, only a regular
    file is; a folder, device, fifo or socket at the target is always refused.
    A failure leaves the previous file (if any) intact and no temporary file behind.
    `action` and `exists_hint` word the error messages for the command that writes.
    `mode` (such as 0o600 for a file of personal data) is the file's permissions whatever
    they were before; without it a new file gets the usual mode and a replaced one keeps its.
    """
    if target.is_symlink():
        target = Path(os.path.realpath(target))  # replace the file the link points to, not the link
    folder = target.parent
    if not folder.exists():
        raise ExportError(f"cannot {action} {target}: folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"cannot {action} {target}: {folder} is not a folder")
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise ExportError(f"cannot {action} {target}: {_reason(exc)}") from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise ExportError(f"cannot {action} {target}: it is a folder")
        if not stat.S_ISREG(existing.st_mode):
            raise ExportError(
                f"cannot {action} {target}: it is not a regular file; refusing to replace it"
            )
        if not force:
            raise ExportError(f"{target} already exists; {exists_hint}")

    data = text.encode("utf-8")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot {action} {target}: {_reason(exc)}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600) from its first byte; unless a mode is asked
        # for, give it the mode a plain write would.
        if mode is None:
            os.chmod(temp, stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask())
        else:
            os.chmod(temp, mode)
        if existing is None:
            _create_from(temp, target)
        else:
            os.replace(temp, target)
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise ExportError(f"{target} already exists; {exists_hint}") from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(f"cannot {action} {target}: {_reason(exc)}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def user_dir(kind: Literal["cache", "data"], environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user cache or data folder for kpiprep (XDG on Linux and the like)."""
    environ = os.environ if environ is None else environ
    home = Path.home()
    if sys.platform == "win32":
        name = "LOCALAPPDATA" if kind == "cache" else "APPDATA"
        fallback = home / "AppData" / ("Local" if kind == "cache" else "Roaming")
        base = Path(environ.get(name) or fallback)
    elif sys.platform == "darwin":
        base = home / "Library" / ("Caches" if kind == "cache" else "Application Support")
    else:
        name = "XDG_CACHE_HOME" if kind == "cache" else "XDG_DATA_HOME"
        fallback = home / (".cache" if kind == "cache" else ".local/share")
        base = Path(environ.get(name) or fallback)
    return base / "kpiprep"


def write_private_json(target: Path, data: object) -> bool:
    """Write JSON to `target` atomically for kpiprep's own cache; False if it could not.

    The temporary file has an unpredictable name, is created exclusively (so a planted link
    is never followed) and private; rename replaces whatever is at `target`, a link
    included, without following it. Any failure, Ctrl-C included, leaves no temporary file.
    """
    import json

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(temp_name, target)
        return True
    except OSError:
        return False
    finally:
        if os.path.lexists(temp_name):
            os.unlink(temp_name)


def read_capped_json(path: Path, limit: int) -> object:
    """JSON from `path`, or None when it is missing, larger than `limit` bytes, not JSON, or
    nested too deeply to parse (a damaged cache is a miss, never a crash)."""
    import json

    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError:
        return None
    if len(raw) > limit:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None
