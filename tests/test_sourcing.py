"""The Boolean sourcing string: quoting, deduplication, the command and its JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import frozen_library
from kpiprep.errors import KpiprepError
from kpiprep.sourcing import OPERATORS, clean, quote, sourcing, unique
from kpiprep.term import Term

KPI_QUERY = (
    '("Performance Management Specialist" OR "HR Analytics Specialist" OR '
    '"Performance Management Consultant" OR "HR Business Partner" OR '
    '"Talent Management Specialist" OR "HR Manager" OR "People Operations Manager" OR '
    '"Workforce Planning Analyst") AND (KPI OR "Key Performance Indicators" OR '
    '"Key Performance Indicator" OR "performance metrics" OR "success indicators" OR '
    '"business metrics")'
)


@pytest.fixture(autouse=True)
def _frozen(frozen_content: None) -> None:
    """The CLI reads the library these tests were written against (see conftest.FROZEN)."""


def shipped(name: str, industry: str | None = None) -> Term:
    return frozen_library().find(name, industry)


@pytest.mark.parametrize(
    ("phrase", "searched"),
    [
        ("KPI", "KPI"),
        ("OKRs", "OKRs"),
        ("Überstunden", "Überstunden"),
        ("HR Manager", '"HR Manager"'),
        ("360-degree feedback", '"360-degree feedback"'),
        ("FP&A Analyst", '"FP&A Analyst"'),
        ("S.M.A.R.T.", '"S.M.A.R.T."'),
        # Parentheses inside a phrase are text; a single word with them must be quoted too,
        # or the board reads them as grouping.
        (
            "FP&A Analyst (headcount and people costs)",
            '"FP&A Analyst (headcount and people costs)"',
        ),
        ("(KPI)", '"(KPI)"'),
        ("KPI)", '"KPI)"'),
        ("C++", '"C++"'),
        ("-KPI", '"-KPI"'),
        ("KPI*", '"KPI*"'),
        # A term that reads as an operator is searched for, not obeyed.
        ("OR", '"OR"'),
        ("and", '"and"'),
        ("Not", '"Not"'),
        ("ORDER", "ORDER"),
    ],
)
def test_quote(phrase: str, searched: str) -> None:
    assert quote(clean(phrase)) == searched


@pytest.mark.parametrize(
    ("phrase", "cleaned"),
    [
        # A double quote cannot be escaped on job boards: it becomes a space.
        ('Head of "People"', "Head of People"),
        ('The "Growth"Lead', "The Growth Lead"),
        ("Head of \u201cPeople\u201d", "Head of People"),
        ("\u201eKennzahlen\u201c", "Kennzahlen"),
        ("6\u2033 display", "6 display"),
        ("  HR \t  Manager \n", "HR Manager"),
        ('"', ""),
        ("O'Neil Lead", "O'Neil Lead"),  # apostrophes are fine inside double quotes
    ],
)
def test_clean(phrase: str, cleaned: str) -> None:
    assert clean(phrase) == cleaned


def test_quoted_phrase_with_embedded_quote_stays_one_phrase() -> None:
    assert quote(clean('Head of "People" (EMEA)')) == '"Head of People (EMEA)"'
    assert quote(clean('"KPI"')) == "KPI"


def test_unique_is_case_insensitive_and_keeps_the_first_spelling() -> None:
    phrases = ["HR Manager", "hr manager", "KPI", "HR  Manager", '"kpi"', "", '""', "Kpis"]
    assert unique(phrases) == ("HR Manager", "KPI", "Kpis")


def test_kpi_string_is_the_documented_one() -> None:
    parts = sourcing([shipped("kpi")])
    assert parts.query == KPI_QUERY
    assert parts.titles[0] == "Performance Management Specialist"
    assert parts.keywords[:2] == ("KPI", "Key Performance Indicators")


def test_several_terms_are_ored_and_deduplicated() -> None:
    kpi, okr = shipped("kpi"), shipped("okr")
    parts = sourcing([kpi, okr])
    assert parts.titles == unique(
        [kpi.typical_job_title, *kpi.related_job_titles, okr.typical_job_title]
        + list(okr.related_job_titles)
    )
    # Both terms list these; each is searched once, where it first appears.
    for title in ("HR Business Partner", "People Operations Manager"):
        assert parts.titles.count(title) == 1
    assert parts.titles.index("People Operations Manager") == 6
    assert parts.keywords[:6] == (kpi.name, kpi.full_name, *kpi.aliases)
    assert parts.keywords[6:] == (okr.name, okr.full_name, *okr.aliases)
    assert parts.query.count(" AND ") == 1


def test_an_empty_group_is_left_out() -> None:
    term = shipped("kpi")._replace(typical_job_title='"', related_job_titles=('""',))
    assert sourcing([term]).query.startswith("(KPI OR ")
    assert sourcing([term]).titles == ()


# A reader for the strings we build, as a job board reads them: quoted phrases, bare
# words, parentheses and operators. The property below checks that what the board reads
# is exactly the titles and keywords we meant, whatever characters they hold.
TOKEN = re.compile(r'"([^"]*)"|([()])|([^\s()"]+)')


def read_back(query: str) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] | None = None
    expect_term = False
    position = 0
    for match in TOKEN.finditer(query):
        assert query[position : match.start()].strip() == "", query
        position = match.end()
        phrase, paren, word = match.groups()
        if paren == "(":
            assert current is None
            current, expect_term = [], True
        elif paren == ")":
            assert current is not None and not expect_term
            groups.append(current)
            current = None
        elif word in ("OR", "AND"):
            assert expect_term is False
            assert (word == "OR") == (current is not None)
            expect_term = current is not None
        else:
            assert current is not None and expect_term
            if word is not None:
                assert word.casefold() not in OPERATORS and word.isalnum()
            current.append(phrase if phrase is not None else word)
            expect_term = False
    assert current is None and query[position:].strip() == ""
    return groups


phrases = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from('"()“”„ -&*OR'),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(phrases, min_size=1, max_size=6), st.lists(phrases, min_size=1, max_size=6))
def test_a_board_reads_back_exactly_the_parts(titles: list[str], names: list[str]) -> None:
    term = shipped("kpi")._replace(
        typical_job_title=titles[0],
        related_job_titles=tuple(titles[1:]),
        name=names[0],
        full_name=names[0],
        aliases=tuple(names[1:]),
    )
    try:
        parts = sourcing([term])
    except KpiprepError as exc:  # only when nothing at all is left to search
        assert not unique(titles) and not unique(names), exc
        return
    assert parts.query.count('"') % 2 == 0
    assert read_back(parts.query) == [list(g) for g in (parts.titles, parts.keywords) if g]
    assert parts.titles == unique(titles) and parts.keywords == unique(names)


# The command


def test_command_prints_the_string_alone_on_one_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("sourcing")
    assert result.exit_code == 0
    assert result.stdout == KPI_QUERY + "\n"
    assert result.stderr == ""
    assert run("sourcing", "Key Performance Indicators").stdout == result.stdout


def test_command_json_gives_the_parts(run) -> None:  # type: ignore[no-untyped-def]
    result = run("sourcing", "kpi", "okr", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["titles", "keywords", "query"]
    parts = sourcing([shipped("kpi"), shipped("okr")])
    assert data == {
        "titles": list(parts.titles),
        "keywords": list(parts.keywords),
        "query": parts.query,
    }
    assert data["query"] + "\n" == run("sourcing", "kpi", "okr").stdout


def test_command_names_a_term_once(run) -> None:  # type: ignore[no-untyped-def]
    assert run("sourcing", "kpi", "KPI", "performance metrics").stdout == KPI_QUERY + "\n"


def test_command_industry(run) -> None:  # type: ignore[no-untyped-def]
    out = run("sourcing", "kpi", "--industry", "management").stdout
    assert out.startswith('("Business Analyst" OR ')
    assert '"FP&A Analyst"' in out and " OR KPIs OR " in out


@pytest.mark.parametrize("args", [("kpx",), ("kpi", "kpx"), ("kpi", "--industry", "mining")])
def test_command_errors_are_clean(run, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    result = run("sourcing", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_command_quotes_titles_with_spaces_quotes_and_parentheses(
    run, write_term: Callable[..., Path], user_dir: Path, kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    text = kpi_text.replace(
        "typical_job_title: Performance Management Specialist",
        "typical_job_title: 'Head of \"People\" (EMEA)'",
    ).replace(
        "  - HR Analytics Specialist\n",
        "  - (Analyst)\n  - OR\n  - “Growth” Lead\n  - Recruiter\n  - recruiter\n",
    )
    write_term(text)
    data = json.loads(run("--content-dir", str(user_dir), "sourcing", "-f", "json").stdout)
    assert data["titles"][:5] == [
        "Head of People (EMEA)",
        "(Analyst)",
        "OR",
        "Growth Lead",
        "Recruiter",
    ]
    assert data["query"].startswith(
        '("Head of People (EMEA)" OR "(Analyst)" OR "OR" OR "Growth Lead" OR Recruiter OR '
        '"Performance Management Consultant" OR '
    )


def test_warm_sourcing_loads_neither_rich_nor_yaml_nor_the_schema(tmp_path: Path) -> None:
    from test_imports import loaded_after

    loaded_after(["sourcing"], tmp_path)  # fills the cache
    modules = loaded_after(["sourcing"], tmp_path)
    assert "kpiprep.sourcing" in modules
    assert not {m for m in modules if m.split(".")[0] in ("rich", "yaml", "markdown_it")}
    assert "kpiprep.schema" not in modules
