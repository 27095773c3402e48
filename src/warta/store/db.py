"""Small DuckDB helpers shared by the store modules: run a statement, fetch rows as dicts, bulk insert."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # pyarrow loads only for bulk inserts and exports
    import pyarrow as pa

Con = duckdb.DuckDBPyConnection


def run(con: Con, sql: str, params: Sequence[Any] | None = None) -> list[Any]:
    """Run a statement to completion (DuckDB wants every result consumed before the next call)."""
    return con.execute(sql, params or []).fetchall()


def rows(con: Con, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """The result of a query as one dict per row."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def unregister(con: Con, name: str) -> None:
    try:
        con.unregister(name)
    except duckdb.Error:
        pass  # an aborted transaction refuses it; the view goes with the rollback or the connection


@contextlib.contextmanager
def registered(con: Con, name: str, table: pa.Table) -> Iterator[str]:
    """An Arrow table visible to SQL as ``name`` for the duration of the block."""
    con.register(name, table)
    try:
        yield name
    finally:
        unregister(con, name)


def id_table(ids: Sequence[str], col: str = "id") -> pa.Table:
    import pyarrow as pa

    return pa.table({col: pa.array(list(ids), pa.string())})


def insert(con: Con, table: str, items: list[dict[str, Any]], schema: pa.Schema) -> None:
    """Bulk insert rows (dicts with the schema's columns) through Arrow."""
    if not items:
        return
    import pyarrow as pa

    with registered(con, f"_new_{table}", pa.Table.from_pylist(items, schema=schema)) as name:
        run(con, f"INSERT INTO {table} BY NAME SELECT * FROM {name}")


def sql_str(s: str) -> str:
    """A string literal's inside, quotes doubled."""
    return s.replace("'", "''")
