"""Scoring an interview: every answer saved at once, so a kill loses at most the answer being
typed; driven in-process with scripted replies, and end to end in a real process that is
interrupted (SIGINT), killed (SIGKILL, SIGHUP) and resumed."""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FROZEN, frozen_library
from helpers import Replies
from kpiprep.cardfile import load
from kpiprep.enums import Level
from kpiprep.interview import build
from kpiprep.scorecard import Scorecard, dumps, next_step
from kpiprep.scoring import (
    ASKED_PROMPT,
    FLAGS_PROMPT,
    NOTES_PROMPT,
    RATING_PROMPT,
    REASONS_PROMPT,
    RECOMMENDATION_PROMPT,
    TICKS_PROMPT,
    Ending,
    Guide,
    Hint,
    ShowQuestion,
    find_question,
    new_card,
    score,
)

PROMPTS = (TICKS_PROMPT, ASKED_PROMPT, RATING_PROMPT, NOTES_PROMPT, FLAGS_PROMPT,
           RECOMMENDATION_PROMPT, REASONS_PROMPT)  # fmt: skip
LIBRARY = frozen_library()
# kpi and okr at mid in the frozen library: 2 + 3 questions.
INTERVIEW = build([LIBRARY.find("kpi"), LIBRARY.find("okr")], [Level.mid])
GUIDES = {i.id: Guide(i.term, i.level, i.question) for i in INTERVIEW.items}
# A whole interview: for each question the points heard, a rating, notes and red flags
# (the third question is not asked); then the recommendation and its reasons.
REPLIES = [
    "1 2", "3", "Clear on leading and lagging", "",
    "a", "4", "Gave a sales example", "2",
    "s",
    "1", "2", "Unsure about stretch goals", "Tied OKRs to bonuses without caveats",
    "", "1", "", "",
    "3", "Solid; probe OKRs further",
]  # fmt: skip


def blank() -> Scorecard:
    return new_card(INTERVIEW, candidate="Alex Moreno", interviewer="Priya Shah",
                    date=dt.date(2026, 12, 1))  # fmt: skip


class Script(Replies):
    """The session's replies; every save kept as its text."""

    def __init__(self, replies: list[str | BaseException]) -> None:
        super().__init__(replies)
        self.events: list[object] = []
        self.saved: list[str] = []

    def save(self, card: Scorecard) -> None:
        self.saved.append(dumps(card))

    def run(self, card: Scorecard) -> Ending:
        return score(card, GUIDES, self.ask, self.events.append, self.save)


def test_a_whole_interview_saves_after_every_answer() -> None:
    card = blank()
    script = Script(list(REPLIES))
    assert script.run(card) is Ending.completed
    # One save per reply: 4 per question asked, 1 for the one not asked, 2 at the end.
    assert len(script.saved) == len(REPLIES) == 4 * 4 + 1 + 2
    assert next_step(card) is None
    first, second, third, fourth, fifth = card.questions
    assert first.listen_for == dict.fromkeys(first.listen_for, True) | dict.fromkeys(
        list(first.listen_for)[2:], False
    )
    assert (first.rating, first.notes, first.red_flags) == (3, "Clear on leading and lagging", [])
    assert all(second.listen_for.values()) and second.rating == 4
    assert second.red_flags == [LIBRARY.find("kpi").red_flags[1]]
    assert third.asked is False and third.rating is None
    assert fourth.red_flags == ["Tied OKRs to bonuses without caveats"]  # own words
    assert fifth.listen_for and not any(fifth.listen_for.values()) and fifth.rating == 1
    assert (card.recommendation, card.reasons) == ("yes", "Solid; probe OKRs further")
    shown = [e.answer.id for e in script.events if isinstance(e, ShowQuestion)]
    assert shown == [item.id for item in INTERVIEW.items]


@pytest.mark.parametrize("stop", range(len(REPLIES)))
def test_resuming_after_any_answer_gives_the_same_card(stop: int) -> None:
    whole = Script(list(REPLIES))
    whole.run(blank())
    card = blank()
    first = Script(list(REPLIES[:stop]))
    assert first.run(card) is Ending.end_of_input
    assert first.saved == whole.saved[:stop]  # each answer saved as it was given
    rest = Script(list(REPLIES[stop:]))
    assert rest.run(card) is Ending.completed
    assert first.saved + rest.saved == whole.saved


