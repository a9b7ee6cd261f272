"""The interview loop as plain text: the question being scored, and the debrief laid out
once as lines of styled segments (joined plain for a pipe, coloured for a terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpiprep.interview import RATING_SCALE
from kpiprep.render.text import Section, anchor_lines, card, cells, pad, wrap
from kpiprep.term import level_heading

if TYPE_CHECKING:
    from kpiprep.debrief import Debrief, QuestionRow, Rater
    from kpiprep.scoring import ShowQuestion


# Scoring: the question an interviewer is asking, with everything needed to score it.


def score_heading(shown: ShowQuestion) -> str:
    guide = shown.guide
    return (
        f"Question {shown.position} of {shown.total} · {guide.term.name} · "
        f"{level_heading(guide.term, guide.level)} · {shown.answer.id}"
    )


def score_sections(shown: ShowQuestion) -> list[Section]:
    """The question, what it tests, a good answer, probes, the numbered listen-for points
    (from the card), how to rate it (its anchors, else the scale) and the numbered red flags."""

    question = shown.guide.question
    sections = [Section("Question", shown.answer.question)]
    if question.kind and question.tests:
        sections.append(Section("Tests", f"{question.tests} ({question.kind})"))
    sections.append(Section("Good answer", question.expected_answer))
    if question.probes:
        sections.append(Section("Follow up", question.probes, "→"))
    points = tuple(f"{n}. {p}" for n, p in enumerate(shown.answer.listen_for, 1))
    if points:
        sections.append(Section("Listen for", points, "☐"))
    scale = anchor_lines(question) or [f"{n} ({name}): {what}" for n, name, what in RATING_SCALE]
    sections.append(Section("Rate it", tuple(scale), "·"))
    flags = tuple(f"{n}. {flag}" for n, flag in enumerate(shown.guide.term.red_flags, 1))
    sections.append(Section("Red flags", flags, "⚑"))
    return sections


def score_text(shown: ShowQuestion, width: int) -> str:
    return "\n".join(["", score_heading(shown), *card(score_sections(shown), width)]) + "\n"


# The debrief, laid out once as lines of styled segments: piped output joins the text, the
# terminal renderer (kpiprep.render.terminal) adds the styles.

Segment = tuple[str, str]  # text, style name ("" for none)
BAR_STEPS = 3  # characters per rating point


def _average(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _wrapped(label: str, text: str, width: int, style: str = "") -> list[list[Segment]]:
    """`label` then `text`, wrapped, the later lines hanging under the text."""
    indent = " " * cells(label)
    lines = wrap(text, width - cells(label))
    return [
        [(label, "label") if n == 0 else (indent, ""), (line, style)]
        for n, line in enumerate(lines)
    ]


def bar(rating: int | None, fill: str, empty: str) -> str:
    filled = (rating or 0) * BAR_STEPS
    return fill * filled + empty * (4 * BAR_STEPS - filled)


def _seat(rater: Rater) -> str:
    where = [f"seat {rater.seat}"] if rater.seat else []
    return f"{rater.name} ({', '.join([*where, rater.card.date.isoformat()])})"


def _debrief_head(debrief: Debrief, width: int) -> list[list[Segment]]:
    role = " · ".join(x for x in (debrief.role, debrief.level and debrief.level.label) if x)
    out = [[(f"Debrief: {debrief.candidate}" + (f" · {role}" if role else ""), "title")]]
    out += _wrapped("Scorecards: ", ", ".join(_seat(r) for r in debrief.raters), width)
    missing = ", ".join(debrief.missing)
    out += _wrapped("Missing: ", missing or "none", width, "flag" if missing else "")
    given = [f"{c.capitalize()} {len(n)} ({', '.join(n)})" for c, n in debrief.tally if n]
    if debrief.undecided:
        given.append(f"none yet from {', '.join(debrief.undecided)}")
    out += _wrapped("Recommendations: ", " · ".join(given), width)
    if debrief.split_decision:
        out.append([("! Split decision: some say yes, some no. Discuss.", "flag")])
    averages = ", ".join(f"{r.name} {_average(r.average)}" for r in debrief.raters)
    out += _wrapped("Weighted average: ", f"{_average(debrief.average)} ({averages})", width)
    out += [[], [("Ratings by term (1-4; ! ratings 2 or more apart: discuss)", "heading")]]
    for term in debrief.terms:
        pairs = zip(debrief.raters, term.averages, strict=True)
        text = " · ".join(f"{r.name} {_average(a)}" for r, a in pairs if a) or "not rated"
        if term.spread is not None:
            text += f" · spread {term.spread:.1f}" + (" ! discuss" if term.discuss else "")
        label = f"{term.name} (weight {term.weight}): "
        out += _wrapped(label, text, width, "flag" if term.discuss else "")
    return out


def _debrief_question(
    row: QuestionRow, width: int, name_width: int, fill: str, empty: str
) -> list[list[Segment]]:
    out: list[list[Segment]] = [[(f"{row.term} · {row.level.label} · {row.id}", "label")]]
    out += [[("  ", ""), (line, "")] for line in wrap(row.question, width - 2)]
    for mark in row.marks:
        line: list[Segment] = [(f"  {pad(mark.interviewer, name_width)} ", "")]
        if mark.rating is not None:
            line += [(bar(mark.rating, fill, empty), f"bar{mark.rating}"), (f" {mark.rating}", "")]
        else:
            line.append(("not asked" if mark.asked is False else "not rated", "dim"))
        if mark.points:
            line.append((f"  {mark.heard} of {mark.points} points heard", "dim"))
        out.append(line)
        if mark.notes:
            out += [[("    ", ""), (text, "dim")] for text in wrap(mark.notes, width - 4)]
    if row.discuss:
        out.append([(f"  ! ratings {row.spread} apart: discuss", "flag")])
    return out


def debrief_lines(
    debrief: Debrief, width: int, *, fill: str = "#", empty: str = "."
) -> list[list[Segment]]:
    """Everything the debrief says, as lines; `fill` and `empty` draw the rating bars."""
    out = _debrief_head(debrief, width)
    out += [[], [(f"Ratings by question ({fill} per point of 1-4)", "heading")]]
    name_width = max((cells(r.name) for r in debrief.raters), default=0)
    for row in debrief.questions:
        out += _debrief_question(row, width, name_width, fill, empty)
    if debrief.flags:
        out += [[], [("Red flags raised", "heading")]]
        for flag in debrief.flags:
            who = f"{flag.text} ({flag.interviewer}, {flag.question})"
            out += _wrapped("  ⚑ ", who, width, "flag")
    if debrief.not_asked:
        out += [[], [("Asked by nobody", "heading")]]
        for row in debrief.not_asked:
            out += _wrapped(f"  {row.id}: ", row.question, width)
    reasons = [r for r in debrief.raters if r.card.reasons]
    if reasons:
        out += [[], [("Reasons", "heading")]]
        for rater in reasons:
            choice = (rater.card.recommendation or "no recommendation").capitalize()
            out += _wrapped(f"  {rater.name} ({choice}): ", rater.card.reasons or "", width)
    return out


# Each style of the debrief: its Rich style, and the same as standard SGR codes, which every
# colour terminal reads. On a POSIX terminal the debrief is written with the codes directly:
# importing and laying out with Rich cost more than the rest of the command (benchmarks/loop.py).
DEBRIEF_STYLES = {
    "title": ("bold", "1"),
    "heading": ("bold magenta", "1;35"),
    "label": ("bold cyan", "1;36"),
    "flag": ("bold red", "1;31"),
    "dim": ("dim", "2"),
    "bar1": ("red", "31"),
    "bar2": ("yellow", "33"),
    "bar3": ("green", "32"),
    "bar4": ("bold green", "1;32"),
}


def debrief_ansi(debrief: Debrief, width: int, *, colour: bool) -> str:
    """The terminal view: bars drawn with blocks, and (with `colour`) styled."""
    out = []
    for line in debrief_lines(debrief, width, fill="█", empty="░"):
        for text, style in line:
            out.append(
                f"\x1b[{DEBRIEF_STYLES[style][1]}m{text}\x1b[0m" if colour and style else text
            )
        out.append("\n")
    return "".join(out)


def debrief_text(debrief: Debrief, width: int) -> str:
    lines = debrief_lines(debrief, width)
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)
