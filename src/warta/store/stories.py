"""Story grouping's text side: MinHash signatures over word shingles, LSH banding, headline words.

The LSH index lives in the database (table ``lsh_bands``: one row per article and
band, keyed by a 64-bit hash of the band's slice of the signature), so grouping is
incremental: a later ingest finds its candidates with one join instead of
rebuilding an in-memory index.  Candidates are confirmed by the estimated Jaccard
similarity of the stored signatures (see ``warta.store.grouping`` for the rule).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
from collections.abc import Iterable
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

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
TEMPLATE_DAYS = 5  # a shingle an outlet printed on this many distinct days is its boilerplate, not one story's
# (a story spans at most STORY_SPAN_DAYS + 1 = 4 days, see warta.store.grouping)
NUMBERS = 0.6  # two reports of different days whose differing shingles are mostly numbers: a template series
ID_MASK = 0x7FFFFFFF  # a shingle's id: the low 31 bits of its 32-bit hash; bit 31 of a key flags a digit in it
DIGIT = 0x80000000

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


_DEIXIS = {  # headline words that anchor the headline to a day relative to its publication (days after it)
    "hari ini": 0, "malam ini": 0, "pagi ini": 0, "siang ini": 0, "sore ini": 0, "nanti malam": 0,
    "besok": 1, "kemarin": -1, "tadi malam": -1, "semalam": -1,
}
_DEIXIS_RE = re.compile(r"\b(" + "|".join(sorted(_DEIXIS, key=len, reverse=True)) + r")\b")
_MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
           "november", "desember")
_DATE_RE = re.compile(r"\b(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s+(" + "|".join(_MONTHS) + r")\b(?:\s+(\d{4}))?")


def title_day(title: str | None, pub: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The day or days a headline says it is about ("hari ini", "besok", "Rabu 11 September 2019"), or None.

    A deictic word counts from the publication day; a written date ("11 September", "16-22 September")
    takes its year from the headline or, failing that, from the publication.
    """
    if not title or pub is None:
        return None
    low = title.lower()
    m = _DATE_RE.search(low)
    if m:
        year = int(m.group(4)) if m.group(4) else pub.year
        month = _MONTHS.index(m.group(3)) + 1
        try:
            lo = dt.date(year, month, int(m.group(1)))
            hi = dt.date(year, month, int(m.group(2))) if m.group(2) else lo
        except ValueError:
            return None
        return (lo, hi) if lo <= hi else None
    d = _DEIXIS_RE.search(low)
    if d:
        day = pub + dt.timedelta(days=_DEIXIS[d.group(1)])
        return day, day
    return None


_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad")
_DAY_WORDS = frozenset(_WEEKDAYS + _MONTHS)
LEAD_WORDS = 30  # the lead: an article's first words, where a news report says what happened and when
LEAD_SHARED = 12  # two leads this much alike (words in common) can be one template filled twice
LEAD_OTHER = 2  # words other than days and numbers that a template's two fillings may differ in ("diprediksi")


def lead_words(text: str | None, n: int = LEAD_WORDS) -> list[str]:
    return _WORD.findall((text or "").lower())[:n]


def _day_word(w: str) -> bool:
    return w in _DAY_WORDS or any(c.isdigit() for c in w)


def same_lead_other_day(a: list[str], b: list[str]) -> bool:
    """Whether two leads are one sentence with only its day or date changed ("BMKG memprediksi cuaca
    Jakarta pada Selasa (17/9/2019) cerah berawan" and the same on Rabu (18/9/2019)): the editions of a
    recurring report (a daily forecast, a schedule), not one piece of news and its follow-up, whose lead
    tells what is new.  Of the words of one lead's head missing from the other lead, at least one is a
    day, month or number and at most LEAD_OTHER are anything else."""
    if len(a) < LEAD_SHARED or len(b) < LEAD_SHARED:
        return False
    head_a, head_b = set(a[: LEAD_WORDS - 10]), set(b[: LEAD_WORDS - 10])
    only = (head_a - set(b)) | (head_b - set(a))
    days = sum(1 for w in only if _day_word(w))
    return days > 0 and len(only) - days <= LEAD_OTHER and len(head_a & head_b) >= LEAD_SHARED


