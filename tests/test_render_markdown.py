"""Markdown renderers: golden guides, and escaping that keeps content out of the structure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import GOLDEN, SHIPPED_KPI
from kpiprep.enums import Level
from kpiprep.interview import build
from kpiprep.loader import load_file, load_text
from kpiprep.render.markdown import escape
from kpiprep.render.markdown import guide_markdown as render_guide
from kpiprep.term import Term

UPDATE = os.environ.get("KPIPREP_UPDATE_GOLDEN") == "1"


def guide_markdown(term: Term, levels: list[Level]) -> str:
    return render_guide(build([term], levels))


LEVEL_SETS = {
    "junior": [Level.junior],
    "mid": [Level.mid],
    "senior": [Level.senior],
    "all": list(Level),
}


@pytest.mark.parametrize("name", list(LEVEL_SETS))
def test_guide_matches_golden(name: str) -> None:
    """Regenerate after a deliberate change with KPIPREP_UPDATE_GOLDEN=1 and review the diff."""
    golden = GOLDEN / f"guide-kpi-{name}.md"
    # The shipped KPI guide: what a hiring manager gets from `kpiprep guide`.
    text = guide_markdown(load_file(SHIPPED_KPI), LEVEL_SETS[name])
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_cli_guide_is_the_golden_file(run) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "--level", "mid")
    assert result.stdout == (GOLDEN / "guide-kpi-mid.md").read_text(encoding="utf-8")


def test_guide_has_the_interview_parts() -> None:
    text = (GOLDEN / "guide-kpi-senior.md").read_text(encoding="utf-8")
    term = load_file(SHIPPED_KPI)
    asked = term.questions.senior
    for field in ("Candidate", "Interviewer", "Date", "Role", "Level"):
        assert f"| **{field}** |" in text
    assert f"- [ ] {escape(asked[0].listen_for[0])}" in text
    assert text.count("**Rating (1-4):**") == len(asked)
    assert text.count("> **Notes and evidence:**") == len(asked)
    assert text.count("**How to rate this answer:**") == len(asked)
    assert f"- [ ] {escape(term.levels.senior.indicators[0])}" in text
    assert f"- [ ] {escape(term.red_flags[-1])}" in text
    for choice in ("Strong no", "No", "Yes", "Strong yes"):
        assert f"- [ ] {choice}\n" in text
    assert "Junior (0-2 years)" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("a | b", "a \\| b"),
        ("[text](http://x)", "\\[text\\](http\\://x)"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("line one\n\n# line two", "line one \\# line two"),
        ("AT&T &amp;", "AT\\&T \\&amp;"),
        ("Time-bound, 5+ years", "Time-bound, 5+ years"),
        (
            "see https://example.com or www.example.com",
            "see https\\://example.com or www\\.example.com",
        ),
        ("mailto:a@b.c", "mailto\\:a@b.c"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_hostile_content_cannot_change_guide_structure(kpi_text: str) -> None:
    hostile = kpi_text.replace(
        "question: What makes a good KPI?",
        'question: "# Heading? | cell | <b>bold</b> [link](http://x) ![img](http://y)"',
    ).replace("  - Gives a concrete good KPI", '  - "- [x] pre-ticked"')
    guide = guide_markdown(load_text(hostile, "h.yaml"), [Level.junior])
    lines = guide.splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert (
        "##### Q1. \\# Heading? \\| cell \\| \\<b\\>bold\\</b\\> \\[link\\](http\\://x) \\!\\[img\\](http\\://y)"
        in headings
    )
    assert "- [ ] \\- \\[x\\] pre-ticked" in lines
    assert "<b>" not in guide and "](http" not in guide.replace("\\](http", "")


def test_markdown_renders_as_intended_with_a_commonmark_parser(kpi_text: str) -> None:
    from markdown_it import MarkdownIt  # installed with rich

    hostile = kpi_text.replace(
        "question: What makes a good KPI?", 'question: "# Big | <script>x</script> [a](http://b)"'
    )
    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(guide_markdown(load_text(hostile, "h.yaml"), [Level.junior]))
    )
    assert "<script>" not in html
    assert "<a href" not in html
    assert "<h5>Q1. # Big | &lt;script&gt;x&lt;/script&gt; [a](http://b)</h5>" in html


def test_golden_files_exist_for_every_level() -> None:
    assert sorted(p.name for p in Path(GOLDEN).glob("guide-kpi-*.md")) == sorted(
        f"guide-kpi-{name}.md" for name in LEVEL_SETS
    )


def test_a_question_without_listen_for_points_renders_without_the_list(kpi_text: str) -> None:
    # A draft may leave listen_for empty or out (validate warns, KP103); the guide still works.
    points = [
        "Change management strategy",
        "Communication and training",
        "A pilot programme to show value",
        "Feedback loops for continuous improvement",
    ]
    block = "      listen_for:\n" + "".join(f"        - {p}\n" for p in points)
    assert block in kpi_text
    for replacement in ("      listen_for: []\n", ""):
        term = load_text(kpi_text.replace(block, replacement), "t.yaml")
        assert term.questions.senior[1].listen_for == ()
        guide = guide_markdown(term, [Level.senior])
        assert guide.count("**Listen for:**") == len(term.questions.senior) - 1
