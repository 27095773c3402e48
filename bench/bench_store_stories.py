"""Pairwise F1 of the store's story grouping on the dev set against ../shared/eval/stories.tsv.

.venv/bin/python bench/bench_store_stories.py --events none      # text (MinHash) only
.venv/bin/python bench/bench_store_stories.py --events gold      # gold events as a stand-in coder
.venv/bin/python bench/bench_store_stories.py --events pipeline  # warta.pipeline.extract
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from pathlib import Path
from typing import Any

from warta.shared import shared_dir
from warta.store import Store

DEV = shared_dir() / "eval" / "dev.jsonl"
GOLD = shared_dir() / "eval" / "gold"
STORIES = shared_dir() / "eval" / "stories.tsv"


def gold_groups() -> dict[str, str]:
    out = {}
    for line in STORIES.read_text().splitlines()[1:]:
        parts = (line.split("\t") + [""])[:2]
        out[parts[0]] = parts[1].strip() or parts[0]
    return out


def records(events: str) -> list[dict[str, Any]]:
    docs = [json.loads(line) for line in DEV.read_text().splitlines() if line.strip()]
    if events == "pipeline":
        from warta.pipeline import extract

        recs = []
        for d in extract([str(DEV)]):
            r = d.to_record()
            r["text"] = d.text
            r["body_text"] = d.body_text()
            recs.append(r)
        return recs
    out = []
    for d in docs:
        r = {k: d.get(k) for k in ("id", "url", "published", "text", "outlet", "title")}
        if events == "gold":
            g = json.loads((GOLD / f"{d['id']}.json").read_text())
            r["published"] = g.get("published") or d.get("published")
            evs = []
            for e in g["events"]:
                probe = (e.get("text") or "").split("…")[0].strip()[:40]
                i = d["text"].find(probe) if probe else -1
                evs.append({**e, "span": [i, i + len(probe)] if i >= 0 else None})
            r["events"] = evs
        out.append(r)
    return out


def pairwise_f1(pred: dict[str, Any], gold: dict[str, str]) -> tuple[float, float, float, int, int, int]:
    ids = sorted(gold)
    gp = {(a, b) for a, b in itertools.combinations(ids, 2) if gold[a] == gold[b]}
    pp = {(a, b) for a, b in itertools.combinations(ids, 2) if pred.get(a) is not None and pred.get(a) == pred.get(b)}
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, len(pp), len(gp)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", choices=["none", "gold", "pipeline"], default="gold")
    ap.add_argument("--batch-size", type=int, default=7, help="small batches exercise the incremental path")
    args = ap.parse_args()
    gold = gold_groups()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dev.duckdb") as st:
        st.ingest(records(args.events), batch_size=args.batch_size)
        pred = {i: s for s in st.stories() for i in s["articles"]}
        p, r, f, tp, npred, ngold = pairwise_f1(pred, gold)
        print(
            f"events={args.events}: pairwise P={p:.3f} R={r:.3f} F1={f:.3f} (tp {tp}, predicted {npred}, gold {ngold})"
        )
        for s in st.stories(min_articles=2):
            print("  story", s["story"], s["articles"], s["first_date"])


if __name__ == "__main__":
    main()
