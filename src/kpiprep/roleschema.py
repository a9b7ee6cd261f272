"""The role file's schema: one job's interview described once, checked strictly (pydantic).

kpiprep.role turns a checked file into a plain Role; this module is imported only when a
role file is read, so no other command pays for pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from kpiprep.schema import ShortText, Slug
from kpiprep.scorecard import MAX_PANEL, MAX_SHORT
from kpiprep.term import CONTROL_RE, normalise


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class RoleTermSchema(_Strict):
    """A term the interview covers: its slug, and how much it counts."""

    term: Slug = Field(description="The term's slug, as `kpiprep list` shows it.")
    weight: Annotated[int, Field(ge=1, le=10)] = Field(
        default=1, description="How much the term counts in the debrief's weighted average."
    )
    industry: Slug | None = Field(
        default=None, description="This term's industry, when it is not the role's."
    )


def _term_entry(value: Any) -> Any:
    # `- kpi` is short for `- term: kpi`.
    if isinstance(value, str):
        return {"term": value}
    if not isinstance(value, dict):
        raise ValueError("should be a term's slug, or `term:` with a `weight:`")
    return value


def _no_repeats(terms: list[RoleTermSchema]) -> list[RoleTermSchema]:
    seen = set()
    for entry in terms:
        key = (entry.term, entry.industry)
        if key in seen:
            raise ValueError(f"{entry.term!r} is listed twice")
        seen.add(key)
    return terms


def _panel(value: Any) -> Any:
    """A number of interviewers (1-20), or their names: one clear message for anything else."""
    if value is None:
        return None
    if type(value) is int:
        if not 1 <= value <= MAX_PANEL:
            raise ValueError(f"a panel has 1 to {MAX_PANEL} interviewers, not {value}")
        return value
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PANEL:
        raise ValueError(
            f"should be how many interviewers there are (1 to {MAX_PANEL}) or a list of their names"
        )
    seen: dict[str, int] = {}
    for index, name in enumerate(value):
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_SHORT:
            raise ValueError(f"panel[{index}] should be a name (1 to {MAX_SHORT} characters)")
        if CONTROL_RE.search(name):
            raise ValueError(f"panel[{index}] holds an invisible or control character")
        key = normalise(name)
        if key in seen:
            raise ValueError(f"{name.strip()!r} is on the panel twice")
        seen[key] = index
    return [" ".join(name.split()) for name in value]


class RoleSchema(_Strict):
    """One job's interview: who, at what level, on which terms, for how long, by whom."""

    kind: Literal["role"] = Field(description="Always `role`: what this file is.")
    title: ShortText = Field(description="The job title, as on the job ad.")
    industry: Slug = Field(description="The industry of the terms (kpiprep industries).")
    level: Literal["junior", "mid", "senior"] = Field(description="The seniority hired for.")
    minutes: Annotated[int, Field(ge=10, le=480)] | None = Field(
        default=None, description="Optional: each interview's length in minutes."
    )
    questions: Annotated[int, Field(ge=1, le=20)] | None = Field(
        default=None, description="Optional: how many questions of each term to ask."
    )
    terms: Annotated[
        list[Annotated[RoleTermSchema, BeforeValidator(_term_entry)]],
        Field(min_length=1, max_length=30),
        AfterValidator(_no_repeats),
    ] = Field(description="The terms to cover.")
    panel: Annotated[Any, BeforeValidator(_panel)] = Field(
        default=None, description="Optional: how many interviewers, or their names."
    )
