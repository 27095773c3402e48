"""Store and query: article records in DuckDB, stories, merged events, exports.

Modules: ``ingest`` (records → rows, one batch's write), ``grouping`` (stories and merged
events), ``queries`` (plain parameters in, rows out), ``names`` (filter values resolved, and
``QueryError``), ``exports``, ``store`` (connections and the lock design, the ``Store`` API).

The names below load on first use (PEP 562): importing ``warta.store.cli`` for ``warta --help``
or ``warta extract`` then loads neither DuckDB nor the query modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.store.exports import plover
    from warta.store.ingest import IngestStats, content_hash, normalize
    from warta.store.names import ActorRef, QueryError
    from warta.store.store import BUSY, Store, StoreBusy, connect, ingest_into, reader

_WHERE = {
    "plover": "exports",
    "IngestStats": "ingest", "content_hash": "ingest", "normalize": "ingest",
    "ActorRef": "names", "QueryError": "names",
    "BUSY": "store", "Store": "store", "StoreBusy": "store", "connect": "store", "ingest_into": "store",
    "reader": "store",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'warta.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"warta.store.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
