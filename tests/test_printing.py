"""PDF export without a real browser: finding one, and what a missing, failing or hanging
browser leaves (a clear message, no file, no temporary folder, no process)."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kpiprep.printing import BrowserNotFound, PrintError, find_browser, html_to_pdf

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake browsers are sh scripts")

# A stand-in browser: records its arguments and the page it was given, then prints a "PDF"
# (or, with a mode, fails, hangs or prints nothing).
FAKE = """#!/bin/sh
log="{log}"
for arg in "$@"; do
  printf '%s\\n' "$arg" >> "$log.args"
  case "$arg" in
    --print-to-pdf=*) out="${{arg#--print-to-pdf=}}" ;;
    --user-data-dir=*) profile="${{arg#--user-data-dir=}}" ;;
    file://*) page="${{arg#file://}}" ;;
  esac
done
ls -A "$profile" > "$log.profile"
stat -c '%a' "$page" "$(dirname "$page")" > "$log.modes"
cp "$page" "$log.html"
{body}
"""
PRINTS = 'printf "%%PDF-1.7 fake for %s" "$page" > "$out"'
FAILS = 'echo "[0:0:ERROR] noise" >&2; echo "cannot open display" >&2; exit 3'
HANGS = 'sleep 300 & echo $! > "$log.child"; echo > "$out.partial"; sleep 300'
NO_PDF = 'echo "not a pdf" > "$out"'


def fake_browser(folder: Path, body: str, name: str = "chromium") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(FAKE.format(log=folder / "log", body=body), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where kpiprep's temporary folders go during the test, to see that none is left."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


@pytest.fixture
def no_browser_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH with no browser on it (and no KPIPREP_BROWSER)."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("KPIPREP_BROWSER", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")  # no app folders to look in
    return empty


# Finding a browser.


def test_kpiprep_browser_names_a_path_or_a_command(tmp_path: Path) -> None:
    browser = fake_browser(tmp_path / "bin", PRINTS, name="my-edge")
    assert find_browser({"KPIPREP_BROWSER": str(browser), "PATH": ""}) == browser
    on_path = {"KPIPREP_BROWSER": "my-edge", "PATH": str(browser.parent)}
    assert find_browser(on_path) == browser
    # It wins over a browser found on PATH.
    other = fake_browser(tmp_path / "other", PRINTS, name="chromium")
    assert find_browser({"KPIPREP_BROWSER": str(browser), "PATH": str(other.parent)}) == browser


def test_kpiprep_browser_naming_nothing_runnable_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a program", encoding="utf-8")
    for named in (str(tmp_path / "missing"), str(text), "no-such-browser"):
        with pytest.raises(BrowserNotFound) as caught:
            find_browser({"KPIPREP_BROWSER": named, "PATH": str(tmp_path)})
        message = str(caught.value)
        assert message.startswith(f"KPIPREP_BROWSER names '{named}'") and "\n" not in message


@pytest.mark.parametrize("name", ["chromium", "google-chrome", "msedge", "chromium-browser"])
def test_the_chromium_family_is_found_on_path(tmp_path: Path, name: str) -> None:
    browser = fake_browser(tmp_path / "bin", PRINTS, name=name)
    assert find_browser({"PATH": str(browser.parent)}) == browser


def test_chromium_comes_before_chrome_and_edge(tmp_path: Path) -> None:
    for name in ("msedge", "google-chrome", "chromium"):
        fake_browser(tmp_path / "bin", PRINTS, name=name)
    assert find_browser({"PATH": str(tmp_path / "bin")}).name == "chromium"


def test_no_browser_says_what_to_install(no_browser_path: Path) -> None:
    with pytest.raises(BrowserNotFound) as caught:
        find_browser()
    message = str(caught.value)
    assert "\n" not in message
    for advice in ("install Chromium", "apt install chromium", "Google Chrome",
                   "Microsoft Edge", "KPIPREP_BROWSER=", "--export guide.html"):  # fmt: skip
        assert advice in message


def test_a_snap_browser_prints_from_the_home_folder() -> None:
    from kpiprep.printing import _folder_root

    # A snap has a /tmp of its own: the page must be where it can read it.
    assert _folder_root(Path("/snap/bin/chromium")) == Path.home()
    assert _folder_root(Path("/usr/bin/chromium")) is None  # the system's temporary folder


def test_guide_to_pdf_without_a_browser_writes_nothing(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, no_browser_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("guide", "--candidate", "Alex Moreno", "--export", "guide.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no browser to print the PDF with: install Chromium")
    assert result.stderr.count("\n") == 1 and "wrote" not in result.stderr
    assert not (tmp_path / "guide.pdf").exists() and list(temp_root.iterdir()) == []
    # The same with --format pdf, and for a panel (no folder is made).
    again = run("guide", "--format", "pdf", "--export", "g.pdf")
    assert again.exit_code == 1 and "no browser to print the PDF" in again.stderr
    panel = run("guide", "kpi", "--panel", "2", "--format", "pdf", "--export", "panel")
    assert panel.exit_code == 1 and "no browser to print the PDF" in panel.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty-bin", "tmp"]


# Printing through a stand-in browser.


def test_the_page_is_printed_privately_and_nothing_is_left(tmp_path: Path, temp_root: Path) -> None:
    browser = fake_browser(tmp_path / "bin", PRINTS)
    data = html_to_pdf("<p>Alex Moreno</p>", browser)
    assert data.startswith(b"%PDF-1.7 fake for " + str(temp_root).encode())
    log = tmp_path / "bin" / "log"
    args = log.with_suffix(".args").read_text(encoding="utf-8").splitlines()
    for flag in ("--headless", "--no-pdf-header-footer", "--no-first-run",
                 "--disable-background-networking", "--disable-sync", "--disable-breakpad",
                 "--disable-crash-reporter"):  # fmt: skip
        assert flag in args
    assert args[-1].startswith("file://" + str(temp_root))
    assert log.with_suffix(".html").read_text(encoding="utf-8") == "<p>Alex Moreno</p>"
    assert log.with_suffix(".profile").read_text(encoding="utf-8") == ""  # a fresh profile
    assert log.with_suffix(".modes").read_text(encoding="utf-8").split() == ["600", "700"]
    assert list(temp_root.iterdir()) == []  # the page with the candidate's name is gone


def test_a_failing_browser_gives_its_reason_and_leaves_nothing(
    tmp_path: Path, temp_root: Path
) -> None:
    browser = fake_browser(tmp_path / "bin", FAILS)
    with pytest.raises(PrintError) as caught:
        html_to_pdf("<p>x</p>", browser)
    assert str(caught.value) == (
        f"{browser} could not print the PDF (exit code 3) (cannot open display); nothing "
        "was written"
    )
    assert list(temp_root.iterdir()) == []
    nothing = fake_browser(tmp_path / "bin2", NO_PDF)
    with pytest.raises(PrintError, match=r"could not print the PDF \(no PDF\)"):
        html_to_pdf("<p>x</p>", nothing)
    assert list(temp_root.iterdir()) == []


LEAVES_A_HELPER = PRINTS + '; sleep 300 & echo $! > "$log.child"; printf "%s" "$HOME" > "$log.home"'


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see processes")
def test_a_helper_the_browser_leaves_running_does_not_hold_up_the_pdf(
    tmp_path: Path, temp_root: Path
) -> None:
    # A helper process that keeps the browser's standard error open (a crash handler, say):
    # the PDF is there as soon as the browser itself exits, and the helper is stopped.
    browser = fake_browser(tmp_path / "bin", LEAVES_A_HELPER)
    started = time.monotonic()
    assert html_to_pdf("<p>x</p>", browser, timeout=20).startswith(b"%PDF-")
    assert time.monotonic() - started < 10
    child = int((tmp_path / "bin" / "log.child").read_text(encoding="utf-8"))
    for _ in range(50):
        if not alive(child):
            break
        time.sleep(0.1)
    assert not alive(child)
    # Its home was the temporary folder, removed with it: no settings or crash reports kept.
    home = (tmp_path / "bin" / "log.home").read_text(encoding="utf-8")
    assert home.startswith(str(temp_root)) and not Path(home).exists()
    assert list(temp_root.iterdir()) == []


def alive(pid: int) -> bool:
    """Whether `pid` is still running (a zombie waiting for its parent counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see processes")
def test_a_hanging_browser_is_stopped_with_its_children(tmp_path: Path, temp_root: Path) -> None:
    browser = fake_browser(tmp_path / "bin", HANGS)
    started = time.monotonic()
    with pytest.raises(PrintError) as caught:
        html_to_pdf("<p>Alex Moreno</p>", browser, timeout=1)
    assert time.monotonic() - started < 15
    assert str(caught.value) == (
        f"{browser} did not print the PDF within 1 seconds; nothing was written (try again, "
        "or export HTML and print it)"
    )
    assert list(temp_root.iterdir()) == []  # page, profile and partial output all gone
    child = int((tmp_path / "bin" / "log.child").read_text(encoding="utf-8"))
    for _ in range(50):
        if not alive(child):
            break
        time.sleep(0.1)
    assert not alive(child)  # what the browser started is stopped too


def test_guide_to_pdf_through_the_browser(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    browser = fake_browser(tmp_path / "bin", PRINTS, name="anything")
    env = {"KPIPREP_BROWSER": str(browser)}
    result = run("guide", "kpi", "--candidate", "Alex Moreno", "--export", "guide.pdf", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote guide.pdf\n" and result.stdout == ""
    pdf = tmp_path / "guide.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-1.7 fake")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600  # it names a candidate
    page = (tmp_path / "bin" / "log.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Alex Moreno" in page
    assert list(temp_root.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "guide.pdf", "tmp"]

    # An existing file is refused before the browser runs, and kept.
    (tmp_path / "bin" / "log.args").unlink()
    again = run("guide", "kpi", "--export", "guide.pdf", env=env)
    assert again.exit_code == 1
    assert again.stderr == "error: guide.pdf already exists; use --force to replace it\n"
    assert not (tmp_path / "bin" / "log.args").exists()
    forced = run("guide", "okr", "--export", "guide.pdf", "--force", env=env)
    assert forced.exit_code == 0 and "OKR" in (tmp_path / "bin" / "log.html").read_text("utf-8")

    # A failing browser: one clear line, the old file untouched, no temporary file.
    before = pdf.read_bytes()
    failing = fake_browser(tmp_path / "bad", FAILS)
    failed = run("guide", "--export", "guide.pdf", "--force", env={"KPIPREP_BROWSER": str(failing)})
    assert failed.exit_code == 1 and failed.stderr.count("\n") == 1
    assert failed.stderr.startswith(f"error: {failing} could not print the PDF (exit code 3)")
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "bin", "guide.pdf", "tmp"]
    assert list(temp_root.iterdir()) == []


def test_scan_prints_its_guide_to_pdf(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cv = Path(__file__).parent / "data" / "scan" / "hr-analyst-cv.txt"
    monkeypatch.chdir(tmp_path)
    browser = fake_browser(tmp_path / "bin", PRINTS)
    result = run("scan", str(cv), "--guide", "--export", "cv-guide.pdf",
                 env={"KPIPREP_BROWSER": str(browser)})  # fmt: skip
    assert result.exit_code == 0 and result.stderr.endswith("wrote cv-guide.pdf\n"), result.output
    assert (tmp_path / "cv-guide.pdf").read_bytes().startswith(b"%PDF-1.7 fake")
    page = (tmp_path / "bin" / "log.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Interview guide:" in page
    assert list(temp_root.iterdir()) == []


def test_a_pdf_goes_to_a_file(run) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "--format", "pdf")
    assert result.exit_code == 2 and "a PDF is written to a file" in result.stderr


def test_a_panel_prints_one_pdf_per_interviewer(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    browser = fake_browser(tmp_path / "bin", PRINTS)
    result = run("guide", "kpi", "--panel", "2", "--candidate", "Alex Moreno", "--format", "pdf",
                 "--export", "panel", env={"KPIPREP_BROWSER": str(browser)})  # fmt: skip
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "panel").iterdir())
    assert written == ["1-interviewer-1.pdf", "2-interviewer-2.pdf", "coverage.pdf"]
    for name in written:
        assert (tmp_path / "panel" / name).read_bytes().startswith(b"%PDF-")
    assert list(temp_root.iterdir()) == []


def test_bytes_are_written_like_text(tmp_path: Path) -> None:
    from kpiprep.errors import ExportError
    from kpiprep.files import write_bytes

    target = tmp_path / "a.pdf"
    assert write_bytes(target, b"%PDF-1") == target and target.read_bytes() == b"%PDF-1"
    with pytest.raises(ExportError, match="already exists"):
        write_bytes(target, b"other")
    write_bytes(target, b"%PDF-2", force=True, mode=0o600)
    assert target.read_bytes() == b"%PDF-2" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == ["a.pdf"]
