"""The content schema: what a term file must hold, checked strictly (pydantic, extra="forbid").

kpiprep.term holds the same fields as plain named tuples for everything after validation.
json_schema_text() is the same schema for editors (`kpiprep schema`), generated from here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from kpiprep.term import CONTROL_RE, SLUG_PATTERN, UNSAFE_CHARACTERS

SCHEMA_VERSION = 2  # what `kpiprep new` writes; version 1 files still load
YEARS_PATTERN = r"^\d{1,2}(?:-\d{1,2}|\+)$"


class UnsafeText(ValueError):
    """Text holding a character that must never reach a terminal or an export (KP010)."""


def _no_control_characters(value: str) -> str:
    found = CONTROL_RE.search(value)
    if found:
        raise UnsafeText(
            f"invisible or control character U+{ord(found.group()):04X} at position "
            f"{found.start() + 1} (terminal escapes, text-direction overrides and zero-width "
            "characters are not allowed in content)"
        )
    return value


class _VisibleTextInSchema:
    """Tells editors what the validators check: some visible text and no control characters."""

    # Some non-space character, and none of the characters CONTROL_RE refuses.
    PATTERN = rf"^(?!\s*$)[^{UNSAFE_CHARACTERS}]*$"

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
MediumText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_no_control_characters),
    _VisibleTextInSchema(),
]


def _iso_date(value: Any) -> Any:
    """A date, or text that is exactly YYYY-MM-DD: nothing else turns into a date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    raise ValueError("a date is written YYYY-MM-DD, such as 2026-11-25")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# The fields of a question, named once for both versions of the schema.
QuestionText = Annotated[Text, Field(description="The question, as the interviewer asks it.")]
ExpectedAnswer = Annotated[Text, Field(description="What a good answer contains, in plain words.")]
# May be empty or left out: `kpiprep validate` warns (KP103) rather than refuses, so a
# question can be drafted before its listen-for points.
ListenFor = Annotated[
    list[ShortText],
    Field(
        max_length=50,
        default_factory=list,
        description="Short points to tick off while the candidate answers.",
    ),
]
Minutes = Annotated[
    Annotated[int, Field(ge=1, le=60)] | None,
    Field(
        default=None,
        description="Optional: how many minutes the question usually takes in an interview "
        "(guide --minutes shares the remaining time evenly among questions without it).",
    ),
]


class QuestionSchemaV1(_Strict):
    """One interview question and what a good answer holds (schema version 1)."""

    question: QuestionText
    expected_answer: ExpectedAnswer
    listen_for: ListenFor
    minutes: Minutes


class AnchorsSchema(_Strict):
    """What an answer to this question sounds like at three points of the 1-4 rating scale."""

    weak: MediumText = Field(description="A weak answer (rating 1).")
    solid: MediumText = Field(description="A solid answer (rating 3).")
    strong: MediumText = Field(description="A strong answer (rating 4).")


class QuestionSchema(_Strict):
    """A structured-interview question: what it tests, what a good answer holds, how to rate it."""

    question: QuestionText
    kind: Literal["knowledge", "situational", "behavioural"] = Field(
        description="knowledge (explain a concept), situational (what would you do if...) or "
        "behavioural (tell me about a time...)."
    )
    tests: ShortText = Field(description="One line: what the question reveals.")
    expected_answer: ExpectedAnswer
    listen_for: ListenFor
    probes: Annotated[list[ShortText], Field(min_length=1, max_length=3)] = Field(
        description="One to three follow-up questions."
    )
    anchors: AnchorsSchema = Field(
        description="What a weak (1), solid (3) and strong (4) answer sounds like."
    )
    minutes: Minutes


Q = TypeVar("Q", bound=BaseModel)
LevelQuestions = Annotated[list[Q], Field(min_length=1, max_length=30)]


class ByLevel(_Strict, Generic[Q]):
    """Questions for each seniority; every level needs at least one (validate asks for more)."""

    junior: LevelQuestions[Q] = Field(description="Questions for a junior candidate.")
    mid: LevelQuestions[Q] = Field(description="Questions for a mid-level candidate.")
    senior: LevelQuestions[Q] = Field(description="Questions for a senior candidate.")


QuestionsSchemaV1 = ByLevel[QuestionSchemaV1]
QuestionsSchema = ByLevel[QuestionSchema]


class ResumePhraseSchema(_Strict):
    """A line as it shows up on a resume, and what to ask about that claim."""

    phrase: ShortText = Field(description="The resume line.")
    probe: Text = Field(
        description="What to ask about the claim: the baseline, their own part, how it was "
        "measured."
    )


