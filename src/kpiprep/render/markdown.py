"""Markdown (GFM) strings: `--format markdown`, the interview guide and the scorecard.

Content text is escaped so that it can never change the document's structure:
no heading, list, table cell, link, HTML tag or emphasis can come from a content file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kpiprep.enums import Level
from kpiprep.interview import RATING_SCALE, Header, Interview, Item, clock, tight, tight_note
from kpiprep.render.text import anchor_lines, resume_lines
from kpiprep.term import Question, Term, display_name, level_heading

if TYPE_CHECKING:
    from kpiprep.panel import Panel

# A guide's extra blocks for a term, keyed by (slug, industry): what a scanned CV says of it.
Notes = Mapping[tuple[str, str], Sequence[str]]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!{}])")
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto):|\bwww\.")
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")

KIND_LABELS = {
    "knowledge": "Knowledge",
    "situational": "Situational",
    "behavioural": "Behavioural",
}
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


def table_row(*cells: str) -> str:
    """A GFM table row; an empty cell is written `| |`, as the guide's own tables are."""
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def bullets(items: Iterable[str], *, checkbox: bool = False) -> str:
    mark = "- [ ] " if checkbox else "- "
    return "\n".join(mark + escape(item) for item in items)


def title(term: Term) -> str:
    shown = display_name(term.name, term.full_name, " (")
    return escape(shown) + (")" if shown != term.name else "")


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
        "**Phrases like these on a resume, and what to ask about each:**\n\n"
        + bullets(resume_lines(term)),
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
    """A question with what a good answer holds; in an interview guide, room to rate it too.

    Schema 2 questions add what they test, follow-up probes and their own rating anchors;
    a schema 1 question shows without them.
    """
    blocks = [f"{'#' * depth} Q{number}. {escape(question.question)}"]
    if question.kind and question.tests:
        blocks.append(f"*{KIND_LABELS[question.kind]} question. Tests:* {escape(question.tests)}")
    blocks.append(f"**A good answer:** {escape(question.expected_answer)}")
    if question.listen_for:  # a draft may have none yet (validate warns: KP103)
        blocks.append("**Listen for:**\n\n" + bullets(question.listen_for, checkbox=interview))
    if question.probes:
        blocks.append("**Follow-up probes:**\n\n" + bullets(question.probes))
    if question.anchors:
        blocks.append("**How to rate this answer:**\n\n" + bullets(anchor_lines(question)))
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


def explain_markdown(term: Term, others: Sequence[str] = ()) -> str:
    """`explain --format markdown`: the term overview; `others`: its other industries."""
    blocks = [f"# {title(term)}", f"**Industry:** {escape(term.industry_name)}"]
    blocks += brief(term)
    blocks.append("## On the resume")
    blocks += resume_section(term)
    blocks += ["## Where to find candidates", bullets(term.where_to_find)]
    blocks.append("## What each level should show")
    blocks += indicators_section(term, list(Level), checkbox=False, depth=3)
    blocks += ["## Red flags", bullets(term.red_flags)]
    blocks += see_also(term, others)
    return document(blocks)


def see_also(term: Term, others: Sequence[str]) -> list[str]:
    blocks = []
    if term.related:
        blocks.append("**See also:** " + ", ".join(escape(slug) for slug in term.related))
    if others:
        blocks.append("**Also in these industries:** " + ", ".join(escape(i) for i in others))
    return blocks


def questions_markdown(term: Term, levels: Sequence[Level]) -> str:
    """`questions --format markdown`: questions with what a good answer holds."""
    blocks = [f"# Interview questions: {title(term)}"]
    blocks += _questions(term, levels, depth=2, interview=False)
    return document(blocks)


# The interview guide: header fields, the time plan, the rating scale (defined once), a
# section per term, and one scorecard at the end; `--scorecard-only` gives the last part.

RECOMMENDATIONS = ("Strong no", "No", "Yes", "Strong yes")
SCORE_BOXES = "☐ 1 · ☐ 2 · ☐ 3 · ☐ 4"


def _level_text(interview: Interview) -> str:
    first = interview.terms[0]
    if len(interview.levels) == 1:
        return level_heading(first, interview.levels[0])
    return "All levels: " + ", ".join(level_heading(first, level) for level in interview.levels)


