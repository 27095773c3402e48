"""Quotes per article on mojibake articles, repaired, against clean articles of the same outlets.

    python bench/mojibake.py [--n 100] [--no-repair]

For okezone, sindonews and tempo in ../shared/corpus/click-id.jsonl.gz: the first N articles (file
order) containing '‚Äú' or '‚Äù' (UTF-8 read as Mac Roman) against the first N without them that
contain a quote mark. Prints each outlet's quote rates and the pooled ratio (acceptance: ≥ 0.85),
and checks that every span of the repaired articles points into the text as given.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time

from warta.document import Document
from warta.pipeline import Pipeline
from warta.shared import shared_dir

OUTLETS = ("okezone.com", "sindonews.com", "tempo.co")
MARKS = ("‚Äú", "‚Äù")
QUOTE_MARKS = ("“", "”", '"')


def samples(n: int) -> dict[str, dict[str, list[dict]]]:
    got: dict[str, dict[str, list[dict]]] = {o: {"mojibake": [], "clean": []} for o in OUTLETS}
    with gzip.open(shared_dir() / "corpus" / "click-id.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            o = rec.get("outlet")
            if o not in got:
                continue
            t = rec.get("text") or ""
            kind = "mojibake" if any(m in t for m in MARKS) else ("clean" if any(q in t for q in QUOTE_MARKS) else "")
            if kind and len(got[o][kind]) < n:
                got[o][kind].append(rec)
            if all(len(v) >= n for g in got.values() for v in g.values()):
                break
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--no-repair", action="store_true", help="Run without the repair step (the 'before' figure).")
    args = ap.parse_args()
    pipe = Pipeline.default()
    if args.no_repair:
        pipe.steps = [s for s in pipe.steps if s.name != "repair"]
    pipe.warm()
    totals = {"mojibake": [0, 0], "clean": [0, 0]}
    bad_spans = repaired = 0
    t0 = time.perf_counter()
    for outlet, kinds in samples(args.n).items():
        rates = {}
        for kind, recs in kinds.items():
            q = 0
            for rec in recs:
                doc = pipe(Document(id=rec["id"], text=rec["text"], published=rec.get("published"),
                                    title=rec.get("title"), outlet=outlet, origin="<bench>"))
                out = doc.to_record()
                q += len(out["quotes"])
                if kind == "mojibake" and doc.original is not None:
                    repaired += 1
                    given = rec["text"]
                    for x in out["quotes"] + out["events"]:
                        s, e = x["span"]
                        if not (0 <= s <= e <= len(given)):
                            bad_spans += 1
            rates[kind] = q / max(1, len(recs))
            totals[kind][0] += q
            totals[kind][1] += len(recs)
        print(f"{outlet:15} quotes/article: mojibake {rates['mojibake']:.2f}  clean {rates['clean']:.2f}  "
              f"ratio {rates['mojibake'] / max(rates['clean'], 1e-9):.2f}")
    m = totals["mojibake"][0] / totals["mojibake"][1]
    c = totals["clean"][0] / totals["clean"][1]
    print(f"pooled: mojibake {m:.2f}  clean {c:.2f}  ratio {m / c:.2f}  "
          f"({'repair off' if args.no_repair else f'{repaired} repaired'}; spans outside the text: {bad_spans}; "
          f"{time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
