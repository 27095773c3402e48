"""Start-up: what a command imports, checked in a fresh interpreter through ``sys.modules`` (no timing).

``warta --help`` and the query commands must not pay for the extraction pipeline, the story
machinery (datasketch pulls in scipy), the learned coder (scikit-learn) or the readers' HTML stack;
``--help`` and ``extract`` must not load the store (DuckDB). Figures: bench/startup.py, bench/RESULTS.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import warta

SRC = str(Path(warta.__file__).resolve().parents[1])

# run one `warta` command in this interpreter, then write the names of every loaded module to a file
PROBE = """
import json, sys
out, argv = sys.argv[1], sys.argv[2:]
sys.argv = ["warta", *argv]
from warta.cli import main
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
with open(out, "w") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""

# never for --help or a query command
HEAVY = ["datasketch", "scipy", "numpy", "sklearn", "trafilatura", "dateparser", "ftfy", "warcio", "fastapi",
         "uvicorn", "ray", "pyarrow", "warta.pipeline", "warta.events", "warta.clean", "warta.quotes",
         "warta.dates", "warta.store.grouping"]
STORE = ["duckdb", "warta.store.db", "warta.store.queries", "warta.store.store", "warta.store.exports",
         "warta.store.ingest"]


def loaded(tmp_path: Path, *argv: str) -> set[str]:
    out = tmp_path / f"modules-{len(list(tmp_path.glob('modules-*')))}.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
           "WARTA_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), *argv], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert out.exists(), done.stderr[-2000:]
    got = json.loads(out.read_text())
    assert got["code"] in (0, None), (got["code"], done.stdout[-1000:], done.stderr[-2000:])
    return set(got["modules"])


def imported(modules: set[str], names: list[str]) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


def test_import_cli_loads_no_heavy_module(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    code = "import json, sys, warta.cli; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    mods = set(json.loads(done.stdout))
    assert imported(mods, [*HEAVY, *STORE, "yaml", "rich"]) == []


def test_help_loads_neither_pipeline_nor_store(tmp_path: Path) -> None:
    mods = loaded(tmp_path, "--help")
    assert "warta.store.cli" in mods  # the store's commands are registered (and listed) all the same
    assert imported(mods, [*HEAVY, *STORE, "yaml"]) == []


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    rec = {"id": "a1", "published": "2024-03-01", "outlet": "antara", "url": "https://x/a1", "title": "RI–Jepang",
           "text": "Indonesia dan Jepang menandatangani perjanjian kerja sama maritim di Jakarta.",
           "events": [{"type": "COOPERATE", "date": "2024-03-01", "text": "menandatangani perjanjian",
                       "span": [0, 5], "actor": {"name": "Indonesia", "country": "IDN"},
                       "recipient": {"name": "Jepang", "country": "JPN"}}],
           "quotes": [], "actors": [{"name": "Jepang", "country": "JPN", "kind": "state", "mentions": 1}]}
    src = folder / "recs.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    db = folder / "s.duckdb"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
           "WARTA_CACHE": str(folder / "cache")}
    subprocess.run([sys.executable, "-m", "warta.cli", "ingest", str(src), "--records", "--db", str(db), "-q"],
                   env=env, check=True, capture_output=True, timeout=300)
    return db


@pytest.mark.parametrize("argv", [
    ["timeline", "IDN", "JPN"],
    ["timeline", "Indonesia", "Jepang", "--format", "jsonl"],
    ["events", "--actor", "IDN"],
    ["actors"],
    ["quotes"],
    ["stories"],
], ids=lambda a: "-".join(a[:2]))
def test_query_loads_no_pipeline(tmp_path: Path, store: Path, argv: list[str]) -> None:
    mods = loaded(tmp_path, *argv, "--db", str(store))
    assert "duckdb" in mods
    assert imported(mods, HEAVY) == []


def test_extract_loads_no_store(tmp_path: Path) -> None:
    art = tmp_path / "a.jsonl"
    art.write_text(json.dumps({"id": "x1", "text": "Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo "
                               "pada Senin (4/3/2024) untuk membahas kerja sama."}) + "\n", encoding="utf-8")
    mods = loaded(tmp_path, "extract", str(art), "-o", str(tmp_path / "out.jsonl"), "-q")
    assert "warta.pipeline" in mods
    assert imported(mods, STORE) == []


def test_cached_gazetteer_resolves_names_as_a_built_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.actors import gazetteer as G
    from warta.store import names as N

    monkeypatch.setenv("WARTA_CACHE", str(tmp_path))
    monkeypatch.setattr(G, "_GAZ", None)
    built = N._gazetteer()  # a miss: built, then written to the cache
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    monkeypatch.setattr(G, "_GAZ", None)
    loaded = N._gazetteer()  # a hit: read back
    assert loaded is not built and G.get_gazetteer() is loaded
    for name in ["Indonesia", "Jepang", "Tiongkok", "Amerika Serikat", "PBB", "Jokowi", "Qin Gang", "Wang Yi",
                 "Prabowo Subianto", "ASEAN", "Hamas", "Menlu China", "Kemlu"]:
        for when in (None, "2019-06-01"):
            assert loaded.lookup(name, when) == built.lookup(name, when), (name, when)
    assert loaded.country_names == built.country_names and loaded.igo_names == built.igo_names
    assert loaded.person_index == built.person_index
