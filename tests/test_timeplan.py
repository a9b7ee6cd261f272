"""A time plan that squeezes its questions says so: in the guide's plan and on stderr."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import frozen_library
from kpiprep.enums import Level
from kpiprep.interview import (
    Interview,
    build,
    choose,
    comfortable_minutes,
    tight,
    tight_note,
)
from kpiprep.term import Question, QuestionsByLevel, Term

TIGHT_RE = re.compile(
    r"^tight: (?P<count>\d+) questions in (?P<total>\d+) minutes.*; consider "
    r"--minutes (?P<minutes>\d+) or --questions (?P<questions>\d+)$"
)


def question(text: str, kind: str | None, minutes: int | None = None) -> Question:
    return Question(text, "An answer long enough to guide.", ("a point",), minutes, kind)


def with_senior(*questions: Question) -> Term:
    """The frozen KPI term with these senior questions (the other levels as they are)."""
    term = frozen_library().find("kpi")
    levels = term.questions
    return term._replace(questions=QuestionsByLevel(levels.junior, levels.mid, questions))


def interview(term: Term, minutes: int, per_level: int | None = None) -> Interview:
    return build([term], [Level.senior], minutes=minutes, per_level=per_level)


def test_comfortable_time_grows_with_the_kind_and_the_level() -> None:
    term = with_senior(question("Define it.", "knowledge"))
    (senior,) = choose([term], [Level.senior])
    assert comfortable_minutes(senior) == 4
    stories = [question(f"Tell me about a time {n}.", "behavioural") for n in range(4)]
    (first, *_) = choose([with_senior(*stories)], [Level.senior])
    assert comfortable_minutes(first) == 6  # a senior behavioural question
    assert comfortable_minutes(first._replace(level=Level.junior)) == 5


def test_four_senior_stories_in_30_minutes_are_tight() -> None:
    stories = [question(f"Tell me about a time {n}.", "behavioural") for n in range(4)]
    planned = interview(with_senior(*stories), 30)
    # 30 minutes: 3 + 3 + 2 for the fixed parts, 22 for four questions: 6, 6, 5, 5.
    assert sorted(s.minutes for s in planned.schedule if s.item) == [5, 5, 6, 6]
    found = tight(planned)
    assert found is not None
    assert tight_note(found) == (
        "4 questions in 30 minutes: 2 get 5 minutes where their answers need 6; "
        "consider --minutes 35 or --questions 3"
    )
    # Both suggestions really give every question its time.
    assert tight(interview(with_senior(*stories), 35)) is None
    assert tight(interview(with_senior(*stories), 30, per_level=3)) is None


def test_every_question_short_says_each() -> None:
    stories = [question(f"Tell me about a time {n}.", "behavioural") for n in range(8)]
    found = tight(interview(with_senior(*stories), 45))
    assert found is not None
    assert tight_note(found).startswith(
        "8 questions in 45 minutes, 4-5 minutes each where an answer needs 6; consider --minutes"
    )


def test_time_the_content_sets_is_never_called_tight() -> None:
    timed = [question(f"Tell me about a time {n}.", "behavioural", minutes=4) for n in range(4)]
    assert tight(interview(with_senior(*timed), 30)) is None


def test_odd_minutes_go_to_the_questions_that_need_longest() -> None:
    mixed = [
        question("Define it.", "knowledge"),
        question("What is it for?", "knowledge"),
        question("Tell me about a time one.", "behavioural"),
        question("Tell me about a time two.", "behavioural"),
    ]
    planned = interview(with_senior(*mixed), 30)
    given = {s.item.question.kind: s.minutes for s in planned.schedule if s.item}
    assert given == {"knowledge": 5, "behavioural": 6}  # not 6 for the first two asked
    assert tight(planned) is None


def test_no_plan_is_never_tight() -> None:
    stories = [question(f"Tell me about a time {n}.", "behavioural") for n in range(8)]
    assert tight(build([with_senior(*stories)], [Level.senior])) is None


def test_the_cli_says_so_once_and_the_guide_in_its_plan(run) -> None:  # type: ignore[no-untyped-def]
    """Eight senior questions of the shipped KPI and OKR files in 45 minutes."""
    result = run("guide", "kpi", "okr", "--level", "senior", "--minutes", "45")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    found = TIGHT_RE.match(line)
    assert found, line
    assert (found["count"], found["total"]) == ("8", "45")
    section = result.stdout.split("## Interview plan", 1)[1].split("\n## ", 1)[0]
    assert f"\n**Tight:** {line.removeprefix('tight: ')}.\n" in section
    # The way out it names works: no tight line, no note.
    for more in (["--minutes", found["minutes"]], ["--questions", found["questions"]]):
        roomier = run("guide", "kpi", "okr", "--level", "senior", "--minutes", "45", *more)
        assert roomier.exit_code == 0
        assert "tight" not in roomier.stderr and "**Tight:**" not in roomier.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_roomy_plan_says_nothing(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "kpi", "--level", "senior", "--minutes", "45", "--format", fmt)
    assert result.exit_code == 0 and "Interview plan" in result.stdout
    assert result.stderr == "" and "Tight:" not in result.stdout


def test_each_tight_interviewer_of_a_panel_is_named(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "panel"
    result = run(
        "guide", "kpi", "okr", "--level", "senior", "--minutes", "25", "--panel", "2",
        "--export", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    tight_lines = [line for line in result.stderr.splitlines() if line.startswith("tight: ")]
    assert tight_lines, result.stderr
    for line in tight_lines:
        seat = re.match(r"tight: Interviewer (\d): \d+ questions in 25 minutes", line)
        assert seat, line
        guide = next(out.glob(f"{seat[1]}-*.md")).read_text(encoding="utf-8")
        assert "**Tight:**" in guide


def test_the_readme_example_is_real_output(run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"  \$ (kpiprep guide .*--minutes 45 .*)\n((?:  (?!```).*\n)+)", readme)
    command, shown = example
    monkeypatch.chdir(tmp_path)
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0
    assert result.stderr == "".join(line[2:] + "\n" for line in shown.splitlines())
