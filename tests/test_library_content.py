"""The shipped library as a recruiter uses it: each file's depth, and the names that find it."""

from __future__ import annotations

import pytest

from kpiprep.enums import Level
from kpiprep.library import Library
from kpiprep.locate import Folder, shipped_content_dir

SHIPPED = Library([Folder(shipped_content_dir(), "shipped")])
ENTRIES = sorted(SHIPPED.entries().values(), key=lambda e: (e.slug, e.industry))
INDUSTRIES = (
    "human-resources", "software-engineering", "data-and-ai", "finance-and-accounting", "sales",
    "healthcare", "manufacturing", "supply-chain-and-logistics", "digital-marketing",
)  # fmt: skip


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.slug}/{e.industry}")
def test_every_shipped_file_has_structured_interview_depth(entry) -> None:  # type: ignore[no-untyped-def]
    term = SHIPPED.load(entry)
    assert term.schema_version == 2
    for level in Level:
        questions = term.questions.for_level(level)
        assert len(questions) >= 3, level
        assert any(q.kind == "behavioural" for q in questions), level
        for q in questions:
            assert q.kind and q.tests and q.anchors, q.question
            assert 1 <= len(q.probes) <= 3, q.question
    assert all(phrase.probe for phrase in term.resume_phrases)
    assert term.related and set(term.related) <= {e.slug for e in ENTRIES}


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_every_industry_has_its_kpi_file_and_eight_more_terms(industry: str) -> None:
    slugs = {e.slug for e in ENTRIES if e.industry == industry}
    assert "kpi" in slugs
    assert len(slugs - {"kpi"}) >= 8


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        # The human-resources vocabulary, by the names recruiters meet.
        ("PIP", "performance-improvement-plan"), ("nine-box", "nine-box-grid"),
        ("9-box", "nine-box-grid"), ("time to hire", "time-to-fill"),
        ("HRBP", "hr-business-partner"), ("STAR method", "structured-interviewing"),
        ("compa ratio", "salary-bands"), ("pay transparency", "pay-equity"),
        ("DEI", "diversity-equity-inclusion"), ("EVP", "employer-value-proposition"),
        ("attrition", "employee-turnover-rate"), ("stack ranking", "forced-distribution"),
        ("HiPo", "nine-box-grid"), ("Bradford factor", "absence-rate"),
        ("MBO", "management-by-objectives"),
        # Two or more names per industry.
        ("K8s", "kubernetes"), ("SRE", "site-reliability-engineering"), ("CI/CD", "ci-cd"),
        ("LLM", "large-language-models"), ("ETL", "etl"), ("A/B testing", "ab-testing"),
        ("EBITDA", "ebitda"), ("FP&A", "financial-planning-and-analysis"),
        ("SOX", "sox-compliance"),
        ("ARR", "annual-recurring-revenue"), ("SDR", "sales-development-representative"),
        ("MEDDPICC", "meddic"), ("EHR", "electronic-health-record"), ("HIPAA", "hipaa"),
        ("OEE", "oee"), ("DMAIC", "six-sigma"), ("5S", "5s"),
        ("S&OP", "sales-and-operations-planning"),
        ("3PL", "third-party-logistics"), ("WMS", "warehouse-management-system"), ("SEO", "seo"),
        ("PPC", "paid-search"), ("CAC", "customer-acquisition-cost"),
    ],
)  # fmt: skip
def test_a_term_is_found_by_its_common_names(query: str, slug: str) -> None:
    assert SHIPPED.find(query).slug == slug


def test_kpi_is_explained_for_each_industry() -> None:
    assert SHIPPED.industries_of("kpi") == sorted(
        {*INDUSTRIES, "management", "process-improvement"}
    )
    assert SHIPPED.find("kpi", "Software Engineering").industry == "software-engineering"


def test_a_name_only_one_industry_uses_finds_that_industry() -> None:
    # "DORA metrics" names KPIs in the software-engineering file alone; the default industry,
    # human-resources, has a KPI file that does not use the name.
    assert SHIPPED.find("DORA metrics").industry == "software-engineering"


def test_a_name_several_other_industries_use_asks_which() -> None:
    from kpiprep.errors import KpiprepError

    with pytest.raises(KpiprepError, match="exists in several industries .*choose one"):
        SHIPPED.find("key metrics")  # management, sales, ... but not human-resources


def test_explain_says_which_other_industries_a_term_has(run) -> None:  # type: ignore[no-untyped-def]
    out = run("explain", "kpi", env={"COLUMNS": "200"}).stdout
    line = next(line for line in out.splitlines() if line.lstrip().startswith("Other industries"))
    assert "management" in line and "sales" in line and "human-resources" not in line
    markdown = run("explain", "okr", "--format", "markdown").stdout
    assert "**See also:**" in markdown


def test_schema_2_parts_reach_every_output(run) -> None:  # type: ignore[no-untyped-def]
    term = SHIPPED.find("kpi")
    first = term.questions.senior[0]
    piped = run("questions", "kpi", "--level", "senior", env={"COLUMNS": "200"}).stdout
    assert "Tests" in piped and first.probes[0] in piped and "1 (weak):" in piped
    markdown = run("questions", "kpi", "--level", "senior", "-f", "markdown").stdout
    assert "*Situational question. Tests:*" in markdown or "question. Tests:*" in markdown
    assert "**Follow-up probes:**" in markdown and "**How to rate this answer:**" in markdown
    data = run("questions", "kpi", "--level", "senior", "-f", "json").stdout
    assert '"anchors"' in data and '"probes"' in data and '"kind"' in data
    guide = run("guide", "kpi", "--level", "senior").stdout
    assert guide.count("**How to rate this answer:**") == len(term.questions.senior)
    explain = run("explain", "kpi", env={"COLUMNS": "200"}).stdout
    assert "(ask: " in explain and "See also" in explain
    drill = run("practice", "kpi", "--level", "senior", "--count", "1", input="\n3\n").stdout
    assert "Follow up" in drill and "Rate it" in drill and "4 (strong):" in drill


def test_a_name_is_found_however_its_file_spaces_it() -> None:
    from kpiprep.library import _names_hold

    assert _names_hold(("KPI", "Key  Performance\tIndicators"), "key performance indicators")
    assert _names_hold((" OKR ",), "okr")
    assert _names_hold(("Straße",), "strasse")  # folded longer than written
    assert not _names_hold(("KPIs", "key performance"), "kpi")
