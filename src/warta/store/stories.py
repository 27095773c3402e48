"""Story grouping's text side: MinHash signatures over word shingles, LSH banding, headline words.

The LSH index lives in the database (table ``lsh_bands``: one row per article and
band, keyed by a 64-bit hash of the band's slice of the signature), so grouping is
incremental: a later ingest finds its candidates with one join instead of
rebuilding an in-memory index.  Candidates are confirmed by the estimated Jaccard
similarity of the stored signatures (see ``warta.store.grouping`` for the rule).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE = 5  # words per shingle
DUP = 0.7  # estimated Jaccard of a near copy: one story whatever the dates
THRESHOLD = 0.4  # estimated Jaccard at or above which two bodies published within days are one story
LOW = 0.18  # a lower estimated Jaccard is enough with the same headline words, published a day apart
TITLE_MIN = 0.15  # Jaccard of the headline words for that
EVENT_MIN = 0.05  # two articles with the same main event also share this much text (or headline words)
SEED = 1
MIN_SHINGLES = 20  # shorter bodies (empty pages, "-,", one-line captions) say too little to tie articles

_WORD = re.compile(r"\w+", re.UNICODE)
BANDS, ROWS = _optimal_param(LOW, NUM_PERM, 0.5, 0.5)
_DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def _title_stop() -> frozenset[str]:
    lines = (_DATA / "title_stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def title_words(title: str | None) -> frozenset[str]:
    """The headline's content words (3+ letters, no function words): what two headlines on one news share."""
    if not title:
        return frozenset()
    stop = _title_stop()
    return frozenset(w for w in _WORD.findall(title.lower()) if len(w) >= 3 and w not in stop)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray | None:
    """MinHash hash values (uint64, NUM_PERM) of the text's shingles; None for a text too short to compare."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit bucket key per LSH band."""
    out = []
    raw = sig.astype("<u8").tobytes()
    step = ROWS * 8
    for b in range(BANDS):
        h = hashlib.blake2b(raw[b * step : (b + 1) * step], digest_size=8).digest()
        out.append(int.from_bytes(h, "little", signed=True))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def sig_to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def sig_from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[x] = p
        return p

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self, items: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in items:
            out.setdefault(self.find(x), []).append(x)
        return out
