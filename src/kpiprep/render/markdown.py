"""Markdown (GFM) strings: `--format markdown` and the interview guide.

Content text is escaped so that it can never change the document's structure:
no heading, list, table cell, link, HTML tag or emphasis can come from a content file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kpiprep.enums import Level
from kpiprep.term import Question, Term, level_heading

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!{}])")
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto):|\bwww\.")
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")

RATING_LINE = "**Rating (1-4):** ☐ 1 · ☐ 2 · ☐ 3 · ☐ 4"
NOTES = "> **Notes and evidence:**\n>\n> &nbsp;\n>\n> &nbsp;\n>\n> &nbsp;"


def escape(text: str) -> str:
    """Content text -> Markdown that shows exactly that text, on one line."""
    flat = " ".join(text.split())
    flat = _INLINE_SPECIAL.sub(r"\\\1", flat)
    # GitHub turns bare URLs into links; an escaped ':' or '.' keeps them plain text.
    flat = _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], flat)
    # A line that starts with "-", "+", "=" or "1." would open a list or underline a heading.
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


def bullets(items: Iterable[str], *, checkbox: bool = False) -> str:
    mark = "- [ ] " if checkbox else "- "
    return "\n".join(mark + escape(item) for item in items)


def title(term: Term) -> str:
    if term.full_name.casefold() == term.name.casefold():
        return escape(term.name)
    return f"{escape(term.name)} ({escape(term.full_name)})"


def brief(term: Term) -> list[str]:
    """The term in plain language: summary, definition, analogy, other names, examples."""
    blocks = [
        f"*{escape(term.summary)}*",
        escape(term.definition),
        f"**Think of it as:** {escape(term.analogy)}",
    ]
    if term.aliases:
        blocks.append("**Also called:** " + ", ".join(escape(a) for a in term.aliases))
    blocks.append("**In practice:**\n\n" + bullets(term.examples))
    return blocks


def resume_section(term: Term) -> list[str]:
    return [
        "**Phrases like these on a resume:**\n\n"
        + bullets(item.phrase for item in term.resume_phrases),
        f"**Typical job title:** {escape(term.typical_job_title)}",
        "**Also search for:** " + ", ".join(escape(t) for t in term.related_job_titles),
    ]


def indicators_section(
    term: Term, levels: Sequence[Level], *, checkbox: bool, depth: int
) -> list[str]:
    hashes = "#" * depth
    return [
        f"{hashes} {level_heading(term, level)}\n\n"
        + bullets(term.levels.for_level(level).indicators, checkbox=checkbox)
        for level in levels
    ]


def question_blocks(number: int, question: Question, *, depth: int, interview: bool) -> list[str]:
    """A question with what a good answer holds; in an interview guide, room to rate it too."""
    blocks = [
        f"{'#' * depth} Q{number}. {escape(question.question)}",
        f"**A good answer:** {escape(question.expected_answer)}",
    ]
    if question.listen_for:  # a draft may have none yet (validate warns: KP103)
        blocks.append("**Listen for:**\n\n" + bullets(question.listen_for, checkbox=interview))
    if interview:
        blocks.append(RATING_LINE)
        blocks.append(NOTES)
    return blocks


def _questions(term: Term, levels: Sequence[Level], *, depth: int, interview: bool) -> list[str]:
    blocks: list[str] = []
    for level in levels:
        blocks.append(f"{'#' * depth} {level_heading(term, level)}")
        for number, question in enumerate(term.questions.for_level(level), 1):
            blocks += question_blocks(number, question, depth=depth + 1, interview=interview)
    return blocks


def document(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def explain_markdown(term: Term) -> str:
    """`explain --format markdown`: the term overview."""
    blocks = [f"# {title(term)}", f"**Industry:** {escape(term.industry_name)}"]
    blocks += brief(term)
    blocks.append("## On the resume")
    blocks += resume_section(term)
    blocks += ["## Where to find candidates", bullets(term.where_to_find)]
    blocks.append("## What each level should show")
    blocks += indicators_section(term, list(Level), checkbox=False, depth=3)
    blocks += ["## Red flags", bullets(term.red_flags)]
    return document(blocks)


def questions_markdown(term: Term, levels: Sequence[Level]) -> str:
    """`questions --format markdown`: questions with what a good answer holds."""
    blocks = [f"# Interview questions: {title(term)}"]
    blocks += _questions(term, levels, depth=2, interview=False)
    return document(blocks)
