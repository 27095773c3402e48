"""Exports: events, quotes or actors to CSV, Parquet or JSON Lines (events also as PLOVER JSONL).

The format comes from the file extension (``.csv``, ``.parquet``/``.pq``, ``.jsonl``/``.json``)
unless given.  Columns are those of the query functions (``warta events`` shows the same
names); dates are the original string (``date``, ``published``: EVENTS.md §5 keeps month or
year precision) plus ``*_start``/``*_end`` DATE columns, so pandas and DuckDB read real dates.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.store import db
from warta.store import queries as Q
from warta.store.names import QueryError

if TYPE_CHECKING:  # pyarrow loads only when something is exported
    import pyarrow as pa

FORMATS = ("csv", "parquet", "jsonl", "plover")
KINDS = ("events", "quotes", "actors")
_EXT = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".json": "jsonl",
        ".ndjson": "jsonl"}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The export format: ``fmt`` when given, else from the extension; QueryError when neither says."""
    if fmt:
        f = fmt.strip().lower()
        if f not in FORMATS:
            raise QueryError("format", fmt, f"format must be one of {', '.join(FORMATS)}")
        return f
    ext = Path(str(path)).suffix.lower()
    if ext in _EXT:
        return _EXT[ext]
    raise QueryError("format", ext or str(path), "cannot tell the format from the extension (csv, parquet, jsonl)")


def _arrow(con: db.Con, sql: str, params: list[Any]) -> pa.Table:
    return con.sql(sql, params=params).to_arrow_table()


def _write(tbl: pa.Table, path: str, fmt: str) -> int:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(tbl, path)
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(tbl, path)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for r in tbl.to_pylist():
                fh.write(json.dumps(_plain(r), ensure_ascii=False) + "\n")
    return tbl.num_rows


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def export(con: db.Con, path: str | Path, what: str = "events", fmt: str | None = None, **filters: Any) -> int:
    """Write ``what`` (events, quotes, actors) matching the filters of its query function; return the rows."""
    if what not in KINDS:
        raise QueryError("what", what, f"one of {', '.join(KINDS)}")
    f = format_for(path, fmt)
    path = str(path)
    if what == "events":
        where, params = Q.event_filters(con, **filters)
        sql = (
            f"SELECT {Q.EVENT_COLUMNS} {Q.EVENTS_FROM} {Q._w(where)} "
            "ORDER BY a.pub_start NULLS LAST, e.article_id, e.idx"
        )
        if f == "plover":
            n = 0
            with open(path, "w", encoding="utf-8") as fh:
                for r in db.rows(con, sql, params):
                    fh.write(json.dumps(plover(r), ensure_ascii=False) + "\n")
                    n += 1
            return n
        return _write(_arrow(con, sql, params), path, f)
    if f == "plover":
        raise QueryError("format", fmt, "plover is for events")
    rows = Q.quotes(con, **filters) if what == "quotes" else Q.actors(con, top=None, **filters)
    return _write(_table(rows, what), path, f)


def _table(rows: list[dict[str, Any]], what: str) -> pa.Table:
    import pyarrow as pa

    types = ({"idx": pa.int32(), "span_start": pa.int32(), "span_end": pa.int32(), "story": pa.int64(),
              "published_start": pa.date32(), "published_end": pa.date32()} if what == "quotes"
             else {"articles": pa.int32(), "mentions": pa.int32(), "events": pa.int32()})
    cols = (
        ["id", "article_id", "idx", "speaker_key", "speaker_name", "speaker_country", "addressee_key",
         "addressee_name", "addressee_country", "cue", "text", "span_start", "span_end", "published",
         "published_start", "published_end", "outlet", "url", "title", "language", "story"]
        if what == "quotes"
        else ["key", "name", "country", "kind", "articles", "mentions", "events"]
    )
    return pa.Table.from_pylist(rows, schema=pa.schema([(c, types.get(c, pa.string())) for c in cols]))


def plover(r: dict[str, Any]) -> dict[str, Any]:
    """A stored event row as a PLOVER JSON record."""

    def party(p: str) -> dict[str, Any] | None:
        if r.get(f"{p}_name") is None and r.get(f"{p}_country") is None:
            return None
        d = {"name": r.get(f"{p}_name"), "country": r.get(f"{p}_country")}
        if r.get(f"{p}_key"):
            d["key"] = r[f"{p}_key"]
        if r.get(f"{p}_sector"):
            d["sector"] = r[f"{p}_sector"]
        return d

    return {
        "id": r["id"],
        "date": r["date"],
        "actor": party("actor"),
        "recipient": party("recipient"),
        "event": r["type"],
        "mode": r["mode"],
        "aux": r["aux"],
        "quad": r["quad"],
        "score": r["score"],
        "confidence": r.get("confidence"),
        "model": r.get("model"),
        "text": r["text"],
        "cite_info": {
            "url": r["url"],
            "outlet": r["outlet"],
            "article_id": r["article_id"],
            "published": r["published"],
            "title": r.get("title"),
        },
    }
