"""Document language (id / en / ms / other) from function-word counts."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from warta.clean import resources
from warta.document import Document

_TOKEN = re.compile(r"[a-z]+")  # the words counted: what detect_language's byte split gives
_SAMPLE = 4000
# bytes.translate table: a-z kept, every other byte a space; with non-ASCII characters first encoded as "?",
# ``bytes.split()`` then gives exactly ``_TOKEN.findall`` (as bytes) at a third of its cost
_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[float, float, float]]:
    """Per function word, what one occurrence adds to the (id, en, ms) counts."""
    res = resources.get()
    out: dict[str, tuple[float, float, float]] = {}
    for w in res.lang_words["id"] | res.lang_words["en"] | res.lang_words["ms"]:
        i = 1.0 if w in res.lang_words["id"] else 0.0
        e = 1.0 if w in res.lang_words["en"] else 0.0
        m = 0.0
        if w in res.lang_words["ms"]:
            shared = w in res.ms_shared
            m = 0.5 if shared else 1.5
            if shared and w not in res.lang_words["id"]:
                i += 0.5  # "menteri", "negeri": Indonesian words too
        out[w] = (i, e, m)
    return out


@lru_cache(maxsize=1)
def _byte_weights() -> dict[bytes, tuple[float, float, float]]:
    """``_weights`` by ASCII-encoded word (a key that is not a string, e.g. YAML's ``on`` read as True, or not
    only a-z, can never equal a token and is left out)."""
    return {w.encode("ascii"): v for w, v in _weights().items() if isinstance(w, str) and _TOKEN.fullmatch(w)}


def detect_language(text: str) -> str:
    words = text[:_SAMPLE].lower().encode("ascii", "replace").translate(_LETTERS).split()
    if not words:
        return "other"
    weights = _byte_weights()
    c_id = c_en = c_ms = 0.0  # sums of halves: exact in any order
    for w, n in Counter(filter(weights.__contains__, words)).items():  # only the function words counted
        wt = weights[w]
        c_id += wt[0] * n
        c_en += wt[1] * n
        c_ms += wt[2] * n
    counts = {"id": c_id, "en": c_en, "ms": c_ms}
    best = max(counts, key=lambda k: counts[k])
    others = sum(v for k, v in counts.items() if k != best)
    # a short text may hold a single function word: enough when it outweighs the others
    if counts[best] < max(2.0, 0.05 * len(words)) and not (counts[best] >= 1 and counts[best] > others and len(words) < 40):
        return "other"
    # Malay shares most function words with Indonesian: it needs its own markers to win
    if best == "id" and counts["ms"] >= 0.5 * counts["id"] and counts["ms"] >= 4:
        return "ms"
    if best == "ms" and counts["id"] > counts["ms"]:
        return "id"
    return best


class LanguageStep:
    name = "language"

    def __call__(self, doc: Document) -> Document:
        body = _sample(doc) if doc.paragraphs else doc.text
        doc.language = detect_language(body)
        return doc


def _sample(doc: Document) -> str:
    """The start of ``doc.body_text(" ")``: enough paragraphs for the ``_SAMPLE`` characters looked at."""
    parts: list[str] = []
    size = 0
    for p in doc.paragraphs:
        parts.append(doc.text[p.start : p.end])
        size += p.end - p.start + 1
        if size > _SAMPLE:
            break
    return " ".join(parts)
