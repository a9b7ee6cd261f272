"""The interview guide and the scorecard, as GitHub-flavoured Markdown.

One document for one or several terms: header fields, the time plan, the rating scale
(defined once), a section per term, and one scorecard at the end. `--scorecard-only`
gives the last part alone, as a one-page sheet.
"""

from __future__ import annotations

from kpiprep.interview import Interview, Item, clock
from kpiprep.render.markdown import (
    brief,
    bullets,
    document,
    escape,
    indicators_section,
    question_blocks,
    resume_section,
    title,
)
from kpiprep.term import Term, level_heading

RATING_SCALE = (
    ("1", "No evidence", "Misses the point, or only guesses; none of the listen-for points."),
    ("2", "Some evidence", "A few relevant points, but vague or second-hand; no real example."),
    ("3", "Good evidence", "Most listen-for points, backed by a concrete example of their own."),
    ("4", "Strong evidence", "All the points, with specific examples, results and lessons drawn."),
)
RECOMMENDATIONS = ("Strong no", "No", "Yes", "Strong yes")
SCORE_BOXES = "☐ 1 · ☐ 2 · ☐ 3 · ☐ 4"


def _level_text(interview: Interview) -> str:
    first = interview.terms[0]
    if len(interview.levels) == 1:
        return level_heading(first, interview.levels[0])
    return "All levels: " + ", ".join(level_heading(first, level) for level in interview.levels)


def _heading(interview: Interview) -> str:
    return ", ".join(title(term) for term in interview.terms)


def _header(interview: Interview) -> list[str]:
    industries = dict.fromkeys(term.industry_name for term in interview.terms)
    level_text = _level_text(interview)
    filled = level_text if len(interview.levels) == 1 else ""
    return [
        f"**Industry:** {', '.join(escape(i) for i in industries)} · **Level:** {level_text}",
        "| Interview | |\n| --- | --- |\n| **Candidate** | |\n| **Interviewer** | |\n"
        f"| **Date** | |\n| **Role** | |\n| **Level** | {filled} |",
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
    return [f"## Interview plan ({total} minutes)", "\n".join(rows)]


def _rating_table() -> str:
    rows = ["| Rating | Meaning |", "| --- | --- |"]
    rows += [f"| **{n} · {name}** | {meaning} |" for n, name, meaning in RATING_SCALE]
    return "\n".join(rows)


def _rating_scale() -> list[str]:
    return ["## Rating scale", "Rate every answer on the same scale:", _rating_table()]


def _term_section(term: Term, interview: Interview) -> list[str]:
    items = [item for item in interview.items if item.term is term]
    blocks = [f"## {title(term)}", f"*{escape(term.industry_name)}*"]
    blocks += ["### The term in brief", *brief(term)]
    blocks += ["### What to look for on the resume", *resume_section(term)]
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
        blocks += [
            "**Candidate:** ______________ · **Interviewer:** ______________ · "
            "**Date:** __________",
            f"**Terms:** {_heading(interview)} · **Level:** {_level_text(interview)}",
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


def guide_markdown(interview: Interview) -> str:
    """The interview guide: a document to print and fill in during the interview."""
    blocks = [f"# Interview guide: {_heading(interview)}", *_header(interview)]
    blocks += _schedule(interview)
    blocks += _rating_scale()
    for term in interview.terms:
        blocks += _term_section(term, interview)
    blocks += _scorecard(interview, alone=False)
    blocks.append(_footer(interview))
    return document(blocks)


def scorecard_markdown(interview: Interview) -> str:
    """The scorecard alone: one sheet to fill in during or right after the interview."""
    blocks = [f"# Scorecard: {_heading(interview)}", *_scorecard(interview, alone=True)[1:]]
    blocks.append(_footer(interview))
    return document(blocks)
