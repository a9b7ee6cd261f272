"""The practice drill: driven directly with scripted replies, and end to end through the CLI."""

from __future__ import annotations

import os
import re
import select
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import frozen_library
from helpers import Replies
from kpiprep.cli import kit as cli
from kpiprep.enums import Level
from kpiprep.practice import (
    ENTER_PROMPT,
    MAX_TRIES,
    RATING_HINT,
    RATING_PROMPT,
    Card,
    Ending,
    Event,
    Hint,
    Rated,
    Reveal,
    Show,
    Summary,
    cards,
    choose,
    drill,
)
from kpiprep.term import Term

ANSI = re.compile(r"\x1b\[")
BOX = re.compile(r"[╭╮╰╯│─]")


@pytest.fixture(autouse=True)
def _frozen(frozen_content: None) -> None:
    """The CLI reads the library these tests were written against (see conftest.FROZEN)."""


def shipped(name: str) -> Term:
    return frozen_library().find(name)


KPI = shipped("kpi")
KPI_CARDS = cards([KPI], list(Level))


class Script(Replies):
    """The drill's replies, and what it showed."""

    def __init__(self, *replies: str | BaseException) -> None:
        super().__init__(list(replies))
        self.events: list[Event] = []

    def run(self, chosen: list[Card] = KPI_CARDS) -> Summary:
        return drill(chosen, self.ask, self.events.append)

    def hints(self) -> list[str]:
        return [e.text for e in self.events if isinstance(e, Hint)]


def ratings(summary: Summary) -> list[int | None]:
    return [r.rating for r in summary.done]


# Choosing the questions


def test_cards_come_in_content_order() -> None:
    assert [(c.level, c.number) for c in KPI_CARDS] == [
        (Level.junior, 1), (Level.junior, 2), (Level.mid, 1), (Level.mid, 2),
        (Level.senior, 1), (Level.senior, 2),
    ]  # fmt: skip
    assert KPI_CARDS[0].question.question == "What makes a good KPI?"
    senior = cards([KPI], [Level.senior])
    assert [c.question for c in senior] == list(KPI.questions.senior)


def test_cards_from_several_terms_go_term_by_term() -> None:
    okr = shipped("okr")
    both = cards([KPI, okr], [Level.mid])
    assert [c.term.slug for c in both] == ["kpi"] * len(KPI.questions.mid) + ["okr"] * len(
        okr.questions.mid
    )


def test_choose_without_seed_keeps_the_order() -> None:
    assert choose(KPI_CARDS) == KPI_CARDS
    assert choose(KPI_CARDS, count=2) == KPI_CARDS[:2]
    assert choose(KPI_CARDS, count=99) == KPI_CARDS


def test_choose_with_seed_is_a_reproducible_shuffle() -> None:
    first = choose(KPI_CARDS, seed=7)
    assert first == choose(KPI_CARDS, seed=7)
    assert sorted(first) == sorted(KPI_CARDS)
    orders = {tuple(c.question for c in choose(KPI_CARDS, seed=s)) for s in range(20)}
    assert len(orders) > 1
    assert choose(KPI_CARDS, count=3, seed=7) == first[:3]


# The drill itself


def test_a_completed_drill() -> None:
    script = Script("", "3", "typed my own answer", "1", "", "4", "", "2", "", "1", "", "4")
    summary = script.run()
    assert summary.ending is Ending.completed and summary.ending.exit_code == 0
    assert summary.total == 6
    assert ratings(summary) == [3, 1, 4, 2, 1, 4]
    assert summary.average == pytest.approx(15 / 6)
    assert [r.card for r in summary.weakest()] == [KPI_CARDS[1], KPI_CARDS[4]]
    assert script.prompts == [ENTER_PROMPT, RATING_PROMPT] * 6
    kinds = [type(e) for e in script.events]
    assert kinds == [Show, Reveal] * 6
    assert script.events[0] == Show(KPI_CARDS[0], 1, 6)
    assert script.events[1] == Reveal(KPI_CARDS[0])


