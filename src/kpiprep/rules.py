"""The rule table of `kpiprep validate`: each code, its severity, what triggers it, the fix.

Codes are stable: errors KP0xx, warnings KP1xx. The docs (docs/content.md) and the
tests read RULES, so a rule's code, severity, trigger and fix live only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"

# Schema 1 files predate structured-interview depth; schema 2 asks for three per level.
MIN_QUESTIONS = {1: 2, 2: 3}
MIN_ANSWER_WORDS = 12
REVIEW_MONTHS = 18


class Rule(NamedTuple):
    """One check: its stable code, how serious it is, what triggers it, how to fix it."""

    code: str
    severity: str
    summary: str
    fix: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "KP001",
            ERROR,
            "YAML syntax error: the file cannot be parsed.",
            "Correct the YAML at the line and column given: indent with spaces (never tabs), "
            "and put text holding `: ` or starting with a special character in quotes.",
        ),
        Rule(
            "KP002",
            ERROR,
            "Unknown field: a key the content format does not have (often a misspelling).",
            "Spell it as in the field list of the authoring guide, or remove it.",
        ),
        Rule(
            "KP003",
            ERROR,
            "Missing field: a required key is absent.",
            "Add the field; `kpiprep new` writes a template with every field.",
        ),
        Rule(
            "KP004",
            ERROR,
            "Wrong type or value: a list where text belongs, empty or over-long text, "
            "a slug with capitals or spaces, an impossible date, an empty file...",
            "Give the field the kind of value the message names (see the field list).",
        ),
        Rule(
            "KP005",
            ERROR,
            "File name does not match its term and industry: the folder must be the "
            "`slug`, the file name the `industry`, with the `.yaml` extension.",
            "Rename the file to `<slug>/<industry>.yaml`, or correct `slug` or `industry`.",
        ),
        Rule(
            "KP006",
            ERROR,
            "Two files for the same term and industry in the folders or files checked.",
            "Keep one file per term and industry: merge the two, or delete one.",
        ),
        Rule(
            "KP007",
            ERROR,
            "A name, full name or alias that also names another term, so a look-up by it "
            "cannot tell the terms apart.",
            "Remove the alias from one of the terms, or make it more specific.",
        ),
        Rule(
            "KP008",
            ERROR,
            "A file that cannot be read as text (not a regular file, larger than 1 MiB, "
            "not UTF-8, holding NUL bytes), or a folder that cannot be read.",
            "Save it as a UTF-8 text file (a byte-order mark is fine), under 1 MiB; "
            "give folders read permission.",
        ),
        Rule(
            "KP009",
            ERROR,
            "A YAML feature content files refuse: anchors and aliases, tags, duplicate keys, "
            "several documents, keys that are not text, nesting deeper than 20 levels, "
            "more than 20,000 values.",
            "Write the data out plainly: repeat text instead of `&anchor`/`*alias`, drop "
            "`!!tags`, keep one of each key and one document per file.",
        ),
        Rule(
            "KP010",
            ERROR,
            "Text holding an invisible or control character: a terminal escape (ESC, other "
            "C0 and C1 controls), a text-direction override or isolate (U+202A-U+202E, "
            "U+2066-U+2069), or a zero-width character (U+200B-U+200D, U+2060, U+FEFF). They "
            "could recolour or reorder a terminal's text, or make two names look alike.",
            "Delete the character (the message gives its code and position); retype the text "
            "if it was pasted from elsewhere.",
        ),
        Rule(
            "KP013",
            ERROR,
            "A role file names a term that no content folder has, or a term without a file "
            "for the industry the role asks for.",
            "Correct the slug (`kpiprep list` shows them) or the industry, or add the term's "
            "file to your content folder.",
        ),
        Rule(
            "KP014",
            ERROR,
            "A scorecard question id that names no question: its term, industry, level or "
            "number is not in the library (`kpiprep score --resume` cannot show it).",
            "Correct the id (`<term>/<industry>/<level>/<number>`, numbered from 1 as "
            "`kpiprep questions` shows them), or point kpiprep at the content the card was "
            "made with (`--content-dir`).",
        ),
        Rule(
            "KP015",
            ERROR,
            "A scorecard that contradicts itself: a question on it twice, a question of a term "
            "missing from its `terms`, or a rating, points heard or red flags on a question "
            "marked not asked.",
            "Keep one entry per question, list each question's term under `terms`, and set "
            "`asked: true` on a question that was asked.",
        ),
        Rule(
            "KP101",
            WARNING,
            f"A level with fewer than {MIN_QUESTIONS[2]} questions "
            f"({MIN_QUESTIONS[1]} in a schema version 1 file).",
            "Add questions, so that an interviewer can compare candidates on more than one.",
        ),
        Rule(
            "KP102",
            WARNING,
            f"An expected answer too short to guide an interviewer "
            f"(fewer than {MIN_ANSWER_WORDS} words).",
            "Say what a good answer contains: the ideas, steps or examples to hear.",
        ),
        Rule(
            "KP103",
            WARNING,
            "A question without listen-for points (`listen_for` empty or left out).",
            "Add the short points an interviewer ticks off while the candidate answers.",
        ),
        Rule(
            "KP104",
            WARNING,
            "A duplicated question: the same question twice in the file, at any level.",
            "Remove the repeat, or ask something else at that level.",
        ),
        Rule(
            "KP105",
            WARNING,
            "A resume example with no concrete number or outcome: no figure (25, 30%, $40M, "
            "three), no result (cut, raised, improved, tied to objectives...) and no "
            "cadence (monthly, quarterly review cycle...).",
            "Write it as a candidate would claim it: what changed, by how much, for whom.",
        ),
        Rule(
            "KP106",
            WARNING,
            f"`last_reviewed` is more than {REVIEW_MONTHS} months ago.",
            "Have someone check the content, then set `last_reviewed` to that day.",
        ),
        Rule(
            "KP107",
            WARNING,
            "Template placeholder left in: TODO, FIXME, TBD, XXX or lorem ipsum.",
            "Replace the placeholder with real content (`kpiprep new` writes TODO markers).",
        ),
        Rule(
            "KP108",
            WARNING,
            "A source that names no year and no address, so nobody can find the document "
            'it means ("SHRM guidance on KPIs").',
            "Name the document: author or publisher, title and year, or give its address "
            "(https://...).",
        ),
        Rule(
            "KP109",
            WARNING,
            'A level without a behavioural question ("Tell me about a time..."): past '
            "behaviour is what a structured interview rates best (schema version 2).",
            "Add a question of `kind: behavioural` to the level.",
        ),
        Rule(
            "KP110",
            WARNING,
            "A schema version 1 file. It still works; version 2 adds, for each question, its "
            "kind, what it tests, follow-up probes and rating anchors, a probe for each resume "
            "phrase, and related terms.",
            "Move the file to `schema_version: 2` and add those fields (docs/content.md shows "
            "each one; `kpiprep new` writes a version 2 template).",
        ),
        Rule(
            "KP111",
            WARNING,
            "A `related` slug that names no term among the files checked (or the term itself).",
            "Correct the slug, or remove it from `related`.",
        ),
        Rule(
            "KP112",
            WARNING,
            "A name, full name or alias holding a character shells read as code or quoting "
            "(' \" ` \\ $ ; | < > !): shell completion will not offer it, so that a shared "
            "content file can never run a command on the machine of someone pressing TAB.",
            "Write the name without the character (Kirkpatrick four levels, not Kirkpatrick's "
            "four levels); look-ups by the name still work either way.",
        ),
        Rule(
            "KP113",
            WARNING,
            "A role whose questions do not fit its `minutes`: alone, or split across its panel, "
            "an interviewer would need longer (`kpiprep guide --role` refuses it).",
            "Give the role more minutes or interviewers, or ask fewer questions (`questions:`); "
            "the finding says what would fit.",
        ),
        Rule(
            "KP114",
            WARNING,
            "An unfinished scorecard: questions not answered yet, or no overall recommendation.",
            "Finish it with `kpiprep score --resume FILE`, or fill in the nulls by hand.",
        ),
    )
}


def parse_ignore(values: Iterable[str]) -> set[str]:
    """--ignore values (repeatable, or comma-separated) -> warning codes; ValueError if wrong."""
    codes = set()
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code not in RULES:
                raise ValueError(f"unknown rule code {part.strip()!r}")
            if RULES[code].severity == ERROR:
                raise ValueError(
                    f"{code} is an error: kpiprep cannot use a file that has it, "
                    "so it cannot be ignored"
                )
            codes.add(code)
    return codes
