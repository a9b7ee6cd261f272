"""Export formats on the command line: the extension chooses (.md, .html, .docx), --to
overrides (--format is the same option), anything else is refused with the list; a Word
file is written as safely as text (never over a file without --force, nothing half-written),
goes to a pipe but not to a terminal, and names a panel's files."""

from __future__ import annotations

import errno
import os
import pty
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from kpiprep import files
from kpiprep.cli.exports import FORMATS, SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
ACCEPTED = [suffix for suffixes in SUFFIXES.values() for suffix in suffixes]


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_content: None) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def kind(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(path) as archive:
            return "docx" if "word/document.xml" in archive.namelist() else "zip"
    text = data.decode("utf-8")
    if text.startswith("<!DOCTYPE html>"):
        return "html"
    return "markdown" if text.startswith("# Interview guide") else "other"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("g.md", "markdown"), ("g.markdown", "markdown"), ("g.html", "html"), ("g.HTM", "html"),
     ("g.docx", "docx"), ("g.DOCX", "docx")],
)  # fmt: skip
def test_the_extension_chooses_the_format(run, here: Path, name: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "--level", "mid", "--export", name)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {name}\n"
    assert kind(here / name) == expected
    if expected == "docx":
        title = Document(name).paragraphs[0].text
        assert title == "Interview guide: KPI (Key Performance Indicators)"


def test_to_overrides_the_extension_and_format_is_the_same_option(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guide", "--to", "docx", "--export", "a.md").exit_code == 0
    assert kind(here / "a.md") == "docx"  # asked for by name: written as asked
    assert run("guide", "--format", "docx", "--export", "b.html").exit_code == 0
    assert kind(here / "b.html") == "docx"
    assert run("guide", "-f", "html", "--export", "c.docx").exit_code == 0
    assert kind(here / "c.docx") == "html"
    assert run("guide", "--to", "markdown", "--export", "notes.txt").exit_code == 0
    assert kind(here / "notes.txt") == "markdown"
    refused = run("guide", "--to", "rtf")
    assert refused.exit_code == 2
    assert "error: --to: 'rtf' is not one of markdown, html, docx or pdf\n" in refused.stderr


@pytest.mark.parametrize("name", ["guide.txt", "guide", "guide.doc", "guide.md.bak", "x.rtf"])
def test_an_unknown_extension_is_refused_with_the_list(run, here: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "--export", name)
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())  # as Click wraps it
    assert f"{name}: the extension does not say which format to write" in message
    listed = "one of " + ", ".join(ACCEPTED)
    assert listed + f" (or choose the format with --to {FORMATS})" in message
    assert FORMATS == "markdown|html|docx|pdf"
    assert "Traceback" not in result.output
    assert list(here.iterdir()) == []


