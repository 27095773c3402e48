"""Fill a store with synthetic articles and events for benchmarks (default: 1,000,000 events).

    .venv/bin/python bench/gen_events.py /tmp/bench_1m.duckdb --events 1000000

Written straight into the store's tables with SQL (Store creates the schema): N/5 articles, five
events each, every merged fact told by two articles. Countries are skewed (a few big dyads like
CHN–USA, a long tail) and dates spread over ten years.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from warta.store import Store
from warta.store.schema import QUAD

COUNTRIES = ["CHN", "USA", "RUS", "UKR", "IDN", "BLR", "IND", "PAK", "ISR", "PSE", "IRN", "SAU", "TUR", "JPN", "KOR",
             "PRK", "AUS", "MYS", "SGP", "PHL", "VNM", "THA", "DEU", "FRA", "GBR", "ITA", "EGY", "SYR", "QAT", "UN",
             "EU", "ASEAN", "NATO", "BRA", "ZAF", "NGA", "KEN", "MEX", "CAN", "ARG"]


def generate(path: Path, n_events: int, per_article: int = 5) -> dict[str, float]:
    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    with Store(path) as st:
        con = st.con
        n_art = n_events // per_article
        n_merged = n_events // 2
        types = list(QUAD)
        con.execute("CREATE TEMP TABLE c AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS i",
                    [COUNTRIES, COUNTRIES]).fetchall()
        con.execute("CREATE TEMP TABLE t AS SELECT unnest(?) AS type, unnest(?) AS quad, unnest(?) AS score, "
                    "generate_subscripts(?, 1) - 1 AS i",
                    [types, [QUAD[x][0] for x in types], [QUAD[x][1] for x in types], types]).fetchall()
        nc = len(COUNTRIES)
        # skew: the square of a uniform number favours the first countries
        con.execute(f"""
            CREATE TEMP TABLE m AS
            SELECT g AS id,
                   (hash(g, 1) % 16)::INTEGER AS ti,
                   (floor(pow((hash(g, 2) % 10000) / 10000.0, 2) * {nc}))::INTEGER AS ai,
                   ((floor(pow((hash(g, 3) % 10000) / 10000.0, 2) * {nc - 1}))::INTEGER) AS ri0,
                   DATE '2015-01-01' + (hash(g, 4) % 3650)::INTEGER AS d,
                   (hash(g, 5) % 10 = 0) AS fut
            FROM range(1, {n_merged} + 1) r(g)""").fetchall()
        con.execute("""
            INSERT INTO merged_events
            SELECT m.id, t.type, CASE WHEN fut THEN 'future' END, CASE WHEN fut THEN 'future' ELSE '' END,
                   a.code, r.code, t.type = 'CONSULT', least(a.code, r.code), greatest(a.code, r.code),
                   strftime(m.d, '%Y-%m-%d'), m.d, m.d, t.quad, t.score, 2, 2, [], ''
            FROM m JOIN t ON t.i = m.ti JOIN c a ON a.i = m.ai
            JOIN c r ON r.i = CASE WHEN m.ri0 >= m.ai THEN m.ri0 + 1 ELSE m.ri0 END""").fetchall()
        con.execute(f"""
            INSERT INTO articles (id, hash, url, published, pub_start, pub_end, outlet, title, language, story,
                                  body, record, n_events, n_quotes, ingested_at)
            SELECT 'syn-' || g, md5(g::VARCHAR), 'https://example.org/' || g, strftime(d, '%Y-%m-%d'), d, d,
                   'outlet' || (g % 9), 'Artikel ' || g, 'id', g, '', '{{}}', {per_article}, 0, now()
            FROM (SELECT g, DATE '2015-01-01' + (hash(g, 4) % 3650)::INTEGER AS d FROM range(0, {n_art}) r(g))
            """).fetchall()
        con.execute(f"""
            INSERT INTO events
            SELECT 'syn-' || (e // {per_article}), (e % {per_article})::INTEGER, m.type, NULL, m.aux, m.unordered,
                   m.date, m.date_start, m.date_end, m.actor_country || ' official', m.actor_country, 'GOV',
                   m.recipient_country || ' official', m.recipient_country, 'GOV', m.c_lo, m.c_hi, m.quad, m.score,
                   NULL, 'teks bukti ' || e, 0, 10, m.id
            FROM range(0, {n_events}) r(e) JOIN merged_events m ON m.id = e // 2 + 1""").fetchall()
        con.execute("CHECKPOINT").fetchall()
        counts = {t: st.count(t) for t in ("articles", "events", "merged_events")}
    return {**counts, "seconds": time.perf_counter() - t0, "mb": path.stat().st_size / 1e6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    print(generate(args.db, args.events))


if __name__ == "__main__":
    main()
