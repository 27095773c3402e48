"""Bad records are isolated where they enter (issue 11): each is repaired, nulled or skipped alone."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import read_jsonl
from warta.pipeline import Report, extract
from warta.read.validate import plausible_published, repair_surrogates

# sentences written for these tests
GOOD = [
    {"id": "g1", "published": "2023-03-06",
     "text": "Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di "
             "Jakarta pada Senin. \"Kami sepakat memperkuat kerja sama ekonomi,\" kata Retno kepada wartawan."},
    {"id": "g2", "published": "2023-03-07",
     "text": "Tokyo (ANTARA) - Perdana Menteri Jepang mengunjungi Indonesia pekan depan untuk membahas perdagangan "
             "dan investasi dengan Presiden Joko Widodo."},
    {"id": "g3", "published": "2023-03-08",
     "text": "Moskow (ANTARA) - Rusia mengecam sanksi baru Uni Eropa dan menyebutnya langkah yang tidak adil, "
             "kata juru bicara Kementerian Luar Negeri Rusia pada Rabu."},
]
SURROGATE = {"id": "s1", "published": "2023-03-09",
             "text": "Jakarta (ANTARA) - Presiden Joko Widodo tiba di Tokyo \ud800 pada Kamis untuk bertemu Perdana "
                     "Menteri Jepang."}
FAR = [{"id": "y9999", "published": "9999-12", "text": "Senin, 6 Maret 2023 10:15 WIB\n\n" + GOOD[1]["text"]},
       {"id": "y0001", "published": "0001-01", "text": GOOD[2]["text"]}]


def _jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")  # ensure_ascii keeps \ud800
    return path


def _corrupt_gzip(path: Path, before: list[dict]) -> Path:
    """A gzip file whose first member holds ``before`` and whose second member is corrupt (zlib.error)."""
    good = gzip.compress("".join(json.dumps(r) + "\n" for r in before).encode())
    bad = bytearray(gzip.compress(("".join(json.dumps(r) + "\n" for r in GOOD) * 20).encode()))
    bad[20] ^= 0xFF
    path.write_bytes(good + bytes(bad))
    return path


def _flat(err: bytes) -> str:
    """A usage message without its box and line breaks."""
    return " ".join("".join(c for c in err.decode() if c.isalnum() or c in " .:/_-'").split())


def run(args: list[str], timeout: int = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


# ---- validation functions --------------------------------------------------------------------------------
def test_lone_surrogates_become_replacement_characters_of_the_same_length() -> None:
    fixed, n = repair_surrogates("a\ud800b\udfffc")
    assert (fixed, n) == ("a\ufffdb\ufffdc", 2)
    assert repair_surrogates("Jakarta 😀") == ("Jakarta 😀", 0)


@pytest.mark.parametrize("value", ["9999-12", "0001-01", "1899-12-31", "2023-13-01", "2023-02-30", "kemarin"])
def test_an_implausible_published_is_dropped_with_a_warning(value: str) -> None:
    got, warning = plausible_published(value)
    assert got is None and warning and value in warning


def test_a_plausible_published_is_kept() -> None:
    assert plausible_published("2023-02-24T10:00:00+07:00") == ("2023-02-24", None)
    assert plausible_published("1998-05") == ("1998-05", None)
    assert plausible_published(None) == (None, None)


# ---- extract -------------------------------------------------------------------------------------------
def test_extract_repairs_a_surrogate_and_nulls_a_far_date(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [GOOD[0], SURROGATE, *FAR])
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(src), "-o", str(out)])
    assert r.returncode == 0, r.stderr
    recs = {x["id"]: x for x in read_jsonl(out)}
    assert set(recs) == {"g1", "s1", "y9999", "y0001"}
    assert recs["s1"]["warnings"] == ["1 lone surrogate character(s) replaced by U+FFFD"]
    assert recs["y9999"]["published"] != "9999-12" and "outside 1900" in recs["y9999"]["warnings"][0]
    assert recs["y9999"]["published"] == "2023-03-06" and recs["y9999"]["published_from"] == "text"
    assert recs["g1"]["warnings"] == []
    err = r.stderr.decode()
    assert f"warta: warning {src}:2: 1 lone surrogate" in err and f"warta: warning {src}:3: published" in err


def test_a_warning_repeated_over_many_records_prints_five_lines_and_a_count(tmp_path: Path) -> None:
    many = [dict(SURROGATE, id=f"s{i}") for i in range(8)]
    src = _jsonl(tmp_path / "in.jsonl", [*many, FAR[0]])
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(src), "-o", str(out), "-q"])
    assert r.returncode == 0, r.stderr
    recs = read_jsonl(out)
    assert len(recs) == 9 and all(x["warnings"] for x in recs)  # every record keeps its own warnings
    lines = r.stderr.decode().splitlines()
    assert [ln for ln in lines if "lone surrogate" in ln and f"{src}:" in ln] == [
        f"warta: warning {src}:{i}: 1 lone surrogate character(s) replaced by U+FFFD" for i in range(1, 6)]
    assert any(ln.startswith("warta: warning: 3 more record(s) like “1 lone surrogate") for ln in lines)
    assert any(f"warta: warning {src}:9: published" in ln for ln in lines)  # another kind: printed


def test_a_corrupt_gzip_is_one_skip_and_later_inputs_are_read(tmp_path: Path) -> None:
    bad = _corrupt_gzip(tmp_path / "bad.jsonl.gz", [GOOD[0]])
    later = _jsonl(tmp_path / "later.jsonl", [GOOD[1]])
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(bad), str(later), "-o", str(out)])
    assert r.returncode == 1
    assert [x["id"] for x in read_jsonl(out)] == ["g1", "g2"]  # what was read before the error is kept
    lines = [x for x in r.stderr.decode().splitlines() if x.startswith("warta: skipped")]
    assert len(lines) == 1 and f"{bad}: unreadable, the rest of this input is skipped (error:" in lines[0]


def test_utf16_and_utf32_files_with_a_bom_are_text(tmp_path: Path) -> None:
    for enc in ("utf-16", "utf-32"):
        (tmp_path / f"{enc}.txt").write_bytes(GOOD[0]["text"].encode(enc))
    docs = list(extract([tmp_path], report=(rep := Report())))
    assert not rep.skipped
    assert [d.text for d in docs] == [GOOD[0]["text"]] * 2


def test_the_cp1252_fallback_warns_in_the_record_and_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "old.txt"
    src.write_bytes("Menteri itu berkata \u201cya\u201d di Jakarta, Senin.".encode("cp1252"))
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(src), "-o", str(out)])
    assert r.returncode == 0
    assert read_jsonl(out)[0]["warnings"] == ["not UTF-8: decoded as cp1252"]
    assert f"warta: warning {src}: not UTF-8: decoded as cp1252" in r.stderr.decode()


def test_duplicate_ids_within_one_input_are_counted(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "dup.jsonl", [GOOD[0], GOOD[1], GOOD[0]])
    rep = Report()
    assert len(list(extract([src], report=rep))) == 3
    assert rep.duplicates == 1 and "duplicate ids 1" in rep.summary()


# ---- output safety and exit codes ------------------------------------------------------------------------
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", GOOD)
    before = src.read_bytes()
    r = run(["extract", str(src), "-o", str(src)])
    assert r.returncode == 2 and "is one of the inputs" in _flat(r.stderr)
    assert src.read_bytes() == before
    r = run(["extract", str(tmp_path), "-o", str(tmp_path / "new.jsonl")])
    assert r.returncode == 2 and "inside the input folder" in _flat(r.stderr)


def test_the_output_appears_only_when_the_run_completes(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "a.jsonl", GOOD)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    r = run(["extract", str(src), "-o", str(out), "-q"])
    assert r.returncode == 0
    assert [x["id"] for x in read_jsonl(out)] == ["g1", "g2", "g3"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_exit_codes_and_one_line_failures(tmp_path: Path) -> None:
    bad_db = tmp_path / "bad.duckdb"
    bad_db.write_text("not a database\n")
    r = run(["events", "--db", str(bad_db)])
    assert r.returncode == 3
    assert r.stderr.decode().strip().count("\n") == 0 and str(bad_db) in r.stderr.decode()
    assert b"Traceback" not in r.stderr
    r = run(["extract", str(tmp_path / "missing.jsonl")])
    assert r.returncode == 1
    assert run(["extract", "--no-such-option"]).returncode == 2


# ---- the store: each bad record alone, the rest exactly as a clean run --------------------------------------
def _rows(db: Path) -> dict[str, list]:
    with duckdb.connect(str(db), read_only=True) as con:
        arts = con.execute("select id, hash, published, pub_start, body, text from articles order by id").fetchall()
        evs = con.execute("select article_id, idx, type, date, actor_country, recipient_country, span_start "
                          "from events order by article_id, idx").fetchall()
        qs = con.execute("select article_id, idx, text, span_start from quotes order by article_id, idx").fetchall()
    return {"articles": arts, "events": evs, "quotes": qs}


def test_ingest_isolates_each_bad_record_and_stores_the_rest_as_a_clean_run(tmp_path: Path) -> None:
    clean_db, dirty_db = tmp_path / "clean.duckdb", tmp_path / "dirty.duckdb"
    assert run(["ingest", str(_jsonl(tmp_path / "clean.jsonl", GOOD)), "--db", str(clean_db), "-q"]).returncode == 0
    first = _jsonl(tmp_path / "first.jsonl", [GOOD[0], SURROGATE, FAR[0]])
    bad = _corrupt_gzip(tmp_path / "bad.jsonl.gz", [GOOD[1]])
    last = _jsonl(tmp_path / "last.jsonl", [FAR[1], GOOD[2]])
    r = run(["ingest", str(first), str(bad), str(last), "--db", str(dirty_db), "--batch-size", "10", "-q"])
    assert r.returncode == 1, r.stderr  # the corrupt gzip was skipped
    clean, dirty = _rows(clean_db), _rows(dirty_db)
    others = {"s1", "y9999", "y0001"}
    for table in clean:
        assert [row for row in dirty[table] if row[0] not in others] == clean[table]
    stored = {row[0]: row for row in dirty["articles"]}
    assert set(stored) == {"g1", "g2", "g3", *others}
    assert "\ufffd" in stored["s1"][5]
    err = r.stderr.decode()  # the same warning lines as extract's
    assert f"warta: warning {first}:2: 1 lone surrogate" in err and f"warta: warning {first}:3: published" in err
    assert stored["y9999"][2] != "9999-12" and stored["y0001"][2] is None or stored["y0001"][2] != "0001-01"


def test_ingest_records_with_a_far_date_a_surrogate_and_bad_bytes(tmp_path: Path) -> None:
    recs = tmp_path / "recs.jsonl"
    out = run(["extract", str(_jsonl(tmp_path / "in.jsonl", GOOD)), "-o", str(recs), "--body", "-q"])
    assert out.returncode == 0
    lines = recs.read_bytes().splitlines(keepends=True)
    far = json.loads(lines[1])
    far.update(id="far", published="9999-12")
    far["events"] = [dict(e, date="0001-01") for e in far["events"]]
    sur = json.loads(lines[2])
    sur.update(id="sur", title="Judul \ud800")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(lines[0] + (json.dumps(far) + "\n").encode() + b'{"id": "x", "text": "\xff\xfe"}\n'
                      + (json.dumps(sur) + "\n").encode())
    trunc = tmp_path / "trunc.jsonl.gz"
    trunc.write_bytes(gzip.compress(b"".join(lines) * 5)[:-30])
    db = tmp_path / "r.duckdb"
    r = run(["ingest", "--records", str(mixed), str(trunc), "--db", str(db)])
    assert r.returncode == 1
    err = r.stderr.decode()
    assert f"{mixed}:3: not UTF-8" in err and f"{trunc}" in err and "unreadable" in err
    assert "Traceback" not in err
    with duckdb.connect(str(db), read_only=True) as con:
        ids = {i for (i,) in con.execute("select id from articles").fetchall()}
        assert {"g1", "far", "sur"} <= ids
        assert con.execute("select published from articles where id = 'far'").fetchone() == (None,)


def test_article_text_in_a_table_is_shown_as_text_not_markup(tmp_path: Path) -> None:
    hostile = "Tolak [/b] [link=http://x.invalid]ini[/link] \x1b[31mmerah\x1b[0m [bold]"
    rec = {"id": "h1", "published": "2023-03-06", "text": f"\"{hostile},\" kata Retno.", "language": "id",
           "quotes": [{"text": hostile, "span": [1, 1 + len(hostile)],
                       "speaker": {"name": "Retno [i]Marsudi", "country": "IDN"}}],
           "events": [], "actors": []}
    src = _jsonl(tmp_path / "recs.jsonl", [rec])
    db = tmp_path / "h.duckdb"
    assert run(["ingest", "--records", str(src), "--db", str(db), "-q"]).returncode == 0
    r = run(["quotes", "--db", str(db)], env={"COLUMNS": "300"})
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "\x1b" not in out
    assert "Tolak [/b] [link=http://x.invalid]ini[/link] [31mmerah[0m [bold]" in out  # ESC removed, the rest kept
    assert "Retno [i]Marsudi" in out
