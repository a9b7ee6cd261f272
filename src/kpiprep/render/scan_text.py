"""`kpiprep scan` as plain text: the report of one document, the ranking of several, and a
role draft. The report is described once as styled lines: printed plain here, in colour by
kpiprep.render.terminal. Text from a scanned document is never markup in either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from kpiprep.render.text import cells, pad, wrap
from kpiprep.term import display_name

if TYPE_CHECKING:
    from kpiprep.documents import Document
    from kpiprep.scan import Ranked, ScanResult


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