@pytest.mark.parametrize("at", [0, 1, 5, 17])
def test_ctrl_c_keeps_what_was_saved(at: int) -> None:
    script = Script([*REPLIES[:at], KeyboardInterrupt()])
    card = blank()
    assert script.run(card) is Ending.interrupted and Ending.interrupted.exit_code == 130
    assert len(script.saved) == at


def test_q_stops_and_replies_that_never_fit_stop_with_exit_1() -> None:
    script = Script(["1", "q"])
    assert script.run(blank()) is Ending.quit and len(script.saved) == 1
    script = Script(["9 9", "x", "1 99"])
    assert script.run(blank()) is Ending.no_reply and Ending.no_reply.exit_code == 1
    assert script.saved == []
    hints = [e.text for e in script.events if isinstance(e, Hint)]
    assert len(hints) == 4 and hints[-1] == "No answer kpiprep could read after 3 tries."


def test_a_wrong_rating_is_asked_again() -> None:
    script = Script(["1", "5", "two", "2"])
    card = blank()
    script.run(card)
    assert card.questions[0].rating == 2
    assert script.prompts[1:4] == [RATING_PROMPT] * 3
    assert [e.text for e in script.events if isinstance(e, Hint)] == [
        "Type 1, 2, 3 or 4 (q to stop)."
    ] * 2


def test_an_unknown_question_id_says_why() -> None:
    assert find_question(LIBRARY, "kpi/human-resources/mid/9") == (
        "unknown question kpi/human-resources/mid/9: kpi/human-resources has 2 mid questions"
    )
    assert str(find_question(LIBRARY, "kpx/human-resources/mid/1")).startswith(
        "unknown question kpx/human-resources/mid/1: unknown term 'kpx'"
    )
    assert isinstance(find_question(LIBRARY, "okr/human-resources/mid/3"), Guide)


def test_a_save_interrupted_midway_leaves_the_last_good_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kpiprep import files
    from kpiprep.scorecard import render

    path = tmp_path / "card.yaml"
    card = blank()
    files.write_text(path, render(card, path), mode=0o600)
    saves = 0

    def save(current: Scorecard) -> None:
        nonlocal saves
        saves += 1
        if saves == 3:  # Ctrl-C while the third answer is being written
            monkeypatch.setattr(files.os, "replace", _interrupt)
        files.write_text(path, render(current, path), force=True, mode=0o600)

    ending = score(card, GUIDES, Script(list(REPLIES)).ask, lambda event: None, save)
    assert ending is Ending.interrupted
    kept = load(path)
    assert kept.questions[0].rating == 3 and kept.questions[0].notes is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.yaml"]  # no temporary file


def _interrupt(*args: object) -> None:
    raise KeyboardInterrupt


# In a real process: piped replies, one at a time, the file checked after each.


def recorded(card: Scorecard) -> int:
    """How many answers a card holds (each reply of REPLIES records one)."""
    count = 0
    for answer in card.questions:
        if answer.asked is False:
            count += 1
            continue
        count += sum(x is not None for x in (answer.asked, answer.rating, answer.notes,
                                              answer.red_flags))  # fmt: skip
    return count + (card.recommendation is not None) + (card.reasons is not None)


