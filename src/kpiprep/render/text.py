"""The term and its questions as cards of labelled sections, and those cards as plain text.

The sections are the one description of what `explain` and `questions` show: the terminal
renderer draws them with Rich; piped output is laid out here, without importing Rich at
all, since a pipe needs neither colour nor box lines (and start-up stays light).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.enums import Level
from kpiprep.term import Question, Term, display_name, level_heading

if TYPE_CHECKING:
    # Types only: a term card, the common case, needs neither the catalog nor search.
    from kpiprep.catalog import IndustryInfo
    from kpiprep.search import Result


class Section(NamedTuple):
    """A labelled paragraph, or a labelled list whose items each get a mark."""

    label: str
    body: str | tuple[str, ...]
    mark: str = "•"


def title_text(term: Term) -> str:
    return f"{display_name(term.name, term.full_name)}  ({term.industry_name})"


def resume_lines(term: Term) -> list[str]:
    """Each resume phrase, with the probe that tests the claim where the file gives one."""
    return [
        f"{item.phrase} (ask: {item.probe})" if item.probe else item.phrase
        for item in term.resume_phrases
    ]


def anchor_lines(question: Question) -> list[str]:
    """The question's own anchors, as plain lines: '1 (weak): ...'."""
    anchors = question.anchors
    if anchors is None:
        return []
    return [
        f"1 (weak): {anchors.weak}",
        f"3 (solid): {anchors.solid}",
        f"4 (strong): {anchors.strong}",
    ]


def explain_sections(term: Term, others: Sequence[str] = ()) -> list[Section]:
    """The overview of a term: everything a recruiter needs before a screening call.

    `others` are the term's other industries, shown so that a reader knows they exist.
    """
    sections = [
        Section("Summary", term.summary),
        Section("Definition", term.definition),
        Section("Think of it as", term.analogy),
    ]
    if term.aliases:
        sections.append(Section("Also called", ", ".join(term.aliases)))
    sections += [
        Section("In practice", term.examples),
        Section("On a resume", tuple(resume_lines(term))),
        Section("Typical job title", term.typical_job_title),
        Section("Also search for", term.related_job_titles),
        Section("Where to find", term.where_to_find),
    ]
    sections += [
        Section(level_heading(term, level), term.levels.for_level(level).indicators)
        for level in Level
    ]
    sections.append(Section("Red flags", term.red_flags, "⚑"))
    if term.related:
        sections.append(Section("See also", ", ".join(term.related)))
    if others:
        sections.append(Section("Other industries", ", ".join(others)))
    return sections


def question_sections(number: int, question: Question) -> list[Section]:
    sections = [
        Section(f"Q{number}", question.question),
    ]
    if question.kind and question.tests:
        sections.append(Section("Tests", f"{question.tests} ({question.kind})"))
    sections += [
        Section("Good answer", question.expected_answer),
    ]
    if question.listen_for:
        sections.append(Section("Listen for", question.listen_for, "☐"))
    if question.probes:
        sections.append(Section("Follow up", question.probes, "→"))
    if question.anchors:
        sections.append(Section("Rate it", tuple(anchor_lines(question)), "·"))
    return sections


def cells(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` columns; a word longer than that is folded."""
    width = max(width, 8)
    words = text.split()
    if text.isascii() and all(len(word) <= width for word in words):
        return _wrap_ascii(words, width)  # the usual case, several times faster
    lines: list[str] = []
    line = ""
    for word in words:
        while cells(word) > width:  # fold a word that cannot fit on any line
            if line:
                lines.append(line)
                line = ""
            cut = len(word)
            while cells(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines or [""]


def _wrap_ascii(words: list[str], width: int) -> list[str]:
    """`wrap` for words of one column a character, none wider than a line."""
    lines: list[str] = []
    current: list[str] = []
    used = -1
    for word in words:
        if current and used + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, used = [word], len(word)
        else:
            current.append(word)
            used += 1 + len(word)
    if current:
        lines.append(" ".join(current))
    return lines or [""]


class Row(NamedTuple):
    """One line of a card: the label (on a section's first line), the mark, the text."""

    label: str
    mark: str
    text: str


def layout(sections: Sequence[Section], width: int) -> tuple[int, list[list[Row]]]:
    """The label column's width and each section's rows, for a card `width` columns wide
    (one column of margin on each side included)."""
    label_width = max(cells(s.label) for s in sections)
    text_width = width - label_width - 5
    laid: list[list[Row]] = []
    for section in sections:
        items = [section.body] if isinstance(section.body, str) else list(section.body)
        mark = " " if isinstance(section.body, str) else section.mark
        label = section.label
        rows = []
        for item in items:
            for index, line in enumerate(wrap(item, text_width)):
                rows.append(Row(label, mark if index == 0 else " ", line))
                label = ""
        laid.append(rows)
    return label_width, laid


def pad(text: str, width: int) -> str:
    return text + " " * (width - cells(text))


def card(sections: Sequence[Section], width: int) -> list[str]:
    """Label column, mark column, wrapped text; the wrapped lines hang under the text."""
    label_width, laid = layout(sections, width)
    return [
        f" {pad(row.label, label_width)} {row.mark} {row.text}".rstrip()
        for rows in laid
        for row in rows
    ]


def explain_text(term: Term, width: int, others: Sequence[str] = ()) -> str:
    lines = [title_text(term), *card(explain_sections(term, others), width)]
    return "\n".join(lines) + "\n"


def questions_text(term: Term, levels: Sequence[Level], width: int) -> str:
    lines = [title_text(term)]
    for level in levels:
        lines += ["", level_heading(term, level)]
        for number, question in enumerate(term.questions.for_level(level), 1):
            if number > 1:
                lines.append("")
            lines += card(question_sections(number, question), width)
    return "\n".join(lines) + "\n"


def industries_text(found: Sequence[IndustryInfo]) -> str:
    """Piped `industries`: slug, number of terms and name, tab-separated, one per line."""
    return "".join(f"{info.slug}\t{info.terms}\t{info.name}\n" for info in found)


def search_text(results: Sequence[Result], width: int, default_industry: str) -> str:
    """Piped `search`: each result's head on one line, then each match, labelled, with the
    words that matched between asterisks and wrapped lines hanging under the text."""
    from kpiprep.search import snippet

    lines: list[str] = []
    for number, result in enumerate(results, 1):
        head = f"{number}. {display_name(result.name, result.full_name)}"
        head += f"  ({result.industry_name})  {result.slug}"
        if result.industry != default_industry:
            head += f" --industry {result.industry}"
        lines.append(head)
        labels = [f"   {hit.field} ({hit.level}):" if hit.level else f"   {hit.field}:"
                  for hit in result.hits]  # fmt: skip
        label_width = max((cells(label) for label in labels), default=0)
        for label, hit in zip(labels, result.hits, strict=True):
            text, spans = snippet(hit)
            wrapped = wrap(_starred(text, spans), width - label_width - 1)
            for index, line in enumerate(wrapped):
                lines.append(f"{pad(label if index == 0 else '', label_width)} {line}")
    return "".join(line.rstrip() + "\n" for line in lines)


def _starred(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out += [text[position:start], "*", text[start:end], "*"]
        position = end
    out.append(text[position:])
    return "".join(out)
