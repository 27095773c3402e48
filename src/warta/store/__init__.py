"""Store and query: article records in DuckDB, stories, merged events, exports."""

from warta.store.store import IngestStats, Store, content_hash, normalize, plover

__all__ = ["IngestStats", "Store", "content_hash", "normalize", "plover"]
