"""The DuckDB store: one file, one writing process at a time, readers between writes.

DuckDB lets one process write a file and no other process read it meanwhile.  So:

- ``ingest_into`` opens the file to write a batch and keeps it open for the next batches until
  ``WRITE_HOLD`` seconds have passed (then closes it after a batch and extracts the next one with
  the file closed); it retries for up to ``WRITE_WAIT`` seconds when a reader holds it;
- readers (every query command, the web API) open it read-only per command or request with
  :func:`connect` / :func:`reader`, retrying for up to ``READ_WAIT`` seconds while an ingest writes;
- when the wait runs out, :class:`StoreBusy` says ``store busy: an ingest is writing (retry)``.

``Store`` is the Python API over one open connection; its methods call the functions of
:mod:`warta.store.queries` and :mod:`warta.store.exports`, as the CLI and the web API do.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from warta.store import db
from warta.store import exports as X
from warta.store import queries as Q
from warta.store import schema as S
from warta.store.ingest import IngestStats, all_known, batched, known, prepare, write_batch

READ_WAIT = 5.0  # seconds a reader waits for an ingest's batch to commit
WRITE_WAIT = 30.0  # seconds an ingest waits, per batch, for readers to finish
WRITE_HOLD = 1.5  # seconds an ingest keeps the file open across batches (well under READ_WAIT)
BUSY = "store busy: an ingest is writing (retry)"

TABLES = frozenset(
    {"articles", "actors", "mentions", "events", "merged_events", "quotes", "signatures", "lsh_bands", "story_keys",
     "shingle_days", "stories"}
)


class StoreBusy(RuntimeError):
    """Another process holds the store's lock for longer than we wait."""

    def __init__(self, path: str, waited: float) -> None:
        self.path, self.waited = path, waited
        super().__init__(BUSY)