def test_end_of_input_before_all_questions() -> None:
    summary = Script("", "2", "", "3").run()
    assert summary.ending is Ending.end_of_input and summary.ending.exit_code == 0
    assert ratings(summary) == [2, 3]
    assert summary.total == 6


def test_end_of_input_at_the_rating_leaves_that_question_out() -> None:
    script = Script("", "2", "")
    summary = script.run()
    assert summary.ending is Ending.end_of_input
    assert ratings(summary) == [2]
    assert isinstance(script.events[-1], Reveal)  # the answer was shown, then input ended


def test_no_input_at_all() -> None:
    summary = Script().run()
    assert summary.ending is Ending.end_of_input
    assert summary.done == () and summary.average is None and summary.weakest() == []


@pytest.mark.parametrize("at", ["question", "rating"])
def test_ctrl_c_ends_with_the_summary_so_far(at: str) -> None:
    replies: list[str | BaseException] = ["", "4", "", "2"]
    replies += [KeyboardInterrupt()] if at == "question" else ["", KeyboardInterrupt()]
    summary = Script(*replies).run()
    assert summary.ending is Ending.interrupted and summary.ending.exit_code == 130
    assert ratings(summary) == [4, 2]
    assert [r.card for r in summary.weakest()] == [KPI_CARDS[1]]


def test_ctrl_c_while_showing_a_question() -> None:
    def say(event: Event) -> None:
        if isinstance(event, Show) and event.position == 2:
            raise KeyboardInterrupt

    summary = drill(KPI_CARDS, Script("", "1").ask, say)
    assert summary.ending is Ending.interrupted
    assert ratings(summary) == [1]


@pytest.mark.parametrize("word", ["q", "Q", " quit "])
def test_q_stops_at_the_question_or_the_rating(word: str) -> None:
    assert Script("", "3", word).run() == Summary(6, (Rated(KPI_CARDS[0], 3),), Ending.quit)
    at_rating = Script("", "3", "", word).run()
    assert at_rating.ending is Ending.quit and ratings(at_rating) == [3]


def test_s_skips_a_question() -> None:
    summary = Script("", "s", "", "SKIP", "", "2").run(KPI_CARDS[:3])
    assert summary.ending is Ending.completed
    assert ratings(summary) == [None, None, 2]
    assert [r.rating for r in summary.rated] == [2]
    assert summary.average == 2


def test_a_wrong_rating_is_asked_again() -> None:
    script = Script("", "5", "", " 3 ")
    summary = script.run(KPI_CARDS[:1])
    assert ratings(summary) == [3]
    assert script.prompts == [ENTER_PROMPT, RATING_PROMPT, RATING_PROMPT, RATING_PROMPT]
    assert script.hints() == [RATING_HINT, RATING_HINT]  # a blank line too: a second Enter


def test_replies_that_never_rate_end_in_a_skip() -> None:
    # `yes | kpiprep practice` must finish, not loop for ever.
    script = Script(*["y"] * (2 * (1 + MAX_TRIES)))
    summary = script.run(KPI_CARDS[:2])
    assert summary.ending is Ending.completed
    assert ratings(summary) == [None, None]
    assert script.hints().count(RATING_HINT) == 2 * MAX_TRIES
    assert script.hints()[-1] == f"No rating after {MAX_TRIES} tries: question skipped."


@pytest.mark.parametrize(
    ("given", "weakest"),
    [([3, 1, 4, 1], [1, 3]), ([4, 4], []), ([2, None, 3], [0]), ([None], [])],
)
def test_weakest_are_the_lowest_rated_unless_all_top(
    given: list[int | None], weakest: list[int]
) -> None:
    summary = Summary(
        len(given),
        tuple(Rated(KPI_CARDS[i], r) for i, r in enumerate(given)),
        Ending.completed,
    )
    assert summary.weakest() == [summary.done[i] for i in weakest]


# End to end through the command


