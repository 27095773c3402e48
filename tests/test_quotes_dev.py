"""Quotes on the dev set, scored by the shared scorer (spec EVENTS.md §9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SHARED, need_shared
from warta.document import Document
from warta.quotes import QuotesStep

DEV = SHARED / "eval" / "dev.jsonl"
GOLD = SHARED / "eval" / "gold"
SCORE = SHARED / "eval" / "score.py"


def _steps() -> list:
    steps = []
    try:
        from warta.clean import CleanStep

        steps.append(CleanStep())
    except ImportError:
        pass
    try:
        from warta.actors import ActorsStep  # type: ignore[attr-defined]

        steps.append(ActorsStep())
    except ImportError:
        pass
    return steps + [QuotesStep()]


def test_dev_quotes_f1_and_speakers(tmp_path: Path) -> None:
    need_shared("eval", "dev.jsonl")
    need_shared("eval", "score.py")
    steps = _steps()
    out = tmp_path / "pred.jsonl"
    with DEV.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as w:
        for line in fh:
            rec = json.loads(line)
            doc = Document(id=rec["id"], text=rec["text"], published=rec.get("published"))
            for step in steps:
                doc = step(doc)
            quotes = [{"speaker": q.speaker, "addressee": q.addressee, "text": q.text, "span": list(q.span)}
                      for q in doc.quotes]
            w.write(json.dumps({"id": doc.id, "quotes": quotes}, ensure_ascii=False) + "\n")
    res = subprocess.run([sys.executable, str(SCORE), "--gold", str(GOLD), "--pred", str(out), "--json"],
                         check=True, capture_output=True, text=True)
    q = json.loads(res.stdout)["quotes"]
    print(q)
    assert q["f1"] >= 0.95
    assert q["speaker_accuracy"] >= 0.95
