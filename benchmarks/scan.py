"""Cost of `kpiprep scan` against the baseline app (benchmarks/baseline_app.py), side by side.

    python benchmarks/scan.py [--rounds N]

Scans a 3-page text CV, a 10-page PDF CV and a batch of 100 text CVs in one call, each run
alternating with the baseline in an order that rotates from round to round (as
benchmarks/startup.py does), and prints the medians and their ratios to the baseline's;
exits 1 if a ratio is over its budget. The CVs are generated into a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys

from startup import HERE, kpiprep_command, rounds, setting_up

sys.path.insert(0, str(HERE.parent / "tests"))
from docgen import paged, pdf  # noqa: E402  (a test helper: the PDF writer)

CV = HERE.parent / "tests" / "data" / "scan" / "hr-analyst-cv.txt"
TIME_BUDGET = {"3-page text CV": 1.3, "10-page PDF CV": 2.0, "100 text CVs, one call": 3.0}
LINES_PER_PAGE = 50


def cv_lines(pages: int, seed: int = 0) -> list[str]:
    """A CV of `pages` pages: the fixture's lines, varied so no two CVs are the same."""
    base = [line for line in CV.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = []
    while len(lines) < pages * LINES_PER_PAGE:
        number = len(lines) + seed
        lines.append(base[number % len(base)].replace("15%", f"{number % 40 + 5}%"))
    return lines


def main() -> int:
    args, work, env = setting_up(__doc__ or "", "kpiprep-scan-bench-")
    text_cv = work / "cv.txt"
    text_cv.write_text("\n".join(cv_lines(3)) + "\n", encoding="utf-8")
    pdf_cv = work / "cv.pdf"
    pdf_cv.write_bytes(pdf(paged(cv_lines(10), LINES_PER_PAGE)))
    batch = work / "batch"
    batch.mkdir()
    for number in range(100):
        path = batch / f"cv-{number:03}.txt"
        path.write_text("\n".join(cv_lines(3, number)) + "\n", encoding="utf-8")
    kp = kpiprep_command()
    commands = {
        "baseline": [sys.executable, str(HERE / "baseline_app.py"), str(HERE / "baseline.json")],
        "3-page text CV": [*kp, "scan", str(text_cv)],
        "10-page PDF CV": [*kp, "scan", str(pdf_cv)],
        "100 text CVs, one call": [*kp, "scan", *map(str, sorted(batch.iterdir())), "-f", "json"],
    }
    names = list(commands)
    try:
        times, peaks = rounds(commands, dict.fromkeys(names, env), args)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; "
          f"{args.rounds} rounds after {args.warmup} warm-up; medians; output piped")  # fmt: skip
    header = f"{'command':24} {'time ms':>8} {'ratio':>6} {'budget':>6} {'MiB':>6}  verdict"
    print(header)
    print("-" * len(header))
    base = statistics.median(times["baseline"])
    failed = False
    for name in names:
        t = statistics.median(times[name])
        ratio = t / base
        budget = TIME_BUDGET.get(name)
        ok = budget is None or ratio <= budget
        failed |= not ok
        shown = "-" if budget is None else f"{budget:.2f}"
        verdict = "baseline" if name == "baseline" else ("ok" if ok else "OVER BUDGET")
        memory = statistics.median(peaks[name])
        print(f"{name:24} {t * 1000:8.1f} {ratio:6.2f} {shown:>6} {memory:6.1f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
