"""The actors step does linear work on hostile text (issue 11).

Work is counted, not timed: the Python lines run inside warta/actors/ (a tracer, deterministic for a given
code), on a text and on the same text eight times over. Linear work grows about 8x; the quadratic spots this
guards against (a backward scan to the paragraph start for every portfolio title, a scan over every earlier
person for every name) grew 25-40x. Speed itself is measured in bench/adversarial.py.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import warta.actors
from linecount import lines_run
from warta.actors.gazetteer import Entry
from warta.actors.step import ActorsStep, _GovIndex, _Unit
from warta.document import Document

ACTORS_DIR = str(Path(warta.actors.__file__).parent)


def _lines_run(step: ActorsStep, text: str) -> int:
    doc = Document("t", text, published="2019-09-20")
    count = lines_run(lambda: step(doc), [ACTORS_DIR])
    assert doc.mentions  # the text is read, not skipped
    return count


def _name(i: int) -> str:
    a, b, c = chr(65 + i % 26), chr(97 + i // 26 % 26), chr(97 + i // 676 % 26)
    return f"{a}{b}{c}ko Wira{b}{c}{chr(97 + i % 26)}di"


CASES = {
    # one paragraph without a sentence end: every portfolio title looked back to the paragraph start
    "portfolio titles": lambda n: "Menteri Energi Yeo Bee Yin dan " * n,
    # a list of distinct names: every name was compared with every earlier person
    "distinct names": lambda n: "".join(f"Menteri Desa {_name(i)} dan " for i in range(n)),
    # the run of titles of bench/adversarial.py (a role before every role, one name at the end)
    "titles": lambda n: "Menteri Luar Negeri " * (4 * n) + "Retno Marsudi",
}


@pytest.mark.parametrize("case", CASES)
def test_actors_work_grows_linearly(case: str) -> None:
    step = ActorsStep()
    make = CASES[case]
    _lines_run(step, make(5))  # the gazetteer is built outside the count
    small, large = _lines_run(step, make(60)), _lines_run(step, make(480))
    assert large / small <= 10, f"{case}: {small} -> {large} lines, x{large / small:.1f} for 8x the text"


def _brute(units: list[_Unit], start: int, i: int) -> str | None:
    seen = {u.country for u in units[:i] if u.start >= start and u.country and u.type == "body" and u.sector == "GOV"}
    return next(iter(seen)) if len(seen) == 1 and "IDN" not in seen else None


def test_gov_index_answers_as_a_scan_would() -> None:
    rng = random.Random(11)
    entry = Entry(surface="x", type="body", key="x", name="x")
    for _ in range(300):
        units, pos = [], 0
        for _ in range(rng.randint(0, 30)):
            pos += rng.randint(1, 20)
            typ = rng.choice(["body", "body", "state", "role"])
            units.append(_Unit(pos, pos + 3, typ, entry, rng.choice([None, "MYS", "IDN", "SGP"]),
                               sector=rng.choice(["GOV", "GOV", "LEG", None])))
            pos += 3
        gov = _GovIndex(units)
        for _ in range(20):
            i = rng.randint(0, len(units))
            start = rng.randint(0, pos + 5)
            assert gov.only_country(start, i) == _brute(units, start, i)
