"""Sentence boundaries inside body paragraphs (offsets into the raw text)."""

from __future__ import annotations

import re

from warta.document import Document, Sentence

# end punctuation (optionally closing quotes/brackets), whitespace, then a capital, digit or opening quote;
# the leading look-ahead names every first character of a boundary, so the scan skips the others
_BOUNDARY = re.compile(r"(?=[.!?…\"”’“‘A-Z])(?:[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])"
                       # glued by the scrape: "…itu.Bulan lalu", "…kita.“Ini" (lowercase word, period, capital word)
                       r"|(?<=[a-z]{2}[.!?])[\"”’]?(?=[\"“‘]?[A-Z][a-z]))")
_ABBREV = frozenset(
    "dr drs ir prof h hj st no jl jln kol let jen mayjen brigjen kapt kompol bpk sdr tn ny mr mrs ms dll dsb yth "
    "vs u.s a.n s.h m.si s.e s.t s.ip dkk tgl kab kec kel rp jan feb mar apr jun jul agu agt sep sept okt nov des "
    "inc ltd co corp gen sen rep gov pt tbk".split()
)
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"”’')\]]*\s*$")


def _last_word(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_LAST_WORD.search(text, lo, hi)``, searched only from where its match can start: a match is a run of
    ``[\\w.!?…]``, closing marks, blanks, up to ``hi``, so it starts at or after the start of that tail (read
    backwards here); from ``lo`` the search would try, and backtrack through, every word before it."""
    i = hi
    while i > lo and text[i - 1].isspace():
        i -= 1
    while i > lo and text[i - 1] in "\"”’')]":
        i -= 1
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "_.!?…"):
        i -= 1
    return _LAST_WORD.search(text, i, hi)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        lw = _last_word(text, max(start, m.start() - 30), m.end())
        if lw:
            word = lw.group(1).lower().rstrip(".")
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        cut = m.end()
        seg_end = cut
        while seg_end > pos and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > pos:
            out.append((pos, seg_end))
        pos = cut
    if end > pos:
        out.append((pos, end))
    return out


class SentenceStep:
    name = "sentences"

    def __call__(self, doc: Document) -> Document:
        sents: list[Sentence] = []
        for i, p in enumerate(doc.paragraphs):
            for s, e in split_sentences(doc.text, p.start, p.end):
                sents.append(Sentence(s, e, i))
        doc.sentences = sents
        return doc
