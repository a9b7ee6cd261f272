"""list, search, paths, the user folder, completion, and the cached catalog behind them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import renamed_kpi
from kpiprep import loader as content
from kpiprep.cli import app
from kpiprep.library import Library
from kpiprep.locate import search_path, shipped_content_dir

# What the shipped library holds, read from the folder: these tests check that every command
# sees all of it, whatever the library grows to.
SHIPPED_FILES = sorted(shipped_content_dir().glob("*/*.yaml"))
SHIPPED_SLUGS = sorted({p.parent.name for p in SHIPPED_FILES})
KPI_INDUSTRIES = sorted(p.stem for p in (shipped_content_dir() / "kpi").glob("*.yaml"))
ANSI = re.compile(r"\x1b\[")


def test_the_library_holds_every_shipped_term_and_kpi_industry() -> None:
    records = Library(search_path()).records()
    assert sorted({r.slug for r in records}) == SHIPPED_SLUGS
    assert sorted(r.industry for r in records if r.slug == "kpi") == KPI_INDUSTRIES
    assert {"human-resources", "management", "process-improvement"} <= set(KPI_INDUSTRIES)


def test_list_piped_is_one_slug_per_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == SHIPPED_SLUGS


def test_list_on_a_terminal_shows_industries_and_folders(run) -> None:  # type: ignore[no-untyped-def]
    out = run("list", env={"FORCE_COLOR": "1", "COLUMNS": "160"}).stdout
    assert ANSI.search(out)
    plain = ANSI.sub("", re.sub(r"\x1b\[[0-9;]*m", "", out))
    assert "process-improvement" in plain and "shipped" in plain
    assert f"{len(SHIPPED_SLUGS)} terms, {len(SHIPPED_FILES)} files" in plain


def test_list_json(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    write_term(kpi_text.replace("name: KPI", "name: Our KPI"))
    write_term(nps(kpi_text), slug="nps")
    data = json.loads(run("--content-dir", str(user_dir), "list", "--format", "json").stdout)
    by_slug = {item["slug"]: item for item in data}
    assert sorted(by_slug) == sorted([*SHIPPED_SLUGS, "nps"])
    kpi = {i["industry"]: i for i in by_slug["kpi"]["industries"]}
    assert kpi["human-resources"]["origin"] == "--content-dir"
    assert kpi["human-resources"]["folder"] == str(user_dir)
    assert kpi["management"]["origin"] == "shipped"
    assert by_slug["nps"]["industries"][0]["path"] == str(user_dir / "nps" / "human-resources.yaml")


def test_user_data_folder_sits_between_content_path_and_shipped(
    run, tmp_path: Path, kpi_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    data_home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    user = data_home / "kpiprep" / "content" / "kpi"
    user.mkdir(parents=True)
    (user / "human-resources.yaml").write_text(kpi_text.replace("name: KPI", "name: Mine"))
    assert run("explain", "kpi").stdout.startswith("Mine ·")
    other = tmp_path / "other" / "kpi"
    other.mkdir(parents=True)
    (other / "human-resources.yaml").write_text(kpi_text.replace("name: KPI", "name: Theirs"))
    env = {"KPIPREP_CONTENT_PATH": str(tmp_path / "other")}
    assert run("explain", "kpi", env=env).stdout.startswith("Theirs ·")
    paths = run("paths", env={**env, "COLUMNS": "300"}).stdout
    assert (
        paths.index(str(tmp_path / "other")) < paths.index(str(data_home)) < paths.index("shipped")
    )


def test_paths(run, user_dir: Path, write_term) -> None:  # type: ignore[no-untyped-def]
    write_term()
    out = run("--content-dir", str(user_dir), "paths", env={"COLUMNS": "300"}).stdout
    lines = out.splitlines()
    row = next(line for line in lines if str(user_dir) in line)
    assert re.search(r"^\s*1\s.*--content-dir\s+yes\s+1\s*$", row)
    user_row = next(line for line in lines if "user folder" in line)
    assert re.search(r"\sno\s+-\s*$", user_row)
    shipped = next(line for line in lines if "shipped" in line)
    assert re.search(rf"\syes\s+{len(SHIPPED_FILES)}\s*$", shipped)
    assert "Put your own term files in" in out
    # The authoring guides, where this kpiprep has them (the wheel's copy when installed).
    guides = lines[lines.index("Guides for writing content, role files and scorecards:") + 1 :]
    assert [Path(line.strip()).name for line in guides] == ["content.md", "scorecards.md"]
    for line in guides:
        assert Path(line.strip()).read_text(encoding="utf-8").startswith("# ")


def test_search_ranks_names_first_and_says_where(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("search", "turnover", "-f", "json").stdout)
    assert data[0]["slug"] == "employee-turnover-rate"
    assert data[0]["matches"][0]["field"] == "name"
    assert "turnover" in [w.casefold() for w in data[0]["matches"][0]["words"]]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_search_highlights_matching_words(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("search", "balanced scorecard").stdout
    assert plain.startswith("1. Balanced scorecard")
    assert "*Balanced* *scorecard*" in plain
    styled = run("search", "balanced scorecard", env={"FORCE_COLOR": "1"}).stdout
    assert "*Balanced*" not in styled and ANSI.search(styled)


@pytest.mark.parametrize("typo", ["turnvoer", "turnoverr", "scorcard", "engagment"])
def test_search_forgives_small_typos(run, typo: str) -> None:  # type: ignore[no-untyped-def]
    result = run("search", typo, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


def test_search_level_filter(frozen_content, run) -> None:  # type: ignore[no-untyped-def]
    # "Excel" appears in a junior KPI answer; with --level senior that answer is not searched.
    hr = ("--industry", "human-resources")
    junior = json.loads(
        run("search", "excel spreadsheets", "-l", "junior", *hr, "-f", "json").stdout
    )
    assert junior[0]["slug"] == "kpi"
    assert {m["level"] for m in junior[0]["matches"]} == {"junior"}
    senior = run("search", "excel spreadsheets", "--level", "senior", *hr, "-f", "json")
    kpi_hits = [d for d in json.loads(senior.stdout or "[]") if d["slug"] == "kpi"]
    assert all(m["level"] in (None, "senior") for d in kpi_hits for m in d["matches"])


def test_search_industry_filter(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(
        run("search", "cycle time", "--industry", "process-improvement", "-f", "json").stdout
    )
    assert {d["industry"] for d in data} == {"process-improvement"}


def test_search_without_match_exits_1(run) -> None:  # type: ignore[no-untyped-def]
    result = run("search", "zyxwvut qqqq")
    assert result.exit_code == 1
    assert result.stderr == "error: no matches for 'zyxwvut qqqq'\n"


def complete(*words: str, env: dict[str, str] | None = None) -> list[str]:
    runner = CliRunner()
    line = " ".join(["kpiprep", *words])
    result = runner.invoke(
        app,
        [],
        prog_name="kpiprep",
        env={
            "_KPIPREP_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words)),
            **(env or {}),
        },
    )
    return [line for line in result.stdout.splitlines() if line]


def test_completion_offers_slugs_aliases_levels_and_industries(write_term, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert "performance\\ metrics" in complete("explain", "perf")  # escaped for bash
    assert "performance-review" in complete("questions", "perf")
    assert "okr" in complete("guide", "ok")
    assert complete("questions", "--level", "s") == ["senior"]
    assert complete("explain", "kpi", "--industry", "pro") == ["process-improvement"]
    write_term(slug="nps", text=None)  # a copy of KPI in the folder nps: refused, not offered
    assert complete("--content-dir", str(user_dir), "explain", "np") == []


def test_completion_sees_user_folders(write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    write_term(
        kpi_text.replace("slug: kpi", "slug: nps").replace(
            "  - business metrics\n", "  - net promoter score\n"
        ),
        slug="nps",
    )
    assert "nps" in complete("--content-dir", str(user_dir), "explain", "np")
    env = {"KPIPREP_CONTENT_PATH": str(user_dir)}
    assert "net\\ promoter\\ score" in complete("explain", "net", env=env)


# The catalog behind them.


def nps(kpi_text: str) -> str:
    """Another term, made from the KPI file, with names of its own."""
    text = renamed_kpi(kpi_text, "nps", "NPS", "net promoter")
    return text.replace("full_name: Key Performance Indicators", "full_name: Net Promoter Score")


def counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loaded: list[Path] = []
    real = content.load_file

    def spy(path: Path, cache=None):  # type: ignore[no-untyped-def]
        loaded.append(path)
        return real(path, None)  # no per-file cache: every call really reads the file

    monkeypatch.setattr(content, "load_file", spy)
    return loaded


def test_catalog_reads_only_what_changed(
    run, monkeypatch: pytest.MonkeyPatch, write_term, user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    path = write_term(nps(kpi_text), slug="nps")
    loaded = counting_loads(monkeypatch)
    base = ("--content-dir", str(user_dir))
    assert run(*base, "list").exit_code == 0
    assert len(loaded) == len(SHIPPED_FILES) + 1  # cold: every file
    loaded.clear()
    assert run(*base, "list").exit_code == 0
    assert loaded == []  # warm: none
    assert run(*base, "explain", "performance metrics").exit_code == 0
    assert loaded == [shipped_content_dir() / "kpi" / "human-resources.yaml"]  # only the answer
    loaded.clear()
    path.write_text(nps(kpi_text).replace("name: NPS", "name: NPS v2"))
    out = run(*base, "list", "-f", "json").stdout
    assert loaded == [path]
    assert any(item["name"] == "NPS v2" for item in json.loads(out))


def test_removed_file_leaves_the_catalog(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    path = write_term(nps(kpi_text), slug="nps")
    base = ("--content-dir", str(user_dir))
    assert "nps" in run(*base, "list").stdout.split()
    path.unlink()
    assert "nps" not in run(*base, "list").stdout.split()


def test_corrupt_catalog_is_rebuilt_silently(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    monkeypatch.setenv("KPIPREP_CACHE_DIR", str(cache))
    first = run("list").stdout
    files = sorted((cache / "catalog").iterdir())
    assert [f.name.split("-")[0] for f in files] == ["names"]
    run("search", "okr")
    for damage in ("", "{", '{"code": 1, "files": []}', "[1, 2]"):
        for file in (cache / "catalog").iterdir():
            file.write_text(damage)
        result = run("list")
        assert result.stdout == first and result.stderr == ""
        assert run("search", "okr").exit_code == 0


def test_explain_by_slug_never_reads_other_files(
    run, monkeypatch: pytest.MonkeyPatch, write_term, user_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    write_term("broken: [", slug="aaa")
    loaded = counting_loads(monkeypatch)
    result = run("--content-dir", str(user_dir), "explain", "okr")
    assert result.exit_code == 0 and result.stderr == ""
    assert [p.parent.name for p in loaded] == ["okr"]


# Piped `search`: each result's head, with its slug, on one line however narrow, so that grep
# finds it and the command can be pasted back; with FORCE_COLOR too (styled, through Rich).
@pytest.mark.parametrize("columns", ["40", "80"])
@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}], ids=["plain", "styled"])
def test_piped_search_keeps_each_result_on_one_line(run, columns: str, env: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    query = "balanced scorecard"
    found = json.loads(run("search", query, "-f", "json").stdout)
    names = {r.industry: r.industry_name for r in Library(search_path()).records()}
    out = run("search", query, env={"COLUMNS": columns, **env}).stdout
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
    assert any(len(line) > int(columns) for line in lines)  # the test needs a long head
    for number, result in enumerate(found, 1):
        head = [line for line in lines if line.startswith(f"{number}. ")]
        assert len(head) == 1, (number, lines)
        command = result["slug"]
        if result["industry"] != "human-resources":
            command += f" --industry {result['industry']}"
        assert head[0].rstrip().endswith(f"  {command}"), head[0]
        assert f"({names[result['industry']]})" in head[0]


def test_paths_keeps_each_guide_path_whole_in_a_narrow_pipe(run) -> None:  # type: ignore[no-untyped-def]
    out = run("paths", env={"COLUMNS": "30"}).stdout
    guides = [Path(line.strip()) for line in out.splitlines() if line.startswith("  /")]
    assert [guide.name for guide in guides] == ["content.md", "scorecards.md"]
    assert all(guide.is_file() for guide in guides)
