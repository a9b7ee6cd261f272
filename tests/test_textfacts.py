"""Experience periods, quantities and jargon, read off lines as written."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
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


# The period pattern as first written, ignoring case word by word; PERIOD spells each first
# letter as a class of its own to run faster, and must find the same.
_M = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_Y, _W = r"(?:19[5-9]\d|20\d\d)", r"[^\S\n]"
_D = rf"(?:{_M}{_W}+{_Y}|(?:0?[1-9]|1[0-2])/{_Y}|{_Y})"
_N = (
    r"(?:\d{1,2}(?:\.\d)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty))"
)
_PERIOD_AS_WRITTEN = re.compile(
    rf"(?<!\w)(?:(?P<range>{_D}{_W}*(?:-|–|—|(?i:to|until|till)){_W}*"
    rf"(?:{_D}|(?i:present|current|now|today|date))\b)"
    rf"|(?P<since>(?i:since){_W}+{_D}\b)"
    rf"|(?P<duration>(?:(?i:more{_W}than|over|nearly|almost|about|around|at{_W}least){_W}+)?"
    rf"{_N}{_W}*\+?{_W}*(?i:years?|yrs?)['’]?(?:{_W}+(?i:of))?(?:{_W}+[\w&/-]+){{0,4}}?"
    rf"{_W}+(?i:experience)\b))"
)
_WORDS = [
    "Jan",
    "JANUARY",
    "june",
    "Sept.",
    "ſep",
    "ſince",
    "SINCE",
    "since",
    "2019",
    "1987",
    "03/2019",
    "-",
    "–",
    "to",
    "until",
    "present",
    "Today",
    "12",
    "5.5",
    "+",
    "years",
    "Yrs'",
    "of",
    "experience",
    "EXPERIENCE",
    "more than",
    "Over",
    "At least",
    "twelve",
    "Fifteen",
    "ſIx",
    "x",
]


@settings(max_examples=400)
@example(["ſince", "2019"], [" "] * 8)
@example(["ſIx", "years", "of", "experience"], [" "] * 8)
@example(["ſep", "2019", "-", "present"], [" "] * 8)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=8),
    st.lists(st.sampled_from(["", " ", "  ", "(", "a"]), min_size=8, max_size=8),
)
def test_periods_are_found_as_the_pattern_as_first_written_finds_them(
    words: list[str], gaps: list[str]
) -> None:
    from kpiprep.textfacts import PERIOD

    line = "".join(gap + word for gap, word in zip(gaps, words, strict=False))

    def spans(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m.lastgroup) for m in pattern.finditer(line)]

    assert spans(PERIOD) == spans(_PERIOD_AS_WRITTEN)
