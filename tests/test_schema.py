"""`kpiprep schema`: generated from the model, shipped beside the content, read by editors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import as_json
from kpiprep.locate import SCHEMA_COMMENT, SCHEMA_FILE_NAME, shipped_content_dir
from kpiprep.schema import json_schema_text

UPDATE = os.environ.get("KPIPREP_UPDATE_GOLDEN") == "1"
SHIPPED_SCHEMA = shipped_content_dir() / SCHEMA_FILE_NAME
SHIPPED_FILES = sorted(shipped_content_dir().rglob("*.yaml"))


def schema_validator() -> Any:
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_command_prints_the_schema(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == json_schema_text()
    assert json.loads(result.stdout)["title"] == "kpiprep content file"


def test_shipped_schema_file_is_the_command_output(run) -> None:  # type: ignore[no-untyped-def]
    """Regenerate after a change to the model with KPIPREP_UPDATE_GOLDEN=1."""
    if UPDATE:
        SHIPPED_SCHEMA.write_text(run("schema").stdout, encoding="utf-8")
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == run("schema").stdout


def test_schema_is_a_valid_draft_7_schema() -> None:
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_every_field_has_a_description() -> None:
    schema = json.loads(json_schema_text())
    missing = []

    def walk(node: Any, where: str) -> None:
        for name, prop in node.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{where}.{name}")
        for name, sub in node.get("$defs", {}).items():
            walk(sub, name)

    walk(schema, "TermSchema")
    assert missing == []


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_accepts_every_shipped_file_as_pyyaml_reads_it(path: Path) -> None:
    """Python's jsonschema on what yaml.safe_load returns, nothing converted: a bare date
    would load as a date object, which no JSON Schema string accepts (check-jsonschema,
    which reads dates as text, would pass it). So shipped dates are quoted."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator().iter_errors(data)]
    assert errors == []


def test_a_bare_date_is_what_the_shipped_files_avoid(kpi_text: str) -> None:
    """The loader takes both; only the quoted form passes Python's jsonschema too."""
    from kpiprep.loader import load_text

    bare = "\nlast_reviewed: 2026-11-25\n"
    assert kpi_text.count(bare) == 1
    quoted = kpi_text.replace(bare, '\nlast_reviewed: "2026-11-25"\n')
    name = "kpi/human-resources.yaml"
    assert load_text(quoted, name) == load_text(kpi_text, name)
    assert not list(schema_validator().iter_errors(yaml.safe_load(quoted)))
    assert list(schema_validator().iter_errors(yaml.safe_load(kpi_text)))


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_file_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_COMMENT
    target = first.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == SHIPPED_SCHEMA.resolve()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", " \n "), ("definition", "an escape \x1b[31m here"), ("summary", "")],
)
def test_schema_refuses_what_the_loader_refuses(kpi_text: str, field: str, value: str) -> None:
    data = as_json(yaml.safe_load(kpi_text))
    assert not list(schema_validator().iter_errors(data))
    assert list(schema_validator().iter_errors({**data, field: value}))
