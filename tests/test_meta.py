"""Meta-tests: the shipped library, help texts and entry points stay complete."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kpiprep.cli import app
from kpiprep.enums import Level
from kpiprep.library import Library
from kpiprep.locate import search_path, shipped_content_dir

COMMANDS = [
    "explain", "questions", "guide", "list", "search", "paths", "validate", "new", "schema",
    "practice", "sourcing", "scan",
    "practice", "sourcing", "score", "debrief", "role", "role new", "role list",
]  # fmt: skip


def shipped_entries():  # type: ignore[no-untyped-def]
    return list(Library([f for f in search_path() if f.origin == "shipped"]).entries().values())


def test_shipped_content_is_found() -> None:
    assert (shipped_content_dir() / "kpi" / "human-resources.yaml").is_file()


@pytest.mark.parametrize("entry", shipped_entries(), ids=lambda e: f"{e.slug}/{e.industry}")
def test_every_shipped_file_validates_with_every_level(entry) -> None:  # type: ignore[no-untyped-def]
    term = Library([entry.folder]).load(entry)
    for level in Level:
        assert term.questions.for_level(level)
        assert term.levels.for_level(level).indicators


def test_commands_are_the_documented_ones() -> None:
    names = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    groups = {g.name for g in app.registered_groups}
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names |= {f"{group.name} {c.name}" for c in group.typer_instance.registered_commands}
    assert set(COMMANDS) <= names | groups


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    assert f"kpiprep {command}" in result.stdout
    assert "Example" in result.stdout


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kpiprep", "explain", "kpi"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("KPI · Key Performance Indicators")


ROOT = Path(__file__).resolve().parents[1]


def readme_blocks(lang: str, section: str = "") -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    if section:
        text = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_ci_runs_the_readme_test_command() -> None:
    commands = [b.strip() for b in readme_blocks("sh", "Set-up")]
    assert len(commands) == 2 and "kpiprep explain kpi" in commands[0]
    assert "pytest" in commands[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci_lines


def readme_examples() -> list[tuple[list[str], str]]:
    """Each `$ kpiprep explain|questions|search|sourcing ...` in the README, with its output."""
    examples = []
    for block in readme_blocks("text"):
        for segment in re.split(r"(?m)^(?=\$ kpiprep )", block):
            if not segment.startswith("$ kpiprep "):
                continue
            command, _, output = segment.partition("\n")
            args = shlex.split(command)[2:]
            # Examples that need the reader's own files (--content-dir), or a shell to close
            # or redirect a stream, are not replayed here (tests/test_security.py runs those).
            if any(a.startswith((">", "2>", "|")) for a in args):
                continue
            # Nor are those that write files.
            if not args or args[0] not in ("explain", "questions", "search", "sourcing", "scan"):
                continue
            if not {"--export", "--role-out"} & set(args):
                examples.append((args, output))
    return examples


def test_readme_has_examples_to_check() -> None:
    shown = {args[0] for args, _ in readme_examples()}
    assert shown == {"explain", "questions", "search", "sourcing", "scan"}


@pytest.mark.parametrize(
    ("args", "output"), readme_examples(), ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_readme_shows_real_output(
    run, args: list[str], output: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # the scan examples name files of the repository
    real = run(*args).output
    if output.endswith("\n...\n"):  # a long output shown in part: its first lines, exactly
        shown = output[: -len("...\n")]
        assert real.startswith(shown) and len(real) > len(shown)
    else:
        assert real == output
