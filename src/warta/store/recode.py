"""`warta recode`: re-extract stored articles that an older event model coded.

Re-ingesting unchanged texts skips them (the article id and text hash are the key), so a better model
would never reach a store. ``recode`` reads the stored text as given and the input metadata back from each
stored record, runs the current pipeline on it and replaces the article's rows (stories and merged events
are updated as for any replaced article), one transaction per batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from warta.document import Document
from warta.store import db
from warta.store.ingest import IngestStats, batched, prepare, write_batch
from warta.store.store import READ_WAIT, WRITE_WAIT, connect


def current_version() -> str | None:
    from warta.events.scorer import default_model

    m = default_model()
    return m.version if m is not None else None


def stale_ids(con: db.Con, version: str | None) -> list[str]:
    """Indonesian articles with their text stored whose model differs from ``version``."""
    rows = db.run(con, "SELECT id FROM articles WHERE text IS NOT NULL AND language IN ('id', 'ms') "
                       "AND model IS DISTINCT FROM ? ORDER BY id", [version])
    return [str(r[0]) for r in rows]


def _documents(path: str | Path, ids: list[str], batch: int) -> Iterator[Document]:
    for chunk in batched(ids, batch):
        con = connect(path, read_only=True, wait=READ_WAIT)
        try:
            with db.registered(con, "_recode_ids", db.id_table(chunk)):
                rows = db.run(con, "SELECT id, text, record FROM articles WHERE id IN (SELECT id FROM _recode_ids) "
                                   "ORDER BY id")
        finally:
            con.close()
        for aid, text, record in rows:
            rec: dict[str, Any] = json.loads(record) if record else {}
            published = rec.get("published") if rec.get("published_from") == "metadata" else None
            yield Document(id=str(aid), text=text, url=rec.get("url"), published=published, title=rec.get("title"),
                           outlet=rec.get("outlet"), origin=f"store:{aid}", extra=rec.get("extra") or {})


def recode(path: str | Path, batch_size: int = 200, progress: Callable[[int], None] | None = None
           ) -> tuple[IngestStats, int]:
    """Re-extract every stale article of the store at ``path``: (stats, how many were stale)."""
    from warta.pipeline import default_pipeline

    version = current_version()
    con = connect(path, read_only=True, wait=READ_WAIT)
    try:
        ids = stale_ids(con, version)
    finally:
        con.close()
    stats = IngestStats()
    pipe = default_pipeline()
    for docs in batched((pipe(d) for d in _documents(path, ids, batch_size)), batch_size):
        arts = prepare(docs, stats, offset=stats.read)
        stats.read += len(docs)
        wcon = connect(path, wait=WRITE_WAIT)
        try:
            write_batch(wcon, arts, stats, force=True)
        finally:
            wcon.close()
        if progress is not None:
            progress(len(docs))
    return stats, len(ids)
