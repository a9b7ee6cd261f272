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
    from kpiprep.documents import Document
    from kpiprep.scan import Ranked, ScanResult
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
    lines: list[str] = []
    line = ""
    for word in text.split():
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


# The scan report, described once as styled lines: printed plain here, in colour by
# kpiprep.render.terminal. Text from a scanned document is never markup in either.


class Styled(NamedTuple):
    style: str  # title, heading, term, label, probe, dim, or "" for plain
    text: str


KINDS = {"text": "text", "markdown": "Markdown", "pdf": "PDF", "docx": "Word"}


def where(document: Document, line: int) -> str:
    """A line as a reader finds it: in a PDF, with its page."""
    page = document.page_of(line)
    return f"{line} (p. {page})" if page else str(line)


def numbers(values: Sequence[int]) -> str:
    return ", ".join(str(value) for value in values)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def hanging(style: str, label: str, text: str, width: int, indent: int = 1) -> list[Styled]:
    """`label`, then `text` wrapped with its lines hanging under its first one."""
    lead = " " * indent + label + " "
    lines = wrap(text, width - cells(lead))
    return [Styled(style, (lead if i == 0 else " " * cells(lead)) + part)
            for i, part in enumerate(lines)]  # fmt: skip


def scan_summary(result: ScanResult) -> str:
    doc = result.document
    size = plural(len(doc.pages), "page") + ", " if doc.pages else ""
    found = plural(len(result.terms), "library term")
    return f"{doc.name} ({KINDS[doc.kind]}, {size}{plural(len(doc.lines), 'line')}): {found}"


def scan_lines(result: ScanResult, width: int) -> list[Styled]:
    """One document's report: terms with their lines, claims, periods, jargon."""
    doc = result.document
    out = [Styled("title", line) for line in wrap(scan_summary(result), width)]
    if result.terms:
        out += [Styled("", ""), Styled("heading", "Terms, most evidenced first")]
    for found in result.terms:
        lines = found.lines
        text = f"{found.slug} · {plural(len(found.mentions), 'mention')} on "
        text += f"{'line' if len(lines) == 1 else 'lines'} {numbers(lines)}"
        text += f" · as {', '.join(found.forms)}"
        out.append(Styled("term", f" {display_name(found.name, found.full_name)}"))
        out += hanging("dim", "", text, width, indent=2)
        label_width = max(len(where(doc, line)) for line in lines)
        for item in found.evidence:
            out += hanging("", where(doc, item.line).rjust(label_width), item.text, width, 3)
    claims = [(found, claim) for found in result.terms for claim in found.claims]
    if claims:
        out += [Styled("", ""), Styled("heading", "Claims to probe")]
    for found, claim in sorted(claims, key=lambda pair: pair[1].line):
        head = f"{', '.join(claim.quantities)} · {found.name}"
        out += hanging("label", f"line {where(doc, claim.line)}:", head, width)
        out += hanging("probe", "ask:", claim.probe, width, indent=3)
    if result.periods:
        out += [Styled("", ""), Styled("heading", "Experience periods, as written")]
    for period in result.periods:
        out += hanging("", f"line {where(doc, period.line)}:", period.text, width)
    if result.jargon:
        out += [Styled("", ""), Styled("heading", "Not in the library yet")]
    for word in result.jargon:
        times = f"{word.kind}, {plural(word.times, 'time')}"
        lines_text = "line" if len(word.lines) == 1 else "lines"
        out += hanging("", word.text, f"({times}; {lines_text} {numbers(word.lines)})", width)
    return out


def scan_text(results: Sequence[ScanResult], width: int) -> str:
    blocks = ["\n".join(line.text for line in scan_lines(result, width)) for result in results]
    return "\n\n".join(blocks) + "\n"


def top_terms(result: ScanResult, count: int = 2) -> str:
    names = [found.name for found in result.terms[:count]]
    more = len(result.terms) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def ranking_text(rows: Sequence[Ranked]) -> str:
    """Piped batch table: aligned columns, one file per line."""
    table = [("#", "File", "Terms", "Evidence", "Top terms")]
    for row in rows:
        name, result = row.outcome.name, row.outcome.result
        if result is None:
            table.append(("-", name, "", "", f"failed: {row.outcome.error}"))
            continue
        found, lines = str(len(result.terms)), str(result.evidence_lines)
        table.append((str(row.rank), name, found, lines, top_terms(result)))
    widths = [max(cells(cols[i]) for cols in table) for i in range(4)]
    out = ["Files ranked by the library terms they evidence"]
    for cols in table:
        left = [pad(cols[0], widths[0]), pad(cols[1], widths[1])]
        right = [" " * (widths[i] - cells(cols[i])) + cols[i] for i in (2, 3)]
        out.append("  ".join([*left, *right, cols[4]]).rstrip())
    return "\n".join(out) + "\n"


def role_yaml(
    result: ScanResult, *, level: str | None, minutes: int | None, industry: str | None
) -> str:
    """A role file draft from a job description: its terms and the guide command to run.

    Commented YAML for a person to check; the first line of the document is offered as the
    title, marked as such. Strings are JSON-quoted, which YAML reads as they are.
    """
    import json

    doc = result.document
    first = next((line.strip() for line in doc.lines if line.strip()), "")
    if 0 < len(first) <= 80:
        title = f"title: {json.dumps(first)}  # the document's first line: check it"
    else:
        title = 'title: ""  # TODO: the job title'
    counts: dict[str, int] = {}
    for found in result.terms:
        counts[found.industry] = counts.get(found.industry, 0) + 1
    main = industry or min(counts, key=lambda i: (-counts[i], i), default="human-resources")
    out = [
        f"# A role drafted by `kpiprep scan` from {json.dumps(doc.name)}: check every line.",
        "# The terms are the library terms the document mentions, most evidenced first;",
        "# delete those the role does not need.",
        title,
        f"industry: {main}",
        f"level: {level}" if level else "level: mid  # TODO: junior, mid or senior",
    ]
    if minutes:
        out.append(f"minutes: {minutes}")
    out.append("terms:" if result.terms else "terms: []  # no library term was found")
    for found in result.terms:
        where_ = f"{plural(len(found.mentions), 'mention')}, line"
        where_ += f"{'s' if len(found.lines) > 1 else ''} {numbers(found.lines)}"
        out.append(f"  - {found.slug}  # {found.name}: {where_}")
    if result.terms:
        command = ["kpiprep guide", *(found.slug for found in result.terms)]
        command.append(f"--level {level or 'mid'}")
        if minutes:
            command.append(f"--minutes {minutes}")
        if industry:
            command.append(f"--industry {industry}")
        out += [
            "",
            "# The interview guide for this role:",
            f"#   {' '.join(command)} --export guide.md",
        ]
    return "\n".join(out) + "\n"
