"""The content schema: what a term file must hold, checked strictly (pydantic, extra="forbid").

kpiprep.term holds the same fields as plain named tuples for everything after validation.
json_schema_text() is the same schema for editors (`kpiprep schema`), generated from here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kpiprep.term import CONTROL_RE, SLUG_PATTERN

SCHEMA_VERSION = 1


def _no_control_characters(value: str) -> str:
    found = CONTROL_RE.search(value)
    if found:
        raise ValueError(
            f"control character U+{ord(found.group()):04X} at position {found.start() + 1}"
            " (terminal escape sequences are not allowed in content)"
        )
    return value


class _VisibleTextInSchema:
    """Tells editors what the validators check: some visible text and no control characters."""

    # Some non-space character, and none of the characters CONTROL_RE refuses.
    PATTERN = r"^(?!\s*$)[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$"

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["pattern"] = self.PATTERN
        return schema


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(_no_control_characters),
    _VisibleTextInSchema(),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters),
    _VisibleTextInSchema(),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
TextList = Annotated[list[Text], Field(min_length=1, max_length=50)]
ShortTextList = Annotated[list[ShortText], Field(min_length=1, max_length=50)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class QuestionSchema(_Strict):
    """One interview question and what a good answer holds."""

    question: Text = Field(description="The question, as the interviewer asks it.")
    expected_answer: Text = Field(description="What a good answer contains, in plain words.")
    # May be empty or left out: `kpiprep validate` warns (KP103) rather than refuses,
    # so a question can be drafted before its listen-for points.
    listen_for: Annotated[list[ShortText], Field(max_length=50)] = Field(
        default_factory=list,
        description="Short points to tick off while the candidate answers.",
    )
    minutes: Annotated[int, Field(ge=1, le=60)] | None = Field(
        default=None,
        description="Optional: how many minutes the question usually takes in an interview "
        "(guide --minutes shares the remaining time evenly among questions without it).",
    )


class QuestionsSchema(_Strict):
    """Questions for each seniority; every level needs at least one."""

    junior: Annotated[list[QuestionSchema], Field(min_length=1, max_length=30)] = Field(
        description="Questions for a junior candidate (0-2 years)."
    )
    mid: Annotated[list[QuestionSchema], Field(min_length=1, max_length=30)] = Field(
        description="Questions for a mid-level candidate (2-5 years)."
    )
    senior: Annotated[list[QuestionSchema], Field(min_length=1, max_length=30)] = Field(
        description="Questions for a senior candidate (5+ years)."
    )


class IndicatorsSchema(_Strict):
    """What a candidate of one seniority should be able to show."""

    years: Annotated[str, StringConstraints(pattern=r"^\d{1,2}(?:-\d{1,2}|\+)$")] = Field(
        description="Typical years of experience: '0-2', '2-5' or '5+'."
    )
    indicators: ShortTextList = Field(
        description="What a candidate at this level can show, one short point each."
    )


class LevelsSchema(_Strict):
    """Experience-level indicators for each seniority."""

    junior: IndicatorsSchema = Field(description="What a junior candidate should show.")
    mid: IndicatorsSchema = Field(description="What a mid-level candidate should show.")
    senior: IndicatorsSchema = Field(description="What a senior candidate should show.")


class TermSchema(_Strict):
    """One term in one industry: everything a recruiter needs to screen for it."""

    schema_version: Literal[1] = Field(description="Version of this schema; always 1 for now.")
    slug: Slug = Field(description="Lower-case identifier; the file's folder name.")
    name: ShortText = Field(description="Short name, e.g. 'KPI'.")
    full_name: ShortText = Field(description="Full name, e.g. 'Key Performance Indicators'.")
    industry: Slug = Field(description="Industry identifier; the file's name without .yaml.")
    industry_name: ShortText = Field(description="Industry as people write it.")
    aliases: Annotated[list[ShortText], Field(max_length=50)] = Field(
        description="Other names people use for the term."
    )
    summary: ShortText = Field(description="One line that says what the term is.")
    definition: Text = Field(description="The term in plain language.")
    analogy: Text = Field(description="An everyday comparison that makes it click.")
    examples: TextList = Field(description="The term in practice.")
    resume_phrases: TextList = Field(description="How the term shows up on a resume.")
    typical_job_title: ShortText = Field(description="The title most holders of the skill have.")
    related_job_titles: ShortTextList = Field(description="Other titles worth searching for.")
    where_to_find: TextList = Field(description="Where such candidates can be found.")
    questions: QuestionsSchema = Field(
        description="Interview questions for each seniority, with what a good answer holds."
    )
    levels: LevelsSchema = Field(description="What each seniority should be able to show.")
    red_flags: TextList = Field(description="Warning signs in a candidate's answers or resume.")
    sources: TextList = Field(description="Where the content comes from.")
    last_reviewed: dt.date = Field(description="When a person last checked this content.")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a content file, for editors and other tools."""
    schema = TermSchema.model_json_schema()
    return {
        # Draft 7: the draft that editors' YAML support (yaml-language-server) reads best.
        "$schema": "http://json-schema.org/draft-07/schema#",
        **schema,
        "title": "kpiprep content file",
        "description": "One term in one industry, at <folder>/<term-slug>/<industry-slug>.yaml. "
        "Generated by `kpiprep schema` from kpiprep's content model; see docs/content.md.",
    }


def json_schema_text() -> str:
    """json_schema() as the text `kpiprep schema` prints and the shipped file holds."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
