"""The three commands, their options and their errors, through Typer's CliRunner."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kpiprep import __version__
from kpiprep.enums import OutputFormat

ANSI = re.compile(r"\x1b\[")
BOX = re.compile(r"[╭╮╰╯│─]")


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"kpiprep {__version__}\n"


def test_no_arguments_shows_help(run) -> None:  # type: ignore[no-untyped-def]
    result = run()
    assert "explain" in result.output and "questions" in result.output and "guide" in result.output


@pytest.mark.parametrize(
    "query",
    ["kpi", "KPI", "key performance indicators", "Performance Metrics", "  success   indicators "],
)
def test_explain_finds_term_by_any_name(run, query: str) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", query)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("KPI · Key Performance Indicators  (Human Resources)")
    for label in (
        "Summary", "Definition", "Think of it as", "Also called", "In practice", "On a resume",
        "Typical job title", "Also search for", "Where to find", "Junior (0-2 years)",
        "Mid (2-5 years)", "Senior (5+ years)", "Red flags",
    ):  # fmt: skip
        assert label in result.stdout


def test_output_is_plain_when_piped(run) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", "kpi")
    assert not ANSI.search(result.stdout)
    assert not BOX.search(result.stdout)


def test_colour_and_boxes_on_a_terminal(run) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", "kpi", env={"FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout)
    assert BOX.search(result.stdout)


def test_no_color_drops_styling_on_a_terminal(run) -> None:  # type: ignore[no-untyped-def]
    result = run("questions", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert not ANSI.search(result.stdout)
    assert not BOX.search(result.stdout)  # plain means no box art either


@pytest.mark.parametrize("width", [80, 200])
def test_long_text_wraps_within_the_width(frozen_content, run, width: int) -> None:  # type: ignore[no-untyped-def]
    for args in (("explain", "kpi"), ("questions",)):
        result = run(*args, env={"COLUMNS": str(width)})
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= width
        if width == 200:
            assert any(len(line.rstrip()) > 120 for line in lines)
    # Words are wrapped whole: each word of the definition is on some line intact.
    result = run("explain", "kpi", env={"COLUMNS": str(width)})
    for word in ("organisation", "performing.", "promotion"):
        assert re.search(rf"(^|\s){re.escape(word)}(\s|$)", result.stdout, re.M)


def test_questions_default_to_kpi_all_levels_junior_first(run) -> None:  # type: ignore[no-untyped-def]
    out = run("questions").stdout
    junior, mid, senior = (out.index(f"{name} (") for name in ("Junior", "Mid", "Senior"))
    assert junior < mid < senior
    assert "What makes a good KPI?" in out
    assert "Good answer" in out and "Listen for" in out


@pytest.mark.parametrize("level", ["senior", "SENIOR", "Senior"])
def test_questions_one_level(run, level: str) -> None:  # type: ignore[no-untyped-def]
    result = run("questions", "--level", level)
    assert result.exit_code == 0
    assert "Senior (5+ years)" in result.stdout
    assert "Junior" not in result.stdout and "Mid (" not in result.stdout
    assert "never had KPIs" in result.stdout


def test_unknown_level_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("questions", "--level", "expert")
    assert result.exit_code == 2
    for choice in ("junior", "mid", "senior"):
        assert choice in result.stderr
    assert "Traceback" not in result.output


def test_unknown_term_suggests(run) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", "kpx")
    assert result.exit_code == 1
    assert result.stderr == "error: unknown term 'kpx'; did you mean 'kpi'?\n"
    assert result.stdout == ""


def test_unknown_term_without_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    result = run("questions", "zzzzzz")
    assert result.exit_code == 1
    assert result.stderr == "error: unknown term 'zzzzzz'\n"


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("command", ["explain", "questions"])
def test_every_format_renders(run, command: str, fmt: OutputFormat) -> None:  # type: ignore[no-untyped-def]
    result = run(command, "kpi", "--format", fmt.value)
    assert result.exit_code == 0, result.output
    assert "KPI" in result.stdout
    if fmt is OutputFormat.json:
        json.loads(result.stdout)
    if fmt is OutputFormat.markdown:
        assert result.stdout.startswith("# ")


def test_explain_json_is_the_validated_model(frozen_content, run, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("explain", "kpi", "--format", "json").stdout)
    assert list(data)[:4] == ["schema_version", "slug", "name", "full_name"]
    assert data["questions"]["senior"][0]["listen_for"][0] == "Meets stakeholders first"
    assert data["last_reviewed"] == "2026-11-25"


def test_questions_json_for_one_level(frozen_content, run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("questions", "--level", "mid", "-f", "json").stdout)
    assert list(data["levels"]) == ["mid"]
    assert data["levels"]["mid"]["years"] == "2-5"
    assert data["levels"]["mid"]["questions"][0]["question"].startswith("How do leading KPIs")


def test_json_is_utf8_not_escaped(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    write_term(kpi_text.replace("name: KPI", "name: KPI — ключ"))
    result = run("--content-dir", str(user_dir), "explain", "kpi", "-f", "json")
    assert json.loads(result.stdout)["name"] == "KPI — ключ"
    assert "ключ" in result.stdout


def test_markup_in_content_prints_literally(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    text = kpi_text.replace(
        "definition: >-\n",
        "definition: >-\n  [bold]Loud[/bold] [link=http://evil.example]x[/link]\n",
    )
    write_term(text)
    for env in ({}, {"FORCE_COLOR": "1"}):
        out = run("--content-dir", str(user_dir), "explain", "kpi", env=env).stdout
        assert "[bold]Loud[/bold]" in out
        assert "[link=http://evil.example]x[/link]" in out
        assert "\x1b]8;" not in out  # no hyperlink escape


def test_user_file_replaces_shipped(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    write_term(kpi_text.replace("name: KPI", "name: Our KPI"))
    assert "Our KPI" in run("--content-dir", str(user_dir), "explain", "kpi").stdout
    env = {"KPIPREP_CONTENT_PATH": str(user_dir)}
    assert "Our KPI" in run("explain", "kpi", env=env).stdout
    assert "Our KPI" not in run("explain", "kpi").stdout


def test_content_path_holds_several_folders(run, tmp_path: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    import os

    first, second = tmp_path / "a", tmp_path / "b"
    for folder, name in ((first, "First KPI"), (second, "Second KPI")):
        (folder / "kpi").mkdir(parents=True)
        (folder / "kpi" / "human-resources.yaml").write_text(
            kpi_text.replace("name: KPI", f"name: {name}"), encoding="utf-8"
        )
    env = {"KPIPREP_CONTENT_PATH": f"{first}{os.pathsep}{second}"}
    assert "First KPI" in run("explain", "kpi", env=env).stdout
    assert "Second KPI" in run("--content-dir", str(second), "explain", "kpi", env=env).stdout


def test_content_dir_must_exist(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--content-dir", str(tmp_path / "nope"), "explain", "kpi")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_invalid_content_file_lists_every_problem(
    run, write_term, kpi_text: str, user_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    path = write_term(kpi_text.replace("name: KPI", "name: [1]").replace("analogy:", "analogie:"))
    result = run("--content-dir", str(user_dir), "explain", "kpi")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    name_line = path.read_text(encoding="utf-8").splitlines().index("name: [1]") + 1
    assert f"{path}:{name_line}: name: should be text" in lines
    assert any(line.startswith(f"{path}:") and "analogie: unknown field" in line for line in lines)
    assert any(line.startswith(f"{path}:") and "analogy: field required" in line for line in lines)
    assert "Traceback" not in result.output


def test_file_must_live_where_it_says(run, write_term, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_term(slug="kpi", industry="finance")
    result = run("--content-dir", str(user_dir), "explain", "kpi", "--industry", "finance")
    assert result.exit_code == 1
    assert (
        f"{path}: industry: 'human-resources' does not match its file name 'finance'"
        in result.stderr
    )


def test_broken_unrelated_file_is_a_warning(run, write_term, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    broken = write_term("a: [\n", slug="okay-term")
    by_slug = run("--content-dir", str(user_dir), "explain", "kpi")
    assert by_slug.exit_code == 0
    assert by_slug.stderr == ""  # found by slug: the broken file is never read
    by_alias = run("--content-dir", str(user_dir), "explain", "performance metrics")
    assert by_alias.exit_code == 0
    assert by_alias.stderr.count("\n") == 1
    assert f"warning: skipping {broken}:2: YAML syntax error" in by_alias.stderr


def test_broken_override_fails_and_never_falls_back(run, write_term, user_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_term("schema_version: 1\n")
    for args in (("explain", "kpi"), ("questions",), ("guide",)):
        result = run("--content-dir", str(user_dir), *args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"{path}:1: slug: field required")
        assert result.stdout == ""


def test_industry_choice(run, write_term, user_dir: Path, kpi_text: str) -> None:  # type: ignore[no-untyped-def]
    write_term(
        kpi_text.replace("industry: human-resources", "industry: sales").replace(
            "industry_name: Human Resources", "industry_name: Sales"
        ),
        industry="sales",
    )
    base = ("--content-dir", str(user_dir))
    assert "(Human Resources)" in run(*base, "explain", "kpi").stdout
    assert "(Sales)" in run(*base, "explain", "kpi", "--industry", "sales").stdout
    assert "(Sales)" in run(*base, "explain", "kpi", env={"KPIPREP_INDUSTRY": "sales"}).stdout
    missing = run(*base, "explain", "kpi", "--industry", "mining")
    assert missing.exit_code == 1
    assert "has no industry 'mining'" in missing.stderr and "sales" in missing.stderr


@pytest.mark.parametrize(
    "query",
    ["../../etc/passwd", "/etc/passwd", "", "k" * 10_000, "КРІ", "ＫＰＩ", "kpi/human-resources"],
)
def test_term_is_a_name_never_a_path(run, query: str) -> None:  # type: ignore[no-untyped-def]
    result = run("explain", query)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown term")
    assert len(result.stderr) < 300
    assert "Traceback" not in result.output


def test_guide_to_stdout_by_default(run) -> None:  # type: ignore[no-untyped-def]
    for args in (("guide",), ("guide", "--export", "-")):
        result = run(*args)
        assert result.exit_code == 0
        assert result.stdout.startswith("# Interview guide: KPI (Key Performance Indicators)")


def test_guide_export_writes_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "guide.md"
    result = run("guide", "--level", "senior", "--export", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == run("guide", "--level", "senior").stdout


def test_guide_export_refuses_existing_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "guide.md"
    target.write_text("precious notes\n")
    result = run("guide", "--export", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"error: {target} already exists; use --force to replace it\n"
    assert target.read_text() == "precious notes\n"
    forced = run("guide", "--export", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text().startswith("# Interview guide")


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda tmp: tmp / "missing" / "guide.md", "does not exist"),
        (lambda tmp: tmp, "it is a folder"),
        (
            lambda tmp: (tmp / "file.txt").write_text("x") and tmp / "file.txt" / "guide.md",
            "is not a folder",
        ),
        (lambda tmp: Path("/proc/kpiprep-guide.md"), "cannot export to /proc/kpiprep-guide.md"),
    ],
)
def test_guide_export_errors_write_nothing(
    run, tmp_path: Path, make_target: Callable[[Path], Path], message: str
) -> None:  # type: ignore[no-untyped-def]
    target = make_target(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = run("guide", "--export", str(target), "--force")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.output
    assert sorted(tmp_path.rglob("*")) == before


def test_plain_output_folds_a_word_longer_than_the_line(
    run, write_term, user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    word = "x" * 150
    write_term(kpi_text.replace("analogy: >-\n", f"analogy: >-\n  {word}\n"))
    out = run("--content-dir", str(user_dir), "explain", "kpi").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "".join(re.findall(r"x{5,}", out)) == word  # folded over lines, nothing lost


def test_an_industry_by_its_name_where_the_name_is_not_the_slug(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import KPI_FILE

    folder = tmp_path / "kpi"
    folder.mkdir()
    text = KPI_FILE.read_text(encoding="utf-8")
    text = text.replace("industry: human-resources", "industry: people-culture")
    text = text.replace("industry_name: Human Resources", "industry_name: People & Culture")
    (folder / "people-culture.yaml").write_text(text, encoding="utf-8")
    mine = ["--content-dir", str(tmp_path)]
    result = run(*mine, "explain", "kpi", "--industry", "people & CULTURE")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("KPI · Key Performance Indicators  (People & Culture)")
    assert run(*mine, "list", "--industry", "People & Culture").stdout == "kpi\n"
    refused = run(*mine, "explain", "kpi", "--industry", "People and Kultur")
    assert refused.stderr.startswith("error: term 'kpi' has no industry 'People and Kultur'")
