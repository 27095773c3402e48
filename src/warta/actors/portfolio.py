"""Regenerate ``data/portfolio_words.txt`` (the words of ministries' and agencies' portfolios) and
``data/noun_words.txt`` (words written mostly in lower case: a common noun closing a portfolio, "Perubahan
Iklim", is no name).

"Menteri Kelautan dan Perikanan Susi Pudjiastuti", "Menteri Energi, Ilmu Pengetahuan, Teknologi, Lingkungan
dan Perubahan Iklim Malaysia, Yeo Bee Yin": between a minister's title and the name stands the portfolio.
Its words are learnt from the names of bodies, which are never followed by a person's name: the
capitalised words after "Kementerian", "Kemenko", "Departemen", "Badan", "Komisi", "Lembaga",
"Direktorat Jenderal" in the corpus (articles of ../shared/train excluded, so its folds stay held out).
Only common nouns are kept (words also written in lower case in the corpus); words tagged as persons' names
in ../shared/ner, leaders' names and state names are left out. Word counts only; no text is copied.

    python -m warta.actors.portfolio ../shared/corpus/*.jsonl.gz --exclude ../shared/train/input.jsonl \
        --ner ../shared/ner/*.train.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "portfolio_words.txt"
NOUNS_OUT = Path(__file__).resolve().parent / "data" / "noun_words.txt"
_HEAD = re.compile(r"\b(?:Kementerian(?: Koordinator)?|Kemenko|Departemen|Badan|Komisi|Lembaga|Direktorat Jenderal)"
                   r"((?:(?:,? | dan | & )[A-Z][a-z][\w\-]*)+)")
_WORD = re.compile(r"[A-Z][a-z][\w\-]*")
_OPENS = re.compile(r"(?:^,? |[ ,]dan )([A-Z][a-z][\w\-]*)")
_ALLOWED_STOP = frozenset({"Negara", "Dalam", "Luar"})
MIN_COUNT = 3



def person_words(paths: list[str]) -> set[str]:
    """Folded words tagged as (part of) a person's name in CoNLL NER files (PER / PERSON)."""
    from .leaders import fold

    out: set[str] = set()
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            cols = line.split()
            if len(cols) >= 2 and cols[-1][2:] in ("PER", "PERSON"):
                out.add(fold(cols[0]))
    return out


_MID = re.compile(r"(?<=[a-z,] )([A-Za-z]{3,})\b")
NOUN_RATIO = 2.5
NOUN_MIN = 20


def noun_words(paths: list[str], exclude: set[str]) -> list[str]:
    """Words written in lower case mid-sentence at least NOUN_RATIO times as often as capitalised: common nouns
    ("iklim", "kemanusiaan"), not names ("Imam", "Budi" are mostly capitalised)."""
    lo: Counter[str] = Counter()
    up: Counter[str] = Counter()
    for p in paths:
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("id") in exclude:
                    continue
                for m in _MID.finditer(rec.get("text") or ""):
                    w = m.group(1)
                    if w[0].islower():
                        lo[w] += 1
                    elif w[1:].islower():
                        up[w.lower()] += 1
    return sorted(w for w, c in lo.items() if c >= NOUN_MIN and c >= NOUN_RATIO * up[w])


def build(paths: list[str], exclude: set[str], ner: list[str]) -> list[str]:
    from .gazetteer import get_gazetteer
    from .leaders import fold

    g = get_gazetteer()
    counts: Counter[str] = Counter()
    first: Counter[str] = Counter()
    for p in paths:
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("id") in exclude:
                    continue
                for m in _HEAD.finditer(rec.get("text") or ""):
                    run = m.group(1)
                    words = _WORD.findall(run)
                    counts.update(words)
                    # a name closes a run; a portfolio word also opens one or follows "dan"
                    first.update(w.group(1) for w in _OPENS.finditer(run))
    given = set(person_words(ner))
    for surfaces in g.leaders.aliases.values():
        for s in surfaces:
            given.update(fold(t) for t in s.split())
    out = []
    for w, c in counts.items():
        f = fold(w)
        # a portfolio word opens runs or is a common noun (also written in lower case); names close runs
        if c < MIN_COUNT or f in given or (first[w] < 3 and f not in g.common):
            continue
        if (w in g.name_stop and w not in _ALLOWED_STOP) or w in g.honorifics:
            continue
        if any(e.type in ("state", "metonym", "person", "surname") for e in g.by_fold.get(f, [])):
            continue
        out.append(w)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--ner", nargs="*", default=[], help="CoNLL NER files: words tagged PER are names, never portfolio")
    ap.add_argument("--exclude", help="a JSONL whose records' corpus_id are left out (../shared/train/input.jsonl)")
    args = ap.parse_args()
    exclude: set[str] = set()
    if args.exclude:
        for line in Path(args.exclude).read_text(encoding="utf-8").splitlines():
            if line.strip():
                cid = json.loads(line).get("corpus_id")
                if cid:
                    exclude.add(cid)
    nouns = noun_words(args.corpus, exclude)
    NOUNS_OUT.write_text("# words written mostly in lower case mid-sentence (generated by portfolio.py)\n"
                         + "\n".join(nouns) + "\n", encoding="utf-8")
    print(f"{len(nouns)} noun words -> {NOUNS_OUT}")
    words = build(args.corpus, exclude, args.ner)
    OUT.write_text("# words of ministries' and agencies' portfolios (generated by portfolio.py)\n" + "\n".join(words) + "\n",
                   encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
