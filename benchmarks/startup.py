"""Start-up cost of kpiprep against a minimal Typer + Rich app, measured side by side.

    python benchmarks/startup.py [--rounds N]

Each round runs every command once, in an order that rotates from round to round,
so that the noise of a shared machine falls on all of them alike. After a warm-up
(which also fills kpiprep's cache, as everyday use does), it prints the median wall
time and peak memory of each command and their ratios to the baseline measured in
the same run, and exits 1 if a ratio is over its budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Budgets: ratio of medians to the baseline (time, peak memory). None: reported only.
TIME_BUDGET = {
    "--version": 0.95,
    "--help": None,
    "explain kpi": 1.10,
    "questions --level senior": 1.10,
    "guide --export": 1.10,
    "explain kpi, no cache": None,
    "baseline, terminal": None,
    "explain kpi, terminal": 1.10,
    "questions --level senior, terminal": 1.10,
}
MEMORY_BUDGET = 1.15


def kpiprep_command() -> list[str]:
    script = Path(sys.executable).with_name("kpiprep")
    found = str(script) if script.exists() else shutil.which("kpiprep")
    if found:
        return [found]
    return [sys.executable, "-c", "from kpiprep.cli import main; main()"]


def run_once(argv: list[str], env: dict[str, str], tty: bool = False) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of argv, its output piped or on a tty."""
    start = time.perf_counter()
    if tty:
        import pty

        leader, follower = pty.openpty()
        proc = subprocess.Popen(argv, env=env, stdout=follower, stderr=subprocess.PIPE)
        os.close(follower)
        while True:  # drain the terminal, as a terminal would
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # EIO: the program closed its side
                break
        os.close(leader)
    else:
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err}")
    rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return elapsed, rss_kib / 1024


def compile_kpiprep() -> None:
    """Byte-compile kpiprep as an install does: a source checkout may never get .pyc files
    (PYTHONDONTWRITEBYTECODE), and compiling on every run is not what users pay."""
    import compileall

    import kpiprep

    compileall.compile_dir(Path(kpiprep.__file__).parent, quiet=1)


def setting_up(doc: str, prefix: str) -> tuple[argparse.Namespace, Path, dict[str, str]]:
    """What every side-by-side benchmark starts with: its --rounds and --warmup, kpiprep
    byte-compiled, a work folder, and an environment with a cache of its own and none of
    the user's settings."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="measured runs of each command")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs of each command")
    args = parser.parse_args()
    compile_kpiprep()
    work = Path(tempfile.mkdtemp(prefix=prefix))
    env = {**os.environ, "KPIPREP_CACHE_DIR": str(work / "cache"), "COLUMNS": "80"}
    for name in ("KPIPREP_CONTENT_PATH", "KPIPREP_INDUSTRY", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    return args, work, env


def rounds(
    commands: dict[str, list[str]],
    envs: dict[str, dict[str, str]],
    args: argparse.Namespace,
    tty: Callable[[str], bool] = lambda name: False,
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each command's wall times and peak memories over the rounds, after the warm-up. Each
    round runs every command once, starting one further along the list than the round
    before, so that the noise of a shared machine falls on all of them alike."""
    names = list(commands)
    times: dict[str, list[float]] = {n: [] for n in names}
    peaks: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(args.warmup):
        for name in names:
            run_once(commands[name], envs[name], tty(name))
    for round_ in range(args.rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed, peak = run_once(commands[name], envs[name], tty(name))
            times[name].append(elapsed)
            peaks[name].append(peak)
    return times, peaks


def main() -> int:
    args, work, env = setting_up(__doc__ or "", "kpiprep-bench-")
    kp = kpiprep_command()
    commands = {
        "baseline": [sys.executable, str(HERE / "baseline_app.py"), str(HERE / "baseline.json")],
        "--version": [*kp, "--version"],
        "--help": [*kp, "--help"],
        "explain kpi": [*kp, "explain", "kpi"],
        "questions --level senior": [*kp, "questions", "--level", "senior"],
        "guide --export": [*kp, "guide", "--export", str(work / "guide.md"), "--force"],
    }
    # What reading and validating a content file costs: a cache that can never be
    # written (its folder is a file) makes every run parse and validate afresh.
    (work / "no-cache").write_text("")
    cold_env = {**env, "KPIPREP_CACHE_DIR": str(work / "no-cache")}
    commands["explain kpi, no cache"] = commands["explain kpi"]
    # On a terminal (a pseudo-terminal here) both draw colour and boxes with Rich;
    # those runs are compared with the baseline on a terminal.
    for name in ("baseline", "explain kpi", "questions --level senior"):
        commands[f"{name}, terminal"] = commands[name]
    tty_env = {**env, "TERM": "xterm-256color"}
    envs = {name: cold_env if name.endswith("no cache") else env for name in commands}
    envs.update({name: tty_env for name in commands if name.endswith("terminal")})
    names = list(commands)
    try:
        times, peaks = rounds(commands, envs, args, tty=lambda name: name.endswith("terminal"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores; "
          f"{args.rounds} rounds after {args.warmup} warm-up; medians")  # fmt: skip
    header = (
        f"{'command':36} {'time ms':>8} {'ratio':>6} {'budget':>6} {'MiB':>6} {'ratio':>6}  verdict"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for name in names:
        # Output on a terminal is compared with the baseline on a terminal, piped with piped.
        base = "baseline, terminal" if name.endswith("terminal") else "baseline"
        t = statistics.median(times[name])
        m = statistics.median(peaks[name])
        t_ratio = t / statistics.median(times[base])
        m_ratio = m / statistics.median(peaks[base])
        budget = TIME_BUDGET.get(name)
        is_base = name.startswith("baseline")
        ok = is_base or (
            (budget is None or t_ratio <= budget)
            and (name.endswith("no cache") or m_ratio <= MEMORY_BUDGET)
        )
        failed |= not ok
        shown = "-" if budget is None else f"{budget:.2f}"
        verdict = "baseline" if is_base else ("ok" if ok else "OVER BUDGET")
        figures = f"{t * 1000:8.1f} {t_ratio:6.2f} {shown:>6} {m:6.1f} {m_ratio:6.2f}"
        print(f"{name:36} {figures}  {verdict}")
    print(f"memory budget: {MEMORY_BUDGET:.2f} x baseline for every command but the no-cache one")
    cold = statistics.median(times["explain kpi, no cache"])
    warm = statistics.median(times["explain kpi"])
    print(f"reading and validating one content file (YAML + schema): {(cold - warm) * 1000:.1f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
