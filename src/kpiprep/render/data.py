"""JSON for scripts: the validated model with stable keys, UTF-8."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kpiprep.enums import Level
from kpiprep.model import Term


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def explain_json(term: Term) -> str:
    return _dump(term.model_dump(mode="json"))


def questions_json(term: Term, levels: Sequence[Level]) -> str:
    return _dump(
        {
            "slug": term.slug,
            "name": term.name,
            "full_name": term.full_name,
            "industry": term.industry,
            "levels": {
                level.value: {
                    "years": term.levels.for_level(level).years,
                    "questions": [
                        q.model_dump(mode="json") for q in term.questions.for_level(level)
                    ],
                }
                for level in levels
            },
        }
    )
