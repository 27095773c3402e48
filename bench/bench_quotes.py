#!/usr/bin/env python3
"""Quotes step: speed over the corpus and quality on the dev set.

    .venv/bin/python bench/bench_quotes.py bench [--limit N]     # articles/s over ../shared/corpus
    .venv/bin/python bench/bench_quotes.py eval [--keep OUT]      # dev F1 / speaker / addressee via score.py

Both run the cleaning step first and the actors step when ``warta.actors`` exposes
``ActorsStep``; without it the quotes step falls back to capitalised names.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from warta.document import Document
from warta.quotes import QuotesStep
from warta.shared import shared_dir

SHARED = shared_dir()
Step = Callable[[Document], Document]


def pre_steps() -> list[Step]:
    """Steps that run before quotes: cleaning, then actors when they exist."""
    steps: list[Step] = []
    try:
        from warta.clean import CleanStep

        steps.append(CleanStep())
    except ImportError:
        pass
    try:
        from warta.actors import ActorsStep  # type: ignore[attr-defined]

        steps.append(ActorsStep())
    except ImportError:
        print("(warta.actors.ActorsStep not available: speakers from capitalised names only)", file=sys.stderr)
    return steps


def corpus_texts(limit: int | None) -> Iterator[tuple[str, str]]:
    n = 0
    for f in sorted(glob.glob(str(SHARED / "corpus" / "*.jsonl.gz"))):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                yield str(rec.get("id")), rec.get("text") or ""
                n += 1
                if limit and n >= limit:
                    return


def bench(limit: int | None) -> None:
    steps = pre_steps()
    docs = []
    for i, t in corpus_texts(limit):
        d = Document(id=i, text=t)
        for s in steps:
            s(d)
        docs.append(d)
    q = QuotesStep()
    t0 = time.perf_counter()
    n_quotes = 0
    for d in docs:
        q(d)
        n_quotes += len(d.quotes)
    dt = time.perf_counter() - t0
    print(f"quotes step: {len(docs)} articles in {dt:.2f} s = {len(docs) / dt:,.0f} articles/s, "
          f"{1000 * dt / len(docs):.3f} ms/article, {n_quotes} quotes ({n_quotes / len(docs):.2f}/article)")


def evaluate(keep: str | None, verbose: bool) -> int:
    steps = pre_steps()
    q = QuotesStep()
    out = Path(keep) if keep else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with open(SHARED / "eval" / "dev.jsonl", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as w:
        for line in fh:
            rec = json.loads(line)
            d = Document(id=rec["id"], text=rec["text"], published=rec.get("published"), url=rec.get("url"))
            for s in steps:
                s(d)
            q(d)
            w.write(json.dumps({
                "id": d.id,
                "quotes": [{"speaker": x.speaker, "addressee": x.addressee, "text": x.text, "span": list(x.span)}
                           for x in d.quotes],
            }, ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "eval" / "gold"), "--pred", str(out)]
    if verbose:
        subprocess.run(cmd + ["--verbose"], check=True)
    res = json.loads(subprocess.run(cmd + ["--json"], check=True, capture_output=True, text=True).stdout)
    qs = res["quotes"]
    print(f"quotes P {qs['precision']:.3f} R {qs['recall']:.3f} F1 {qs['f1']:.3f} "
          f"(tp {qs['tp']} fp {qs['fp']} fn {qs['fn']})  speaker {qs['speaker_accuracy']:.3f}  "
          f"addressee {qs['addressee_accuracy']:.3f}")
    if not keep:
        out.unlink()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench")
    b.add_argument("--limit", type=int, default=None)
    e = sub.add_parser("eval")
    e.add_argument("--keep", default=None, help="keep the predictions here")
    e.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if args.cmd == "bench":
        bench(args.limit)
        return 0
    return evaluate(args.keep, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
