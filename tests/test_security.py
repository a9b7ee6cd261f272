"""Hostile and unlucky cases: stale caches, links, closed streams, odd widths, races, OS errors.

Each test names the case it covers; each failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import KPI_FILE
from kpiprep.cache import TermCache
from kpiprep.files import write_private_json
from kpiprep.loader import load_file

SRC = Path(__file__).resolve().parents[1] / "src"


def kpiprep(
    *args: str, env: dict[str, str] | None = None, shell_tail: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run kpiprep in a child process (through a shell when `shell_tail` redirects)."""
    base = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    argv = [sys.executable, "-c", "from kpiprep.cli import main; main()", *args]
    if shell_tail:
        import shlex

        command = shlex.join(argv) + " " + shell_tail
        return subprocess.run(["sh", "-c", command], env=base, capture_output=True, text=True,
                              timeout=timeout)  # fmt: skip
    return subprocess.run(argv, env=base, capture_output=True, text=True, timeout=timeout)


# 2. The cache must not serve an old version of a file copied over with the same size and mtime.
def test_same_size_and_mtime_is_still_a_change(tmp_path: Path) -> None:
    cache = TermCache(tmp_path / "cache")
    path = tmp_path / "kpi.yaml"
    path.write_text(KPI_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_file(path, cache).name == "KPI"
    before = os.stat(path)
    path.write_text(path.read_text(encoding="utf-8").replace("name: KPI", "name: KPX"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # `cp -p`, `touch -r`
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_file(path, cache).name == "KPX"


# 3. `new` never writes through a (dangling) link at the schema file it adds.
def test_new_does_not_write_through_a_planted_link(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.json"
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "kpiprep.schema.json").symlink_to(outside)
    result = run("new", "okr-cycle", "--dir", str(folder))
    assert result.exit_code == 0
    assert not outside.exists() and (folder / "okr-cycle" / "human-resources.yaml").is_file()


# 4. Closed or odd streams: one clear line and exit 1, never a traceback.
@pytest.mark.parametrize(
    "args", [("explain", "kpi"), ("list",), ("search", "okr"), ("guide",), ("schema",)]
)
def test_closed_stdout_is_one_clear_error(args: tuple[str, ...]) -> None:
    done = kpiprep(*args, shell_tail=">&-")
    assert done.returncode == 1
    assert done.stderr == "error: standard output is closed; nothing can be written to it\n"


def test_closed_stderr_does_not_fail_an_export(tmp_path: Path) -> None:
    done = kpiprep("guide", "--export", str(tmp_path / "g.md"), shell_tail="2>&-")
    assert done.returncode == 0 and (tmp_path / "g.md").is_file()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_an_encoding_without_the_symbols_gets_ascii_stand_ins(encoding: str) -> None:
    for args in (("explain", "kpi"), ("questions", "--level", "junior"), ("guide",)):
        done = kpiprep(*args, env={"PYTHONIOENCODING": encoding})
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and done.stdout
    guide = kpiprep("guide", env={"PYTHONIOENCODING": "ascii"}).stdout
    assert "[ ]" in guide and "☐" not in guide


def test_export_to_a_device_points_to_standard_output() -> None:
    done = kpiprep("guide", "--export", "/dev/stdout", shell_tail="| cat")
    assert done.returncode == 0  # the pipe's last command; the message tells the story
    assert "it is a device or pipe, not a file; use --export - for standard output" in done.stderr
    assert "/proc/" not in done.stderr


# 5. Widths out of range are clamped, never an empty or gigantic output.
@pytest.mark.parametrize("columns", ["0", "1", "100000", "10000000"])
@pytest.mark.parametrize("terminal", [False, True])
def test_absurd_widths_are_clamped(columns: str, terminal: bool) -> None:
    env = {"COLUMNS": columns, **({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"} if terminal else {})}
    for args in (("explain", "kpi"), ("search", "okr"), ("paths",), ("list",)):
        done = kpiprep(*args, env=env, timeout=20)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines and max(len(line) for line in lines) <= 600, (args, columns)


# 6. Races: parallel writers each leave a whole file or a clear refusal, never a traceback.
def test_parallel_forced_exports_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(lambda _: kpiprep("guide", "--export", str(target), "--force"),
                             range(8)))  # fmt: skip
    assert [r.returncode for r in runs] == [0] * 8, [r.stderr for r in runs]
    assert target.read_text(encoding="utf-8").startswith("# Interview guide")
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]


def test_parallel_new_of_one_term_gives_one_file_and_clear_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "D"
    with ThreadPoolExecutor(10) as pool:
        runs = list(pool.map(lambda _: kpiprep("new", "okr-cycle", "--dir", str(folder)),
                             range(10)))  # fmt: skip
    assert sum(r.returncode == 0 for r in runs) == 1
    for r in runs:
        assert "Traceback" not in r.stderr
        assert r.returncode == 0 or "already exists" in r.stderr
    assert (folder / "okr-cycle" / "human-resources.yaml").is_file()


def test_parallel_new_of_several_terms_into_a_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    slugs = [f"term-{n}" for n in range(8)]
    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(lambda s: kpiprep("new", s, "--dir", str(folder)), slugs))
    assert [r.returncode for r in runs] == [0] * 8, [r.stderr for r in runs]
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == slugs


# 7. The file system's refusals are one line and exit 1.
def test_os_errors_are_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_name = tmp_path / ("a" * 300 + ".md")
    result = run("guide", "--export", str(long_name))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "File name too long" in result.stderr
    result = run("new", "okr-cycle", "--dir", str(tmp_path / ("d" * 300)))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


def test_an_unexpected_os_error_anywhere_is_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from kpiprep import library

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", "/somewhere/locked")

    monkeypatch.setattr(library.Library, "find", denied)
    result = run("explain", "kpi")
    assert result.exit_code == 1
    assert result.stderr == "error: Permission denied: /somewhere/locked\n"


def test_an_export_path_ending_in_a_slash_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "--export", f"{tmp_path}/out/")
    assert result.exit_code == 1 and "it names a folder" in result.stderr
    assert not (tmp_path / "out").exists()


# 8. A damaged or hostile cache is a miss; writes leave no temporary file, even on Ctrl-C.
def test_deeply_nested_or_huge_cache_entries_are_misses(tmp_path: Path) -> None:
    cache = TermCache(tmp_path / "cache")
    path = tmp_path / "kpi.yaml"
    path.write_text(KPI_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    load_file(path, cache)
    (entry,) = (tmp_path / "cache" / "terms").iterdir()
    entry.write_text("[" * 100_000)
    assert load_file(path, cache).name == "KPI"
    with open(entry, "wb") as handle:  # a file far over the cap: not read whole
        handle.truncate(64 * 1024 * 1024)
    assert load_file(path, cache).name == "KPI"
    assert json.loads(entry.read_text())["term"]["name"] == "KPI"


def test_interrupted_cache_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(json, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_private_json(tmp_path / "c" / "entry.json", {"a": 1})
    assert list((tmp_path / "c").iterdir()) == []


def test_cache_temporary_names_are_unpredictable_and_never_follow_links(tmp_path: Path) -> None:
    # A link planted where a predictable temporary name would be must not be written through.
    folder = tmp_path / "c"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep")
    for pid in (os.getpid(), os.getpid() + 1):
        (folder / f".entry.json.{pid}.tmp").symlink_to(victim)
    assert write_private_json(folder / "entry.json", {"a": 1})
    assert victim.read_text() == "keep"
    assert json.loads((folder / "entry.json").read_text()) == {"a": 1}


# 9. Invisible characters are never printed raw.
def test_unsafe_characters_in_messages_are_escaped(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "a\u202eb"
    result = run("validate", str(tmp_path / "missing\u200b"))
    assert "\u200b" not in result.output
    folder.mkdir()
    result = run("--content-dir", str(folder), "explain", "nothing-here")
    assert "\u202e" not in result.stderr


# 10. An export never replaces one of the content files it is made from.
def test_export_onto_its_own_input_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "my" / "kpi"
    mine.mkdir(parents=True)
    source = mine / "human-resources.yaml"
    source.write_text(KPI_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    result = run("--content-dir", str(tmp_path / "my"), "guide", "--export", str(source), "--force")
    assert result.exit_code == 1
    assert "it is one of the files this output is made from" in result.stderr
    assert source.read_bytes() == before


# 11. Negative seeds are seeds of their own.
def test_negative_and_positive_seeds_differ(run) -> None:  # type: ignore[no-untyped-def]
    plus = run("guide", "kpi", "okr", "--seed", "5").stdout
    minus = run("guide", "kpi", "okr", "--seed", "-5").stdout
    assert plus != minus
    assert run("guide", "kpi", "okr", "--seed", "-5").stdout == minus