def _heading(interview: Interview) -> str:
    return ", ".join(title(term) for term in interview.terms)


def _row(label: str, value: str) -> str:
    return f"| **{label}** | {value} |" if value else f"| **{label}** | |"


def _panel_text(header: Header) -> str:
    """`2 of 3: Priya Shah, **Sam Lee**, Jo Park`: who else is on the panel, this one in bold."""
    names = [
        f"**{escape(name)}**" if number == header.seat else escape(name)
        for number, name in enumerate(header.panel, 1)
    ]
    return f"{header.seat} of {len(header.panel)}: " + ", ".join(names)


def _header(interview: Interview) -> list[str]:
    industries = dict.fromkeys(term.industry_name for term in interview.terms)
    level_text = _level_text(interview)
    filled = level_text if len(interview.levels) == 1 else ""
    head = interview.header
    date = head.date.isoformat() if head.date else None
    rows = [
        "| Interview | |\n| --- | --- |",
        _row("Candidate", escape(head.candidate or "")),
        _row("Interviewer", escape(head.interviewer or "")),
        _row("Date", date or ""),
        _row("Role", escape(head.role or "")),
        _row("Level", filled),
    ]
    if head.seat is not None:
        rows.append(f"| **Panel** | {_panel_text(head)} |")
    return [
        f"**Industry:** {', '.join(escape(i) for i in industries)} · **Level:** {level_text}",
        "\n".join(rows),
    ]


def _schedule(interview: Interview) -> list[str]:
    if not interview.schedule:
        return []
    total = sum(slot.minutes for slot in interview.schedule)
    rows = ["| Time | Minutes | Part |", "| --- | ---: | --- |"]
    for slot in interview.schedule:
        part = escape(slot.label)
        if slot.item is not None:
            part = f"Q{slot.item.number}. {escape(slot.item.question.question)}"
        rows.append(f"| {clock(interview, slot.start)} | {slot.minutes} | {part} |")
    rows.append(f"| {clock(interview, total)} | | End |")
    blocks = [f"## Interview plan ({total} minutes)", "\n".join(rows)]
    found = tight(interview)
    if found is not None:  # made of numbers and option names alone: nothing to escape
        blocks.append(f"**Tight:** {tight_note(found)}.")
    return blocks


def _rating_table() -> str:
    rows = ["| Rating | Meaning |", "| --- | --- |"]
    rows += [f"| **{n} · {name}** | {meaning} |" for n, name, meaning in RATING_SCALE]
    return "\n".join(rows)


def _rating_scale() -> list[str]:
    return [
        "## Rating scale",
        "Rate every answer on the same scale; where a question gives its own anchors "
        "(weak, solid, strong), rate against them:",
        _rating_table(),
    ]


def _term_section(term: Term, interview: Interview, notes: Notes) -> list[str]:
    items = [item for item in interview.items if item.term is term]
    blocks = [f"## {title(term)}", f"*{escape(term.industry_name)}*"]
    blocks += ["### The term in brief", *brief(term)]
    blocks += ["### What to look for on the resume", *resume_section(term)]
    blocks += notes.get((term.slug, term.industry), ())
    blocks.append("### Questions")
    if not items:
        blocks.append("*Every question of this term is already asked above.*")
    for level in interview.levels:
        chosen = [item for item in items if item.level is level]
        if chosen:
            blocks.append(f"#### {level_heading(term, level)}")
        for item in chosen:
            blocks += question_blocks(item.number, item.question, depth=5, interview=True)
    several = len(interview.levels) > 1
    blocks.append(
        "### What each level should show" if several else "### What the level should show"
    )
    blocks += indicators_section(term, interview.levels, checkbox=True, depth=4)
    # The red flags are a checklist on the scorecard, where they are ticked.
    return blocks


def _scorecard_row(item: Item, several_terms: bool) -> str:
    label = escape(item.question.question)
    if several_terms:
        label = f"{escape(item.term.name)}: {label}"
    return f"| Q{item.number} | {label} | | {SCORE_BOXES} |"


