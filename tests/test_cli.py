"""`warta extract` as a user runs it: real subprocesses, exit codes, stderr lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import read_jsonl


def run(args: list[str], stdin: bytes | None = None, timeout: int = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], input=stdin, capture_output=True,
                          timeout=timeout)


def test_extract_seeds_writes_five_records(shared, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(shared / "seeds"), "-o", str(out)])
    assert r.returncode == 0, r.stderr
    recs = {x["id"]: x for x in read_jsonl(out)}
    assert len(recs) == 5
    assert recs["001_f4c58d0a6c39779f"]["published"] == "2023-02-25"
    assert recs["004_69a903898b565540"]["published"] == "2024-04-09"
    assert b"read 5 articles, wrote 5, skipped 0; languages: id 5" in r.stderr
    for rec in recs.values():
        for key in ("id", "published", "language", "outlet", "dateline", "wire", "actors", "events", "quotes"):
            assert key in rec


def test_bad_inputs_are_reported_and_the_rest_is_written(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Presiden bertemu Perdana Menteri di Jakarta dan keduanya membahas kerja sama.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "r1", "text": "Menteri itu berbicara di depan wartawan."}\n{oops\n{"id": "r3"}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(good), str(empty), str(binary), str(tmp_path / "nope.txt"), str(bad), "-o", str(out)])
    assert r.returncode == 1
    err = r.stderr.decode()
    lines = [x for x in err.splitlines() if x.startswith("warta: skipped")]
    assert len(lines) == 5, err
    assert f"{empty}: empty file" in err and f"{binary}: binary" in err
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    assert f"{bad}:2: not JSON" in err and f"{bad}:3: record has no 'text'" in err
    assert [x["id"] for x in read_jsonl(out)] == ["good", "r1"]


def test_fifty_megabyte_inputs_are_skipped_quickly(tmp_path: Path) -> None:
    big_txt = tmp_path / "big.txt"
    with big_txt.open("wb") as fh:
        chunk = b"kata " * 200_000
        for _ in range(50):
            fh.write(chunk)
    big_jsonl = tmp_path / "big.jsonl"
    with big_jsonl.open("w", encoding="utf-8") as fh:
        fh.write('{"id": "huge", "text": "' + "a" * 50_000_000 + '"}\n')
        fh.write(json.dumps({"id": "after", "text": "Menteri itu hadir."}) + "\n")
    out = tmp_path / "out.jsonl"
    r = run(["extract", str(big_txt), str(big_jsonl), "-o", str(out), "--max-size", "5MB"], timeout=120)
    assert r.returncode == 1
    assert b"big.txt: larger than the size limit" in r.stderr
    assert b"big.jsonl:1: record larger than the size limit" in r.stderr
    assert [x["id"] for x in read_jsonl(out)] == ["after"]


def test_stdin_and_stdout() -> None:
    r = run(["extract", "-", "--quiet"], stdin=b'{"id": "a", "text": "Menlu RI tiba di Tokyo hari ini."}\n')
    assert r.returncode == 0
    assert json.loads(r.stdout)["id"] == "a"
    assert r.stderr == b""


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(["extract"]).returncode == 2
    assert run(["extract", str(tmp_path), "--max-size", "lots"]).returncode == 2
    assert run(["no-such-command"]).returncode == 2


def test_workers_give_the_same_records(shared, tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    off = ["--article-timeout", "0"]  # outputs are compared with the time limit off
    assert run(["extract", str(shared / "eval" / "dev.jsonl"), "-o", str(a), "-q", *off]).returncode == 0
    assert run(["extract", str(shared / "eval" / "dev.jsonl"), "-o", str(b), "-q", "--workers", "2", *off]
               ).returncode == 0
    assert a.read_text() == b.read_text()


def test_dev_published_accuracy(shared, tmp_path: Path) -> None:
    out = tmp_path / "dev.jsonl"
    assert run(["extract", str(shared / "eval" / "dev.jsonl"), "-o", str(out), "-q"]).returncode == 0
    score = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(shared / "eval" / "gold"),
                            "--pred", str(out), "--json"], capture_output=True, check=True, text=True)
    assert json.loads(score.stdout)["published_accuracy"] >= 0.95
