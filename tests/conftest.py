from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from warta.shared import shared_dir

REPO = Path(__file__).resolve().parents[1]
SHARED = shared_dir()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_shared(*parts: str) -> Path:
    """A path under the shared data; a test that needs it skips when it is missing — and fails under CI=true."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        msg = f"shared data missing: {path} (set WARTA_SHARED or put shared/ beside the repo)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return need_shared()


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
