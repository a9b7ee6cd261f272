"""Term cards on a terminal: Rich and the escape-code writer draw the same lines and styles."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from conftest import SHIPPED_KPI
from kpiprep.enums import Level
from kpiprep.loader import load_file
from kpiprep.render.ansi import to_ansi
from kpiprep.render.styled import explain_runs, questions_runs
from kpiprep.render.terminal import explain_view, questions_view

SGR = re.compile(r"\x1b\[[0-9;]*m")
SRC = Path(__file__).resolve().parents[1] / "src"


def rich_lines(renderable: object, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=True, color_system="standard",
            highlight=False, markup=False, emoji=False).print(renderable)  # fmt: skip
    return buffer.getvalue()


@pytest.mark.parametrize("width", [60, 80, 132])
@pytest.mark.parametrize("boxed", [True, False])
def test_escape_codes_and_rich_draw_the_same_card(width: int, boxed: bool) -> None:
    term = load_file(SHIPPED_KPI)
    levels = list(Level)
    pairs = [
        (explain_runs(term, width, ["sales"], boxed=boxed),
         explain_view(term, width, ["sales"], boxed=boxed)),
        (questions_runs(term, levels, width, boxed=boxed),
         questions_view(term, levels, width, boxed=boxed)),
    ]  # fmt: skip
    for runs, view in pairs:
        ours, theirs = to_ansi(runs), rich_lines(view, width)
        plain = SGR.sub("", ours)
        assert plain == SGR.sub("", theirs)
        assert max(len(line) for line in plain.splitlines()) <= width
        assert "\x1b[1;36m" in ours and "\x1b[0m" in ours  # labels in bold cyan, reset


def test_no_colour_means_plain_text() -> None:
    term = load_file(SHIPPED_KPI)
    out = to_ansi(explain_runs(term, 80, boxed=False), colour=False)
    assert "\x1b[" not in out and "╭" not in out


def test_a_terminal_run_writes_escape_codes_without_importing_rich(tmp_path: Path) -> None:
    import pty

    script = (
        "import sys\nfrom kpiprep.cli import main\nsys.argv = ['kpiprep', 'explain', 'kpi']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"open({str(tmp_path / 'modules')!r}, 'w').write(' '.join(sys.modules))\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE")
    }
    env.update(PYTHONPATH=str(SRC), COLUMNS="80", TERM="xterm-256color")
    subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True)
    leader, follower = pty.openpty()  # the second run, on a terminal, with a warm cache
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=follower,
                            stderr=subprocess.PIPE)  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    out = b"".join(chunks).decode()
    assert "\x1b[1m" in out and "╭" in out and "Key Performance Indicators" in out
    modules = set((tmp_path / "modules").read_text().split())
    assert "rich.console" not in modules, sorted(m for m in modules if m.startswith("rich"))
    assert "yaml" not in modules
