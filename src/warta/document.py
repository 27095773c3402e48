"""The one object that flows through every pipeline step.

A :class:`Document` carries the raw text exactly as it was given (every ``span``
points into it) plus what the steps learn about it.  Cleaning never rewrites the
text: it records which character ranges are article body (``paragraphs``) and which
are furniture (``ignored``).  Later steps read ``doc.body()`` to walk the body with
honest offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(slots=True)
class Paragraph:
    """A body paragraph: ``[start, end)`` into ``Document.text``."""

    start: int
    end: int
    kind: str = "body"  # body | caption | title | lede


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Document.paragraphs


@dataclass(slots=True)
class Mention:
    """One occurrence of an actor in the text, linked to a canonical actor."""

    start: int
    end: int
    key: str  # canonical actor key, e.g. "CHN", "person:qin_gang", "igo:UN"
    name: str  # canonical English name
    country: str | None  # ISO alpha-3 or IGO code
    kind: str  # state | person | organization | igo | group | collective
    role: str | None = None
    sector: str | None = None
    via: str = "gazetteer"  # gazetteer | title | coref | fuzzy | metonym | demonym

    def as_actor(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "country": self.country}
        if self.sector:
            d["sector"] = self.sector
        return d


@dataclass(slots=True)
class Quote:
    text: str
    span: Span
    speaker: dict[str, Any] | None = None
    addressee: dict[str, Any] | None = None
    cue: str | None = None  # the attribution verb, e.g. "kata"


@dataclass(slots=True)
class Event:
    type: str
    actor: dict[str, Any] | None
    recipient: dict[str, Any] | None
    text: str
    span: Span
    mode: str | None = None
    aux: str | None = None
    mutual: bool = False
    date: str | None = None
    quad: str | None = None
    score: float | None = None
    cue: str | None = None
    date_from: str | None = None  # "text": an expression in the text; "default": the news or publication date
    confidence: float | None = None  # the learned scorer's probability that this is an event of the article
    model: str | None = None  # the scorer's model version

    def as_record(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "aux": self.aux,
            "mutual": self.mutual,
            "date": self.date,
            "date_from": self.date_from,
            "actor": self.actor,
            "recipient": self.recipient,
            "quad": self.quad,
            "score": self.score,
            "cue": self.cue,
            "text": self.text,
            "span": list(self.span),
            "confidence": self.confidence,
            "model": self.model,
        }


@dataclass
class Document:
    id: str
    text: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    origin: str | None = None  # file (and line) the record came from
    extra: dict[str, Any] = field(default_factory=dict)  # other input fields (category, …)

    # filled by the steps
    language: str | None = None
    published_from: str | None = None  # "metadata" | "text" | "url" | None
    dateline: str | None = None
    wire: list[str] = field(default_factory=list)
    author: str | None = None
    editor: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    ignored: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # input repair (warta.read.repair): when set, ``text`` is the repaired text, ``original`` the text as
    # given and ``repair`` the changed runs (repaired start, repaired end, original start, original end)
    original: str | None = None
    repair: list[tuple[int, int, int, int]] = field(default_factory=list)
    model: str | None = None  # the event scorer's model version that coded this article (None: rules only)
    _lower: str | None = field(default=None, repr=False, compare=False)

    @property
    def text_as_given(self) -> str:
        return self.original if self.original is not None else self.text

    def span_as_given(self, start: int, end: int) -> list[int]:
        """``[start, end)`` of the (repaired) text as a span of the text as given."""
        if not self.repair:
            return [start, end]
        return [_to_original(self.repair, start, False), _to_original(self.repair, end, True)]

    # ---- body access -------------------------------------------------
    def body(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def body_text(self, sep: str = "\n\n") -> str:
        """The cleaned body as one string (for display and hashing; offsets are lost)."""
        return sep.join(self.text[p.start : p.end] for p in self.paragraphs)

    def lower_text(self) -> str:
        """The text lower-cased with every offset kept (computed once and shared by the steps)."""
        if self._lower is None:
            low = self.text.lower()
            if len(low) != len(self.text):  # "İ" lower-cases to two characters: keep one
                low = "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)
            self._lower = low
        return self._lower

    def snippet(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    # ---- actor look-ups used by quotes and events ----------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside ``[start, end)``, in text order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def actor_at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping ``[start, end)`` (the longest one if several)."""
        best: Mention | None = None
        for m in self.mentions:
            if m.start < end and start < m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
        return best

    # ---- output ----------------------------------------------------------
    def to_record(self) -> dict[str, Any]:
        """The article record (EVENTS.md §1); every span points into the text as given."""
        rec = self._record()
        if not self.repair:
            return rec
        sp = self.span_as_given
        rec["body"] = [[*sp(s, e), k] for s, e, k in rec["body"]]
        rec["actors"] = [{**a, "mentions": [sp(s, e) for s, e in a["mentions"]]}
                         if isinstance(a.get("mentions"), list) else a for a in rec["actors"]]
        for x in rec["events"] + rec["quotes"]:
            x["span"] = sp(*x["span"])
        # what was repaired: [original start, original end, repaired characters]
        rec["repair"] = [[os_, oe, self.text[rs:re_]] for rs, re_, os_, oe in self.repair]
        return rec

    def _record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "published": self.published,
            "published_from": self.published_from,
            "title": self.title,
            "language": self.language,
            "outlet": self.outlet,
            "dateline": self.dateline,
            "wire": self.wire,
            "author": self.author,
            "editor": self.editor,
            "body": [[p.start, p.end, p.kind] for p in self.paragraphs],
            "actors": self.actors,
            "events": [e.as_record() for e in self.events],
            "quotes": [
                {"speaker": q.speaker, "addressee": q.addressee, "text": q.text, "span": list(q.span), "cue": q.cue}
                for q in self.quotes
            ],
            "warnings": list(self.warnings),
            "model": self.model,
            **({"extra": self.extra} if self.extra else {}),
        }


def _to_original(runs: list[tuple[int, int, int, int]], pos: int, end: bool) -> int:
    """A position of the repaired text in the text as given: inside a changed run, the run's start
    (for a span start) or end (for a span end); elsewhere shifted by the runs before it."""
    lo, hi = 0, len(runs)
    while lo < hi:  # the last run starting before pos (at or before, for a start)
        mid = (lo + hi) // 2
        if runs[mid][0] < pos or (not end and runs[mid][0] == pos):
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return pos
    rs, re_, os_, oe = runs[lo - 1]
    if pos < re_ or (end and pos == re_):
        return oe if end else os_
    return pos + oe - re_