def test_an_unknown_extension_of_an_existing_file_is_refused_too(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    (here / "notes.txt").write_text("mine")
    result = run("guide", "--export", "notes.txt", "--force")
    assert result.exit_code == 2 and "does not say which format" in result.stderr
    assert (here / "notes.txt").read_text() == "mine"


def test_scan_refuses_an_unknown_extension_before_reading_anything(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", "missing-cv.txt", "--guide", "--export", "guide.txt")
    assert result.exit_code == 2  # the usage error, not the missing CV (exit 1)
    assert "one of " + ", ".join(ACCEPTED) in " ".join(result.stderr.split())
    assert "--to" not in result.stderr  # scan has no such option


def test_an_input_is_refused_as_an_input_whatever_its_extension(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    cv = here / "cv.txt"
    cv.write_text("Built 12 KPIs for the sales team.\n")
    result = run("scan", "cv.txt", "--guide", "--export", "cv.txt", "--force")
    assert result.exit_code == 1  # the real problem, rather than the extension's
    assert result.stderr.endswith("it is one of the files this output is made from\n")
    assert cv.read_text() == "Built 12 KPIs for the sales team.\n"


def test_scan_writes_its_guide_in_word(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    cv = here / "cv.txt"
    cv.write_text("Built 12 KPIs for the sales team and ran the OKR cycle.\n")
    result = run("scan", str(cv), "--guide", "--level", "mid", "--export", "cv-guide.docx")
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document("cv-guide.docx").paragraphs]
    assert "From the scanned document" in paragraphs
    assert any("Built 12 KPIs for the sales team" in text for text in paragraphs)


def test_a_word_file_is_never_replaced_without_force(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    target = here / "guide.docx"
    target.write_bytes(b"precious")
    result = run("guide", "--export", "guide.docx")
    assert result.exit_code == 1
    assert result.stderr == "error: guide.docx already exists; use --force to replace it\n"
    assert target.read_bytes() == b"precious"
    forced = run("guide", "--export", "guide.docx", "--force")
    assert forced.exit_code == 0 and kind(target) == "docx"
    assert [p.name for p in here.iterdir()] == ["guide.docx"]


def test_a_candidates_word_guide_is_private(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guide", "--candidate", "Alex Moreno", "--export", "alex.docx").exit_code == 0
    assert (here / "alex.docx").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_word_export_leaves_nothing_half_written(
    run, here: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:  # type: ignore[no-untyped-def]
    if existing:
        (here / "guide.docx").write_bytes(b"previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    result = run("guide", "--export", "guide.docx", "--force")
    assert result.exit_code == 1
    assert result.stderr == "error: cannot export to guide.docx: no space left on the device\n"
    assert [p.name for p in here.iterdir()] == (["guide.docx"] if existing else [])
    if existing:
        assert (here / "guide.docx").read_bytes() == b"previous"


def kpiprep(*args: str, terminal: bool) -> tuple[int, bytes, str]:
    """Run kpiprep in a child process, its stdout a pipe or a terminal (a pseudo-terminal)."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    argv = [sys.executable, "-c", "from kpiprep.cli import main; main()", *args]
    if not terminal:
        done = subprocess.run(argv, env=env, capture_output=True, timeout=60, check=False)
        return done.returncode, done.stdout, done.stderr.decode()
    main, child = pty.openpty()
    try:
        done = subprocess.run(argv, env=env, stdout=child, stderr=subprocess.PIPE, timeout=60,
                              check=False)  # fmt: skip
        os.set_blocking(main, False)
        try:
            shown = os.read(main, 1 << 20)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(main)
        os.close(child)
    return done.returncode, shown, done.stderr.decode()


def test_word_goes_to_a_pipe_but_not_to_a_terminal(here: Path) -> None:
    code, data, _ = kpiprep("guide", "--to", "docx", terminal=False)
    assert code == 0 and data.startswith(b"PK\x03\x04")
    (here / "piped.docx").write_bytes(data)
    assert Document("piped.docx").paragraphs[0].text.startswith("Interview guide: KPI")
    code, shown, stderr = kpiprep("guide", "--to", "docx", "--export", "-", terminal=True)
    assert code == 2 and shown == b""
    message = " ".join(stderr.split())
    assert "docx is a binary format, not for a terminal: give --export guide.docx, or " in message
    assert "redirect the output to a file (> guide.docx)" in message


PANEL_ROLE = """kind: role
title: HR Analyst
industry: human-resources
level: mid
terms:
  - kpi
  - okr
panel:
  - Priya Shah
  - Sam Lee
"""


def test_a_panel_in_word(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    (here / "my-terms" / "roles").mkdir(parents=True)
    (here / "my-terms" / "roles" / "hr-analyst.yaml").write_text(PANEL_ROLE, encoding="utf-8")
    args = ["--content-dir", "my-terms", "guide", "--role", "hr-analyst", "--candidate", "Alex"]
    result = run(*args, "--to", "docx", "--export", "panel")
    assert result.exit_code == 0, result.output
    names = ["1-priya-shah.docx", "2-sam-lee.docx", "coverage.docx"]
    assert sorted(p.name for p in (here / "panel").iterdir()) == names
    for name in names[:2]:
        doc = Document(f"panel/{name}")
        header = doc.sections[0].header.paragraphs[0].text
        assert header == "Candidate: Alex · Role: HR Analyst"
    coverage = Document("panel/coverage.docx")
    assert coverage.paragraphs[0].style.name == "Heading 1"
    cells = [cell.text for cell in coverage.tables[0].rows[-1].cells]
    assert cells == ["Guide", "", "1-priya-shah.docx", "2-sam-lee.docx"]
    # One file there already: nothing is written (without --force), in any format.
    (here / "panel" / "2-sam-lee.docx").write_bytes(b"notes")
    (here / "panel" / "1-priya-shah.docx").unlink()
    again = run(*args, "--to", "docx", "--export", "panel")
    assert again.exit_code == 1 and "nothing was written" in again.stderr
    assert sorted(p.name for p in (here / "panel").iterdir()) == names[1:]
    assert (here / "panel" / "2-sam-lee.docx").read_bytes() == b"notes"


def test_the_readme_example_is_real(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```text\n(.*?)```", readme, re.S) if "alex.docx" in b]
    for part in re.split(r"(?m)^\$ ", block)[1:]:
        command, _, shown = part.partition("\n")
        result = run(*shlex.split(command)[1:])
        assert result.stdout + result.stderr == shown, command
    assert kind(here / "alex.docx") == "docx"


def test_a_panel_writes_all_or_none_even_with_force(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    (here / "my-terms" / "roles").mkdir(parents=True)
    (here / "my-terms" / "roles" / "hr-analyst.yaml").write_text(PANEL_ROLE, encoding="utf-8")
    args = ["--content-dir", "my-terms", "guide", "--role", "hr-analyst", "--export", "panel"]
    (here / "panel" / "coverage.md").mkdir(parents=True)  # a folder where the last file goes
    result = run(*args, "--force")
    assert result.exit_code == 1 and "nothing was written" in result.stderr
    assert "panel/coverage.md: it is a folder" in result.stderr
    assert sorted(p.name for p in (here / "panel").iterdir()) == ["coverage.md"]
