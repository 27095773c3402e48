"""How well warta.dates dates the gold events of ../shared/train, independent of the event coder.

    .venv/bin/python bench/dates_gold.py [--folds 0,1,2,3] [--optional] [--verbose]

For every dated gold event of the chosen cross-validation folds (warta.evaluate.folds), the first
piece of its evidence ``text`` is found in the article, the sentence holding it is taken from the
normal cleaning and sentence steps, the cue is the first lexicon form of the gold type inside the
evidence (else the evidence start), and ``date_for_clause`` (``future`` from the gold aux) dates it;
with no date in the sentence the publication date stands in. The result is compared with the gold
date as ../shared/eval/score.py does: "inside" (date-exact, no slack) and "overlapping" (one day of
slack for a day-precise gold date). ``--verbose`` lists the misses, and is refused on the held-out fold
(its texts are never printed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

from warta.dates import date_for_clause, find_expressions
from warta.document import Document
from warta.evaluate.folds import HELD_OUT_FOLD, assign_folds
from warta.events.lexicon import get_lexicon
from warta.pipeline import Pipeline
from warta.shared import shared_path


def _score_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared_path("eval", "score.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cue(low: str, start: int, end: int, etype: str) -> int | None:
    for last, cues in get_lexicon().automaton.iter(low, start, end):
        for c in cues:
            s = last - len(c.form) + 1
            if c.type == etype and (s == 0 or not low[s - 1].isalnum()) and (last + 1 >= len(low)
                                                                             or not low[last + 1].isalnum()):
                return s
    return None


def _find(text: str, evidence: str) -> int:
    piece = re.split(r"\s*(?:\.\.\.|…)\s*", evidence)[0].strip()
    while len(piece) >= 15:
        pos = text.find(piece)
        if pos >= 0:
            return pos
        piece = piece[: int(len(piece) * 0.7)].rstrip()
    return -1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", default="0,1,2,3", help="comma-separated folds (default: all but the held-out one)")
    ap.add_argument("--optional", action="store_true", help="also the optional gold events")
    ap.add_argument("--verbose", action="store_true", help="list every event not dated exactly")
    args = ap.parse_args(argv)
    folds = {int(f) for f in args.folds.split(",")}
    if args.verbose and HELD_OUT_FOLD in folds:
        ap.error(f"--verbose would print texts of the held-out fold {HELD_OUT_FOLD}")
    score = _score_module()
    records = [json.loads(line) for line in shared_path("train", "input.jsonl").open(encoding="utf-8")]
    fold_of = assign_folds((r["id"], r.get("published")) for r in records)
    steps = Pipeline.default().steps
    counts: Counter[str] = Counter()
    for r in records:
        if fold_of[r["id"]] not in folds:
            continue
        gold = json.loads(Path(shared_path("train", "gold", f"{r['id']}.json")).read_text(encoding="utf-8"))
        doc = Document(id=r["id"], text=r["text"], url=r.get("url"), published=r.get("published"))
        for step in steps:
            doc = step(doc)
        text, low = doc.text, doc.text.lower()
        exprs = find_expressions(text)
        for ev in gold["events"]:
            if (ev.get("optional") and not args.optional) or not ev.get("date"):
                continue
            pos = _find(text, ev.get("text") or "")
            sent = next((s for s in doc.sentences if s.start <= pos < s.end), None) if pos >= 0 else None
            if sent is None:
                counts["evidence not found"] += 1
                continue
            cue = _cue(low, pos, sent.end, ev["type"])
            got = date_for_clause(text, sent.start, sent.end, pos if cue is None else cue, doc.published,
                                  future=ev.get("aux") == "future", exprs=exprs)
            src = "text" if got else "publication"
            got = got or doc.published
            inside, overlap = score.date_exact(got, ev.get("date")), score.overlaps(got, ev.get("date"))
            counts["events"] += 1
            counts["inside"] += inside
            counts["overlapping"] += overlap
            counts[f"dated from {src}"] += 1
            counts[f"inside, dated from {src}"] += inside
            if args.verbose and not inside:
                print(f"{r['id']}\tpub={doc.published}\tgold={ev.get('date')}\tgot={got} ({src})\t{ev['type']}"
                      f"\t{text[sent.start:sent.end][:160]!r}")
    n = counts["events"] or 1
    print(f"folds {sorted(folds)}: {counts['events']} dated gold events"
          f"{' (optional too)' if args.optional else ''}; inside the gold interval {counts['inside'] / n:.3f}, "
          f"overlapping {counts['overlapping'] / n:.3f}")
    for src in ("text", "publication"):
        k = counts[f"dated from {src}"]
        if k:
            print(f"  dated from {src}: {k}, inside {counts[f'inside, dated from {src}'] / k:.3f}")
    if counts["evidence not found"]:
        print(f"  evidence not found: {counts['evidence not found']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
