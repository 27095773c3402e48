"""Speed of warta.dates.find_expressions over the shared corpus: prints articles/s and ms/article.

    .venv/bin/python bench/bench_dates.py [--files ../shared/corpus/*.jsonl.gz] [--limit N]
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import time
from collections import Counter

from warta.dates import find_expressions
from warta.shared import shared_dir


def load(files: list[str], limit: int | None) -> list[str]:
    texts: list[str] = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") if f.endswith(".gz") else open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    texts.append(json.loads(line).get("text") or "")
                    if limit and len(texts) >= limit:
                        return texts
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", default=sorted(glob.glob(str(shared_dir() / "corpus" / "*.jsonl.gz"))))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = load(args.files, args.limit)
    chars = sum(map(len, texts))
    kinds: Counter[str] = Counter()
    for t in texts[:2000]:
        kinds.update(x.kind for x in find_expressions(t))
    best = float("inf")
    n_expr = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_expr = sum(len(find_expressions(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(texts)} articles, {chars / max(len(texts), 1):.0f} chars/article, {n_expr} expressions")
    print(f"find_expressions: {len(texts) / best:,.0f} articles/s, {1000 * best / max(len(texts), 1):.3f} ms/article")
    print("kinds (first 2000 articles):", dict(kinds.most_common()))


if __name__ == "__main__":
    main()