def test_cli_completed_drill(run) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", "--level", "senior", input="\n1\n\n4\n")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Practice: 2 questions\nKPI · Key Performance Indicators")
    assert "Question 1 of 2 · KPI · Senior (5+ years)" in out
    assert "A department has never had KPIs. How would you develop them?" in out
    assert "Good answer" in out and "☐ Meets stakeholders first" in out
    summary = out[out.index("Drill complete") :]
    assert summary.startswith("Drill complete: 2 of 2 questions rated, average rating 2.5")
    assert "1 missed it    KPI · Senior Q1: A department has never had KPIs." in summary
    assert "4 every point  KPI · Senior Q2: Managers or employees push back" in summary
    revise = summary[summary.index("To revise (rated 1, missed it):") :]
    for point in KPI.questions.senior[0].listen_for:
        assert f"☐ {point}" in revise
    assert "pilot programme" not in revise  # Q2 was rated 4
    # Prompts and the echoed replies go to stderr, so stdout is a clean transcript.
    assert "Press Enter" not in out and "Your rating" not in out
    assert result.stderr == (
        f"{ENTER_PROMPT}\n{RATING_PROMPT}1\n{ENTER_PROMPT}\n{RATING_PROMPT}4\n"
    )
    assert not ANSI.search(out) and not BOX.search(out)


def test_cli_end_of_input_before_all_questions(run) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", input="\n3\n\n")
    assert result.exit_code == 0
    assert "Question 2 of 6" in result.stdout and "Question 3 of 6" not in result.stdout
    summary = result.stdout[result.stdout.index("Input ended") :]
    assert summary.startswith("Input ended: 1 of 6 questions rated, average rating 3.0\n")
    assert "KPI · Junior Q1: What makes a good KPI?" in summary
    assert "Q2" not in summary.split("To revise")[0]
    assert "Traceback" not in result.output


def test_cli_no_input(run) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", input="")
    assert result.exit_code == 0
    assert result.stdout.endswith("\nInput ended: 0 of 6 questions rated\n")


def test_cli_nothing_to_revise(run) -> None:  # type: ignore[no-untyped-def]
    top = run("practice", "-l", "junior", input="\n4\n\n4\n").stdout
    assert "Drill complete: 2 of 2 questions rated, average rating 4.0" in top
    assert top.endswith("\nNothing to revise: every rating was 4.\n")
    skipped = run("practice", "-l", "junior", input="\ns\n\ns\n").stdout
    assert "Drill complete: 0 of 2 questions rated, 2 skipped\n" in skipped
    assert "To revise" not in skipped and "Nothing to revise" not in skipped


def test_cli_q_stops_with_exit_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", input="\n2\nq\n")
    assert result.exit_code == 0
    assert "Stopped: 1 of 6 questions rated, average rating 2.0" in result.stdout