class IndicatorsSchema(_Strict):
    """What a candidate of one seniority should be able to show."""

    years: Annotated[str, StringConstraints(pattern=YEARS_PATTERN)] = Field(
        description="Typical years of experience for this term: '0-2', '2-5', '5+' or "
        "the file's own bands, such as '8+'."
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
    """One term in one industry: everything a recruiter needs to screen for it (version 2)."""

    schema_version: Literal[2] = Field(description="Version of the content schema: 2.")
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
    resume_phrases: Annotated[list[ResumePhraseSchema], Field(min_length=1, max_length=50)] = Field(
        description="How the term shows up on a resume, each with the probe to ask."
    )
    typical_job_title: ShortText = Field(description="The title most holders of the skill have.")
    related_job_titles: ShortTextList = Field(description="Other titles worth searching for.")
    where_to_find: TextList = Field(description="Where such candidates can be found.")
    questions: QuestionsSchema = Field(
        description="Structured-interview questions for each seniority."
    )
    levels: LevelsSchema = Field(description="What each seniority should be able to show.")
    red_flags: TextList = Field(description="Warning signs in a candidate's answers or resume.")
    related: Annotated[list[Slug], Field(max_length=20)] = Field(
        default_factory=list, description="Slugs of related terms, shown as 'See also'."
    )
    sources: TextList = Field(description="Where the content comes from.")
    # A quoted "2026-11-25" is accepted as well as a bare date: YAML loaders that follow the
    # JSON Schema (a string) and PyYAML (a date object) then agree on the same file.
    last_reviewed: Annotated[dt.date, BeforeValidator(_iso_date), Field(strict=False)] = Field(
        description="When a person last checked this content (YYYY-MM-DD)."
    )


class TermSchemaV1(TermSchema):
    """A schema version 1 file: still read; `kpiprep validate` says what version 2 adds."""

    schema_version: Literal[1] = Field(  # type: ignore[assignment]
        description="Version 1 of the content schema."
    )
    resume_phrases: TextList = Field(  # type: ignore[assignment]
        description="How the term shows up on a resume."
    )
    questions: QuestionsSchemaV1 = Field(  # type: ignore[assignment]
        description="Interview questions for each seniority, with what a good answer holds."
    )


def model_for(data: Any) -> type[TermSchema]:
    """The schema a file's data is checked against: version 1 files keep version 1 rules."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    return TermSchemaV1 if version == 1 and type(version) is int else TermSchema


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


def fingerprint() -> str:
    """A short hash of both schema versions: term.SCHEMA_FINGERPRINT must equal it (a test
    checks), so a schema change changes every cache key without naming any file."""
    import hashlib

    both = [TermSchema.model_json_schema(), TermSchemaV1.model_json_schema()]
    return hashlib.sha256(json.dumps(both, sort_keys=True).encode()).hexdigest()[:16]


def pydantic_issue(error: Any) -> tuple[str, str]:
    """A pydantic error's kind (see Issue) and message, in the words validate reports."""
    if error["type"] == "missing":
        return "missing", "field required"
    if error["type"] == "extra_forbidden":
        return "unknown", "unknown field"
    if error["type"] == "value_error":
        # Our own validators' words, without pydantic's "Value error, " in front.
        cause = error.get("ctx", {}).get("error", error["msg"])
        return ("unsafe" if isinstance(cause, UnsafeText) else "value"), str(cause)
    return "value", plain_words(error)


# What pydantic says ("Input should be a valid integer", "String should match pattern
# '^[a-z0-9]+...'") in words for someone editing a YAML file, by the kind of error.
PLAIN_WORDS = {
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list (lines starting with '- ')",
    "dict_type": "should be fields (lines of `name: value`)",
    "model_type": "should be fields (lines of `name: value`)",
    "model_attributes_type": "should be fields (lines of `name: value`)",
    "date_type": "should be a date as YYYY-MM-DD",
    "date_parsing": "should be a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "should be a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "should be a date as YYYY-MM-DD",
}
PATTERN_WORDS = {
    SLUG_PATTERN: "should be a slug: lower-case letters, digits and single hyphens, such as "
    "human-resources",
    YEARS_PATTERN: "should be years of experience as a range or a minimum, such as 2-5 or 5+",
}

BOUND_WORDS = {
    "greater_than_equal": ("ge", "{} or more"),
    "less_than_equal": ("le", "{} or less"),
    "greater_than": ("gt", "more than {}"),
    "less_than": ("lt", "less than {}"),
}


def plain_words(error: Any) -> str:
    """One pydantic error's message in plain words: limits as numbers, choices listed."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in PLAIN_WORDS:
        return PLAIN_WORDS[kind]
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "should not be empty" if least == 1 else f"should be {least} characters or more"
    if kind == "string_too_long":
        return f"should be {ctx.get('max_length')} characters or fewer"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"should list at least {least} item{'s' if least != 1 else ''}"
    if kind == "too_long":
        return f"should list {ctx.get('max_length')} items or fewer"
    if kind in BOUND_WORDS:
        key, words = BOUND_WORDS[kind]
        return "should be " + words.format(ctx.get(key))
    if kind in ("literal_error", "enum"):
        return "should be " + re.sub(r"'([^']*)'", r"\1", str(ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        return PATTERN_WORDS.get(ctx.get("pattern", ""), "does not have the form this field takes")
    message = re.sub(r"^(Input|String|List|Value) should", "should", str(error["msg"]))
    return re.sub(r", unable to parse .*$", "", message)
