"""`kpiprep validate`: every rule fails and passes on an example, at the line it names."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KPI_FILE, V1_KPI_FILE, as_json
from kpiprep.enums import TextFormat
from kpiprep.locate import search_path, shipped_content_dir
from kpiprep.report import Finding
from kpiprep.rules import ERROR, RULES, WARNING, parse_ignore
from kpiprep.validate import validate_paths

TODAY = dt.date(2026, 11, 25)
KPI = KPI_FILE.read_text(encoding="utf-8")
LINE_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>KP\d{3}) (?P<msg>.+)$")

SENIOR_Q2_ANSWER = (
    "      expected_answer: >-\n"
    "        Talks about change management: clear communication and training,\n"
    "        proving the value with a pilot programme before a full roll-out, and\n"
    "        collecting feedback to keep improving the KPIs.\n"
)
SENIOR_Q2_POINTS = (
    "      listen_for:\n"
    "        - Change management strategy\n"
    "        - Communication and training\n"
    "        - A pilot programme to show value\n"
    "        - Feedback loops for continuous improvement\n"
)
JUNIOR_Q2 = KPI[KPI.index("    - question: How would you track basic KPIs") : KPI.index("  mid:\n")]


def edit(old: str, new: str) -> str:
    """The shipped KPI file with one change (which must apply exactly once)."""
    assert KPI.count(old) == 1, old
    return KPI.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line holding `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


class Example:
    """A content file that should (or should not) get one rule's finding, and where."""

    def __init__(
        self, text: str | bytes, needle: str = "", column: int = 1, message: str = ""
    ) -> None:
        self.text = text
        self.needle = needle
        self.column = column
        self.message = message


# Role files and scorecards (kpiprep.loopchecks), with terms of the shipped library.
ROLE = """kind: role
title: HR Analyst
industry: human-resources
level: mid
minutes: 90
terms:
  - kpi
  - okr
"""
CARD = """kind: scorecard
format: 1
candidate: Alex Moreno
interviewer: Priya Shah
date: 2026-12-01
terms:
  - {slug: kpi, industry: human-resources, name: KPI}
questions:
  - id: kpi/human-resources/mid/1
    question: How do leading KPIs differ from lagging KPIs?
    asked: true
    listen_for: {Leading predicts: true}
    rating: 3
    notes: Clear
    red_flags: []
recommendation: yes
reasons: Solid
"""
# Where an example goes when it is not a content file: a role file in the roles/ folder of
# the content folder checked; a scorecard anywhere, given by its path.
WHERE = dict.fromkeys(("KP013", "KP113"), "roles/hr-analyst.yaml") | dict.fromkeys(
    ("KP014", "KP015", "KP114"), "alex-priya.yaml"
)


