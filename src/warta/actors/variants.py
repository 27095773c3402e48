"""Find spelling variants of state and capital names in the corpus and the NER data, for review.

    python -m warta.actors.variants ../shared/corpus/*.jsonl.gz --ner ../shared/ner/*.txt \
        [--exclude ../shared/train/input.jsonl] [--min-count 3]

Candidates are capitalised words and two-word names, written mid-sentence at least ``--min-count`` times in
the corpus (or tagged as a place in the NER files), that the gazetteer does not know and that are close in
spelling to a state or capital it knows ("Moskwa" ~ "Moskow", "Inggeris" ~ "Inggris"): same first letter,
rapidfuzz ratio >= 80 on the folded forms. Words written in lower case most of the time and persons' names
of the NER files are left out. The output (candidate, count, place tags, nearest name, its code, ratio) is
for a person to accept into ``data/countries.yaml`` (``variants``) or ``data/metonyms.yaml``: a spelling
close to a state's name may be another place ("Austria" / "Australia").
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, process

_CAP = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,}(?: [A-Z][a-z]{2,})?)\b")


def ner_tags(paths: list[str]) -> tuple[Counter[str], set[str]]:
    """Place-tagged words and phrases, and words tagged as persons, in CoNLL files."""
    places: Counter[str] = Counter()
    persons: set[str] = set()
    for p in paths:
        cur: list[str] = []
        for line in Path(p).read_text(encoding="utf-8").splitlines() + [""]:
            cols = line.split()
            tag = cols[-1] if len(cols) >= 2 else "O"
            kind = tag[2:]
            if kind in ("PER", "PERSON"):
                persons.add(cols[0].lower())
            if kind in ("LOC", "PLACE", "GPE") and (tag.startswith("I-") and cur):
                cur.append(cols[0])
                continue
            if cur:
                places[" ".join(cur)] += 1
                cur = []
            if kind in ("LOC", "PLACE", "GPE") and tag.startswith("B-"):
                cur = [cols[0]]
    return places, persons


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--ner", nargs="*", default=[])
    ap.add_argument("--exclude", help="a JSONL whose records' corpus_id are left out")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-ratio", type=float, default=80.0)
    args = ap.parse_args()

    from .gazetteer import get_gazetteer
    from .leaders import fold

    g = get_gazetteer()
    exclude: set[str] = set()
    if args.exclude:
        for line in Path(args.exclude).read_text(encoding="utf-8").splitlines():
            if line.strip():
                exclude.add(json.loads(line).get("corpus_id") or "")
    counts: Counter[str] = Counter()
    for p in args.corpus:
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    if rec.get("id") not in exclude:
                        counts.update(_CAP.findall(rec.get("text") or ""))
    places, persons = ner_tags(args.ner)
    known: dict[str, str] = {}
    for f, entries in g.by_fold.items():
        for e in entries:
            if e.type in ("state", "metonym") and e.kind == "state" and len(f) >= 4:
                known.setdefault(f, e.country or "")
    names = list(known)
    cands = Counter({w: c for w, c in counts.items() if c >= args.min_count})
    for w, c in places.items():
        cands[w] += 0 if w in cands else c
    rows = []
    for w, c in cands.items():
        f = fold(w)
        if f in g.by_fold or f in g.nouns or f.split()[0] in persons or len(f) < 4:
            continue
        best = process.extractOne(f, names, scorer=fuzz.ratio, score_cutoff=args.min_ratio)
        if best is None or best[0][:1] != f[:1]:
            continue
        rows.append((c, w, places.get(w, 0), best[0], known[best[0]], best[1]))
    for c, w, tagged, near, code, ratio in sorted(rows, key=lambda r: (-r[0], r[1])):
        print(f"{c:6}  {w:28} place-tags {tagged:4}  ~ {near} [{code}] {ratio:.0f}")


if __name__ == "__main__":
    main()
