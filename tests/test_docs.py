"""The authoring guide, the README and the pre-commit hook say what kpiprep really does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import KPI_FILE
from kpiprep.rules import RULES
from kpiprep.schema import TermSchema

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "content.md"
README = ROOT / "README.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def section(path: Path, title: str) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def sessions(text: str) -> list[tuple[str, str]]:
    """Each `$ kpiprep ...` line of the text blocks, with the output shown after it."""
    found = []
    for block in blocks(text, "text"):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = part.partition("\n")
            found.append((command, output))
    return found


def model_fields(model: type[BaseModel]) -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(name)
        inner: Any = info.annotation
        while getattr(inner, "__args__", None):
            inner = inner.__args__[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            names |= model_fields(inner) - {"junior", "mid", "senior"}
    return names


def test_guide_documents_every_field_with_an_example() -> None:
    rows = {
        match[1]: match[2]
        for match in re.finditer(
            r"^\| `([a-z_]+)` \| (.+) \| (.+) \|$", section(GUIDE, "The fields"), re.M
        )
    }
    assert set(rows) == model_fields(TermSchema)
    for line in section(GUIDE, "The fields").splitlines():
        if line.startswith("| `"):
            assert line.count(" | ") == 2 and line.split(" | ")[2].strip("| ").startswith("`")


def test_guide_has_the_rule_table_from_the_rules() -> None:
    table = ["| Code | Severity | What triggers it | How to fix it |", "| --- | --- | --- | --- |"]
    table += [f"| {r.code} | {r.severity} | {r.summary} | {r.fix} |" for r in RULES.values()]
    assert "\n".join(table) + "\n" in section(GUIDE, "Rule codes")


def test_guide_and_readme_point_to_each_other() -> None:
    assert "docs/content.md" in section(README, "Writing content")
    for command in ("kpiprep new", "kpiprep validate", "kpiprep schema"):
        assert command in section(README, "Writing content")


def broken_copy(folder: Path) -> None:
    """The file the guide's validate example describes, made from the shipped KPI file."""
    text = KPI_FILE.read_text(encoding="utf-8")
    for old, new in (
        ("analogy: >-", "analogie: >-"),
        (
            "Introduced new key performance indicators tied to company objectives",
            "Responsible for key performance indicators",
        ),
        ("last_reviewed: 2026-11-25", "last_reviewed: 2020-01-01"),
    ):
        assert old in text
        text = text.replace(old, new)
    (folder / "my-terms" / "kpi").mkdir(parents=True)
    (folder / "my-terms" / "kpi" / "human-resources.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("doc", [GUIDE, README], ids=["guide", "readme"])
def test_pasted_new_and_validate_sessions_are_real(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Path
) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for number, (command, shown) in enumerate(sessions(doc.read_text(encoding="utf-8"))):
        args = command.split()
        if args[:2] not in (["kpiprep", "new"], ["kpiprep", "validate"]):
            continue
        here = tmp_path / str(number)  # each session starts afresh
        here.mkdir()
        monkeypatch.chdir(here)
        if args[:2] == ["kpiprep", "new"]:
            (here / "my-terms").mkdir()
        elif "my-terms" in args:
            broken_copy(here)
        result = run(*args[1:])
        assert result.stdout + result.stderr == shown, command
        checked += 1
    assert checked == 2


def test_pre_commit_hook_runs_validate_on_content_files() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "kpiprep-validate"
    assert hook["entry"] == "kpiprep validate"
    assert hook["language"] == "python"  # pre-commit installs kpiprep from this repository
    assert hook["require_serial"] is True
    assert hook.get("pass_filenames", True) is True

    def selected(path: str) -> bool:
        # pre-commit's own test: re.search on the path relative to the repository root.
        return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)

    for path in ("kpi/human-resources.yaml", "my-terms/okr-cycle/retail-banking.yaml"):
        assert selected(path), path
    for path in (
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yaml",
        "my-terms/kpiprep.schema.json",
        "my-terms/KPI/human-resources.yaml",
        "README.md",
    ):
        assert not selected(path), path


def test_documented_pre_commit_config_is_a_local_hook_like_the_repository_one() -> None:
    """The documented config runs the kpiprep installed where one commits: a remote hook
    needs a git clone (and a tag or commit to name) that a content repository may not reach.
    tests/test_precommit.py runs it with pre-commit on a fresh content repository."""
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    guide = blocks(section(GUIDE, "Checking content before each commit"), "yaml")
    (config,) = (yaml.safe_load(block) for block in guide)
    (repo,) = config["repos"]
    assert repo["repo"] == "local" and "rev" not in repo
    (local_hook,) = repo["hooks"]
    assert local_hook["language"] == "system"
    assert {k: local_hook[k] for k in ("id", "name", "entry", "require_serial")} == {
        k: hook[k] for k in ("id", "name", "entry", "require_serial")
    }
    # `files` is the whole pattern, not a narrowing of the hook's: it must hold the .yaml
    # end itself, and leave other files of the content folder alone.
    assert re.search(local_hook["files"], "my-terms/okr-cycle/human-resources.yaml")
    for other in ("my-terms/README.md", "my-terms/kpiprep.schema.json", "README.md"):
        assert not re.search(local_hook["files"], other), other
    # The README shows the same config as the guide.
    assert blocks(section(README, "Writing content"), "yaml") == guide
