"""Mojibake repair with an offset map: the pipeline reads repaired text, every span points into the text as given."""

from __future__ import annotations

import pytest

from warta.document import Document
from warta.pipeline import extract_text
from warta.read.repair import repair_text

# written for this test: Indonesian news with curly quotes and a dash
CLEAN = ("Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di Jakarta "
         "pada Senin (6/3). “Kami sepakat memperkuat kerja sama ekonomi dan keamanan di kawasan,” kata Retno kepada "
         "wartawan. Ia menambahkan bahwa kedua negara – yang bertetangga – akan bertemu lagi. “Itu penting bagi "
         "kami semua,” ujar Wang Yi.")


@pytest.mark.parametrize("codec", ["mac_roman", "sloppy-windows-1252"])
def test_mojibake_is_repaired_and_spans_round_trip(codec: str) -> None:
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252 (cp1252 that keeps 0x81, 0x9d, …)

    given = CLEAN.encode("utf-8").decode(codec)
    assert given != CLEAN
    fixed, runs = repair_text(given)
    assert fixed == CLEAN and runs
    doc = extract_text(given)
    rec = doc.to_record()
    assert doc.original == given and doc.text == CLEAN
    assert rec["warnings"] and rec["warnings"][0].startswith("mojibake repaired")
    clean = extract_text(CLEAN).to_record()
    assert [q["text"] for q in rec["quotes"]] == [q["text"] for q in clean["quotes"]] and rec["quotes"]
    for x in rec["quotes"] + rec["events"]:
        s, e = x["span"]
        assert repair_text(given[s:e])[0] == CLEAN[slice(*_clean_span(clean, x))]  # the original characters
        assert x["text"] in repair_text(given[s:e])[0]
    for s, e, _ in rec["body"]:
        assert 0 <= s <= e <= len(given)
    for s, e, text in rec["repair"]:
        assert repair_text(given[s:e])[0] == text


def _clean_span(clean: dict, x: dict) -> tuple[int, int]:
    for y in clean["quotes"] + clean["events"]:
        if y["text"] == x["text"]:
            return tuple(y["span"])
    raise AssertionError(f"no match for {x['text']!r}")


def test_clean_text_is_not_touched() -> None:
    for text in (CLEAN, "SÃO PAULO (ANTARA) - Presiden Brasil berbicara.", "Harga naik 5 ¬ per unit."):
        assert repair_text(text) == (text, [])
    rec = extract_text(CLEAN).to_record()
    assert "repair" not in rec and rec["warnings"] == []


def test_span_mapping_at_the_edges_of_a_repaired_run() -> None:
    given = "ab‚Äúcd‚Äùef"
    doc = Document(id="x", text=given)
    from warta.read.repair import RepairStep

    RepairStep()(doc)
    assert doc.text == "ab“cd”ef"
    assert doc.span_as_given(0, 2) == [0, 2]  # before the run
    assert doc.span_as_given(2, 3) == [2, 5]  # the run itself
    assert doc.span_as_given(3, 5) == [5, 7]  # between runs
    assert doc.span_as_given(2, 6) == [2, 10]  # both runs
    assert doc.span_as_given(6, 8) == [10, 12]  # after
    assert given[slice(*doc.span_as_given(3, 5))] == "cd"
