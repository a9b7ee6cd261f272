"""The debrief as Markdown (GFM), and the base of its printable HTML page.

A sibling of kpiprep.render.markdown (which would pass 400 lines with it), built from the
same escaping: names, notes and flags typed by interviewers are text, never structure.
"""

from __future__ import annotations

from kpiprep.debrief import Debrief, QuestionRow, TermRow
from kpiprep.render.markdown import document, escape, table_row

GLANCE = "Ratings at a glance"  # the HTML page puts its chart under this heading


def _average(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def bar(rating: int | None) -> str:
    return "" if rating is None else "█" * rating + "░" * (4 - rating) + f" {rating}"


def label(row: QuestionRow) -> str:
    return f"{escape(row.term)} · {row.level.label} Q{row.position}"


def _head(debrief: Debrief) -> list[str]:
    about = []
    if debrief.role:
        about.append(f"**Role:** {escape(debrief.role)}")
    if debrief.level:
        about.append(f"**Level:** {debrief.level.label}")
    about.append(f"**Panel average:** {_average(debrief.average)} (weighted, 1-4)")
    rows = [
        "| Interviewer | Seat | Date | Rated | Recommendation | Weighted average |",
        "| --- | ---: | --- | ---: | --- | ---: |",
    ]
    for r in debrief.raters:
        choice = (r.card.recommendation or "none yet").capitalize()
        rated = f"{r.card.rated} of {len(r.card.questions)}"
        date = r.card.date.isoformat()
        rows.append(table_row(escape(r.name), str(r.seat or ""), date, rated, choice,
                              _average(r.average)))  # fmt: skip
    blocks = [f"# Debrief: {escape(debrief.candidate)}", " · ".join(about), "## Scorecards"]
    blocks.append("\n".join(rows))
    if debrief.missing:
        names = ", ".join(escape(n) for n in debrief.missing)
        blocks.append(f"**Missing:** no scorecard yet from {names}.")
    elif any(r.card.panel for r in debrief.raters):
        blocks.append("Every interviewer on the panel has sent a scorecard.")
    return blocks


def _recommendations(debrief: Debrief) -> list[str]:
    rows = ["| Recommendation | Count | Who |", "| --- | ---: | --- |"]
    for choice, names in debrief.tally:
        rows.append(table_row(choice.capitalize(), str(len(names)), ", ".join(map(escape, names))))
    if debrief.undecided:
        who = ", ".join(map(escape, debrief.undecided))
        rows.append(table_row("None yet", str(len(debrief.undecided)), who))
    blocks = ["## Recommendations", "\n".join(rows)]
    if debrief.split_decision:
        blocks.append("**⚑ Split decision:** some interviewers say yes and some no. Discuss.")
    return blocks


def _who(debrief: Debrief, averages: tuple[float | None, ...]) -> str:
    pairs = zip(debrief.raters, averages, strict=True)
    return ", ".join(f"{escape(r.name)} {_average(a)}" for r, a in pairs if a is not None)


def _discuss(debrief: Debrief) -> list[str]:
    items = []
    for item in debrief.to_discuss:
        if isinstance(item, TermRow):
            items.append(
                f"- ⚑ **{escape(item.name)}**: term averages {_average(item.spread)} apart "
                f"({_who(debrief, item.averages)})"
            )
        else:
            marks = ", ".join(
                f"{escape(m.interviewer)} {m.rating}" for m in item.marks if m.rating is not None
            )
            items.append(f"- ⚑ **{label(item)}**: ratings {item.spread} apart ({marks})")
    return ["## To discuss", "\n".join(items) or "No ratings 2 or more apart."]


def _glance(debrief: Debrief) -> list[str]:
    names = [escape(r.name) for r in debrief.raters]
    rows = [table_row("Question", *names, "Spread"),
            table_row("---", *["---"] * len(names), "---:")]  # fmt: skip
    for row in debrief.questions:
        given = {m.interviewer: m for m in row.marks}
        cells = []
        for rater in debrief.raters:
            mark = given.get(rater.name)
            cells.append(bar(mark.rating) if mark and mark.rating else "not asked" if mark else "")
        spread = "" if row.spread is None else f"{'⚑ ' if row.discuss else ''}{row.spread}"
        rows.append(table_row(label(row), *cells, spread))
    return [f"## {GLANCE}", "\n".join(rows)]


def _terms(debrief: Debrief) -> list[str]:
    names = [escape(r.name) for r in debrief.raters]
    rows = [table_row("Term", "Weight", *names, "Spread"),
            table_row("---", "---:", *["---:"] * len(names), "---:")]  # fmt: skip
    for term in debrief.terms:
        spread = "" if term.spread is None else _average(term.spread)
        if term.discuss:
            spread = f"⚑ {spread}"
        averages = [_average(a) for a in term.averages]
        rows.append(table_row(escape(term.name), str(term.weight), *averages, spread))
    overall = [_average(r.average) for r in debrief.raters]
    rows.append(table_row("**Weighted average**", "", *overall, ""))
    return ["## Ratings by term", "\n".join(rows)]


def _evidence(row: QuestionRow) -> list[str]:
    blocks = [f"### {label(row)}: {escape(row.question)}", f"`{row.id}`"]
    rows = ["| Interviewer | Rating | Listen-for heard | Notes |", "| --- | --- | --- | --- |"]
    for mark in row.marks:
        rating = str(mark.rating) if mark.rating else "not asked" if mark.asked is False else "–"
        count = f"{mark.heard} of {mark.points}" if mark.points else ""
        rows.append(table_row(escape(mark.interviewer), rating, count, escape(mark.notes or "")))
    blocks.append("\n".join(rows))
    if row.points:
        heard = [
            f"- ☑ {escape(point)} ({', '.join(map(escape, who))})"
            if who
            else f"- ☐ {escape(point)}"
            for point, who in row.points
        ]
        found = sum(1 for _, who in row.points if who)
        blocks += [f"**Listen-for points heard:** {found} of {len(row.points)}", "\n".join(heard)]
    return blocks


def debrief_markdown(debrief: Debrief) -> str:
    """The whole debrief, for the panel's meeting: who said what, where they differ, why."""
    blocks = _head(debrief) + _recommendations(debrief) + _discuss(debrief)
    blocks += _glance(debrief) + _terms(debrief)
    blocks.append("## Questions and evidence")
    for row in debrief.questions:
        blocks += _evidence(row)
    flags = [
        f"- ⚑ {escape(f.text)} ({escape(f.interviewer)}, `{f.question}`)" for f in debrief.flags
    ]
    blocks += ["## Red flags raised", "\n".join(flags) or "None."]
    nobody = [f"- `{row.id}`: {escape(row.question)}" for row in debrief.not_asked]
    blocks += ["## Asked by nobody", "\n".join(nobody) or "Every question was asked."]
    reasons = [
        f"- **{escape(r.name)} ({(r.card.recommendation or 'none yet').capitalize()}):** "
        f"{escape(r.card.reasons)}"
        for r in debrief.raters
        if r.card.reasons
    ]
    if reasons:
        blocks += ["## Reasons for the recommendations", "\n".join(reasons)]
    return document(blocks)


def running_head(debrief: Debrief) -> str:
    """What every printed page repeats at its top."""
    parts = [f"Debrief: {debrief.candidate}"]
    if debrief.role:
        parts.append(debrief.role)
    return " · ".join(parts)
