"""The interview kit: several terms in one guide, a time plan, question choice, the scorecard,
and the printable HTML page (checked in headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import GOLDEN, frozen_library, renamed_kpi
from kpiprep.enums import Level
from kpiprep.interview import MIN_QUESTION_MINUTES, build, choose, plan

UPDATE = os.environ.get("KPIPREP_UPDATE_GOLDEN") == "1"
HOSTILE = Path(__file__).parent / "data" / "hostile"


@pytest.fixture(autouse=True)
def _frozen(frozen_content: None) -> None:
    """The CLI reads the library these tests were written against (see conftest.FROZEN)."""


def check_golden(name: str, text: str) -> None:
    """Regenerate after a deliberate change with KPIPREP_UPDATE_GOLDEN=1 and review the diff."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def terms(*slugs: str):  # type: ignore[no-untyped-def]
    library = frozen_library()
    return [library.find(slug) for slug in slugs]


def test_multi_term_guide_with_time_plan_golden(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "guide", "kpi", "okr", "balanced-scorecard", "--level", "senior", "--minutes", "45"
    )
    assert result.exit_code == 0, result.output
    check_golden("multi-kpi-okr-balanced-scorecard-senior-45min.md", result.stdout)
    text = result.stdout
    assert text.count("## Scorecard") == 1
    for heading in ("## KPI (", "## OKR (", "## Balanced scorecard"):
        assert text.count("\n" + heading) == 1
    assert "| 0:00 | 4 | Introduction |" in text
    assert "| 0:45 | | End |" in text


def test_scorecard_only_golden(run) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "kpi", "okr", "--level", "mid", "--scorecard-only")
    assert result.exit_code == 0
    check_golden("scorecard-kpi-okr-mid.md", result.stdout)
    assert "## The term in brief" not in result.stdout
    assert "| **1 · No evidence** |" in result.stdout  # the sheet defines its own scale
    assert "### Overall recommendation" in result.stdout


