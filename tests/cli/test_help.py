"""Help and errors in plain words: every command's help, the usage mistakes, the one error
style, industries and levels as people write them, and names of several words unquoted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer

from helpers import Run
from kpiprep.cli import app
from kpiprep.library import Library
from kpiprep.locate import search_path

# Programmer's notation that help and errors must not show: Typer's types (`<str>`,
# `<list[Path]>`, `<table|json>`), bounds as algebra, pydantic's and Click's phrasing, a
# required argument in braces, and a description cut short ("definition,...").
NOTATION = {
    "angle brackets": re.compile(r"[<>]"),
    "a Python type": re.compile(r"list\[|Path\]|\b(str|int|float|bool)\b\]?"),
    "bounds as algebra": re.compile(r"x\s*[<>]=|[<>]=\s*x|\d\s*<=|>=\s*\d"),
    "pydantic's words": re.compile(r"Value error|Input should|String should|List should"),
    "Click's words": re.compile(r"Invalid value for|Got unexpected|No such (option|command)"),
    "braces": re.compile(r"\{[A-Z_]+\}"),
    "a cut description": re.compile(r"[\w,;:]\.\.\.|…"),
}


def notation_in(text: str) -> list[str]:
    """What of NOTATION each line shows; an example's command line is the shell's, where
    `>` writes a file."""
    lines = [line for line in text.splitlines() if not line.startswith("    kpiprep ")]
    return [f"{what}: {line!r}" for line in lines for what, pattern in NOTATION.items()
            if pattern.search(line)]  # fmt: skip


def command_paths() -> list[list[str]]:
    """Every command and group of the app, at any depth, found in the app itself."""
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_the_walk_finds_every_registered_command() -> None:
    paths = {" ".join(p) for p in command_paths()}
    assert {"explain", "guide", "scan", "debrief", "role", "role new", "role list"} <= paths
    assert len(paths) >= 19  # the app, 16 commands and groups, role's 2


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "kpiprep")
@pytest.mark.parametrize("columns", ["80", "200"])
def test_help_is_in_plain_words(run: Run, path: list[str], columns: str) -> None:
    result = run(*path, "--help", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: kpiprep {' '.join(path)}".rstrip() + " ")
    assert notation_in(result.stdout) == []


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "kpiprep")
def test_help_names_what_each_value_is(run: Run, path: list[str]) -> None:
    """Every option that takes a value shows a word for it (-m, --minutes MINUTES)."""
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    ctx = typer.Context(command)
    out = run(*path, "--help", env={"COLUMNS": "200"}).stdout
    for param in command.get_params(ctx):
        if param.param_type_name == "option" and not (param.is_flag or param.hidden):
            opt = max(param.opts, key=len)
            row = re.search(rf"^  (-\w, )?(--[\w-]+, )*{opt} (\S+)", out, re.M)
            assert row, f"{opt} is not listed"
            assert re.fullmatch(r"[A-Z][A-Z_]*|YYYY-MM-DD|HH:MM", row[3]), row[0]


def test_limits_and_choices_are_said_in_words(run: Run) -> None:
    guide = " ".join(run("guide", "--help").stdout.split())
    assert "-m, --minutes MINUTES Plan this many minutes. [10 to 480]" in guide
    assert "-q, --questions N Ask this many questions per level. [1 or more]" in guide
    assert "-l, --level LEVEL Only this seniority: junior, mid or senior." in guide
    assert "[TERM ...]" in guide and "TERM ... One or more terms" in guide
    search = " ".join(run("search", "--help").stdout.split())
    assert "-n, --limit N At most this many terms. [default: 10; 1 or more]" in search
    scan = run("scan", "--help").stdout
    assert scan.startswith("Usage: kpiprep scan [OPTIONS] FILE ...\n")
    explain = run("explain", "--help").stdout
    assert explain.startswith("Usage: kpiprep explain [OPTIONS] TERM\n")


def summaries(out: str) -> dict[str, str]:
    block = out.split("\nCommands:\n", 1)[1]
    rows = [line.split(None, 1) for line in block.splitlines() if line.strip()]
    return {row[0]: row[1] for row in rows}


@pytest.mark.parametrize("path", [[], ["role"]], ids=["kpiprep", "role"])
def test_the_command_list_shows_each_description_whole_on_one_line(
    run: Run, path: list[str]
) -> None:
    group = typer.main.get_command(app)
    for name in path:
        group = group.commands[name]  # type: ignore[attr-defined]
    out = run(*path, "--help", env={"COLUMNS": "80"}).stdout
    block = out.split("\nCommands:\n", 1)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    commands = group.commands  # type: ignore[attr-defined]
    assert len(lines) == len(commands)  # one line each: nothing wrapped at 80 columns
    shown = summaries(out)
    for name, command in commands.items():
        assert command.short_help, f"{name} has no short_help for the list"
        assert shown[name] == command.short_help  # whole, as written
        assert not shown[name].endswith(("...", "…"))


# Usage mistakes: exit 2, `error: ...` and where to find help, nothing else. Each with the
# command its hint names and the message.
NOT_A_SLUG = (
    "SLUG: 'Okr_Cycle' is not a slug: use lower-case letters, digits and single hyphens "
    "(at most 64 characters), e.g. okr-cycle"
)
USAGE = [
    ("questions --level guru", "questions", "--level: 'guru' is not one of junior, mid or senior"),
    ("guide --minutes 5", "guide", "--minutes: use a whole number from 10 to 480 (not 5)"),
    ("guide --minutes 481", "guide", "--minutes: use a whole number from 10 to 480 (not 481)"),
    (
        "guide --minutes an-hour",
        "guide",
        "--minutes: use a whole number from 10 to 480 (not 'an-hour')",
    ),
    ("guide --questions 0", "guide", "--questions: use a whole number, 1 or more (not 0)"),
    ("scan cv.txt --questions 0", "scan", "--questions: use a whole number, 1 or more (not 0)"),
    ("practice --count 0", "practice", "--count: use a whole number, 1 or more (not 0)"),
    ("guide --panel 21", "guide", "--panel: use a whole number from 1 to 20 (not 21)"),
    ("guide --seed x", "guide", "--seed: use a whole number (not 'x')"),
    ("search kpi --limit 0", "search", "--limit: use a whole number, 1 or more (not 0)"),
    (
        "explain kpi --format xml",
        "explain",
        "--format: 'xml' is not one of table, markdown or json",
    ),
    (
        "debrief x.yaml -f docx",
        "debrief",
        "--format: 'docx' is not one of table, markdown, html, json or pdf",
    ),
    ("explain kpi --bogus", "explain", "unknown option --bogus"),
    (
        "explain kpi --industr sales",
        "explain",
        "unknown option --industr; did you mean --industry?",
    ),
    ("explain", "explain", "TERM is missing"),
    ("scan", "scan", "FILE is missing"),
    ("list --industry", "list", "--industry needs a value"),
    (
        "guide --date 2026-13-01",
        "guide",
        "--date: '2026-13-01' is not a date as YYYY-MM-DD, such as 2026-12-01",
    ),
    (
        "guide --minutes 30 --start 25:00",
        "guide",
        "--start: '25:00' is not a time of day as HH:MM, such as 14:30",
    ),
    ("guide --start 14:30", "guide", "--start needs --minutes"),
    ("industries extra", "industries", "unexpected extra words: extra"),
    ("new Okr_Cycle", "new", NOT_A_SLUG),
    ("role new Okr_Cycle", "role new", NOT_A_SLUG),
    ("role nwe", "role", "unknown command 'nwe'; did you mean 'new'?"),
    ("explian kpi", "", "unknown command 'explian'; did you mean 'explain'?"),
    (
        "--content-dir /no/such/folder list",
        "",
        "--content-dir: folder '/no/such/folder' does not exist",
    ),
]


@pytest.mark.parametrize(("args", "command", "message"), USAGE, ids=[u[0] for u in USAGE])
def test_a_usage_mistake_is_one_error_line_and_the_help_hint(
    run: Run, args: str, command: str, message: str
) -> None:
    result = run(*args.split())
    assert (result.exit_code, result.stdout) == (2, "")
    hint = f"kpiprep {command}".strip()
    assert result.stderr == f"error: {message}\nTry '{hint} -h' for help.\n"
    assert notation_in(result.stderr) == []


RUNTIME = [
    (["explain", "kpx"], "unknown term 'kpx'; did you mean 'kpi'?"),
    (["list", "--industry", "mining"], "no term has the industry 'mining'; there are: "),
    (["explain", "kpi", "--industry", "Mining"], "term 'kpi' has no industry 'Mining'; it has: "),
    (["guide", "--role", "nobody"], "no role 'nobody': "),
]


@pytest.mark.parametrize(
    ("args", "start"), RUNTIME, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_a_runtime_error_is_one_line_without_the_hint(
    run: Run, args: list[str], start: str
) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {start}") and result.stderr.count("\n") == 1
    assert notation_in(result.stderr) == []


def test_a_broken_role_file_is_told_in_plain_words(run: Run, tmp_path: Path) -> None:
    role = tmp_path / "bad.yaml"
    role.write_text(
        "kind: role\ntitle: ''\nindustry: Human Resources\nlevel: guru\nminutes: 5\n"
        "questions: several\nterms:\n  - term: kpi\n    weight: 11\n  - [kpi]\n"
    )
    result = run("guide", "--role", str(role))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{role}:2:1: title: should not be empty",
        f"{role}:3:1: industry: should be a slug: lower-case letters, digits and single "
        "hyphens, such as human-resources",
        f"{role}:4:1: level: should be junior, mid or senior",
        f"{role}:5:1: minutes: should be 10 or more",
        f"{role}:6:1: questions: should be a whole number",
        f"{role}:9:5: terms[0].weight: should be 10 or less",
        f"{role}:10:5: terms[1]: should be a term's slug, or `term:` with a `weight:`",
    ]
    assert notation_in(result.stderr) == []


def test_a_broken_content_file_is_told_in_plain_words(run: Run, tmp_path: Path) -> None:
    from conftest import KPI_FILE

    folder = tmp_path / "kpi"
    folder.mkdir()
    text = KPI_FILE.read_text(encoding="utf-8")
    edits = [("name: KPI", "name: [KPI]"), ("slug: kpi", "slug: KPI"), ("years: 5+", "years: lots"),
             ("schema_version: 2", "schema_version: 7")]  # fmt: skip
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    (folder / "human-resources.yaml").write_text(text, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    found = " | ".join(result.stdout.splitlines())
    for words in ("schema_version: should be 2", "slug: should be a slug", "name: should be text",
                  "years: should be years of experience as a range or a minimum"):  # fmt: skip
        assert words in found
    assert notation_in(result.stdout) == []


# Industries and levels as people write them.
def industries() -> list[tuple[str, str]]:
    records = Library(search_path([])).records()
    return sorted({(r.industry, r.industry_name) for r in records if r.slug == "kpi"})


def industries_of_all() -> list[tuple[str, str]]:
    return sorted({(r.industry, r.industry_name) for r in Library(search_path([])).records()})


def test_kpi_is_in_every_shipped_industry() -> None:
    assert industries() == industries_of_all()  # so the test below covers every industry
    names = dict(industries())
    assert len(names) >= 11 and names["human-resources"] == "Human Resources"


@pytest.mark.parametrize(("slug", "name"), industries(), ids=lambda v: v)
def test_an_industry_by_slug_or_name_in_any_case(run: Run, slug: str, name: str) -> None:
    expected = run("explain", "kpi", "--industry", slug)
    assert expected.stdout.startswith(f"KPI · Key Performance Indicators  ({name})\n")
    for typed in (name, name.upper(), name.lower(), slug.upper()):
        assert run("explain", "kpi", "--industry", typed).stdout == expected.stdout, typed
    listed = run("list", "--industry", name.upper()).stdout
    assert listed == run("list", "--industry", slug).stdout and "kpi\n" in listed


@pytest.mark.parametrize(
    "command",
    [["questions", "kpi"], ["guide", "kpi"], ["sourcing", "kpi"], ["search", "kpi", "-f", "json"]],
    ids=" ".join,
)
def test_every_command_takes_an_industry_by_name(run: Run, command: list[str]) -> None:
    by_slug = run(*command, "--industry", "management")
    assert by_slug.exit_code == 0, by_slug.stderr
    for typed in ("Management", "MANAGEMENT"):
        assert run(*command, "--industry", typed).stdout == by_slug.stdout


@pytest.mark.parametrize("typed", ["Senior", "SENIOR"])
def test_a_level_in_any_case(run: Run, typed: str) -> None:
    for command in (["questions", "kpi"], ["guide", "kpi"], ["search", "kpi", "-f", "json"]):
        expected = run(*command, "--level", "senior")
        assert expected.exit_code == 0
        assert run(*command, "--level", typed).stdout == expected.stdout


# Names of several words, as tldr clients take them.
@pytest.mark.parametrize("command", ["explain", "questions"])
def test_a_name_of_several_words_needs_no_quotes(run: Run, command: str) -> None:
    options = ["--level", "junior"] if command == "questions" else ["--format", "markdown"]
    expected = run(command, "key performance indicators", *options)
    assert expected.exit_code == 0
    assert run(command, "key", "performance", "indicators", *options).stdout == expected.stdout
    # Options may come between the words, and the words may come after them.
    assert run(command, *options, "key", "performance", "indicators").stdout == expected.stdout
    assert run(command, "Key", *options, "Performance", "INDICATORS").stdout == expected.stdout


def test_unknown_words_are_one_unknown_name(run: Run) -> None:
    result = run("explain", "kpi", "okr")
    assert result.exit_code == 1 and result.stderr.startswith("error: unknown term 'kpi okr'")


def test_a_command_of_several_terms_still_takes_them_apart(run: Run) -> None:
    both = run("guide", "kpi", "okr").stdout
    assert "# Interview guide: KPI (Key Performance Indicators), OKR" in both
    keywords = json.loads(run("sourcing", "kpi", "okr", "-f", "json").stdout)["keywords"]
    assert "KPI" in keywords and "OKR" in keywords
