"""The Word export, read back with python-docx: checkbox content controls where the guide has
boxes, bordered tables with fitted columns, bordered notes boxes, heading styles, a new page
per term, the candidate and role atop every page, every question, and content kept as text;
then opened by LibreOffice (where installed): a sane page count, and real checkboxes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import frozen_library
from kpiprep.enums import Level
from kpiprep.interview import build
from kpiprep.render.docx import to_docx
from kpiprep.render.markdown import RATING_LINE, SCORE_BOXES

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
ROLE = "kind: role\ntitle: HR Analyst\nindustry: human-resources\nlevel: senior\nterms: [kpi, okr]"


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_content: None) -> Path:
    """A working folder with a role file in my-terms/roles; the frozen library."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-terms" / "roles").mkdir(parents=True)
    (tmp_path / "my-terms" / "roles" / "hr-analyst.yaml").write_text(ROLE + "\n", encoding="utf-8")
    return tmp_path


def guide(run, *args: str, name: str = "guide.docx") -> tuple[Any, str]:  # type: ignore[no-untyped-def]
    """The Word export of `kpiprep guide ARGS`, opened, and the same guide in Markdown."""
    result = run("--content-dir", "my-terms", "guide", *args, "--export", name)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {name}\n"
    markdown = run("--content-dir", "my-terms", "guide", *args).stdout
    return Document(name), markdown


def checkboxes(doc: Any) -> list[Any]:
    """The checkbox content controls (w:sdt with w14:checkbox) in the body."""
    return [sdt for sdt in doc.element.body.iter(qn("w:sdt"))
            if sdt.find(f"{qn('w:sdtPr')}/{W14}checkbox") is not None]  # fmt: skip


def expected_boxes(markdown: str) -> int:
    """The boxes the guide itself writes: each task item, and four per rating line and row."""
    rows = markdown.count(f"| {SCORE_BOXES} |\n")
    return markdown.count("\n- [ ] ") + 4 * (markdown.count(RATING_LINE) + rows)


def texts(element: Any) -> Iterator[str]:
    """The text of each paragraph under `element`, content controls included."""
    for paragraph in element.iter(qn("w:p")):
        parts = paragraph.iter(qn("w:t"), qn("w:tab"))
        yield "".join(e.text or "" if e.tag == qn("w:t") else "\t" for e in parts
                      if e.getparent().tag == qn("w:r"))  # fmt: skip


def tables(doc: Any) -> list[Any]:
    return list(doc.element.body.iter(qn("w:tbl")))


def first_row(table: Any) -> list[str]:
    row = table.find(qn("w:tr"))
    return ["".join(texts(cell)) for cell in row.iter(qn("w:tc"))]


