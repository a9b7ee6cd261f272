"""The debrief: ratings and spreads per term and question, disagreements, coverage, flags,
the tally, missing interviewers, and refusals of cards that do not belong together."""

from __future__ import annotations

import datetime as dt

import pytest

from kpiprep.debrief import merge
from kpiprep.enums import Level
from kpiprep.errors import KpiprepError
from kpiprep.scorecard import Answer, CardTerm, Scorecard

KPI = CardTerm("kpi", "human-resources", "KPI", 1)
OKR = CardTerm("okr", "human-resources", "OKR", 2)
PANEL = ["Priya Shah", "Sam Lee", "Jo Park"]


def answer(qid: str, rating: int | None, heard: tuple[bool, ...] = (True, False),
           asked: bool | None = None, flags: tuple[str, ...] = ()) -> Answer:  # fmt: skip
    points: dict[str, bool | None] = {f"Point {n}": value for n, value in enumerate(heard, 1)}
    was = asked if asked is not None or not rating else True
    return Answer(qid, f"Question {qid}?", was, points, rating, "evidence", list(flags))


def card(name: str, seat: int | None, answers: list[Answer], recommendation: str | None = "yes",
         candidate: str = "Alex Moreno", role: str = "HR Analyst",
         panel: tuple[str, ...] = tuple(PANEL)) -> Scorecard:  # fmt: skip
    terms = [t for t in (KPI, OKR) if any(a.id.startswith(t.slug + "/") for a in answers)]
    return Scorecard(candidate, name, dt.date(2026, 12, 1), terms, answers, role, Level.mid,
                     seat, list(panel), recommendation, f"{name}'s reasons")  # fmt: skip


K1, K2 = "kpi/human-resources/mid/1", "kpi/human-resources/mid/2"
FLAG = "Blames the team"
O1, O2 = "okr/human-resources/mid/1", "okr/human-resources/mid/2"


def panel_cards() -> list[tuple[str, Scorecard]]:
    return [
        ("jo.yaml", card("Jo Park", 3, [answer(O2, 2, (False, False))], "no")),
        (
            "priya.yaml",
            card("Priya Shah", 1, [answer(K1, 3), answer(K2, 2, flags=(FLAG,))]),
        ),
        ("sam.yaml", card("Sam Lee", 2, [answer(O1, 4, (True, True))], "strong yes")),
    ]


def test_a_split_panel_in_seat_order_with_term_spreads() -> None:
    result = merge(panel_cards())
    assert [r.name for r in result.raters] == PANEL  # seat order, not the files' order
    assert result.missing == ()
    kpi, okr = result.terms
    assert (kpi.name, kpi.weight, kpi.averages, kpi.spread) == ("KPI", 1, (2.5, None, None), None)
    assert (okr.averages, okr.spread, okr.discuss) == ((None, 4.0, 2.0), 2.0, True)
    assert [q.id for q in result.questions] == [K1, K2, O1, O2]
    assert all(q.spread is None for q in result.questions)  # one rater each
    assert [r.average for r in result.raters] == [2.5, 4.0, 2.0]
    assert result.average == pytest.approx((2.5 * 1 + 3.0 * 2) / 3)  # weighted by term
    assert result.to_discuss == [okr]


def test_shared_questions_flag_ratings_two_apart_and_coverage() -> None:
    cards = [
        (
            "a.yaml",
            card("Priya Shah", None, [answer(K1, 4, (True, True)), answer(K2, 3)], panel=()),
        ),
        ("b.yaml", card("Sam Lee", None, [answer(K1, 2, (True, False)), answer(K2, 3)], panel=())),
    ]
    result = merge(cards)
    first, second = result.questions
    assert (first.spread, first.discuss) == (2, True)
    assert (second.spread, second.discuss) == (0, False)
    assert first.points == (("Point 1", ("Priya Shah", "Sam Lee")), ("Point 2", ("Priya Shah",)))
    assert [(m.interviewer, m.rating, m.heard, m.points) for m in first.marks] == [
        ("Priya Shah", 4, 2, 2),
        ("Sam Lee", 2, 1, 2),
    ]
    kpi = result.terms[0]
    assert (kpi.averages, kpi.spread, kpi.discuss) == ((3.5, 2.5), 1.0, False)
    assert result.to_discuss == [first]
    assert result.missing == ()


def test_red_flags_questions_nobody_asked_and_the_tally() -> None:
    cards = panel_cards()
    cards[0] = ("jo.yaml", card("Jo Park", 3, [answer(O2, None, asked=False)], None))
    result = merge(cards)
    assert [(f.text, f.interviewer, f.question, f.term) for f in result.flags] == [
        ("Blames the team", "Priya Shah", K2, "KPI")
    ]
    assert [q.id for q in result.not_asked] == [O2]
    assert result.tally == (
        ("strong yes", ("Sam Lee",)),
        ("yes", ("Priya Shah",)),
        ("no", ()),
        ("strong no", ()),
    )
    assert result.undecided == ("Jo Park",)
    assert not result.split_decision
    assert merge(panel_cards()).split_decision  # yes and no both given


def test_missing_interviewers_are_named() -> None:
    result = merge(panel_cards()[1:])
    assert result.missing == ("Jo Park",)
    generic = [
        (
            p,
            card(
                c.interviewer,
                c.seat,
                c.questions,
                panel=("Interviewer 1", "Interviewer 2", "Interviewer 3"),
            ),
        )
        for p, c in panel_cards()[1:]
    ]
    assert merge(generic).missing == ("Interviewer 3",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"candidate": "Alexa Moreno"},
            "b.yaml is about 'Alexa Moreno' but a.yaml about 'Alex Moreno': a debrief brings "
            "together one candidate's scorecards",
        ),
        ({"role": "Sales Lead"}, "b.yaml is for the role 'Sales Lead' but a.yaml for 'HR Analyst'"),
    ],
)
def test_cards_for_another_candidate_or_role_are_refused(
    change: dict[str, str], message: str
) -> None:
    first = card("Priya Shah", 1, [answer(K1, 3)])
    other = card("Sam Lee", 2, [answer(O1, 3)], **change)
    with pytest.raises(KpiprepError) as caught:
        merge([("a.yaml", first), ("b.yaml", other)])
    assert str(caught.value).startswith(message)
    # Case and spacing are not differences.
    same = card("Sam Lee", 2, [answer(O1, 3)], candidate="alex  MORENO")
    assert merge([("a.yaml", first), ("b.yaml", same)]).candidate == "Alex Moreno"


def test_two_cards_from_one_interviewer_are_refused() -> None:
    first = card("Priya Shah", 1, [answer(K1, 3)])
    with pytest.raises(KpiprepError) as caught:
        merge([("a.yaml", first), ("b.yaml", card("priya shah", 2, [answer(O1, 3)]))])
    assert str(caught.value) == (
        "a.yaml and b.yaml are from the same interviewer (priya shah): keep one scorecard per "
        "interviewer"
    )
    with pytest.raises(KpiprepError, match=r"from the same seat \(Sam Lee, seat 1\)"):
        merge([("a.yaml", first), ("b.yaml", card("Sam Lee", 1, [answer(O1, 3)]))])
    with pytest.raises(KpiprepError, match="needs at least one scorecard"):
        merge([])
