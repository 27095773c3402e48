"""The lock design with real processes: readers retry while an ingest writes and then say the store is
busy (exit 3); an ingest waits for readers; two ingests at once both land, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.store import BUSY, Store, StoreBusy, connect

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("locked", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def records(prefix: str, n: int) -> str:
    return "".join(
        json.dumps({"id": f"{prefix}{i}", "published": "2023-01-10", "outlet": "antara",
                    "text": f"teks {prefix} {i} " + " ".join(f"{prefix}w{i}x{j}" for j in range(30)),
                    "events": [{"type": "CONSULT", "actor": {"name": "China", "country": "CHN"},
                                "recipient": {"name": "Belarus", "country": "BLR"}, "date": "2023-01-10",
                                "text": "x", "span": [0, 1]}]}) + "\n"
        for i in range(n)
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lock.duckdb"
    with Store(path) as st:
        st.ingest([json.loads(x) for x in records("a", 3).splitlines()])
    return path


def hold(db: Path, mode: str, seconds: float) -> subprocess.Popen[str]:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode, str(seconds)], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "locked"
    return p


def warta(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], capture_output=True, text=True, timeout=120)


def test_reader_waits_for_a_short_write(db: Path) -> None:
    h = hold(db, "rw", 1.5)
    t0 = time.monotonic()
    r = warta("events", "--db", str(db), "-f", "jsonl")
    h.wait()
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 3 and time.monotonic() - t0 >= 1.0


def test_reader_gives_up_with_busy_exit_3(db: Path) -> None:
    h = hold(db, "rw", 12)
    try:
        t0 = time.monotonic()
        r = warta("stories", "--db", str(db))
        waited = time.monotonic() - t0
    finally:
        h.kill()
        h.wait()
    assert r.returncode == 3 and BUSY in r.stderr and "Traceback" not in r.stderr
    assert 4.5 <= waited < 11


def test_connect_raises_store_busy_in_process(db: Path) -> None:
    h = hold(db, "ro", 5)
    try:
        with pytest.raises(StoreBusy) as e:
            connect(db, wait=0.5)  # a writer meets a reader's lock
        assert str(e.value) == BUSY
    finally:
        h.kill()
        h.wait()


def test_ingest_waits_for_a_reader(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "more.jsonl"
    src.write_text(records("b", 4))
    h = hold(db, "ro", 2)
    r = warta("ingest", str(src), "--records", "--db", str(db), "--quiet")
    h.wait()
    assert r.returncode == 0, r.stderr
    with Store(db, read_only=True) as st:
        assert st.count("articles") == 7


def test_two_ingests_at_once_both_land(db: Path, tmp_path: Path) -> None:
    srcs = []
    for p in ("c", "d"):
        f = tmp_path / f"{p}.jsonl"
        f.write_text(records(p, 60))
        srcs.append(f)
    procs = [subprocess.Popen([sys.executable, "-m", "warta.cli", "ingest", str(f), "--records", "--db", str(db),
                               "--batch-size", "5", "--quiet"], stderr=subprocess.PIPE, text=True) for f in srcs]
    errs = [p.communicate(timeout=180)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert all("Traceback" not in e for e in errs)
    with Store(db, read_only=True) as st:
        assert st.count("articles") == 123
        assert st.count("events") == 123


COUNT = """
import sys, duckdb
try:
    con = duckdb.connect(sys.argv[1], read_only=True)
except duckdb.IOException:
    print("locked")
else:
    print(con.execute("SELECT count(*) FROM articles").fetchone()[0])
"""


def peek(db: Path) -> str:
    """What another process sees of the store right now: its article count, or 'locked'."""
    return subprocess.run([sys.executable, "-c", COUNT, str(db)], capture_output=True, text=True,
                          timeout=60).stdout.strip()


@pytest.mark.parametrize(("hold", "seen"), [(0.0, ["8", "13"]), (3600.0, ["locked", "locked"])])
def test_ingest_holds_the_file_across_batches_only_while_told(db: Path, hold: float, seen: list[str]) -> None:
    """Between batches another process sees whole batches once the ingest lets go of the file (hold 0:
    after every batch) and meets the lock while the ingest keeps it (a long hold)."""
    from warta.store.store import ingest_into

    views: list[str] = []

    def items() -> Iterator[dict[str, Any]]:
        for i, line in enumerate(records("e", 15).splitlines()):
            if i in (5, 10):  # the batch before it is written; the next is being gathered
                views.append(peek(db))
            yield json.loads(line)

    stats = ingest_into(db, items(), batch_size=5, hold=hold)
    assert stats.new == 15 and stats.batches == 3
    assert views == seen
    with Store(db, read_only=True) as st:
        assert st.count("articles") == 18