def _scorecard(interview: Interview, *, alone: bool) -> list[str]:
    several_terms = len(interview.terms) > 1
    blocks = ["## Scorecard"]
    if alone:
        head = interview.header
        blank = "______________"
        date = head.date.isoformat() if head.date else "__________"
        role = f"**Role:** {escape(head.role)} · " if head.role else ""
        blocks += [
            f"**Candidate:** {escape(head.candidate) if head.candidate else blank} · "
            f"**Interviewer:** {escape(head.interviewer) if head.interviewer else blank} · "
            f"**Date:** {date}",
            f"{role}**Terms:** {_heading(interview)} · **Level:** {_level_text(interview)}",
        ]
        blocks.append(_rating_table())  # alone, the sheet must define its scale itself
    rows = ["| # | Question | Evidence | Rating |", "| --- | --- | --- | --- |"]
    rows += [_scorecard_row(item, several_terms) for item in interview.items]
    blocks.append("\n".join(rows))
    flags = [
        f"{term.name}: {flag}" if several_terms else flag
        for term in interview.terms
        for flag in term.red_flags
    ]
    blocks += ["### Red flags observed", bullets(flags, checkbox=True)]
    blocks += ["### Overall recommendation", bullets(RECOMMENDATIONS, checkbox=True)]
    blocks.append("> **Reasons for the decision:**\n>\n> &nbsp;\n>\n> &nbsp;")
    return blocks


def _footer(interview: Interview) -> str:
    sources = "; ".join(
        f"{escape(t.slug)}/{escape(t.industry)}, last reviewed {t.last_reviewed.isoformat()}"
        for t in interview.terms
    )
    return f"---\n\n*Content: {sources}.*"


def guide_markdown(interview: Interview, notes: Notes | None = None) -> str:
    """The interview guide: a document to print and fill in during the interview."""
    blocks = [f"# Interview guide: {_heading(interview)}", *_header(interview)]
    blocks += _schedule(interview)
    blocks += _rating_scale()
    for term in interview.terms:
        blocks += _term_section(term, interview, notes or {})
    blocks += _scorecard(interview, alone=False)
    blocks.append(_footer(interview))
    return document(blocks)


def scorecard_markdown(interview: Interview) -> str:
    """The scorecard alone: one sheet to fill in during or right after the interview."""
    blocks = [f"# Scorecard: {_heading(interview)}", *_scorecard(interview, alone=True)[1:]]
    blocks.append(_footer(interview))
    return document(blocks)


def coverage_markdown(panel: Panel, header: Header, files: Sequence[str]) -> str:
    """Who asks what: each term and level against each interviewer's question numbers (as
    numbered in their own guide, `files`), with each one's share of questions and time."""
    from kpiprep.interview import minimum_minutes
    from kpiprep.panel import coverage

    interview = panel.interview
    names = [f"{seat.number} · {escape(seat.name)}" for seat in panel.seats]
    about = [f"**Level:** {_level_text(interview)}"]
    for label, value in (("Role", header.role), ("Candidate", header.candidate)):
        if value:
            about.insert(0, f"**{label}:** {escape(value)}")
    if header.date:
        about.append(f"**Date:** {header.date.isoformat()}")
    rows = [table_row("Term", "Level", *names), table_row("---", "---", *["---"] * len(names))]
    for row in coverage(panel):
        cells = [", ".join(f"Q{n}" for n in numbers) for numbers in row.numbers]
        rows.append(table_row(title(row.term), level_heading(row.term, row.level), *cells))
    rows.append(table_row("**Questions**", "", *(str(len(s.items)) for s in panel.seats)))
    if panel.minutes is not None:
        needs = [f"{panel.minutes} (needs {minimum_minutes(s.items)})" for s in panel.seats]
        rows.append(table_row("**Minutes**", "", *needs))
    rows.append(table_row("**Guide**", "", *(escape(f) for f in files)))
    count = len(interview.items)
    return document(
        [
            f"# Panel coverage: {_heading(interview)}",
            " · ".join(about),
            "\n".join(rows),
            f"Each of the {count} questions is asked by one interviewer, and every term is "
            "covered. Rate on the same scale (1 to 4); bring your scorecards to the debrief "
            "(`kpiprep debrief`).",
        ]
    )
