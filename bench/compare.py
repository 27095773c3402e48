"""The whole extraction beside two yardsticks, on the same texts, in one process on one core.

    python bench/compare.py [--limit N] [--repeat K] [--files F ...] [--profile OUT.prof] [--no-yardsticks]

1. full: read + every step + JSON serialisation of each record, streaming (one article in memory
   at a time), with the time of each step;
2. (a) spaCy ``blank("id")`` tokenisation of the same raw texts, ``nlp.pipe(texts, batch_size=1000)``;
3. (b) the actor gazetteer's own Aho-Corasick automaton once over ``text.lower()`` with a
   word-boundary check per hit and nothing else.

Prints articles/s of each, the ratios, per-step ms/article and the peak RSS after the full run
(before the yardsticks hold all texts in memory) and at the end. ``--repeat K`` streams the
inputs K times (the memory check over 10× the corpus). spaCy comes from the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import cProfile
import glob
import json
import resource
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warta.document import Document
from warta.pipeline import INDONESIAN, Pipeline
from warta.read import iter_documents

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stream(files: list[str], limit: int, repeat: int) -> Iterator[Document]:
    for _ in range(repeat):
        for i, doc in enumerate(iter_documents(files)):
            if limit and i >= limit:
                break
            yield doc


def full(files: list[str], limit: int, repeat: int) -> tuple[int, float, Counter[str], list[str]]:
    pipe = Pipeline.default()
    names = [getattr(s, "name", type(s).__name__) for s in pipe.steps + pipe.language_steps]
    per_step: Counter[str] = Counter()
    n = 0
    clock = time.perf_counter
    t0 = clock()
    it = stream(files, limit, repeat)
    while True:
        s = clock()
        doc = next(it, None)
        per_step["read"] += clock() - s
        if doc is None:
            break
        for step in pipe.steps:
            s = clock()
            doc = step(doc)
            per_step[step.name] += clock() - s
        if doc.language in INDONESIAN:
            for step in pipe.language_steps:
                s = clock()
                doc = step(doc)
                per_step[step.name] += clock() - s
        s = clock()
        json.dumps(doc.to_record(), ensure_ascii=False)
        per_step["json"] += clock() - s
        n += 1
    return n, clock() - t0, per_step, ["read", *names, "json"]


def spacy_pass(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("id")
    t0 = time.perf_counter()
    tokens = 0
    for d in nlp.pipe(texts, batch_size=1000):
        tokens += len(d)
    return time.perf_counter() - t0


def gazetteer_pass(texts: list[str]) -> tuple[float, int, int]:
    from warta.actors.gazetteer import get_gazetteer

    automaton = get_gazetteer().automaton
    hits = kept = 0
    t0 = time.perf_counter()
    for text in texts:
        low = text.lower()
        n = len(low)
        for last, (length, _entries) in automaton.iter(low):
            hits += 1
            s = last - length + 1
            if (s > 0 and low[s - 1].isalnum()) or (last + 1 < n and low[last + 1].isalnum()):
                continue
            kept += 1
    return time.perf_counter() - t0, hits, kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="*", default=sorted(glob.glob(str(SHARED / "corpus" / "*.jsonl.gz"))))
    ap.add_argument("--limit", type=int, default=0, help="articles per file (0: all)")
    ap.add_argument("--repeat", type=int, default=1, help="stream the inputs this many times")
    ap.add_argument("--profile", help="write a cProfile of the full run here")
    ap.add_argument("--no-yardsticks", action="store_true", help="the full run only")
    args = ap.parse_args()

    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    n, dt, per_step, order = full(args.files, args.limit, args.repeat)
    if prof:
        prof.disable()
        prof.dump_stats(args.profile)
    rss_full = peak_rss_mb()
    rate = n / dt
    print(f"full extraction: {n} articles in {dt:.1f} s = {rate:,.0f} articles/s (one process), "
          f"peak RSS {rss_full:.0f} MB")
    steps_total = sum(per_step.values())
    for name in order:
        print(f"  {name:10} {per_step[name] / n * 1000:.3f} ms/article  ({per_step[name] / steps_total:.0%})")
    if args.no_yardsticks:
        return

    texts = [d.text for d in stream(args.files, args.limit, 1)]
    t_spacy = spacy_pass(texts)
    t_gaz, hits, kept = gazetteer_pass(texts)
    m = len(texts)
    r_spacy, r_gaz = m / t_spacy, m / t_gaz
    print(f"(a) spaCy blank('id') nlp.pipe: {m} texts in {t_spacy:.1f} s = {r_spacy:,.0f} articles/s")
    print(f"(b) gazetteer automaton over text.lower(): {m} texts in {t_gaz:.2f} s = {r_gaz:,.0f} articles/s "
          f"({hits:,} hits, {1 - kept / max(hits, 1):.0%} fail the word-boundary test)")
    print(f"full / spaCy = {rate / r_spacy:.2f}x   gazetteer / full = {r_gaz / rate:.1f}x   "
          f"peak RSS at the end {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