def test_a_guide_in_word(run) -> None:  # type: ignore[no-untyped-def]
    doc, markdown = guide(run, "--role", "hr-analyst", "--candidate", "Alex Moreno")

    # The candidate and the role atop every page, the page number below.
    section = doc.sections[0]
    head = [p.text for p in section.header.paragraphs]
    assert head == ["Candidate: Alex Moreno · Role: HR Analyst"]
    instructions = [f.get(qn("w:instr")) for f in section.footer._element.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert doc.core_properties.title.startswith("Interview guide: KPI")
    assert doc.core_properties.author == ""
    assert doc.core_properties.created.year >= 2025  # not the template's 2013
    with zipfile.ZipFile("guide.docx") as archive:  # no preview picture of another document
        assert "docProps/thumbnail.jpeg" not in archive.namelist()

    # Heading styles, every question, and a new page for each term after the first.
    headings = [(p.style.name, p.text, p.paragraph_format.page_break_before)
                for p in doc.paragraphs if p.style.name.startswith("Heading")]  # fmt: skip
    assert headings[0][:2] == ("Heading 1", markdown.splitlines()[0][2:])
    second = {text: brk for style, text, brk in headings if style == "Heading 2"}
    assert second == {
        "Rating scale": None,
        "KPI (Key Performance Indicators)": False,
        "OKR (Objectives and Key Results)": True,
        "Scorecard": True,
    }
    library = frozen_library()
    items = build([library.find("kpi"), library.find("okr")], [Level.senior]).items
    questions = [text for style, text, _ in headings if style == "Heading 5"]
    assert questions == [f"Q{item.number}. {item.question.question}" for item in items]

    # Word checkboxes wherever the guide has a box; no box or "[ ]" left as a character.
    boxes = checkboxes(doc)
    assert len(boxes) == expected_boxes(markdown) > 4 * len(items)
    for sdt in boxes:
        box = sdt.find(f"{qn('w:sdtPr')}/{W14}checkbox")
        assert box.find(f"{W14}checked").get(f"{W14}val") == "0"
        assert box.find(f"{W14}uncheckedState").get(f"{W14}val") == "2610"
        assert "".join(t.text for t in sdt.iter(qn("w:t"))) == "☐"
    outside = [t.text for t in doc.element.body.iter(qn("w:t"))
               if "☐" in (t.text or "") and not list(t.iterancestors(qn("w:sdt")))]  # fmt: skip
    assert outside == []
    assert not any(text.startswith("[ ]") for text in texts(doc.element.body))
    (listen,) = [p for p in doc.paragraphs if p.text == "\tMeets stakeholders first"]
    assert checkboxes_in(listen) == 1  # the box, a tab to the hanging indent, the point

    # Every table has a border on every side and between all cells.
    for table in tables(doc):
        edges = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        sides = {qn(f"w:{s}") for s in ("top", "left", "bottom", "right", "insideH", "insideV")}
        assert {edge.tag for edge in edges} == sides
        assert all(edge.get(qn("w:val")) == "single" for edge in edges)
        assert table.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"

    # The scorecard: columns sized to what they hold, four boxes a row, its heading repeated.
    heads = ["#", "Question", "Evidence", "Rating"]
    (scorecard,) = [t for t in tables(doc) if first_row(t) == heads]
    widths = [int(c.get(qn("w:w"))) for c in scorecard.iter(qn("w:gridCol"))]
    number, question, evidence, rating = widths
    assert number < rating < question and number * 3 < evidence  # not all equal, as pandoc's
    rows = scorecard.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert [len(checkboxes_in_element(row)) for row in rows] == [0] + [4] * len(items)

    # Notes boxes: a bordered one-cell table for each question, and one for the decision.
    boxed = [first_row(t)[0] for t in tables(doc) if len(first_row(t)) == 1]
    assert boxed.count("Notes and evidence:\xa0\xa0\xa0") == len(items)
    assert boxed[-1] == "Reasons for the decision:\xa0\xa0"


def checkboxes_in(paragraph: Any) -> int:
    return len(checkboxes_in_element(paragraph._p))


def checkboxes_in_element(element: Any) -> list[Any]:
    return [sdt for sdt in element.iter(qn("w:sdt")) if list(sdt.iter(f"{W14}checkbox"))]


def test_the_scorecard_alone_has_no_page_break_and_its_boxes(run) -> None:  # type: ignore[no-untyped-def]
    doc, markdown = guide(run, "kpi", "okr", "--level", "mid", "--scorecard-only")
    assert [p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")] == [
        "Heading 1", "Heading 3", "Heading 3",
    ]  # fmt: skip
    assert not any(p.paragraph_format.page_break_before for p in doc.paragraphs)
    assert len(checkboxes(doc)) == expected_boxes(markdown)
    assert [p.text for p in doc.sections[0].header.paragraphs] == [""]  # nobody named


HOSTILE = {
    "What makes a good KPI?": SCORE_BOXES,  # a whole cell of "boxes" in the question column
    "Gives a concrete good KPI": "[ ] forged box",
    "Contrasts it with a poor, vague one": "**Rating (1-4):** ☐ 1 · ☐ 2 · ☐ 3 · ☐ 4",
    "Has never analysed data or used a reporting tool": "</w:t><w:sdt>&amp; <![CDATA[x]]> <b>",
}


def test_content_stays_literal_text(run, write_term, user_dir: Path, frozen_kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    text = frozen_kpi_text
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, '"' + new.replace('"', '\\"') + '"', 1)
    write_term(text)
    (user_dir / "roles").mkdir()
    result = run("--content-dir", str(user_dir), "guide", "kpi", "-l", "junior", "-o", "h.docx")
    assert result.exit_code == 0, result.output
    markdown = run("--content-dir", str(user_dir), "guide", "kpi", "-l", "junior").stdout
    doc = Document("h.docx")
    assert len(checkboxes(doc)) == expected_boxes(markdown)
    body = list(texts(doc.element.body))
    assert f"Q1. {SCORE_BOXES}" in body
    assert any(t.endswith("\t[ ] forged box") for t in body)  # after the guide's own box
    assert any(t.endswith("\t**Rating (1-4):** ☐ 1 · ☐ 2 · ☐ 3 · ☐ 4") for t in body)
    assert any("</w:t><w:sdt>&amp; <![CDATA[x]]> <b>" in t for t in body)
    literal = sum((t.text or "").count("☐") for t in doc.element.body.iter(qn("w:t"))
                  if not list(t.iterancestors(qn("w:sdt"))))  # fmt: skip
    # The question's four, in its heading and in its row, and the point's four: never boxes.
    assert literal == 3 * 4


def test_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    data = to_docx("# A \x01 title\n\nbad \x0b and \ud800 here, \x7f kept\n", "Candidate: \x02 X")
    (tmp_path / "x.docx").write_bytes(data)
    doc = Document(str(tmp_path / "x.docx"))
    shown = [p.text for p in doc.paragraphs]
    assert shown == ["A \ufffd title", "bad \ufffd and \ufffd here, \x7f kept"]
    assert doc.sections[0].header.paragraphs[0].text == "Candidate: \ufffd X"


def test_lists_tables_and_boxes_of_any_markdown(tmp_path: Path) -> None:
    markdown = (
        "# T\n\n- a\n  - nested\n- [ ] task\n\n1. one\n\n| x | |\n| --- | --- |\n"
        f"| long {'word ' * 30}| |\n\n> **Box:**\n>\n> - [ ] inside\n\n---\n\n`code` and *it*\n"
    )
    (tmp_path / "x.docx").write_bytes(to_docx(markdown, guide=False))
    doc = Document(str(tmp_path / "x.docx"))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("List Bullet", "a") in styles and ("List Bullet 2", "nested") in styles
    assert ("List Number", "one") in styles
    assert len(checkboxes(doc)) == 2  # the task, and the one inside the box
    grid, box = tables(doc)
    widths = [int(c.get(qn("w:w"))) for c in grid.iter(qn("w:gridCol"))]
    assert widths[0] > widths[1] > 0  # the long text gets more, the blank column room to write
    assert list(texts(box))[:2] == ["Box:", "☐\tinside"]


# LibreOffice, where installed (.ci/run installs it): the file opens, and its pages are sane.

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(here: Path, name: str, to: str) -> Path:
    done = subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={(here / 'lo-profile').as_uri()}",
         "--headless", "--convert-to", to, "--outdir", str(here / "converted"), name],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    out = here / "converted" / (Path(name).stem + "." + to)
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    return out


@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed (Debian package 'libreoffice-writer-nogui'); "
    ".ci/run installs it",
)
def test_libreoffice_opens_it_with_real_checkboxes_and_sane_pages(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    _, one_term = guide(run, "kpi", "--level", "senior", name="one.docx")
    _, sheet = guide(run, "kpi", "okr", "--level", "mid", "--scorecard-only", name="sheet.docx")
    _, two_terms = guide(run, "--role", "hr-analyst", name="two.docx")
    pages = {name: len(PdfReader(convert(here, f"{name}.docx", "pdf")).pages)
             for name in ("one", "sheet", "two")}  # fmt: skip
    assert 3 <= pages["one"] <= 8, pages
    assert pages["sheet"] == 1, pages
    assert pages["one"] < pages["two"] <= 16, pages
    # LibreOffice reads the boxes as checkbox content controls, not as characters.
    content = zipfile.ZipFile(convert(here, "one.docx", "odt")).read("content.xml").decode()
    assert content.count('loext:checkbox="true"') == expected_boxes(one_term)
