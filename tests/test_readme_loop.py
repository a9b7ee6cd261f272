"""The README's interview-loop example is real: each command is run in a shell, in order, in
a fresh folder, with the shipped library, and must print what the README shows.

The output quotes the shipped content, which its writers keep improving: after a deliberate
change, KPIPREP_UPDATE_GOLDEN=1 writes the new output into the README (review the diff).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TITLE = "### The interview loop: a role, a panel, live scorecards, the debrief"
UPDATE = os.environ.get("KPIPREP_UPDATE_GOLDEN") == "1"


def section(text: str) -> str:
    return text.split(f"\n{TITLE}\n", 1)[1].split("\n### ", 1)[0]


def sessions(part: str) -> list[tuple[str, str]]:
    """Each `$ command` of the section's text blocks, with the output shown after it."""
    found = []
    for block in re.findall(r"```text\n(.*?)```", part, re.S):
        for piece in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = piece.partition("\n")
            found.append((command, output))
    return found


def shell(command: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{command}\n{done.stdout}"
    return done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="runs the commands in bash")
def test_the_readme_panel_example_is_real_output(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    part = section(text)
    role = re.search(r"```yaml\n(.*?)```", part, re.S)
    assert role is not None
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KPIPREP_", "XDG_"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "KPIPREP_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "COLUMNS": "80",
    }
    work = tmp_path / "work"
    work.mkdir()
    shown = sessions(part)
    assert [c.split()[1] for c, _ in shown if c.startswith("kpiprep")][:1] == ["role"]
    actual = []
    for command, _ in shown:
        actual.append(shell(command, work, env))
        if command.startswith("kpiprep role new"):  # the README shows it filled in
            (work / "my-terms" / "roles" / "hr-analyst.yaml").write_text(role[1], "utf-8")
    if UPDATE:
        new_part = part
        for (command, output), real in zip(shown, actual, strict=True):
            new_part = new_part.replace(f"$ {command}\n{output}", f"$ {command}\n{real}", 1)
        README.write_text(text.replace(part, new_part), encoding="utf-8")
        return
    for (command, output), real in zip(shown, actual, strict=True):
        assert real == output, command
    commands = " ".join(c for c, _ in shown)
    for step in ("role new", "guide --role", "score --role", "debrief"):
        assert step in commands
    assert shown[-1][1].count("\n") > 20  # the debrief is shown whole