# code -> a failing example: the text, the text on the line the finding must name,
# the column, and part of the message.
FAILING: dict[str, Example] = {
    "KP001": Example(edit("name: KPI\n", "\tname: KPI\n"), "\tname: KPI", 1, "YAML syntax error"),
    "KP002": Example(edit("analogy: >-\n", "analogie: >-\n"), "analogie:", 1, "analogie: unknown"),
    "KP003": Example(
        edit(SENIOR_Q2_ANSWER, ""),
        "question: Managers or employees push back",
        7,
        "questions.senior[1].expected_answer: field required",
    ),
    "KP004": Example(edit("name: KPI\n", "name: 12\n"), "name: 12", 1, "name: should be text"),
    "KP008": Example(
        KPI.encode("utf-8").replace(b"report card", b"r\xe9port card"),
        "port card",
        1,
        "file is not valid UTF-8 (byte 0xe9)",
    ),
    "KP009": Example(KPI + "slug: kpi\n", "@last", 1, "duplicate key 'slug'"),
    "KP010": Example(
        edit("summary: The handful", "summary: The \u202ehandful"),
        "summary: The",
        1,
        "summary: invisible or control character U+202E at position 5",
    ),
    "KP101": Example(edit(JUNIOR_Q2, ""), "  junior:", 3, "questions.junior: 1 question;"),
    "KP102": Example(
        edit(SENIOR_Q2_ANSWER, "      expected_answer: Talks about change management.\n"),
        "expected_answer: Talks about change management.",
        7,
        "questions.senior[1].expected_answer: 4 words",
    ),
    "KP103": Example(
        edit(SENIOR_Q2_POINTS, "      listen_for: []\n"),
        "listen_for: []",
        7,
        "questions.senior[1].listen_for: no listen-for points",
    ),
    "KP104": Example(
        edit(
            "question: How would you track basic KPIs and report on them?",
            "question: What makes a  good KPI",
        ),
        "question: What makes a  good KPI",
        7,
        "questions.junior[1].question: same question as questions.junior[0].question (line ",
    ),
    "KP105": Example(
        edit(
            "Introduced new key performance indicators tied to company objectives",
            "Responsible for key performance indicators",
        ),
        "Responsible for key performance indicators",
        5,
        "resume_phrases[2]: no concrete number or outcome",
    ),
    "KP106": Example(
        edit("last_reviewed: 2026-11-25", "last_reviewed: 2025-05-24"),
        "last_reviewed:",
        1,
        "last_reviewed: 2025-05-24 is more than 18 months ago",
    ),
    "KP107": Example(
        edit("summary: The handful", "summary: TODO say what it is. The handful"),
        "summary: TODO",
        1,
        "summary: template placeholder 'TODO' left in",
    ),
    "KP108": Example(
        edit('  - "Doran, G. T. (1981).', '  - "SHRM guidance on goals; Doran, G. T.').replace(
            "Management Review, 70(11), 35-36.", "Management Review."
        ),
        '- "SHRM guidance on goals',
        5,
        "sources[1]: no year and no address",
    ),
    "KP109": Example(
        edit(
            "(mid).\n      kind: behavioural\n",
            "(mid).\n      kind: situational\n",
        ),
        "  mid:",
        3,
        "questions.mid: no behavioural question",
    ),
    "KP110": Example(
        V1_KPI_FILE.read_text(encoding="utf-8"),
        "schema_version: 1",
        1,
        "schema_version: schema version 1; version 2 adds kind, tests, probes and anchors",
    ),
    "KP111": Example(
        edit("related: []\n", "related: [no-such-term]\n"),
        "related: [no-such-term",
        11,
        "related[0]: 'no-such-term' names no term in the files checked or on the search path",
    ),
    "KP112": Example(
        edit("  - success indicators\n", "  - success indicators $(x)\n"),
        "success indicators $(x)",
        5,
        "aliases[2]: '$' quotes, expands or chains commands in a shell",
    ),
    "KP013": Example(
        ROLE.replace("  - okr\n", "  - okrs\n"),
        "- okrs",
        5,
        "terms[1]: no term 'okrs' in the files checked or on the search path",
    ),
    "KP014": Example(
        CARD.replace("mid/1\n", "mid/99\n"),
        "id: kpi/human-resources/mid/99",
        5,
        "questions[0].id: unknown question kpi/human-resources/mid/99: kpi/human-resources has",
    ),
    "KP015": Example(
        CARD.replace("asked: true", "asked: false"),
        "- id: kpi",
        5,
        "questions[0]: marked not asked (asked: false) but it has a rating",
    ),
    "KP113": Example(
        ROLE.replace("minutes: 90", "minutes: 10"),
        "minutes: 10",
        1,
        "questions do not fit a panel of 1 in 10 minutes each: the interviewer would have",
    ),
    "KP114": Example(
        CARD.replace("rating: 3", "rating: null"),
        "kind: scorecard",
        1,
        "unfinished: 1 question not finished (kpi/human-resources/mid/1 first)",
    ),
}

# code -> a near miss that must not get the rule's finding.
PASSING: dict[str, str] = {
    "KP101": KPI,  # exactly two questions at every level
    "KP102": edit(
        SENIOR_Q2_ANSWER,
        "      expected_answer: Talks about change management, clear communication,"
        " training and a pilot programme first.\n",  # twelve words
    ),
    "KP103": edit(SENIOR_Q2_POINTS, "      listen_for: [Change management strategy]\n"),
    "KP104": edit(
        "question: How would you track basic KPIs and report on them?",
        "question: What makes a good KPI for a sales team?",
    ),
    "KP105": edit(
        "Introduced new key performance indicators tied to company objectives",
        "Responsible for key performance indicators across 4 regions",
    ),
    "KP106": edit("last_reviewed: 2026-11-25", "last_reviewed: 2025-05-25"),
    "KP107": edit("summary: The handful", "summary: Keeps the to-do list short. The handful"),
    "KP108": edit('  - "Doran, G. T. (1981).', '  - "https://example.org/smart; Doran, G. T.'),
    "KP109": KPI,  # one behavioural question at every level
    "KP110": KPI,  # schema version 2
    "KP111": edit("related: []\n", "related: [okr]\n"),  # a shipped term
    "KP112": edit("  - success indicators\n", "  - success & failure indicators\n"),
    "KP013": ROLE,
    "KP014": CARD,
    "KP015": CARD,
    "KP113": ROLE,  # 90 minutes are enough
    "KP114": CARD,
}
for _code, _rule in RULES.items():
    if _code.startswith("KP0") and _code not in ("KP005", "KP006", "KP007"):
        PASSING.setdefault(_code, KPI)  # the shipped file has no schema or YAML problem


