"""Sanity checks for the curated western/IGO leaders-with-tenure list."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parents[1] / "src" / "warta" / "actors" / "data" / "leaders" / "west.tsv"

HEADER = ["name", "aliases", "country", "role", "role_key", "sector", "start", "end", "notes"]
ROLE_KEYS = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "vice_president",
    "deputy_head_of_government",
    "mfa_spokesperson",
    "igo_head",
    "other",
}
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
IGO_CODES = {"UN", "EU", "NATO", "IAEA", "WHO", "WTO", "IMF", "WB", "ICC", "ICJ", "OSCE", "G7"}
SECTORS = {"GOV", "MIL"}
DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _parse(value: str, late: bool = False) -> date:
    """Parse YYYY-MM-DD or YYYY-MM.

    Month-only dates map to the 1st, or with ``late`` to the last day of the month.
    """
    if len(value) == 7:
        first = date.fromisoformat(value + "-01")
        if not late:
            return first
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date.fromisoformat(value)


def _load_raw() -> list[list[str]]:
    with TSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    raw = _load_raw()
    return [dict(zip(HEADER, r, strict=True)) for r in raw[1:]]


def _holders(rows: list[dict[str, str]], country: str, role_key: str, on: str) -> list[str]:
    day = _parse(on)
    out = []
    for r in rows:
        if r["country"] != country or r["role_key"] != role_key:
            continue
        start = _parse(r["start"])
        end = _parse(r["end"]) if r["end"] else date.max
        if start <= day <= end:
            out.append(r["name"])
    return out


def test_header_and_column_count() -> None:
    raw = _load_raw()
    assert raw[0] == HEADER
    assert len(raw) > 400
    for i, r in enumerate(raw[1:], start=2):
        assert len(r) == len(HEADER), f"line {i}: {len(r)} columns: {r}"


def test_field_values(rows: list[dict[str, str]]) -> None:
    for r in rows:
        ctx = f"{r['name']} {r['country']} {r['role_key']} {r['start']}"
        assert r["name"].strip() == r["name"] and r["name"], ctx
        assert r["role"].strip(), ctx
        assert r["role_key"] in ROLE_KEYS, ctx
        assert r["sector"] in SECTORS, ctx
        assert r["country"] in IGO_CODES or re.fullmatch(r"[A-Z]{3}", r["country"]), ctx
        assert r["notes"].strip(), ctx


def test_aliases(rows: list[dict[str, str]]) -> None:
    for r in rows:
        if not r["aliases"]:
            continue
        aliases = r["aliases"].split("|")
        surname = r["name"].split()[-1].casefold()
        assert len(aliases) == len(set(aliases)), r["name"]
        for a in aliases:
            assert a and a == a.strip(), (r["name"], a)
            assert a != r["name"], (r["name"], a)
            # no bare surnames: the linker handles those itself
            assert a.casefold() != surname, (r["name"], a)


def test_dates_valid_and_ordered(rows: list[dict[str, str]]) -> None:
    for r in rows:
        ctx = f"{r['name']} {r['country']} {r['role_key']}"
        assert DATE_RE.match(r["start"]), ctx
        start = _parse(r["start"])
        assert date(1940, 1, 1) <= start <= date(2026, 12, 31), ctx
        if r["end"]:
            assert DATE_RE.match(r["end"]), ctx
            assert start <= _parse(r["end"]), ctx


def test_coverage(rows: list[dict[str, str]]) -> None:
    required = set(
        "USA GBR FRA DEU ITA CAN RUS UKR BLR POL HUN TUR ESP NLD AUS NZL BRA ARG MEX VEN "
        "COL CUB MDA GEO ARM AZE SRB SWE FIN NOR VAT EST LVA LTU".split()
    )
    seen = defaultdict(set)
    for r in rows:
        seen[r["country"]].add(r["role_key"])
    for c in required:
        assert {"head_of_state", "head_of_government"} & seen[c], c
        assert "foreign_minister" in seen[c], c
    for igo in ["UN", "NATO", "EU", "IAEA", "WHO", "WTO", "IMF", "WB", "ICC", "OSCE"]:
        assert "igo_head" in seen[igo], igo


def test_no_overlap_for_single_holder_roles(rows: list[dict[str, str]]) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["role_key"] in SINGLE_HOLDER:
            # EU/IGO rows can hold distinct offices under one key; group by role title there
            title = r["role"] if r["country"] in IGO_CODES else ""
            groups[(r["country"], r["role_key"], title)].append(r)
    problems = []
    for key, items in groups.items():
        items.sort(key=lambda r: (_parse(r["start"]), _parse(r["end"]) if r["end"] else date.max))
        for prev, nxt in zip(items, items[1:], strict=False):
            if not prev["end"]:
                problems.append((key, prev["name"], "open-ended but followed by", nxt["name"]))
                continue
            # month-only dates are compared leniently (earliest end vs latest start)
            overlap = (_parse(prev["end"]) - _parse(nxt["start"], late=True)).days
            if overlap > 1:
                problems.append((key, prev["name"], prev["end"], nxt["name"], nxt["start"]))
    assert not problems, problems


SPOT_CHECKS = [
    ("USA", "foreign_minister", "2021-02-16", "Antony Blinken"),
    ("USA", "foreign_minister", "2025-06-01", "Marco Rubio"),
    ("USA", "head_of_state", "2019-06-01", "Donald Trump"),
    ("USA", "head_of_government", "2023-06-01", "Joe Biden"),
    ("USA", "defence_minister", "2025-03-01", "Pete Hegseth"),
    ("USA", "vice_president", "2025-03-01", "JD Vance"),
    ("RUS", "foreign_minister", "2023-03-01", "Sergei Lavrov"),
    ("RUS", "defence_minister", "2023-03-01", "Sergei Shoigu"),
    ("RUS", "defence_minister", "2024-06-01", "Andrei Belousov"),
    ("RUS", "head_of_state", "2022-02-24", "Vladimir Putin"),
    ("UKR", "head_of_state", "2022-06-30", "Volodymyr Zelensky"),
    ("UKR", "foreign_minister", "2023-05-01", "Dmytro Kuleba"),
    ("UKR", "head_of_government", "2025-09-01", "Yulia Svyrydenko"),
    ("BLR", "foreign_minister", "2023-02-24", "Sergei Aleinik"),
    ("BLR", "head_of_state", "2020-08-09", "Alexander Lukashenko"),
    ("GBR", "head_of_government", "2022-10-01", "Liz Truss"),
    ("GBR", "foreign_minister", "2024-01-01", "David Cameron"),
    ("GBR", "head_of_state", "2023-05-06", "Charles III"),
    ("DEU", "head_of_government", "2023-01-01", "Olaf Scholz"),
    ("DEU", "head_of_government", "2025-06-01", "Friedrich Merz"),
    ("FRA", "head_of_government", "2024-10-01", "Michel Barnier"),
    ("CAN", "head_of_government", "2025-04-01", "Mark Carney"),
    ("POL", "head_of_state", "2025-09-01", "Karol Nawrocki"),
    ("TUR", "foreign_minister", "2023-08-01", "Hakan Fidan"),
    ("BRA", "head_of_state", "2016-07-01", "Michel Temer"),
    ("VAT", "head_of_state", "2025-06-01", "Pope Leo XIV"),
    ("UN", "igo_head", "2024-01-01", "António Guterres"),
    ("NATO", "igo_head", "2025-01-01", "Mark Rutte"),
    ("NATO", "igo_head", "2020-01-01", "Jens Stoltenberg"),
    ("WHO", "igo_head", "2020-03-11", "Tedros Adhanom Ghebreyesus"),
]


@pytest.mark.parametrize(("country", "role_key", "on", "expected"), SPOT_CHECKS)
def test_spot_checks(rows: list[dict[str, str]], country: str, role_key: str, on: str, expected: str) -> None:
    assert _holders(rows, country, role_key, on) == [expected]


def test_eu_foreign_policy_chief(rows: list[dict[str, str]]) -> None:
    assert _holders(rows, "EU", "foreign_minister", "2023-01-01") == ["Josep Borrell"]
    assert _holders(rows, "EU", "foreign_minister", "2025-01-01") == ["Kaja Kallas"]
