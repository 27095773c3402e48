"""The store commands on a typer app of our own, through CliRunner, on real DuckDB files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from warta.shared import shared_path
from warta.store import Store
from warta.store.cli import register, sparkline

DEV = shared_path("eval", "dev.jsonl")


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    a = typer.Typer()

    @a.callback()
    def root() -> None:
        """test app"""

    register(a)
    return a


def records() -> list[dict]:
    def ev(t: str, a: str, b: str, d: str, **kw: object) -> dict:
        return {"type": t, "date": d, "actor": {"name": f"{a} gov", "country": a},
                "recipient": {"name": f"{b} gov", "country": b}, "text": f"{t} {a} {b}", "span": [0, 5], **kw}

    return [
        {"id": "r1", "published": "2022-01-10", "outlet": "antara", "url": "https://a/r1", "title": "China–Belarus",
         "text": "Teks pertama " + " ".join(f"a{i}" for i in range(50)),
         "events": [ev("CONSULT", "CHN", "BLR", "2022-01-10", mutual=True, date_from="text"),
                    ev("AID", "CHN", "BLR", "2022-02-01")],
         "quotes": [{"speaker": {"name": "Wang Yi", "country": "CHN"}, "text": "kami siap bekerja sama erat",
                     "span": [0, 5]}],
         "actors": [{"name": "Wang Yi", "country": "CHN", "kind": "person", "mentions": 2}]},
        {"id": "r2", "published": "2022-01-11", "outlet": "kompas", "url": "https://k/r2", "title": "Wang Yi",
         "text": "Teks kedua " + " ".join(f"b{i}" for i in range(50)),
         "events": [ev("CONSULT", "BLR", "CHN", "2022-01-10"), ev("ACCUSE", "BLR", "CHN", "2022-03-05")],
         "actors": [{"name": "Wang Yi", "country": "CHN", "kind": "person", "mentions": 1}]},
    ]


@pytest.fixture
def db(tmp_path: Path, app: typer.Typer) -> Path:
    src = tmp_path / "recs.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records()))
    path = tmp_path / "w.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(src), "--records", "--db", str(path), "--batch-size", "1"])
    assert res.exit_code == 0, res.output
    return path


def run(app: typer.Typer, *args: str) -> str:
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_ingest_records_twice_and_bad_lines(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    src = tmp_path / "more.jsonl"
    src.write_text(json.dumps(records()[0]) + "\n{not json\n" + json.dumps({"id": "r3", "events": 5}) + "\n")
    res = CliRunner().invoke(app, ["ingest", str(src), "--records", "--db", str(db)])
    assert res.exit_code == 1  # something was skipped; the rest is stored
    assert "bad JSON" in res.stderr and "events is not a list" in res.stderr
    assert "1 unchanged" in res.stderr
    with Store(db) as st:
        assert st.count("articles") == 2 and st.count("events") == 4


def test_events_formats(app: typer.Typer, db: Path) -> None:
    lines = [json.loads(x) for x in run(app, "events", "--db", str(db), "--format", "jsonl").splitlines()]
    assert len(lines) == 4 and {"type", "actor_country", "merged_id", "outlet"} <= set(lines[0])
    out = run(app, "events", "--db", str(db), "--actor", "CHN", "--with", "BLR", "--direction", "from", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["type"] for r in rows) == ["AID", "CONSULT", "CONSULT"]
    out = run(app, "events", "--db", str(db), "--type", "CONSULT", "--merged", "-f", "jsonl")
    (m,) = [json.loads(x) for x in out.splitlines()]
    assert (m["sources"], m["outlets"]) == (2, 2)
    table = run(app, "events", "--db", str(db), "--since", "2022-03")
    assert "ACCUSE" in table and "CONSULT" not in table
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--since", "yesterday"])
    assert res.exit_code == 2


def test_timeline(app: typer.Typer, db: Path) -> None:
    rows = [json.loads(x) for x in run(app, "timeline", "CHN", "BLR", "--db", str(db), "-f", "jsonl").splitlines()]
    assert [(r["period"], r["events"], r["score"]) for r in rows] == [
        ("2022-01", 1, 2.5), ("2022-02", 1, 10.0), ("2022-03", 1, -3.0)]
    table = run(app, "timeline", "CHN", "BLR", "--db", str(db))
    assert "score 2022-01 " in table and any(ch in table for ch in "▁█")
    per_article = run(app, "timeline", "CHN", "BLR", "--per-article", "--db", str(db), "-f", "csv")
    assert list(csv.DictReader(io.StringIO(per_article)))[0]["events"] == "2"


def test_actors_quotes_stories_export(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    actors = [json.loads(x) for x in run(app, "actors", "--top", "3", "--db", str(db), "-f", "jsonl").splitlines()]
    assert actors[0]["name"] == "Wang Yi"
    q = [json.loads(x) for x in run(app, "quotes", "--speaker", "Wang Yi", "--db", str(db), "-f", "jsonl").splitlines()]
    assert len(q) == 1 and q[0]["text"].startswith("kami siap")
    stories = [json.loads(x) for x in run(app, "stories", "--db", str(db), "--format", "jsonl").splitlines()]
    assert len(stories) == 1  # same main event (CONSULT CHN–BLR, 10 January) and person, a day apart
    s = stories[0]
    assert set(s) == {"story", "n_articles", "n_outlets", "articles", "title", "first_date", "last_date", "outlets"}
    assert s["articles"] == ["r1", "r2"] and s["first_date"] == "2022-01-10" and s["outlets"] == ["antara", "kompas"]
    assert "r1" in run(app, "stories", "--db", str(db))
    for fmt, name in (("csv", "e.csv"), ("parquet", "e.parquet"), ("plover", "e.jsonl")):
        res = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(tmp_path / name), "--db", str(db)])
        assert res.exit_code == 0 and "wrote 4 events" in res.stderr
    plover = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert plover[0]["cite_info"]["url"] == "https://a/r1"


def test_missing_db(app: typer.Typer, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no store" in res.stderr


def test_ingest_through_the_pipeline_skips_known(app: typer.Typer, tmp_path: Path) -> None:
    from conftest import need_shared

    need_shared("eval", "dev.jsonl")
    src = tmp_path / "dev3.jsonl"
    src.write_text("".join(DEV.read_text().splitlines(keepends=True)[:3]))
    path = tmp_path / "p.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(path), "--quiet"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(path)])
    assert res.exit_code == 0 and "3 read, 0 new, 0 replaced, 3 unchanged" in res.stderr
    with Store(path) as st:
        assert st.count("articles") == 3
        assert st.known(["000_866699556c336e71"])


def test_sparkline() -> None:
    assert sparkline([]) == ""
    assert sparkline([0, 0]) == "▅▅"
    assert sparkline([1, 1]) == "██"  # the scale includes zero
    assert sparkline([-9, 0, 9]) == "▁▅█"
    assert sparkline([-2, -1, 0]) == "▁▅█"  # negative scores draw below zero, not as peaks
    assert sparkline([0, 1, 2]) == "▁▅█"
