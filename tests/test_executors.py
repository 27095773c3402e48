"""The executor's failure handling: a time limit per article, dead and stuck workers, failing articles."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import read_jsonl
from warta.document import Document
from warta.pipeline import Pipeline, Report, process
from warta.read import Skip

TEXT = "Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di Jakarta."


class Trap:
    """A pipeline step that misbehaves on one article id: sleeps, hangs where no alarm reaches, dies or raises."""

    name = "trap"

    def __init__(self, what: str, on: str = "bad") -> None:
        self.what, self.on = what, on

    def __call__(self, doc: Document) -> Document:
        if doc.id == self.on:
            if self.what == "sleep":
                time.sleep(30)
            elif self.what == "hang":  # as a C call that never returns to the interpreter would
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                time.sleep(30)
            elif self.what == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            elif self.what == "raise":
                raise RuntimeError("trap sprung")
        doc.language = "other"
        return doc


def _docs(n: int = 12, bad: int = 5) -> list[Document]:
    return [Document(id="bad" if i == bad else f"a{i}", text=TEXT, origin=f"in.jsonl:{i + 1}") for i in range(n)]


def _run(what: str, workers: int, timeout: float) -> tuple[list[str], Report]:
    report = Report()
    pipe = Pipeline(steps=[Trap(what)])
    ids = [d.id for d, _ in process([], docs=_docs(), pipeline=pipe, workers=workers, timeout=timeout,
                                    report=report)]
    return ids, report


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_the_time_limit_is_skipped_and_the_run_goes_on(workers: int) -> None:
    t = time.monotonic()
    ids, report = _run("sleep", workers, 0.5)
    assert ids == [f"a{i}" for i in range(12) if i != 5]  # the rest, in input order
    assert report.skipped == [Skip("in.jsonl:6", "over the time limit")]
    assert time.monotonic() - t < 20
    assert not mp.active_children()


def test_a_worker_stuck_where_no_alarm_reaches_is_killed_and_replaced() -> None:
    ids, report = _run("hang", 2, 0.5)
    assert ids == [f"a{i}" for i in range(12) if i != 5]
    assert [s.reason for s in report.skipped] == ["over the time limit"]
    assert not mp.active_children()


def test_a_killed_worker_loses_only_its_article() -> None:
    ids, report = _run("die", 2, 0)
    assert ids == [f"a{i}" for i in range(12) if i != 5]
    assert len(report.skipped) == 1
    assert report.skipped[0].origin == "in.jsonl:6"
    assert report.skipped[0].reason == "lost: its worker died (signal SIGKILL)"
    assert not mp.active_children()


def test_sending_to_a_worker_that_has_just_died_is_not_a_crash() -> None:
    """The dead worker is still in the pool until its death is seen: an article sent to it meanwhile is re-sent."""
    def slow() -> Iterator[Document]:
        docs = _docs(n=8, bad=0)
        yield docs[0]  # kills its worker at once
        time.sleep(1.0)  # the feeder sends the next articles before it has looked at the dead worker
        yield from docs[1:]

    report = Report()
    ids = [d.id for d, _ in process([], docs=slow(), pipeline=Pipeline(steps=[Trap("die")]), workers=2,
                                    report=report)]
    assert report.skipped[0] == Skip("in.jsonl:1", "lost: its worker died (signal SIGKILL)")
    assert len(report.skipped) <= 2  # at most the article sent into the dead pipe beside the one that killed it
    assert ids == [f"a{i}" for i in range(1, 8) if f"in.jsonl:{i + 1}" not in {s.origin for s in report.skipped}]
    assert not mp.active_children()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_raises_is_skipped_with_its_reason(workers: int) -> None:
    ids, report = _run("raise", workers, 0)
    assert len(ids) == 11
    assert report.skipped[0].reason == "processing failed (RuntimeError: trap sprung)"


def test_closing_the_iterator_ends_every_worker() -> None:
    it = process([], docs=_docs(bad=99), pipeline=Pipeline(steps=[Trap("sleep", on="a3")]), workers=2)
    next(it)
    it.close()
    assert not mp.active_children()


def _cli(args: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], capture_output=True, timeout=timeout)


def test_extract_cli_reports_an_article_over_the_time_limit(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    # ~3 MB (under the 5 MB file limit): several seconds of work, well past the 0.5 s limit on any machine (at
    # 40,000 repetitions the faster steps took 0.5-0.8 s, and the test raced)
    big = TEXT + "\n\n" + "Menteri Luar Negeri " * 150_000 + "Retno Marsudi"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in (("big", big), ("small", TEXT))) + "\n")
    out = tmp_path / "out.jsonl"
    r = _cli(["extract", str(src), "-o", str(out), "--article-timeout", "0.5"])
    assert r.returncode == 1
    assert f"warta: skipped {src}:1: over the time limit" in r.stderr.decode()
    assert [x["id"] for x in read_jsonl(out)] == ["small"]


def test_extract_cli_survives_a_worker_killed_from_outside(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    n = 3000  # enough work that the run is still going when a worker is killed, on an idle machine too
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": f"{TEXT} Nomor {i}."}) + "\n" for i in range(n)))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "warta.cli", "extract", str(src), "-o", str(out), "-w", "2",
                             "--article-timeout", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        pids = kids.read_text().split() if kids.exists() else []
        if len(pids) >= 2:
            time.sleep(0.2)  # let it get going
            killed = int(pids[0])
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=180)
    assert killed is not None, "the workers were never seen"
    lost = [line for line in err.decode().splitlines() if "lost: its worker died" in line]
    assert proc.returncode == (1 if lost else 0), err.decode()[-3000:]
    assert "a worker died (signal SIGKILL); a new one was started" in err.decode()
    got = [x["id"] for x in read_jsonl(out)]
    assert len(got) == n - len(lost) and len(lost) <= 1
    assert got == sorted(got, key=lambda i: int(i[1:]))  # input order kept


def test_ingest_cli_reports_an_article_over_the_time_limit_and_stores_the_rest(tmp_path: Path) -> None:
    import duckdb

    src = tmp_path / "in.jsonl"
    # ~3 MB (under the 5 MB file limit): several seconds of work, well past the 0.5 s limit on any machine (at
    # 40,000 repetitions the faster steps took 0.5-0.8 s, and the test raced)
    big = TEXT + "\n\n" + "Menteri Luar Negeri " * 150_000 + "Retno Marsudi"
    src.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in (("big", big), ("small", TEXT))) + "\n")
    db = tmp_path / "w.duckdb"
    r = _cli(["ingest", str(src), "--db", str(db), "--article-timeout", "0.5", "-w", "2"])
    assert r.returncode == 1, r.stderr
    assert f"warta: skipped {src}:1: over the time limit" in r.stderr.decode()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select id from articles").fetchall() == [("small",)]


def test_ahead_keeps_order_and_errors_and_closes_its_source() -> None:
    from warta.executors.local import ahead

    assert list(ahead(iter(range(1000)), 7)) == list(range(1000))
    assert list(ahead([], 3)) == []

    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("boom")

    got = []
    with pytest.raises(ValueError, match="boom"):
        for x in ahead(failing(), 2):
            got.append(x)
    assert got == [1]

    closed = []

    def endless() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.append(True)

    it = ahead(endless(), 4)
    assert [next(it) for _ in range(3)] == [0, 1, 2]
    it.close()  # the producer stops and closes its source, in its own thread
    assert closed == [True]


def test_ahead_over_a_pool_ends_every_worker_when_closed() -> None:
    from warta.executors.local import ahead

    it = ahead(process([], docs=_docs(bad=99), pipeline=Pipeline(steps=[Trap("sleep", on="a3")]), workers=2), 4)
    next(it)
    it.close()
    assert not mp.active_children()
