"""JSON for scripts, every `--format json`: the validated content with the schema's keys in
order, library listings, search results, validate findings, sourcing parts and debriefs, as
UTF-8."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kpiprep.catalog import IndustryInfo, Record, by_term
from kpiprep.enums import Level
from kpiprep.report import Report
from kpiprep.search import Result
from kpiprep.sourcing import Sourcing
from kpiprep.term import Term, to_data

if TYPE_CHECKING:
    from kpiprep.debrief import Debrief
    from kpiprep.scan import Outcome, ScanResult


def dump(data: Any) -> str:
    """The one JSON writer: UTF-8 text as it is (not escaped), indented, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def explain_json(term: Term) -> str:
    return dump(to_data(term))


def questions_json(term: Term, levels: Sequence[Level]) -> str:
    data = to_data(term)
    return dump(
        {
            "slug": term.slug,
            "name": term.name,
            "full_name": term.full_name,
            "industry": term.industry,
            "levels": {
                level.value: {
                    "years": data["levels"][level.value]["years"],
                    "questions": data["questions"][level.value],
                }
                for level in levels
            },
        }
    )


def sourcing_json(parts: Sourcing) -> str:
    """`sourcing --format json`: the titles and keywords as searched, and the string."""
    return dump(
        {"titles": list(parts.titles), "keywords": list(parts.keywords), "query": parts.query}
    )


def list_json(records: Sequence[Record]) -> str:
    data: list[dict[str, Any]] = [
        {
            "slug": slug,
            "name": group[0].name,
            "full_name": group[0].full_name,
            "industries": [
                {
                    "industry": r.industry,
                    "industry_name": r.industry_name,
                    "origin": r.origin,
                    "folder": r.folder,
                    "path": r.path,
                }
                for r in group
            ],
        }
        for slug, group in by_term(records).items()
    ]
    return dump(data)


def search_json(results: Sequence[Result]) -> str:
    data = [
        {
            "slug": r.slug,
            "industry": r.industry,
            "name": r.name,
            "full_name": r.full_name,
            "score": r.score,
            "matches": [
                {
                    "field": hit.field,
                    "level": hit.level,
                    "text": hit.text,
                    "words": [hit.text[a:b] for a, b in hit.spans],
                }
                for hit in r.hits
            ],
        }
        for r in results
    ]
    return dump(data)


def report_json(report: Report) -> str:
    """`validate --format json`: every finding, with its severity."""
    return dump([finding.as_dict() for finding in report.findings])


def industries_json(found: Sequence[IndustryInfo]) -> str:
    """`industries --format json`: each industry's slug, name and number of terms."""
    return dump([info._asdict() for info in found])


def _scan_data(result: ScanResult) -> dict[str, Any]:
    doc = result.document
    if doc.pages:

        def at(line: int, **fields: Any) -> dict[str, Any]:
            return {"line": line, "page": doc.page_of(line), **fields}

    else:

        def at(line: int, **fields: Any) -> dict[str, Any]:
            return {"line": line, **fields}

    return {
        "format": doc.kind,
        "lines": len(doc.lines),
        "pages": len(doc.pages) if doc.pages else None,
        "vocabulary": result.vocabulary,
        "terms": [
            {
                "slug": found.slug,
                "industry": found.industry,
                "name": found.name,
                "full_name": found.full_name,
                "industry_name": found.industry_name,
                "mentions": len(found.mentions),
                "as_written": list(found.forms),
                "evidence": [at(e.line, text=e.text) for e in found.evidence],
                "claims": [
                    at(c.line, quantities=list(c.quantities), probe=c.probe, resume_phrase=c.phrase)
                    for c in found.claims
                ],
            }
            for found in result.terms
        ],
        "periods": [at(p.line, text=p.text, kind=p.kind) for p in result.periods],
        "jargon": [
            {"text": j.text, "kind": j.kind, "times": j.times, "lines": list(j.lines)}
            for j in result.jargon
        ],
    }


def scan_json(outcomes: Sequence[Outcome]) -> str:
    """`scan --format json`: a list with one object per file, in the order given, each on a
    line of its own (a batch of a hundred CVs stays quick to write and to grep); a file that
    failed has its error and nothing else."""
    objects = [
        json.dumps(
            {"file": item.name, "error": item.error}
            | (_scan_data(item.result) if item.result is not None else {}),
            ensure_ascii=False,
            check_circular=False,  # made of fresh lists and dicts here: no cycle to look for
        )
        for item in outcomes
    ]
    return "[\n" + ",\n".join(objects) + "\n]\n"


def debrief_json(debrief: Debrief) -> str:
    """`debrief --format json`: the merged ratings, disagreements, flags and tally."""
    raters = [r.name for r in debrief.raters]
    return dump(
        {
            "candidate": debrief.candidate,
            "role": debrief.role,
            "level": debrief.level.value if debrief.level else None,
            "average": debrief.average,
            "interviewers": [
                {
                    "name": r.name,
                    "seat": r.seat,
                    "file": r.path,
                    "date": r.card.date.isoformat(),
                    "rated": r.card.rated,
                    "questions": len(r.card.questions),
                    "recommendation": r.card.recommendation,
                    "reasons": r.card.reasons,
                    "average": r.average,
                }
                for r in debrief.raters
            ],
            "missing": list(debrief.missing),
            "recommendations": {choice: list(names) for choice, names in debrief.tally},
            "split_decision": debrief.split_decision,
            "terms": [
                {
                    "term": f"{t.slug}/{t.industry}",
                    "name": t.name,
                    "weight": t.weight,
                    "averages": dict(zip(raters, t.averages, strict=True)),
                    "spread": t.spread,
                    "discuss": t.discuss,
                }
                for t in debrief.terms
            ],
            "questions": [
                {
                    "id": q.id,
                    "question": q.question,
                    "ratings": {m.interviewer: m.rating for m in q.marks},
                    "asked": {m.interviewer: m.asked for m in q.marks},
                    "notes": {m.interviewer: m.notes for m in q.marks},
                    "spread": q.spread,
                    "discuss": q.discuss,
                    "listen_for": {point: list(who) for point, who in q.points},
                }
                for q in debrief.questions
            ],
            "red_flags": [f._asdict() for f in debrief.flags],
            "asked_by_nobody": [q.id for q in debrief.not_asked],
        }
    )
