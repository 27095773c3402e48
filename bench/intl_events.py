"""Events coded from the international-section articles of ../shared/corpus (news the coder was not tuned on).

    python bench/intl_events.py [--sections intl|other] [--seed 1] [--sample 20] [--context CHARS] [--min-confidence P]
                                [--json OUT] [--files GLOB ...]

Selects the articles of the international sections (sindonews.com "International", tempo.co "dunia",
tribunnews.com "Internasional"), or with ``--sections other`` every corpus article outside them, runs the whole pipeline on one core through ``warta.pipeline.extract``
and prints: articles, articles/s, events per article and the share of articles with at least one event,
counts per event type, the most frequent (type, actor country, recipient country) triples, and a seeded
random sample of events with their evidence sentences, for judging by hand (``--context CHARS`` adds that
many characters of the article body on each side of the evidence, clipped to its paragraph). ``--json OUT`` writes every
event (with article id, outlet, category and publication date) as JSON lines.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import json
import random
import time
from collections import Counter
from typing import Any

from warta.pipeline import Report, extract
from warta.shared import shared_dir

SHARED = shared_dir()

# (outlet, category) pairs of the international sections, exactly as spelled in the corpus.
SECTIONS = (
    ("sindonews.com", "International"),
    ("tempo.co", "dunia"),
    ("tribunnews.com", "Internasional"),
)


def select(files: list[str], sections: set[tuple[str, str]],
           invert: bool = False) -> tuple[bytes, Counter[tuple[str, str]]]:
    """The JSONL bytes of the records in ``sections`` (outside them with ``invert``) and how many each
    section gave."""
    out = io.BytesIO()
    per: Counter[tuple[str, str]] = Counter()
    for f in files:
        with gzip.open(f, "rb") if f.endswith(".gz") else open(f, "rb") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                rec = json.loads(raw)
                key = (str(rec.get("outlet")), str(rec.get("category")))
                if (key in sections) != invert:
                    per[key] += 1
                    out.write(raw.rstrip(b"\n") + b"\n")
    return out.getvalue(), per


def party(p: dict[str, Any] | None) -> str:
    if not p:
        return "-"
    return f"{p.get('name')} [{p.get('country') or '?'}]"


def country(p: dict[str, Any] | None) -> str:
    return (p or {}).get("country") or "-"


def around(doc: Any, span: Any, chars: int) -> str:
    """``chars`` characters of body text on each side of ``span``, clipped to the paragraph holding it."""
    if not span:
        return "-"
    a, b = span[0], span[1]
    lo, hi = max(0, a - chars), min(len(doc.text), b + chars)
    for p in doc.paragraphs:
        if p.start <= a < p.end:
            lo, hi = max(lo, p.start), min(hi, max(p.end, b))
            break
    return " ".join(f"{doc.text[lo:a]}[[{doc.text[a:b]}]]{doc.text[b:hi]}".split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sections", choices=("intl", "other"), default="intl",
                    help="intl: the international sections (default); other: every article outside them")
    ap.add_argument("--files", nargs="*", default=sorted(glob.glob(str(SHARED / "corpus" / "*.jsonl.gz"))))
    ap.add_argument("--seed", type=int, default=1, help="seed of the random sample (default 1)")
    ap.add_argument("--sample", type=int, default=20, help="events in the random sample (default 20)")
    ap.add_argument("--top", type=int, default=20, help="rows of the triples table (default 20)")
    ap.add_argument("--context", type=int, default=0, metavar="CHARS",
                    help="print CHARS characters of body around each sampled event's evidence (default 0: none)")
    ap.add_argument("--json", metavar="OUT", help="write every event as JSON lines to OUT")
    ap.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                    help="leave out events the scorer gives a confidence below P (as `warta events --min-confidence`)")
    args = ap.parse_args()

    data, per_section = select(args.files, set(SECTIONS), invert=args.sections == "other")
    report = Report()
    rows: list[dict[str, Any]] = []
    contexts: list[str] = []  # per row, the body around the evidence (only with --context)
    n = with_events = 0
    t0 = time.perf_counter()
    for doc in extract(["-"], stdin=io.BytesIO(data), report=report, workers=1):
        n += 1
        with_events += any((e.confidence if e.confidence is not None else 1.0) >= args.min_confidence for e in doc.events)
        for ev in doc.events:
            if (ev.confidence if ev.confidence is not None else 1.0) < args.min_confidence:
                continue
            rec = ev.as_record()
            rec.update(article=doc.id, outlet=doc.outlet, category=doc.extra.get("category"),
                       published=doc.published)
            rows.append(rec)
            if args.context:
                contexts.append(around(doc, ev.span, args.context))
    dt = time.perf_counter() - t0

    if args.sections == "intl":
        print("sections: " + ", ".join(f"{o} {c!r} {k}" for (o, c), k in sorted(per_section.items())))
    else:
        print(f"sections: every article outside {len(SECTIONS)} international sections: {len(per_section)} "
              f"(outlet, category) pairs; largest: "
              + ", ".join(f"{o} {c!r} {k}" for (o, c), k in per_section.most_common(8)))
    print(f"articles {n}  seconds {dt:.1f}  articles/s {n / dt:,.1f}  (one core, whole pipeline)")
    if report.skipped:
        print(f"skipped {len(report.skipped)}  languages {dict(report.languages)}")
    if not n:
        return
    print(f"events {len(rows)}  per article {len(rows) / n:.2f}  articles with >=1 event {with_events} "
          f"({with_events / n:.1%})")

    print("\nevents per type:")
    types = Counter(r["type"] for r in rows)
    for t, k in types.most_common():
        print(f"  {t:10} {k:5}  {k / len(rows):6.1%}")

    print(f"\ntop {args.top} (type, actor country, recipient country):")
    triples = Counter((r["type"], country(r["actor"]), country(r["recipient"])) for r in rows)
    print(f"  {'type':10} {'actor':6} {'recip':6} {'n':>4}")
    for (t, a, b), k in triples.most_common(args.top):
        print(f"  {t:10} {a:6} {b:6} {k:4}")

    picks = random.Random(args.seed).sample(range(len(rows)), min(args.sample, len(rows)))
    print(f"\nrandom sample of {len(picks)} events (seed {args.seed}, sections {args.sections}):")
    for i, j in enumerate(picks, 1):
        r = rows[j]
        flags = " mutual" if r["mutual"] else ""
        print(f"\n[{i}] {r['article']}  published {r['published']}  ({r['outlet']} / {r['category']})")
        print(f"    {r['type']}{flags}  mode {r['mode']}  aux {r['aux']}  date {r['date']}  cue {r['cue']!r}"
              f"  confidence {r.get('confidence')}")
        print(f"    actor {party(r['actor'])}   recipient {party(r['recipient'])}")
        print(f"    text: {' '.join(r['text'].split())}")
        if args.context:
            print(f"    context: {contexts[j]}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"\nwrote {len(rows)} events to {args.json}")


if __name__ == "__main__":
    main()
