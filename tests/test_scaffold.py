"""`kpiprep new`: a template with every field that validates with placeholder warnings only."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from kpiprep.locate import SCHEMA_COMMENT, SCHEMA_FILE_NAME
from kpiprep.scaffold import template
from kpiprep.schema import QuestionSchema, TermSchema
from kpiprep.validate import validate_paths

TODAY = dt.date.today()
PLACEHOLDER = re.compile(r'"TODO:[^"]*"|TODO:.*')  # quoted, or the first line of a >- block


def fill(text: str) -> str:
    """Replace every placeholder the way a writer would: distinct, concrete, long enough."""
    numbers = itertools.count(1)

    def real(match: re.Match[str]) -> str:
        n = next(numbers)
        text = (
            f"Filled-in text number {n}: a real sentence that says enough to guide an "
            f"interviewer, with a figure such as {n}0% or {n} teams, as of 2026"
        )
        return json.dumps(text) if match.group().startswith('"') else text

    return PLACEHOLDER.sub(real, text)


def test_template_has_every_field_in_schema_order() -> None:
    data = yaml.safe_load(template("okr-cycle", "human-resources", TODAY))
    assert list(data) == list(TermSchema.model_fields)
    for level in ("junior", "mid", "senior"):
        for question in data["questions"][level]:
            assert list(question) == list(QuestionSchema.model_fields)
        assert list(data["levels"][level]) == ["years", "indicators"]
    assert data["slug"] == "okr-cycle" and data["industry"] == "human-resources"
    assert data["industry_name"] == "Human Resources"
    assert data["last_reviewed"] == TODAY.isoformat()  # quoted: YAML and JSON readers agree


def test_template_starts_with_the_schema_comment() -> None:
    assert template("x", "y", TODAY).splitlines()[0] == SCHEMA_COMMENT


def test_new_writes_the_file_and_says_what_next(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = dt.date.today()
    result = run("new", "okr-cycle", "--dir", str(tmp_path))
    after = dt.date.today()  # the run may cross midnight
    assert result.exit_code == 0, result.output
    path = tmp_path / "okr-cycle" / "human-resources.yaml"
    assert result.stdout == f"{path}\n"
    assert result.stderr.splitlines() == [
        f"wrote {tmp_path / SCHEMA_FILE_NAME}"
        " (editor completion and checking; see docs/content.md)",
        f"next: replace every TODO in {path}, then check it: kpiprep validate {path}",
    ]
    written = path.read_text(encoding="utf-8")
    assert written in {template("okr-cycle", "human-resources", day) for day in (before, after)}
    # The comment's relative path reaches the schema that was written beside the terms.
    assert (tmp_path / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == run("schema").stdout


def test_new_alone_validates_with_placeholder_warnings_only(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("new", "okr-cycle", "--dir", str(tmp_path))
    path = tmp_path / "okr-cycle" / "human-resources.yaml"
    text = path.read_text(encoding="utf-8")
    findings = validate_paths([tmp_path], today=dt.date.today()).findings  # the date new wrote
    assert findings and {f.code for f in findings} == {"KP107"}
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if "TODO:" in line]
    # Each placeholder is reported once, at its own line (a folded block at its key).
    folded = [n for n in todo_lines if text.splitlines()[n - 2].endswith(">-")]
    assert sorted(f.line for f in findings) == sorted(
        n - 1 if n in folded else n for n in todo_lines
    )
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == f"1 file, 0 errors, {len(findings)} warnings\n"
    assert run("validate", "--strict", str(tmp_path)).exit_code == 1


def test_new_then_filled_in_validates_cleanly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("new", "okr-cycle", "--dir", str(tmp_path))
    path = tmp_path / "okr-cycle" / "human-resources.yaml"
    filled = fill(path.read_text(encoding="utf-8"))
    assert "TODO:" not in filled
    path.write_text(filled, encoding="utf-8")
    result = run("validate", "--strict", str(tmp_path))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 file, 0 errors, 0 warnings\n"
    # ...and kpiprep uses it.
    shown = run("--content-dir", str(tmp_path), "explain", "okr-cycle")
    assert shown.exit_code == 0 and "Filled-in text number 1" in shown.stdout


def test_template_passes_the_json_schema(run) -> None:  # type: ignore[no-untyped-def]
    validator = jsonschema.Draft7Validator(json.loads(run("schema").stdout))
    data = yaml.safe_load(template("okr-cycle", "sales", TODAY))
    assert list(validator.iter_errors(data)) == []  # as PyYAML reads it, nothing converted


@pytest.mark.parametrize(("slug", "industry"), [("on", "null"), ("360", "yes"), ("a-1", "b")])
def test_slugs_that_yaml_would_misread_are_quoted(tmp_path: Path, slug: str, industry: str) -> None:
    path = tmp_path / slug / f"{industry}.yaml"
    path.parent.mkdir()
    path.write_text(template(slug, industry, TODAY), encoding="utf-8")
    assert {f.code for f in validate_paths([tmp_path], today=TODAY).findings} == {"KP107"}


def test_industry_option_and_environment(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "okr", "--industry", "retail-banking", "--dir", str(tmp_path))
    data = yaml.safe_load(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    assert (data["industry"], data["industry_name"]) == ("retail-banking", "Retail Banking")
    result = run("new", "okr", "--dir", str(tmp_path), env={"KPIPREP_INDUSTRY": "sales"})
    assert result.stdout == f"{tmp_path / 'okr' / 'sales.yaml'}\n"
    assert "wrote" not in result.stderr  # the schema file is there already: left as it is


def test_new_never_replaces_a_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "okr" / "human-resources.yaml"
    path.parent.mkdir()
    path.write_text("precious\n", encoding="utf-8")
    result = run("new", "okr", "--dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path} already exists; kpiprep new never replaces a file\n"
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == "precious\n"


def test_new_creates_the_content_folder_but_not_a_tree(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "my-terms"
    result = run("new", "okr", "--dir", str(fresh))
    assert result.exit_code == 0, result.output
    assert (fresh / "okr" / "human-resources.yaml").is_file()
    missing = tmp_path / "nope" / "deeper"
    result = run("new", "okr", "--dir", str(missing))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: folder {missing.parent} does not exist; create it, or choose another with --dir\n"
    )
    assert not missing.parent.exists()
    (tmp_path / "file").write_text("x")
    result = run("new", "okr", "--dir", str(tmp_path / "file"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    (tmp_path / "okr").write_text("x")
    result = run("new", "okr", "--dir", str(tmp_path))
    assert result.exit_code == 1 and "is not a folder" in result.stderr


@pytest.mark.parametrize("args", [["Okr Cycle"], ["okr", "-i", "People & Culture"], ["a--b"]])
def test_slug_and_industry_must_be_slugs(run, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run("new", *args, "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert "is not a slug" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_bad_industry_from_the_environment_is_named(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "okr", "--dir", str(tmp_path), env={"KPIPREP_INDUSTRY": "Bad Name"})
    assert result.exit_code == 2
    assert "KPIPREP_INDUSTRY='Bad Name' is not an industry slug" in result.stderr
    assert not (tmp_path / "okr").exists()


@pytest.mark.parametrize("typed", ["Management", "management", "Human Resources"])
def test_new_takes_an_industry_by_name(run, tmp_path: Path, typed: str) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "okr-cycle", "--industry", typed, "--dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    slug = "-".join(typed.lower().split())
    assert result.stdout == f"{tmp_path / 'okr-cycle' / slug}.yaml\n"
