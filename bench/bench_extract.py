"""Extraction throughput over ../shared/corpus on one core.

    python bench/bench_extract.py [--limit N] [--files GLOB ...] [--profile]

Prints articles/s for the whole pipeline (read + clean + all language steps), JSON
serialisation included, and the time share of each step. Articles per CPU second (the process's own CPU
time) too: on a machine whose cores others share it varies less than the wall-clock figure.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from collections import Counter

from warta.pipeline import Pipeline
from warta.read import iter_documents
from warta.shared import shared_dir

SHARED = shared_dir()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", default=sorted(glob.glob(str(SHARED / "corpus" / "*.jsonl.gz"))))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    pipe = Pipeline.default()
    steps = pipe.steps + pipe.language_steps
    per_step: Counter[str] = Counter()
    docs = list(iter_documents(args.files))
    if args.limit:
        docs = docs[: args.limit]
    n = events = quotes = actors = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for doc in docs:
        for step in pipe.steps:
            s = time.perf_counter()
            doc = step(doc)
            per_step[step.name] += time.perf_counter() - s
        if doc.language in ("id", "ms"):
            for step in pipe.language_steps:
                s = time.perf_counter()
                doc = step(doc)
                per_step[getattr(step, "name", type(step).__name__)] += time.perf_counter() - s
        json.dumps(doc.to_record(), ensure_ascii=False)
        n += 1
        events += len(doc.events)
        quotes += len(doc.quotes)
        actors += len(doc.actors)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    print(f"articles {n}  seconds {dt:.1f}  articles/s {n / dt:,.0f}  (one core)  "
          f"CPU {cpu:.1f} s = {n / cpu:,.0f} articles per CPU second")
    print(f"per article: events {events / n:.2f}  quotes {quotes / n:.2f}  actors {actors / n:.2f}")
    total = sum(per_step.values())
    for name in [getattr(s, "name", type(s).__name__) for s in steps]:
        print(f"  {name:10} {per_step[name] / n * 1000:.3f} ms/article  ({per_step[name] / total:.0%})")


if __name__ == "__main__":
    main()
