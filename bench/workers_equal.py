"""Two stores hold exactly the same rows (every table; ingested_at left out).

.venv/bin/warta ingest ../shared/corpus/*.jsonl.gz --db /tmp/w1.duckdb
.venv/bin/warta ingest ../shared/corpus/*.jsonl.gz --db /tmp/w2.duckdb --workers 2
.venv/bin/python bench/workers_equal.py /tmp/w1.duckdb /tmp/w2.duckdb
"""

from __future__ import annotations

import sys

import duckdb

TABLES = ("articles", "actors", "mentions", "events", "merged_events", "quotes", "signatures", "lsh_bands",
          "story_keys", "story_seeds", "shingle_days")


def main() -> int:
    a, b = sys.argv[1:3]
    con = duckdb.connect()
    con.execute(f"ATTACH '{a}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b}' AS b (READ_ONLY)")
    bad = 0
    for t in TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE a.{t}").fetchall() if r[0] != "ingested_at"]
        sel = ", ".join(f'"{c}"' for c in cols)
        n = con.execute(f"SELECT count(*) FROM a.{t}").fetchall()[0][0]
        d1 = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM a.{t} EXCEPT ALL SELECT {sel} FROM b.{t})").fetchall()[0][0]
        d2 = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM b.{t} EXCEPT ALL SELECT {sel} FROM a.{t})").fetchall()[0][0]
        print(f"{t:14} {n:8} rows; only in first {d1}, only in second {d2}")
        bad += d1 + d2
    print("identical" if not bad else f"{bad} rows differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
