"""Readers: every input kind, and bad input that must not stop a run."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warta.read import Skip, iter_documents, parse_size


def collect(inputs, **kw):
    skips: list[Skip] = []
    docs = list(iter_documents(inputs, on_skip=skips.append, **kw))
    return docs, skips


def test_txt_folder_ids_are_paths_inside_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Jakarta - Presiden bertemu menteri.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Menlu RI mengunjungi Tokyo.", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs, skips = collect([tmp_path])
    assert sorted(d.id for d in docs) == ["a/one", "two"]
    assert not skips


def test_single_txt_file_id_is_stem(tmp_path: Path) -> None:
    f = tmp_path / "000_abc.txt"
    f.write_text("Teks berita.", encoding="utf-8")
    docs, _ = collect([f])
    assert [d.id for d in docs] == ["000_abc"]


def test_jsonl_records_fields_and_fallback_ids(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl.gz"
    rows = [
        {"id": "x1", "url": "https://e.id/1", "published": "2023-02-24", "title": "T", "outlet": "O", "text": "A b c."},
        {"published": "2023-02", "text": "Tanpa id.", "category": "dunia"},
    ]
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    docs, skips = collect([f])
    assert not skips
    assert docs[0].id == "x1" and docs[0].published == "2023-02-24" and docs[0].outlet == "O"
    assert docs[1].id == "batch:2" and docs[1].published == "2023-02" and docs[1].extra == {"category": "dunia"}


def test_bad_jsonl_lines_are_skipped_with_reasons(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "ok", "text": "Baik."}\nnot json\n{"id": "nt"}\n[1,2]\n{"id": "ok2", "text": "Juga."}\n',
                 encoding="utf-8")
    docs, skips = collect([f])
    assert [d.id for d in docs] == ["ok", "ok2"]
    reasons = {s.origin: s.reason for s in skips}
    assert reasons[f"{f}:2"].startswith("not JSON")
    assert "no 'text'" in reasons[f"{f}:3"]
    assert reasons[f"{f}:4"] == "not a JSON object"


def test_empty_binary_latin1_missing_and_oversized(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Menteri berkata: café à la française.".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a " * 600)
    good = tmp_path / "good.txt"
    good.write_text("Berita yang baik.", encoding="utf-8")
    docs, skips = collect([empty, binary, latin, tmp_path / "missing.txt", big, good], max_bytes=1000)
    assert [d.id for d in docs] == ["latin", "good"]
    assert "café" in docs[0].text and docs[0].warnings  # decoded, with a note
    reasons = {Path(s.origin).name: s.reason for s in skips}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["bin.txt"].startswith("binary")
    assert reasons["missing.txt"] == "no such file or folder"
    assert reasons["big.txt"].startswith("larger than the size limit")


def test_huge_jsonl_line_is_skipped_without_loading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.jsonl"
    with f.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": "x" * 3_000_000}) + "\n")
        fh.write(json.dumps({"id": "small", "text": "kecil"}) + "\n")
    docs, skips = collect([f], max_bytes=1_000_000)
    assert [d.id for d in docs] == ["small"]
    assert skips[0].origin == f"{f}:1" and "size limit" in skips[0].reason


def test_stdin_jsonl() -> None:
    stream = io.BytesIO(b'{"id": "s1", "text": "Dari stdin."}\n')
    docs, _ = collect(["-"], stdin=stream)
    assert [d.id for d in docs] == ["s1"]


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = " ".join(["Menteri Luar Negeri RI bertemu dengan Menteri Luar Negeri Jepang di Tokyo pada Senin."] * 6)
    page.write_text(
        "<html><head><title>Menlu RI ke Tokyo</title>"
        '<meta property="og:site_name" content="Kabar Contoh">'
        '<meta name="date" content="2024-03-05"></head><body><nav>Beranda | Dunia</nav>'
        f"<article><h1>Menlu RI ke Tokyo</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Copyright 2024</footer></body></html>",
        encoding="utf-8",
    )
    docs, skips = collect([page])
    assert not skips
    assert docs[0].id == "page" and "bertemu dengan Menteri Luar Negeri Jepang" in docs[0].text
    assert "Beranda" not in docs[0].text
    assert docs[0].published == "2024-03-05"


def test_parse_size() -> None:
    assert parse_size("5MB") == 5_000_000
    assert parse_size("500k") == 500_000
    assert parse_size(1234) == 1234