def _is_lock_error(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set" in msg)


def connect(path: str | Path, read_only: bool = False, wait: float | None = None) -> db.Con:
    """Open the store, retrying while another process holds its lock; StoreBusy after ``wait`` seconds.

    A writable connection creates the tables (and adds columns an older store lacks).
    """
    path = str(path)
    wait = (READ_WAIT if read_only else WRITE_WAIT) if wait is None else wait
    t0 = time.monotonic()
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() - t0 >= wait:
                raise StoreBusy(path, time.monotonic() - t0) from None
            time.sleep(min(delay, max(0.0, wait - (time.monotonic() - t0))) + random.uniform(0, 0.01))
            delay = min(delay * 2, 0.25)
    if not read_only:
        try:
            init_schema(con)
        except BaseException:
            con.close()
            raise
    return con


def init_schema(con: db.Con) -> None:
    """Create the tables and add missing columns, unless this store already has this exact schema."""
    stamp = hashlib.sha1(repr((S.DDL, S.MIGRATIONS, S.SCHEMA_VERSION)).encode()).hexdigest()
    try:
        if db.run(con, "SELECT value FROM meta WHERE key = 'ddl'") == [(stamp,)]:
            return  # every batch of an ingest reopens the store: no catalog writes when nothing changed
    except duckdb.CatalogException:
        pass  # a new store
    db.run(con, S.DDL)
    for table, col, typ in S.MIGRATIONS:
        db.run(con, f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {typ}")
    db.run(con, "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [str(S.SCHEMA_VERSION)])
    db.run(con, "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(S.SCHEMA_VERSION)])
    db.run(con, "INSERT INTO meta VALUES ('ddl', ?) ON CONFLICT DO UPDATE SET value = excluded.value", [stamp])


@contextlib.contextmanager
def reader(path: str | Path, wait: float = READ_WAIT) -> Iterator[db.Con]:
    """A read-only connection for one command or request."""
    con = connect(path, read_only=True, wait=wait)
    try:
        yield con
    finally:
        con.close()


def ingest_into(
    path: str | Path,
    items: Iterable[Any],
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
    wait: float = WRITE_WAIT,
    hold: float = WRITE_HOLD,
) -> IngestStats:
    """Store Documents or article records in the file at ``path``, one transaction per batch.

    The file stays open across batches for about ``hold`` seconds (then it is closed after the batch
    that ends past it, and opened again for the next): readers wait for at most that and one batch,
    and a checkpoint is paid per release, not per batch.  Readers only ever see whole batches.  A
    StoreBusy (readers held the file for ``wait`` seconds) stops the ingest with every earlier batch
    committed.
    """
    stats = IngestStats()
    t0 = time.perf_counter()
    con: db.Con | None = None
    opened = 0.0
    try:
        for batch in batched(items, max(1, batch_size)):
            arts = prepare(batch, stats, offset=stats.read)
            stats.read += len(batch)
            if con is None:
                con, opened = connect(path, wait=wait), time.monotonic()
            write_batch(con, arts, stats)
            if time.monotonic() - opened >= hold:  # readers' turn (and the checkpoint)
                con.close()
                con = None
            if progress is not None:
                progress(len(batch))
    finally:
        if con is not None:
            con.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def stored_hashes(path: str | Path, wait: float = WRITE_WAIT) -> dict[str, str]:
    """Every stored article id with its content hash ({} when there is no store yet)."""
    if not Path(path).exists():
        return {}
    con = connect(path, wait=wait)
    try:
        return all_known(con)
    finally:
        con.close()


class Store:
    """An event store in one DuckDB file, over one open connection.  ``with Store(path) as st: ...``

    The connection is held until ``close``: use it in one process at a time, or prefer
    :func:`ingest_into` and :func:`reader`, which hold the file only while they use it.
    """

    def __init__(self, path: str | Path = "warta.duckdb", read_only: bool = False, wait: float | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only, wait=wait)

    # ---- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"no table {table}")
        return int(db.run(self.con, f"SELECT count(*) FROM {table}")[0][0])

    # ---- ingest ------------------------------------------------------------
    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored content hash per id, for those of ``ids`` already stored."""
        return known(self.con, ids)

    def ingest(
        self,
        docs_or_records: Iterable[Any],
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> IngestStats:
        """Store Documents or article records, one transaction per batch.

        Same id and hash: skipped. Same id, new hash: the article's rows are replaced.
        Unusable items are counted in ``stats.skipped`` and never touch stored rows.
        ``progress`` is called after each batch with the number of items it consumed.
        """
        if self.read_only:
            raise RuntimeError("store opened read-only")
        stats = IngestStats()
        t0 = time.perf_counter()
        for batch in batched(docs_or_records, max(1, batch_size)):
            arts = prepare(batch, stats, offset=stats.read)
            stats.read += len(batch)
            write_batch(self.con, arts, stats)
            if progress is not None:
                progress(len(batch))
        stats.seconds = time.perf_counter() - t0
        return stats

    # ---- queries (see warta.store.queries for the parameters) ------------------
    def events(self, actor: Any = None, with_: Any = None, type: Any = None, **kw: Any) -> list[dict[str, Any]]:  # noqa: A002
        if type is not None:
            kw["types"] = type
        return Q.events(self.con, actor=actor, with_=with_, **kw)

    def timeline(self, a: Any, b: Any, **kw: Any) -> list[dict[str, Any]]:
        return Q.timeline(self.con, a, b, **kw)

    def actors(self, **kw: Any) -> list[dict[str, Any]]:
        return Q.actors(self.con, **kw)

    def quotes(self, **kw: Any) -> list[dict[str, Any]]:
        return Q.quotes(self.con, **kw)

    def stories(self, **kw: Any) -> list[dict[str, Any]]:
        return Q.stories(self.con, **kw)

    def article(self, article_id: str) -> dict[str, Any] | None:
        return Q.article(self.con, article_id)

    def summary(self) -> dict[str, Any]:
        return Q.summary(self.con)

    def export(self, path: str | Path, format: str | None = None, what: str = "events", **filters: Any) -> int:  # noqa: A002
        """Write events (csv, parquet, jsonl, plover), quotes or actors; return the number of rows."""
        return X.export(self.con, path, what=what, fmt=format, **filters)
