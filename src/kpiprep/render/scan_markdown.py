"""`kpiprep scan` as Markdown: the report of one or several documents, and a scanned
document's evidence for the guide built from it. Text from a document is always escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kpiprep.render.markdown import document, escape
from kpiprep.render.scan_text import KINDS, numbers, scan_summary, where
from kpiprep.term import display_name

if TYPE_CHECKING:
    from kpiprep.documents import Document
    from kpiprep.scan import Found, Ranked, ScanResult


def _evidence_list(found: Found, doc: Document) -> str:
    """The lines that show the term; under a line with a number in it, what to ask."""
    claims = {claim.line: claim for claim in found.claims}
    items = []
    for item in found.evidence:
        entry = f"- **Line {where(doc, item.line)}:** {escape(item.text)}"
        claim = claims.get(item.line)
        if claim:
            quantities = escape(", ".join(claim.quantities))
            entry += f"\n  - **Claim ({quantities}). Ask:** {escape(claim.probe)}"
        items.append(entry)
    return "\n".join(items)


def evidence_blocks(found: Found, doc: Document) -> list[str]:
    """A guide section: what the scanned document says of the term."""
    intro = f"*What {escape(doc.name)} says about {escape(found.name)}:*"
    return ["### From the scanned document", intro, _evidence_list(found, doc)]


def _table(header: str, rows: Iterable[str]) -> str:
    names = header.split("|")
    rule = "|".join(" ---: " if n.strip() in _NUMERIC else " --- " for n in names[1:-1])
    return "\n".join([header, f"|{rule}|", *rows])


_NUMERIC = ("#", "Mentions", "Times", "Terms", "Evidence")


def _scan_blocks(result: ScanResult, heading: str, depth: int) -> list[str]:
    doc, hashes = result.document, "#" * (depth + 1)
    blocks = [f"{heading}{escape(doc.name)}", f"*{escape(scan_summary(result))}*"]
    if result.terms:
        rows = (
            f"| {escape(display_name(f.name, f.full_name))} | {escape(f.industry_name)} | "
            f"{len(f.mentions)} | {numbers(f.lines)} | {escape(', '.join(f.forms))} |"
            for f in result.terms
        )
        header = "| Term | Industry | Mentions | Lines | As written |"
        blocks += [f"{hashes} Terms, most evidenced first", _table(header, rows)]
    for found in result.terms:
        blocks += [f"{hashes}# {escape(found.name)}", _evidence_list(found, doc)]
    if result.periods:
        periods = [f"- **Line {where(doc, p.line)}:** {escape(p.text)}" for p in result.periods]
        blocks += [f"{hashes} Experience periods, as written", "\n".join(periods)]
    if result.jargon:
        rows = (f"| {escape(j.text)} | {j.kind} | {j.times} | {numbers(j.lines)} |"
                for j in result.jargon)  # fmt: skip
        header = "| Word or phrase | Kind | Times | Lines |"
        blocks += [f"{hashes} Not in the library yet", _table(header, rows)]
    return blocks


def scan_markdown(rows: Sequence[Ranked]) -> str:
    """`scan --format markdown`: one report; for several files, the ranking first."""
    done = [row.outcome.result for row in rows if row.outcome.result is not None]
    if len(rows) == 1 and done:
        return document(_scan_blocks(done[0], "# Scan: ", 1))
    table = []
    for row in rows:
        name, result = escape(row.outcome.name), row.outcome.result
        if result is None:
            table.append(f"| | {name} | | | | failed: {escape(str(row.outcome.error))} |")
            continue
        terms = ", ".join(escape(found.name) for found in result.terms[:3])
        kind, count = KINDS[result.document.kind], len(result.terms)
        table.append(
            f"| {row.rank} | {name} | {kind} | {count} | {result.evidence_lines} | {terms} |"
        )
    header = "| # | File | Format | Terms | Evidence | Top terms |"
    ranked = "*Ranked by the library terms they evidence.*"
    blocks = [f"# Scan of {len(rows)} files", ranked, _table(header, table)]
    for result in done:
        blocks += _scan_blocks(result, "## ", 2)
    return document(blocks)
