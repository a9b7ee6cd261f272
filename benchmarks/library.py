"""The installed wheel with the full shipped library, against the baseline app, cold and warm.

    python benchmarks/library.py [--rounds N]

Builds the wheel, installs it into a fresh virtual environment, then times, side by side
in rotating rounds: the baseline app (benchmarks/baseline_app.py); `explain kpi`, `list`
and `search` with a warm cache; and the same commands on a first run, each with a new
empty cache folder. Prints medians and ratios (to the baseline, and first run to warm run)
and the wheel's size, and exits 1 if any is over its budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

from startup import run_once

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Ratios of medians to the baseline app, with a warm cache.
WARM_BUDGET = {"explain kpi": 1.10, "search turnover": 1.30, "list": 1.20}
COLD_BUDGET = 1.10  # a first run on an empty cache, to the same command warm
WHEEL_BUDGET_MB = 5.0


def install(work: Path) -> tuple[Path, float]:
    """Build the wheel and install it in a new venv; its kpiprep script and size in MB."""
    dist = work / "dist"
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)]
    subprocess.run([*command, str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("kpiprep-*.whl")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    subprocess.run([str(python), "-m", "compileall", "-q", str(env_dir / "lib")], check=True)
    return env_dir / "bin" / "kpiprep", wheel.stat().st_size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11, help="measured runs of each command")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured runs of each command")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kpiprep-library-"))
    try:
        kpiprep, wheel_mb = install(work)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KPIPREP_", "PYTHON"))}
        env.update(COLUMNS="80", KPIPREP_CACHE_DIR=str(work / "warm-cache"))
        asks = {"explain kpi": ["explain", "kpi"], "list": ["list"], "search turnover": [
            "search", "turnover"]}  # fmt: skip
        commands = {"baseline": [sys.executable, str(HERE / "baseline_app.py"),
                                 str(HERE / "baseline.json")]}  # fmt: skip
        for name, argv in asks.items():
            commands[name] = [str(kpiprep), *argv]
            commands[f"{name}, first run"] = [str(kpiprep), *argv]
        names = list(commands)
        times: dict[str, list[float]] = {n: [] for n in names}
        fresh = 0

        def once(name: str) -> float:
            nonlocal fresh
            run_env = env
            if name.endswith("first run"):
                fresh += 1  # a cache folder nobody has used: the first run after install
                run_env = {**env, "KPIPREP_CACHE_DIR": str(work / f"cold-{fresh}")}
            return run_once(commands[name], run_env)[0]

        for _ in range(args.warmup):
            for name in names:
                once(name)
        for round_ in range(args.rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(once(name))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; installed wheel, "
          f"{args.rounds} rounds after {args.warmup} warm-up; medians")  # fmt: skip
    print(f"{'command':30} {'time ms':>8} {'ratio':>6} {'of':>9} {'budget':>6}  verdict")
    failed = False
    for name in names:
        if name == "baseline":
            print(f"{name:30} {median[name] * 1000:8.1f} {1:6.2f} {'':>9} {'-':>6}  baseline")
            continue
        if name.endswith("first run"):
            warm = name.removesuffix(", first run")
            ratio, of, budget = median[name] / median[warm], "warm run", COLD_BUDGET
        else:
            ratio, of, budget = median[name] / median["baseline"], "baseline", WARM_BUDGET[name]
        ok = ratio <= budget
        failed |= not ok
        verdict = "ok" if ok else "OVER BUDGET"
        print(f"{name:30} {median[name] * 1000:8.1f} {ratio:6.2f} {of:>9} {budget:6.2f}  {verdict}")
    wheel_ok = wheel_mb < WHEEL_BUDGET_MB
    failed |= not wheel_ok
    print(f"wheel: {wheel_mb:.2f} MB (budget {WHEEL_BUDGET_MB:.0f} MB) "
          f"{'ok' if wheel_ok else 'OVER BUDGET'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
