"""Documents made for the scan tests and benchmarks: PDFs written by hand, .docx with python-docx.

The PDF writer is the smallest that real readers accept: Helvetica text, one line per
text-line operator, an optional page with no text at all (as a scanned page has none).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

LINE_HEIGHT = 14
PAGE_LINES = 50


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # the font's WinAnsiEncoding
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: Sequence[str]) -> bytes:
    if not lines:  # a page with a drawing and no text, as a scanned page is to a reader
        return b"0.5 g 72 72 450 650 re f"
    body = [b"BT /F1 11 Tf %d TL 72 770 Td" % LINE_HEIGHT]
    body += [_pdf_string(line) + b" Tj T*" for line in lines]
    body.append(b"ET")
    return b"\n".join(body)


def pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF with one page per item of `pages`, each a list of text lines (empty: no text)."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content = _content(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * index)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def paged(lines: Sequence[str], per_page: int = PAGE_LINES) -> list[list[str]]:
    return [list(lines[i : i + per_page]) for i in range(0, len(lines), per_page)]


def encrypted_pdf(raw: bytes, user_password: str, algorithm: str = "AES-128") -> bytes:
    """`raw` encrypted; an empty user password opens it (only copying or printing is
    restricted, as many "protected" CVs are), any other does not."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word file: the paragraphs, then a table with one row per item of `table`."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A real .docx whose document part is replaced by `unpacked_mb` MB of zeros."""
    source = zipfile.ZipFile(io.BytesIO(docx(["A CV"])))
    out = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, source.read(info))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()


def lying_zip(unpacked_mb: int, declared: int = 1000, *, crc_of_prefix: bool = False) -> bytes:
    """A zip bomb whose headers declare its document part `declared` bytes long; with
    `crc_of_prefix`, the checksum is that of those bytes, so the lie is never caught."""
    import zlib

    raw = bytearray(zip_bomb(unpacked_mb))
    real = unpacked_mb * 1024 * 1024
    # The size is in the zip64 field of the local header (8 bytes) and in the central
    # directory (4 bytes, under 4 GiB): every copy is rewritten.
    swaps = [(real.to_bytes(w, "little"), declared.to_bytes(w, "little")) for w in (8, 4)]
    if crc_of_prefix:
        crc = 0
        for _ in range(unpacked_mb):
            crc = zlib.crc32(b"\0" * (1024 * 1024), crc)
        swaps.append(
            (crc.to_bytes(4, "little"), zlib.crc32(b"\0" * declared).to_bytes(4, "little"))
        )
    for old, new in swaps:
        assert raw.count(old) in (1, 2), old
        raw = raw.replace(old, new)
    return bytes(raw)
