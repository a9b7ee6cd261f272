"""A printable, self-contained HTML page made from the guide's Markdown.

markdown-it-py (which Rich already brings) renders the very Markdown the `.md` export
holds, with raw HTML switched off: content text was escaped for Markdown already, and
whatever HTML-like text remains comes out as text. Task-list items become real
checkboxes; CSS handles screen and print (page breaks between terms).
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
ul.checklist input { width: 1em; height: 1em; margin: 0 .6em 0 0; vertical-align: -.15em; }
h2.scorecard ~ table td:nth-child(3) { width: 38%; }
h2.scorecard ~ table td:nth-child(4) { white-space: nowrap; }
hr { border: 0; border-top: 1px solid #b8c2cc; margin-top: 2em; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2.term, h2.scorecard { break-before: page; }
  h2, h3, h4, h5 { break-after: avoid; }
  li, tr, blockquote { break-inside: avoid; }
}
"""


def _checkboxes(tokens: list[Any], checkbox_html: str) -> None:
    """Turn `[ ] ` at the start of a list item into a real checkbox.

    Only the Markdown renderer writes an unescaped `[ ]` there: content text had its
    brackets escaped, so it can never become a checkbox (or anything else).
    """
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2 or tokens[index - 2].type != "list_item_open":
            continue
        children = token.children or []
        if children and children[0].type == "text" and children[0].content.startswith("[ ] "):
            children[0].content = children[0].content[4:]
            box = type(children[0])("html_inline", "", 0)
            box.content = checkbox_html
            children.insert(0, box)
            for back in range(index - 1, -1, -1):
                if tokens[back].type == "bullet_list_open":
                    tokens[back].attrSet("class", "checklist")
                    break


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
    body = md.renderer.render(tokens, md.options, {})
    page_title = next(
        (_plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.tag == "h1"), "kpiprep"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(page_title)}</title>\n"
        f"<style>{CSS}{FIGURE_CSS if figures else ''}{_page_css(running_head)}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
