"""JSON for scripts: the validated content with the schema's keys in order, UTF-8."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kpiprep.enums import Level
from kpiprep.sourcing import Sourcing
from kpiprep.term import Term, to_data


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def explain_json(term: Term) -> str:
    return _dump(to_data(term))


def questions_json(term: Term, levels: Sequence[Level]) -> str:
    data = to_data(term)
    return _dump(
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
    return _dump(
        {"titles": list(parts.titles), "keywords": list(parts.keywords), "query": parts.query}
    )
