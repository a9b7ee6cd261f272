"""PDF from HTML: a Chromium-family browser found on the machine prints the page.

The page may name a candidate, so it is printed from a private temporary folder that is
removed whatever happens (a failure, a hang, Ctrl-C); the browser runs in a fresh, empty
profile in that folder and is stopped with every process it started.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kpiprep.errors import ExportError

if TYPE_CHECKING:
    import subprocess

ENV = "KPIPREP_BROWSER"
# Names on PATH, most common first: Debian and Fedora's Chromium, Ubuntu's, Google Chrome,
# Microsoft Edge (msedge on Windows), and Chrome's own launcher names.
NAMES = (
    "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
    "microsoft-edge", "microsoft-edge-stable", "msedge",
)  # fmt: skip
# Where the installers put them when they are not on PATH.
MAC_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
WINDOWS_APPS = (
    ("PROGRAMFILES", r"Google\Chrome\Application\chrome.exe"),
    ("PROGRAMFILES(X86)", r"Google\Chrome\Application\chrome.exe"),
    ("LOCALAPPDATA", r"Google\Chrome\Application\chrome.exe"),
    ("PROGRAMFILES(X86)", r"Microsoft\Edge\Application\msedge.exe"),
    ("PROGRAMFILES", r"Microsoft\Edge\Application\msedge.exe"),
)
# A fresh headless browser that asks nothing, fetches nothing and leaves nothing behind.
FLAGS = (
    "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--no-pdf-header-footer", "--disable-breakpad",
    "--disable-crash-reporter",
)  # fmt: skip
TIMEOUT = 60.0  # seconds; a guide prints in one or two


class BrowserNotFound(ExportError):
    """No browser to print with: says what to install, or to export HTML instead."""


class PrintError(ExportError):
    """The browser ran but gave no PDF (it failed, crashed or hung); nothing was written."""


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_browser(environ: Mapping[str, str] | None = None) -> Path:
    """The browser to print with: the one `KPIPREP_BROWSER` names (a path or a command on
    PATH), else the first Chromium-family browser installed."""
    environ = os.environ if environ is None else environ
    search_path = environ.get("PATH", os.defpath)
    named = environ.get(ENV, "").strip()
    if named:
        found = shutil.which(named, path=search_path)
        if found is None and _executable(Path(named).expanduser()):
            found = str(Path(named).expanduser())
        if found is None:
            raise BrowserNotFound(
                f"{ENV} names {named!r}, which is not a browser that can be run; give the "
                "path of Chromium, Google Chrome or Microsoft Edge, or unset it"
            )
        return Path(found)
    for name in NAMES:
        found = shutil.which(name, path=search_path)
        if found is not None:
            return Path(found)
    places: list[Path] = []
    if sys.platform == "darwin":
        places = [Path(app) for app in MAC_APPS]
    elif sys.platform == "win32":
        places = [Path(environ[var]) / tail for var, tail in WINDOWS_APPS if environ.get(var)]
    for place in places:
        if _executable(place):
            return place
    raise BrowserNotFound(
        "no browser to print the PDF with: install Chromium (Debian and Ubuntu: "
        "apt install chromium), Google Chrome or Microsoft Edge, or name one with "
        f"{ENV}=/path/to/browser; or export HTML (--export guide.html) and print it"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the browser and every process it started (they share its process group)."""
    import signal
    import subprocess

    if sys.platform != "win32":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.poll() is None:
        process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _remove(folder: Path) -> None:
    """Remove the temporary folder; a browser process still closing may add a file to its
    profile meanwhile, so try again once."""
    import time

    for attempt in range(3):
        shutil.rmtree(folder, ignore_errors=attempt == 2)
        if not folder.exists():
            return
        time.sleep(0.2)


def _last_line(output: bytes) -> str:
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    return f" ({lines[-1][:200]})" if lines else ""


def _folder_root(browser: Path) -> Path | None:
    """Where the temporary folder goes: the system's temporary folder, except for a snap
    package (Ubuntu's Chromium), which sees a /tmp of its own but can read the home folder."""
    return Path.home() if str(browser).startswith("/snap/") else None


def html_to_pdf(html: str, browser: Path | None = None, *, timeout: float = TIMEOUT) -> bytes:
    """`html` printed to PDF (A4 or as its CSS says, without the browser's own header and
    footer); the bytes of the PDF. Raises BrowserNotFound or PrintError."""
    import subprocess
    import tempfile

    browser = browser or find_browser()
    folder = Path(tempfile.mkdtemp(prefix="kpiprep-print-", dir=_folder_root(browser)))  # 0700
    try:
        page, pdf, profile = folder / "page.html", folder / "page.pdf", folder / "profile"
        fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        profile.mkdir(mode=0o700)
        args = [str(browser), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
        args.append(page.as_uri())
        env = dict(os.environ)
        if _folder_root(browser) is None:
            # Its settings, caches and crash reports (a crash's memory holds the page, which
            # may name a candidate) go to the temporary folder too, and go with it. A snap
            # browser keeps the real home: it can write nowhere else.
            env |= {"HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "config"),
                    "XDG_CACHE_HOME": str(folder / "cache")}  # fmt: skip
        # Its messages go to a file: a pipe would be held open by any helper process the
        # browser leaves behind, and the wait would last until the timeout.
        log = folder / "browser.log"
        try:
            with open(log, "wb") as errors_to:
                process = subprocess.Popen(
                    args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=errors_to, cwd=folder, start_new_session=True, env=env,
                )  # fmt: skip
        except OSError as exc:
            raise PrintError(f"cannot run {browser}: {exc.strerror or exc}") from None
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PrintError(
                f"{browser} did not print the PDF within {timeout:g} seconds; nothing was "
                "written (try again, or export HTML and print it)"
            ) from None
        finally:
            _stop(process)
        errors = log.read_bytes()[-4096:]
        data = pdf.read_bytes() if pdf.is_file() else b""
        if process.returncode != 0 or not data.startswith(b"%PDF-"):
            why = f"exit code {process.returncode}" if process.returncode else "no PDF"
            raise PrintError(
                f"{browser} could not print the PDF ({why}){_last_line(errors)}; nothing "
                "was written"
            )
        return data
    finally:
        _remove(folder)
