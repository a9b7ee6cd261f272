"""Experience periods, quantities and jargon, read off lines as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpiprep.textfacts import jargon, periods, quantities, sentence_around


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("HR Analyst, Acme (2019 - present)", [("2019 - present", "range")]),
        ("Jan 2020 – Mar 2022: analyst", [("Jan 2020 – Mar 2022", "range")]),
        ("September 2018 to current", [("September 2018 to current", "range")]),
        ("03/2019 - 05/2021", [("03/2019 - 05/2021", "range")]),
        ("In HR since 2018.", [("since 2018", "since")]),
        ("10+ years' experience in HR", [("10+ years' experience", "duration")]),
        ("over 5 years of people analytics experience", [
            ("over 5 years of people analytics experience", "duration")
        ]),
        ("five years of experience", [("five years of experience", "duration")]),
        ("3 yrs experience", [("3 yrs experience", "duration")]),
        ("Graduated in 2015; 2 years in Paris", []),  # a year, and years not of experience
        ("Cut costs by 2019 dollars", []),
    ],
)  # fmt: skip
def test_periods_are_quoted_as_written(line: str, found: list[tuple[str, str]]) -> None:
    text = f"first line\n{line}"
    result = periods(text, [0, len("first line") + 1])
    assert [(p.text, p.kind) for p in result] == found
    assert all(p.line == 2 and line[p.start : p.end] == p.text for p in result)


def test_a_period_never_runs_over_a_line_break() -> None:
    assert periods("Joined in 2019 -\npresent and 5\nyears of experience", [0, 17, 34]) == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Saved $2.4M and €300k, 12% and 3x faster", ["$2.4M", "€300k", "12%", "3x"]),
        ("Grew revenue by USD 5 million", ["USD 5 million"]),
        ("Up 4 percentage points, 25 bps lower", ["4 percentage points", "25 bps"]),
        ("A team of 25 in 2021", ["25"]),
        ("From 2019 - 2021, 40 hires", ["40"]),
        ("Q3 and FY24 targets", []),
    ],
)
def test_quantities(line: str, found: list[str]) -> None:
    dates = [(p.start, p.end) for p in periods(line, [0])]
    assert quantities(line, (0, len(line)), [], dates) == found


def test_quantities_leave_out_the_names_own_digits() -> None:
    line = "Ran 360-degree feedback for 80 staff"
    assert quantities(line, (0, len(line)), [(4, 23)]) == ["80"]


def test_sentence_around_a_span() -> None:
    line = "Cut costs 3x. Built 12 KPIs; saved $2.4M. Led 5 people."
    start = line.index("KPIs")
    left, right = sentence_around(line, start, start + 4)
    assert line[left:right] == "Built 12 KPIs;"


def test_acronyms_in_running_text_that_are_not_library_names() -> None:
    lines = [
        "SKILLS AND TOOLS",  # a heading in capitals
        "Austin, TX · Led the CSAT programme and our NPS survey; CSAT rose.",
        "Owned KPIs and the P&L for FY24 and Q3, reporting to the CEO (M&A too).",
        "Studied history (BA), then an MBA; wrote SLAs.",
    ]
    kpis = lines[2].index("KPIs")
    found = jargon(lines, {3: [(kpis, kpis + 4)]})
    assert [(j.text, j.times, j.lines) for j in found] == [
        ("CSAT", 2, (2,)),
        ("M&A", 1, (3,)),
        ("NPS", 1, (2,)),
        ("P&L", 1, (3,)),
        ("SLA", 1, (4,)),
    ]


def test_capitalised_phrases_seen_twice_are_jargon() -> None:
    lines = [
        "Raised the Net Promoter Score by working on Net Promoter Score drivers.",
        "Led Workday Rollout for the Head of People Operations.",
        "Built Workday Rollout plans with Lean Six Sigma.",
        "People Analytics Lead, then more People Analytics Lead work.",
        "Worked from January to March, January to March again.",
    ]
    analytics = lines[3].index("People Analytics")
    covered = {4: [(analytics, analytics + 16), (analytics + 39, analytics + 55)]}
    found = {(j.text, j.kind): j.times for j in jargon(lines, covered)}
    assert found[("Net Promoter Score", "phrase")] == 2
    # A sentence's first word is capitalised anyway: "Led" and "Built" are not part of it.
    assert found[("Workday Rollout", "phrase")] == 2
    assert not [text for text, kind in found if "People Analytics" in text]
    assert not [text for text, kind in found if "January" in text]
    assert ("Lean Six Sigma", "phrase") not in found  # seen once


def _quantities_by_finditer(line: str) -> list[str]:
    """What `quantities` finds, the slow way: the pattern tried at every character."""
    from kpiprep.textfacts import _QUANTITY, _YEAR_ONLY

    found: list[str] = []
    for match in _QUANTITY.finditer(line):
        text = match[0].strip()
        if not (len(text) == 4 and _YEAR_ONLY.fullmatch(text)) and text not in found:
            found.append(text)
    return found


_PIECES = [*"0123456789.,%$£€¥ xXkKmMb-_aé", "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "bn", "pp"]


@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_quantities_are_found_where_the_pattern_would_find_them(line: str) -> None:
    # quantities() tries the pattern only where a quantity can start; nothing may be lost.
    assert quantities(line, (0, len(line)), []) == _quantities_by_finditer(line)
