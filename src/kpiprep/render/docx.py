"""A Word document (.docx) made from the guide's Markdown, with python-docx.

It reads the same markdown-it tokens as the printable page (render/html.py), so every
guide, scorecard, panel guide, coverage table and scan guide has a Word version. What Word
needs and Markdown cannot say is added here: Word's heading styles; tables with a border
on every cell (blank ones too) and columns as wide as what they hold, with room to write
where the cells are blank; the points to listen for and the rating boxes as checkbox
content controls (w14:checkbox, the boxes Word ticks with a click); the notes as bordered
boxes; a new page for each term after the first and for the scorecard; who is
interviewed, for what role, atop every page, and the page number below.

Content text only ever becomes the text of runs: python-docx escapes it for XML, and the
few characters XML cannot hold become U+FFFD. Checkboxes are made only where the guide
writes them itself, which content cannot imitate (its brackets and asterisks arrive
escaped, and the tokens keep the source as written).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kpiprep.render import wordml
from kpiprep.render.markdown import RATING_LINE, SCORE_BOXES
from kpiprep.render.wordml import BOX, pt

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph


def _plain(token: Any) -> str:
    """What an inline token shows, as text."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


# What a paragraph that comes just before introduces, and stays on the same page with.
_INTRODUCED = ("bullet_list_open", "ordered_list_open", "table_open", "blockquote_open")


