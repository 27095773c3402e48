"""Labelled article pairs from ../shared/corpus to measure story grouping (issue 13).

Fixed parameters, drawn once before the grouping changed:
  150 MinHash candidate pairs (5-word shingles of the text as given, 128 permutations, LSH at
  estimated Jaccard 0.2, kept at estimated Jaccard >= 0.2), stratified by similarity into
  [0.2, 0.3), [0.3, 0.5), [0.5, 0.8), [0.8, 1] (as even as the strata allow), seed 13;
  plus 50 random pairs of different articles published in the same ISO week (seed 13).

  .venv/bin/python bench/story_pairs.py draw            # writes bench/data/story_pairs.tsv (label empty)
  .venv/bin/python bench/story_pairs.py show [--from N] [--n 25]   # the pairs, to label by reading
  .venv/bin/python bench/story_pairs.py score --db STORE  # pairwise P/R of the store's stories on the labels

Labels (column ``same``): 1 = both articles report the same news event, 0 = not; labelled by
reading title and lead of both (2026-12-02, before the grouping changed).  Same event: the same
happening, announcement or occasion, including reactions to it and its developments within a
few days (Habibie's death and the condolences; a missing plane and the search; a match and its
previews/streams; one press conference).  Not the same: the same topic or beat only (daily gold
prices or exchange rates, one celebrity's separate news, one corruption case's separate
summonses, a tournament's separate rounds, a vacancy vs an appointment).
Counts: 124 same, 76 different (all 50 same-week pairs different).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

from warta.shared import shared_dir

CORPUS = shared_dir() / "corpus"
OUT = Path(__file__).resolve().parent / "data" / "story_pairs.tsv"
SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.2
N_CAND = 150
N_RANDOM = 50
SEED = 13
STRATA = ((0.2, 0.3), (0.3, 0.5), (0.5, 0.8), (0.8, 1.01))
_WORD = re.compile(r"\w+", re.UNICODE)


def corpus() -> list[dict[str, Any]]:
    out = []
    for f in sorted(CORPUS.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    if isinstance(r.get("text"), str) and r.get("id"):
                        out.append(r)
    return out


def shingles(text: str) -> set[bytes]:
    w = _WORD.findall(text.lower())
    return {" ".join(w[i : i + SHINGLE]).encode() for i in range(max(0, len(w) - SHINGLE + 1))}


def draw() -> None:
    from datasketch import MinHash, MinHashLSH

    arts = corpus()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs: dict[str, np.ndarray] = {}
    mh: dict[str, Any] = {}
    for a in arts:
        sh = shingles(a["text"])
        if not sh:
            continue
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch(list(sh))
        sigs[a["id"]] = m.hashvalues
        mh[a["id"]] = m
        lsh.insert(a["id"], m)
    pairs: dict[tuple[str, str], float] = {}
    for aid, hv in sigs.items():
        for other in lsh.query(mh[aid]):
            if other <= aid:
                continue
            j = float(np.count_nonzero(hv == sigs[other])) / NUM_PERM
            if j >= THRESHOLD:
                pairs[(aid, other)] = j
    rng = random.Random(SEED)
    by_stratum = [sorted(p for p, j in pairs.items() if lo <= j < hi) for lo, hi in STRATA]
    print("candidate pairs per stratum:", [len(s) for s in by_stratum], file=sys.stderr)
    quota = [0] * len(STRATA)
    left = N_CAND
    while left:  # as even as the strata allow
        open_ = [i for i, s in enumerate(by_stratum) if quota[i] < len(s)]
        if not open_:
            break
        for i in open_:
            if left and quota[i] < len(by_stratum[i]):
                quota[i] += 1
                left -= 1
    chosen: list[tuple[str, str, float, str]] = []
    for i, s in enumerate(by_stratum):
        for p in rng.sample(s, quota[i]):
            chosen.append((p[0], p[1], pairs[p], f"minhash:{STRATA[i][0]}-{min(STRATA[i][1], 1.0)}"))
    week: dict[tuple[int, int], list[str]] = {}
    for a in arts:
        try:
            d = dt.date.fromisoformat(str(a.get("published"))[:10])
        except ValueError:
            continue
        week.setdefault(d.isocalendar()[:2], []).append(a["id"])
    weeks = sorted(k for k, v in week.items() if len(v) >= 2)
    weights = [len(week[k]) for k in weeks]
    seen = {(a, b) for a, b, _, _ in chosen}
    while len(chosen) < N_CAND + N_RANDOM:
        (k,) = rng.choices(weeks, weights=weights)
        a, b = sorted(rng.sample(week[k], 2))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        j = float(np.count_nonzero(sigs[a] == sigs[b])) / NUM_PERM if a in sigs and b in sigs else 0.0
        chosen.append((a, b, j, "same-week"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("a\tb\tjaccard\tstratum\tsame\n")
        for a, b, j, s in chosen:
            fh.write(f"{a}\t{b}\t{j:.3f}\t{s}\t\n")
    print(f"wrote {len(chosen)} pairs to {OUT}", file=sys.stderr)


def read_pairs() -> list[dict[str, str]]:
    lines = OUT.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, (ln.split("\t") + [""] * len(head))[: len(head)], strict=True)) for ln in lines[1:]]


def show(start: int, n: int, chars: int) -> None:
    by_id = {a["id"]: a for a in corpus()}
    for i, p in enumerate(read_pairs()[start : start + n], start):
        print(f"=== {i} J={p['jaccard']} {p['stratum']}")
        for k in ("a", "b"):
            a = by_id[p[k]]
            text = re.sub(r"\s+", " ", a["text"])[:chars]
            print(f"  [{k}] {a.get('published')} {a.get('outlet')} | {a.get('title')}\n      {text}")


def score(db: str) -> None:
    from warta.store import reader

    pairs = [p for p in read_pairs() if p["same"] in ("0", "1")]
    with reader(db) as con:
        story = dict(con.execute("SELECT id, story FROM articles").fetchall())
    tp = fp = fn = tn = 0
    missing = 0
    for p in pairs:
        if p["a"] not in story or p["b"] not in story:
            missing += 1
            continue
        together = story[p["a"]] == story[p["b"]]
        same = p["same"] == "1"
        tp += together and same
        fp += together and not same
        fn += same and not together
        tn += not same and not together
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print(f"labelled pairs {len(pairs)} (same {tp + fn}, different {fp + tn}; not in store {missing})")
    print(f"pairwise precision {prec:.3f} ({tp}/{tp + fp}), recall {rec:.3f} ({tp}/{tp + fn})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("draw")
    s = sub.add_parser("show")
    s.add_argument("--from", dest="start", type=int, default=0)
    s.add_argument("--n", type=int, default=25)
    s.add_argument("--chars", type=int, default=400)
    c = sub.add_parser("score")
    c.add_argument("--db", required=True)
    args = ap.parse_args()
    if args.cmd == "draw":
        draw()
    elif args.cmd == "show":
        show(args.start, args.n, args.chars)
    else:
        score(args.db)


if __name__ == "__main__":
    main()
