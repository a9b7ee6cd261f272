"""Hostile files for `kpiprep scan`: one clear line each, exit 1, no traceback, and each run
bounded: under 2 seconds and 200 MB, measured on a fresh process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from docgen import docx, encrypted_pdf, lying_zip, pdf, zip_bomb

MAX_SECONDS = 2.0
MAX_MIB = 200
CV_LINES = ["Dana Whitfield", "Cut attrition by 15% with people analytics."]


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: str
    seconds: float
    mib: float


# The run is started from this small launcher, not from the test process: a child's peak
# memory as the kernel reports it starts from its parent's size at the fork, and pytest is
# larger than the limit being checked.
LAUNCHER = r"""
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(os.environ["KPIPREP_TEST_MEASURE"], "w") as handle:
    json.dump([os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss], handle)
"""


def measured(*args: str, stdin: Path | None = None) -> Run:
    """`kpiprep scan ARGS` in a new process: its exit code, output, wall time and peak memory."""
    import json
    import tempfile

    with (
        open(stdin or os.devnull, "rb") as source,
        tempfile.TemporaryDirectory() as folder,
    ):
        report = Path(folder) / "measure.json"
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, "-m", "kpiprep", "scan", *args],
            stdin=source,
            capture_output=True,
            env={**os.environ, "KPIPREP_TEST_MEASURE": str(report)},
            timeout=60,
            check=True,
        )
        code, seconds, kib = json.loads(report.read_text())
    return Run(code, done.stdout.decode(), done.stderr.decode(), seconds, kib / 1024)


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the library, as everyday use has: the runs measure the scan."""
    cache = tmp_path_factory.mktemp("hostile-cache")
    path = tmp_path_factory.mktemp("warm") / "cv.txt"
    path.write_text("KPIs\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KPIPREP_CACHE_DIR", str(cache))
        measured(str(path))
    return cache


@pytest.fixture(autouse=True)
def library_cache(warm_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPIPREP_CACHE_DIR", str(warm_cache))


def bounded(run: Run) -> None:
    assert run.seconds < MAX_SECONDS, f"took {run.seconds:.2f} s"
    assert run.mib < MAX_MIB, f"used {run.mib:.0f} MiB"
    assert "Traceback" not in run.stderr


def refused(tmp_path: Path, name: str, raw: bytes, message: str) -> None:
    """The file is refused in one line that starts with `message`."""
    path = tmp_path / name
    path.write_bytes(raw)
    run = measured(str(path))
    bounded(run)
    assert (run.code, run.stdout) == (1, "")
    assert run.stderr.startswith(f"error: {path}: {message}")
    assert run.stderr.count("\n") == 1 and run.stderr.endswith("\n")


def test_an_encrypted_pdf_with_a_password(tmp_path: Path) -> None:
    raw = encrypted_pdf(pdf([CV_LINES]), "secret")
    message = (
        "this PDF is protected by a password; open it, save or print an unprotected copy, "
        "and scan that"
    )
    refused(tmp_path, "cv.pdf", raw, message)


def test_an_encrypted_pdf_with_an_empty_password_is_scanned(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(encrypted_pdf(pdf([CV_LINES]), "", "AES-256"))
    run = measured(str(path))
    bounded(run)
    assert run.code == 0 and "Employee turnover rate" in run.stdout


def test_a_pdf_with_no_text_layer(tmp_path: Path) -> None:
    message = "this PDF is a scan with no text; run OCR on it first"
    refused(tmp_path, "scan.pdf", pdf([[], []]), message)


def test_a_corrupt_pdf(tmp_path: Path) -> None:
    raw = pdf([CV_LINES])
    refused(tmp_path, "cv.pdf", raw[: len(raw) // 2], "cannot read this PDF: ")


def test_a_zip_bomb_docx(tmp_path: Path) -> None:
    refused(tmp_path, "cv.docx", zip_bomb(300), "unpacks to 30")  # 300 MB and the rest
    stderr = measured(str(tmp_path / "cv.docx")).stderr
    assert (
        "MB, over the 40 MB kpiprep allows a .docx (a zip bomb?); refusing to unpack it" in stderr
    )


def test_a_zip_bomb_that_lies_about_its_size(tmp_path: Path) -> None:
    message = "a damaged Word (.docx) file: Bad CRC-32 for file 'word/document.xml'"
    refused(tmp_path, "cv.docx", lying_zip(300), message)


def test_a_zip_bomb_whose_lie_has_a_matching_checksum(tmp_path: Path) -> None:
    """Only the declared bytes are ever inflated; python-docx then reads those, and finds
    no document in them."""
    message = "cannot read this Word file; it is damaged or not a .docx"
    refused(tmp_path, "cv.docx", lying_zip(300, crc_of_prefix=True), message)


def test_a_truncated_docx(tmp_path: Path) -> None:
    raw = docx(CV_LINES)
    refused(tmp_path, "cv.docx", raw[: len(raw) // 2], "a damaged Word (.docx) file: ")


def test_a_binary_file_named_txt(tmp_path: Path) -> None:
    message = "a binary file, not text (kpiprep reads text, Markdown, PDF and .docx)"
    refused(tmp_path, "cv.txt", os.urandom(4096).replace(b"\0", b"\1") + b"\0", message)


def test_a_50_mb_file(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    with open(path, "wb") as handle:
        handle.write(b"KPIs and OKRs\n" * (50 * 1024 * 1024 // 14))
    message = "larger than 20 MB; kpiprep scans files up to that size"
    run = measured(str(path))
    bounded(run)
    assert (run.code, run.stderr) == (1, f"error: {path}: {message}\n")
    piped = measured("-", stdin=path)  # standard input has no size to check first: read capped
    bounded(piped)
    assert (piped.code, piped.stderr) == (1, f"error: -: {message}\n")


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    raw = "Réduit le turnover de 15 %.\nKPIs, OKRs".encode("latin-1")
    message = "not UTF-8 text (byte 0xe9 on line 1); save it as UTF-8"
    refused(tmp_path, "cv.txt", raw, message)


def test_every_bad_file_in_one_batch_is_one_line_and_the_good_one_is_scanned(
    tmp_path: Path,
) -> None:
    files = {
        "locked.pdf": encrypted_pdf(pdf([CV_LINES]), "secret"),
        "scan.pdf": pdf([[]]),
        "half.pdf": pdf([CV_LINES])[:300],
        "bomb.docx": zip_bomb(100),
        "half.docx": docx(CV_LINES)[:2000],
        "binary.txt": b"\x7fELF\0\0\0",
        "latin.txt": "Café".encode("latin-1"),
        "good.txt": "\n".join(CV_LINES).encode(),
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    run = measured(*(str(tmp_path / name) for name in files), "--format", "json")
    bounded(run)
    assert run.code == 1
    errors = run.stderr.splitlines()
    assert len(errors) == len(files) - 1
    for line, name in zip(errors, files, strict=False):
        assert line.startswith(f"error: {tmp_path / name}: ")
    assert "cannot read this PDF: " in errors[2]
    assert "a damaged Word (.docx) file: " in errors[4]
    import json

    data = json.loads(run.stdout)
    assert [item["error"] is None for item in data] == [False] * 7 + [True]
    assert [t["slug"] for t in data[-1]["terms"]] == ["employee-turnover-rate", "people-analytics"]
