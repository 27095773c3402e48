"""Actor recall against a gold set: is every side of a required event and every speaker/addressee of a
required quote among the article's ``doc.actors`` (same country, the scorer's name rule)?

    .venv/bin/python bench/actor_recall.py                   # ../shared/eval (dev)
    .venv/bin/python bench/actor_recall.py --train --folds 0 1 2 3 [--misses]

``--train`` reads ../shared/train; ``--folds`` keeps only those cross-validation folds
(``warta.evaluate.folds.assign_folds`` over the train ids and dates). Fold 4 is the held-out check:
run it only for an aggregate figure, never with ``--misses``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from typing import Any

from warta.evaluate.folds import HELD_OUT_FOLD, assign_folds
from warta.evaluate.gold import required_actors
from warta.pipeline import extract_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _score_module() -> Any:
    spec = importlib.util.spec_from_file_location("warta_eval_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", action="store_true", help="../shared/train instead of ../shared/eval")
    ap.add_argument("--folds", type=int, nargs="*", help="only these folds of train")
    ap.add_argument("--misses", action="store_true", help="list the gold actors not found")
    args = ap.parse_args()
    base = SHARED / ("train" if args.train else "eval")
    inp = base / ("input.jsonl" if args.train else "dev.jsonl")
    recs = [json.loads(line) for line in inp.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.folds is not None:
        folds = assign_folds([(r["id"], r.get("published")) for r in recs])
        if args.misses and HELD_OUT_FOLD in args.folds:
            raise SystemExit("the held-out fold is scored in aggregate only (no --misses)")
        recs = [r for r in recs if folds[r["id"]] in set(args.folds)]
    score = _score_module()
    found = total = 0
    misses: list[str] = []
    for r in recs:
        path = base / "gold" / f"{r['id']}.json"
        if not path.is_file():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = extract_text(r["text"], id=r["id"], published=r.get("published"))
        for want in required_actors(gold):
            total += 1
            c = (want.get("country") or "").upper()
            if any((a.get("country") or "").upper() == c and score.same_name(a, want) for a in doc.actors):
                found += 1
                continue
            named = [a for a in doc.actors if score.same_name(a, want)]
            why = f"found as {named[0]['name']} [{named[0]['country']}]" if named else "not found"
            misses.append(f"{r['id']}: {want.get('name')} [{c}] {want.get('aliases', [])} — {why}")
    print(f"actor recall {found}/{total} = {found / max(total, 1):.3f}  ({len(recs)} articles)")
    if args.misses:
        for m in misses:
            print("  miss:", m)


if __name__ == "__main__":
    main()