LEAD_TOLD = 0.25  # share of one lead's content words a same-day article on the same news also prints
TOLD_WORDS = 40  # the lead for that


def body_words(body: str | None) -> frozenset[str]:
    """The distinct lower-cased words of a body (what ``lead_told`` looks a lead's words up in)."""
    return frozenset(_WORD.findall((body or "").lower()))


def lead_told(lead: list[str], other: frozenset[str]) -> float:
    """Which share of a lead's content words (4+ letters, no headline filler, no numbers) the other body
    (its ``body_words``) has.

    A report's lead tells its news; another report of that news, the same day, uses its words.  Two
    items on one case (the police freezing an account; a student group saying she is their lawyer)
    share only the case's background further down.
    """
    stop = _title_stop()
    words = {w for w in lead if len(w) >= 4 and w not in stop and not any(c.isdigit() for c in w)}
    if not words:
        return 1.0
    return len(words & other) / len(words)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """The distinct k-word shingles of the lower-cased text, each its words joined by one space, UTF-8.

    Each is a slice of the whole word sequence joined and encoded once (UTF-8 of a join is the join of the
    encodings), cut at the words' byte offsets, instead of a join and an encoding per shingle.
    """
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    joined = " ".join(words).encode()
    sizes = map(len, words) if len(joined) == len(words) - 1 + sum(map(len, words)) else (
        len(w.encode()) for w in words)
    starts = [0, *accumulate(n + 1 for n in sizes)]  # byte offset of each word (and one past the end + 1)
    return {joined[a : b - 1] for a, b in zip(starts, starts[k:], strict=False)}


@cache
def _minhash() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED)


_DIGIT_RE = re.compile(rb"[0-9]")
_DIGIT_TABLE = bytes(1 if 0x30 <= c <= 0x39 else 0 for c in range(256))  # a byte: 1 for what _DIGIT_RE matches, else 0


@cache
def _sha1_hash32() -> Any:
    from datasketch.hashfunc import sha1_hash32

    return sha1_hash32


_U32 = struct.Struct("<I").unpack_from


def _hash32(items: list[bytes]) -> list[int]:
    """datasketch's sha1_hash32 of each item (the first 4 bytes of SHA-1, little-endian), without its call per item."""
    sha1 = hashlib.sha1
    return [_U32(sha1(x).digest())[0] for x in items]


def _hash32_array(items: list[bytes]) -> np.ndarray:
    """``_hash32`` as a uint32 array: the digests joined, the first little-endian word of each (no int per item)."""
    import numpy as np

    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(x).digest() for x in items]), dtype="<u4")[::5].astype(np.uint32)


class Sketch(NamedTuple):
    """What story grouping keeps of a body: its MinHash signature, which shingle gave each slot its minimum
    (``keys``: the shingle id, with DIGIT set when the shingle holds a number), and every shingle id."""

    sig: np.ndarray  # uint64[NUM_PERM], datasketch's MinHash values
    keys: np.ndarray  # uint32[NUM_PERM]
    ids: np.ndarray  # uint32, the shingle ids (for the outlet's template statistics)


