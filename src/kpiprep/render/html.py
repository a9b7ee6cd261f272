"""A printable, self-contained HTML page made from the guide's Markdown.

markdown-it-py (which Rich already brings) renders the very Markdown the `.md` export
holds, with raw HTML switched off: content text was escaped for Markdown already, and
whatever HTML-like text remains comes out as text. Task-list items become real
checkboxes; CSS handles screen and print: a new page for each term and the scorecard, each
question with its checklist and notes on one page, no heading or label ending a page, the
scorecard's evidence column wide, the scorecard alone (a "sheet") set to fit one page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1d1d1f; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #2b6cb0; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.1em; margin-top: 1.3em; }
h4 { font-size: 1em; color: #2b6cb0; }
h5 { font-size: 1em; margin: 1.2em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; }
th, td { border: 1px solid #b8c2cc; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
blockquote { border: 1px solid #b8c2cc; border-radius: 4px; margin: .6em 0; padding: .2em .8em;
             min-height: 4em; color: #4a5568; }
ul.checklist { list-style: none; padding-left: .2em; }
ul.checklist li { padding-left: 1.6em; text-indent: -1.6em; }
ul.choices li { display: inline-block; margin-right: 2.5em; }
ul.checklist input { width: 1em; height: 1em; margin: 0 .6em 0 0; vertical-align: -.15em; }
table.scorecard { table-layout: fixed; }
table.scorecard th:nth-child(1) { width: 2.4em; }
table.scorecard th:nth-child(2) { width: 35%; }
table.scorecard th:nth-child(4) { width: 6.4em; }
table.scorecard td { height: 3.6em; }
table.scale td:first-child { white-space: nowrap; }
hr { border: 0; border-top: 1px solid #b8c2cc; margin-top: 2em; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2.term, h2.scorecard { break-before: page; }
  h1, h2, h3, h4, h5, p.with-next { break-after: avoid; }
  li, tr, blockquote, section.question, section.keep { break-inside: avoid; }
  section.closing { break-before: avoid; }
  p, li { orphans: 3; widows: 3; }
  body.sheet { font-size: 9.5pt; line-height: 1.35; }
  body.sheet h1 { font-size: 1.3em; margin-top: 0; }
  body.sheet h3 { margin: .9em 0 .3em; }
  body.sheet p, body.sheet table, body.sheet ul { margin: .45em 0; }
  body.sheet th, body.sheet td { padding: .2em .45em; }
  body.sheet blockquote p { margin: .25em 0; }
  body.sheet hr { margin-top: 1em; }
}
"""
BODY_SHEET = ' class="sheet"'


def _checkboxes(tokens: list[Any], checkbox_html: str) -> None:
    """Turn `[ ] ` at the start of a list item into a real checkbox.

    Only the Markdown renderer writes an unescaped `[ ]` there: content text had its
    brackets escaped, so it can never become a checkbox (or anything else). The raw source
    tells the two apart: escapes are resolved in the text children (`\\[ \\]` reads `[ ]`).
    """
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2 or tokens[index - 2].type != "list_item_open":
            continue
        children = token.children or []
        if not token.content.startswith("[ ] "):
            continue
        if children and children[0].type == "text" and children[0].content.startswith("[ ] "):
            children[0].content = children[0].content[4:]
            box = type(children[0])("html_inline", "", 0)
            box.content = checkbox_html
            children.insert(0, box)
            for back in range(index - 1, -1, -1):
                if tokens[back].type == "bullet_list_open":
                    tokens[back].attrSet("class", "checklist")
                    break


def _label(tokens: list[Any], index: int) -> bool:
    """Whether the paragraph opening at `index` is a label alone, such as **Listen for:**,
    which introduces what follows it and must not end a page."""
    children = [c for c in tokens[index + 1].children or [] if c.type != "text" or c.content]
    return (
        len(children) == 3
        and children[0].type == "strong_open"
        and children[1].content.endswith(":")
        and children[2].type == "strong_close"
    )


def _subtitle(tokens: list[Any], index: int) -> bool:
    """Whether the paragraph opening at `index` comes right under a title or part heading
    (the term's industry, the brief's summary), to be printed with what follows it."""
    before = tokens[index - 1] if index else None
    return (
        before is not None and before.type == "heading_close" and before.tag in ("h1", "h2", "h3")
    )


def _table_kind(tokens: list[Any], index: int) -> str | None:
    """The class of the table opening at `index`, from its headings: the scorecard's
    (# Question Evidence Rating) or the rating scale's (Rating Meaning)."""
    heads = [tokens[i + 1].content for i in range(index, min(index + 20, len(tokens)))
             if tokens[i].type == "th_open"]  # fmt: skip
    if heads[:3] == ["#", "Question", "Evidence"]:
        return "scorecard"
    return "scale" if heads == ["Rating", "Meaning"] else None


def _rating_boxes(tokens: list[Any], index: int) -> None:
    """In the scorecard table opening at `index`, let the rating boxes wrap only between
    2 and 3: two neat lines in a narrow column, leaving the width to the evidence."""
    for token in tokens[index:]:
        if token.type == "table_close":
            return
        for child in token.children or []:
            if child.type == "text" and child.content.startswith("☐ 1 · "):
                boxes = [
                    box.replace(" ", "\N{NO-BREAK SPACE}") for box in child.content.split(" · ")
                ]
                half = (len(boxes) + 1) // 2
                glue = "\N{NO-BREAK SPACE}·\N{NO-BREAK SPACE}"
                child.content = glue.join(boxes[:half]) + " · " + glue.join(boxes[half:])


