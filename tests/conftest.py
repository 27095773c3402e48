from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def warta_bin() -> list[str]:
    return [sys.executable, "-m", "warta.cli"]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---- the web API and dashboard: one real `warta serve` over a store of the dev set ---------------------
@pytest.fixture(scope="session")
def dev_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from webutil import ingest

    db = tmp_path_factory.mktemp("web") / "dev.duckdb"
    ingest([shared / "eval" / "dev.jsonl"], db)
    return db


@pytest.fixture(scope="session")
def dev_server(dev_store: Path):
    from webutil import serve

    with serve(dev_store) as base:
        yield base
