"""Fill a store with synthetic articles and events for benchmarks (default: 1,000,000 events).

    .venv/bin/python bench/gen_events.py /tmp/bench_1m.duckdb --events 1000000
    .venv/bin/python bench/gen_events.py /tmp/corpus.duckdb --events 1000000 --append   # beside real articles

Written straight into the store's tables with SQL (the store creates the schema): N/5 articles, five
events each, every merged fact told by two articles. Countries are skewed (a few big dyads like
CHN–USA, a long tail) and dates spread over ten years. ``--append`` keeps what the store holds
(e.g. an ingested corpus) and adds the synthetic rows after it (ids ``syn-…``, merged ids above
the stored ones).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from warta.store import Store
from warta.store.names import event_types

COUNTRIES = ["CHN", "USA", "RUS", "UKR", "IDN", "BLR", "IND", "PAK", "ISR", "PSE", "IRN", "SAU", "TUR", "JPN", "KOR",
             "PRK", "AUS", "MYS", "SGP", "PHL", "VNM", "THA", "DEU", "FRA", "GBR", "ITA", "EGY", "SYR", "QAT", "UN",
             "EU", "ASEAN", "NATO", "BRA", "ZAF", "NGA", "KEN", "MEX", "CAN", "ARG"]


def generate(path: Path, n_events: int, per_article: int = 5, append: bool = False) -> dict[str, float]:
    if path.exists() and not append:
        path.unlink()
    t0 = time.perf_counter()
    quad = event_types()
    with Store(path) as st:
        con = st.con
        if con.execute("SELECT count(*) FROM articles WHERE id LIKE 'syn-%'").fetchone()[0]:
            raise SystemExit(f"{path} already holds synthetic articles")
        base = int(con.execute("SELECT coalesce(max(id), 0) FROM merged_events").fetchone()[0])
        story0 = int(con.execute("SELECT coalesce(max(story), 0) + 1 FROM articles").fetchone()[0])
        n_art = n_events // per_article
        n_merged = n_events // 2
        types = list(quad)
        con.execute("CREATE TEMP TABLE c AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i",
                    [COUNTRIES, COUNTRIES]).fetchall()
        con.execute("CREATE TEMP TABLE t AS SELECT unnest(?) AS type, unnest(?) AS quad, unnest(?) AS score, "
                    "generate_subscripts(?, 1) - 1 AS i",
                    [types, [quad[x][0] for x in types], [quad[x][1] for x in types], types]).fetchall()
        nc, nt = len(COUNTRIES), len(types)
        # skew: the square of a uniform number favours the first countries
        con.execute(f"""
            CREATE TEMP TABLE m AS
            SELECT {base} + g AS id,
                   (hash(g, 1) % {nt})::INTEGER AS ti,
                   (floor(pow((hash(g, 2) % 10000) / 10000.0, 2) * {nc}))::INTEGER AS ai,
                   ((floor(pow((hash(g, 3) % 10000) / 10000.0, 2) * {nc - 1}))::INTEGER) AS ri0,
                   DATE '2015-01-01' + (hash(g, 4) % 3650)::INTEGER AS d,
                   (hash(g, 5) % 10 = 0) AS fut
            FROM range(1, {n_merged} + 1) r(g)""").fetchall()
        con.execute("""
            INSERT INTO merged_events BY NAME
            SELECT m.id AS id, t.type AS type, CASE WHEN fut THEN 'future' END AS aux,
                   CASE WHEN fut THEN 'future' ELSE '' END AS aux_key, a.code AS actor_country,
                   r.code AS recipient_country, t.type = 'CONSULT' AS unordered,
                   least(a.code, r.code) AS c_lo, greatest(a.code, r.code) AS c_hi,
                   strftime(m.d, '%Y-%m-%d') AS date, m.d AS date_start, m.d AS date_end, t.quad AS quad,
                   t.score AS score, 2 AS sources, 2 AS outlets, [] AS evidence, '' AS scope
            FROM m JOIN t ON t.i = m.ti JOIN c a ON a.i = m.ai
            JOIN c r ON r.i = CASE WHEN m.ri0 >= m.ai THEN m.ri0 + 1 ELSE m.ri0 END""").fetchall()
        con.execute(f"""
            INSERT INTO articles BY NAME
            SELECT 'syn-' || g AS id, md5(g::VARCHAR) AS hash, 'https://example.org/' || g AS url,
                   strftime(d, '%Y-%m-%d') AS published, d AS pub_start, d AS pub_end, 'outlet' || (g % 9) AS outlet,
                   'Artikel ' || g AS title, 'id' AS language, {story0} + g AS story, '' AS body, '' AS text,
                   '{{}}' AS record, {per_article} AS n_events, 0 AS n_quotes, now() AS ingested_at
            FROM (SELECT g, DATE '2015-01-01' + (hash(g, 4) % 3650)::INTEGER AS d FROM range(0, {n_art}) r(g))
            """).fetchall()
        con.execute(f"""
            INSERT INTO events BY NAME
            SELECT 'syn-' || (e // {per_article}) AS article_id, (e % {per_article})::INTEGER AS idx, m.type AS type,
                   m.aux AS aux, m.unordered AS mutual, m.date AS date, m.date_start AS date_start,
                   m.date_end AS date_end, m.actor_country AS actor_key, m.actor_country || ' official' AS actor_name,
                   m.actor_country AS actor_country, 'GOV' AS actor_sector, m.recipient_country AS recipient_key,
                   m.recipient_country || ' official' AS recipient_name, m.recipient_country AS recipient_country,
                   'GOV' AS recipient_sector, m.c_lo AS c_lo, m.c_hi AS c_hi, m.quad AS quad, m.score AS score,
                   'teks bukti ' || e AS text, 0 AS span_start, 10 AS span_end, m.id AS merged_id
            FROM range(0, {n_events}) r(e) JOIN merged_events m ON m.id = {base} + e // 2 + 1""").fetchall()
        con.execute("CHECKPOINT").fetchall()
        counts = {t: st.count(t) for t in ("articles", "events", "merged_events")}
    return {**counts, "seconds": time.perf_counter() - t0, "mb": path.stat().st_size / 1e6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--append", action="store_true", help="add to the store's rows instead of starting afresh")
    args = ap.parse_args()
    print(generate(args.db, args.events, append=args.append))


if __name__ == "__main__":
    main()
