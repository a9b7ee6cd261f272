"""Reading CVs and job descriptions: formats told by content, lines as a reader counts them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from docgen import docx, encrypted_pdf, pdf
from kpiprep import documents
from kpiprep.documents import Document, DocumentError, parse_document, read_document

SCAN = Path(__file__).parent / "data" / "scan"


def test_text_lines_are_numbered_as_an_editor_numbers_them() -> None:
    doc = parse_document(b"one\r\ntwo\rthree\n\nfive\n", "cv.txt")
    assert doc == Document("cv.txt", "text", ("one", "two", "three", "", "five"))


def test_markdown_is_text_named_so() -> None:
    assert read_document(str(SCAN / "software-engineer-cv.md")).kind == "markdown"
    assert read_document(str(SCAN / "hr-analyst-cv.txt")).kind == "text"


def test_a_byte_order_mark_and_utf16_are_read() -> None:
    assert parse_document(codecs.BOM_UTF8 + "Café KPIs".encode(), "a").lines == ("Café KPIs",)
    utf16 = "Café KPIs\nline two".encode("utf-16")  # Notepad's "Unicode", with its mark
    assert parse_document(utf16, "a").lines == ("Café KPIs", "line two")


def test_terminal_escapes_and_zero_width_characters_are_dropped() -> None:
    raw = "Built \x1b[31mKPIs\x1b[0m\tfor K\u200bPI\u202e reports".encode()
    assert parse_document(raw, "a").lines == ("Built [31mKPIs[0m for KPI reports",)


def test_pdf_lines_and_pages() -> None:
    raw = pdf([["Senior HR Analyst – Leeds", "Cut attrition by 15%"], ["Built 12 KPIs (£2.4m)"]])
    doc = parse_document(raw, "cv.pdf")
    assert doc.kind == "pdf"
    assert doc.lines == (
        "Senior HR Analyst – Leeds",
        "Cut attrition by 15%",
        "Built 12 KPIs (£2.4m)",
    )
    assert doc.pages == (1, 3)
    assert [doc.page_of(n) for n in (1, 2, 3)] == [1, 1, 2]


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    disguised = tmp_path / "cv.txt"
    disguised.write_bytes(pdf([["Workforce planning lead"]]))
    assert read_document(str(disguised)).kind == "pdf"
    word = tmp_path / "cv.pdf"
    word.write_bytes(docx(["Workforce planning lead"]))
    assert read_document(str(word)).kind == "docx"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_with_an_empty_password_opens(algorithm: str) -> None:
    raw = encrypted_pdf(pdf([["People analytics lead"]]), "", algorithm)
    assert parse_document(raw, "cv.pdf").lines == ("People analytics lead",)


def test_docx_paragraphs_then_table_cells_in_order() -> None:
    raw = docx(
        ["Dana Whitfield", "Built 12 KPIs", ""],
        [["2019 - present", "Senior HR Analyst"], ["Skills", "OKRs, SQL"]],
    )
    doc = parse_document(raw, "cv.docx")
    assert doc.kind == "docx"
    assert doc.lines == (
        "Dana Whitfield", "Built 12 KPIs", "", "2019 - present", "Senior HR Analyst", "Skills",
        "OKRs, SQL",
    )  # fmt: skip


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_docx_text_boxes_once_and_line_breaks(tmp_path: Path) -> None:
    """Word keeps a text box twice (the box and a fallback copy); it is read once, after
    the paragraph that anchors it, and a manual line break starts a new line."""
    from docx import Document as new_docx
    from docx.oxml import parse_xml

    document = new_docx()
    anchor = document.add_paragraph("Profile")
    box = (
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent>'
        "<mc:Choice Requires='wps'><w:txbxContent><w:p><w:r><w:t>People analytics lead</w:t>"
        "</w:r></w:p></w:txbxContent></mc:Choice>"
        "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>People analytics lead</w:t></w:r></w:p>"
        "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(parse_xml(box))
    broken = document.add_paragraph("First line")
    broken.runs[0].add_break()
    broken.add_run("second\tline")
    path = tmp_path / "cv.docx"
    document.save(str(path))
    assert read_document(str(path)).lines == (
        "Profile",
        "People analytics lead",
        "First line",
        "second line",
    )


def test_stdin_is_read_with_the_same_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(b"KPIs and OKRs\n")

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert read_document("-") == Document("-", "text", ("KPIs and OKRs",))
    Stdin.buffer = io.BytesIO(b"x" * (documents.MAX_BYTES + 1))
    with pytest.raises(DocumentError, match="larger than 20 MB"):
        read_document("-")


def test_a_folder_or_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(str(tmp_path))
    with pytest.raises(DocumentError, match="cannot read: No such file"):
        read_document(str(tmp_path / "missing.pdf"))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Word \\(.doc\\) file"),
        (b"{\\rtf1\\ansi KPI}", "an RTF file"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "an image \\(PNG\\)"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "an image \\(JPEG\\)"),
        (b"ELF\0\0\0binary", "a binary file, not text"),
        ("Café".encode("latin-1") + b"\nKPIs", "not UTF-8 text \\(byte 0xe9 on line 1\\)"),
        (b"%PDF-1.4\ngarbage", "cannot read this PDF"),
        (b"PK\x03\x04garbage", "a damaged Word \\(.docx\\) file"),
    ],
)
def test_what_cannot_be_read_says_why(raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        parse_document(raw, "cv.txt")


def test_other_zip_files_are_named() -> None:
    import io
    import zipfile

    def archive(*names: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as handle:
            for name in names:
                handle.writestr(name, "x")
        return out.getvalue()

    with pytest.raises(DocumentError, match="an Excel workbook"):
        parse_document(archive("[Content_Types].xml", "xl/workbook.xml"), "cv.docx")
    with pytest.raises(DocumentError, match="a zip archive, not a Word document"):
        parse_document(archive("cv.txt"), "cv.docx")


def test_too_many_lines_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_LINES", 10)
    with pytest.raises(DocumentError, match="more than 10 lines"):
        parse_document(b"KPI\n" * 11, "cv.txt")
    with pytest.raises(DocumentError, match="more than 10 lines"):
        parse_document(pdf([["KPI"] * 6, ["OKR"] * 6]), "cv.pdf")
    with pytest.raises(DocumentError, match="more than 10 lines"):
        parse_document(docx(["KPI"] * 11), "cv.docx")


def test_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PAGES", 2)
    with pytest.raises(DocumentError, match="3 pages; kpiprep scans PDFs of up to 2 pages"):
        parse_document(pdf([["a"], ["b"], ["c"]]), "cv.pdf")


def test_a_slow_pdf_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_SECONDS", -1.0)
    with pytest.raises(DocumentError, match="took over"):
        parse_document(pdf([["a"]]), "cv.pdf")


def test_too_many_zip_members_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "ZIP_MAX_MEMBERS", 3)
    with pytest.raises(DocumentError, match="over 3 parts"):
        parse_document(docx(["KPI"]), "cv.docx")


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"", "the file is empty"), (b" \n\t\n", "the file is empty"), (docx([""]), "no text in it")],
)
def test_a_document_with_no_text_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        parse_document(raw, "cv.txt")
