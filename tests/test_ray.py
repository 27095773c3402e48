"""The Ray Data executor on a local Ray: the same records and skips as the local executor.

Ray is the ``ray`` extra (the Makefile's venv installs it). Without it these tests skip, and fail
under CI=true. One local Ray (2 CPUs) serves the module, to keep the time small.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import IN_CI, need_shared

if importlib.util.find_spec("ray") is None:
    if IN_CI:
        pytest.fail("ray is not installed (the CI venv installs .[dev,ray])", pytrace=False)
    pytest.skip("ray is not installed (pip install -e '.[ray]')", allow_module_level=True)

from warta.executors.partitions import expand, parquet_records  # noqa: E402
from warta.pipeline import Report, process, record_of  # noqa: E402


@pytest.fixture(scope="module")
def ray_local():
    import ray

    from warta.executors.ray_data import init_ray

    init_ray(2)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    dev = need_shared("eval", "dev.jsonl")
    d = tmp_path_factory.mktemp("ray_in")
    bad = d / "mixed.jsonl"
    bad.write_text(
        json.dumps({"id": "own-1", "text": "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di "
                    "Tokyo pada Senin untuk membahas kerja sama maritim kedua negara."}) + "\n"
        "this line is not JSON\n" + json.dumps({"id": "own-2", "text": ""}) + "\n",
        encoding="utf-8",
    )
    folder = d / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Pemerintah Malaysia mengecam serangan Israel ke Gaza, Selasa.", encoding="utf-8")
    return [str(dev), str(bad), str(folder), str(d / "missing.jsonl")]


def _local(inputs: list[str]) -> tuple[list[str], set[tuple[str, str]]]:
    rep = Report()
    lines = [json.dumps(rec, ensure_ascii=False)
             for _, rec in process(inputs, result=record_of, report=rep, timeout=10)]
    return sorted(lines), {(s.origin, s.reason) for s in rep.skipped}


def test_ray_jsonl_equals_local(ray_local: None, inputs: list[str], tmp_path: Path) -> None:
    from warta.executors.ray_data import extract_ray

    out = tmp_path / "out"
    rep = extract_ray(inputs, str(out), fmt="jsonl", workers=2, timeout=10)
    lines = sorted(line for f in rep.files for line in Path(f).read_text(encoding="utf-8").splitlines())
    want_lines, want_skips = _local(inputs)
    assert len(want_lines) > 30
    assert lines == want_lines  # byte for byte, after sorting
    assert {(s.origin, s.reason) for s in rep.skipped} == want_skips
    assert any("not JSON" in r for _, r in want_skips) and any("no such file" in r for _, r in want_skips)
    assert rep.written == len(want_lines)


def test_ray_parquet_partitions_read_back_by_ingest(ray_local: None, inputs: list[str], tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from warta.executors.ray_data import extract_ray
    from warta.store.cli import register

    out = tmp_path / "pq"
    rep = extract_ray(inputs[:2], str(out), fmt="parquet", workers=2, timeout=10)
    assert rep.files and all(f.endswith(".parquet") for f in rep.files)
    got = sorted(json.dumps(r, ensure_ascii=False) for f in expand([str(out)]) for r in parquet_records(f))
    assert got == _local(inputs[:2])[0]

    app = typer.Typer()
    register(app)
    db = tmp_path / "w.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(out), "--records", "--db", str(db), "--quiet"])
    assert res.exit_code == 0, res.output
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n == len(got)
