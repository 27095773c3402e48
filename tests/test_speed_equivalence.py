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


def test_sketch_as_sorted_sha1_minhash() -> None:
    """stories.sketch (shingles cut from one encoding, digests joined, no sort unless two hashes tie, digit flag by
    translate) equals the computation it replaces: sorted shingles, one sha1_hash32 per shingle, _DIGIT_RE."""
    import numpy as np

    from warta.store import stories as ST

    def shingles(text: str, k: int = ST.SHINGLE) -> set[bytes]:
        words = ST._WORD.findall(text.lower())
        if len(words) < k:
            return {" ".join(words).encode()} if words else set()
        return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}

    m = ST._minhash()
    a, b = m.permutations
    from datasketch.minhash import _SCHEME_WIDTHS, _fmix

    rnd = random.Random(5)
    vocab = ["a", "b", "1", "x2", "é", "ß", "日本", "İ", "kata", "20", "ṩ", "_", "ab"]
    for n in range(max(200, N // 50)):
        text = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 60)))
        if n % 7 == 0:
            text = text.upper()
        assert ST.shingles(text) == shingles(text), text
        got = ST.sketch(text)
        sh = sorted(shingles(text))
        if len(sh) < ST.MIN_SHINGLES:
            assert got is None
            continue
        hv = m._hash_input_array([ST._sha1_hash32()(x) for x in sh])
        phv = _fmix(hv.reshape(1, -1), _SCHEME_WIDTHS[m.scheme]) * a[:, None] + b[:, None]
        arg = phv.argmin(axis=1)
        digit = np.array([ST._DIGIT_RE.search(sh[i]) is not None for i in arg])
        keys = (hv.astype(np.uint64) & ST.ID_MASK).astype(np.uint32)[arg] | np.where(digit, np.uint32(ST.DIGIT), 0)
        assert got is not None and got.sig.dtype == np.uint64 and got.keys.dtype == np.uint32
        assert np.array_equal(got.sig, phv[np.arange(ST.NUM_PERM), arg].astype(np.uint64)), text
        assert np.array_equal(got.keys, keys.astype(np.uint32)), text
        assert sorted(got.ids.tolist()) == sorted(((hv.astype(np.uint64) & ST.ID_MASK).astype(np.uint32)).tolist())


