"""Every fact of the seed page reaches the user; none of its sentences is copied whole.

The seed page itself is not in the repository. tests/data/seed-shingles.txt holds
the SHA-256 of every run of eight consecutive words of the seed (lower-cased,
punctuation dropped): an output that shares one with the seed copied a sentence
or a long part of one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

SHINGLE = 8
SHINGLES = Path(__file__).parent / "data" / "seed-shingles.txt"

# The facts of the seed, as the words that must appear (case-insensitive).
OVERVIEW_FACTS = [
    "KPI", "Key Performance Indicators", "Human Resources", "report card",
    "promotion", "training", "company goals", "sales", "per month|every month|each month",
    "customer service", "respon", "satisf", "performance metrics", "success indicators",
    "business metrics", "25", "30%", "monthly KPI dashboards", "company objectives",
    "quarterly review", "Performance Management Specialist", "HR Analytics Specialist",
    "Performance Management Consultant", "HR Business Partner", "Talent Management Specialist",
    "HR Manager", "People Operations Manager", "Workforce Planning Analyst",
    "0-2", "2-5", "5+", "data and produces basic reports|basic data collection",
    "common HR metrics", "Excel", "SMART goals", "developed and rolled out KPIs",
    "performance dashboards", "stakeholders", "interprets data", "business goals",
    "change management", "advanced analytics and reporting", "training and development",
    "business objectives", "people behind them", "analysed data or used a reporting tool",
    "present KPI results",
]  # fmt: skip
TITLES = [
    "Performance Management Specialist", "HR Analytics Specialist",
    "Performance Management Consultant", "HR Business Partner", "Talent Management Specialist",
    "HR Manager", "People Operations Manager", "Workforce Planning Analyst",
]  # fmt: skip
QUESTION_FACTS = [
    "never had KPIs", "stakeholders", "business objectives", "measurable goals",
    "company strategy", "buy-in", "adjust", "push back", "change management",
    "communication and training", "pilot", "feedback", "continu",
    "leading KPIs", "lagging", "predict future performance", "training hours",
    "quarter", "examples", "right behaviours", "unintended|nobody intended",
    "regular", "counterproductive", "good KPI", "Specific", "Measurable", "Achievable",
    "Relevant", "Time-bound", "SMART", "poor", "track", "Excel", "dashboard",
    "regular reporting", "accuracy",
]  # fmt: skip


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%+]+", text.lower())


def shingles(text: str) -> set[str]:
    found = set()
    for part in text.split("|"):
        ws = words(part)
        found |= {
            hashlib.sha256(" ".join(ws[i : i + SHINGLE]).encode()).hexdigest()
            for i in range(len(ws) - SHINGLE + 1)
        }
    return found


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    from typer.testing import CliRunner

    from kpiprep.cli import app

    runner = CliRunner()
    got = {
        "explain": runner.invoke(app, ["explain", "kpi"], env={"COLUMNS": "1000"}).stdout,
        "questions": runner.invoke(app, ["questions"], env={"COLUMNS": "1000"}).stdout,
        "guide": runner.invoke(app, ["guide"]).stdout,
    }
    return {name: " ".join(text.split()) for name, text in got.items()}


@pytest.mark.parametrize("fact", OVERVIEW_FACTS)
def test_overview_fact_in_explain_and_guide(outputs: dict[str, str], fact: str) -> None:
    for name in ("explain", "guide"):
        assert re.search(fact, outputs[name], re.I), f"{fact!r} missing from {name}"


@pytest.mark.parametrize("fact", QUESTION_FACTS)
def test_question_fact_in_questions_and_guide(outputs: dict[str, str], fact: str) -> None:
    for name in ("questions", "guide"):
        assert re.search(fact, outputs[name], re.I), f"{fact!r} missing from {name}"


def test_no_seed_sentence_is_copied(outputs: dict[str, str]) -> None:
    seed = set(SHINGLES.read_text().split())
    assert len(seed) > 500  # the file is really there
    # Job titles are names, and the seed lists them in a row: they carry over as they are.
    titles = re.compile("|".join(re.escape(t) for t in TITLES))
    for name, text in outputs.items():
        copied = shingles(titles.sub(" | ", text)) & seed
        assert not copied, f"{name} shares {len(copied)} eight-word runs with the seed"


def test_the_check_would_catch_a_copy(outputs: dict[str, str]) -> None:
    # A sentence written back in the seed's words is caught.
    copied = "Think of them like a report card for work performance."
    assert shingles(copied) & set(SHINGLES.read_text().split())
