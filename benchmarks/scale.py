"""Look-ups at 1,000 terms against the same look-ups on the shipped library.

    python benchmarks/scale.py [--terms 1000] [--rounds N]

Generates a library of synthetic terms (copies of the shipped ones under new slugs and
names) in a temporary folder, then runs each command on the shipped library alone and
with the large library added (KPIPREP_CONTENT_PATH), alternating the two, with a warm
cache. Prints the medians and their ratios, the cold catalog build time per file, and
exits 1 if a ratio is over its budget.
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
from pathlib import Path

import yaml

BUDGETS = {
    "explain kpi (slug)": 1.10,
    "explain 'performance metrics' (alias)": 1.20,
    "list": 1.50,
    "search 'stakeholder buy-in'": 1.50,
}


def kpiprep_command() -> list[str]:
    script = Path(sys.executable).with_name("kpiprep")
    found = str(script) if script.exists() else shutil.which("kpiprep")
    return [found] if found else [sys.executable, "-c", "from kpiprep.cli import main; main()"]


def generate(folder: Path, count: int) -> None:
    from kpiprep.locate import shipped_content_dir

    shipped = sorted(shipped_content_dir().glob("*/*.yaml"))
    bases = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in shipped]
    for i in range(count):
        data = dict(bases[i % len(bases)])
        data["slug"] = f"{data['slug']}-x{i:04d}"
        data["name"] = f"{data['name']} {i}"
        data["full_name"] = f"{data['full_name']} {i}"
        data["aliases"] = [f"{alias} {i}" for alias in data["aliases"]]
        target = folder / data["slug"] / f"{data['industry']}.yaml"
        target.parent.mkdir(parents=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    from startup import compile_kpiprep  # same folder

    compile_kpiprep()
    work = Path(tempfile.mkdtemp(prefix="kpiprep-scale-"))
    try:
        library = work / "library"
        generate(library, args.terms)
        base_env = {k: v for k, v in os.environ.items() if not k.startswith("KPIPREP_")}
        base_env["XDG_DATA_HOME"] = str(work / "no-user-data")
        small = {**base_env, "KPIPREP_CACHE_DIR": str(work / "cache-small")}
        large = {
            **base_env,
            "KPIPREP_CACHE_DIR": str(work / "cache-large"),
            "KPIPREP_CONTENT_PATH": str(library),
        }
        kp = kpiprep_command()
        commands = {
            "explain kpi (slug)": [*kp, "explain", "kpi"],
            "explain 'performance metrics' (alias)": [*kp, "explain", "performance metrics"],
            "list": [*kp, "list"],
            "search 'stakeholder buy-in'": [*kp, "search", "stakeholder buy-in"],
        }
        cold = timed([*kp, "list"], large)  # builds the catalog of every file
        for argv in commands.values():  # warm both caches
            timed(argv, small)
            timed(argv, large)
        times: dict[str, dict[str, list[float]]] = {n: {"small": [], "large": []} for n in commands}
        for round_ in range(args.rounds):
            for name, argv in commands.items():
                pair = [("small", small), ("large", large)]
                for label, env in pair if round_ % 2 == 0 else pair[::-1]:
                    times[name][label].append(timed(argv, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.terms} generated terms on top of the shipped library, against the shipped "
          f"library alone; {args.rounds} rounds, warm cache, medians")  # fmt: skip
    print(f"{'command':40} {'shipped ms':>10} {'large ms':>9} {'ratio':>6} {'budget':>6}  verdict")
    failed = False
    for name in commands:
        small_t = statistics.median(times[name]["small"])
        large_t = statistics.median(times[name]["large"])
        ratio = large_t / small_t
        ok = ratio <= BUDGETS[name]
        failed |= not ok
        print(
            f"{name:40} {small_t * 1000:10.1f} {large_t * 1000:9.1f} {ratio:6.2f} "
            f"{BUDGETS[name]:6.2f}  {'ok' if ok else 'OVER BUDGET'}"
        )
    per_file = cold / args.terms * 1000
    print(f"cold catalog build: {cold * 1000:.0f} ms in all, {per_file:.2f} ms per file")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