def test_sketch_tie_keeps_sorted_order(monkeypatch) -> None:  # noqa: ANN001
    """Two shingles with one 32-bit hash tie in every slot: the first in sorted order gives the slot's digit flag."""
    import numpy as np
    from datasketch.minhash import _fmix

    from warta.store import stories as ST

    a, b = ST._minhash().permutations
    real = ST._hash32_array

    def argmins(hv: np.ndarray) -> np.ndarray:
        return (_fmix(hv.reshape(1, -1), 32) * a[:, None] + b[:, None]).argmin(axis=1)

    text = " ".join(chr(97 + i % 26) * (1 + i // 26) if i % 9 else str(i) for i in range(60))
    sh = sorted(ST.shingles(text))
    has = [ST._DIGIT_RE.search(x) is not None for x in sh]
    wins = np.bincount(argmins(real(sh)), minlength=len(sh))
    y = int(wins.argmax())  # the shingle of most slots; x: an earlier one of the other kind, given y's hash
    x = next(i for i in range(y) if has[i] != has[y])
    twin = {sh[x]: real([sh[y]])[0]}

    def fake(items: list[bytes]) -> np.ndarray:
        hv = real(items)
        for j, it in enumerate(items):
            if it in twin:
                hv[j] = twin[it]
        return hv

    monkeypatch.setattr(ST, "_hash32_array", fake)
    for _ in range(5):  # whatever order the set gives
        got = ST.sketch(text)
        assert got is not None
        arg = argmins(fake(sh))
        assert (arg == x).sum() == wins[y]  # the sorted order gives x (listed first) y's slots
        digit = np.array([has[i] for i in arg])
        assert np.array_equal((got.keys & np.uint32(ST.DIGIT)) != 0, digit)


def test_scoring_from_the_shared_prefix_is_bit_for_bit_and_side_cache_changes_nothing(monkeypatch) -> None:  # noqa: ANN001
    """EventsStep.scored sums the cue-and-type features once (Model.partial) and goes on from there per pair
    (Model.prob_after): the same float as Model.prob over all features; generate's side-feature cache gives the
    features it would compute afresh."""
    from conftest import need_shared
    from warta.events import candidates as C
    from warta.events.scorer import default_model
    from warta.pipeline import Pipeline
    from warta.read import iter_documents

    model = default_model()
    if model is None:
        return
    pipe = Pipeline.default()
    ev = next(s for s in pipe.language_steps if getattr(s, "name", "") == "events")
    fresh = C._typed_side
    checked = 0
    for doc in list(iter_documents([need_shared("eval", "dev.jsonl")]))[:80]:
        for st in pipe.steps:
            doc = st(doc)
        if doc.language not in ("id", "ms"):
            continue
        for st in pipe.language_steps:
            if st is not ev:
                doc = st(doc)
        doc = ev.rules(doc)
        args = (doc, list(doc.events), model.meta.get("mined_cues"))
        monkeypatch.setattr(C, "_typed_side", fresh)
        got = C.generate(*args)
        monkeypatch.setattr(C, "_typed_side", lambda *a: fresh(*a[:-1], None))
        assert [i.features for i in got] == [i.features for i in C.generate(*args)]
        for inst in got:
            if inst.shared is not None:
                assert inst.features[: len(inst.shared)] == inst.shared
                pre = model.partial(inst.shared)
                assert model.prob_after(pre, inst.features, len(inst.shared)) == model.prob(inst.features)
                checked += 1
    assert checked > 20


def test_clause_scan_as_break_by_break() -> None:
    """RuleCoder._clause (one scan of the breaks each side of the cue) equals one rfind and one find per break."""
    from warta.events.coder import RuleCoder

    rc = RuleCoder()
    breaks = list(rc.g["breaks"])
    rnd = random.Random(6)
    frags = [*breaks, " ", ",", "a", "X", "Untuk", " untuk P", "\u201c", "\u201d", '"', ".", "kata", " -", "-- "]
    for _ in range(max(2000, N // 4)):
        text = "".join(rnd.choice(frags) for _ in range(rnd.randint(0, 14)))
        low = text.lower()
        n = len(low)
        s0 = rnd.randint(0, n)
        s1 = rnd.randint(s0, n)
        c0 = rnd.randint(s0, s1)
        c1 = rnd.randint(c0, s1)
        for t in (text, ""):
            assert rc._clause(low, s0, s1, c0, c1, t) == rc._clause_by_break(low, s0, s1, c0, c1, t), (text, s0, s1, c0, c1)


def test_presketch_is_used_only_for_the_body_it_was_made_of() -> None:
    """A worker's sketch of body_text (ingest.PRESKETCH) stands for the one prepare would compute, is not part
    of the stored record, and is dropped when the stored body is another text (no body_text, or a record that
    needed its strings cleaned)."""
    from warta.store import ingest as I
    from warta.store import stories as ST

    body = " ".join(f"kata{i} lain{i % 7}" for i in range(60))
    rec = {"id": "a1", "text": body, "body_text": body, "language": "id"}
    marker = ST.sketch("x " * 3)  # None: a text too short, distinguishable from the body's sketch
    a = I.normalize({**rec, I.PRESKETCH: marker})
    assert a.sketched and a.sketch is marker
    same = {k: v for k, v in I.normalize(rec).row.items() if k != "ingested_at"}
    assert I.PRESKETCH not in a.row["record"] and {k: v for k, v in a.row.items() if k != "ingested_at"} == same
    arts = I.prepare([{**rec, I.PRESKETCH: ST.sketch(body)}], I.IngestStats())
    plain = I.prepare([rec], I.IngestStats())
    assert (arts["a1"].sig == plain["a1"].sig).all() and (arts["a1"].sketch.keys == plain["a1"].sketch.keys).all()
    no_body = {k: v for k, v in rec.items() if k != "body_text"}
    assert not I.normalize({**no_body, I.PRESKETCH: marker}).sketched
    dirty = {**rec, "title": "a\ud800b"}  # a lone surrogate: the record is cleaned, the body may change
    assert not I.normalize({**dirty, I.PRESKETCH: marker}).sketched


def test_language_words_as_findall() -> None:
    from warta.clean.language import _LETTERS, _TOKEN

    for t, _, _ in _strings("abzAZ \n-'’1?é\u0130\u212aßﬁ\u00a0\x7f", 11, 30):
        old = _TOKEN.findall(t.lower())
        new = [w.decode("ascii") for w in t.lower().encode("ascii", "replace").translate(_LETTERS).split()]
        assert old == new, t


def test_repair_cache_changes_nothing() -> None:
    from warta.read import repair

    texts = ["Dia berkata â€œhaloâ€\x9d kepada Ã©lite", "Harga Â 5 ‚Äúsatu‚Äù", "tanpa tanda", "cafÃ© Ã© Ã©"]
    repair._FIXED.clear()
    first = [repair.repair_text(t) for t in texts]
    assert repair._FIXED
    assert [repair.repair_text(t) for t in texts] == first
    repair._FIXED.clear()
    assert [repair.repair_text(t) for t in texts * 2] == first * 2


def test_date_alternatives_with_lookaheads_as_plain() -> None:
    from warta.dates import core

    plain, plain_ci = re.compile(core._PLAIN_PATTERN), re.compile(core._PLAIN_PATTERN, re.IGNORECASE)
    rnd = random.Random(12)
    frags = [" ", ", ", "(", ")", "/", "-", "12", "3", "2023", "1998", "0", "tahun", "Tahun", "lalu", "pada", "Senin",
             "kamis", "Mei", "januari", "Agustus", "sejak", "awal", "akhir", "pekan", "bulan", "ini", "dua", "se",
             "hari", "kemarin", "keesokan", "harinya", "last", "next", "week", "the", "day", "ago", "yang", "depan",
             "mendatang", "K", "\u212a", "\u017f", "s", "İ", ".", "’", "'", "jum'at", "pertengahan", "x", "hingga"]
    hits = 0
    for _ in range(N):
        t = " " + "".join(rnd.choice(frags) + rnd.choice(["", " ", " ", ", "]) for _ in range(rnd.randint(1, 10)))
        low = t.lower()
        for new, old, s in ((core._RX, plain, low), (core._RX_CI, plain_ci, t)):
            a = [(m.span(), m.groupdict()) for m in new.finditer(s)]
            assert a == [(m.span(), m.groupdict()) for m in old.finditer(s)], s
            hits += len(a)
    assert hits > N


def test_actor_candidates_one_pass_as_per_paragraph() -> None:
    from warta.actors.step import ActorsStep

    step = ActorsStep()
    rnd = random.Random(13)
    frags = ["Indonesia", "Jakarta", "Amerika Serikat", "Amerika", "Serikat", "PBB", "Joko Widodo", "Jokowi", "China",
             "Presiden", "presiden", "Menteri Luar Negeri", "Israel", "Palestina", "Rusia", "Ukraina", "KPK", "TNI",
             "Jepang", "Malaysia", "Uni Eropa", "ASEAN", "x", "-", ",", ".", "\n", "dan", "ke", "di"]
    found = 0
    for _ in range(N // 10):
        text = "".join(rnd.choice(frags) + rnd.choice(["", " ", " ", "\n"]) for _ in range(rnd.randint(1, 25)))
        cuts = sorted(rnd.sample(range(len(text) + 1), min(len(text) + 1, 2 * rnd.randint(1, 5))))
        paras = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
        low = text.lower()
        c1: set[str] = set()
        c2: set[str] = set()
        one = step._candidates(text, low, paras, c1)
        per = [step._para_candidates(text, low, s, e, c2) for s, e in paras]
        assert [sorted((s, e, id(x)) for s, e, x in c) for c in one] == \
            [sorted((s, e, id(x)) for s, e, x in c) for c in per], (text, paras)
        assert c1 == c2
        found += sum(map(len, one))
    assert found > N // 10


def test_fold_safe_and_repair_markers_by_isascii() -> None:
    from warta.read.repair import MARKERS

    for t, _, _ in _strings("aZ \u0130\u0131\u017f\u00e9\u201c‚Ä\u00c3\u00a9â€x", 14, 8):
        assert resources.fold_safe(t) == (not resources._FOLD_UNSAFE.search(t)), t
        if t.isascii():
            assert not MARKERS.search(t)


def test_wire_cue_needs_a_cue_word() -> None:
    res = resources.get()
    assert res.wire_cue_words is not None  # the YAML's cue list is the one the test was written for
    rnd = random.Random(15)
    frags = ["sumber", "dikutip", "dari", "mengutip", "dilansir", "melansir", "seperti", "menurut", "laporan", "via",
             "laman", "kata", "kantor", "berita", "reuters", "afp", "ap", "antara", "xinhua", "al jazeera", ":", " ",
             "  ", "situs", "media", "x", "kutip", "ngutip", "lansir", "(", ")", "sumbe", "dilansi"]
    hits = 0
    for _ in range(N):
        t = "".join(rnd.choice(frags) + rnd.choice(["", " ", " "]) for _ in range(rnd.randint(1, 8)))
        if res.wire_cue_lower.search(t):
            hits += 1
            assert any(w in t for w in res.wire_cue_words), t
    assert hits > 100


def test_byline_needs_a_separator() -> None:
    import sys

    from warta.clean.cleaner import _BYLINE

    sep = re.compile(r"[•|·]", re.IGNORECASE)  # the separator set of _BYLINE, as it matches there
    assert [chr(c) for c in range(sys.maxunicode + 1) if sep.match(chr(c))] == ["|", "·", "•"]
    assert "[•|·]" in _BYLINE.pattern and _BYLINE.pattern.count("[") == 3  # the one set it must match


def test_read_also_needs_its_words() -> None:
    from warta.clean.cleaner import _READ_ALSO

    rnd = random.Random(16)
    frags = ["baca", "Baca", "BACA", "lihat", "LIHAT", "simak", "Simak", "juga", "JUGA", "pula", "ſimak", "L\u0130HAT",
             "l\u0131hat", "\u212a", " ", ":", "[", "]", "(", ")", "-", "x", "bac", "ihat", "si mak"]
    hits = 0
    for _ in range(N):
        t = "".join(rnd.choice(frags) + rnd.choice(["", " ", " "]) for _ in range(rnd.randint(1, 6)))
        if _READ_ALSO.search(t):
            hits += 1
            low = t.lower()
            assert "baca" in low or "lihat" in low or "simak" in low or not resources.fold_safe(t), t
    assert hits > 100


def test_date_scan_over_ascii_word_characters_as_plain() -> None:
    from warta.dates import core

    rnd = random.Random(17)
    frags = [" ", ", ", "(", ")", "/", "12", "2023", "tahun", "lalu", "pada", "senin", "mei", "januari", "sejak",
             "dua", "hari", "kemarin", "\u201c", "\u201d", "’", "'", "\u2013", "\u00a0", "x", "_", "\u00e9", "\u00b2",
             "\u0660", "caf\u00e9", "\u00e0wal", "-"]
    hits = 0
    for _ in range(N):
        low = " " + "".join(rnd.choice(frags) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 10)))
        if not (low.isascii() or not core._NON_ASCII_WORD.search(low)):
            assert any(c.isalnum() or c == "_" for c in low if not c.isascii())
            continue
        a = [(m.span(), m.groupdict()) for m in core._RX_FAST.finditer(low)]
        assert a == [(m.span(), m.groupdict()) for m in core._RX.finditer(low)], low
        hits += len(a)
    assert hits > N // 10


def test_fuzzy_person_with_count_filter_as_extract_one() -> None:
    from rapidfuzz import fuzz, process

    from warta.actors.gazetteer import get_gazetteer

    g = get_gazetteer()
    rnd = random.Random(18)
    names = g.person_names_folded
    found = 0
    for _ in range(max(200, N // 50)):
        w = list(rnd.choice(names))
        for _ in range(rnd.randint(0, 3)):  # a few edits: the names a fuzzy look-up meets
            i = rnd.randrange(len(w) + 1)
            op = rnd.random()
            if op < 0.4 and i < len(w):
                w[i] = rnd.choice("aeiouknrstyz '")
            elif op < 0.7:
                w.insert(i, rnd.choice("aeiouhnr "))
            elif i < len(w):
                del w[i]
        q = "".join(w)
        for cutoff in (87, 90):
            near, keys = g._names_near_length(len(q), cutoff)
            g._by_length.clear()  # (kept by length only: rebuilt for this cutoff)
            best = process.extractOne(q, near, scorer=fuzz.ratio, score_cutoff=cutoff) if near else None
            old = None if best is None else (best[0], keys[best[2]])
            assert g._fuzzy_scan(q, cutoff) == old, q
            found += old is not None
    assert found > 50


def test_lazy_date_index_as_eager() -> None:
    from warta.dates import find_expressions
    from warta.events.coder import _DateIndex

    text = "Menteri itu tiba pada Senin (3/12/2026), lalu bertemu 5 Desember dan kembali 7-9 Januari 2027."
    eager, lazy = _DateIndex(find_expressions(text), "2026-12-03"), _DateIndex(None, "2026-12-03", text)
    assert lazy.scanned() is None
    assert [(x.start, x.end, x.kind) for x in lazy.within(0, len(text))] == \
        [(x.start, x.end, x.kind) for x in eager.within(0, len(text))]
    assert lazy.scanned() is lazy.exprs and lazy.starts == eager.starts
    for a, b in ((0, 40), (10, len(text)), (50, 60)):
        assert lazy.last_recent_day(a, b, "2026-12-03") == eager.last_recent_day(a, b, "2026-12-03")


def test_one_pass_for_cues_and_paraphrases_as_two() -> None:
    import dataclasses

    from warta.events.coder import scan_cues
    from warta.events.lexicon import get_lexicon
    from warta.events.mining import find_mined

    lex = get_lexicon()
    bare = dataclasses.replace(lex, paraphrases={})  # the cue and off-phrase automaton alone, as before
    rnd = random.Random(7)
    cue_forms = sorted(lex.automaton.keys())
    pieces = [*rnd.sample(cue_forms, 60), *sorted(lex.off_contexts.keys())[:30],
              *(g for forms in lex.paraphrases.values() for g in forms), "nya", "lah", "-", "x", "a1", " ", ", "]
    for _ in range(N // 10):
        low = "".join(rnd.choice(pieces) + rnd.choice(["", " ", " ", "-", "\n"]) for _ in range(rnd.randint(1, 25)))
        cuts = sorted(rnd.sample(range(len(low) + 1), min(len(low) + 1, 2 * rnd.randint(0, 3))))
        spans = list(zip(cuts[::2], cuts[1::2], strict=False))
        cues, paras = scan_cues(low, spans, lex)
        assert paras == find_mined(low, spans, lex.paraphrases), (low, spans)
        assert cues == scan_cues(low, spans, bare)[0], (low, spans)


def test_clause_breaks_kept_per_window_as_break_by_break() -> None:
    """The breaks found once per window serve every cue of the window (and cues outside it fall back)."""
    from warta.events.coder import RuleCoder

    rc = RuleCoder()
    rnd = random.Random(8)
    frags = [*rc.g["breaks"], " ", ",", "a", "X", "Untuk", " untuk P", "\u201c", "\u201d", '"', ".", "kata", "-- "]
    for _ in range(max(300, N // 40)):
        text = "".join(rnd.choice(frags) for _ in range(rnd.randint(0, 30)))
        low = text.lower()
        n = len(low)
        for _ in range(4):
            s0 = rnd.randint(0, n)
            s1 = rnd.randint(s0, n)
            for _ in range(6):
                c0 = rnd.randint(0, n) if rnd.random() < 0.2 else rnd.randint(s0, s1)
                c1 = rnd.randint(c0, n) if rnd.random() < 0.2 else rnd.randint(min(c0, s1), s1)
                assert rc._clause(low, s0, s1, c0, c1, text) == rc._clause_by_break(low, s0, s1, c0, c1, text), \
                    (text, s0, s1, c0, c1)


def test_quotes_without_marks_need_no_pass() -> None:
    from warta.document import Document
    from warta.quotes.step import _MARK_RE, QuotesStep, _Run

    step = QuotesStep()
    rnd = random.Random(21)
    words = ["Menteri", "kata", "ujar", "Budi", "menegaskan", ":", ",", ".", "\n", "bahwa", "kami", "-", "siap", "itu"]
    for _ in range(N // 20):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30)))
        assert _MARK_RE.search(text) is None
        doc = Document(id="t", text=text, origin="t")
        assert _Run(doc, step.lex, step.min_words).quotes() == step(doc).quotes == []
