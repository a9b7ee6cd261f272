"""Exports are atomic and never replace what they must not."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from kpiprep import files as export
from kpiprep.errors import ExportError
from kpiprep.files import write_bytes, write_text


def test_new_file_gets_a_normal_mode(tmp_path: Path) -> None:
    target = write_text(tmp_path / "g.md", "hello\n")
    assert target.read_text() == "hello\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_force_keeps_the_existing_mode(tmp_path: Path) -> None:
    target = tmp_path / "g.md"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_link_at_the_target_is_never_written_through(
    tmp_path: Path, force: bool, dangling: bool
) -> None:
    # A link could point anywhere (another user's file in a sticky /tmp, a file outside the
    # folder named): kpiprep writes only to the path named, never through a link there.
    real = tmp_path / "elsewhere" / "real.md"
    real.parent.mkdir()
    if not dangling:
        real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link; kpiprep never writes through one"):
        write_text(link, "new", force=force)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real.read_text() == "old") if not dangling else not real.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "link.md"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_force_never_replaces_special_files(tmp_path: Path, kind: str) -> None:
    target = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(target)
    else:
        if os.geteuid() != 0:
            pytest.skip("creating a device node needs root")
        os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 7))  # like /dev/full
    with pytest.raises(ExportError, match="not a regular file"):
        write_text(target, "x", force=True)
    assert not stat.S_ISREG(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == [kind]


@pytest.mark.parametrize("force", [False, True])
def test_full_device_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    target = tmp_path / "g.md"
    if force:
        target.write_text("previous")

    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(ExportError, match="no space left on the device"):
        write_text(target, "new text", force=force)
    assert [p.name for p in tmp_path.iterdir()] == (["g.md"] if force else [])
    if force:
        assert target.read_text() == "previous"


def test_interrupted_write_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "replace", interrupted)
    target = tmp_path / "g.md"
    target.write_text("previous")
    with pytest.raises(KeyboardInterrupt):
        write_text(target, "new", force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["g.md"]
    assert target.read_text() == "previous"


def test_file_appearing_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.md"
    real_link = os.link

    def racing_link(src: str, dst: str) -> None:
        Path(dst).write_text("someone else's")
        real_link(src, dst)

    monkeypatch.setattr(export.os, "link", racing_link)
    with pytest.raises(ExportError, match="already exists"):
        write_text(target, "mine")
    assert target.read_text() == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["g.md"]


@pytest.mark.parametrize("existing", [None, 0o644])
def test_a_private_mode_is_kept_whatever_was_there(tmp_path: Path, existing: int | None) -> None:
    target = tmp_path / "card.yaml"
    if existing is not None:
        target.write_text("old")
        target.chmod(existing)
    write_text(target, "personal data", force=True, mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text() == "personal data"
    assert [p.name for p in tmp_path.iterdir()] == ["card.yaml"]


# The bytes writer (Word documents): the same guarantees as write_text, byte for byte.
DOCX_LIKE = b"PK\x03\x04\x00\xff\xfe binary \r\n\x00 not text"


def test_bytes_are_written_exactly_with_a_normal_mode(tmp_path: Path) -> None:
    target = write_bytes(tmp_path / "g.docx", DOCX_LIKE)
    assert target.read_bytes() == DOCX_LIKE
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_bytes_never_replace_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "g.docx"
    target.write_bytes(b"precious")
    with pytest.raises(ExportError, match="already exists; use --force to replace it"):
        write_bytes(target, DOCX_LIKE)
    assert target.read_bytes() == b"precious"
    write_bytes(target, DOCX_LIKE, force=True, mode=0o600)
    assert target.read_bytes() == DOCX_LIKE
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["g.docx"]


@pytest.mark.parametrize("force", [False, True])
def test_bytes_on_a_full_device_leave_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    target = tmp_path / "g.docx"
    if force:
        target.write_bytes(b"previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(ExportError, match="no space left on the device"):
        write_bytes(target, DOCX_LIKE, force=force)
    assert [p.name for p in tmp_path.iterdir()] == (["g.docx"] if force else [])
    if force:
        assert target.read_bytes() == b"previous"


def test_bytes_never_go_through_a_link_or_onto_an_input(tmp_path: Path) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        write_bytes(link, DOCX_LIKE, force=True)
    with pytest.raises(ExportError, match="one of the files this output is made from"):
        write_bytes(real, DOCX_LIKE, force=True, inputs=[real])
    assert real.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.docx", "real.docx"]
