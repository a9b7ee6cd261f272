"""`guide --export x.pdf` printed by the Chromium CI installs, read back from the PDF: every
question there, each with its checklist and notes on one page, no stranded heading, no
near-empty page, candidate and role atop every page, and room to write the evidence."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (Debian package 'chromium'); .ci/run installs it",
)

HEAD = "Candidate: Alex Moreno · Role: HR Analyst"
MARGIN = 15 / 25.4 * 72  # the @page side margin of render/html.py (15mm), in points
ROLES = {
    # One term at one level, no time plan.
    "kpi-lead": "kind: role\ntitle: HR Analyst\nindustry: human-resources\nlevel: senior\n"
    "terms:\n  - kpi\n",
    # Several terms with a time plan (its rows repeat the questions).
    "hr-analyst": "kind: role\ntitle: HR Analyst\nindustry: human-resources\nlevel: mid\n"
    "minutes: 75\nterms:\n  - kpi\n  - okr\n  - balanced-scorecard\n",
}


@dataclass
class Page:
    lines: list[str]  # the body's lines of text, without the running head and page number
    head: str
    spans: list[tuple[str, float, float]]  # each piece of text and where it starts (x, y)
    width: float

    @property
    def squeezed(self) -> str:
        return re.sub(r"\s+", "", "".join(self.lines))


def read_pdf(path: Path) -> list[Page]:
    from pypdf import PdfReader

    pages = []
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages, 1):
        spans: list[tuple[str, float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object,
                  spans: list[tuple[str, float, float]] = spans) -> None:  # fmt: skip
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                spans.append((unicodedata.normalize("NFKC", text.strip()), x, y))

        text = unicodedata.normalize("NFKC", page.extract_text(visitor_text=visit))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        head = lines.pop(0) if lines else ""
        numbering = f"{number} / {len(reader.pages)}"
        assert numbering in lines, (number, lines[:3])
        lines.remove(numbering)
        pages.append(Page(lines, head, spans, float(page.mediabox.width)))
    return pages


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the role files; kpiprep's temporary folders go to tmp/."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-terms" / "roles").mkdir(parents=True)
    for slug, text in ROLES.items():
        (tmp_path / "my-terms" / "roles" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def export(run, role: str, *extra: str) -> tuple[list[Page], str]:  # type: ignore[no-untyped-def]
    """The guide printed to PDF, and the same guide as HTML (to know what it holds)."""
    args = ["--content-dir", "my-terms", "guide", "--role", role, "--candidate", "Alex Moreno",
            *extra]  # fmt: skip
    result = run(*args, "--export", "guide.pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote guide.pdf\n"
    assert list(Path("tmp").iterdir()) == []  # the page, the profile: all removed
    page = run(*args, "--format", "html").stdout
    return read_pdf(Path("guide.pdf")), page


def texts(page: str, tag: str) -> list[str]:
    found = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", page, flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def evidence_share(page: Page) -> float:
    """The Evidence column's share of the printable width: from where its heading starts to
    where the Rating heading (the next column's) starts, both read from the PDF."""
    evidence = next(span for span in page.spans if span[0] == "Evidence")
    rating = [s for s in page.spans if s[0] == "Rating" and abs(s[2] - evidence[2]) < 1]
    assert len(rating) == 1, page.spans[:20]
    return (rating[0][1] - evidence[1]) / (page.width - 2 * MARGIN)


def check_guide(pages: list[Page], page: str) -> None:
    # Candidate and role atop every page.
    assert [p.head for p in pages] == [HEAD] * len(pages)
    # Every question, once as a heading.
    questions = texts(page, "h5")
    assert questions and all(re.match(r"Q\d+\. ", q) for q in questions)
    everything = "".join(p.squeezed for p in pages)
    for question in questions:
        assert everything.count(squeeze(question)) >= 1, question
    starts = [sum(bool(re.match(r"Q\d+\. ", line)) for line in p.lines) for p in pages]
    assert sum(starts) == len(questions)
    for number, p in enumerate(pages, 1):
        # A question that starts on a page ends on it: its checklist and notes are there.
        assert p.lines.count("Listen for:") == starts[number - 1], (number, p.lines)
        assert p.lines.count("Notes and evidence:") == starts[number - 1], (number, p.lines)
        # No near-empty page.
        assert len(p.lines) >= 5, (number, p.lines)
    # No heading or label ends a page, its content on the next (a notes box, kept whole,
    # ends with its title: the rest of it is room to write).
    headings = {squeeze(h) for tag in ("h2", "h3", "h4", "h5") for h in texts(page, tag)}
    for number, p in enumerate(pages[:-1], 1):
        last = p.lines[-1]
        label = last.endswith(":") and last not in (
            "Notes and evidence:",
            "Reasons for the decision:",
        )
        assert not label and squeeze(last) not in headings, (number, last)
    # The scorecard leaves a third of the width or more to write the evidence in.
    (scorecard,) = [p for p in pages if p.lines[0] == "Scorecard"]
    assert evidence_share(scorecard) >= 1 / 3


def test_the_guide_of_one_term_prints_well(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    pages, page = export(run, "kpi-lead")
    check_guide(pages, page)
    assert len(texts(page, "h5")) >= 4


def test_the_guide_of_several_terms_prints_well(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    pages, page = export(run, "hr-analyst")
    check_guide(pages, page)
    # Each term after the first opens a page, as does the scorecard.
    firsts = [p.lines[0] for p in pages]
    for term in ("OKR(ObjectivesandKeyResults)", "Balancedscorecard"):
        assert any(squeeze(line).startswith(term) for line in firsts), term
    assert pages[0].lines[0].startswith("Interview guide: KPI")


def test_the_scorecard_alone_is_one_page_with_room_for_evidence(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    pages, page = export(run, "kpi-lead", "--scorecard-only")
    assert len(pages) == 1
    (sheet,) = pages
    assert sheet.head == HEAD and sheet.lines[0].startswith("Scorecard: KPI")
    for question in re.findall(r"<td>(Q\d+)</td>\s*<td>(.*?)</td>", page):
        assert squeeze(html.unescape(question[1])) in sheet.squeezed
    assert len(re.findall(r"<td>Q\d+</td>", page)) >= 4
    assert evidence_share(sheet) >= 1 / 3
    assert "Strongno" in sheet.squeezed and sheet.lines[-1].startswith("Content: kpi/")


def test_the_readme_pdf_example_is_real(run, here: Path) -> None:  # type: ignore[no-untyped-def]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (command, output) = re.findall(r"\n\$ (kpiprep guide [^\n]*guide\.pdf)\n(.*?)\n```", readme)[0]
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0 and result.output == output + "\n"
    pages = read_pdf(here / "guide.pdf")
    assert len(pages) >= 5 and all(p.head == "Candidate: Alex Moreno" for p in pages)
    assert "chromium --headless" not in readme  # the manual command, with its header lines, is gone
