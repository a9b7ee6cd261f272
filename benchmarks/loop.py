"""The interview loop's costs: the autosave after each answer, and `debrief` of ten cards.

    python benchmarks/loop.py [--rounds N] [--saves N] [--dir DIR]

Autosave: `kpiprep score` saves the whole scorecard after every answer. This times that
save in-process, exactly as the command does it (render the card's YAML, then the atomic
private write: a temporary file beside the card, written, fsynced, made 0600 and renamed
over it), --saves times for a card of 40 questions, in DIR (default: a temporary folder in
the current one, so the disk is the one a card would be saved to). The budget is 10 ms a
save (the median; the 95th percentile is printed too).

Debrief: ten scorecards generated from the shipped library, every answer given, each of 12
questions (a whole interview each: ten interviewers who all asked everything) and, as a
stress, of 40; `kpiprep debrief` piped and on a pseudo-terminal, against the baseline app
(benchmarks/baseline_app.py) in the same run, rounds rotated as in startup.py. The budget
is 1.10 times the baseline's median. Exits 1 if a budget is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from startup import compile_kpiprep, kpiprep_command, run_once  # noqa: E402

SAVE_BUDGET_MS = 10.0
SAVE_QUESTIONS = 40
DEBRIEF_BUDGET = 1.10
CARDS = 10
DEBRIEF_QUESTIONS = (12, 40)


def cards(questions: int, interviewers: int = CARDS) -> list:  # type: ignore[type-arg]
    """Scorecards as a panel would fill them in: every interviewer rating the same
    `questions` questions of the shipped library, every answer given."""
    from kpiprep.enums import Level
    from kpiprep.interview import build
    from kpiprep.library import Library
    from kpiprep.locate import search_path
    from kpiprep.scoring import new_card

    library = Library([f for f in search_path() if f.origin == "shipped"])
    slugs = sorted({r.slug for r in library.records()})
    terms = [library.find(slug, library.industries_of(slug)[0]) for slug in slugs]
    interview = build(terms, list(Level))
    interview = interview._replace(items=interview.items[:questions])
    if len(interview.items) < questions:
        raise SystemExit(f"the shipped library has only {len(interview.items)} questions")
    made = []
    for number in range(interviewers):
        card = new_card(interview, candidate="Alex Moreno", interviewer=f"Interviewer {number}",
                        date=dt.date(2026, 12, 1))  # fmt: skip
        for index, answer in enumerate(card.questions):
            answer.asked = True
            answer.listen_for = {p: (i + number) % 2 == 0 for i, p in enumerate(answer.listen_for)}
            answer.rating = 1 + (index + number) % 4
            answer.notes = "Gave a concrete example from their own team, with the numbers."
            answer.red_flags = []
        card.recommendation, card.reasons = "yes", "Solid across the board."
        made.append(card)
    return made


def time_saves(folder: Path, questions: int, saves: int) -> list[float]:
    from kpiprep.files import write_text
    from kpiprep.scorecard import render

    card = cards(questions, 1)[0]
    path = folder / "card.yaml"
    write_text(path, render(card, path), mode=0o600)
    took = []
    for number in range(saves):
        card.questions[number % questions].notes = f"Note {number}"  # a new answer each time
        start = time.perf_counter()
        write_text(path, render(card, path), force=True, action="save", mode=0o600)
        took.append((time.perf_counter() - start) * 1000)
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="measured runs of each command")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs of each command")
    parser.add_argument("--saves", type=int, default=200, help="autosaves timed")
    parser.add_argument("--dir", type=Path, default=Path("."), help="where the card is saved")
    args = parser.parse_args()

    compile_kpiprep()
    work = Path(tempfile.mkdtemp(prefix="kpiprep-loop-bench-", dir=args.dir))
    failed = False
    try:
        saves = time_saves(work, SAVE_QUESTIONS, args.saves)
        median, p95 = statistics.median(saves), statistics.quantiles(saves, n=20)[-1]
        ok = median <= SAVE_BUDGET_MS
        failed |= not ok
        print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores")
        print(f"autosave of a {SAVE_QUESTIONS}-question card, {args.saves} saves in "
              f"{args.dir}: median {median:.2f} ms, 95th percentile {p95:.2f} ms, "
              f"budget {SAVE_BUDGET_MS:.0f} ms  {'ok' if ok else 'OVER BUDGET'}")  # fmt: skip

        from kpiprep.scorecard import render

        env = {**os.environ, "KPIPREP_CACHE_DIR": str(work / "cache"), "COLUMNS": "80"}
        for name in ("KPIPREP_CONTENT_PATH", "KPIPREP_INDUSTRY", "NO_COLOR", "FORCE_COLOR"):
            env.pop(name, None)
        baseline = [sys.executable, str(HERE / "baseline_app.py"), str(HERE / "baseline.json")]
        commands = {"baseline": baseline, "baseline, terminal": baseline}
        for questions in DEBRIEF_QUESTIONS:
            paths = []
            for number, card in enumerate(cards(questions)):
                path = work / f"card-{questions}-{number}.yaml"
                path.write_text(render(card, path), encoding="utf-8")
                paths.append(str(path))
            debrief = [*kpiprep_command(), "debrief", *paths]
            commands[f"debrief {CARDS}x{questions}"] = debrief
            commands[f"debrief {CARDS}x{questions}, terminal"] = debrief
        tty_env = {**env, "TERM": "xterm-256color"}
        names = list(commands)
        times: dict[str, list[float]] = {n: [] for n in names}
        for round_ in range(-args.warmup, args.rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                on_tty = name.endswith("terminal")
                elapsed, _ = run_once(commands[name], tty_env if on_tty else env, on_tty)
                if round_ >= 0:
                    times[name].append(elapsed)
        print(f"debrief of {CARDS} scorecards of N questions (debrief {CARDS}xN); {args.rounds} "
              f"rounds after {args.warmup} warm-up; medians")  # fmt: skip
        print(f"{'command':26} {'time ms':>8} {'ratio':>6} {'budget':>6}  verdict")
        for name in names:
            base = "baseline, terminal" if name.endswith("terminal") else "baseline"
            t = statistics.median(times[name])
            ratio = t / statistics.median(times[base])
            if name.startswith("baseline"):
                print(f"{name:26} {t * 1000:8.1f} {ratio:6.2f} {'-':>6}  baseline")
                continue
            ok = ratio <= DEBRIEF_BUDGET
            failed |= not ok
            verdict = "ok" if ok else "OVER BUDGET"
            print(f"{name:26} {t * 1000:8.1f} {ratio:6.2f} {DEBRIEF_BUDGET:6.2f}  {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
