"""Files on the user's machine: the one safe writer, and kpiprep's own user folders.

Writing never loses a file: refuse, or write whole and rename into place.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
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
    """Move `temp` to `target`, failing with FileExistsError if anything is there by then."""
    try:
        os.link(temp, target)  # atomic, never clobbers, never follows a link at the target
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: the check-then-rename race is the best we can do.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.replace(temp, target)
        return
    temp.unlink()


def _check_target(
    target: Path, given: str, force: bool, action: str, exists_hint: str, inputs: Sequence[Path]
) -> os.stat_result | None:
    """Refuse anything but a new file or, with `force`, a regular file; return its status."""

    def refuse(why: str) -> ExportError:
        return ExportError(f"cannot {action} {given}: {why}")

    if given.endswith(("/", os.sep)):
        return_hint = f"{given.rstrip('/' + os.sep) or given}/guide.md"
        raise refuse(f"it names a folder; give a file name, such as {return_hint}")
    folder = target.parent
    try:
        if not folder.is_dir():
            raise refuse(f"folder {folder} does not exist" if not folder.exists() else
                         f"{folder} is not a folder")  # fmt: skip
        existing = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise refuse(_reason(exc)) from None
    if stat.S_ISLNK(existing.st_mode):
        try:
            pointed = os.stat(target)
        except OSError:
            pointed = None
        if pointed is not None and not stat.S_ISREG(pointed.st_mode):
            # /dev/stdout and the like: a pipe or terminal, not a file to replace.
            raise refuse("it is a device or pipe, not a file; use --export - for standard output")
        raise refuse("it is a symbolic link; kpiprep never writes through one (give the real path)")
    if stat.S_ISDIR(existing.st_mode):
        raise refuse("it is a folder")
    if not stat.S_ISREG(existing.st_mode):
        raise refuse("it is not a regular file (a device or pipe?); refusing to replace it")
    for source in inputs:
        try:
            same = os.path.samefile(target, source)
        except OSError:
            same = False
        if same:
            raise refuse("it is one of the files this output is made from")
    if not force:
        raise ExportError(f"{given} already exists; {exists_hint}")
    return existing


def check_target(target: Path | str, *, force: bool = False, inputs: Sequence[Path] = ()) -> None:
    """Refuse now, as `write_bytes` would later, a target it cannot write: before work
    that takes time (printing a PDF) is done for nothing."""
    _check_target(Path(target), str(target), force, "export to", "use --force to replace it",
                  inputs)  # fmt: skip


def write_text(
    target: Path | str,
    text: str,
    *,
    force: bool = False,
    action: str = "export to",
    exists_hint: str = "use --force to replace it",
    inputs: Sequence[Path] = (),
    mode: int | None = None,
) -> Path:
    """Write `text` to `target` as UTF-8, atomically; returns the path written (see
    `write_bytes` for what is refused and what a failure leaves)."""
    return write_bytes(
        target, text.encode("utf-8"), force=force, action=action, exists_hint=exists_hint,
        inputs=inputs, mode=mode,
    )  # fmt: skip


def write_bytes(
    target: Path | str,
    data: bytes,
    *,
    force: bool = False,
    action: str = "export to",
    exists_hint: str = "use --force to replace it",
    inputs: Sequence[Path] = (),
    mode: int | None = None,
) -> Path:
    """Write `data` (a PDF or a Word document) to `target` atomically; returns the path written.

    Without `force` an existing file is never replaced. With it, only a regular file is,
    by an atomic rename, so that several writers at once each leave a whole file. A link at
    the target is never followed, and a folder, device, fifo or socket is always refused, as
    is one of `inputs` (the files the output was made from, as `cp` refuses to copy a file
    onto itself). A failure or interruption leaves the previous file (if any) intact and no
    temporary file behind. `action` and `exists_hint` word the messages for the command.
    `mode` (such as 0o600 for a file of personal data) is the file's permissions whatever
    they were before; without it a new file gets the usual mode and a replaced one keeps its.
    """
    given = str(target)  # as the user wrote it: "out/" names a folder, Path("out/") does not
    target = Path(target)
    existing = _check_target(target, given, force, action, exists_hint, inputs)
    try:
        fd, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:100]}.", suffix=".tmp"
        )
    except OSError as exc:
        raise ExportError(f"cannot {action} {given}: {_reason(exc)}") from None
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
        if force:
            os.replace(temp, target)  # atomic; replaces a link or file itself, never its target
        else:
            _create_from(temp, target)
    except FileExistsError:
        raise ExportError(f"{given} already exists; {exists_hint}") from None
    except IsADirectoryError:
        raise ExportError(f"cannot {action} {given}: it is a folder") from None
    except OSError as exc:
        raise ExportError(f"cannot {action} {given}: {_reason(exc)}") from None
    finally:
        temp.unlink(missing_ok=True)
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
