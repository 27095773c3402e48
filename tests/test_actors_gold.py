"""Actor recall on the dev gold: every actor/recipient of a required event and every speaker/addressee of a
required quote must be among ``doc.actors`` (same country, name matching by the scorer's rule)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import SHARED, need_shared
from warta.actors import ActorsStep
from warta.document import Document
from warta.evaluate.gold import required_actors

GOLD = SHARED / "eval" / "gold"
DEV = SHARED / "eval" / "dev.jsonl"

@pytest.fixture(autouse=True)
def _shared_eval() -> None:
    need_shared("eval", "gold")
    need_shared("eval", "dev.jsonl")


def _score_module():
    spec = importlib.util.spec_from_file_location("warta_eval_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def measure() -> tuple[int, int, list[str]]:
    score = _score_module()
    texts = {}
    with open(DEV, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = rec["text"]
    step = ActorsStep()
    found = total = 0
    misses: list[str] = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["id"] not in texts:
            continue
        doc = step(Document(gold["id"], texts[gold["id"]], published=gold.get("published")))
        for want in required_actors(gold):
            total += 1
            country = (want.get("country") or "").upper()
            if any((a.get("country") or "").upper() == country and score.same_name(a, want) for a in doc.actors):
                found += 1
            else:
                misses.append(f"{gold['id']}: {want.get('name')} ({country})")
    return found, total, misses


def test_gold_actor_recall() -> None:
    found, total, misses = measure()
    recall = found / total if total else 1.0
    print(f"\nactor recall {found}/{total} = {recall:.3f}")
    for m in misses:
        print("  miss:", m)
    assert total > 0
    assert recall >= 0.95


if __name__ == "__main__":
    f, t, ms = measure()
    print(f"actor recall {f}/{t} = {f / t:.3f}")
    for m in ms:
        print("  miss:", m)
