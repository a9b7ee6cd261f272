"""CVs and job descriptions read as numbered lines: plain text, Markdown, PDF and Word (.docx).

The format is told by the content, not the file name: a PDF renamed .txt is read as a PDF,
and a binary file named .txt is refused. Every read is bounded (see the caps below), since a
folder of CVs from strangers is hostile input: a zip bomb, a 50 MB "CV", an encrypted PDF.
Nothing read here is cached or written anywhere.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
import time
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.errors import KpiprepError
from kpiprep.term import CONTROL_RE

if TYPE_CHECKING:
    import zipfile

MiB = 1024 * 1024
# The caps, documented in the README ("Scanning CVs and job descriptions").
MAX_BYTES = 20 * MiB  # a file, or standard input
MAX_PAGES = 2_000  # pages of a PDF
MAX_LINES = 200_000  # lines of text, whatever the format
MAX_SECONDS = 30.0  # reading one PDF, checked between pages
ZIP_MAX_MEMBERS = 2_000  # files inside a .docx
ZIP_MAX_UNPACKED = 40 * MiB  # their total size once unpacked (the zip bomb cap)

_NEWLINE = re.compile(r"\r\n|\r|\n")
_LETTER = re.compile(r"[^\W\d_]")
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) file; save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file; save it as .docx, PDF or plain text"),
    (b"\x89PNG", "an image (PNG); kpiprep reads text, not pictures: run OCR on it first"),
    (b"\xff\xd8\xff", "an image (JPEG); kpiprep reads text, not pictures: run OCR on it first"),
    (b"GIF8", "an image (GIF); kpiprep reads text, not pictures: run OCR on it first"),
)  # fmt: skip
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


class DocumentError(KpiprepError):
    """A file that cannot be scanned; the message says why in one line."""


class Document(NamedTuple):
    """A document's text as numbered lines (line n is lines[n - 1])."""

    name: str  # as the user gave it; '-' for standard input
    kind: str  # text, markdown, pdf or docx
    lines: tuple[str, ...]
    # For a PDF, the number of the first line of each page; empty for other formats.
    pages: tuple[int, ...] = ()

    def page_of(self, line: int) -> int | None:
        if not self.pages:
            return None
        import bisect

        return bisect.bisect_right(self.pages, line)


def read_document(name: str) -> Document:
    """The document at path `name`, or standard input for '-'."""
    raw = _read_stdin() if name == "-" else _read_file(name)
    return parse_document(raw, name)


def _too_big() -> DocumentError:
    return DocumentError(f"larger than {MAX_BYTES // MiB} MB; kpiprep scans files up to that size")


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise DocumentError("no standard input to read")
    raw: bytes = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_big()
    return raw


def _read_file(name: str) -> bytes:
    try:
        status = os.stat(name)
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(status.st_mode):
        raise DocumentError("is a folder; name the files in it (for example folder/*.pdf)")
    if stat.S_ISREG(status.st_mode) and status.st_size > MAX_BYTES:
        raise _too_big()  # refused before reading a byte of it
    try:
        with open(name, "rb") as handle:  # a pipe or /dev/stdin too: the user named it
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise _too_big()
    return raw


def parse_document(raw: bytes, name: str) -> Document:
    """Bytes -> Document, the format told by the content."""
    head = raw[:1024]
    if b"%PDF-" in head:
        kind, lines, pages = "pdf", *_pdf_lines(raw)
    elif raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind, lines, pages = "docx", _docx_lines(raw), []
    else:
        for magic, what in _MAGIC:
            if raw.startswith(magic):
                raise DocumentError(f"this is {what}")
        markdown = name.lower().endswith((".md", ".markdown"))
        kind, lines, pages = ("markdown" if markdown else "text"), _text_lines(raw), []
    if len(lines) > MAX_LINES:
        raise DocumentError(f"more than {MAX_LINES:,} lines; kpiprep scans documents up to that")
    if not any(line.strip() for line in lines):
        raise DocumentError("no text in it" if raw.strip() else "the file is empty")
    return Document(name, kind, tuple(lines), tuple(pages))


def _clean(text: str) -> str:
    # Characters that must not reach a terminal (escapes, bidirectional overrides) or that
    # hide inside words (zero-width): the rule of content files, but dropped here.
    return CONTROL_RE.sub("", text.replace("\t", " ")).rstrip(" ")