def test_html_export_golden_escapes_everything(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "guide.html"
    result = run(
        "--content-dir", str(HOSTILE), "guide", "--level", "junior", "--export", str(target)
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    check_golden("guide-hostile-junior.html", page)
    assert "<script" not in page.replace("<script>", "")  # no element at all, not even one
    assert "<script>" not in page
    assert "<img" not in page and "<iframe" not in page and "<b>" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "&amp;amp; &lt;!-- comment --&gt;" in page
    assert page.count('<input type="checkbox">') > 10
    assert "http" not in page  # self-contained: nothing to fetch


def test_format_follows_the_extension_or_the_option(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("guide", "--export", str(tmp_path / "a.HTML"))
    assert (tmp_path / "a.HTML").read_text().startswith("<!DOCTYPE html>")
    run("guide", "--export", str(tmp_path / "b.md"))
    assert (tmp_path / "b.md").read_text().startswith("# Interview guide")
    assert run("guide", "--format", "html").stdout.startswith("<!DOCTYPE html>")
    run("guide", "--format", "markdown", "--export", str(tmp_path / "c.html"))
    assert (tmp_path / "c.html").read_text().startswith("# Interview guide")


def test_duplicate_questions_are_asked_once(
    run, write_term, user_dir: Path, frozen_kpi_text: str
) -> None:  # type: ignore[no-untyped-def]
    copy = renamed_kpi(frozen_kpi_text, "kpi-copy", "KPI copy", "copy of")
    copy = copy.replace("question: What makes a good KPI?", "question: what makes a GOOD kpi")
    write_term(copy, slug="kpi-copy")
    out = run("--content-dir", str(user_dir), "guide", "kpi", "kpi-copy", "-l", "junior").stdout
    assert out.casefold().count("makes a good kpi") == 2  # its heading and its scorecard row
    assert "Every question of this term is already asked above." in out


def test_questions_per_level_and_reproducible_shuffle() -> None:
    chosen = terms("kpi", "okr")
    first = [i.question.question for i in choose(chosen, list(Level), per_level=1)]
    assert len(first) == 6
    assert first[0] == "What makes a good KPI?"
    again = [i.question.question for i in choose(chosen, list(Level), per_level=1, seed=7)]
    assert again == [i.question.question for i in choose(chosen, list(Level), per_level=1, seed=7)]
    seeds = {
        tuple(i.question.question for i in choose(chosen, list(Level), per_level=1, seed=s))
        for s in range(10)
    }
    assert len(seeds) > 1  # other seeds, other (equivalent) sets
    numbers = [i.number for i in choose(chosen, list(Level), seed=3)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_cli_shuffle_prints_its_seed(run) -> None:  # type: ignore[no-untyped-def]
    result = run("guide", "okr", "--shuffle", "--questions", "1")
    seed = re.search(r"shuffled with --seed (\d+)", result.stderr)
    assert seed
    again = run("guide", "okr", "--seed", seed.group(1), "--questions", "1")
    assert again.stdout == result.stdout


def test_time_plan_uses_question_minutes_and_shares_the_rest(frozen_kpi_text: str) -> None:
    from kpiprep.loader import load_text

    timed = frozen_kpi_text.replace(
        "    - question: What makes a good KPI?\n",
        "    - question: What makes a good KPI?\n      minutes: 12\n",
    )
    term = load_text(timed, "t.yaml")
    items = choose([term], [Level.junior, Level.mid])
    slots = plan(items, 40)
    minutes = {s.label.split(".")[0]: s.minutes for s in slots}
    assert minutes["Q1"] == 12
    assert sorted(minutes[f"Q{n}"] for n in (2, 3, 4)) == [6, 6, 6]
    assert sum(s.minutes for s in slots) == 40
    starts = [s.start for s in slots]
    assert starts == sorted(starts) and starts[0] == 0


def test_time_plan_that_cannot_fit_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    count = len(choose(terms("kpi", "okr"), list(Level)))
    result = run("guide", "kpi", "okr", "--minutes", "20")
    assert result.exit_code == 1
    # 20 minutes: 2 introduction + 2 candidate's questions + 1 wrap-up, 3 a question at least.
    needed = 5 + MIN_QUESTION_MINUTES * count
    assert result.stderr == (
        f"error: {count} questions do not fit in 20 minutes: the interview needs at least "
        f"{needed} (5 for the introduction, the candidate's questions and the wrap-up, "
        f"{needed - 5} for the questions); raise --minutes or lower --questions\n"
    )
    assert result.stdout == ""
    assert run("guide", "kpi", "okr", "--minutes", "25", "--questions", "1").exit_code == 0


def test_start_time_gives_clock_times(run) -> None:  # type: ignore[no-untyped-def]
    out = run("guide", "--level", "senior", "--minutes", "30", "--start", "14:30").stdout
    assert "| 14:30 | 3 | Introduction |" in out
    assert "| 15:00 | | End |" in out
    assert run("guide", "--start", "14:30").exit_code == 2
    for bad in ("half past", "1430", "14", "25:00", "14:30:59", "14:30+05:00"):
        result = run("guide", "--minutes", "30", "--start", bad)
        assert result.exit_code == 2 and "error: --start: " in result.stderr, bad
    refused = run("guide", "--scorecard-only", "--minutes", "30")
    assert refused.exit_code == 2 and "has no schedule" in refused.stderr


def test_build_without_minutes_has_no_schedule() -> None:
    interview = build(terms("kpi"), [Level.mid])
    assert interview.schedule == ()
    assert [i.number for i in interview.items] == [1, 2]


# Printing the HTML in a real browser.

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium(tmp_path: Path, *args: str) -> None:
    done = subprocess.run(
        [CHROMIUM or "chromium", *CHROME_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (Debian package 'chromium'); .ci/run installs it",
)
def test_html_prints_to_pdf_with_every_question(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    html = tmp_path / "guide.html"
    result = run("guide", "kpi", "okr", "--minutes", "90", "--export", str(html))
    assert result.exit_code == 0, result.output
    pdf, png = tmp_path / "guide.pdf", tmp_path / "guide.png"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri())
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1000,1400", html.as_uri())
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000

    reader = PdfReader(pdf)
    # A title page's worth, then a page break before the second term and the scorecard.
    assert 6 <= len(reader.pages) <= 30
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    squeezed = re.sub(r"\s+", "", text)
    for item in build(terms("kpi", "okr"), list(Level)).items:
        assert re.sub(r"\s+", "", item.question.question) in squeezed, item.question.question
    page_of = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    okr_start = next(
        i for i, t in enumerate(page_of) if t.startswith("OKR(ObjectivesandKeyResults)")
    )
    assert okr_start > 0  # the second term opens a page of its own
    assert any(t.startswith("Scorecard") for t in page_of)


def test_brackets_from_content_never_become_a_checkbox() -> None:
    from kpiprep.render.html import to_html

    # The Markdown renderer escapes a content text's brackets: `\[ \] forged` reads "[ ] forged".
    page = to_html("- \\[ \\] forged in the content\n- [ ] a real checklist point\n", None)
    assert page.count('<input type="checkbox">') == 1
    assert "[ ] forged in the content" in page
