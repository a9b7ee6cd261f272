"""The loop on the command line: role files, guides with a filled header, panel guides and
their coverage table, piped scoring, the debrief in every format, bad input (one clear line,
nothing lost), and printing in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import FROZEN, GOLDEN
from kpiprep.cardfile import load

UPDATE = os.environ.get("KPIPREP_UPDATE_GOLDEN") == "1"
ROLE = """kind: role
title: HR Analyst
industry: human-resources
level: mid
minutes: 30
terms:
  - kpi
  - term: okr
    weight: 2
panel:
  - Priya Shah
  - Sam Lee
  - Jo Park
"""
CANDIDATE = ("--candidate", "Alex Moreno", "--date", "2026-12-01")
# Each interviewer's replies for their share of the role's panel (frozen library: Priya has
# KPI's two mid questions, Sam OKR's first two, Jo OKR's third).
REPLIES = {
    "Priya Shah": "1 2\n3\nClear on leading and lagging, with a sales example\n\n"
    "1\n2\nVague on side effects\n2\n3\nSolid on KPIs\n",
    "Sam Lee": "a\n4\nExplained OKRs against KPIs crisply\n\n1 2\n4\nThoughtful on bonuses\n\n"
    "4\nStrong OKR practice\n",
    "Jo Park": "1\n2\nUnsure about stretch goals\nTied OKRs to pay without caveats\n"
    "2\nNeeds more depth on OKRs\n",
}


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, frozen_content: None) -> Path:
    """A working folder with the role file in my-terms/roles; the frozen library."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-terms" / "roles").mkdir(parents=True)
    (tmp_path / "my-terms" / "roles" / "hr-analyst.yaml").write_text(ROLE, encoding="utf-8")
    return tmp_path


