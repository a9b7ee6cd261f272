"""`kpiprep scan`: reports, batches, formats, guides and role drafts, through the CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from docgen import docx, paged, pdf

SCAN = Path(__file__).parents[1] / "data" / "scan"
CV = SCAN / "hr-analyst-cv.txt"
SE_CV = SCAN / "software-engineer-cv.md"
JD = SCAN / "hrbp-job-description.txt"
ANSI = re.compile(r"\x1b\[")
# The library keeps growing, so the tests name the terms each fixture plainly shows, with
# their lines (more may be found), and terms it never mentions (never found).
CV_TERMS = {
    "hris": [6, 15, 27], "cost-per-hire": [15, 27], "time-to-fill": [15, 19],
    "workforce-planning": [5, 12], "okr": [13], "balanced-scorecard": [18],
    "employee-turnover-rate": [11], "kpi": [10], "people-analytics": [5],
    "performance-review": [20], "sql": [27],
}  # fmt: skip
SE_CV_TERMS = {"data-warehouse", "etl", "kubernetes", "okr", "site-reliability-engineering"}
JD_TERMS = {
    "hr-business-partner", "organisation-design", "workforce-planning", "people-analytics",
    "employee-turnover-rate", "performance-review", "smart-goals", "employee-engagement",
    "change-management", "kpi",
}  # fmt: skip


def scanned(run, *args: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """The JSON terms of one file: [{slug, name, full_name, mentions, evidence, ...}]."""
    (data,) = json.loads(run("scan", *args, "-f", "json").stdout)
    return data["terms"]  # type: ignore[no-any-return]


def heading(term: dict) -> str:  # type: ignore[type-arg]
    """A term's section heading in a guide: 'OKR (Objectives and Key Results)'."""
    name, full = term["name"], term["full_name"]
    return name if full.casefold() == name.casefold() else f"{name} ({full})"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixtures, with the HR analyst CV also as a 2-page PDF and as a .docx."""
    for path in (CV, SE_CV, JD):
        shutil.copy(path, tmp_path / path.name)
    lines = CV.read_text(encoding="utf-8").splitlines()
    (tmp_path / "hr-analyst-cv.pdf").write_bytes(pdf(paged(lines, 15)))
    (tmp_path / "hr-analyst-cv.docx").write_bytes(docx(lines))
    return tmp_path


def test_a_report_for_one_cv(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(SCAN)
    result = run("scan", CV.name)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    header = re.match(r"hr-analyst-cv\.txt \(text, 27 lines\): (\d+) library terms\n", out)
    assert header, out
    found = re.findall(r"(?m)^   ([a-z0-9-]+) · \d+ mentions? on lines? ", out)
    assert int(header[1]) == len(found) and set(CV_TERMS) <= set(found)
    assert " Workforce planning\n   workforce-planning · 2 mentions on lines 5, 12" in out
    assert "\n   hris · 3 mentions on lines 6, 15, 27 · as HRIS\n" in out
    assert "   11 Cut attrition in the Leeds warehouses by 15% in two years with" in out
    assert " line 11: 15% · Employee turnover rate\n   ask: " in out
    assert " line 17: Jan 2016 – Dec 2018\n" in out
    assert " Power BI (phrase, 2 times; lines 21, 27)\n" in out  # not a library name
    assert " HRIS (acronym" not in out  # a library name now
    headings = ["Terms, most evidenced first", "Claims to probe",
                "Experience periods, as written", "Not in the library yet"]  # fmt: skip
    assert [out.index(h) for h in headings] == sorted(out.index(h) for h in headings)
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("name", ["hr-analyst-cv.txt", "hr-analyst-cv.pdf", "hr-analyst-cv.docx"])
def test_every_format_finds_the_same_terms(run, folder: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    (data,) = json.loads(run("scan", str(folder / name), "-f", "json").stdout)
    assert data["format"] == name.rsplit(".", 1)[1].replace("txt", "text")
    evidence = {term["slug"]: [e["text"] for e in term["evidence"]] for term in data["terms"]}
    assert evidence["employee-turnover-rate"] == [
        "Cut attrition in the Leeds warehouses by 15% in two years with exit-interview analysis."
    ]
    assert evidence["okr"] == [
        "Set quarterly OKRs with the HR leadership team; owned the OKR's data and the scoring."
    ]
    assert "sales-pipeline" not in evidence and "kubernetes" not in evidence
    as_text = [term["slug"] for term in scanned(run, str(folder / "hr-analyst-cv.txt"))]
    assert list(evidence) == as_text  # the same terms in the same order in every format
    assert set(CV_TERMS) <= set(evidence)
    claims = [c["quantities"] for t in data["terms"] for c in t["claims"]]
    assert sorted(claims) == [["1,100"], ["12", "40"], ["15%"], ["2,400"]]
    if name.endswith(".pdf"):
        return  # a PDF's text layer keeps no blank lines: its numbers are its own
    lines = {term["slug"]: [e["line"] for e in term["evidence"]] for term in data["terms"]}
    assert {slug: lines[slug] for slug in CV_TERMS} == CV_TERMS


def test_a_pdf_gives_pages(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    (data,) = json.loads(run("scan", "hr-analyst-cv.pdf", "-f", "json").stdout)
    assert data["pages"] == 2
    review = next(t for t in data["terms"] if t["slug"] == "performance-review")
    text = "Supported the performance review cycle for 1,100 store staff."
    assert review["evidence"] == [{"line": 17, "page": 2, "text": text}]
    out = run("scan", "hr-analyst-cv.pdf").stdout
    assert "(PDF, 2 pages, 22 lines)" in out and " line 17 (p. 2): 1,100" in out


def test_a_batch_as_json_reports_each_file_and_goes_on_after_a_failure(run, folder: Path) -> None:  # type: ignore[no-untyped-def]
    (folder / "scan.pdf").write_bytes(pdf([[]]))
    names = [str(folder / n) for n in ("hr-analyst-cv.pdf", "scan.pdf", "software-engineer-cv.md")]
    result = run("scan", *names, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [item["file"] for item in data] == names
    assert data[1] == {
        "file": names[1],
        "error": "this PDF is a scan with no text; run OCR on it first",
    }
    assert data[0]["error"] is None
    assert set(CV_TERMS) <= {t["slug"] for t in data[0]["terms"]}
    assert data[2]["error"] is None
    se_slugs = {t["slug"] for t in data[2]["terms"]}
    assert SE_CV_TERMS <= se_slugs and not {"workforce-planning", "hris"} & se_slugs
    assert (
        result.stderr
        == f"error: {names[1]}: this PDF is a scan with no text; run OCR on it first\n"
    )


def test_a_batch_as_a_table_ranks_the_files(
    run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    (folder / "notes.txt").write_bytes(b"\xff\xfe\x00binary")
    monkeypatch.chdir(folder)
    result = run(
        "scan",
        "software-engineer-cv.md",
        "notes.txt",
        "hr-analyst-cv.docx",
        "hrbp-job-description.txt",
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Files ranked by the library terms they evidence"
    assert re.split(r"\s{2,}", lines[1]) == ["#", "File", "Terms", "Evidence", "Top terms"]
    rows = [re.split(r"\s{2,}", line) for line in lines[2:]]
    # Each file's row: its terms, evidence lines and two top terms, as its own scan finds them;
    # ranked by terms, then evidence lines.
    expected = []
    for name in ("software-engineer-cv.md", "hr-analyst-cv.docx", "hrbp-job-description.txt"):
        terms = scanned(run, name)
        evidence = sum(len(term["evidence"]) for term in terms)
        more = f" and {len(terms) - 2} more" if len(terms) > 2 else ""
        top = ", ".join(term["name"] for term in terms[:2]) + more
        expected.append((-len(terms), -evidence, name, top))
    expected.sort()
    assert rows == [
        *([str(n), name, str(-count), str(-evidence), top]
          for n, (count, evidence, name, top) in enumerate(expected, 1)),
        ["-", "notes.txt", "failed: not valid UTF-16 text, though it starts as such"],
    ]  # fmt: skip
    assert {name for _, _, name, _ in expected[:2]} == {  # HR files, over the engineer's CV
        "hr-analyst-cv.docx",
        "hrbp-job-description.txt",
    }


def test_markdown_report_and_batch(run, folder: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("scan", str(JD), "-f", "markdown").stdout
    assert out.startswith(f"# Scan: {JD}\n")
    assert "| SMART goals · Specific, Measurable, Achievable, Relevant, Time-bound goals |" in out
    assert "### SMART goals\n\n- **Line 10:** Lead the performance review cycle" in out
    assert "## Experience periods, as written\n\n- **Line 16:** At least 5 years" in out
    assert (
        "| HR business partner · Human Resources Business Partner | Human Resources | 4 "
        "| 1, 3, 16, 20 | HR Business Partner |"
    ) in out
    assert "| CIPD | acronym | 1 | 18 |" in out and "| HR Business Partner | phrase |" not in out
    batch = run("scan", str(CV), str(SE_CV), "-f", "markdown").stdout
    assert batch.startswith("# Scan of 2 files\n")
    terms = scanned(run, str(CV))
    count, evidence = len(terms), sum(len(term["evidence"]) for term in terms)
    assert f"| 1 | {CV} | text | {count} | {evidence} |" in batch and f"\n## {CV}\n" in batch
    assert f"| 2 | {SE_CV} | Markdown |" in batch and f"\n## {SE_CV}\n" in batch


def test_standard_input(run) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", "-", "-f", "json", input="Owned 12 KPIs and the OKRs.\n")
    (data,) = json.loads(result.stdout)
    assert data["file"] == "-" and [t["slug"] for t in data["terms"]] == ["kpi", "okr"]


def test_industry_limits_the_terms(run) -> None:  # type: ignore[no-untyped-def]
    (data,) = json.loads(run("scan", str(CV), "--industry", "Sales", "-f", "json").stdout)
    assert {(t["slug"], t["industry"]) for t in data["terms"]} == {("kpi", "sales")}
    result = run("scan", str(CV), "--industry", "astrology")
    assert result.exit_code == 1 and result.stderr.startswith("error: no term has the industry")


def test_min_mentions(run) -> None:  # type: ignore[no-untyped-def]
    (data,) = json.loads(run("scan", str(CV), "--min-mentions", "2", "-f", "json").stdout)
    kept = [t["slug"] for t in data["terms"]]
    assert kept == [t["slug"] for t in scanned(run, str(CV)) if t["mentions"] >= 2]
    assert {"hris", "cost-per-hire", "time-to-fill", "workforce-planning", "okr"} <= set(kept)
    assert "kpi" not in kept and "balanced-scorecard" not in kept  # named once each


def test_on_a_terminal_scanned_text_is_never_markup(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cv = tmp_path / "cv.txt"
    cv.write_text("Built [bold red]KPIs[/bold red] for [link=x]people analytics[/link]\n")
    result = run("scan", str(cv), env={"FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout)
    assert "[bold red]KPIs[/bold red]" in result.stdout and "[link=x]" in result.stdout


def test_the_guide_carries_the_documents_evidence(run) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", str(CV), "--guide", "--level", "mid")
    assert result.exit_code == 0, result.output
    guide = result.stdout
    sections = re.findall(r"(?m)^## (.+)$", guide)
    # A section for each term found, most evidenced first, as the scan ranks them.
    ranked = [heading(term) for term in scanned(run, str(CV))]
    assert sections[1:-1] == ranked
    assert guide.startswith(f"# Interview guide: {', '.join(ranked)}\n")
    assert {
        "Workforce planning", "OKR (Objectives and Key Results)", "Balanced scorecard",
        "Employee turnover rate", "KPI (Key Performance Indicators)", "People analytics",
        "Performance review", "HRIS (Human Resources Information System)", "Cost per hire",
        "Time to fill", "SQL (Structured Query Language)",
    } <= set(ranked)  # fmt: skip
    attrition = guide.split("## Employee turnover rate")[1].split("\n## ")[0]
    evidence = attrition.split("### From the scanned document")[1].split("### Questions")[0]
    assert f"*What {CV} says about Employee turnover rate:*" in evidence
    assert "- **Line 11:** Cut attrition in the Leeds warehouses by 15% in two years" in evidence
    assert "  - **Claim (15%). Ask:** " in evidence
    assert "Mid (" in guide and "Senior (" not in guide


def test_the_guide_fits_the_minutes_with_the_most_evidenced_terms(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "guide.md"
    result = run(
        "scan", str(CV), "--guide", "-l", "mid", "-m", "45", "-q", "2", "--export", str(target)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    guide = target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o600  # it quotes the CV: its owner's alone
    assert "## Interview plan (45 minutes)" in guide
    kept = re.findall(r"(?m)^## (.+)$", guide)[2:-1]
    # The most evidenced terms that fit: the first of the scan's ranking; the rest left out.
    terms = scanned(run, str(CV))
    assert 0 < len(kept) < len(terms)
    assert kept == [heading(term) for term in terms[: len(kept)]]
    left = [term["slug"] for term in terms[len(kept) :]]
    assert "performance-review" in left  # named once: among the least evidenced
    assert result.stderr == (
        f"{len(left)} of {len(terms)} terms left out to fit 45 minutes: {', '.join(left)} "
        "(fewer --questions, or more --minutes, fit more)\n"
        f"wrote {target}\n"
    )
    again = run("scan", str(CV), "--guide", "--export", str(target))
    assert again.exit_code == 1 and "already exists; use --force" in again.stderr
    html = tmp_path / "guide.html"
    assert run("scan", str(CV), "--guide", "-l", "junior", "--export", str(html)).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_no_term_no_guide(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cv = tmp_path / "cv.txt"
    cv.write_text("Gardener, 2010 - present\n")
    result = run("scan", str(cv), "--guide")
    assert result.exit_code == 1
    assert result.stderr == f"error: {cv}: no library term found, so no guide to build\n"


def test_a_role_draft_from_a_job_description(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    role = tmp_path / "role.yaml"
    result = run("scan", str(JD), "--role-out", str(role), "--level", "mid", "-m", "60")
    assert result.exit_code == 0 and result.stderr == f"wrote {role}\n"
    text = role.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    terms = data.pop("terms")
    assert data == {
        "title": "HR Business Partner (Operations)",
        "industry": "human-resources",
        "level": "mid",
        "minutes": 60,
    }
    # The terms as the scan ranks them: the role's own name, named 4 times, first.
    assert terms == [term["slug"] for term in scanned(run, str(JD))]
    assert terms[0] == "hr-business-partner" and JD_TERMS <= set(terms)
    assert "okr" not in terms
    assert (
        "  - hr-business-partner  # HR business partner: 4 mentions, lines 1, 3, 16, 20\n" in text
    )
    assert text.rstrip().endswith(
        f"#   kpiprep guide {' '.join(terms)} --level mid --minutes 60 --export guide.md"
    )
    again = run("scan", str(JD), "--role-out", str(role))
    assert again.exit_code == 1 and again.stderr.endswith(
        "already exists; use --force to replace it\n"
    )
    assert yaml.safe_load(role.read_text(encoding="utf-8"))["minutes"] == 60  # untouched
    assert run("scan", str(JD), "--role-out", str(role), "--force").exit_code == 0
    assert yaml.safe_load(role.read_text(encoding="utf-8"))["level"] == "mid"  # the TODO default
    assert "level: mid  # TODO: junior, mid or senior" in role.read_text(encoding="utf-8")


def test_a_role_title_from_a_hostile_name_stays_one_yaml_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    jd = tmp_path / "jd\nterms: [evil].txt"
    jd.write_text('Analyst" # x\nterms: [evil]\nWe want KPIs.\n')
    role = tmp_path / "role.yaml"
    assert run("scan", str(jd), "--role-out", str(role)).exit_code == 0
    data = yaml.safe_load(role.read_text(encoding="utf-8"))
    assert data["title"] == 'Analyst" # x' and data["terms"] == ["kpi"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "mid"], "--level goes with --guide or --role-out"),
        (["--minutes", "30"], "--minutes goes with --guide or --role-out"),
        (["--export", "g.md"], "--export goes with --guide"),
        (["--questions", "2"], "--questions goes with --guide"),
        (["--guide", str(JD)], "--guide works on one FILE"),
        (["--role-out", "r.yaml", str(JD)], "--role-out works on one FILE"),
        (["--guide", "-f", "json"], "--guide writes a guide: leave out --format"),
        (["-", "-"], "standard input ('-') can be read only once"),
        (["--min-mentions", "0"], "--min-mentions: use a whole number, 1 or more (not 0)"),
    ],
)
def test_usage_errors(run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", str(CV), *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_nothing_from_a_scan_is_cached_or_written(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    cache = Path(os.environ["KPIPREP_CACHE_DIR"])
    run("scan", str(SE_CV))  # the library's own cache is filled once, as by any command
    before = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    secret = "Zanzibar-7731"
    cv = tmp_path / "cv.txt"
    cv.write_text(f"{secret}\nBuilt 12 KPIs; cut attrition by 15%.\n")
    for fmt in ("table", "json", "markdown"):
        assert run("scan", str(cv), "-f", fmt).exit_code == 0
    assert run("scan", str(cv), "--guide").exit_code == 0
    after = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
    assert after == before
    assert list(work.iterdir()) == []
    assert not [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and secret.encode() in p.read_bytes() and p != cv
    ]


def on_a_terminal(files: list[str], after: float) -> tuple[str, str]:
    """Run a batch with stderr on a pseudo-terminal (stdout piped): (stdout, stderr)."""
    import pty
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import kpiprep.cli.scan as scan\n"
        f"scan.PROGRESS_AFTER = {after}\n"
        "from kpiprep.cli import main\n"
        f"sys.argv = ['kpiprep', 'scan', *{files!r}, '--format', 'json']\n"
        "main()\n"
    )
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the program closed its side
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait(timeout=30) == 0
    return out, seen.decode(errors="replace")


def test_a_progress_bar_on_a_terminal_for_a_batch_that_takes_a_while() -> None:
    files = [str(CV), str(SE_CV), str(JD)]
    out, err = on_a_terminal(files, after=0)
    assert "Scanning" in err and "3/3" in err
    assert [item["file"] for item in json.loads(out)] == files  # the data stays clean
    out, err = on_a_terminal(files, after=60)  # a quick batch shows no bar
    assert "Scanning" not in err
    out, err = on_a_terminal([str(CV)], after=0)  # nor does one file
    assert "Scanning" not in err


def test_on_a_terminal_the_ranking_is_a_table(run) -> None:  # type: ignore[no-untyped-def]
    result = run("scan", str(CV), str(SE_CV), "missing.pdf", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert ANSI.search(result.stdout) and "╭" in result.stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    folded = "".join(re.findall(r"│ [-\d ] │ (\S+)", plain))  # the file column, folded
    assert folded.index(CV.name) < folded.index(SE_CV.name)
    assert "failed: cannot read: No" in plain and "missing.pdf" in plain


def test_a_scan_in_its_own_process_writes_everything_then_leaves_at_once(tmp_path: Path) -> None:
    # A batch ends its process without the interpreter's tear-down (kpiprep.cli.leave): the
    # output must still be whole and the exit code still say a file failed. An exit handler
    # shows which way the process ended.
    import subprocess
    import sys

    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00binary")
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
        "from kpiprep.cli import main\n"
        "sys.argv = ['kpiprep', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "KPIPREP_CACHE_DIR": str(tmp_path / "cache")}

    def run_alone(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", script, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    done = run_alone("scan", str(CV), str(broken), str(CV), "--format", "json")
    assert done.returncode == 1
    assert [item["error"] is None for item in json.loads(done.stdout)] == [True, False, True]
    assert "torn down" not in done.stderr and f"error: {broken}:" in done.stderr
    other = run_alone("explain", "kpi", "--format", "json")  # every other command: as usual
    assert other.returncode == 0 and "torn down" in other.stderr
