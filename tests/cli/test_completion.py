"""Shell completion never lets a content file run a command, in any shell Typer supports."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import KPI_FILE

SHELLS = ("bash", "zsh", "fish", "powershell")


def hostile_folder(root: Path) -> Path:
    """A shared content folder whose names and help texts try to break out of quoting."""
    text = KPI_FILE.read_text(encoding="utf-8")
    pwned = root / "PWNED"
    text = text.replace("slug: kpi\n", "slug: evil\n")
    text = text.replace("name: KPI\n", f"name: 'a\\\");touch {pwned}1;ws=(b'\n")
    text = text.replace(
        "full_name: Key Performance Indicators",
        f'full_name: "x$(touch {pwned}2)`touch {pwned}3`"',
    )
    text = text.replace(
        "industry_name: Human Resources", f"industry_name: 'HR\\\"; touch {pwned}4'"
    )
    start, end = text.index("aliases:\n"), text.index("summary:")
    aliases = (
        f'aliases:\n  - "evil $(touch {pwned}5)"\n  - "evil; touch {pwned}6"\n  - evil plain\n'
    )
    folder = root / "content"
    (folder / "evil").mkdir(parents=True)
    (folder / "evil" / "human-resources.yaml").write_text(
        text[:start] + aliases + text[end:], encoding="utf-8"
    )
    return folder


def complete(shell: str, folder: Path, line: str) -> str:
    words = line.split(" ")
    env = {
        **os.environ,
        "KPIPREP_CONTENT_PATH": str(folder),
        "_KPIPREP_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": words[-1],
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    script = "from kpiprep.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    return done.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_hostile_names_are_never_offered(tmp_path: Path, shell: str) -> None:
    folder = hostile_folder(tmp_path)
    out = complete(shell, folder, "kpiprep explain e")
    assert "evil plain" in out or shell == "powershell" and "evil" in out  # completion works
    for needle in ("$(", "`", ";", '\\"', "'a"):  # what could end a quote or run code
        assert needle not in out, (shell, needle, out)
    assert not list(tmp_path.glob("PWNED*"))


@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None, reason="needs zsh and tmux"
)
def test_tab_in_a_real_zsh_runs_nothing(tmp_path: Path) -> None:
    # The reported attack, as a user meets it: an interactive zsh with kpiprep's completion
    # installed, `kpiprep explain a` and TAB, on a content folder with the hostile name.
    folder = tmp_path / "content"
    (folder / "evil").mkdir(parents=True)
    text = KPI_FILE.read_text(encoding="utf-8").replace("slug: kpi\n", "slug: evil\n")
    text = text.replace("name: KPI\n", f"name: 'a\\\");touch {tmp_path}/PWNED;ws=(b'\n")
    (folder / "evil" / "human-resources.yaml").write_text(text, encoding="utf-8")
    script = subprocess.run(
        [sys.executable, "-c", "from kpiprep.cli import main; main()"],
        env={**os.environ, "_KPIPREP_COMPLETE": "source_zsh"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    command = shlex.join([sys.executable, "-c", "from kpiprep.cli import main; main()"])
    script = script.replace(
        "_KPIPREP_COMPLETE=complete_zsh kpiprep)", f"_KPIPREP_COMPLETE=complete_zsh {command})"
    )
    home = tmp_path / "zdot"
    home.mkdir()
    (home / "completion.zsh").write_text(script, encoding="utf-8")
    (home / ".zshrc").write_text(
        f"autoload -Uz compinit && compinit -u -D\nsource {home}/completion.zsh\nPS1='READY> '\n"
    )
    session = f"kpiprep-test-{os.getpid()}"
    env = ["-e", f"KPIPREP_CONTENT_PATH={folder}", "-e", f"ZDOTDIR={home}"]
    tmux = ["tmux", "-L", session]
    subprocess.run([*tmux, "new-session", "-d", "-s", "t", "-x", "120", "-y", "30", *env, "zsh -i"],
                   check=True, timeout=10)  # fmt: skip
    try:
        pane = ""
        for _ in range(50):  # up to 10 s for the prompt
            pane = subprocess.run([*tmux, "capture-pane", "-t", "t", "-p"], capture_output=True,
                                  text=True, timeout=10).stdout  # fmt: skip
            if "READY>" in pane:
                break
            time.sleep(0.2)
        subprocess.run([*tmux, "send-keys", "-t", "t", "kpiprep explain a", "Tab"], timeout=10)
        for _ in range(75):  # up to 15 s for the offers
            pane = subprocess.run([*tmux, "capture-pane", "-t", "t", "-p"], capture_output=True,
                                  text=True, timeout=10).stdout  # fmt: skip
            if "ab-testing" in pane or "accounting" in pane or (tmp_path / "PWNED").exists():
                break
            time.sleep(0.2)
    finally:
        subprocess.run([*tmux, "kill-server"], timeout=10, check=False)
    assert "ab-testing" in pane or "accounting" in pane, pane  # completion really ran
    assert not (tmp_path / "PWNED").exists()


def test_validate_names_what_completion_will_not_offer(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = hostile_folder(tmp_path)
    result = run("validate", str(folder))
    codes = re.findall(r": (KP\d{3}) (\S+)", result.stdout)
    assert ("KP112", "name:") in codes and ("KP112", "full_name:") in codes
    assert ("KP112", "aliases[0]:") in codes and ("KP112", "aliases[1]:") in codes
    assert ("KP112", "aliases[2]:") not in codes