def _text_lines(raw: bytes) -> list[str]:
    """UTF-8 text (a byte-order mark is fine; so is UTF-16 with its mark, as Notepad saves)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError("not valid UTF-16 text, though it starts as such") from None
    else:
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if b"\x00" in raw:
            raise DocumentError(
                "a binary file, not text (kpiprep reads text, Markdown, PDF and .docx)"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DocumentError(
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); save it as UTF-8"
            ) from None
    if text.count("\n") >= MAX_LINES:  # before splitting a huge file into a huge list
        raise DocumentError(f"more than {MAX_LINES:,} lines; kpiprep scans documents up to that")
    return _split(text)


def _split(text: str) -> list[str]:
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    lines = _clean(text).split("\n")  # cleaned whole: one pass, not one per line
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the final newline ends the last line; it starts no new one
    return [line.rstrip() for line in lines]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _pdf_lines(raw: bytes) -> tuple[list[str], list[int]]:
    """The text layer of each page, as lines; the first line number of each page."""
    import logging
    import warnings

    # pypdf reports every oddity of a damaged file as a log line or warning: the user needs
    # one line per file, which the errors below give.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    deadline = time.monotonic() + MAX_SECONDS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_pdf(raw, deadline)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError("this PDF needs too much memory to read") from None
    except RecursionError:
        raise DocumentError("this PDF is nested too deeply to read") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files; none is a crash here
        raise DocumentError(f"cannot read this PDF: {_one_line(exc)}") from None


def _read_pdf(raw: bytes, deadline: float) -> tuple[list[str], list[int]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(raw), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise DocumentError(
                "this PDF is encrypted with a method kpiprep cannot open "
                "(it needs the 'cryptography' package)"
            ) from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise DocumentError(
                "this PDF is protected by a password; open it, save or print an unprotected "
                "copy, and scan that"
            )
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise DocumentError(f"{count:,} pages; kpiprep scans PDFs of up to {MAX_PAGES:,} pages")
    lines: list[str] = []
    pages: list[int] = []
    for page in reader.pages:
        if time.monotonic() > deadline:
            raise DocumentError(f"reading this PDF took over {MAX_SECONDS:.0f} seconds; gave up")
        pages.append(len(lines) + 1)
        lines += _split(page.extract_text() or "")
        if len(lines) > MAX_LINES:
            raise DocumentError(f"more than {MAX_LINES:,} lines; kpiprep scans up to that")
    if not any(_LETTER.search(line) for line in lines):
        raise DocumentError("this PDF is a scan with no text; run OCR on it first")
    return lines, pages


def _zip_kind(names: set[str], raw: bytes) -> str:
    if any(n.startswith("word/") for n in names):
        return "docx"
    if "mimetype" in names and b"opendocument" in raw[:200]:
        return "an OpenDocument file; save it as .docx or PDF"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, not a Word document"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint file, not a Word document"
    return "a zip archive, not a Word document"


def _docx_lines(raw: bytes) -> list[str]:
    """Every paragraph of the body, in order: text, table cells and text boxes alike."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise DocumentError(f"a .docx of over {ZIP_MAX_MEMBERS:,} parts; refusing it")
        unpacked = sum(member.file_size for member in members)
        if unpacked > ZIP_MAX_UNPACKED:
            raise DocumentError(
                f"unpacks to {unpacked / MiB:,.0f} MB, over the {ZIP_MAX_UNPACKED // MiB} MB "
                "kpiprep allows a .docx (a zip bomb?); refusing to unpack it"
            )
        kind = _zip_kind({member.filename for member in members}, raw)
        if kind != "docx":
            raise DocumentError(f"this is {kind}")
        package = _repacked(archive, members)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise DocumentError(f"a damaged Word (.docx) file: {_one_line(exc)}") from None
    try:
        from docx import Document as open_docx

        return _paragraphs(open_docx(package).element.body)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError("this Word file needs too much memory to read") from None
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
        raise DocumentError(
            f"cannot read this Word file; it is damaged or not a .docx ({_one_line(exc)})"
        ) from None


def _repacked(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> io.BytesIO:
    """The archive unpacked in small steps and packed again, uncompressed.

    The declared sizes cannot be trusted: Python's zipfile, asked for a whole member, inflates
    it in one piece before it cuts it to the declared size, so a member that lies about its
    size could fill the memory. Read in steps, no member yields more than it declares (past
    that, zipfile stops), and what python-docx then reads is exactly what was counted here.
    """
    import zipfile

    clean = io.BytesIO()
    total = 0
    with zipfile.ZipFile(clean, "w", zipfile.ZIP_STORED) as out:
        for member in members:
            if member.is_dir():
                continue
            chunks = []
            with archive.open(member) as source:
                while chunk := source.read(64 * 1024):
                    total += len(chunk)
                    if total > ZIP_MAX_UNPACKED:
                        raise DocumentError(
                            f"unpacks to over {ZIP_MAX_UNPACKED // MiB} MB (a zip bomb?); "
                            "refusing to unpack it"
                        )
                    chunks.append(chunk)
            out.writestr(member.filename, b"".join(chunks))
    clean.seek(0)
    return clean


def _paragraphs(body: object) -> list[str]:
    """Each w:p's own text (a text box's paragraphs are lines of their own), skipping the
    fallback copy Word keeps of every text box."""
    lines: list[str] = []
    tags = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen")
    for paragraph in body.iter(f"{W}p"):  # type: ignore[attr-defined]
        if any(True for _ in paragraph.iterancestors(_FALLBACK)):
            continue
        parts: list[str] = []
        for node in paragraph.iter(*tags):
            if next(node.iterancestors(f"{W}p")) is not paragraph:
                continue  # a nested text box's paragraph: a line of its own
            tag = node.tag[len(W) :]
            if tag == "t":
                parts.append(node.text or "")
            else:
                parts.append({"tab": " ", "noBreakHyphen": "-"}.get(tag, "\n"))
        lines += [_clean(line).rstrip() for line in "".join(parts).split("\n")]
        if len(lines) > MAX_LINES:
            raise DocumentError(f"more than {MAX_LINES:,} lines; kpiprep scans up to that")
    return lines
