"""Benchmark ActorsStep on a sample of the shared corpus: actors per article and ms per article.

    .venv/bin/python bench/bench_actors.py [--n 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import time
from collections import Counter

from warta.actors import ActorsStep, get_gazetteer
from warta.document import Document
from warta.shared import shared_dir

SHARED = shared_dir()


def sample(n: int, seed: int) -> list[dict]:
    recs: list[dict] = []
    for f in sorted((SHARED / "corpus").glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            recs.extend(json.loads(line) for line in fh if line.strip())
    random.Random(seed).shuffle(recs)
    return recs[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    get_gazetteer()
    build = time.perf_counter() - t0
    recs = sample(args.n, args.seed)
    step = ActorsStep()
    times: list[float] = []
    n_actors: list[int] = []
    n_mentions: list[int] = []
    chars = 0
    kinds: Counter[str] = Counter()
    vias: Counter[str] = Counter()
    top: Counter[str] = Counter()
    for r in recs:
        doc = Document(r["id"], r.get("text") or "", published=r.get("published"))
        t = time.perf_counter()
        step(doc)
        times.append((time.perf_counter() - t) * 1000)
        chars += len(doc.text)
        n_actors.append(len(doc.actors))
        n_mentions.append(len(doc.mentions))
        kinds.update(a["kind"] for a in doc.actors)
        vias.update(m.via for m in doc.mentions)
        top.update(a["name"] for a in doc.actors)
    times.sort()
    print(f"gazetteer build: {build * 1000:.0f} ms (once per process)")
    print(f"articles: {len(recs)}, mean length {chars / max(1, len(recs)):.0f} chars")
    print(f"ms/article: mean {statistics.mean(times):.3f}, median {statistics.median(times):.3f}, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.3f}, max {times[-1]:.3f}")
    print(f"ms per 1k chars: {sum(times) / max(1, chars) * 1000:.3f}")
    print(f"actors/article: mean {statistics.mean(n_actors):.2f}, median {statistics.median(n_actors)}, "
          f"articles with none {sum(1 for a in n_actors if a == 0)}")
    print(f"mentions/article: mean {statistics.mean(n_mentions):.2f}")
    print("actor kinds:", dict(kinds.most_common()))
    print("mention via:", dict(vias.most_common()))
    print("most frequent actors:", ", ".join(f"{k} {v}" for k, v in top.most_common(25)))


if __name__ == "__main__":
    main()
