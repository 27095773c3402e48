"""Store benchmarks.

    .venv/bin/python bench/gen_events.py /tmp/bench_1m.duckdb            # 1M synthetic events
    .venv/bin/python bench/bench_store.py timeline /tmp/bench_1m.duckdb   # dyad timeline query (target <= 50 ms)
    .venv/bin/python bench/bench_store.py ingest ../shared/corpus/*.jsonl.gz --db /tmp/corpus.duckdb
                                                                          # `warta ingest` twice; 2nd run skips known
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warta.store import Store


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    fn()  # warm up
    times = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), out


def bench_timeline(db: Path, repeat: int) -> None:
    with Store(db, read_only=True) as st:
        n = st.count("events")
        m = st.count("merged_events")
        print(f"{db}: {n:,} events, {m:,} merged events")
        dyads = st.con.execute(
            "SELECT c_lo, c_hi, count(*) n FROM merged_events GROUP BY ALL ORDER BY n DESC").fetchall()
        big, small = dyads[0], dyads[len(dyads) // 2]
        for lo, hi, k in (big, small):
            for merged in (True, False):
                med, best, rows = timed(lambda lo=lo, hi=hi, merged=merged: st.timeline(lo, hi, merged=merged),
                                        repeat)
                what = "merged facts" if merged else "per-article events"
                print(f"timeline {lo}-{hi} ({k:,} merged events), {what}: {len(rows)} months, "
                      f"median {med:.1f} ms, best {best:.1f} ms")
        lo, hi, _ = big
        med, best, rows = timed(lambda: st.events(actor=lo, with_=hi, limit=100), repeat)
        print(f"events --actor {lo} --with {hi} --limit 100: median {med:.1f} ms, best {best:.1f} ms")


def bench_ingest(inputs: list[str], db: Path, batch_size: int, workers: int) -> None:
    for f in db.parent.glob(db.name + "*"):
        f.unlink()
    cmd = [sys.executable, "-m", "warta.cli", "ingest", *inputs, "--db", str(db), "--batch-size", str(batch_size),
           "--workers", str(workers)]
    print("$", " ".join(cmd))
    tables = ("articles", "mentions", "events", "merged_events", "quotes", "actors")
    seen: list[dict[str, int]] = []
    for run in (1, 2):
        t0 = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        summary = [line for line in res.stderr.splitlines() if not line.startswith("warta: skipped")]
        print(f"run {run}: exit {res.returncode}, {dt:.1f} s wall; {' | '.join(summary[-2:])}")
        with Store(db, read_only=True) as st:
            seen.append({t: st.count(t) for t in tables})
            multi = st.con.execute("SELECT count(*), sum(n_articles) FROM stories WHERE n_articles > 1").fetchall()[0]
        print(f"  rows after run {run}: {seen[-1]}; stories with 2+ articles: {multi[0]} holding {multi[1]} articles")
    print("row counts identical after both runs:", seen[0] == seen[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("timeline")
    t.add_argument("db", type=Path)
    t.add_argument("--repeat", type=int, default=30)
    i = sub.add_parser("ingest")
    i.add_argument("inputs", nargs="+")
    i.add_argument("--db", type=Path, default=Path("/tmp/bench_corpus.duckdb"))
    i.add_argument("--batch-size", type=int, default=500)
    i.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "timeline":
        bench_timeline(args.db, args.repeat)
    else:
        bench_ingest(args.inputs, args.db, args.batch_size, args.workers)


if __name__ == "__main__":
    main()
