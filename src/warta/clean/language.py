"""Document language (id / en / ms / other) from function-word counts."""

from __future__ import annotations

import re

from warta.clean import resources
from warta.document import Document

_TOKEN = re.compile(r"[a-z]+")
_SAMPLE = 4000


def detect_language(text: str) -> str:
    res = resources.get()
    words = _TOKEN.findall(text[:_SAMPLE].lower())
    if not words:
        return "other"
    counts = {lang: 0.0 for lang in ("id", "en", "ms")}
    for w in words:
        for lang in ("id", "en"):
            if w in res.lang_words[lang]:
                counts[lang] += 1
        if w in res.lang_words["ms"]:
            shared = w in res.ms_shared
            counts["ms"] += 0.5 if shared else 1.5
            if shared and w not in res.lang_words["id"]:
                counts["id"] += 0.5  # "menteri", "negeri": Indonesian words too
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
        body = doc.body_text(" ") if doc.paragraphs else doc.text
        doc.language = detect_language(body)
        return doc
