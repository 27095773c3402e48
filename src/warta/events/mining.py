"""Cue variants mined from annotated articles: words and word pairs that mark an event type.

The lexicon (data/lexicon.yaml) was written by hand and misses paraphrases ("menuding", "di balik").
``mine_cues`` counts, over the training articles only, the word n-grams of the sentences holding a gold
event's evidence against all body sentences that name an actor; an n-gram that stands in at least
``min_support`` evidence sentences of one type and in few other sentences becomes an extra cue of that
type. The list is part of the model (``Model.meta["mined_cues"]``), so a cross-validation fold mines its
own list from its training folds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import ahocorasick

from warta.document import Document
from warta.events.lexicon import get_lexicon

_TOKEN = re.compile(r"[a-z][a-z-]{2,}")
_STOP = frozenset("""yang dan di ke dari untuk dengan pada dalam itu ini ada adalah akan telah sudah juga tidak
atau oleh sebagai bahwa para kata ujar mengatakan menurut tersebut karena namun tetapi saat lebih bisa dapat
kami kita mereka dia ia nya serta hal sejak setelah sebelum hari tahun bulan pekan lalu masih hanya seperti
antara secara kepada terhadap atas tentang sebuah seorang satu dua tiga banyak sangat jika agar kali baru
presiden menteri pemerintah negara luar negeri perdana wakil kementerian juru bicara senin selasa rabu kamis
jumat sabtu minggu september oktober november agustus juli juni""".split())


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _ngrams(low: str) -> set[str]:
    toks = _TOKEN.findall(low)
    grams = {t for t in toks if t not in _STOP and len(t) >= 4}
    grams |= {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False) if a not in _STOP or b not in _STOP}
    return grams


def mine_cues(items: Iterable[tuple[Document, Sequence[dict[str, Any]]]], *, min_support: int = 3,
              min_precision: float = 0.25, per_type: int = 40) -> dict[str, list[str]]:
    """Extra cue forms per event type from (document, gold events) pairs of the training articles."""
    lex = get_lexicon()
    pos: dict[str, Counter[str]] = {}
    bg: Counter[str] = Counter()
    for doc, gold in items:
        low = doc.lower_text()
        sents = [(s.start, s.end) for s in doc.sentences]
        named = {i for i, (a, b) in enumerate(sents) if any(a <= m.start < b for m in doc.mentions)}
        grams = {i: _ngrams(low[a:b]) for i, (a, b) in enumerate(sents) if i in named}
        for g in grams.values():
            bg.update(g)
        for ev in gold:
            if ev.get("optional"):
                continue
            frags = [_norm(f) for f in (ev.get("text") or "").replace("…", "...").split("...")]
            frags = [f[:25] for f in frags if len(f) >= 25]
            hit = set()
            for i in grams:
                s = _norm(low[sents[i][0] : sents[i][1]])
                if any(f in s for f in frags):
                    hit |= grams[i]
            pos.setdefault(ev["type"], Counter()).update(hit)
    out: dict[str, list[str]] = {}
    known = {k for k in lex.automaton.keys()} if hasattr(lex.automaton, "keys") else set()
    for t, c in sorted(pos.items()):
        cands = [(g, n / bg[g]) for g, n in c.items() if n >= min_support and bg[g] and n / bg[g] >= min_precision
                 and g not in known]
        cands.sort(key=lambda x: (-x[1], x[0]))
        out[t] = sorted(g for g, _ in cands[:per_type])
    return out


@lru_cache(maxsize=8)
def _automaton(frozen: tuple[tuple[str, tuple[str, ...]], ...]) -> Any:
    auto = ahocorasick.Automaton()
    forms: dict[str, list[str]] = {}
    for t, gs in frozen:
        for g in gs:
            forms.setdefault(g, []).append(t)
    for g, ts in forms.items():
        auto.add_word(g, (g, tuple(sorted(ts))))
    if forms:
        auto.make_automaton()
    return auto if forms else None


def find_mined(low: str, spans: list[tuple[int, int]], mined: dict[str, list[str]]
               ) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Whole-word hits of the mined forms inside the spans: (start, end, form, types)."""
    if not mined:
        return []
    auto = _automaton(tuple(sorted((t, tuple(v)) for t, v in mined.items())))
    if auto is None:
        return []
    out = []
    n = len(low)
    for a, b in spans:
        for end, (form, types) in auto.iter(low, a, b):
            e = end + 1
            s = e - len(form)
            if (s > 0 and (low[s - 1].isalnum() or low[s - 1] == "-")) or (e < n and (low[e].isalnum() or low[e] == "-")):
                continue
            out.append((s, e, form, types))
    out.sort()
    return out
