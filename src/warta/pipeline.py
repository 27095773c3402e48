"""The extraction pipeline: read → clean → meta → language → sentences → actors → quotes → events.

Steps are small callables ``step(doc) -> doc``. Executors (``warta.executors``) decide where
steps run (this process, a pool of processes, Ray); the steps do not know.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from warta.clean import CleanStep, LanguageStep, MetaStep, SentenceStep
from warta.document import Document
from warta.read import DEFAULT_MAX_BYTES, Skip, iter_documents

INDONESIAN = frozenset({"id", "ms"})
WARM_TEXT = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi "
             "di Jakarta pada Senin (6/3). \"Kami sepakat memperkuat kerja sama,\" kata Retno kepada wartawan.")


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
        from warta.read.repair import RepairStep

        return cls(steps=[RepairStep(), CleanStep(), MetaStep(), LanguageStep(), SentenceStep()],
                   language_steps=lang)

    def warm(self) -> None:
        """Load every step's resources now (before forking workers, before a time limit starts)."""
        if getattr(self, "_warm", False):
            return
        self(Document(id="warm", text=WARM_TEXT, origin="<warm>"))
        self._warm = True

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
    duplicates: int = 0  # ids seen twice within one input
    passed: Counter[str] = field(default_factory=Counter)  # passed over, not errors (WARC records that are no page)

    def skip(self, s: Skip) -> None:
        self.skipped.append(s)

    def count(self, what: str, n: int = 1) -> None:
        self.passed[what] += n

    def summary(self) -> str:
        reasons = Counter(_reason_kind(s.reason) for s in self.skipped)
        skipped = f"skipped {len(self.skipped)}"
        if reasons:
            skipped += " (" + ", ".join(f"{k}: {v}" for k, v in reasons.most_common()) + ")"
        langs = ", ".join(f"{k} {v}" for k, v in self.languages.most_common()) or "none"
        extra = f"; duplicate ids {self.duplicates}" if self.duplicates else ""
        extra += f"; warnings {self.warnings}" if self.warnings else ""
        extra += "".join(f"; {k} {v}" for k, v in self.passed.most_common())
        return f"read {self.read} articles, wrote {self.written}, {skipped}; languages: {langs}{extra}"


class WarningLines:
    """Prints a warning line per record for the first ``limit`` records of each kind of warning (the message
    with its numbers left out), then counts the rest: a corpus where thousands of records had mojibake
    repaired gives a few lines and one count, and a skip stays visible among them. Every record still
    lists its own warnings in its ``warnings`` field."""

    def __init__(self, write: Callable[[str], None], limit: int = 5) -> None:
        self.write = write
        self.limit = limit
        self.seen: Counter[str] = Counter()
        self.first: dict[str, str] = {}

    def __call__(self, origin: str, warning: str) -> None:
        kind = _DIGITS.sub("N", warning)
        self.seen[kind] += 1
        self.first.setdefault(kind, warning)
        if self.seen[kind] <= self.limit:
            self.write(f"warta: warning {origin}: {warning}")

    def close(self) -> None:
        """One line per kind of warning with more records than were printed."""
        for kind, n in self.seen.items():
            if n > self.limit:
                self.write(f"warta: warning: {n - self.limit:,} more record(s) like “{self.first[kind]}” "
                           "(each record's `warnings` lists its own)")


_DIGITS = re.compile(r"\d+")


def _reason_kind(reason: str) -> str:
    return reason.split(" (", 1)[0].split(": ", 1)[0]


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


def record_of(doc: Document, body: bool = False) -> dict[str, Any]:
    """The output record of a processed document (with ``body_text`` when asked)."""
    rec = doc.to_record()
    if body:
        rec["body_text"] = doc.body_text()
    return rec


def store_record(doc: Document) -> dict[str, Any]:
    """What the store needs of a processed document besides its text: the record and the body text."""
    rec = doc.to_record()
    rec["body_text"] = doc.body_text() if doc.paragraphs else doc.text
    return rec


def process(
    inputs: Iterable[str | Path],
    *,
    result: Callable[[Document], Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    report: Report | None = None,
    workers: int = 1,
    timeout: float = 0,
    stdin: IO[bytes] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    pipeline: Pipeline | None = None,
    docs: Iterable[Document] | None = None,
    on_warn: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Document, Any]]:
    """Read every input (or take ``docs``) and yield ``(input document, result(processed document))`` in order.

    ``result`` runs where the document was processed (in a worker with ``workers > 1``: return
    something small, such as the record). Unreadable inputs, articles over ``timeout`` seconds
    (0 = no limit), articles that fail and articles lost with their worker are counted in
    ``report.skipped`` and passed to ``on_skip``; the run goes on.
    """
    from warta.executors.local import run_local, run_pool

    rep = report if report is not None else Report()

    def skip(s: Skip) -> None:
        rep.skip(s)
        if on_skip is not None:
            on_skip(s)

    def read() -> Iterator[Document]:
        if docs is not None:
            yield from docs
            return
        for item in inputs:
            seen: set[str] = set()
            for d in iter_documents([item], max_bytes=max_bytes, on_skip=skip, stdin=stdin, on_count=rep.count):
                if d.id in seen:
                    rep.duplicates += 1
                seen.add(d.id)
                yield d

    def counted(it: Iterable[Document]) -> Iterator[Document]:
        for d in it:
            rep.read += 1
            yield d

    run = pipeline or _default_pipeline()  # built (and warmed) before any worker forks or any time limit starts
    if (workers > 1 or timeout > 0) and hasattr(run, "warm"):
        run.warm()
    fn = result or _same
    if workers > 1:
        out = run_pool(counted(read()), workers=workers, run=run, timeout=timeout, result=fn,
                       on_event=lambda msg: print(f"warta: {msg}", file=sys.stderr))
    else:
        out = run_local(counted(read()), run=run, timeout=timeout, result=fn)
    for doc, res in out:
        if isinstance(res, Skip):
            skip(res)
            continue
        if isinstance(res, Document):
            lang, warns = res.language, res.warnings
        elif isinstance(res, dict):
            lang, warns = res.get("language"), res.get("warnings") or []
        else:
            lang, warns = None, doc.warnings
        rep.languages[lang or "other"] += 1
        rep.warnings += len(warns)
        if on_warn is not None:
            for w in warns:
                on_warn(doc.origin or doc.id, w)
        yield doc, res


def _same(doc: Document) -> Document:
    return doc


def extract(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    report: Report | None = None,
    workers: int = 1,
    timeout: float = 0,
    stdin: IO[bytes] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Document]:
    """Read every input and yield processed Documents, in input order.

    Inputs that cannot be read, and articles over ``timeout`` seconds (0 = no limit), are counted
    in ``report.skipped`` (and passed to ``on_skip``). ``workers > 1`` runs the steps in a pool
    of processes.
    """
    for _, doc in process(inputs, max_bytes=max_bytes, report=report, workers=workers, timeout=timeout,
                          stdin=stdin, on_skip=on_skip, pipeline=pipeline):
        yield doc


def extract_text(text: str, *, id: str = "text", published: str | None = None, url: str | None = None,
                 title: str | None = None, outlet: str | None = None) -> Document:
    """Process one article given as a string (Python API)."""
    doc = Document(id=id, text=text, published=published, url=url, title=title, outlet=outlet, origin="<python>")
    return _default_pipeline()(doc)


def print_skip(s: Skip) -> None:
    print(f"warta: skipped {s.origin}: {s.reason}", file=sys.stderr)
