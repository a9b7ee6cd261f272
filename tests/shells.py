"""Real shells for the completion tests: a stand-in `kpiprep` on PATH, and keys pressed in
an interactive bash, zsh or fish under tmux."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import KPI_FILE

SHELLS = ("bash", "zsh", "fish")


def needs(*tools: str) -> pytest.MarkDecorator:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)}")


def stand_in(folder: Path, log: Path) -> Path:
    """A `kpiprep` for PATH: the real one when a shell asks it for completions, otherwise
    it logs the arguments the shell passed it (one JSON list a line) and does nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "kpiprep"
    python = shlex.quote(sys.executable)
    program.write_text(
        "#!/bin/sh\n"
        'if [ -n "$_KPIPREP_COMPLETE" ]; then\n'
        f"    exec {python} -c 'from kpiprep.cli import main; main()' \"$@\"\n"
        "fi\n"
        f"exec {python} -c 'import json, sys; "
        f'open(sys.argv[1], "a").write(json.dumps(sys.argv[2:]) + "\\n")\' '
        f'{shlex.quote(str(log))} "$@"\n',
        encoding="utf-8",
    )
    program.chmod(0o755)
    return folder


def term_file(folder: Path, slug: str, name: str, aliases: list[str]) -> Path:
    """A term made from the test KPI file, with its own slug, name and aliases."""
    text = KPI_FILE.read_text(encoding="utf-8")
    text = text.replace("slug: kpi\n", f"slug: {slug}\n").replace("name: KPI\n", f"name: {name}\n")
    text = text.replace("full_name: Key Performance Indicators", f"full_name: {name} index")
    start, end = text.index("aliases:\n"), text.index("summary:")
    listed = "".join(f"  - {json.dumps(alias)}\n" for alias in aliases)
    path = folder / slug / "human-resources.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[:start] + "aliases:\n" + listed + text[end:], encoding="utf-8")
    return path


def logged(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


class Tmux:
    """One interactive shell in a tmux server of its own."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        # The shell gets `env` and nothing else (env -i): no start-up file or setting of the
        # person running the tests leaks in.
        self.server = ["tmux", "-L", f"kpiprep-test-{os.getpid()}-{time.monotonic_ns()}"]
        base = {"TERM": "screen", "LANG": "C.UTF-8"}
        command = shlex.join(["env", "-i", *(f"{k}={v}" for k, v in {**base, **env}.items()),
                              *argv])  # fmt: skip
        subprocess.run([*self.server, "new-session", "-d", "-s", "t", "-x", "150", "-y", "40",
                        "-c", str(cwd), command], check=True, timeout=10)  # fmt: skip

    def screen(self) -> str:
        done = subprocess.run([*self.server, "capture-pane", "-t", "t", "-p"],
                              capture_output=True, text=True, timeout=10)  # fmt: skip
        return done.stdout

    def type(self, text: str) -> None:
        subprocess.run([*self.server, "send-keys", "-t", "t", "-l", text], check=True, timeout=10)

    def press(self, *keys: str) -> None:
        subprocess.run([*self.server, "send-keys", "-t", "t", *keys], check=True, timeout=10)

    def close(self) -> None:
        subprocess.run([*self.server, "kill-server"], timeout=10, check=False)


def wait(condition, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return bool(condition())


def run_lines(tmux: Tmux, log: Path, lines: list[str]) -> list[list[str]]:
    """Type each line, press TAB, then Enter: the arguments each run of kpiprep got."""
    tmux.type("kpiprep ready")
    tmux.press("Enter")
    assert wait(lambda: logged(log) == [["ready"]]), tmux.screen()  # the shell is up
    for count, line in enumerate(lines, start=2):
        tmux.type(line)
        tmux.press("Tab")
        time.sleep(0.3)
        tmux.press("Enter")
        if not wait(lambda: len(logged(log)) >= count):  # noqa: B023 - called here, at once
            break
    return logged(log)[1:]


def shell_env(home: Path, bin_dir: Path, **more: str) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{bin_dir}:/usr/local/bin:/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        **more,
    }
