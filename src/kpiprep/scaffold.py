"""`kpiprep new`: a content file with every field, TODO markers to replace, and the schema.

The template is valid as it stands (`kpiprep validate` reports only its placeholders,
KP107), so a writer can check a half-filled file at any time.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kpiprep.errors import ExportError, KpiprepError
from kpiprep.locate import SCHEMA_COMMENT, SCHEMA_FILE_NAME

_LEVELS = (("junior", "junior", "0-2"), ("mid", "mid-level", "2-5"), ("senior", "senior", "5+"))


def industry_name(industry: str) -> str:
    """A first guess at how people write an industry: `human-resources` -> Human Resources."""
    return " ".join(word.capitalize() for word in industry.split("-"))


def _plain(value: str) -> str:
    """`value` as a YAML scalar that reads back as that same text (`on`, `null`, `360` too)."""
    import yaml

    return value if yaml.safe_load(value) == value else json.dumps(value)


# Three questions a level, one of each kind: what `kpiprep validate` asks of a level.
_KINDS = (
    ("knowledge", "a question that asks them to explain"),
    ("situational", "a 'what would you do if...' question"),
    ("behavioural", "a 'tell me about a time...' question"),
)


def _questions(level: str, who: str) -> str:
    lines = [f"  {level}:"]
    for kind, what in _KINDS:
        lines += [
            f'    - question: "TODO: {what} for a {who} candidate"',
            f"      kind: {kind}  # knowledge, situational or behavioural",
            '      tests: "TODO: one line: what this question reveals"',
            "      expected_answer: >-",
            "        TODO: what a good answer contains, in plain words: the ideas, steps",
            "        or examples an interviewer should hear.",
            "      listen_for:",
            '        - "TODO: a short point to tick off while the candidate answers"',
            '        - "TODO: another point"',
            "      probes:  # one to three follow-up questions",
            '        - "TODO: a follow-up question"',
            "      anchors:  # what an answer to this question sounds like at ratings 1, 3, 4",
            '        weak: "TODO: a weak answer (1)"',
            '        solid: "TODO: a solid answer (3)"',
            '        strong: "TODO: a strong answer (4)"',
            "      minutes:  # optional: minutes the question takes (1-60), for guide --minutes",
        ]
    return "\n".join(lines)


def _levels() -> str:
    lines = []
    for level, who, years in _LEVELS:
        lines += [
            f"  {level}:",
            f"    years: {years}  # this term's own bands, e.g. 8+ where seniors need more",
            "    indicators:",
            f'      - "TODO: something a {who} candidate can show"',
            '      - "TODO: another thing"',
        ]
    return "\n".join(lines)


def template(slug: str, industry: str, today: dt.date) -> str:
    """The text of a new content file for `slug` in `industry`."""
    questions = "\n".join(_questions(level, who) for level, who, _ in _LEVELS)
    return f"""{SCHEMA_COMMENT}
# A new kpiprep term: replace every TODO, then check the file with `kpiprep validate`.
# Each field is explained in the authoring guide (docs/content.md).
schema_version: 2
slug: {_plain(slug)}
name: "TODO: the short name, as on a resume (e.g. KPI)"
full_name: "TODO: the full name (e.g. Key Performance Indicators)"
industry: {_plain(industry)}
industry_name: {_plain(industry_name(industry))}
aliases:
  - "TODO: another name people use for the term (or write `aliases: []`)"
summary: "TODO: one line that says what the term is"
definition: >-
  TODO: the term in plain language, in a few sentences: what it is, who uses
  it and why it matters.
analogy: >-
  TODO: an everyday comparison that makes the term click.
examples:
  - "TODO: the term in practice, e.g. what a team counts or does with it"
resume_phrases:
  - phrase: "TODO: a resume line that uses the term, with a figure or an outcome"
    probe: "TODO: what to ask about it: the baseline, their own part, how it was measured"
typical_job_title: "TODO: the job title most people with this skill hold"
related_job_titles:
  - "TODO: another job title worth searching for"
where_to_find:
  - "TODO: where such candidates can be found"
questions:
{questions}
levels:
{_levels()}
red_flags:
  - "TODO: a warning sign in a candidate's answers or resume"
related: []  # slugs of related terms, shown as "See also"
sources:
  - "TODO: a specific document: author or publisher, title, year (or its address)"
last_reviewed: "{today.isoformat()}"
"""


def content_folder(folder: Path) -> None:
    """Make sure `folder` (given with --dir) is a folder, creating it if only it is missing.

    A new content folder is the usual start (`kpiprep new okr-cycle --dir my-terms`); only
    its last part is created, so a typo higher up is an error, not a tree.
    """
    if not folder.exists():
        if not folder.absolute().parent.is_dir():
            raise KpiprepError(
                f"folder {folder.absolute().parent} does not exist; create it, or choose "
                "another with --dir"
            )
        try:
            folder.mkdir(exist_ok=True)  # another `new` may be making it at the same moment
        except OSError as exc:
            raise KpiprepError(f"cannot create {folder}: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise KpiprepError(f"{folder} is not a folder; choose a folder with --dir")


def create(folder: Path, slug: str, industry: str, today: dt.date) -> list[Path]:
    """Write `<folder>/<slug>/<industry>.yaml`, and the schema beside the terms if missing.

    Returns the paths written, the term file first. Never replaces a file.
    """
    from kpiprep.files import write_text
    from kpiprep.locate import ROLES_FOLDER

    if slug == ROLES_FOLDER:
        raise KpiprepError(
            f"{ROLES_FOLDER!r} is the folder of role files (kpiprep role new); give the term "
            "another slug"
        )
    content_folder(folder)
    term_dir = folder / slug
    target = term_dir / f"{industry}.yaml"
    if target.exists() or target.is_symlink():
        raise KpiprepError(f"{target} already exists; kpiprep new never replaces a file")
    if term_dir.exists() and not term_dir.is_dir():
        raise KpiprepError(f"{term_dir} is not a folder; it should hold the term's files")
    try:
        term_dir.mkdir()
        made_dir = True
    except FileExistsError:
        made_dir = False  # there already, or made by a `new` running at the same moment
    except OSError as exc:
        raise KpiprepError(f"cannot create {term_dir}: {exc.strerror or exc}") from None
    try:
        write_text(
            target,
            template(slug, industry, today),
            action="write",
            exists_hint="kpiprep new never replaces a file",
        )
    except ExportError:
        if made_dir:
            try:
                term_dir.rmdir()  # leave nothing behind, unless another `new` filled it
            except OSError:
                pass
        raise
    written = [target]
    schema = folder / SCHEMA_FILE_NAME
    if not schema.exists():
        from kpiprep.schema import json_schema_text

        try:
            written.append(write_text(schema, json_schema_text(), action="write"))
        except ExportError:
            pass  # the term file is what was asked for; the schema is a convenience
    return written