def test_cli_ctrl_c_exits_130_with_the_summary(run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real_ask = cli.ask
    calls = []

    def ask(prompt: str) -> str | None:
        calls.append(prompt)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real_ask(prompt)

    monkeypatch.setattr(cli, "ask", ask)
    result = run("practice", input="\n2\n\n1\n\n4\n")
    assert result.exit_code == 130
    assert "Interrupted: 2 of 6 questions rated, average rating 1.5" in result.stdout
    assert "To revise (rated 1, missed it):" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_real_ctrl_c_in_a_running_drill() -> None:
    """SIGINT while the drill waits for a reply, as when Ctrl-C is pressed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpiprep", "practice"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert proc.stdin and proc.stderr
    proc.stdin.write(b"\n3\n")
    proc.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 30
    # Wait until it has rated the first question and asks about the second.
    while seen.count(ENTER_PROMPT.encode()) < 2 and time.monotonic() < deadline:
        if select.select([proc.stderr], [], [], 0.1)[0]:
            chunk = os.read(proc.stderr.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
    assert seen.count(ENTER_PROMPT.encode()) == 2, seen
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    text = out.decode()
    assert "Interrupted: 1 of 6 questions rated, average rating 3.0" in text
    assert b"Traceback" not in err + seen


def test_cli_seed_and_count(run) -> None:  # type: ignore[no-untyped-def]
    def questions_asked(*args: str) -> list[str]:
        out = run("practice", *args, input="\ns\n" * 6, env={"COLUMNS": "200"}).stdout
        return re.findall(r"^Question \d of \d · .*\n(.*)$", out, re.M)

    plain = questions_asked()
    assert plain == [c.question.question for c in KPI_CARDS]
    seeded = questions_asked("--seed", "7")
    assert seeded == [c.question.question for c in choose(KPI_CARDS, seed=7)]
    assert seeded == questions_asked("--seed", "7") and seeded != plain
    assert questions_asked("--seed", "7", "--count", "2") == seeded[:2]
    assert run("practice", "-n", "2", input="").stdout.startswith("Practice: 2 questions\n")
    assert run("practice", "--count", "0").exit_code == 2


def test_cli_several_terms(run) -> None:  # type: ignore[no-untyped-def]
    okr = shipped("okr")
    result = run("practice", "kpi", "OKR", "key performance indicators", "-l", "junior", input="")
    assert result.exit_code == 0
    total = len(KPI.questions.junior) + len(okr.questions.junior)  # kpi named twice, asked once
    assert result.stdout.startswith(
        f"Practice: {total} questions\nKPI · Key Performance Indicators  (Human Resources)\n"
        "OKR · Objectives and Key Results  (Human Resources)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("kpx",), "error: unknown term 'kpx'; did you mean 'kpi'?\n"),
        (("kpi", "--industry", "mining"), "error: term 'kpi' has no industry 'mining'"),
    ],
)
def test_cli_errors_are_clean(run, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", *args, input="\n1\n")
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr.startswith(message)


def test_cli_strange_input_is_a_wrong_reply(run) -> None:  # type: ignore[no-untyped-def]
    long_line = "9" * 5000
    result = run(
        "practice", "-n", "1", input=b"\n\xff\xfe\x1b[31m\n" + long_line.encode() + b"\n2\n"
    )
    assert result.exit_code == 0
    assert "average rating 2.0" in result.stdout
    assert result.stderr.count(RATING_HINT) == 2
    assert "\x1b" not in result.stderr  # the echoed reply shows the escape, never sends it
    assert long_line not in result.stderr


def test_cli_content_markup_prints_literally(  # type: ignore[no-untyped-def]
    run, write_term: Callable[..., Path], user_dir: Path, kpi_text: str
) -> None:
    write_term(
        kpi_text.replace(
            "question: What makes a good KPI?", "question: '[bold red]What[/] makes a good KPI?'"
        ).replace("- Gives a concrete good KPI", "- '[link=http://x.example]Gives[/link]'")
    )
    for env in ({}, {"FORCE_COLOR": "1"}):
        result = run("--content-dir", str(user_dir), "practice", input="\n1\n", env=env)
        assert "[bold red]What[/] makes a good KPI?" in result.stdout
        assert "[link=http://x.example]Gives[/link]" in result.stdout
        assert "\x1b]8;" not in result.stdout


def test_cli_on_a_terminal_uses_rich(run) -> None:  # type: ignore[no-untyped-def]
    result = run("practice", "-l", "junior", input="\n1\n\n4\n", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ANSI.search(result.stdout) and BOX.search(result.stdout)


def test_readme_example_is_real_output(run) -> None:  # type: ignore[no-untyped-def]
    from test_meta import readme_blocks

    examples = [b for b in readme_blocks("text") if " | kpiprep practice " in b.partition("\n")[0]]
    assert len(examples) == 1
    command, _, output = examples[0].partition("\n")
    words = shlex.split(command.removeprefix("$ "))
    assert words[0] == "printf" and words[2:4] == ["|", "kpiprep"] and words[-1] == "2>&1"
    assert run(*words[4:-1], input=words[1].replace("\\n", "\n")).output == output