def _choices(tokens: list[Any], index: int) -> bool:
    """Whether the checklist opening at `index` is a row of a few short choices (the
    recommendation: Strong no, No, Yes, Strong yes), printed on one line."""
    items = []
    for token in tokens[index + 1 :]:
        if token.type == "bullet_list_close" and token.level == tokens[index].level:
            break
        if token.type == "inline":
            items.append(_plain(token))
    return 2 <= len(items) <= 5 and all(len(item) <= 12 for item in items)


def _html_block(kind: type, content: str) -> Any:
    block = kind("html_block", "", 0)
    block.content = content
    return block


def _sections(tokens: list[Any]) -> list[Any]:
    """Wrap each question (an h5 and what follows: checklist, rating, notes) in a section
    printed on one page, and each other h3 part (the brief, the resume cues, the level's
    indicators, the red flags, the recommendation with the footer) in one kept whole where
    it fits: a page then holds whole parts, never the few last lines of one before a
    question too long to join them."""
    out: list[Any] = []
    open_: list[tuple[int, int]] = []  # (heading depth, where in `out` it starts)

    def close(depth: int, end: bool = False) -> None:
        while open_ and open_[-1][0] >= depth:
            level, start = open_.pop()
            inside = out[start:]
            questions = any(t.type == "heading_open" and t.tag == "h5" for t in inside)
            kind = "question" if level == 5 else None if questions else "keep"
            if kind == "keep" and end:
                # The last part (the decision, with the footer) is short: printed with the
                # part before it, never alone on the last page.
                kind, end = "keep closing", False
            if kind:
                out.insert(start, _html_block(type(inside[0]), f'<section class="{kind}">\n'))
                out.append(_html_block(type(inside[0]), "</section>\n"))

    for index, token in enumerate(tokens):
        if token.level == 0 and token.type == "heading_open":
            depth = int(token.tag[1])
            close(depth)
            if depth in (3, 5):
                open_.append((depth, len(out)))
        elif token.type == "paragraph_open" and (_label(tokens, index) or _subtitle(tokens, index)):
            token.attrSet("class", "with-next")
        elif token.type == "table_open" and (kind := _table_kind(tokens, index)):
            token.attrSet("class", kind)
            if kind == "scorecard":
                _rating_boxes(tokens, index)
        elif token.attrGet("class") == "checklist" and _choices(tokens, index):
            token.attrSet("class", "checklist choices")
        out.append(token)
    close(1, end=True)
    return out


def _plain(token: Any) -> str:
    """The text an inline token shows (Markdown escapes resolved)."""
    return "".join(child.content for child in token.children or [] if child.type == "text")


def css_string(text: str) -> str:
    """`text` as a CSS string: every character but letters, digits and spaces escaped, so
    no name can end the string, the rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


FIGURE_CSS = """figure.chart { margin: .6em 0; }
figure.chart svg { width: 100%; height: auto; }
@media print { figure.chart { break-inside: avoid; } }
"""


def _page_css(running_head: str | None) -> str:
    """Print rules that repeat `running_head` (who the page is about) atop every page, and
    number the pages; browsers that print CSS page margins (Chromium does) show them."""
    if not running_head:
        return ""
    return (
        "@page { @top-left { content: " + css_string(running_head) + "; font: 8pt system-ui, "
        'sans-serif; color: #4a5568; } @bottom-right { content: counter(page) " / " '
        "counter(pages); font: 8pt system-ui, sans-serif; color: #4a5568; } }\n"
    )


def _figures(tokens: list[Any], figures: Mapping[str, str]) -> None:
    """Put each figure (ready-made, escaped markup) right after the h2 heading it names:
    only kpiprep writes headings, since content text has its `#` escaped."""
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.type == "heading_close" and token.tag == "h2":
            figure = figures.get(tokens[index - 1].content)
            if figure is not None:
                block = type(token)("html_block", "", 0)
                block.content = f'<figure class="chart">\n{figure}</figure>\n'
                tokens.insert(index + 1, block)


def to_html(
    markdown: str,
    running_head: str | None = None,
    figures: Mapping[str, str] | None = None,
    *,
    guide: bool = True,
) -> str:
    """A whole HTML document rendering `markdown`, titled after its first heading;
    `running_head` is printed atop every page, `figures` go under the headings they name.
    A `guide` starts each term after the first, and the scorecard, on a new page."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    tokens = md.parse(markdown)
    _checkboxes(tokens, '<input type="checkbox">')
    _figures(tokens, figures or {})
    first_term = True
    for index, token in enumerate(tokens):
        if guide and token.type == "heading_open" and token.tag == "h2":
            text = tokens[index + 1].content
            if text == "Scorecard":
                token.attrSet("class", "scorecard")
            elif not text.startswith(("Interview plan", "Rating scale")):
                # Every term after the first starts a new printed page.
                if not first_term:
                    token.attrSet("class", "term")
                first_term = False
    page_title = next(
        (_plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.tag == "h1"), "kpiprep"
    )
    # The scorecard alone is a sheet: set a little tighter, to fit one page.
    sheet = guide and page_title.startswith("Scorecard: ")
    if guide:
        tokens = _sections(tokens)
    body = md.renderer.render(tokens, md.options, {})
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(page_title)}</title>\n"
        f"<style>{CSS}{FIGURE_CSS if figures else ''}{_page_css(running_head)}</style>\n</head>\n"
        f"<body{BODY_SHEET if sheet else ''}>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
