"""The faster scans of the speed work find exactly what the patterns they replace found (random strings over the
characters that matter, random bounds)."""

from __future__ import annotations

import random
import re

from warta.actors.step import _CAPWORD, _CAPWORD_CAND, _capword_start
from warta.clean import resources
from warta.clean.cleaner import _UNIT_BREAK

N = int(__import__("os").environ.get("SPEED_N", "20000"))


def _strings(alphabet: str, seed: int, longest: int = 12) -> list[tuple[str, int, int]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(N):
        t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, longest)))
        s = rnd.randint(0, len(t))
        out.append((t, s, rnd.randint(s, len(t))))
    return out


def test_coref_words_as_capword() -> None:
    def keep(w: str) -> bool:
        return w[:1].isupper() or (w[:3].lower() in ("al-", "el-") and w[3:4].isupper())

    for t, s, e in _strings("aAeElL-'’_ 1²½xÉé.İ", 1):
        old = [m.span() for m in _CAPWORD.finditer(t, s, e) if keep(m.group(0))]
        new = [m.span() for m in _CAPWORD_CAND.finditer(t, s, e)
               if not (t[m.start() - 1 : m.start()] in ("'", "’") and not _capword_start(t, m.start(), s, e))
               and keep(m.group(0))]
        assert old == new, (t, s, e)


def test_unit_break_as_before() -> None:
    before = re.compile(r"(?=[\s,])(?:\n|(?<=[.!?\"”’\]])\s*,+(?=\s*[\"“‘A-Z\[(])|,{2,}(?!\s*[,a-z])"
                        r"|(?<=[.!?\"”’:\]]),{2,}|(?<=[.!?\"”’:\]])\s+,{2,}|(?<=[a-z]),(?=[A-Z][a-z]))")
    for t, _, _ in _strings(" \n\t,,,.!?\"”’:]aAbB[(“‘\u00a0", 2):
        assert [m.span() for m in before.finditer(t)] == [m.span() for m in _UNIT_BREAK.finditer(t)], t


def test_caption_prefilter_never_drops_a_caption() -> None:
    res = resources.get()
    assert res.caption_words is not None  # the YAML's caption list is the one the test was written for
    rnd = random.Random(4)
    frags = ["(", ")", " ", ".", "\n", "AFP", "foto", "Foto", "ANTARA", "/", ":", "x", "gambar", "photo", "dok.",
             "\t", "ist", "Reuters", "a"]
    hits = 0
    for _ in range(N):
        t = "".join(rnd.choice(frags) for _ in range(rnd.randint(1, 12)))
        if res.caption.search(t):
            hits += 1
            assert resources.may_be_caption(res, t, t.lower()), t
    assert hits > 100


def test_caption_search_from_finds_the_same() -> None:
    res = resources.get()
    rnd = random.Random(5)
    frags = ["(", ")", " ", ".", "\n", "AFP", "ap", "ist", "(Reuters)", "foto", "ANTARA", "/", ":", "x", "dok.",
             "(", "file", "epa", "a", "Pool", "\t", "(x/AFP)"]
    for _ in range(N):
        t = "".join(rnd.choice(frags) for _ in range(rnd.randint(1, 14)))
        at = resources.caption_from(res, t, t.lower())
        assert bool(res.caption.search(t)) == (at is not None and bool(res.caption.search(t, at))), t


def test_last_word_as_search() -> None:
    from warta.clean.sentences import _LAST_WORD, _last_word

    for t, s, e in _strings("aB1_. !?…\"”’')]\n\t²x", 6, longest=16):
        old = _LAST_WORD.search(t, s, e)
        new = _last_word(t, s, e)
        assert (old and (old.span(), old.group(1))) == (new and (new.span(), new.group(1))), (t, s, e)