def findings_for(
    root: Path, text: str | bytes, where: str = "kpi/human-resources.yaml", **options: Any
) -> list[Finding]:
    path = root / "terms" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    options.setdefault("search_path", search_path())  # as the command checks `related`
    given = path if path.parent == root / "terms" else root / "terms"  # a scorecard: by path
    return validate_paths([given], today=TODAY, **options).findings


def expected_line(example: Example) -> int:
    text = example.text if isinstance(example.text, str) else example.text.decode("latin-1")
    if example.needle == "@last":  # the last line of the file
        return len(text.splitlines())
    return line_of(text, example.needle)


def test_every_rule_has_examples() -> None:
    cross_file = {"KP005", "KP006", "KP007"}  # tested below with several files
    assert set(FAILING) | cross_file == set(RULES)
    assert set(PASSING) | cross_file == set(RULES)


def test_kp111_a_term_is_not_related_to_itself(tmp_path: Path) -> None:
    found = findings_for(tmp_path, edit("related: []\n", "related: [kpi]\n"))
    assert [(f.code, f.message) for f in found] == [
        ("KP111", "related[0]: 'kpi' is this term itself")
    ]


def test_codes_are_stable_and_sorted_by_severity() -> None:
    for code, rule in RULES.items():
        assert re.fullmatch(r"KP[01]\d\d", code) and rule.code == code
        assert rule.severity == (ERROR if code.startswith("KP0") else WARNING)
        assert rule.summary.endswith(".") and rule.fix.endswith(".")


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fails_at_the_line_it_names(tmp_path: Path, code: str) -> None:
    example = FAILING[code]
    where = WHERE.get(code, "kpi/human-resources.yaml")
    found = [f for f in findings_for(tmp_path, example.text, where) if f.code == code]
    assert len(found) == 1, found
    (finding,) = found
    assert (finding.line, finding.column) == (expected_line(example), example.column)
    assert example.message in finding.message
    assert finding.path == str(tmp_path / "terms" / where)


@pytest.mark.parametrize("code", sorted(PASSING))
def test_rule_passes_on_its_near_miss(tmp_path: Path, code: str) -> None:
    where = WHERE.get(code, "kpi/human-resources.yaml")
    found = findings_for(tmp_path, PASSING[code], where)
    assert [f for f in found if f.code == code] == []
    if code in WHERE:
        assert found == []  # the near miss of a role file or scorecard is clean


def test_the_shipped_file_has_no_finding_at_all(tmp_path: Path) -> None:
    assert findings_for(tmp_path, KPI) == []


# Rules across files.


def test_kp005_file_name_must_match_slug_and_industry(tmp_path: Path) -> None:
    found = findings_for(tmp_path, KPI, where="kpis/finance.yaml")
    assert [(f.code, f.line, f.column, f.message) for f in found] == [
        ("KP005", line_of(KPI, "slug: kpi"), 1, "slug: 'kpi' does not match its folder 'kpis'"),
        (
            "KP005",
            line_of(KPI, "industry: human-resources"),
            1,
            "industry: 'human-resources' does not match its file name 'finance'",
        ),
    ]
    (yml,) = findings_for(tmp_path / "other", KPI, where="kpi/human-resources.yml")
    assert (yml.code, yml.line) == ("KP005", line_of(KPI, "schema_version"))
    assert yml.message == "kpiprep reads only .yaml files; rename it to human-resources.yaml"
    assert findings_for(tmp_path / "passing", KPI, where="kpi/human-resources.yaml") == []


