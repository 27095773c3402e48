"""Property tests over the whole extract (issue 11): hostile text never raises, always gives a valid record.

Generated inputs: random Unicode (control characters, RTL, CJK, astral, lone surrogates), very long
words and lines, unbalanced and nested quote marks, runs of capitalised words and titles, HTML and
JSON fragments, mixed languages — bare and behind an Indonesian lead so that the Indonesian steps
run. The tests assert behaviour, not time; the only guard is a generous per-article limit against a
hang. At least 10,000 cases run in total (the count is printed).
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.document import Document
from warta.executors.local import ArticleTimeout, process_one
from warta.pipeline import Pipeline
from warta.read.readers import read_jsonl_stream

HANG_GUARD = 30.0  # seconds per article: a hang guard, not a speed test
MIN_CASES = 10_000
CASES = {"n": 0}

LEAD = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di "
        "Jakarta pada Senin, kata juru bicara kepada wartawan.\n\n")
FRAGMENTS = [
    "Presiden ", "Menteri Luar Negeri ", "Perdana Menteri ", "Sekjen PBB ", "Joko Widodo", "Wang Yi", "Putin ",
    "kata dia", "ujar", "menurut", " dan", " yang ", "tidak ", "akan ", "bertemu", "mengecam", "menyerang",
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "‚Äú", "‚Äù", "â€œ", "Ã©", "(", ")", "[", "]", ",", ".", ":",
    "\n", "\n\n", "\t", "\r", "\x00", "\x1b[31m", "\u200f", "\u202e", "\ufeff", "\u00a0",
    "<p>", "</p>", "<div class='x'>", "</script>", "&amp;", '{"id": 1, "text": ', "[1, 2", "}", "\\u0000",
    "中文新闻报道", "日本", "한국", "مرحبا بالعالم", "שלום", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ελληνικά", "Москва ",
    "the president said on Monday", "Baca juga: ", "Senin (6/3/2023)", "2023-02-30", "9999-12-31",
    "A" * 300, "x" * 1000, "Sangat Besar Sekali Untuk Semua ",
]


def _pipeline() -> Pipeline:
    pipe = Pipeline.default()
    pipe.warm()
    return pipe


PIPE = _pipeline()

any_char = st.characters(codec=None, categories=None)  # every code point, lone surrogates included
hostile_text = st.one_of(
    st.text(any_char, max_size=80),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(any_char, max_size=6)), max_size=25).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).flatmap(
        lambda parts: st.integers(1, 40).map(lambda k: "".join(parts) * k)),  # long runs of the same shape
)


def check(doc: Document) -> dict:
    """Run the whole pipeline under the hang guard and check the record."""
    given_text = doc.text
    CASES["n"] += 1
    try:
        out = process_one(PIPE, doc, HANG_GUARD)
    except ArticleTimeout:
        raise AssertionError(f"hung for {HANG_GUARD} s on {given_text[:200]!r}") from None
    rec = out.to_record()
    json.dumps(rec)  # serialisable (ensure_ascii: lone surrogates would still be written)
    failed = [w for w in rec["warnings"] if " failed: " in w]
    assert not failed, failed
    text = out.text_as_given
    assert text == given_text
    assert rec["language"] in ("id", "en", "ms", "other")
    n = len(text)
    for s, e, kind in rec["body"]:
        assert 0 <= s <= e <= n and kind in ("body", "caption", "title", "lede")
    for x in rec["events"] + rec["quotes"]:
        s, e = x["span"]
        assert 0 <= s <= e <= n, (x, n)
        assert isinstance(x["text"], str)
    for a in rec["actors"]:
        for s, e in a.get("mentions") or []:
            assert 0 <= s <= e <= n
    return rec


SETTINGS = dict(deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


@settings(max_examples=3500, **SETTINGS)
@given(hostile_text)
def test_bare_hostile_text(text: str) -> None:
    check(Document(id="h", text=text, origin="<hypothesis>"))


@settings(max_examples=3500, **SETTINGS)
@given(hostile_text, hostile_text)
def test_hostile_text_behind_an_indonesian_lead(middle: str, tail: str) -> None:
    check(Document(id="h", text=LEAD + middle + "\n\n" + tail, origin="<hypothesis>"))


@settings(max_examples=3000, **SETTINGS)
@given(hostile_text, st.one_of(st.none(), st.text(any_char, max_size=12),
                               st.sampled_from(["9999-12", "0001-01", "2023-02-30", "2023-03-06T10:00:00+07:00"]),
                               st.integers(), st.floats(allow_nan=True)),
       st.one_of(st.none(), st.text(any_char, max_size=20)))
def test_jsonl_records_with_hostile_fields(text: str, published: object, title: str | None) -> None:
    """Through the JSONL reader: lone surrogates arrive as JSON escapes, ``published`` is anything."""
    line = json.dumps({"id": "h", "text": LEAD + text, "published": published, "title": title}) + "\n"
    skips: list = []
    docs = list(read_jsonl_stream(io.BytesIO(line.encode("utf-8")), "<hypothesis>", "h", 5_000_000,
                                  skips.append))
    assert len(docs) + len(skips) == 1
    for doc in docs:
        rec = check(doc)
        json.dumps(rec, ensure_ascii=False).encode("utf-8")  # no lone surrogate left anywhere
        p = rec["published"]
        assert p is None or "1900" <= p[:4] <= "2100"


def test_zz_at_least_ten_thousand_cases(capsys) -> None:
    with capsys.disabled():
        print(f"\nhypothesis: {CASES['n']:,} generated articles through the whole extract")
    assert CASES["n"] >= MIN_CASES
