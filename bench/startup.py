"""Start-up time of the command line: each command run N times as a whole process, median wall time.

    PYTHONPATH=src .venv/bin/python bench/startup.py --db /tmp/speed.duckdb [--db /tmp/corpus.duckdb] [-n 7]

Commands timed: ``python -c "import warta.cli"``, ``warta --help``, and for each ``--db``
``warta timeline IDN JPN --db DB`` and ``warta timeline Indonesia Jepang --db DB`` (output thrown away).
One warm-up run per command fills the cache (``WARTA_CACHE``); ``WARTA_CACHE=off`` times the first run
after an install or a data change. The console script is the one beside this interpreter
(``sys.executable``) and the environment is passed on, so ``PYTHONPATH=src`` times a worktree's code.
Times are wall-clock and move with the machine's load: compare figures taken in one sitting.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def commands(dbs: list[str]) -> list[tuple[str, list[str]]]:
    py = sys.executable
    script = Path(py).parent / "warta"  # the console script, as a user runs it
    cli = [str(script)] if script.is_file() else [py, "-c", "import sys; from warta.cli import main; main()"]
    out = [("import warta.cli", [py, "-c", "import warta.cli"]), ("warta --help", [*cli, "--help"])]
    for db in dbs:
        for a, b in (("IDN", "JPN"), ("Indonesia", "Jepang")):  # codes; names (resolved by the gazetteer)
            out.append((f"warta timeline {a} {b} --db {db}", [*cli, "timeline", a, b, "--db", db]))
    return out


def time_once(argv: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy(),
                          check=False)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", action="append", default=[], help="A store for `warta timeline` (repeatable).")
    ap.add_argument("-n", type=int, default=7, help="Runs per command (default 7); one warm-up run first.")
    args = ap.parse_args()
    print(f"{'command':<60} {'median s':>9} {'min s':>7}  (n={args.n}, load {os.getloadavg()[0]:.1f})")
    for name, argv in commands(args.db):
        time_once(argv)  # warm-up: file cache, the code-table cache
        runs = [time_once(argv) for _ in range(args.n)]
        print(f"{name:<60} {statistics.median(runs):>9.3f} {min(runs):>7.3f}")


if __name__ == "__main__":
    main()
