"""Agreement of warta.dates with the dev gold: a report, not a fit.

For each gold event whose evidence ``text`` holds a date expression, resolve the
evidence (``date_for_clause`` over the whole evidence, cue at its start, ``future``
from the gold aux) against the gold ``published`` and compare with the gold date.
Run ``.venv/bin/python tests/test_dates_gold.py`` for the per-event listing.
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

import pytest

from warta.dates import date_for_clause, find_expressions, parse_interval
from warta.shared import shared_path

GOLD = sorted(glob.glob(str(shared_path("eval", "gold", "*.json"))))


def agreement(verbose: bool = False) -> tuple[int, int, int]:
    """(events with a date expression in the evidence, inside the gold interval, overlapping it)."""
    n = exact = overlap = 0
    for f in GOLD:
        doc = json.loads(Path(f).read_text("utf-8"))
        pub = doc.get("published")
        for ev in doc.get("events", []):
            text, gold = ev.get("text") or "", ev.get("date")
            if not gold or not find_expressions(text):
                continue
            n += 1
            got = date_for_clause(text, 0, len(text), 0, pub, future=ev.get("aux") == "future")
            g, p = parse_interval(gold), parse_interval(got)
            ok_exact = bool(g and p and g[0] <= p[0] and p[1] <= g[1])
            ok_overlap = bool(g and p and p[0] <= g[1] and g[0] <= p[1])
            exact += ok_exact
            overlap += ok_overlap
            if verbose and not ok_exact:
                print(f"{doc['id']}\tpub={pub}\tgold={gold}\tgot={got}\t{text[:120]!r}")
    return n, exact, overlap


def test_gold_agreement_report(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import need_shared

    need_shared("eval", "gold")
    n, exact, overlap = agreement()
    with capsys.disabled():
        print(f"\ndates vs gold: {exact}/{n} inside the gold interval, {overlap}/{n} overlapping")
    assert n > 0
    assert overlap / n > 0.5


if __name__ == "__main__":
    n, exact, overlap = agreement(verbose="-q" not in sys.argv)
    print(f"dates vs gold: {exact}/{n} inside the gold interval, {overlap}/{n} overlapping")
