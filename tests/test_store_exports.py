"""Exports load as analysts load them: pandas.read_parquet, pandas.read_csv(parse_dates=…), duckdb.read_parquet,
with real DATE columns; the format follows the extension; filters as for the queries."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from test_store_queries import RECORDS
from warta.store import QueryError, Store

EVENT_COLUMNS = {
    "id", "article_id", "idx", "type", "mode", "aux", "mutual", "date", "date_start", "date_end", "actor_key",
    "actor_name", "actor_country", "actor_sector", "recipient_key", "recipient_name", "recipient_country",
    "recipient_sector", "quad", "score", "confidence", "model", "cue", "text", "span_start", "span_end", "merged_id",
    "sources", "merged_outlets", "published", "published_start", "published_end", "outlet", "url", "title",
    "language", "story", "article_model",
}


@pytest.fixture(scope="module")
def st(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("x") / "x.duckdb"
    recs = [dict(r) for r in RECORDS]
    recs[0] = {**recs[0], "model": "coder-2", "events": [{**recs[0]["events"][0], "confidence": 0.8,
                                                           "model": "coder-2"}, recs[0]["events"][1]]}
    recs[2] = {**recs[2], "published": "2023-05", "events": [{**recs[2]["events"][0], "date": "2023-05"}]}
    s = Store(path)
    s.ingest(recs)
    yield s
    s.close()


def test_events_parquet_pandas_and_duckdb(st: Store, tmp_path: Path) -> None:
    p = tmp_path / "events.parquet"
    assert st.export(p) == 7  # the format from the extension
    df = pd.read_parquet(p)
    assert set(df.columns) == EVENT_COLUMNS
    assert set(df.columns) >= set(st.events()[0])  # the same names as `warta events`
    month = df[df.article_id == "n3"].iloc[0]
    assert month["date"] == "2023-05" and month["date_start"] == dt.date(2023, 5, 1)
    assert month["date_end"] == dt.date(2023, 5, 31) and month["published_end"] == dt.date(2023, 5, 31)
    first = df[(df.article_id == "n1") & (df.idx == 0)].iloc[0]
    assert first["confidence"] == 0.8 and first["model"] == "coder-2" and first["article_model"] == "coder-2"
    assert first["title"] == "Jokowi bertemu Kishida" and first["language"] == "id"
    assert pd.isna(df[(df.article_id == "n1") & (df.idx == 1)].iloc[0]["confidence"])
    types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{p}')").fetchall()}
    assert types["date_start"] == "DATE" and types["published_start"] == "DATE" and types["confidence"] == "DOUBLE"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{p}') WHERE date_start >= DATE '2023-05-01'").fetchall() == [(2,)]


def test_events_csv_parse_dates_and_filters(st: Store, tmp_path: Path) -> None:
    p = tmp_path / "e.csv"
    assert st.export(p, actor="Tiongkok", aux="happened", outlet="kompas") == 2
    df = pd.read_csv(p, parse_dates=["date_start", "date_end", "published_start", "published_end"])
    assert str(df["date_start"].dtype).startswith("datetime64")
    assert sorted(df["type"]) == ["ACCUSE", "ACCUSE"] and set(df["outlet"]) == {"kompas"}
    assert df["date_start"].min() == pd.Timestamp("2023-03-05")


def test_plover_quotes_actors_and_format_errors(st: Store, tmp_path: Path) -> None:
    p = tmp_path / "e.jsonl"
    assert st.export(p, format="plover") == 7
    rec = json.loads(p.read_text().splitlines()[0])
    assert rec["cite_info"]["url"] is None and rec["event"]
    q = tmp_path / "q.parquet"
    assert st.export(q, what="quotes", speaker="Jokowi") == 2
    qdf = pd.read_parquet(q)
    assert set(qdf["speaker_key"]) == {"person:joko_widodo"} and "published_start" in qdf.columns
    types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{q}')").fetchall()}
    assert types["published_start"] == "DATE"
    a = tmp_path / "a.csv"
    assert st.export(a, what="actors", kind="person", exclude_country="IDN") == 2
    assert list(pd.read_csv(a)["name"]) == ["Wang Yi", "Fumio Kishida"]
    empty = tmp_path / "none.parquet"
    assert st.export(empty, what="quotes", speaker="Iran") == 0
    assert pd.read_parquet(empty).empty
    with pytest.raises(QueryError):
        st.export(tmp_path / "e.xlsx")
    with pytest.raises(QueryError):
        st.export(tmp_path / "q.jsonl", what="quotes", format="plover")
    assert st.export(tmp_path / "e.data", format="csv") == 7  # --format wins over the extension
