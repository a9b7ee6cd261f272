"""Word's own parts, for render/docx.py: the page, the styles, borders, checkbox content
controls, page numbers, table column widths, and text that XML can hold.

python-docx is imported inside the functions: only a Word export loads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table
    from docx.text.paragraph import Paragraph

BOX = "\u2610"
_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# A4, with the margins of the printable page's @page rule.
PAGE_MM = (210, 297)
MARGINS_MM = (16, 15)  # top and bottom, left and right
TEXT_MM = PAGE_MM[0] - 2 * MARGINS_MM[1]
CHAR_MM = 2.1  # an average character of the body text, bold or not, for column widths
PAD = 3  # a cell's margins, in characters
WRITING = 24  # the least width of a column to write in, in characters
LINE = "B8C2CC"  # the printable page's border colour
HEAD_FILL = "EDF2F7"
GREY = "4A5568"
TABLE_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def clean(text: str) -> str:
    """`text` with the characters XML cannot hold (controls, lone surrogates) as U+FFFD."""
    return _XML_UNSAFE.sub("\ufffd", text)


def pt(points: float) -> Any:
    from docx.shared import Pt

    return Pt(points)


def mm(millimetres: float) -> Any:
    from docx.shared import Mm

    return Mm(millimetres)


def element(xml: str) -> BaseOxmlElement:
    """An element from its XML; `<NS>` in the first tag declares Word's namespaces."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(xml.replace("<NS>", nsdecls("w", "w14"), 1))


def insert(parent: BaseOxmlElement, child: BaseOxmlElement, before: Sequence[str]) -> None:
    """Put `child` in `parent` ahead of the first of the `before` tags there (Word reads
    properties only in the schema's order)."""
    from docx.oxml.ns import qn

    for tag in before:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def borders(tag: str, sides: Sequence[str]) -> BaseOxmlElement:
    edges = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="{LINE}"/>' for side in sides
    )
    return element(f"<{tag} <NS>>{edges}</{tag}>")


def rule_above(paragraph: Paragraph) -> None:
    """A line above the paragraph (Markdown's `---`)."""
    insert(paragraph._p.get_or_add_pPr(), borders("w:pBdr", ["top"]),
           ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"))  # fmt: skip


def checkbox(paragraph: Paragraph, ident: int) -> None:
    """A checkbox content control, as Word makes one: a box a click ticks."""
    paragraph._p.append(element(
        f'<w:sdt <NS>><w:sdtPr><w:id w:val="{ident}"/><w14:checkbox>'
        '<w14:checked w14:val="0"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
        '</w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" '
        'w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr>'
        f"<w:t>{BOX}</w:t></w:r></w:sdtContent></w:sdt>"
    ))  # fmt: skip


def widths(texts: list[list[str]], total: float) -> list[float]:
    """Column widths in characters, laid out as a browser lays out a table: each column at
    least its longest word, the rest shared by how much more each would take. A narrow
    column (a number, a label) and the rating boxes are never wrapped; a column with no
    heading, or nothing under its heading, is room to write, and gets the spare width."""
    body = texts[1:] or texts
    least, most, room = [], [], []
    for column in range(len(texts[0])):
        cells = [row[column] for row in texts]
        longest = max(len(cell) for cell in cells) + PAD
        word = max((len(w) for cell in cells for w in cell.split()), default=0) + PAD
        if longest <= total * 0.3 or any(BOX in cell for cell in cells):
            word = longest
        blanks = sum(not row[column].strip() for row in body)
        if not texts[0][column].strip() or blanks == len(body):
            word = longest = max(longest, WRITING)
        least.append(min(word, total / 2))
        most.append(max(longest, least[-1]))
        room.append(blanks > 0)
    if sum(most) <= total:
        takers = [c for c, blank in enumerate(room) if blank] or list(range(len(most)))
        share = sum(most[c] for c in takers)
        return [w + ((total - sum(most)) * w / share if c in takers else 0)
                for c, w in enumerate(most)]  # fmt: skip
    if sum(least) >= total:
        return [w * total / sum(least) for w in least]
    stretch = sum(m - w for m, w in zip(most, least, strict=True))
    return [w + (total - sum(least)) * (m - w) / stretch for m, w in zip(most, least, strict=True)]


def frame(table: Table, column_widths: Sequence[Any]) -> None:
    """Borders on every cell, blank ones too; the columns at `column_widths`, kept (a fixed
    layout) in Word and LibreOffice alike; no row split across two pages."""
    from docx.oxml.ns import qn

    table.autofit = False
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(int(w.twips) for w in column_widths)))
    insert(properties, borders("w:tblBorders", TABLE_SIDES),
           ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))  # fmt: skip
    for column, column_width in zip(table.columns, column_widths, strict=True):
        column.width = column_width
        for cell in column.cells:
            cell.width = column_width
    for row in table.rows:
        row._tr.get_or_add_trPr().append(element("<w:cantSplit <NS>/>"))


def heading_row(table: Table) -> None:
    """The first row shaded, and repeated atop each page the table runs onto."""
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(element("<w:tblHeader <NS>/>"))
    for cell in row.cells:
        fill = f'<w:shd <NS> w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/>'
        insert(cell._tc.get_or_add_tcPr(), element(fill), ("w:noWrap", "w:vAlign"))


def _field(paragraph: Paragraph, instruction: str) -> None:
    paragraph._p.append(element(f'<w:fldSimple <NS> w:instr="{instruction}"><w:r><w:t>1</w:t>'
                                "</w:r></w:fldSimple>"))  # fmt: skip


def set_up(doc: Document, title: str, running_head: str | None) -> None:
    """A4 pages, the body's font and spacing, the headings, the running head, the page
    numbers, and the document's title (and no author: python-docx's own is cleared)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = mm(PAGE_MM[0]), mm(PAGE_MM[1])
    section.top_margin = section.bottom_margin = mm(MARGINS_MM[0])
    section.left_margin = section.right_margin = mm(MARGINS_MM[1])
    section.header_distance = section.footer_distance = mm(7)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = pt(10)
    normal.paragraph_format.space_after = pt(4)
    normal.paragraph_format.line_spacing = 1.0
    sizes = ((0, 16), (14, 13), (10, 11.5), (8, 10.5), (8, 10.5))  # points: space before, size
    for level, (before, size) in enumerate(sizes, 1):
        heading = doc.styles[f"Heading {level}"]
        heading.paragraph_format.space_before = pt(before)
        heading.paragraph_format.space_after = pt(3)
        heading.font.size = pt(size)
    doc.styles["Heading 5"].font.bold = True
    for style in ("Header", "Footer"):
        doc.styles[style].font.size = pt(8)
        doc.styles[style].font.color.rgb = RGBColor.from_string(GREY)
    if running_head:
        section.header.paragraphs[0].add_run(clean(running_head))
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot.add_run("Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")
    # Word 2013 and later open the file in their own mode, not "compatibility mode".
    mode = doc.settings.element.find(f"{qn('w:compat')}/{qn('w:compatSetting')}")
    if mode is not None and mode.get(qn("w:name")) == "compatibilityMode":
        mode.set(qn("w:val"), "15")
    properties = doc.core_properties
    properties.title = clean(title)[:255]
    properties.author = properties.comments = properties.last_modified_by = ""
    # Made now, not when python-docx's template was (2013); written as UTC.
    properties.created = properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    # The template's preview picture shows another document: leave it out.
    relationships = doc.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            relationships.pop(key)
