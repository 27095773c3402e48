"""Story grouping's text side: MinHash signatures over word shingles, LSH banding, headline words.

The LSH index lives in the database (table ``lsh_bands``: one row per article and
band, keyed by a 64-bit hash of the band's slice of the signature), so grouping is
incremental: a later ingest finds its candidates with one join instead of
rebuilding an in-memory index.  Candidates are confirmed by the estimated Jaccard
similarity of the stored signatures (see ``warta.store.grouping`` for the rule).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy and datasketch (which pulls in scipy) load only when stories are computed
    import numpy as np

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


@cache
def bands_rows() -> tuple[int, int]:
    """LSH bands and rows per band for LOW, the lowest similarity a link uses (datasketch's optimum)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(LOW, NUM_PERM, 0.5, 0.5)


def __getattr__(name: str) -> Any:  # BANDS, ROWS computed on first use
    if name == "BANDS":
        return bands_rows()[0]
    if name == "ROWS":
        return bands_rows()[1]
    raise AttributeError(name)


_DATA = Path(__file__).resolve().parent / "data"


@cache
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
    import numpy as np
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit bucket key per LSH band."""
    out = []
    raw = sig.astype("<u8").tobytes()
    bands, rows = bands_rows()
    step = rows * 8
    for b in range(bands):
        h = hashlib.blake2b(raw[b * step : (b + 1) * step], digest_size=8).digest()
        out.append(int.from_bytes(h, "little", signed=True))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    import numpy as np

    return float(np.count_nonzero(a == b)) / len(a)


def sig_to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def sig_from_bytes(raw: bytes) -> np.ndarray:
    import numpy as np

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