def sketch(text: str) -> Sketch | None:
    """The body's Sketch; None for a text too short to compare.

    The signature is datasketch's ``MinHash(NUM_PERM, seed=SEED).update_batch(shingles)``,
    computed here so that the argmin of each slot is known too: two articles agreeing in a
    slot share that slot's shingle, so a stored sketch tells *which* shingles two articles
    share (a sample of them) without keeping their texts.
    """
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    import numpy as np

    m = _minhash()
    items = list(sh)
    if m.hashfunc is _sha1_hash32() and m.scheme != "legacy":
        hv0 = _hash32_array(items)
        srt = np.sort(hv0)
        if (srt[1:] == srt[:-1]).any():  # equal hashes tie in a slot: the first in a fixed order wins
            items = sorted(items)
            hv0 = _hash32_array(items)
        hv_list: Any = hv0
    else:
        items = sorted(items)  # a fixed order, so that ties (equal 32-bit hashes) resolve the same way every run
        hv_list = _hash32(items) if m.hashfunc is _sha1_hash32() else [m.hashfunc(x) for x in items]
    a, b = m.permutations
    if m.scheme == "legacy":  # datasketch < 2
        from datasketch.minhash import _max_hash, _mersenne_prime

        hv = np.array(hv_list, dtype=np.uint64)
        phv = np.bitwise_and((hv[None, :] * a[:, None] + b[:, None]) % _mersenne_prime, _max_hash)
    else:  # datasketch 2's update_batch, step by step (one row per permutation: a contiguous argmin)
        from datasketch.minhash import _SCHEME_WIDTHS, _fmix

        hv = m._hash_input_array(hv_list)
        phv = _fmix(hv.reshape(1, -1), _SCHEME_WIDTHS[m.scheme]) * a[:, None] + b[:, None]
    arg = phv.argmin(axis=1)
    sig = phv[np.arange(NUM_PERM), arg].astype(np.uint64)
    ids32 = (hv.astype(np.uint64) & ID_MASK).astype(np.uint32)
    digit = np.fromiter((1 in x.translate(_DIGIT_TABLE) for x in map(items.__getitem__, arg.tolist())), dtype=bool,
                        count=NUM_PERM)  # whether the slot's shingle has a digit (_DIGIT_RE), by one C pass each
    keys = ids32[arg] | np.where(digit, np.uint32(DIGIT), np.uint32(0))
    return Sketch(sig, keys.astype(np.uint32), ids32)  # (31-bit ids may repeat: shingle_days keeps them once)


def signature(text: str) -> np.ndarray | None:
    """MinHash hash values (uint64, NUM_PERM) of the text's shingles; None for a text too short to compare."""
    s = sketch(text)
    return s.sig if s is not None else None


def keys_to_bytes(keys: np.ndarray) -> bytes:
    return keys.astype("<u4").tobytes()


def keys_from_bytes(raw: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def compare(sa: np.ndarray, sb: np.ndarray, ka: np.ndarray | None, kb: np.ndarray | None,
            ta: np.ndarray | None, tb: np.ndarray | None) -> tuple[float, float, float]:
    """(Jaccard, Jaccard without template shingles, share of numbers in what differs), all estimated.

    ``ta``/``tb``: per slot, whether the shingle of that slot of a/b is template boilerplate.
    A slot's minimum over both articles is the owner's (the smaller value); it is shared when
    both agree.  Conditioned on the owner's shingle not being a template, the slot estimates
    the Jaccard of the non-template shingles; the owners of the disagreeing slots are a sample
    of the shingles only one article has.  Without keys (an older store) the last two are the
    plain Jaccard and 0.
    """
    import numpy as np

    match = sa == sb
    j = float(np.count_nonzero(match)) / len(sa)
    if ka is None or kb is None or ta is None or tb is None:
        return j, j, 0.0
    own_a = sa <= sb
    tmpl = np.where(own_a, ta, tb)
    keep = ~tmpl
    n_keep = int(np.count_nonzero(keep))
    je = float(np.count_nonzero(match & keep)) / n_keep if n_keep else 0.0
    diff = ~match
    n_diff = int(np.count_nonzero(diff))
    digit = (np.where(own_a, ka, kb) & DIGIT) != 0
    nums = float(np.count_nonzero(digit & diff)) / n_diff if n_diff else 0.0
    return j, je, nums


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
