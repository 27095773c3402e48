"""Ray Data executor: the same pipeline steps through ``map_batches``, on one machine or a cluster.

    warta extract INPUTS --engine ray -o OUT_DIR [--format jsonl|parquet] [--workers N]

* **Reading.** Every input (a file or folder; a local path or any pyarrow filesystem URI such as
  ``s3://bucket/prefix``) is read by one Ray task with the package's own readers
  (:func:`warta.read.iter_documents`), so ids, size limits and skipped records are exactly those of
  the local executor. A remote input is first copied to the task's temporary folder.
* **Processing.** A pool of ``workers`` actors (default: every CPU Ray has) each builds the pipeline
  once and runs it over batches of documents with :func:`warta.executors.local.run_local`, the local
  executor's own loop: an article over the time limit or one that raises is skipped and reported
  the same way ("over the time limit", "processing failed (…)"). Ray restarts a dead actor and
  retries its batch.
* **Writing.** JSON Lines partitions (``*.jsonl``: the very lines ``warta extract`` writes, in input
  order when ``preserve_order``) or Parquet partitions (``*.parquet``: columns ``id``, ``language``,
  ``published``, ``outlet`` and ``record``, the record as JSON text), which ``warta ingest --records``
  reads back. Skipped inputs and records come back to the driver and are printed like locally.

Cluster use: ``ray start --head`` on one machine, ``ray start --address HEAD:6379`` on the others,
then ``RAY_ADDRESS=HEAD:6379 warta extract s3://bucket/news/ --engine ray -o s3://bucket/out/``
(one actor per core: ``--workers`` = the cluster's cores, the default). Without ``RAY_ADDRESS`` a
local Ray is started with ``--workers`` CPUs.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.document import Document
from warta.read import DEFAULT_MAX_BYTES, Skip, iter_documents

FORMATS = ("jsonl", "parquet")
BATCH = 64  # documents per map_batches call
BLOCK_BYTES = 1 << 20  # small blocks: a single large input file still spreads over every actor
READ_CPUS = 0  # CPUs of a reading task: the actors hold the cores; reading is light
_DOC_FIELDS = ("id", "text", "url", "published", "title", "outlet", "origin")


@dataclass
class RayReport:
    """What a Ray run did (the counterpart of :class:`warta.pipeline.Report`)."""

    read: int = 0
    written: int = 0
    skipped: list[Skip] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"read {self.read} articles, wrote {self.written} in {len(self.files)} files, "
                f"skipped {len(self.skipped)}")


def _is_uri(item: str) -> bool:
    return "://" in item and not item.startswith("file://")


def _doc_row(doc: Document) -> dict[str, Any]:
    row: dict[str, Any] = {k: getattr(doc, k) for k in _DOC_FIELDS}
    row["extra"] = json.dumps(doc.extra, ensure_ascii=False) if doc.extra else None
    row["warnings"] = json.dumps(doc.warnings, ensure_ascii=False) if doc.warnings else None
    return row


def _row_doc(row: dict[str, Any]) -> Document:
    doc = Document(**{k: row.get(k) for k in _DOC_FIELDS})
    if row.get("extra"):
        doc.extra = json.loads(row["extra"])
    if row.get("warnings"):
        doc.warnings = json.loads(row["warnings"])
    return doc


def _copy_remote(uri: str, dest: Path) -> Path:
    """Copy a file or a whole prefix from a pyarrow filesystem URI into ``dest``; the local path to read."""
    from pyarrow import fs as pafs

    filesystem, path = pafs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(path)
    name = Path(path.rstrip("/")).name or "input"
    if info.type == pafs.FileType.File:
        target = dest / name
        with filesystem.open_input_stream(path) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out)
        return target
    if info.type == pafs.FileType.NotFound:
        return dest / name  # missing: the reader reports it
    root = dest / name
    for f in filesystem.get_file_info(pafs.FileSelector(path, recursive=True)):
        if f.type != pafs.FileType.File:
            continue
        target = root / os.path.relpath(f.path, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with filesystem.open_input_stream(f.path) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out)
    return root


def _read_item(batch: dict[str, Any], *, max_bytes: int, skips: Any) -> Iterator[dict[str, list[Any]]]:
    """One input item → batches of document rows (readers' skips go to the collector)."""
    import ray

    for item in list(batch["item"]):
        found: list[Skip] = []
        tmp = None
        local = item
        if _is_uri(item):
            tmp = tempfile.mkdtemp(prefix="warta-ray-")
            try:
                local = str(_copy_remote(item, Path(tmp)))
            except OSError as e:
                found.append(Skip(item, f"unreadable ({e})"))
                local = None
        try:
            rows: list[dict[str, Any]] = []
            if local is not None:
                for doc in iter_documents([local], max_bytes=max_bytes, on_skip=found.append):
                    if tmp is not None and doc.origin:
                        doc.origin = doc.origin.replace(local, item, 1)
                    rows.append(_doc_row(doc))
                    if len(rows) >= BATCH:
                        yield _columns(rows)
                        rows = []
            if rows:
                yield _columns(rows)
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        if found:
            if tmp is not None:
                found = [Skip(s.origin.replace(local or "", item, 1), s.reason) for s in found]
            ray.get(skips.add.remote([(s.origin, s.reason) for s in found]))


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    keys = (*_DOC_FIELDS, "extra", "warnings")
    return {k: [r[k] for r in rows] for k in keys}


class _Extract:
    """A Ray Data actor: the pipeline built once, run over each batch by the local executor's loop."""

    def __init__(self, timeout: float, body: bool, skips: Any) -> None:
        from warta.pipeline import default_pipeline

        self.run = default_pipeline()
        if hasattr(self.run, "warm"):
            self.run.warm()
        self.timeout = timeout
        self.body = body
        self.skips = skips

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa
        import ray

        from warta.executors.local import run_local
        from warta.pipeline import record_of

        docs = [_row_doc(r) for r in batch.to_pylist()]
        out: dict[str, list[Any]] = {"id": [], "language": [], "published": [], "outlet": [], "record": []}
        found: list[tuple[str, str]] = []
        for _, res in run_local(docs, run=self.run, timeout=self.timeout,
                                result=lambda d: record_of(d, self.body)):
            if isinstance(res, Skip):
                found.append((res.origin, res.reason))
                continue
            out["id"].append(res.get("id"))
            out["language"].append(res.get("language"))
            out["published"].append(res.get("published"))
            out["outlet"].append(res.get("outlet"))
            out["record"].append(json.dumps(res, ensure_ascii=False))
        if found:
            ray.get(self.skips.add.remote(found))
        return pa.table({k: pa.array(v, pa.string()) for k, v in out.items()})


def _skip_collector() -> Any:
    import ray

    @ray.remote(num_cpus=0)
    class Skips:
        def __init__(self) -> None:
            self.items: list[tuple[str, str]] = []

        def add(self, items: list[tuple[str, str]]) -> int:
            self.items.extend(items)
            return len(self.items)

        def get(self) -> list[tuple[str, str]]:
            return self.items

    return Skips.remote()


def _jsonl_sink(path: str, filesystem: Any) -> Any:
    from ray.data.datasource import BlockBasedFileDatasink

    class JsonlSink(BlockBasedFileDatasink):
        """The ``record`` column as JSON Lines, byte for byte what ``warta extract`` writes."""

        def write_block_to_file(self, block: Any, file: Any) -> None:
            table = block.to_arrow() if hasattr(block, "to_arrow") else block
            lines = table.column("record").to_pylist()
            file.write("".join(line + "\n" for line in lines).encode("utf-8"))

    return JsonlSink(path, file_format="jsonl", filesystem=filesystem)


def init_ray(workers: int | None) -> int:
    """Connect to ``RAY_ADDRESS`` when set, else start a local Ray with ``workers`` CPUs; the actor count."""
    import ray

    if not ray.is_initialized():
        address = os.environ.get("RAY_ADDRESS") or None
        kw: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        if address is None:
            kw["num_cpus"] = workers or os.cpu_count() or 1
        ray.init(address=address, **kw)
    return workers or max(1, int(ray.cluster_resources().get("CPU", 1)))


def extract_ray(
    inputs: list[str],
    output: str,
    *,
    fmt: str = "jsonl",
    workers: int | None = None,
    timeout: float = 0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    body: bool = False,
    preserve_order: bool = True,
    on_skip: Callable[[Skip], None] | None = None,
) -> RayReport:
    """Extract ``inputs`` into partition files under ``output`` (a folder or URI); what the run did."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    import logging

    import ray
    import ray.data as rd
    from pyarrow import fs as pafs

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # Ray Data's progress lines; skips are printed below
    actors = init_ray(workers)
    ctx = rd.DataContext.get_current()
    ctx.target_max_block_size = BLOCK_BYTES
    ctx.execution_options.preserve_order = preserve_order
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False

    skips = _skip_collector()
    items = [str(Path(i).resolve()) if not _is_uri(i) else i for i in inputs]
    if _is_uri(output):
        filesystem, out_path = pafs.FileSystem.from_uri(output)
    else:
        filesystem, out_path = pafs.LocalFileSystem(), str(Path(output).resolve())
    before = _listing(filesystem, out_path)

    ds = rd.from_items([{"item": i} for i in items], override_num_blocks=max(1, len(items)))
    # reading runs in its own tasks (other resources: not fused into the actors), so the documents
    # of one large file spread over every actor
    docs = ds.map_batches(_read_item, batch_size=1, num_cpus=READ_CPUS,
                          fn_kwargs={"max_bytes": max_bytes, "skips": skips})
    records = docs.map_batches(_Extract, batch_size=BATCH, batch_format="pyarrow",
                               compute=rd.ActorPoolStrategy(size=actors),
                               fn_constructor_kwargs={"timeout": timeout, "body": body, "skips": skips})
    if fmt == "parquet":
        records.write_parquet(out_path, filesystem=filesystem)
    else:
        records.write_datasink(_jsonl_sink(out_path, filesystem))

    rep = RayReport()
    rep.files = sorted(set(_listing(filesystem, out_path)) - set(before))
    rep.written = sum(_rows(filesystem, f, fmt) for f in rep.files)
    for origin, reason in ray.get(skips.get.remote()):
        s = Skip(origin, reason)
        rep.skipped.append(s)
        if on_skip is not None:
            on_skip(s)
    rep.read = rep.written + sum(1 for s in rep.skipped if _is_record_skip(s))
    ray.kill(skips)
    return rep


def _is_record_skip(s: Skip) -> bool:
    """A skip of a read article (over time, failed, lost) rather than of unreadable input."""
    return s.reason.startswith(("over the time limit", "processing failed", "lost"))


def _listing(filesystem: Any, path: str) -> list[str]:
    from pyarrow import fs as pafs

    try:
        infos = filesystem.get_file_info(pafs.FileSelector(path, recursive=True, allow_not_found=True))
    except (OSError, FileNotFoundError):
        return []
    return [i.path for i in infos if i.type == pafs.FileType.File and i.path.endswith((".jsonl", ".parquet"))]


def _rows(filesystem: Any, path: str, fmt: str) -> int:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with filesystem.open_input_file(path) as fh:
            return pq.ParquetFile(fh).metadata.num_rows
    with filesystem.open_input_stream(path) as fh:
        return fh.read().count(b"\n")
