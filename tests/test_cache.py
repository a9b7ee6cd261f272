"""Edges found in review: long queries, a full or closed stdout, damaged caches, odd folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import KPI_FILE
from kpiprep.cache import TermCache
from kpiprep.loader import load_file
from kpiprep.search import MAX_QUERY_WORDS


def test_a_long_search_query_is_refused_at_once(run) -> None:  # type: ignore[no-untyped-def]
    words = " ".join(f"word{i}x" for i in range(3000))
    started = time.perf_counter()
    result = run("search", words)
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 1
    assert result.stderr == "error: the query is longer than 200 characters; use a few words\n"
    many = " ".join(["kpi"] + [f"w{i}" for i in range(MAX_QUERY_WORDS)])
    assert run("search", many).stderr.startswith("error: the query has more than 12 words")


def test_search_names_an_unknown_industry(run) -> None:  # type: ignore[no-untyped-def]
    result = run("search", "kpi", "--industry", "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no term has the industry 'nope'; there are: ")
    assert "human-resources" in result.stderr


def test_no_match_message_shortens_the_query(run) -> None:  # type: ignore[no-untyped-def]
    result = run("search", "zzzq " * 30)
    assert result.exit_code == 1
    assert len(result.stderr) < 100 and "..." in result.stderr


def kpiprep(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "kpiprep", *args], text=True, stderr=subprocess.PIPE, **kwargs
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("explain", "kpi"), ("guide",), ("list",), ("schema",)])
def test_a_full_disk_on_stdout_is_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = kpiprep(*args, stdout=full)
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_stops_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before kpiprep writes a byte
    try:
        done = kpiprep("guide", "kpi", "okr", stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""


def damaged(tmp_path: Path, change) -> TermCache:  # type: ignore[no-untyped-def]
    cache = TermCache(tmp_path / "cache")
    load_file(KPI_FILE, cache)
    (entry,) = (tmp_path / "cache" / "terms").iterdir()
    data = json.loads(entry.read_text())
    change(data["term"])
    entry.write_text(json.dumps(data))
    return cache


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.update(summary=None),
        lambda t: t.update(aliases="not a list"),
        lambda t: t.update(name="KPI\x1b[31m"),
        lambda t: t["questions"]["mid"][0].update(listen_for=[1, 2]),
        lambda t: t["questions"]["mid"].append("a string"),
        lambda t: t["levels"].pop("senior"),
        lambda t: t.update(last_reviewed="not a date"),
        lambda t: t["questions"]["junior"][0].update(minutes="5"),
    ],
)
def test_a_cache_entry_with_wrong_data_is_a_miss(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    term = load_file(KPI_FILE, damaged(tmp_path, change))
    assert term == load_file(KPI_FILE)


def test_a_catalog_record_with_wrong_data_is_rebuilt(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KPIPREP_CACHE_DIR", str(tmp_path))
    first = run("search", "okr", "-f", "json").stdout
    (names,) = (tmp_path / "catalog").glob("names-*.json")
    data = json.loads(names.read_text())
    for entry in data["files"].values():
        entry["record"][0] = None  # name
        entry["record"][3] = "not a list"  # names
    names.write_text(json.dumps(data))
    result = run("search", "okr", "-f", "json")
    assert result.stdout == first and result.stderr == ""


def test_validate_reports_what_kpiprep_cannot_read(run, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    (user_dir / "kpi").mkdir()
    (user_dir / "kpi" / "management.yaml").mkdir()  # a folder named like a file
    (user_dir / "okr").mkdir()
    (user_dir / "okr" / "human-resources.yaml").symlink_to(user_dir / "nowhere")
    (user_dir / "smart-goals").mkdir()
    loop = user_dir / "smart-goals" / "human-resources.yaml"
    loop.symlink_to(loop)
    result = run("validate", str(user_dir))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for name in (
        "kpi/management.yaml",
        "okr/human-resources.yaml",
        "smart-goals/human-resources.yaml",
    ):
        assert any(
            line.startswith(f"{user_dir / name}:") and " KP008 " in line for line in lines
        ), name
    assert result.stderr.endswith("3 files, 3 errors, 0 warnings\n")


def test_a_bad_industry_from_the_environment_is_named(
    run, write_term, user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", "kpi", env={"KPIPREP_INDUSTRY": "mining"})
    assert result.exit_code == 1
    assert "(KPIPREP_INDUSTRY=mining is not one of them)" in result.stderr
