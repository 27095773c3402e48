"""kill -9 during an ingest: committed batches survive, the next ingest completes the rest, no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from warta.store import Store

N = 3000
BATCH = 100

CHILD = textwrap.dedent(
    """
    import sys
    from warta.store import Store

    def records(n):
        for i in range(n):
            yield {
                "id": f"art-{i:05d}",
                "published": f"2022-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                "outlet": f"outlet{i % 7}",
                "text": f"Berita nomor {i} " + " ".join(f"w{i}_{j}" for j in range(40)),
                "events": [
                    {"type": "CONSULT", "mutual": True, "date": f"2022-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                     "actor": {"name": "China", "country": "CHN"}, "recipient": {"name": "Belarus", "country": "BLR"},
                     "text": "bertemu", "span": [0, 5]},
                    {"type": "ACCUSE", "date": f"2022-{i % 12 + 1:02d}", "actor": {"name": "Russia", "country": "RUS"},
                     "recipient": {"name": f"U{i}", "country": f"C{i % 50}"}, "text": "mengecam", "span": [6, 9]},
                ],
                "quotes": [{"speaker": {"name": "Wang Yi"}, "text": f"kutipan nomor {i} yang cukup panjang",
                            "span": [0, 5]}],
            }

    db, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store(db) as st:
        def tick(k):
            print("batch", flush=True)
        stats = st.ingest(records(n), batch_size=batch, progress=tick)
    print("done", stats.new, flush=True)
    """
)


def run_child(db: Path, tmp: Path) -> subprocess.Popen[str]:
    script = tmp / "child.py"
    script.write_text(CHILD)
    return subprocess.Popen([sys.executable, str(script), str(db), str(N), str(BATCH)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_kill_9_mid_ingest_then_resume(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    child = run_child(db, tmp_path)
    assert child.stdout is not None
    # wait for the first committed batch (progress is reported after the commit), then a little more
    assert child.stdout.readline().strip() == "batch"
    child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with Store(db) as st:
        n_art = st.count("articles")
        assert BATCH * 2 <= n_art < N, "killed after the second commit and before the end"
        assert n_art % BATCH == 0, "only whole batches are stored"
        assert st.count("events") == 2 * n_art
        assert st.count("quotes") == n_art
        assert st.count("signatures") == n_art
        assert st.con.execute("SELECT count(*) FROM events WHERE merged_id IS NULL").fetchall()[0][0] == 0
        assert st.con.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchall()[0][0] == 0

    # the same ingest again: known articles are skipped, the rest completes
    child = run_child(db, tmp_path)
    out, _ = child.communicate(timeout=600)
    assert child.returncode == 0, out
    assert out.strip().splitlines()[-1] == f"done {N - n_art}"

    with Store(db) as st:
        assert st.count("articles") == N
        assert st.count("events") == 2 * N
        assert st.count("quotes") == N
        assert st.count("signatures") == N
        assert st.count("lsh_bands") == N * st.con.execute(
            "SELECT count(DISTINCT band) FROM lsh_bands").fetchall()[0][0]
        dup = st.con.execute(
            "SELECT count(*) FROM (SELECT article_id, idx FROM events GROUP BY ALL HAVING count(*) > 1)"
        ).fetchall()[0][0]
        assert dup == 0
        # the CONSULT CHN–BLR events of a day are one merged fact however many articles told it
        days = st.con.execute(
            "SELECT count(DISTINCT date_start) FROM events WHERE type = 'CONSULT'").fetchall()[0][0]
        assert st.con.execute(
            "SELECT count(*) FROM merged_events WHERE type = 'CONSULT'").fetchall()[0][0] == days
        total = st.con.execute("SELECT sum(sources) FROM merged_events WHERE type = 'CONSULT'").fetchall()[0][0]
        assert total == N
