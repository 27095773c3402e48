"""Local executor: the pipeline in a pool of worker processes, results in input order."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

from warta.document import Document


def _work(doc: Document) -> Document:
    from warta.pipeline import _process

    return _process(doc)


def run_pool(docs: Iterable[Document], *, workers: int, chunksize: int = 16) -> Iterator[Document]:
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(processes=workers) as pool:
        yield from pool.imap(_work, docs, chunksize=chunksize)
