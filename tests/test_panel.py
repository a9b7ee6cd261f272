"""The panel split: every term covered, no question twice, each interviewer's time fits, or
a refusal that says what would fit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import frozen_library
from kpiprep.enums import Level
from kpiprep.errors import KpiprepError
from kpiprep.interview import Header, build, minimum_minutes
from kpiprep.panel import coverage, seat_interview, split

LIBRARY = frozen_library()
SLUGS = ["kpi", "okr", "smart-goals", "balanced-scorecard", "performance-review"]


def interview(*slugs: str, levels: tuple[Level, ...] = (Level.mid,), per_level: int | None = None):  # type: ignore[no-untyped-def]
    return build([LIBRARY.find(s) for s in slugs], list(levels), per_level=per_level)


def names(count: int) -> list[str]:
    return [f"Interviewer {n}" for n in range(1, count + 1)]


def test_three_interviewers_three_terms_one_term_each() -> None:
    whole = interview("kpi", "okr", "smart-goals")
    panel = split(whole, ["Priya", "Sam", "Jo"], 30)
    assert [{i.term.slug for i in seat.items} for seat in panel.seats] == [
        {"kpi"}, {"okr"}, {"smart-goals"}
    ]  # fmt: skip
    assert [seat.name for seat in panel.seats] == ["Priya", "Sam", "Jo"]


def test_more_interviewers_than_terms_halves_the_biggest_term() -> None:
    whole = interview("kpi", "okr")  # 2 and 3 questions at mid
    panel = split(whole, names(3))
    shares = [[item.id for item in seat.items] for seat in panel.seats]
    assert shares == [
        ["kpi/human-resources/mid/1", "kpi/human-resources/mid/2"],
        ["okr/human-resources/mid/1", "okr/human-resources/mid/2"],
        ["okr/human-resources/mid/3"],
    ]


@settings(max_examples=60, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(SLUGS), min_size=1, max_size=5, unique=True),
    levels=st.lists(st.sampled_from(list(Level)), min_size=1, max_size=3, unique=True),
    seats=st.integers(1, 8),
    minutes=st.none() | st.integers(10, 120),
)
def test_any_split_covers_every_question_once_and_fits(
    chosen: list[str], levels: list[Level], seats: int, minutes: int | None
) -> None:
    whole = interview(*chosen, levels=tuple(sorted(levels, key=list(Level).index)))
    try:
        panel = split(whole, names(seats), minutes)
    except KpiprepError as exc:
        message = str(exc)
        assert "needs at least" in message or "do not fit a panel of" in message
        if "do not fit" in message:
            assert minutes is not None
            import re

            longer = re.search(r"make each interview (\d+) minutes long", message)
            if longer:  # what the refusal proposes does fit
                assert split(whole, names(seats), int(longer[1]))
            more = re.search(r"have (\d+) interviewers", message)
            if more:
                assert split(whole, names(int(more[1])), minutes)
        return
    asked = [item.id for seat in panel.seats for item in seat.items]
    assert sorted(asked) == sorted(item.id for item in whole.items)  # each question once
    assert len(set(asked)) == len(asked)
    assert all(seat.items for seat in panel.seats)  # nobody sits idle
    covered = {item.term.slug for seat in panel.seats for item in seat.items}
    assert covered == {item.term.slug for item in whole.items}
    if minutes is not None:
        assert all((minimum_minutes(seat.items) or 999) <= minutes for seat in panel.seats)
    for seat in panel.seats:  # each share in the interview's order
        assert [i.number for i in seat.items] == sorted(i.number for i in seat.items)


def test_a_panel_that_cannot_fit_is_refused_with_the_numbers() -> None:
    whole = interview("kpi", "okr", "smart-goals")  # 8 questions
    with pytest.raises(KpiprepError) as caught:
        split(whole, ["Priya", "Sam"], 15)
    assert str(caught.value) == (
        "8 questions do not fit a panel of 2 in 15 minutes each: Priya would have 4 questions "
        "and need at least 17 minutes; make each interview 17 minutes long, have 3 "
        "interviewers, or ask fewer questions (--questions)"
    )
    assert split(whole, ["Priya", "Sam"], 17)  # the numbers it gave do fit
    assert split(whole, ["Priya", "Sam", "Jo"], 15)
    with pytest.raises(KpiprepError, match="a panel of 9 needs at least 9 questions, one each; "
                       "this interview has 8"):  # fmt: skip
        split(whole, names(9))


def test_seat_interview_numbers_from_one_and_names_the_panel() -> None:
    whole = interview("kpi", "okr")
    panel = split(whole, ["Priya", "Sam"], 30)
    head = Header(candidate="Alex", role="HR Analyst")
    mine = seat_interview(panel, panel.seats[1], head)
    assert [i.number for i in mine.items] == [1, 2, 3]
    assert [t.slug for t in mine.terms] == ["okr"]
    assert mine.header == Header("Alex", "Sam", None, "HR Analyst", 2, ("Priya", "Sam"))
    assert sum(slot.minutes for slot in mine.schedule) == 30
    alone = seat_interview(split(whole, ["Priya"]), split(whole, ["Priya"]).seats[0], head)
    assert alone.header.seat is None and alone.header.panel == ()


def test_coverage_rows_give_each_seats_own_numbers() -> None:
    panel = split(interview("kpi", "okr"), names(3))
    rows = [(r.term.slug, r.level, r.numbers) for r in coverage(panel)]
    assert rows == [
        ("kpi", Level.mid, ((1, 2), (), ())),
        ("okr", Level.mid, ((), (1, 2), (1,))),
    ]
