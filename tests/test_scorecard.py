"""The scorecard file: written canonically, read back exactly, every problem on its line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpiprep.cardfile import load, read_card
from kpiprep.enums import Level
from kpiprep.errors import ContentError
from kpiprep.scorecard import (
    Answer,
    CardTerm,
    Scorecard,
    dumps,
    next_step,
    recommendation_of,
    render,
    unfinished,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "scorecards.md"


def card(**changes: object) -> Scorecard:
    base = Scorecard(
        candidate="Alex Moreno",
        interviewer="Priya Shah",
        date=dt.date(2026, 12, 1),
        terms=[CardTerm("kpi", "human-resources", "KPI", 2)],
        questions=[
            Answer(
                "kpi/human-resources/mid/1",
                "How do leading KPIs differ from lagging KPIs?",
                True,
                {"Leading predicts": True, "Lagging records": False},
                3,
                "Clear, with a sales example",
                [],
            ),
            Answer("kpi/human-resources/mid/2", "What drives the right behaviours?"),
        ],
        role="HR Analyst",
        level=Level.mid,
        seat=1,
        panel=["Priya Shah", "Sam Lee"],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def write(tmp_path: Path, text: str, name: str = "card.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["card.yaml", "card.json"])
def test_round_trip_yaml_and_json(tmp_path: Path, name: str) -> None:
    original = card(recommendation="strong yes", reasons="Ready")
    path = tmp_path / name
    path.write_text(render(original, path), encoding="utf-8")
    assert load(path) == original
    if name.endswith(".json"):
        assert json.loads(path.read_text())["questions"][1]["rating"] is None


def test_the_yaml_is_what_a_person_reads_and_yaml_reads(tmp_path: Path) -> None:
    text = dumps(card())
    assert text.startswith("# kpiprep scorecard:")
    assert "Personal data" in text
    data = yaml.safe_load(text)
    assert data["kind"] == "scorecard" and data["format"] == 1
    assert data["date"] == dt.date(2026, 12, 1)
    assert data["questions"][0]["listen_for"] == {
        "Leading predicts": True,
        "Lagging records": False,
    }
    assert data["questions"][1] == {
        "id": "kpi/human-resources/mid/2",
        "question": "What drives the right behaviours?",
        "asked": None,
        "listen_for": {},
        "rating": None,
        "notes": None,
        "red_flags": None,
    }
    assert dumps(card()) == text  # the same card, the same bytes


texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() and not any(c in t for c in "\x01\x02\x1b\x7f\u200b\u202e"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=texts, name=texts, point=texts)
def test_any_text_survives_the_round_trip(
    tmp_path: Path, notes: str, name: str, point: str
) -> None:
    from kpiprep.term import CONTROL_RE

    if CONTROL_RE.search(notes + name + point):
        return  # refused on input, by design
    original = card(candidate=name.strip(), reasons=notes.strip())
    original.questions[0].listen_for = {point.strip(): True}
    original.questions[0].notes = notes.strip()
    for suffix in ("yaml", "json"):
        path = tmp_path / f"c.{suffix}"
        path.write_text(render(original, path), encoding="utf-8")
        assert load(path) == original


def test_a_card_filled_in_by_hand_reads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kind: scorecard\nformat: 1\ncandidate: Alex\ninterviewer: Sam\ndate: 2026-12-01\n"
        "terms:\n  - {slug: okr, industry: human-resources, name: OKR}\n"
        "questions:\n  - id: okr/human-resources/mid/1\n    question: Why OKRs?\n"
        "    rating: 4\n    listen_for: {Ambition: yes}\n    notes: Strong\n    red_flags: []\n"
        "recommendation: yes\n",  # YAML reads an unquoted yes as true: taken as meant
    )
    got = load(path)
    assert got.recommendation == "yes"
    assert got.questions[0].was_asked is True  # a rating says it was asked
    assert got.terms[0].weight == 1
    assert unfinished(got) == []


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "rating: 3",
            17,
            5,
            "questions[0].rating: a rating is 1, 2, 3 or 4 (or null until rated), not 7",
        ),
        (
            "asked: true",
            16,
            5,
            "questions[0].asked: should be true (asked), false (not asked) or null",
        ),
        ("id: kpi/human-resources/mid/1", 14, 5, "questions[0].id: a question id is"),
        ("candidate: Alex", 5, 1, "candidat: unknown field"),
        ("date: 2026-12-01", 7, 1, "date: a date is written YYYY-MM-DD"),
    ],
)
def test_each_problem_is_one_located_line(
    tmp_path: Path, text: str, line: int, column: int, message: str
) -> None:
    good = (
        "kind: scorecard\nformat: 1\ninterviewer: Sam\n# a comment\ncandidate: Alex\n"
        "level: mid\ndate: 2026-12-01\nterms:\n  - slug: kpi\n    industry: human-resources\n"
        "    name: KPI\nquestions:\n  # the first\n  - id: kpi/human-resources/mid/1\n"
        "    question: What is a KPI?\n    asked: true\n    rating: 3\n"
    )
    bad = good.replace(
        text,
        {
            "rating: 3": "rating: 7",
            "asked: true": "asked: maybe",
            "id: kpi/human-resources/mid/1": "id: KPI question one",
            "candidate: Alex": "candidat: Alex",
            "date: 2026-12-01": "date: next tuesday",
        }[text],
    )
    assert load(write(tmp_path, good)).questions[0].rating == 3
    with pytest.raises(ContentError) as caught:
        load(write(tmp_path, bad))
    shown = str(caught.value).splitlines()
    path = tmp_path / "card.yaml"
    assert any(s.startswith(f"{path}:{line}:{column}: {message}") for s in shown), shown
    if text == "candidate: Alex":
        assert f"{path}:1:1: candidate: field required" in shown


def test_invalid_yaml_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, dumps(card()).replace('candidate: "Alex Moreno"', "candidate: [Alex"))
    with pytest.raises(ContentError) as caught:
        load(path)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{path}:") and "YAML syntax error" in line


def test_contradictions_are_refused(tmp_path: Path) -> None:
    twice = card()
    twice.questions[1].id = twice.questions[0].id
    path = write(tmp_path, dumps(twice))
    with pytest.raises(ContentError, match=r"is on the card twice \(first at questions\[0\]\)"):
        read_card(path)
    stray = card()
    stray.questions[0].id = "okr/human-resources/mid/1"
    with pytest.raises(ContentError, match="its term okr/human-resources is not in the card"):
        load(write(tmp_path, dumps(stray)))
    skipped = card()
    skipped.questions[0].asked = False
    with pytest.raises(ContentError, match=r"marked not asked \(asked: false\) but it has"):
        load(write(tmp_path, dumps(skipped)))


def test_next_step_walks_each_answer_in_order() -> None:
    fresh = card()
    assert next_step(fresh) == (1, "listen_for")
    answer = fresh.questions[1]
    answer.asked = True
    assert next_step(fresh) == (1, "rating")
    answer.rating = 2
    assert next_step(fresh) == (1, "notes")
    answer.notes = ""
    assert next_step(fresh) == (1, "red_flags")
    answer.red_flags = []
    assert next_step(fresh) == (-1, "recommendation")
    fresh.recommendation = "no"
    assert next_step(fresh) == (-1, "reasons")
    fresh.reasons = ""
    assert next_step(fresh) is None and unfinished(fresh) == []
    answer.asked, answer.rating = False, None
    assert next_step(fresh) is None  # a question not asked needs nothing more


def test_unfinished_says_what_is_left() -> None:
    assert unfinished(card()) == [
        "1 question not finished (kpi/human-resources/mid/2 first)",
        "no overall recommendation",
    ]


@pytest.mark.parametrize(
    ("value", "meant"),
    [("Strong yes", "strong yes"), ("STRONG-NO", "strong no"), ("strong_yes", "strong yes"),
     (True, "yes"), (False, "no"), ("3", "yes"), ("maybe", None), (3, None)],
)  # fmt: skip
def test_recommendation_words(value: object, meant: str | None) -> None:
    assert recommendation_of(value) == meant


def test_the_documented_example_is_a_valid_card(tmp_path: Path) -> None:
    text = DOCS.read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    got = load(write(tmp_path, example))
    assert got.candidate and got.questions


# The fast reader of kpiprep's own cards reads exactly what the YAML reader reads.


def yaml_data(text: str) -> object:
    from kpiprep.datafile import parse_text

    parsed = parse_text(text)
    return None if parsed.issues else parsed.data


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    notes=texts,
    point=texts,
    slug=st.sampled_from(["kpi", "360-degree-feedback", "no", "on", "x1", "okr-2024"]),
    rating=st.none() | st.integers(1, 4),
    flags=st.none() | st.lists(texts, max_size=3),
)
def test_the_canonical_reader_agrees_with_yaml(
    notes: str, point: str, slug: str, rating: int | None, flags: list[str] | None
) -> None:
    from kpiprep.scorecard import canonical_data

    original = card(reasons=notes, role=None, level=None, seat=None, panel=[])
    original.terms[0].slug = slug
    original.questions[0].id = f"{slug}/human-resources/mid/1"
    original.questions[0].listen_for = {point: True, "other": None}
    original.questions[0].rating = rating
    original.questions[0].red_flags = flags
    text = dumps(original)
    assert canonical_data(text) == yaml_data(text)
    assert canonical_data(text) is not None


@settings(max_examples=300, deadline=None)
@given(
    line=st.integers(0, 40),
    replacement=st.sampled_from([
        "rating: yes", "  rating: 3", "    rating: 03", "    notes: plain words", "# note",
        "    notes: 'single'", "    asked: True", "date: 2026-2-1", "seat: 1.0", "level: ~",
        "    listen_for:", '      Point: true', '      "a": yes', "candidate: &a x", "---",
        "panel: [a, b]", "    red_flags: []", "reasons: \"\\ud83d\\ude00\"", "role:", "",
        "    question: \"a\\u2028b\"", "kind: scorecard ", "terms: []", "\tkind: scorecard",
    ]),
)  # fmt: skip
def test_an_edited_card_is_read_as_yaml_reads_it_or_left_to_yaml(
    line: int, replacement: str
) -> None:
    from kpiprep.scorecard import canonical_data

    lines = dumps(card()).split("\n")
    lines[min(line, len(lines) - 1)] = replacement
    text = "\n".join(lines)
    fast = canonical_data(text)
    assert fast is None or fast == yaml_data(text), (replacement, fast)