class _Writer:
    """Walks the tokens and adds what each stands for to the document."""

    def __init__(self, doc: Document, guide: bool) -> None:
        self.doc = doc
        self.guide = guide
        self.container: Document | _Cell = doc
        self.fresh: Paragraph | None = None  # a new cell's own empty paragraph, to use first
        self.lists: list[bool] = []  # open lists, innermost last: ordered or not
        self.item_start = False
        self.first_term = True
        self.last_table = False
        self.ids = 0

    # Blocks

    def blocks(self, tokens: list[Any], start: int, stop: int) -> None:
        index = start
        while index < stop:
            token = tokens[index]
            kind = token.type
            end = index
            if token.nesting == 1 and kind not in ("list_item_open", "paragraph_open"):
                end = _close(tokens, index)
            if kind == "heading_open":
                self.heading(token.tag, tokens[index + 1])
            elif kind == "paragraph_open":
                paragraph = self.paragraph(tokens[index + 1])
                end = index + 2
                if end + 1 < stop and tokens[end + 1].type in _INTRODUCED:
                    paragraph.paragraph_format.keep_with_next = True  # "Listen for:" and its list
            elif kind == "list_item_open":
                self.item_start = True
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(kind == "ordered_list_open")
                self.blocks(tokens, index + 1, end)
                self.lists.pop()
            elif kind == "table_open":
                self.table(tokens[index:end])
            elif kind == "blockquote_open":
                self.box(tokens, index + 1, end)
            elif kind == "hr":
                rule = self.add_paragraph()
                rule.paragraph_format.space_before = pt(12)
                wordml.rule_above(rule)
            elif kind in ("fence", "code_block", "html_block"):
                paragraph = self.add_paragraph()
                self.run(paragraph, token.content.rstrip("\n")).font.name = "Consolas"
            index = end + 1

    def add_paragraph(self, style: str | None = None) -> Paragraph:
        self.last_table = False
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
            if style:
                paragraph.style = self.doc.styles[style]
            return paragraph
        return self.container.add_paragraph(style=style)

    def heading(self, tag: str, inline: Any) -> None:
        paragraph = self.add_paragraph(f"Heading {min(int(tag[1:]), 9)}")
        if self.guide and tag == "h2":
            text = _plain(inline)
            if text == "Scorecard":
                paragraph.paragraph_format.page_break_before = True
            elif not text.startswith(("Interview plan", "Rating scale")):
                # Every term after the first starts a new page, as on the printable page.
                paragraph.paragraph_format.page_break_before = not self.first_term
                self.first_term = False
        self.inline(paragraph, inline)

    def paragraph(self, inline: Any) -> Paragraph:
        depth = len(self.lists)
        if not depth:
            # Only the guide's own rating line is this exactly: content cannot write `**`.
            paragraph = self.add_paragraph()
            self.inline(paragraph, inline, boxes=inline.content == RATING_LINE)
            return paragraph
        if not self.item_start:
            paragraph = self.add_paragraph("List Continue")
            self.inline(paragraph, inline)
            return paragraph
        self.item_start = False
        # The guide's own task items only: a content `[ ]` arrives as `\[ \]`.
        if not inline.content.startswith("[ ] "):
            style = "List Number" if self.lists[-1] else "List Bullet"
            paragraph = self.add_paragraph(style + ("" if depth == 1 else f" {min(depth, 3)}"))
            paragraph.paragraph_format.space_after = pt(1)
            self.inline(paragraph, inline)
            return paragraph
        paragraph = self.add_paragraph()
        form = paragraph.paragraph_format
        form.left_indent = wordml.mm(7 * depth)
        form.first_line_indent = -wordml.mm(7)
        form.tab_stops.add_tab_stop(wordml.mm(7 * depth))
        form.space_after = pt(1)
        self.checkbox(paragraph)
        self.run(paragraph, "\t")
        self.inline(paragraph, inline, skip=4)
        return paragraph

    def table(self, tokens: list[Any]) -> None:
        rows: list[list[Any]] = []
        for token in tokens:
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                rows[-1].append(token)
        columns = len(rows[0])
        texts = [[_plain(cell) for cell in row] + [""] * (columns - len(row)) for row in rows]
        chars = wordml.widths(texts, wordml.TEXT_MM / wordml.CHAR_MM)
        table = self.new_table(len(rows), columns, [wordml.mm(w * wordml.CHAR_MM) for w in chars])
        wordml.heading_row(table)
        heads = [cell.content for cell in rows[0]]
        for number, row in enumerate(rows):
            for column, inline in enumerate(row[:columns]):
                paragraph = table.cell(number, column).paragraphs[0]
                paragraph.paragraph_format.space_after = pt(0)
                # The scorecard's rating cells, in the column the guide heads "Rating".
                boxes = number > 0 and heads[column] == "Rating" and inline.content == SCORE_BOXES
                self.inline(paragraph, inline, boxes=boxes, bold=number == 0)

    def new_table(self, rows: int, columns: int, widths: Sequence[Any]) -> Table:
        if self.last_table:  # two tables in a row would become one
            self.add_paragraph().paragraph_format.space_after = pt(0)
        self.fresh = None
        table = self.container.add_table(rows=rows, cols=columns)
        wordml.frame(table, widths)
        self.last_table = True
        return table

    def box(self, tokens: list[Any], start: int, stop: int) -> None:
        """A blockquote (notes, the reasons for the decision): a bordered box to write in."""
        table = self.new_table(1, 1, [wordml.mm(wordml.TEXT_MM)])
        outer, self.container = self.container, table.cell(0, 0)
        self.fresh = table.cell(0, 0).paragraphs[0]
        outer_lists, self.lists = self.lists, []
        self.blocks(tokens, start, stop)
        self.container, self.lists, self.fresh = outer, outer_lists, None
        self.last_table = True

    # Inline text

    def run(self, paragraph: Paragraph, text: str, bold: bool = False, italic: bool = False) -> Any:
        run = paragraph.add_run(wordml.clean(text))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        return run

    def checkbox(self, paragraph: Paragraph) -> None:
        self.ids += 1
        wordml.checkbox(paragraph, self.ids)

    def inline(
        self, paragraph: Paragraph, token: Any, *, boxes: bool = False, bold: bool = False,
        skip: int = 0,
    ) -> None:  # fmt: skip
        """The inline token's text as runs; `boxes`: each ☐ in it is a checkbox, `skip`: the
        characters of its first text that were turned into something else."""
        strong, italic = bold, False
        for child in token.children or []:
            kind = child.type
            if kind in ("strong_open", "strong_close"):
                strong = bold or kind == "strong_open"
            elif kind in ("em_open", "em_close"):
                italic = kind == "em_open"
            elif kind == "softbreak":
                self.run(paragraph, " ", strong, italic)
            elif kind == "hardbreak":
                paragraph.add_run().add_break()
            elif kind == "code_inline":
                self.run(paragraph, child.content, strong, italic).font.name = "Consolas"
            elif kind in ("text", "text_special", "html_inline"):
                text, skip = child.content[skip:], 0
                pieces = text.split(BOX) if boxes else [text]
                for number, piece in enumerate(pieces):
                    if number:
                        self.checkbox(paragraph)
                    if piece:
                        self.run(paragraph, piece, strong, italic)


def _close(tokens: list[Any], index: int) -> int:
    """The index of the token that closes the one at `index`."""
    level = tokens[index].level
    for end in range(index + 1, len(tokens)):
        if tokens[end].level == level and tokens[end].nesting == -1:
            return end
    return len(tokens) - 1


def to_docx(markdown: str, running_head: str | None = None, *, guide: bool = True) -> bytes:
    """A whole Word document rendering `markdown`, titled after its first heading;
    `running_head` is printed atop every page. A `guide` starts each term after the first,
    and the scorecard, on a new page."""
    from docx import Document as new_document
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    tokens = md.parse(markdown)
    title = next((_plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.tag == "h1"), "")
    doc = new_document()
    wordml.set_up(doc, title or "kpiprep", running_head)
    _Writer(doc, guide).blocks(tokens, 0, len(tokens))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
