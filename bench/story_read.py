"""Stories to read by hand: every story over 20 articles, and N more drawn with probability proportional
to size (without replacement, fixed seed), each with its articles' dates, outlets and titles.

.venv/bin/python bench/story_read.py --db STORE [--n 30] [--seed 13] [--min 2] [--summary] [--lead 200]

``--summary`` prints no news text: per story its size, outlets and publication days (what
bench/RESULTS.md records next to the verdict of reading the full listing).
"""

from __future__ import annotations

import argparse
import random

from warta.store import reader


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min", type=int, default=2, help="draw among stories of at least this many articles")
    ap.add_argument("--summary", action="store_true", help="sizes, outlets and days only, no titles")
    ap.add_argument("--lead", type=int, default=0, help="also print the first N characters of each article's text")
    args = ap.parse_args()
    with reader(args.db) as con:
        sizes = dict(con.execute("SELECT story, count(*) FROM articles GROUP BY 1").fetchall())
        big = sorted((s for s, n in sizes.items() if n > 20), key=lambda s: -sizes[s])
        pool = {s: n for s, n in sizes.items() if n >= args.min and s not in big}
        rng = random.Random(args.seed)
        drawn: list[int] = []
        while pool and len(drawn) < args.n:  # proportional to size, without replacement
            keys = sorted(pool)
            (s,) = rng.choices(keys, weights=[pool[k] for k in keys])
            drawn.append(s)
            del pool[s]
        for label, group in (("over 20 articles", big), (f"drawn ∝ size (seed {args.seed})", drawn)):
            print(f"#### {label}: {len(group)} stories")
            if args.summary:
                for s in group:
                    n_out, n_days, d0, d1 = con.execute(
                        "SELECT count(DISTINCT outlet), count(DISTINCT pub_start), min(pub_start), max(pub_start) "
                        "FROM articles WHERE story = ?", [s]).fetchall()[0]
                    print(f"story {s}: {sizes[s]} articles, {n_out} outlets, {n_days} days ({d0} – {d1})")
                continue
            for s in group:
                print(f"== story {s}: {sizes[s]} articles")
                for p, o, t, x in con.execute(
                    "SELECT published, outlet, title, coalesce(body, text) FROM articles WHERE story = ? "
                    "ORDER BY pub_start, id", [s]
                ).fetchall():
                    print(f"   {p} {(o or '')[:12]:12} {(t or '')[:100]}")
                    if args.lead:
                        print("        " + " ".join((x or "").split())[: args.lead])


if __name__ == "__main__":
    main()
