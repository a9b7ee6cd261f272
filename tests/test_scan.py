"""Scanning: library names found with their inflections, lines, claims and probes, periods and
jargon; first on names made for the test, then on fixture CVs against the shipped library."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import KPI_FILE
from kpiprep.catalog import Record
from kpiprep.documents import Document, read_document
from kpiprep.library import Library
from kpiprep.loader import load_file
from kpiprep.locate import search_path
from kpiprep.scan import GENERIC_PROBE, Outcome, choose_probe, rank, scan
from kpiprep.term import ResumePhrase
from kpiprep.vocabulary import Vocabulary

SCAN = Path(__file__).parent / "data" / "scan"


def record(slug: str, *names: str, industry: str = "human-resources") -> Record:
    return Record(
        slug, industry, "", "", "test", names[0], names[0], industry.title(), (slug, *names), None
    )


RECORDS = [
    record("kpi", "KPI", "Key Performance Indicators", "KPIs", "performance metrics"),
    record("kpi", "KPI", "Key Performance Indicators", "sales KPIs", industry="sales"),
    record("okr", "OKR", "Objectives and Key Results", "Objectives & Key Results"),
    record("smart-goals", "SMART goals", "SMART", "S.M.A.R.T. goals"),
    record("balanced-scorecard", "Balanced scorecard", "HR balanced scorecard"),
    record("month-end-close", "Month-end close", "financial close", industry="finance"),
    record("fpa", "FP&A", "Financial Planning and Analysis", industry="finance"),
    record("pipeline", "Sales pipeline", "pipeline", industry="sales"),
    record("sox", "SOX compliance", "SOX 404", industry="finance"),
    record("feedback", "360-degree feedback", "360 review"),
]
VOCABULARY = Vocabulary(RECORDS, "human-resources")


def found_in(*lines: str) -> dict[str, list[str]]:
    result = scan(Document("cv.txt", "text", lines), VOCABULARY)
    return {found.slug: [m.text for m in found.mentions] for found in result.terms}


@pytest.mark.parametrize(
    ("text", "slug", "written"),
    [
        ("Owned 12 KPIs", "kpi", "KPIs"),
        ("the KPI's owner", "kpi", "KPI's"),
        ("the KPI’s owner", "kpi", "KPI’s"),
        ("Set OKRs quarterly", "okr", "OKRs"),
        ("graded the OKR's", "okr", "OKR's"),
        ("Key performance indicators for the team", "kpi", "Key performance indicators"),
        ("Objectives & Key Results", "okr", "Objectives & Key Results"),
        ("wrote SMART goals", "smart-goals", "SMART goals"),
        ("wrote smart goals", "smart-goals", "smart goals"),
        ("wrote S.M.A.R.T. goals", "smart-goals", "S.M.A.R.T. goals"),
        ("ran the month end close", "month-end-close", "month end close"),
        ("ran the Month–End Close", "month-end-close", "Month–End Close"),
        ("an FP&A lead", "fpa", "FP&A"),
        ("an FP & A lead", "fpa", "FP & A"),
        ("three pipelines", "pipeline", "pipelines"),
        ("ran 360-degree feedback", "feedback", "360-degree feedback"),
        ("ran 360 degree feedback", "feedback", "360 degree feedback"),
    ],
)
def test_names_are_found_with_inflections_and_separators(
    text: str, slug: str, written: str
) -> None:
    assert found_in(text) == {slug: [written]}


@pytest.mark.parametrize(
    "text",
    [
        "a smart hire",  # SMART is written in capitals: only capitals match it
        "kpi dashboard in lower case",
        "KPIX and OKRA are other words",
        "pipelined builds",
        "an FP A lead",  # FP&A's ampersand is part of the name
        "Sales\n\npipeline coverage",  # no name across a blank line
        "Balanced. Scorecard",
    ],
)
def test_no_name_where_the_words_only_look_alike(text: str) -> None:
    found = found_in(*text.split("\n"))
    assert "smart-goals" not in found and "kpi" not in found and "fpa" not in found
    assert "balanced-scorecard" not in found and "okr" not in found
    if "pipelined" in text:
        assert found == {}


def test_an_underscore_separates_words_as_punctuation_does() -> None:
    # A file name or a handle in a CV: hr_dashboard_KPIs.xlsx
    assert found_in("Built hr_dashboard_KPIs.xlsx") == {"kpi": ["KPIs"]}
    assert found_in("Built hr dashboard KPIs") == {"kpi": ["KPIs"]}


def test_the_longest_name_wins_and_names_never_overlap() -> None:
    assert found_in("Built the HR balanced scorecard") == {
        "balanced-scorecard": ["HR balanced scorecard"]
    }


def test_a_name_wrapped_over_two_lines_is_found_on_its_first() -> None:
    result = scan(
        Document("cv.pdf", "pdf", ("Defined the Key Performance", "Indicators of the unit")),
        VOCABULARY,
    )
    (found,) = result.terms
    assert (found.slug, found.lines, found.forms) == ("kpi", (1,), ("Key Performance Indicators",))


def test_the_wrapped_part_of_a_name_is_neither_a_claim_nor_jargon() -> None:
    vocabulary = Vocabulary([*RECORDS, record("hris", "HRIS", "Workday HRIS")], "human-resources")
    lines = (
        "Ran SOX",
        "404 testing of 220 controls for SOX compliance",  # 404 belongs to "SOX 404"
        "Rolled out Workday",
        "HRIS to 9 sites; trained the CSM team",  # HRIS belongs to "Workday HRIS"
    )
    result = scan(Document("cv.pdf", "pdf", lines), vocabulary)
    claims = {f.slug: [(c.line, c.quantities) for c in f.claims] for f in result.terms}
    assert claims == {"sox": [(2, ("220",))], "hris": []}
    assert [j.text for j in result.jargon] == ["CSM"]


def test_the_industry_is_the_one_whose_name_the_document_uses() -> None:
    def industry(text: str) -> str:
        (found,) = scan(Document("a", "text", (text,)), VOCABULARY).terms
        return found.industry

    assert industry("Owned the sales KPIs") == "sales"  # only the sales file says "sales KPIs"
    assert industry("Owned the KPIs") == "human-resources"  # the default industry
    only_sales = Vocabulary([r for r in RECORDS if r.industry == "sales"], "human-resources")
    (found,) = scan(Document("a", "text", ("Owned the KPIs",)), only_sales).terms
    assert found.industry == "sales"


def test_terms_are_ranked_by_evidence_and_filtered_by_mentions() -> None:
    lines = ("OKRs and KPIs", "KPI reviews", "two KPIs: KPI one, KPI two", "pipeline")
    result = scan(Document("a", "text", lines), VOCABULARY)
    assert [(f.slug, f.lines, len(f.mentions)) for f in result.terms] == [
        ("kpi", (1, 2, 3), 5),
        ("okr", (1,), 1),
        ("pipeline", (4,), 1),
    ]
    result = scan(Document("a", "text", lines), VOCABULARY, min_mentions=2)
    assert [f.slug for f in result.terms] == ["kpi"]


def test_claims_are_numbers_in_the_sentence_of_the_term() -> None:
    lines = (
        "Cut costs 3x. Built 12 KPIs that lifted output by 15% and saved $2.4M in 2021.",
        "Ran 360-degree feedback for the team; led SOX 404 testing.",
        "Set OKRs (2019 - 2021) for £1.2m of work at 98 per cent.",
        "Owned the KPIs. Managed 40 people.",
    )
    result = scan(Document("a", "text", lines), VOCABULARY)
    claims = {f.slug: [(c.line, c.quantities) for c in f.claims] for f in result.terms}
    assert claims == {
        "kpi": [(1, ("12", "15%", "$2.4M"))],
        "feedback": [],
        "sox": [],
        "okr": [(3, ("£1.2m", "98 per cent"))],
    }


def test_the_probe_is_the_resume_phrase_most_like_the_claim() -> None:
    term = load_file(KPI_FILE)._replace(
        resume_phrases=(
            ResumePhrase("Set up KPIs for a team of 25 representatives", "Ask about the team."),
            ResumePhrase("Built KPI dashboards that lifted productivity by 30%", "Ask: baseline?"),
            ResumePhrase("Owned KPIs", None),
        )
    )
    assert choose_probe(term, "Built dashboards; productivity up 12%") == (
        "Ask: baseline?",
        "Built KPI dashboards that lifted productivity by 30%",
    )
    assert choose_probe(term, "nothing alike")[0] == "Ask about the team."  # a tie: the first
    assert choose_probe(term._replace(resume_phrases=()), "x") == (GENERIC_PROBE, None)
    assert choose_probe(None, "x") == (GENERIC_PROBE, None)


def test_a_long_line_is_quoted_around_the_term() -> None:
    line = "word " * 100 + "the balanced scorecard we built " + "more " * 100
    (found,) = scan(Document("a", "docx", (line.strip(),)), VOCABULARY).terms
    text = found.evidence[0].text
    assert len(text) <= 202 and text.startswith("…") and text.endswith("…")
    assert "balanced scorecard" in text


def test_list_bullets_are_left_out_of_the_quote() -> None:
    (found,) = scan(Document("a", "text", ("  • Set OKRs",)), VOCABULARY).terms
    assert found.evidence[0].text == "Set OKRs"


def test_files_are_ranked_by_the_terms_they_evidence() -> None:
    def result(*lines: str) -> object:
        return scan(Document("a", "text", lines), VOCABULARY)

    outcomes = [
        Outcome("b.txt", result("KPIs")),  # type: ignore[arg-type]
        Outcome("broken.pdf", None, "this PDF is a scan with no text"),
        Outcome("c.txt", result("KPIs and OKRs")),  # type: ignore[arg-type]
        Outcome("a.txt", result("KPIs", "KPI")),  # type: ignore[arg-type]
    ]
    assert [(row.rank, row.outcome.name) for row in rank(outcomes)] == [
        (1, "c.txt"),
        (2, "a.txt"),
        (3, "b.txt"),
        (None, "broken.pdf"),
    ]


def test_a_hundred_cvs_scan_fast() -> None:
    import time

    text = (SCAN / "hr-analyst-cv.txt").read_text(encoding="utf-8").splitlines() * 40
    doc = Document("big.txt", "text", tuple(text))  # about a hundred CVs' worth of words
    started = time.perf_counter()
    result = scan(doc, VOCABULARY)
    assert time.perf_counter() - started < 2.0
    assert result.terms


# The fixtures against the shipped library: terms that exist today, found as written.

LIBRARY = Library(search_path())
SHIPPED = Vocabulary(LIBRARY.records(), "human-resources")


def scanned(name: str) -> tuple[dict[str, object], object]:
    result = scan(read_document(str(SCAN / name)), SHIPPED, load=LIBRARY.find)
    return {found.slug: found for found in result.terms}, result


# The library keeps growing, so these check the terms each fixture plainly shows (a subset,
# with their exact lines) and terms it never mentions, rather than every term found today.

HR_ANALYST_TERMS = {
    "hris": (6, 15, 27),
    "cost-per-hire": (15, 27),
    "time-to-fill": (15, 19),  # as "Time to Hire"
    "workforce-planning": (5, 12),
    "okr": (13,),
    "balanced-scorecard": (18,),
    "employee-turnover-rate": (11,),  # as "attrition"
    "kpi": (10,),
    "people-analytics": (5,),
    "performance-review": (20,),
    "sql": (27,),
}


def test_hr_analyst_cv_terms_lines_and_evidence() -> None:
    terms, _ = scanned("hr-analyst-cv.txt")
    lines = {slug: found.lines for slug, found in terms.items()}  # type: ignore[attr-defined]
    assert {slug: lines.get(slug) for slug in HR_ANALYST_TERMS} == HR_ANALYST_TERMS
    assert "sales-pipeline" not in terms and "kubernetes" not in terms  # never mentioned
    attrition = terms["employee-turnover-rate"]
    assert attrition.forms == ("attrition",)  # type: ignore[attr-defined]
    assert attrition.evidence[0].text == (  # type: ignore[attr-defined]
        "Cut attrition in the Leeds warehouses by 15% in two years with exit-interview analysis."
    )
    assert terms["okr"].forms == ("OKRs", "OKR's")  # type: ignore[attr-defined]
    assert terms["time-to-fill"].forms == ("Time to Hire",)  # type: ignore[attr-defined]
    assert [e.text for e in terms["hris"].evidence] == [  # type: ignore[attr-defined]
        "retail and logistics employers. I turn HRIS data into decisions managers act on.",
        "Tracked Time to Hire and Cost per Hire for every open role in the HRIS.",
        "Excel, SQL, Power BI, Workday HRIS, survey design, Cost per Hire analysis",
    ]
    assert terms["kpi"].industry == "human-resources"  # type: ignore[attr-defined]


def test_hr_analyst_cv_claims_carry_the_terms_own_probes() -> None:
    terms, _ = scanned("hr-analyst-cv.txt")
    claims = {
        slug: [(c.line, c.quantities) for c in found.claims]  # type: ignore[attr-defined]
        for slug, found in terms.items()
        if found.claims  # type: ignore[attr-defined]
    }
    assert claims == {
        "kpi": [(10, ("12", "40"))],
        "employee-turnover-rate": [(11, ("15%",))],
        "workforce-planning": [(12, ("2,400",))],
        "performance-review": [(20, ("1,100",))],
    }
    for slug in claims:
        term = LIBRARY.find(slug, "human-resources")
        probes = {item.probe: item.phrase for item in term.resume_phrases}
        (claim,) = terms[slug].claims  # type: ignore[attr-defined]
        assert probes[claim.probe] == claim.phrase


def test_hr_analyst_cv_periods_as_written() -> None:
    _, result = scanned("hr-analyst-cv.txt")
    assert [(p.line, p.text, p.kind) for p in result.periods] == [  # type: ignore[attr-defined]
        (5, "6 years of experience", "duration"),
        (9, "2019 - present", "range"),
        (17, "Jan 2016 – Dec 2018", "range"),
        (24, "2012 - 2015", "range"),
    ]


def test_hr_analyst_cv_jargon() -> None:
    _, result = scanned("hr-analyst-cv.txt")
    jargon = {(j.text, j.kind): (j.times, j.lines) for j in result.jargon}  # type: ignore[attr-defined]
    # Words no library term is called (`kpiprep explain` knows none of them).
    assert jargon[("HR", "acronym")] == (6, (2, 5, 9, 10, 13, 17))
    assert jargon[("Power BI", "phrase")] == (2, (21, 27))
    words = {text for text, _ in jargon}
    # Library names (HRIS, SQL, Time to Hire and Cost per Hire are terms now), headings in
    # capitals and a degree are not jargon.
    assert not words & {
        "HRIS", "SQL", "Time to Hire", "Cost per Hire", "KPI", "KPIs", "OKR", "OKRs",
        "PROFILE", "SKILLS", "EDUCATION", "BSc",
    }  # fmt: skip


def test_software_engineer_cv_finds_its_engineering_terms() -> None:
    terms, result = scanned("software-engineer-cv.md")
    lines = {slug: found.lines for slug, found in terms.items()}  # type: ignore[attr-defined]
    expected = {
        "data-warehouse": (21, 22),
        "etl": (21,),
        "kubernetes": (27,),
        "okr": (15,),
        "site-reliability-engineering": (8,),  # as "SLOs"
    }
    assert {slug: lines.get(slug) for slug in expected} == expected
    assert terms["site-reliability-engineering"].forms == ("SLOs",)  # type: ignore[attr-defined]
    # Nothing of HR; and PostgreSQL is not the word SQL.
    assert not {"workforce-planning", "hris", "kpi", "sql"} & set(terms)
    assert [(p.line, p.text) for p in result.periods] == [  # type: ignore[attr-defined]
        (7, "8+ years' experience"),
        (12, "2020 – present"),
        (19, "2015 – 2020"),
    ]
    jargon = {j.text for j in result.jargon}  # type: ignore[attr-defined]
    assert "MTTR" in jargon  # not a library term
    assert not {"ETL", "SLO", "SLOs", "Data Warehouse"} & jargon  # library names now
    assert "CTO" not in jargon  # a job title, not jargon


def test_job_description_terms() -> None:
    terms, result = scanned("hrbp-job-description.txt")
    assert {
        "hr-business-partner", "organisation-design", "workforce-planning", "people-analytics",
        "employee-turnover-rate", "performance-review", "smart-goals", "employee-engagement",
        "change-management", "kpi",
    } <= set(terms)  # fmt: skip
    assert "okr" not in terms and "sql" not in terms  # never mentioned
    assert terms["hr-business-partner"].lines == (1, 3, 16, 20)  # type: ignore[attr-defined]
    assert terms["organisation-design"].lines == (7,)  # type: ignore[attr-defined]
    assert terms["smart-goals"].forms == ("SMART goals",)  # type: ignore[attr-defined]
    assert [p.text for p in result.periods] == [  # type: ignore[attr-defined]
        "At least 5 years of HR generalist experience"
    ]
    jargon = {(j.text, j.times) for j in result.jargon}  # type: ignore[attr-defined]
    assert ("CIPD", 1) in jargon
    assert "HR Business Partner" not in {text for text, _ in jargon}  # a library term now
