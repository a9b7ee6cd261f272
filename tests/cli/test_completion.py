"""Shell completion never lets a content file run a command, in any shell Typer supports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import KPI_FILE
from kpiprep.cli.shellsetup import install
from shells import Tmux, run_lines, shell_env, stand_in, wait

SHELLS = ("bash", "zsh", "fish", "powershell")


def hostile_folder(root: Path) -> Path:
    """A shared content folder whose names and help texts try to break out of quoting."""
    text = KPI_FILE.read_text(encoding="utf-8")
    pwned = root / "PWNED"
    text = text.replace("slug: kpi\n", "slug: hostile\n")
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
    (folder / "hostile").mkdir(parents=True)
    (folder / "hostile" / "human-resources.yaml").write_text(
        text[:start] + aliases + text[end:], encoding="utf-8"
    )
    return folder


def complete(shell: str, folder: Path, line: str, *, current: bool) -> str:
    """What kpiprep sends `shell`, asked as kpiprep's scripts ask (`current`) or as those
    of older versions did."""
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
    if current:
        env["_KPIPREP_COMPLETE_LINE"] = line
    script = "from kpiprep.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    return done.stdout


@pytest.mark.parametrize("current", [True, False], ids=["current", "older-script"])
@pytest.mark.parametrize("shell", SHELLS)
def test_hostile_names_are_never_offered(tmp_path: Path, shell: str, current: bool) -> None:
    folder = hostile_folder(tmp_path)
    out = complete(shell, folder, "kpiprep explain e", current=current)
    assert ("evil\\ plain" if shell == "bash" else "evil plain") in out  # completion works
    for needle in ("$(", "`", ";", '\\"', "'a"):  # what could end a quote or run code
        assert needle not in out, (shell, needle, out)
    assert not list(tmp_path.glob("PWNED*"))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_tab_in_a_real_shell_runs_nothing(tmp_path: Path, shell: str) -> None:
    # The reported attack, as a user meets it: an interactive shell with kpiprep's completion
    # installed, `kpiprep explain ` and a start, TAB, on a content folder with hostile names.
    if shutil.which(shell) is None or shutil.which("tmux") is None:
        pytest.skip(f"needs {shell} and tmux")
    folder = hostile_folder(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    install(shell, home, {"XDG_CONFIG_HOME": str(home / ".config")})
    log = tmp_path / "args.log"
    env = shell_env(home, stand_in(tmp_path / "bin", log), KPIPREP_CONTENT_PATH=str(folder),
                    KPIPREP_CACHE_DIR=os.environ["KPIPREP_CACHE_DIR"])  # fmt: skip
    tmux = Tmux([shell, "-i"], env, tmp_path)
    try:
        # A name that is offered completes (completion really ran)...
        runs = run_lines(tmux, log, ["kpiprep explain evil\\ pl"])
        # ...and a list of every name starting with "e", "a" or "x" runs none of them.
        for start in ("e", "a", "x"):
            tmux.type(f"kpiprep explain {start}")
            tmux.press("Tab")
            time.sleep(0.5)
            tmux.press("Tab")
            wait(lambda: bool(list(tmp_path.glob("PWNED*"))), 2)
            tmux.press("C-c")
        screen = tmux.screen()
    finally:
        tmux.close()
    assert runs == [["explain", "evil plain"]], screen
    assert not list(tmp_path.glob("PWNED*")), screen


def test_validate_names_what_completion_will_not_offer(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = hostile_folder(tmp_path)
    result = run("validate", str(folder))
    codes = re.findall(r": (KP\d{3}) (\S+)", result.stdout)
    assert ("KP112", "name:") in codes and ("KP112", "full_name:") in codes
    assert ("KP112", "aliases[0]:") in codes and ("KP112", "aliases[1]:") in codes
    assert ("KP112", "aliases[2]:") not in codes
