"""Partition files written by the Ray executor, read back as records (``warta ingest --records``).

A folder stands for its ``*.jsonl``, ``*.jsonl.gz`` and ``*.parquet`` files (sorted by name); a
Parquet file's ``record`` column holds each record as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")


def expand(paths: list[str]) -> list[str]:
    """Every path, with a folder replaced by its record files."""
    out: list[str] = []
    for p in paths:
        if p != "-" and Path(p).is_dir():
            out.extend(str(f) for f in sorted(Path(p).rglob("*")) if f.is_file() and f.name.endswith(RECORD_SUFFIXES))
        else:
            out.append(p)
    return out


def parquet_records(path: str) -> Iterator[dict[str, Any]]:
    """The records of a Parquet partition, batch by batch; a bad one as ``{"_bad": reason}``."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as e:
        yield {"_bad": f"{path}: not a readable Parquet file ({e})"}
        return
    if "record" not in pf.schema_arrow.names:
        yield {"_bad": f"{path}: no 'record' column (not written by `warta extract --engine ray`)"}
        return
    n = 0
    for batch in pf.iter_batches(columns=["record"], batch_size=1000):
        for raw in batch.column(0).to_pylist():
            n += 1
            try:
                rec = json.loads(raw) if raw is not None else None
            except json.JSONDecodeError as e:
                yield {"_bad": f"{path}:{n}: bad JSON ({e.msg})"}
                continue
            yield rec if isinstance(rec, dict) else {"_bad": f"{path}:{n}: not an object"}
