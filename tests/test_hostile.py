"""Broken and hostile input: clean errors, bounded cost, nothing read outside content folders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KPI_FILE
from kpiprep import loader as content
from kpiprep.errors import ContentError
from kpiprep.loader import MAX_FILE_BYTES, load_file, load_text

EXAMPLES = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
KPI_DATA: dict[str, Any] = yaml.safe_load(KPI_FILE.read_text(encoding="utf-8"))

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
structures = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def clean_outcome(text: str) -> None:
    try:
        load_text(text, "prop.yaml")
    except ContentError as exc:
        assert str(exc).startswith("prop.yaml")


@EXAMPLES
@given(st.text(max_size=400))
def test_any_text_loads_or_fails_cleanly(text: str) -> None:
    clean_outcome(text)


@EXAMPLES
@given(structures)
def test_any_yaml_document_loads_or_fails_cleanly(data: Any) -> None:
    clean_outcome(yaml.safe_dump(data, allow_unicode=True))


@EXAMPLES
@given(st.sampled_from(sorted(KPI_DATA)), structures)
def test_a_term_with_one_field_replaced_loads_or_fails_cleanly(field: str, value: Any) -> None:
    clean_outcome(yaml.safe_dump({**KPI_DATA, field: value}, allow_unicode=True))


@EXAMPLES
@given(st.binary(max_size=400))
def test_any_bytes_load_or_fail_cleanly(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(raw)
    try:
        load_file(path)
    except ContentError as exc:
        assert str(exc).startswith(str(path))


@EXAMPLES
@given(raw=st.binary(max_size=300), term=st.text(max_size=30))
def test_cli_never_shows_a_traceback(run, user_dir: Path, raw: bytes, term: str) -> None:  # type: ignore[no-untyped-def]
    path = user_dir / "kpi" / "human-resources.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    for args in (("explain", term), ("questions", "kpi"), ("guide", term)):
        result = run("--content-dir", str(user_dir), *args)
        assert result.exit_code in (0, 1, 2)
        assert "Traceback" not in result.output
        assert "\x1b" not in result.output


# Content folders full of traps.


def test_traps_in_a_content_folder(run, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (user_dir / "folder-term" / "human-resources.yaml").mkdir(parents=True)
    (user_dir / "broken-link").mkdir()
    (user_dir / "broken-link" / "human-resources.yaml").symlink_to(user_dir / "nowhere")
    (user_dir / "loop").mkdir()
    (user_dir / "loop" / "human-resources.yaml").symlink_to(
        user_dir / "loop" / "human-resources.yaml"
    )
    (user_dir / "pipe").mkdir()
    os.mkfifo(user_dir / "pipe" / "human-resources.yaml")
    (user_dir / "README.md").write_text("not content")
    (user_dir / "Not A Slug").mkdir()
    base = ("--content-dir", str(user_dir))

    by_alias = run(*base, "explain", "performance metrics")
    assert by_alias.exit_code == 0
    warnings = by_alias.stderr.splitlines()
    assert len(warnings) == 4
    assert any("folder-term/human-resources.yaml: is a folder" in w for w in warnings)
    assert any("broken-link/human-resources.yaml: cannot read" in w for w in warnings)
    assert any("loop/human-resources.yaml: cannot read" in w for w in warnings)
    assert any("pipe/human-resources.yaml: not a regular file" in w for w in warnings)
    assert all(w.startswith("warning: skipping ") for w in warnings)

    needed = run(*base, "explain", "loop")
    assert needed.exit_code == 1
    assert needed.stderr.startswith(f"{user_dir}/loop/human-resources.yaml: cannot read")


def test_unreadable_file(run, write_term, user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = write_term()
    real_open = os.open

    def deny(file: Any, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(content.os, "open", deny)
    result = run("--content-dir", str(user_dir), "explain", "kpi")
    assert result.exit_code == 1
    assert result.stderr == f"{path}: cannot read: Permission denied\n"


def test_two_files_for_one_term_and_industry(run, tmp_path: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    # Across folders the first wins (that is how overrides work); inside a folder the
    # path names the term, and a file claiming another term is refused.
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, name in ((first, "First"), (second, "Second")):
        (folder / "kpi").mkdir(parents=True)
        (folder / "kpi" / "human-resources.yaml").write_text(
            kpi_text.replace("name: KPI", f"name: {name}")
        )
    out = run("--content-dir", str(first), "--content-dir", str(second), "explain", "kpi").stdout
    assert out.startswith("First ·")
    (first / "impostor").mkdir()
    (first / "impostor" / "human-resources.yaml").write_text(kpi_text)
    result = run("--content-dir", str(first), "explain", "impostor")
    assert result.exit_code == 1
    assert "slug: 'kpi' does not match its folder 'impostor'" in result.stderr


def test_escape_sequences_in_keys_never_reach_the_terminal(
    run, write_term, user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    write_term(kpi_text.replace("summary:", '"\\e]0;pwned\\a\\e[2J": 1\nsummary:'))
    result = run("--content-dir", str(user_dir), "explain", "kpi")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07\\x1b[2J: unknown field" in result.stderr


def test_wide_and_combining_characters_keep_boxes_aligned(
    run, write_term, user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    from rich.cells import cell_len

    text = kpi_text.replace(
        "analogy: >-\n",
        "analogy: >-\n  関键绩效指标 e\u0301te\u0301 na\u0308ive ｗｉｄｅ 🚀 " * 3 + "\n",
    )
    write_term(text)
    styled = run("--content-dir", str(user_dir), "explain", "kpi", env={"FORCE_COLOR": "1"})
    out = re.sub(r"\x1b\[[0-9;]*m", "", styled.stdout)
    boxed = [line for line in out.splitlines() if line.startswith(("│", "╭", "├", "╰"))]
    assert len(boxed) > 10
    assert {cell_len(line) for line in boxed} == {80}
    piped = run("--content-dir", str(user_dir), "explain", "kpi").stdout
    assert "関键绩效指标" in piped
    assert max(cell_len(line) for line in piped.splitlines()) <= 80
    aligned = {
        cell_len(line[: line.index("e\u0301te\u0301")])
        for line in piped.splitlines()
        if "e\u0301te\u0301" in line and line.startswith(" Think")
    }
    assert aligned  # the analogy starts in the text column, whatever came before it


# Bounded cost, measured in a child process.


def hostile_files() -> dict[str, str]:
    big = MAX_FILE_BYTES - 100
    return {
        "flow-of-scalars": "a: [" + "1," * (big // 2) + "1]\n",
        "block-list": "aliases:\n" + "- x\n" * (big // 4),
        "many-keys": "".join(f"k{i}: 1\n" for i in range(big // 12)),
        "deep-nesting": "a: " + "[" * (big // 2) + "]" * (big // 2) + "\n",
        "deep-block": "".join(" " * i + f"k{i}:\n" for i in range(1400)),
        "long-string": "name: " + "x" * big + "\n",
        "billion-laughs": "a: &a ["
        + "x," * 9
        + "x]\n"
        + "".join(
            f"b{i}: &b{i} [" + ",".join(["*a" if i == 0 else f"*b{i - 1}"] * 9) + "]\n"
            for i in range(10)
        ),
    }


@pytest.mark.parametrize("name", list(hostile_files()))
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_hostile_file_costs_under_a_second_and_100_mib(tmp_path: Path, name: str) -> None:
    text = hostile_files()[name]
    assert len(text.encode()) <= MAX_FILE_BYTES
    path = tmp_path / "kpi" / "human-resources.yaml"
    path.parent.mkdir()
    path.write_text(text)
    script = (
        "import sys, time\n"
        "from kpiprep.cli import main\n"
        "sys.argv = ['kpiprep', '--content-dir', sys.argv[1], 'explain', 'kpi']\n"
        "start = time.perf_counter()\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "elapsed = time.perf_counter() - start\n"
        # VmHWM is this process's own peak: ru_maxrss would carry over the peak of the
        # (large) pytest process that forked it.
        "status = open('/proc/self/status').read()\n"
        "peak = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
        "print(f'{code} {elapsed:.3f} {peak:.1f}', file=sys.stdout)\n"
    )
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=30
    )
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}:")
    code, elapsed, peak_mib = done.stdout.split()
    assert code == "1"
    assert float(elapsed) < 1.0, f"{name} took {elapsed}s"
    assert float(peak_mib) < 100, f"{name} peaked at {peak_mib} MiB"
    assert time.perf_counter() - began < 10
