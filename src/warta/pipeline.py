"""The extraction pipeline: read → clean → meta → language → sentences → actors → quotes → events.

Steps are small callables ``step(doc) -> doc``. Executors (``warta.executors``) decide where
steps run (this process, a pool of processes, Ray); the steps do not know.
"""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from warta.clean import CleanStep, LanguageStep, MetaStep, SentenceStep
from warta.document import Document
from warta.read import DEFAULT_MAX_BYTES, Skip, iter_documents

INDONESIAN = frozenset({"id", "ms"})


class Step(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


def _optional_step(module: str, cls: str) -> Step | None:
    """Language steps that live in their own package (actors, quotes, events) join when present."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    factory = getattr(mod, cls, None)
    return factory() if factory is not None else None


@dataclass
class Pipeline:
    """Runs the cleaning steps on every document and the Indonesian steps on id/ms documents."""

    steps: list[Step] = field(default_factory=list)
    language_steps: list[Step] = field(default_factory=list)

    @classmethod
    def default(cls) -> Pipeline:
        lang: list[Step] = []
        for module, name in (("warta.actors", "ActorsStep"), ("warta.quotes", "QuotesStep"),
                             ("warta.events", "EventsStep")):
            step = _optional_step(module, name)
            if step is not None:
                lang.append(step)
        return cls(steps=[CleanStep(), MetaStep(), LanguageStep(), SentenceStep()], language_steps=lang)

    def __call__(self, doc: Document) -> Document:
        for step in self.steps:
            doc = step(doc)
        if doc.language in INDONESIAN:
            for step in self.language_steps:
                try:
                    doc = step(doc)
                except Exception as e:  # one bad article must not stop a run
                    doc.warnings.append(f"{getattr(step, 'name', step)} failed: {e.__class__.__name__}: {e}")
        doc._lower = None  # a working copy: not worth sending between processes
        return doc


@dataclass
class Report:
    """What a run did: counts for the summary line and the exit status."""

    read: int = 0
    written: int = 0
    skipped: list[Skip] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    warnings: int = 0

    def skip(self, s: Skip) -> None:
        self.skipped.append(s)

    def summary(self) -> str:
        reasons = Counter(_reason_kind(s.reason) for s in self.skipped)
        skipped = f"skipped {len(self.skipped)}"
        if reasons:
            skipped += " (" + ", ".join(f"{k}: {v}" for k, v in reasons.most_common()) + ")"
        langs = ", ".join(f"{k} {v}" for k, v in self.languages.most_common()) or "none"
        return f"read {self.read} articles, wrote {self.written}, {skipped}; languages: {langs}"


def _reason_kind(reason: str) -> str:
    return reason.split(" (", 1)[0]


def _process(doc: Document) -> Document:
    return _default_pipeline()(doc)


_PIPELINE: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide default pipeline (built once)."""
    return _default_pipeline()


def _default_pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline.default()
    return _PIPELINE


def extract(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    report: Report | None = None,
    workers: int = 1,
    stdin: IO[bytes] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Document]:
    """Read every input and yield processed Documents, in input order.

    Inputs that cannot be read are counted in ``report.skipped`` (and passed to ``on_skip``).
    ``workers > 1`` runs the steps in a pool of processes.
    """
    rep = report if report is not None else Report()

    def skip(s: Skip) -> None:
        rep.skip(s)
        if on_skip is not None:
            on_skip(s)

    docs = iter_documents(inputs, max_bytes=max_bytes, on_skip=skip, stdin=stdin)

    def counted(it: Iterable[Document]) -> Iterator[Document]:
        for d in it:
            rep.read += 1
            yield d

    if workers > 1:
        from warta.executors.local import run_pool

        processed = run_pool(counted(docs), workers=workers)
    else:
        run = pipeline or _default_pipeline()
        processed = (run(d) for d in counted(docs))
    for doc in processed:
        rep.languages[doc.language or "other"] += 1
        rep.warnings += len(doc.warnings)
        yield doc


def extract_text(text: str, *, id: str = "text", published: str | None = None, url: str | None = None,
                 title: str | None = None, outlet: str | None = None) -> Document:
    """Process one article given as a string (Python API)."""
    doc = Document(id=id, text=text, published=published, url=url, title=title, outlet=outlet, origin="<python>")
    return _default_pipeline()(doc)


def print_skip(s: Skip) -> None:
    print(f"warta: skipped {s.origin}: {s.reason}", file=sys.stderr)
