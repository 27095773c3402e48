"""Store and query: article records in DuckDB, stories, merged events, exports.

Modules: ``ingest`` (records → rows, one batch's write), ``grouping`` (stories and merged
events), ``queries`` (plain parameters in, rows out), ``names`` (filter values resolved, and
``QueryError``), ``exports``, ``store`` (connections and the lock design, the ``Store`` API).
"""

from warta.store.exports import plover
from warta.store.ingest import IngestStats, content_hash, normalize
from warta.store.names import ActorRef, QueryError
from warta.store.store import BUSY, Store, StoreBusy, connect, ingest_into, reader

__all__ = [
    "BUSY",
    "ActorRef",
    "IngestStats",
    "QueryError",
    "Store",
    "StoreBusy",
    "connect",
    "content_hash",
    "ingest_into",
    "normalize",
    "plover",
    "reader",
]