def test_kp006_two_folders_with_the_same_term_and_industry(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        (folder / "kpi").mkdir(parents=True)
        (folder / "kpi" / "human-resources.yaml").write_text(KPI, encoding="utf-8")
    found = validate_paths([first, second], today=TODAY).findings
    one, two = (str(f / "kpi" / "human-resources.yaml") for f in (first, second))
    slug_line = line_of(KPI, "slug:")
    assert [(f.path, f.code, f.line, f.column, f.message) for f in found] == [
        (one, "KP006", slug_line, 1, f"slug: another file for kpi/human-resources: {two}"),
        (two, "KP006", slug_line, 1, f"slug: another file for kpi/human-resources: {one}"),
    ]
    # Passing: one folder, or the same folder twice, or another industry.
    assert validate_paths([first], today=TODAY).findings == []
    assert validate_paths([first, first / "kpi" / "human-resources.yaml"], today=TODAY).files == 1
    other = KPI.replace("industry: human-resources", "industry: sales")
    (second / "kpi" / "human-resources.yaml").rename(second / "kpi" / "sales.yaml")
    (second / "kpi" / "sales.yaml").write_text(other, encoding="utf-8")
    assert validate_paths([first, second], today=TODAY).findings == []


def okr_text() -> str:
    """A second term made from the test file: slug okr, named OKR, one alias OKRs."""
    text = KPI.replace("slug: kpi\n", "slug: okr\n").replace("name: KPI\n", "name: OKR\n")
    text = text.replace(
        "full_name: Key Performance Indicators", "full_name: Objectives and Key Results"
    )
    start, end = text.index("aliases:\n"), text.index("summary:")
    return text[:start] + "aliases:\n  - OKRs\n" + text[end:]


def test_kp007_alias_colliding_with_another_terms_alias_or_slug(tmp_path: Path) -> None:
    okr = okr_text()
    kpi = edit("  - success indicators\n", "  - OKRs\n  - okr\n")
    root = tmp_path / "terms"
    for slug, text in (("kpi", kpi), ("okr", okr)):
        (root / slug).mkdir(parents=True)
        (root / slug / "human-resources.yaml").write_text(text, encoding="utf-8")
    found = validate_paths([root], today=TODAY).findings
    kpi_path, okr_path = (str(root / s / "human-resources.yaml") for s in ("kpi", "okr"))
    assert [(f.path, f.code, f.line, f.column, f.message) for f in found] == [
        (kpi_path, "KP007", line_of(kpi, "- OKRs"), 5,
         f"aliases[2]: 'OKRs' also names term 'okr' ({okr_path}:{line_of(okr, '- OKRs')})"),
        (kpi_path, "KP007", line_of(kpi, "- okr"), 5,
         f"aliases[3]: 'okr' also names term 'okr' ({okr_path}:{line_of(okr, 'slug: okr')})"),
        (okr_path, "KP007", line_of(okr, "- OKRs"), 5,
         f"aliases[0]: 'OKRs' also names term 'kpi' ({kpi_path}:{line_of(kpi, '- OKRs')})"),
    ]  # fmt: skip


def test_kp007_passes_for_one_term_in_several_industries(tmp_path: Path) -> None:
    # kpi/management.yaml shares names with kpi/human-resources.yaml: same term, no clash.
    on_path = search_path()
    assert (
        validate_paths([shipped_content_dir() / "kpi"], today=TODAY, search_path=on_path).findings
        == []
    )
    assert validate_paths([shipped_content_dir()], today=TODAY).findings == []


# Schema-error examples and the JSON Schema.


@pytest.mark.parametrize("code", ["KP002", "KP003", "KP004"])
def test_json_schema_rejects_each_schema_error_example(run, code: str) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(run("schema").stdout)
    validator = jsonschema.Draft7Validator(schema)
    text = FAILING[code].text
    assert isinstance(text, str)
    assert list(validator.iter_errors(as_json(yaml.safe_load(text))))
    assert not list(validator.iter_errors(as_json(yaml.safe_load(KPI))))


# Ignoring codes.


def test_ignore_drops_warnings_only(tmp_path: Path) -> None:
    text = FAILING["KP105"].text
    assert isinstance(text, str)
    assert findings_for(tmp_path, text, ignore={"KP105"}) == []
    assert parse_ignore(["KP105", "kp106,KP107"]) == {"KP105", "KP106", "KP107"}
    with pytest.raises(ValueError, match="KP002 is an error"):
        parse_ignore(["KP002"])
    with pytest.raises(ValueError, match="unknown rule code 'KP999'"):
        parse_ignore(["KP999"])


# Findings are one safe line each.


def test_keys_with_markup_escapes_and_newlines_stay_one_plain_line(tmp_path: Path) -> None:
    text = edit("summary:", '"[bold]x[/bold]\\e[31m\\nnext": 1\nsummary:')
    (finding,) = findings_for(tmp_path, text)
    assert finding.code == "KP002"
    assert finding.message == "[bold]x[/bold]\\x1b[31m\\nnext: unknown field"
    assert "\n" not in finding.format() and "\x1b" not in finding.format()


def test_a_file_with_schema_errors_still_gets_its_warnings(tmp_path: Path) -> None:
    text = edit("analogy: >-\n", "analogie: >-\n").replace(
        "last_reviewed: 2026-11-25", "last_reviewed: 2020-01-01"
    )
    codes = [f.code for f in findings_for(tmp_path, text)]
    assert codes == ["KP003", "KP002", "KP106"]


# The command.


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = tmp_path / "my-terms"
    (folder / "kpi").mkdir(parents=True)
    text = edit("analogy: >-\n", "analogie: >-\n").replace(
        "Introduced new key performance indicators tied to company objectives",
        "Responsible for key performance indicators",
    )
    (folder / "kpi" / "human-resources.yaml").write_text(text, encoding="utf-8")
    return folder


def test_command_prints_findings_like_a_linter(run, broken: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(broken))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(LINE_RE.match(line) for line in lines), lines
    assert [LINE_RE.match(line)["code"] for line in lines] == ["KP003", "KP002", "KP105"]  # type: ignore[index]
    path = broken / "kpi" / "human-resources.yaml"
    assert f"{path}:{line_of(KPI, 'analogy:')}:1: KP002 analogie: unknown field" in lines
    assert result.stderr == "1 file, 2 errors, 1 warning\n"


def test_warnings_exit_0_unless_strict(run, broken: Path) -> None:  # type: ignore[no-untyped-def]
    path = broken / "kpi" / "human-resources.yaml"
    path.write_text(FAILING["KP105"].text, encoding="utf-8")  # type: ignore[arg-type]
    result = run("validate", str(broken))
    assert (result.exit_code, result.stderr) == (0, "1 file, 0 errors, 1 warning\n")
    assert run("validate", "--strict", str(broken)).exit_code == 1
    ignored = run("validate", "--strict", "--ignore", "KP105", str(broken))
    assert (ignored.exit_code, ignored.stdout) == (0, "")
    assert ignored.stderr == "1 file, 0 errors, 0 warnings\n"


@pytest.mark.parametrize(("code", "message"), [("KP001", "is an error"), ("XX1", "unknown rule")])
def test_ignoring_an_error_or_an_unknown_code_is_a_usage_error(
    run, code: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--ignore", code)
    assert result.exit_code == 2
    assert message in result.stderr


def test_json_format(run, broken: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--format", "json", str(broken))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["code"] for d in data] == ["KP003", "KP002", "KP105"]
    assert data[1] == {
        "path": str(broken / "kpi" / "human-resources.yaml"),
        "line": line_of(KPI, "analogy:"),
        "column": 1,
        "code": "KP002",
        "severity": "error",
        "message": "analogie: unknown field",
    }
    assert data[2]["severity"] == "warning"
    assert result.stderr == "1 file, 2 errors, 1 warning\n"


def test_shipped_content_is_clean(run) -> None:  # type: ignore[no-untyped-def]
    """With today's date: shipped content older than 18 months fails here, on purpose."""
    result = run("validate")
    count = len(list(shipped_content_dir().glob("*/*.yaml")))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"{count} files, 0 errors, 0 warnings\n"
    assert run("validate", "--strict", str(shipped_content_dir())).exit_code == 0


def test_default_is_the_search_path_where_overrides_are_no_finding(
    run, write_term, user_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    write_term()  # the user's kpi/human-resources.yaml replaces the shipped one
    count = len(list(shipped_content_dir().glob("*/*.yaml"))) + 1
    result = run("--content-dir", str(user_dir), "validate")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"{count} files, 0 errors, 0 warnings\n"
    env_result = run("validate", env={"KPIPREP_CONTENT_PATH": str(user_dir)})
    assert env_result.stderr == result.stderr
    # A user term that takes a shipped term's alias is a clash with the files that win.
    okr = okr_text().replace("slug: okr", "slug: objectives").replace("  - OKRs\n", "  - KPIs\n")
    write_term(okr, slug="objectives")
    clash = run("--content-dir", str(user_dir), "validate")
    assert clash.exit_code == 1
    user_lines = [
        line
        for line in clash.stdout.splitlines()
        if line.startswith(f"{user_dir / 'objectives' / 'human-resources.yaml'}:")
    ]
    assert any("KP007 aliases[0]: 'KPIs' also names term 'kpi'" in line for line in user_lines)


def test_missing_path_is_a_usage_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_folder_without_content_files_says_so(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0
    assert (
        result.stderr == f"warning: no content files in {tmp_path}\n0 files, 0 errors, 0 warnings\n"
    )


def test_the_editor_schema_new_writes_is_skipped_not_checked(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A pre-commit hook hands validate every changed file under the content folder, and the
    first commit of a folder made by `new` holds the schema `new` wrote there."""
    folder = tmp_path / "my-terms"
    assert run("new", "okr-cycle", "--dir", str(folder)).exit_code == 0
    schema, term = folder / "kpiprep.schema.json", folder / "okr-cycle" / "human-resources.yaml"
    result = run("validate", str(schema), str(term))
    assert result.exit_code == 0, result.stdout
    assert "kpiprep.schema.json" not in result.stdout
    assert {line.split(" ")[1] for line in result.stdout.splitlines()} == {"KP107"}
    assert result.stderr.startswith(f"skipped {schema}: the editor schema")
    assert result.stderr.endswith("\n1 file, 0 errors, 101 warnings\n")
    # Only kpiprep's own schema: any other file given by name is still checked.
    other = folder / "notes.json"
    other.write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("validate", str(other)).exit_code == 1


def test_term_folder_and_single_files_are_accepted(run, broken: Path) -> None:  # type: ignore[no-untyped-def]
    path = broken / "kpi" / "human-resources.yaml"
    for target in (broken / "kpi", path):
        result = run("validate", str(target))
        assert result.stderr == "1 file, 2 errors, 1 warning\n"


@pytest.mark.parametrize("fmt", list(TextFormat))
def test_every_report_format_renders(run, broken: Path, fmt: TextFormat) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--format", fmt.value, str(broken))
    assert result.exit_code == 1
    assert "KP002" in result.stdout and "analogie" in result.stdout
    assert result.stderr == "1 file, 2 errors, 1 warning\n"


# Any file at all: findings, never a crash.

_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates()
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_KPI_DATA: dict[str, Any] = yaml.safe_load(KPI)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.lists(st.sampled_from(["questions", "junior", "mid", "senior", 0, 1, "listen_for",
                                   "question", "expected_answer", "aliases", "resume_phrases",
                                   "last_reviewed", "name", "slug"]), min_size=1, max_size=4),
    value=_values,
)  # fmt: skip
def test_any_damage_gives_findings_never_a_crash(
    tmp_path: Path, path: list[Any], value: Any
) -> None:
    import copy

    data = copy.deepcopy(_KPI_DATA)
    node: Any = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    try:
        node[path[-1]] = value
    except (IndexError, TypeError):
        pass
    text = yaml.safe_dump(data, allow_unicode=True)
    for finding in findings_for(tmp_path, text):
        assert LINE_RE.match(finding.format()), finding


def test_a_folder_that_cannot_be_read_is_an_error_not_a_silent_pass(
    run, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    locked = broken / "kpi"

    def refusing(real):  # type: ignore[no-untyped-def]
        def read(path):  # type: ignore[no-untyped-def]
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied")
            return real(path)

        return read

    # However the folder is read (listed, or scanned with file types), it refuses.
    monkeypatch.setattr(os, "scandir", refusing(os.scandir))
    monkeypatch.setattr(os, "listdir", refusing(os.listdir))
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert result.stdout == f"{locked}:1:1: KP008 cannot read folder: Permission denied\n"
    assert result.stderr == "0 files, 1 error, 0 warnings\n"
    searched = run("--content-dir", str(broken), "validate")
    assert searched.exit_code == 1
    assert f"{locked}:1:1: KP008 cannot read folder: Permission denied\n" in searched.stdout


@pytest.mark.parametrize(
    ("today", "reviewed", "stale"),
    [
        (dt.date(2026, 11, 25), "2025-05-25", False),
        (dt.date(2026, 11, 25), "2025-05-24", True),
        (dt.date(2026, 8, 31), "2025-02-28", False),  # 18 months before the 31st: Feb 28
        (dt.date(2026, 8, 31), "2025-02-27", True),
        (dt.date(2028, 2, 29), "2026-08-29", False),
    ],
)
def test_kp106_counts_calendar_months(
    tmp_path: Path, today: dt.date, reviewed: str, stale: bool
) -> None:
    text = edit("last_reviewed: 2026-11-25", f"last_reviewed: {reviewed}")
    path = tmp_path / "kpi" / "human-resources.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    codes = [f.code for f in validate_paths([tmp_path], today=today).findings]
    assert codes == (["KP106"] if stale else [])