class Session:
    """`kpiprep score` in a subprocess, fed one reply at a time."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "KPIPREP_CONTENT_PATH": str(FROZEN), "COLUMNS": "80"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kpiprep", "score", *args],
            cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        self.seen = b""

    def prompts(self) -> int:
        return sum(self.seen.count(p.encode()) for p in PROMPTS)

    def wait_for_prompt(self, count: int) -> None:
        """Until `count` prompts have been shown (or the process ended)."""
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 30
        while self.prompts() < count and time.monotonic() < deadline:
            if select.select([self.proc.stderr], [], [], 0.1)[0]:
                chunk = os.read(self.proc.stderr.fileno(), 65536)
                if not chunk:
                    return
                self.seen += chunk
        assert self.prompts() >= count, self.seen.decode(errors="replace")[-2000:]

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def finish(self) -> tuple[int, str]:
        _, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, (self.seen + err).decode(errors="replace")


NEW = ["kpi", "okr", "--level", "mid", "--candidate", "Alex Moreno", "--interviewer",
       "Priya Shah", "--date", "2026-12-01", "--export", "card.yaml"]  # fmt: skip


def drive(session: Session, path: Path, replies: list[str], done: int = 0) -> list[str]:
    """Send each reply once its prompt shows; after each, the file must read and hold it."""
    texts = []
    session.wait_for_prompt(1)
    for number, reply in enumerate(replies, 1):
        session.send(reply + "\n")
        session.wait_for_prompt(number + 1) if done + number < len(REPLIES) else None
        if done + number == len(REPLIES):
            session.finish()
        card = load(path)  # valid after every single answer
        assert recorded(card) == done + number, (reply, dumps(card))
        texts.append(path.read_text(encoding="utf-8"))
    return texts


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and permissions")
def test_a_piped_interview_is_valid_after_every_answer(tmp_path: Path) -> None:
    session = Session(NEW, tmp_path)
    texts = drive(session, tmp_path / "card.yaml", REPLIES)
    code, err = session.finish()
    assert code == 0, err
    assert "saved card.yaml: 4 of 5 questions rated, recommendation: yes" in err
    assert "Traceback" not in err
    assert (tmp_path / "card.yaml").stat().st_mode & 0o777 == 0o600
    reference = blank()
    Script(list(REPLIES)).run(reference)
    assert texts[-1] == dumps(reference)  # the same card as the in-process session


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGKILL, -9),
                                           (signal.SIGHUP, -1)])  # fmt: skip
@pytest.mark.parametrize("stop", [6, 13])
def test_killed_midway_then_resumed(tmp_path: Path, sig: int, code: int, stop: int) -> None:
    path = tmp_path / "card.yaml"
    session = Session(NEW, tmp_path)
    before = drive(session, path, REPLIES[:stop])
    session.send("half a note that is never fin")  # being typed: the one answer lost
    time.sleep(0.2)
    session.proc.send_signal(sig)
    returned, err = session.finish()
    assert returned == code, err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == before[-1]  # everything answered is there
    assert recorded(load(path)) == stop
    if sig == signal.SIGINT:
        rated = load(path).rated
        assert f"\ninterrupted: saved card.yaml ({rated} of 5 questions rated)" in err
        assert "continue with: kpiprep score --resume card.yaml" in err
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "card.yaml")
    assert leftovers == [] or sig != signal.SIGINT

    resumed = Session(["--resume", "card.yaml"], tmp_path)
    drive(resumed, path, REPLIES[stop:], done=stop)
    returned, err = resumed.finish()
    assert returned == 0, err
    reference = blank()
    Script(list(REPLIES)).run(reference)
    assert path.read_text(encoding="utf-8") == dumps(reference)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX")
def test_closed_input_midway_ends_cleanly(tmp_path: Path) -> None:
    session = Session(NEW, tmp_path)
    drive(session, tmp_path / "card.yaml", REPLIES[:3])
    assert session.proc.stdin is not None
    session.proc.stdin.close()
    session.proc.stdin = None  # communicate() must not flush it again
    code, err = session.finish()
    assert code == 0, err
    assert "end of input: saved card.yaml (1 of 5 questions rated)" in err
    assert recorded(load(tmp_path / "card.yaml")) == 3


def test_typed_escape_sequences_never_make_a_card_unreadable(tmp_path: Path) -> None:
    """An arrow key in a terminal without line editing types `\\x1b[A` into the reply."""
    from kpiprep.scorecard import render

    card = blank()
    replies = ["1", "3", "good\x1b[A  answer\u202e", "\x1b[31mmy own flag", "s", "s", "s", "s",
               "3", "ok\x07"]  # fmt: skip
    path = tmp_path / "card.yaml"
    saves: list[str] = []

    def save(current: Scorecard) -> None:
        path.write_text(render(current, path), encoding="utf-8")
        saves.append("saved")

    score(card, GUIDES, Script(replies).ask, lambda event: None, save)
    kept = load(path)  # it reads back
    assert kept.questions[0].notes == "good[A answer"
    assert kept.questions[0].red_flags == ["[31mmy own flag"]
    assert kept.reasons == "ok"


def test_names_with_control_characters_are_a_usage_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("score", "kpi", "--candidate", "Al\x1b[31mex", "--interviewer", "Sam",
                 "-o", str(tmp_path / "c.yaml"))  # fmt: skip
    assert result.exit_code == 2 and "no control characters" in result.stderr
    assert not (tmp_path / "c.yaml").exists()