def check_golden(name: str, text: str) -> None:
    """Regenerate after a deliberate change with KPIPREP_UPDATE_GOLDEN=1 and review the diff."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def score(run, name: str, replies: str | None = None, *extra: str):  # type: ignore[no-untyped-def]
    first = name.split()[0].casefold()
    args = ["--content-dir", "my-terms", "score", "--role", "hr-analyst", "--interviewer", name]
    return run(*args, *CANDIDATE, "--export", f"alex-{first}.yaml", *extra,
               input=REPLIES[name] if replies is None else replies)  # fmt: skip


@pytest.fixture
def cards(run, here: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    for name in REPLIES:
        result = score(run, name)
        assert result.exit_code == 0, result.output
    return [here / f"alex-{n}.yaml" for n in ("priya", "sam", "jo")]


# Role files.


def test_role_new_and_list(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("role", "new", "sales-lead", "--dir", "my-terms")
    assert result.exit_code == 0, result.output
    assert result.stdout == "my-terms/roles/sales-lead.yaml\n"
    assert "next: replace the TODO in my-terms/roles/sales-lead.yaml" in result.stderr
    again = run("role", "new", "sales-lead", "--dir", "my-terms")
    assert (again.exit_code, again.stderr) == (
        1,
        "error: my-terms/roles/sales-lead.yaml already exists; kpiprep role new never "
        "replaces a file\n",
    )
    listed = run("--content-dir", "my-terms", "role", "list")
    assert listed.stdout.splitlines() == [
        "hr-analyst\tHR Analyst\tmid\tkpi, okr\tmy-terms/roles/hr-analyst.yaml",
        "sales-lead\tTODO: the job title, as on the job ad\tmid\tkpi, okr\t"
        "my-terms/roles/sales-lead.yaml",
    ]
    assert run("role", "new", "Bad Slug").exit_code == 2


def test_guide_from_a_role_fills_the_header(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", "--panel", "1",
                 "--interviewer", "Priya Shah", *CANDIDATE)  # fmt: skip
    assert result.exit_code == 0, result.output
    for row in ("| **Candidate** | Alex Moreno |", "| **Interviewer** | Priya Shah |",
                "| **Date** | 2026-12-01 |", "| **Role** | HR Analyst |",
                "| **Level** | Mid (2-5 years) |", "## Interview plan (30 minutes)"):  # fmt: skip
        assert row in result.stdout
    assert "## OKR (" in result.stdout and "## KPI (" in result.stdout
    both = run("--content-dir", "my-terms", "guide", "kpi", "--role", "hr-analyst")
    assert both.exit_code == 2 and "the role file names the terms" in both.stderr
    bad_date = run("guide", "--date", "1 December")
    assert bad_date.exit_code == 2 and "'1 December' is not a date as YYYY-MM-DD" in bad_date.stderr


def test_guide_header_without_a_role(run) -> None:  # type: ignore[no-untyped-def]
    out = run("guide", "kpi", "--level", "junior", "--interviewer", "Sam <b>Lee</b>").stdout
    assert "| **Interviewer** | Sam \\<b\\>Lee\\</b\\> |" in out  # text, never markup
    assert "| **Candidate** | |" in out  # left to fill in


def test_panel_guides_and_the_coverage_table(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", *CANDIDATE,
                 "--export", "panel")  # fmt: skip
    assert result.exit_code == 0, result.output
    names = ["1-priya-shah.md", "2-sam-lee.md", "3-jo-park.md", "coverage.md"]
    assert result.stderr == "".join(f"wrote panel/{n}\n" for n in names)
    assert sorted(p.name for p in (here / "panel").iterdir()) == sorted(names)
    coverage = (here / "panel" / "coverage.md").read_text(encoding="utf-8")
    check_golden("panel-coverage-hr-analyst.md", coverage)
    sam = (here / "panel" / "2-sam-lee.md").read_text(encoding="utf-8")
    assert "| **Panel** | 2 of 3: Priya Shah, **Sam Lee**, Jo Park |" in sam
    assert "## KPI (" not in sam and "##### Q1. How do OKRs differ from KPIs" in sam
    assert "## Interview plan (30 minutes)" in sam
    for path in (here / "panel").iterdir():  # they name the candidate: private
        assert path.stat().st_mode & 0o777 == 0o600
    # Nothing is replaced without --force, and nothing at all is written then.
    before = {p.name: p.read_bytes() for p in (here / "panel").iterdir()}
    again = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", "--export", "panel")
    assert again.exit_code == 1
    assert again.stderr == "error: panel/1-priya-shah.md already exists; use --force to replace " \
        "it (nothing was written)\n"  # fmt: skip
    assert {p.name: p.read_bytes() for p in (here / "panel").iterdir()} == before
    forced = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", "--export",
                 "panel", "--force")  # fmt: skip
    assert forced.exit_code == 0
    assert "| **Candidate** | |" in (here / "panel" / "1-priya-shah.md").read_text()


@pytest.mark.parametrize(
    ("number", "name", "expected"),
    [(1, "Priya Shah", "1-priya-shah"), (2, "../../etc/passwd", "2-etc-passwd"),
     (3, "Zoë O'Brien-Núñez", "3-zoe-o-brien-nunez"), (4, "李雷", "4-interviewer"),
     (5, "A" * 80, "5-" + "a" * 40)],
)  # fmt: skip
def test_each_seat_has_a_safe_file_name(number: int, name: str, expected: str) -> None:
    from kpiprep.cli.loop import file_name

    assert file_name(number, name) == expected


def test_panel_usage_mistakes(run) -> None:  # type: ignore[no-untyped-def]
    no_folder = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst")
    assert no_folder.exit_code == 2 and "give --export FOLDER" in no_folder.stderr
    named = run("guide", "kpi", "okr", "--panel", "2", "--interviewer", "Sam", "-o", "p")
    assert named.exit_code == 2 and "each guide of a panel names its own" in named.stderr
    tight = run("guide", "kpi", "okr", "smart-goals", "--level", "mid", "--panel", "2",
                "--minutes", "15", "-o", "p")  # fmt: skip
    assert tight.exit_code == 1
    assert tight.stderr == (
        "error: 8 questions do not fit a panel of 2 in 15 minutes each: Interviewer 1 would "
        "have 4 questions and need at least 17 minutes; make each interview 17 minutes long, "
        "have 3 interviewers, or ask fewer questions (--questions)\n"
    )


def test_html_guides_repeat_candidate_and_role_on_every_page(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "kpi", "--level", "mid", "--candidate", 'Al "</style><script>x',
                 "--export", "g.html")  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (here / "g.html").read_text(encoding="utf-8")
    assert "@top-left { content: " in page
    assert "<script" not in page and "</style><" not in page.split("</head>")[0][:-8]
    head = re.search(r"@top-left \{ content: (\"[^\"]*\")", page)
    assert head and "Candidate" in head[1] and "\\3c " in head[1]  # escaped, not markup


# Scoring on the command line.


def test_piped_scores_for_the_whole_panel(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    priya, sam, jo = (load(path) for path in cards)
    assert [a.id for a in priya.questions] == ["kpi/human-resources/mid/1",
                                               "kpi/human-resources/mid/2"]  # fmt: skip
    assert (priya.seat, priya.panel, priya.role) == (1, ["Priya Shah", "Sam Lee", "Jo Park"],
                                                     "HR Analyst")  # fmt: skip
    assert [t.weight for t in sam.terms] == [2]
    assert jo.questions[0].red_flags == ["Tied OKRs to pay without caveats"]
    assert (priya.recommendation, sam.recommendation, jo.recommendation) == (
        "yes", "strong yes", "no"
    )  # fmt: skip
    for path in cards:
        assert path.stat().st_mode & 0o777 == 0o600


def test_score_refuses_to_replace_a_card_and_resumes_it(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    half = score(run, "Priya Shah", "1 2\n3\n")
    assert half.exit_code == 0
    assert half.stderr.endswith(
        "end of input: saved alex-priya.yaml (1 of 2 questions rated); continue with: "
        "kpiprep score --resume alex-priya.yaml\n"
    )
    again = score(run, "Priya Shah")
    assert again.exit_code == 1
    assert again.stderr == ("error: alex-priya.yaml already exists; continue it with: kpiprep "
                            "score --resume alex-priya.yaml\n")  # fmt: skip
    rest = REPLIES["Priya Shah"].split("\n", 2)[2]
    resumed = run("--content-dir", "my-terms", "score", "--resume", "alex-priya.yaml", input=rest)
    assert resumed.exit_code == 0, resumed.output
    assert resumed.stderr.endswith("saved alex-priya.yaml: 2 of 2 questions rated, "
                                   "recommendation: yes\n")  # fmt: skip
    mixed = run("score", "--resume", "alex-priya.yaml", "--candidate", "X")
    assert mixed.exit_code == 2 and "leave out the other options" in mixed.stderr


def test_score_needs_who_and_where(run) -> None:  # type: ignore[no-untyped-def]
    result = run("score", "kpi", "--interviewer", "Sam", "-o", "c.yaml")
    assert result.exit_code == 2 and "a new scorecard needs --candidate" in result.stderr
    seat = run("score", "kpi", "okr", "--panel", "2", "--interviewer", "Sam", "--candidate", "A",
               "-o", "c.yaml")  # fmt: skip
    assert seat.exit_code == 2
    assert "say which seat of the panel is yours: 1 Interviewer 1, 2 Interviewer 2" in seat.stderr
    assert not Path("c.yaml").exists()
    ok = run("score", "kpi", "okr", "--panel", "2", "--seat", "2", "--interviewer", "Sam",
             "--candidate", "A", "-o", "c.yaml", input="")  # fmt: skip
    assert ok.exit_code == 0
    assert {a.id.split("/")[0] for a in load(Path("c.yaml")).questions} == {"okr"}


def test_the_seat_is_found_as_the_panel_and_the_debrief_compare_names(run) -> None:  # type: ignore[no-untyped-def]
    # The role file says "Sam Lee"; typed in another case with a doubled space, it is the
    # same person (kpiprep.term.normalise) to the panel, the seat lookup and the debrief.
    result = run("--content-dir", "my-terms", "score", "--role", "hr-analyst",
                 "--interviewer", "sam  LEE", *CANDIDATE, "-o", "c.yaml", input="")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    card = load(Path("c.yaml"))
    assert card.seat == 2
    assert {a.id.split("/")[0] for a in card.questions} == {"okr"}


# Bad input: one clear line each, and nothing lost.


def edited(path: Path, old: str, new: str) -> bytes:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_bytes()


def test_unknown_question_id(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    priya = cards[0]
    data = edited(priya, "id: kpi/human-resources/mid/2", "id: kpi/human-resources/mid/9")
    result = run("score", "--resume", str(priya))
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(data.decode().splitlines(), 1) if "mid/9" in t)
    assert result.stderr == (
        f"{priya}:{line}:5: questions[1].id: unknown question kpi/human-resources/mid/9: "
        "kpi/human-resources has 2 mid questions\n"
    )
    assert priya.read_bytes() == data
    checked = run("validate", str(priya))
    assert f"{priya}:{line}:5: KP014 questions[1].id: unknown question" in checked.stdout


def test_rating_outside_one_to_four(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    priya = cards[0]
    data = edited(priya, "rating: 3", "rating: 5")
    line = next(n for n, t in enumerate(data.decode().splitlines(), 1) if "rating: 5" in t)
    for args in (("debrief", *map(str, cards)), ("score", "--resume", str(priya))):
        result = run(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == (f"{priya}:{line}:5: questions[0].rating: a rating is 1, 2, 3 or "
                                 "4 (or null until rated), not 5\n")  # fmt: skip
    assert priya.read_bytes() == data


def test_a_scorecard_edited_into_invalid_yaml(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    sam = cards[1]
    data = edited(sam, 'candidate: "Alex Moreno"', 'candidate: "Alex Moreno')
    result = run("debrief", *map(str, cards))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{sam}:") and "YAML syntax error" in line
    assert sam.read_bytes() == data


def test_two_files_from_the_same_interviewer(run, cards: list[Path], here: Path) -> None:  # type: ignore[no-untyped-def]
    copy = here / "alex-priya-again.yaml"
    shutil.copyfile(cards[0], copy)
    result = run("debrief", str(cards[0]), str(copy))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {cards[0]} and {copy} are from the same interviewer (Priya Shah): keep one "
        "scorecard per interviewer\n"
    )


def test_a_role_naming_an_unknown_term(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    role = here / "my-terms" / "roles" / "hr-analyst.yaml"
    edited(role, "  - kpi\n", "  - kpx\n")
    result = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "my-terms/roles/hr-analyst.yaml:7:5: terms[0]: unknown term 'kpx'; did you mean 'kpi'?\n"
    )
    checked = run("--content-dir", "my-terms", "validate", "my-terms")
    assert checked.stdout == (
        "my-terms/roles/hr-analyst.yaml:7:5: KP013 terms[0]: no term 'kpx' in the files "
        "checked or on the search path\n"
    )
    # Without paths, validate checks the roles/ folder of every folder of the search path.
    searched = run("--content-dir", "my-terms", "validate")
    assert searched.exit_code == 1
    assert "my-terms/roles/hr-analyst.yaml:7:5: KP013 terms[0]: no term 'kpx'" in searched.stdout
    listed = run("--content-dir", "my-terms", "role", "list")
    assert (
        listed.stdout == "hr-analyst\tHR Analyst\tmid\tkpx, okr\tmy-terms/roles/hr-analyst.yaml\n"
    )
    (here / "my-terms" / "roles" / "broken.yaml").write_text("kind: role\ntitle: [x\n", "utf-8")
    broken = run("--content-dir", "my-terms", "role", "list")
    assert broken.stderr.startswith("warning: skipping my-terms/roles/broken.yaml:")


# The debrief.


def test_debrief_markdown_golden(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    result = run("debrief", *map(str, cards), "--format", "markdown")
    assert result.exit_code == 0, result.output
    check_golden("debrief-alex-moreno.md", result.stdout)
    text = result.stdout
    assert "**⚑ Split decision:**" in text
    assert "- ⚑ **OKR**: term averages 2.0 apart (Sam Lee 4.0, Jo Park 2.0)" in text
    assert "- ⚑ Tied OKRs to pay without caveats (Jo Park, `okr/human-resources/mid/3`)" in text


def test_debrief_plain_text_when_piped_and_rich_on_a_terminal(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    piped = run("debrief", *map(str, cards))
    assert piped.exit_code == 0
    assert "  Priya Shah #########... 3  2 of 4 points heard" in piped.stdout
    assert "OKR (weight 2): Sam Lee 4.0 · Jo Park 2.0 · spread 2.0 ! discuss" in piped.stdout
    assert "\x1b[" not in piped.stdout and "█" not in piped.stdout
    styled = run("debrief", *map(str, cards), env={"FORCE_COLOR": "1"})
    assert "█" in styled.stdout and "\x1b[1;31m! Split decision" in styled.stdout
    assert "\x1b[1;36mKPI (weight 1): \x1b[0m" in styled.stdout
    plain = run("debrief", *map(str, cards), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "█" in plain.stdout and "\x1b[" not in plain.stdout


def test_debrief_on_a_windows_console_goes_through_rich(  # type: ignore[no-untyped-def]
    run, cards: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    styled = run("debrief", *map(str, cards), env={"FORCE_COLOR": "1"})
    assert styled.exit_code == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", styled.stdout)
    assert "  Priya Shah █████████░░░ 3  2 of 4 points heard" in text
    assert "\x1b[" in styled.stdout


def test_debrief_json_and_missing_interviewers(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("debrief", *map(str, cards[:2]), "-f", "json").stdout)
    assert data["missing"] == ["Jo Park"]
    assert data["recommendations"]["strong yes"] == ["Sam Lee"]
    assert [q["id"] for q in data["questions"]] == [
        "kpi/human-resources/mid/1", "kpi/human-resources/mid/2",
        "okr/human-resources/mid/1", "okr/human-resources/mid/2",
    ]  # fmt: skip
    text = run("debrief", *map(str, cards[:2])).stdout
    assert "Missing: Jo Park\n" in text


def test_debrief_export_is_private_and_never_replaced(run, cards: list[Path], here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("debrief", *map(str, cards), "--export", "debrief.html")
    assert (result.exit_code, result.stderr) == (0, "wrote debrief.html\n")
    page = (here / "debrief.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg viewBox=" in page
    assert "<script" not in page and "http" not in page
    assert (here / "debrief.html").stat().st_mode & 0o777 == 0o600
    again = run("debrief", *map(str, cards), "--export", "debrief.html")
    assert again.exit_code == 1 and "use --force" in again.stderr
    md = run("debrief", *map(str, cards), "-o", "d.md")
    assert (here / "d.md").read_text().startswith("# Debrief: Alex Moreno")
    assert md.exit_code == 0
    # Not even with --force over a scorecard it is made from.
    card = cards[0].read_bytes()
    over = run("debrief", *map(str, cards), "--export", str(cards[0]), "--force")
    assert over.exit_code == 1 and "one of the files this output is made from" in over.stderr
    assert cards[0].read_bytes() == card


def test_hostile_names_and_notes_stay_text(run, cards: list[Path]) -> None:  # type: ignore[no-untyped-def]
    edited(cards[0], '"Clear on leading and lagging, with a sales example"',
           '"<script>alert(1)</script> **bold** [x](javascript:y)"')  # fmt: skip
    edited(cards[0], 'interviewer: "Priya Shah"', 'interviewer: "Priya <img src=x>"')
    page = run("debrief", *map(str, cards), "-f", "html").stdout
    assert "<script>" not in page and "<img" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Priya &lt;img src=x&gt;" in page
    markdown = run("debrief", *map(str, cards), "-f", "markdown").stdout
    assert "\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\*" in markdown


# Printing in a real browser.

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (Debian package 'chromium'); .ci/run installs it",
)


def print_pdf(tmp_path: Path, page: Path) -> list[str]:
    from pypdf import PdfReader

    from test_interview import chromium

    pdf = tmp_path / (page.stem + ".pdf")
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    return [
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text()))
        for p in PdfReader(pdf).pages
    ]


@needs_chromium
def test_the_html_debrief_prints_with_its_chart(run, cards: list[Path], here: Path) -> None:  # type: ignore[no-untyped-def]
    run("debrief", *map(str, cards), "--export", "debrief.html")
    pages = print_pdf(here, here / "debrief.html")
    assert len(pages) >= 2
    assert all(p.startswith("Debrief:AlexMoreno·HRAnalyst") for p in pages)  # every page
    everything = "".join(pages)
    for qid in ("kpi/human-resources/mid/1", "okr/human-resources/mid/3"):
        assert qid in everything
    assert "⚑2.0apart:discuss" in everything  # the chart's text made it to paper
    png = here / "debrief.png"
    from test_interview import chromium

    chromium(here, f"--screenshot={png}", "--window-size=1000,1400",
             (here / "debrief.html").as_uri())  # fmt: skip
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000


@needs_chromium
def test_the_debrief_exports_to_pdf(run, cards: list[Path], here: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    result = run("debrief", *map(str, cards), "--export", "debrief.pdf")
    assert result.exit_code == 0 and result.stderr == "wrote debrief.pdf\n", result.output
    assert stat.S_IMODE((here / "debrief.pdf").stat().st_mode) == 0o600  # it names a candidate
    pages = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text()))
             for p in PdfReader(here / "debrief.pdf").pages]  # fmt: skip
    assert len(pages) >= 2 and all(p.startswith("Debrief:AlexMoreno·HRAnalyst") for p in pages)
    everything = "".join(pages)
    assert "okr/human-resources/mid/3" in everything and "⚑2.0apart:discuss" in everything
    assert "file://" not in everything  # no browser header or footer
    again = run("debrief", *map(str, cards), "--export", "debrief.pdf")
    assert again.exit_code == 1 and "already exists" in again.stderr
    to_stdout = run("debrief", *map(str, cards), "--format", "pdf")
    assert to_stdout.exit_code == 2 and "a PDF is written to a file" in to_stdout.stderr


@needs_chromium
def test_the_html_panel_guides_print_one_per_interviewer(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", *CANDIDATE,
                 "--format", "html", "--export", "panel")  # fmt: skip
    assert result.exit_code == 0, result.output
    for name, question in (("1-priya-shah", "HowdoleadingKPIsdifferfromlaggingKPIs?"),
                           ("2-sam-lee", "HowdoOKRsdifferfromKPIs"),
                           ("3-jo-park", "committedandaspirational")):  # fmt: skip
        pages = print_pdf(here, here / "panel" / f"{name}.html")
        assert all(p.startswith("Candidate:AlexMoreno·Role:HRAnalyst") for p in pages), name
        assert question in "".join(pages)
    coverage = "".join(print_pdf(here, here / "panel" / "coverage.html"))
    assert "1·PriyaShah" in coverage and "3·JoPark" in coverage


@needs_chromium
def test_the_panel_guides_export_to_pdf(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    result = run("--content-dir", "my-terms", "guide", "--role", "hr-analyst", *CANDIDATE,
                 "--format", "pdf", "--export", "panel")  # fmt: skip
    assert result.exit_code == 0, result.output
    names = ["1-priya-shah.pdf", "2-sam-lee.pdf", "3-jo-park.pdf", "coverage.pdf"]
    assert sorted(p.name for p in (here / "panel").iterdir()) == names
    for name in names:
        pages = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text()))
                 for p in PdfReader(here / "panel" / name).pages]  # fmt: skip
        assert all(p.startswith("Candidate:AlexMoreno·Role:HRAnalyst") for p in pages), name
    assert "3-jo-park.pdf" in "".join(pages)  # the coverage table names the PDF guides


# Nothing but the named paths.


def test_nothing_is_written_but_the_named_paths(tmp_path: Path) -> None:
    """A whole loop in real processes: the candidate's name and the notes end up only in the
    files named on the command line; the cache, home and temporary folders hold none."""
    work, home, cache, temp = (tmp_path / n for n in ("work", "home", "cache", "tmp"))
    for folder in (work / "my-terms" / "roles", home, cache, temp):
        folder.mkdir(parents=True)
    (work / "my-terms" / "roles" / "hr-analyst.yaml").write_text(ROLE, encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KPIPREP_"))},
        "HOME": str(home), "KPIPREP_CACHE_DIR": str(cache), "TMPDIR": str(temp),
        "KPIPREP_CONTENT_PATH": str(FROZEN),
    }  # fmt: skip

    def kpiprep(*args: str, replies: str = "") -> None:
        done = subprocess.run([sys.executable, "-m", "kpiprep", "--content-dir", "my-terms",
                               *args], cwd=work, env=env, input=replies, capture_output=True,
                              text=True, timeout=60, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr

    kpiprep("guide", "--role", "hr-analyst", *CANDIDATE, "--export", "panel")
    for name in REPLIES:
        first = name.split()[0].casefold()
        kpiprep("score", "--role", "hr-analyst", "--interviewer", name, *CANDIDATE,
                "--export", f"alex-{first}.yaml", replies=REPLIES[name])  # fmt: skip
    kpiprep("debrief", "alex-priya.yaml", "alex-sam.yaml", "alex-jo.yaml", "-o", "d.html")
    kpiprep("debrief", "alex-priya.yaml", "alex-sam.yaml", "alex-jo.yaml", "-o", "d.json")

    written = sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file())
    assert written == sorted([
        "alex-jo.yaml", "alex-priya.yaml", "alex-sam.yaml", "d.html", "d.json",
        "my-terms/roles/hr-analyst.yaml", "panel/1-priya-shah.md", "panel/2-sam-lee.md",
        "panel/3-jo-park.md", "panel/coverage.md",
    ])  # fmt: skip
    assert list(temp.iterdir()) == [] and list(home.rglob("*")) == []
    people = ("Alex Moreno", "Priya Shah", "Sam Lee", "Jo Park", "Solid on KPIs",
              "Tied OKRs to pay")  # fmt: skip
    for path in cache.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(p.encode() in data for p in people), path


def test_score_on_a_terminal_draws_each_question_in_a_box(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "--content-dir", "my-terms", "score", "--role", "hr-analyst", "--interviewer", "Jo Park",
        *CANDIDATE, "--export", "jo.yaml", input="q\n", env={"FORCE_COLOR": "1"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "╭" in result.stderr and "\x1b[" in result.stderr  # Rich, on the terminal
    assert "Listen for" in result.stderr and "1. " in result.stderr
    assert "quit: saved jo.yaml (0 of 1 question rated)" in result.stderr
