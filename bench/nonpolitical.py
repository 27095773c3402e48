"""Actor precision on news with no politics in it: sport, celebrity, lifestyle and motoring sections.

    .venv/bin/python bench/nonpolitical.py [--n 3000] [--list 30] [--json OUT]

Takes the first ``--n`` articles of ../shared/corpus/click-id.jsonl.gz, in file order, whose ``category``
is one of the non-political sections below, runs the whole pipeline on one core and counts

- foreign persons: actor entries with kind "person" and a country other than IDN or null (football
  coaches and racers linked to politicians by a surname are the typical error), and
- events (there should be nearly none in these sections).

The category only selects the articles; the pipeline never sees it as anything but an extra field.
``--list`` prints the most frequent foreign persons and the events, for reading the errors.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import time
from collections import Counter
from pathlib import Path

from warta.pipeline import Report, extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "click-id.jsonl.gz"
CATEGORIES = frozenset({
    "Bola", "bola", "Sports", "sport", "Super Skor", "SELEBRITI", "Selebriti", "Seleb", "Celebrity",
    "Entertainment", "TV", "Musik", "Lifestyle", "gaya", "Parenting", "Otomotif", "otomotif",
})


def select(path: Path, n: int) -> tuple[bytes, Counter[str]]:
    out = io.BytesIO()
    per: Counter[str] = Counter()
    with gzip.open(path, "rb") as fh:
        for raw in fh:
            if not raw.strip():
                continue
            cat = json.loads(raw).get("category")
            if cat in CATEGORIES:
                per[cat] += 1
                out.write(raw.rstrip(b"\n") + b"\n")
                if sum(per.values()) >= n:
                    break
    return out.getvalue(), per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--list", type=int, default=30, help="foreign persons and events to print (default 30)")
    ap.add_argument("--json", metavar="OUT", help="write the foreign persons and events as JSON lines")
    args = ap.parse_args()
    data, per = select(CORPUS, args.n)
    report = Report()
    persons: list[dict] = []
    events: list[dict] = []
    n = 0
    t0 = time.perf_counter()
    for doc in extract(["-"], stdin=io.BytesIO(data), report=report, workers=1):
        n += 1
        for a in doc.actors:
            if a["kind"] == "person" and a["country"] not in (None, "IDN"):
                persons.append({"article": doc.id, "name": a["name"], "country": a["country"], "role": a["role"],
                                "surface": [doc.text[s:e] for s, e in a["mentions"][:3]]})
        for ev in doc.events:
            r = ev.as_record()
            events.append({"article": doc.id, "type": r["type"], "actor": (r["actor"] or {}).get("name"),
                           "recipient": (r["recipient"] or {}).get("name"), "text": " ".join(r["text"].split())})
    dt = time.perf_counter() - t0
    print("categories: " + ", ".join(f"{c} {k}" for c, k in per.most_common()))
    print(f"articles {n}  seconds {dt:.1f}")
    print(f"foreign persons {len(persons)}  (bar <= 40)")
    print(f"events {len(events)}  (bar <= 10)")
    if args.list:
        top = Counter((p["name"], p["country"], tuple(p["surface"][:1])) for p in persons)
        print("\nforeign persons (name, country, first surface):")
        for (name, c, surf), k in top.most_common(args.list):
            print(f"  {k:3}  {name} [{c}]  {surf[0] if surf else ''!r}")
        print("\nevents:")
        for e in events[: args.list]:
            print(f"  {e['article']}  {e['type']}  {e['actor']} -> {e['recipient']}: {e['text'][:160]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            for row in persons + events:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
