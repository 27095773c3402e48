"""Find the article body in raw scraped text, without rewriting the text.

The text is cut into units (lines, and the ",”-joined paragraphs of some scrapes); each
unit is classified as body, caption, title, or furniture (with a reason). Body and caption
units become ``doc.paragraphs``; the rest goes to ``doc.ignored``. Offsets stay those of
the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.clean import resources
from warta.document import Document, Paragraph

# unit boundaries: newlines; in comma-joined scrapes, sentence punctuation followed by
# commas, runs of two or more commas, or a comma glued to a capital ("…Terkait,Ia …")
_UNIT_BREAK = re.compile(r"\n|(?<=[.!?\"”’\]])\s*,+(?=\s*[\"“‘A-Z\[(])|,{2,}|(?<=[a-z]),(?=[A-Z][a-z])")
_TIMESTAMP_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "[Baca juga] : Headline Words Here" inside a unit (tokenised scrapes keep it inline)
_INLINE_READ_ALSO = re.compile(r"\[?\s*\b(?:baca|lihat|simak)\s+(?:juga|pula)\s*\]?\s*:", re.IGNORECASE)
_HEADLINE_TOKEN = re.compile(r"\s*(?:[A-Z0-9][\w'’.,-]*|[:\-–|&]|di|ke|dan|yang|untuk|dari|atau|vs\.?|\?|!)(?=\s|$)")
_SENTENCE_END = re.compile(r"[.!?\"”…:)]\s*$")
_LONG_PROSE = 160


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    kind: str = "body"  # body | caption | title | ignored
    reason: str = ""


def split_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    pos = 0
    for m in _UNIT_BREAK.finditer(text):
        _add_unit(text, pos, m.start(), units)
        pos = m.end()
    _add_unit(text, pos, len(text), units)
    return units


def _add_unit(text: str, start: int, end: int, out: list[Unit]) -> None:
    while start < end and text[start] in " \t\r\f\v,\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\r\f\v\u00a0":
        end -= 1
    if end > start:
        out.append(Unit(start, end))


def _is_timestamp_line(s: str) -> bool:
    """A line that is mostly a date and a time ("16 November 2024 16:25 WIB")."""
    if len(s) > 70 or not _TIMESTAMP_TIME.search(s):
        return False
    words = [w for w in _WORD.findall(s)]
    res = resources.get()
    other = [w for w in words if w.lower() not in res.months and w.lower() not in _TIME_WORDS]
    return len(other) <= 2


_TIME_WORDS = frozenset(
    "wib wita wit gmt utc pukul jam senin selasa rabu kamis jumat jum'at sabtu minggu ahad monday tuesday wednesday "
    "thursday friday saturday sunday news update diperbarui dipublikasikan published updated".split()
)


def _title_case_ratio(s: str) -> float:
    words = [w for w in _WORD.findall(s) if len(w) > 3]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_prose(s: str) -> bool:
    return len(s) >= _LONG_PROSE and bool(_SENTENCE_END.search(s))


def classify(doc: Document) -> list[Unit]:
    res = resources.get()
    text = doc.text
    units = split_units(text)
    seen: set[str] = set()
    in_sidebar = False
    body_started = False
    title = (doc.title or "").strip().lower()
    for u in units:
        s = text[u.start : u.end]
        low = s.lower()
        if in_sidebar:
            if _is_prose(s) and not res.furniture.fullmatch(s):
                in_sidebar = False
            else:
                u.kind, u.reason = "ignored", "sidebar"
                continue
        if res.sidebar_header.fullmatch(s):
            u.kind, u.reason = "ignored", "sidebar"
            in_sidebar = True
            continue
        if res.furniture.fullmatch(s):
            u.kind, u.reason = "ignored", "furniture"
            continue
        if _is_timestamp_line(s) or _is_byline(s):
            u.kind, u.reason = "ignored", "byline"
            continue
        key = " ".join(low.split())
        if key in seen and len(key) >= 30:
            u.kind, u.reason = "ignored", "repeated"
            continue
        seen.add(key)
        if res.caption.search(s):
            u.kind = "caption"
            continue
        if not body_started:
            if title and key == " ".join(title.split()):
                u.kind = "title"
                continue
            if len(s) < 40 and not _SENTENCE_END.search(s):
                u.kind, u.reason = "ignored", "kicker"
                continue
            if len(s) < 200 and not re.search(r"[.!?\"”]$", s) and _title_case_ratio(s) >= 0.6:
                u.kind = "title"
                continue
        body_started = True
    return units


_BYLINE = re.compile(r"^[^\n]{2,60}?\s*[•|·]\s*[^\n]*\d{4}", re.IGNORECASE)


def _is_byline(s: str) -> bool:
    """"Willy Haryono • 25 Februari 2023 21:11", "SELASA, 18 MARET 2025 | 22:08 WIB | LAPORAN: …"."""
    return len(s) < 140 and bool(_BYLINE.search(s)) and bool(_TIMESTAMP_TIME.search(s))


def _inline_read_also(text: str, u: Unit) -> tuple[int, int] | None:
    """Span of an inline "[Baca juga] : Headline …" inside a body unit, to ignore."""
    m = _INLINE_READ_ALSO.search(text, u.start, u.end)
    if not m:
        return None
    pos = m.end()
    last_cap = pos
    while pos < u.end:
        t = _HEADLINE_TOKEN.match(text, pos, u.end)
        if not t:
            break
        pos = t.end()
        if t.group(0).strip()[:1].isupper():
            last_cap = pos
    # the headline's last capitalised word may start the next sentence ("… Krisna Menurut dia")
    nxt = _WORD.match(text, pos + 1 if pos < u.end else pos, u.end)
    end = pos
    if nxt and nxt.group(0)[:1].islower():
        prev = text.rfind(" ", m.end(), last_cap - 1)
        end = prev if prev > m.end() else pos
    return m.start(), max(end, m.end())


class CleanStep:
    """Marks the article body (paragraphs) and the furniture (ignored) of a Document."""

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        units = classify(doc)
        text = doc.text
        paragraphs: list[Paragraph] = []
        ignored: list[tuple[int, int, str]] = []
        for u in units:
            if u.kind == "ignored":
                ignored.append((u.start, u.end, u.reason))
                continue
            inline = _inline_read_also(text, u) if u.kind == "body" else None
            if inline:
                a, b = inline
                ignored.append((a, b, "read-also"))
                for s, e in ((u.start, a), (b, u.end)):
                    while s < e and text[s] in " ,;:":
                        s += 1
                    while e > s and text[e - 1] in " ,;:":
                        e -= 1
                    if e - s > 1:
                        paragraphs.append(Paragraph(s, e, u.kind))
                continue
            paragraphs.append(Paragraph(u.start, u.end, u.kind))
        doc.paragraphs = paragraphs
        doc.ignored = ignored
        return doc
