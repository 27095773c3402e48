"""The slowest articles of ../shared/corpus through the whole pipeline, one core, no time limit.

    python bench/slowest.py [--top 5] [--files ...]
"""

from __future__ import annotations

import argparse
import glob
import heapq
import time

from warta.pipeline import Pipeline
from warta.read import iter_documents
from warta.shared import shared_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", default=sorted(glob.glob(str(shared_dir() / "corpus" / "*.jsonl.gz"))))
    ap.add_argument("--top", type=int, default=5)
    args = ap.parse_args()
    pipe = Pipeline.default()
    pipe.warm()
    top: list[tuple[float, str, int]] = []
    n, total = 0, 0.0
    for doc in iter_documents(args.files):
        size = len(doc.text)
        t = time.perf_counter()
        pipe(doc).to_record()
        dt = time.perf_counter() - t
        n += 1
        total += dt
        heapq.heappush(top, (dt, doc.id, size))
        if len(top) > args.top:
            heapq.heappop(top)
    print(f"articles {n}  total {total:.1f} s  mean {total / n * 1000:.2f} ms")
    for dt, aid, size in sorted(top, reverse=True):
        print(f"  {dt * 1000:8.1f} ms  {aid}  ({size:,} characters)")


if __name__ == "__main__":
    main()
