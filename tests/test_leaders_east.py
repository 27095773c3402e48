"""Sanity checks for the curated leaders-with-tenure list (East / Asia / Middle East / Africa).

File: src/warta/actors/data/leaders/east.tsv

Conventions checked / relied on here:
* month-precision dates (YYYY-MM) are read as the first day of the month;
* ``end`` is exclusive for lookups (on a handover day the successor holds the post);
* Iran and the Taliban emirate: the Supreme Leader is ``head_of_state`` and the Iranian
  president is ``head_of_government`` (there is no prime minister);
* presidential systems without a prime minister (IDN, PHL, NGA, ZAF, KEN from 2013, AFG until
  2021) carry a second ``head_of_government`` row for the president;
* acting heads during a suspension (e.g. South Korea 2016-17 and 2024-25, Thailand 2022 and
  2025) are filed as ``other`` so that they do not overlap with the suspended office holder.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

TSV = Path(__file__).resolve().parents[1] / "src" / "warta" / "actors" / "data" / "leaders" / "east.tsv"

COLUMNS = ["name", "aliases", "country", "role", "role_key", "sector", "start", "end", "notes"]
ROLE_KEYS = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "vice_president",
    "deputy_head_of_government",
    "mfa_spokesperson",
    "igo_head",
    "group_leader",
    "other",
}
SECTORS = {"GOV", "MIL", "REB"}
IGO_CODES = {"ASEAN", "OIC", "AU", "ARAB", "GCC", "SCO", "ECOWAS", "APEC", "OPEC"}
SINGLE_HOLDER = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}

# (country, role_key) pairs where two people legitimately hold the post at the same time.
# LBY: rival governments since 2014 (Tripoli GNA/GNU vs. the eastern House-of-Representatives
# cabinets), so heads of government overlap.
OVERLAP_EXCEPTIONS = {
    ("LBY", "head_of_government"),
    ("LBY", "head_of_state"),
}

DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _load() -> list[dict[str, str]]:
    with TSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == COLUMNS
        rows = []
        for lineno, rec in enumerate(reader, start=2):
            assert len(rec) == len(COLUMNS), f"line {lineno}: {len(rec)} columns: {rec}"
            rows.append(dict(zip(COLUMNS, rec, strict=True)) | {"_line": str(lineno)})
        return rows


ROWS = _load()


def _date(s: str) -> dt.date:
    """Parse YYYY-MM-DD or YYYY-MM (month precision -> first day of the month)."""
    if len(s) == 7:
        return dt.date.fromisoformat(s + "-01")
    return dt.date.fromisoformat(s)


def _span(row: dict[str, str]) -> tuple[dt.date, dt.date]:
    end = _date(row["end"]) if row["end"] else dt.date.max
    return _date(row["start"]), end


def holder(country: str, role_key: str, on: str) -> list[str]:
    day = dt.date.fromisoformat(on)
    out = []
    for r in ROWS:
        if r["country"] == country and r["role_key"] == role_key:
            start, end = _span(r)
            if start <= day < end or (start <= day and not r["end"]):
                out.append(r["name"])
    return out


def test_row_count_reasonable():
    assert 500 <= len(ROWS) <= 1500


def test_fields_valid():
    for r in ROWS:
        where = f"line {r['_line']}"
        assert r["name"].strip() == r["name"] and r["name"], where
        assert r["role"], where
        assert r["role_key"] in ROLE_KEYS, where
        assert r["sector"] in SECTORS, where
        c = r["country"]
        assert ISO3_RE.match(c) or c in IGO_CODES, where
        if r["role_key"] == "igo_head":
            assert c in IGO_CODES, where
        assert r["notes"], where
        for a in filter(None, r["aliases"].split("|")):
            assert a == a.strip() and a != r["name"], where
            # no bare surnames: single-token aliases are only allowed for acronyms / mononyms
            if " " not in a and "-" not in a:
                assert a.isupper() or a in {"Jokowi", "Zulhas", "PNoy", "Digong", "Hemedti", "Suharto"}, f"{where}: {a}"


def test_dates_iso_and_ordered():
    for r in ROWS:
        where = f"line {r['_line']}"
        assert DATE_RE.match(r["start"]), where
        _date(r["start"])
        if r["end"]:
            assert DATE_RE.match(r["end"]), where
            assert _date(r["start"]) <= _date(r["end"]), where


def test_no_overlap_single_holder_roles():
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in ROWS:
        if r["role_key"] in SINGLE_HOLDER:
            groups[(r["country"], r["role_key"])].append(r)
    problems = []
    for key, rows in sorted(groups.items()):
        if key in OVERLAP_EXCEPTIONS:
            continue
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                (a0, a1), (b0, b1) = _span(a), _span(b)
                overlap = (min(a1, b1) - max(a0, b0)).days
                # 1 day is fine for same-day handovers; month-precision dates get a month of slack
                fuzzy = any(len(x) == 7 for x in (a["start"], a["end"], b["start"], b["end"]))
                if overlap > (31 if fuzzy else 1):
                    problems.append(
                        f"{key}: {a['name']} {a['start']}..{a['end']} vs {b['name']} {b['start']}..{b['end']}"
                    )
    assert not problems, "\n".join(problems)


def test_no_exact_duplicates():
    seen = set()
    for r in ROWS:
        k = (r["name"], r["country"], r["role_key"], r["role"], r["start"])
        assert k not in seen, f"duplicate row line {r['_line']}"
        seen.add(k)


SPOT_CHECKS = [
    ("CHN", "foreign_minister", "2023-03-01", "Qin Gang"),
    ("CHN", "foreign_minister", "2024-04-09", "Wang Yi"),
    ("CHN", "foreign_minister", "2019-06-01", "Wang Yi"),
    ("CHN", "head_of_government", "2020-01-01", "Li Keqiang"),
    ("CHN", "defence_minister", "2023-06-01", "Li Shangfu"),
    ("IDN", "foreign_minister", "2021-02-16", "Retno Marsudi"),
    ("IDN", "foreign_minister", "2025-03-01", "Sugiono"),
    ("IDN", "head_of_state", "2022-06-30", "Joko Widodo"),
    ("IDN", "head_of_state", "2025-01-15", "Prabowo Subianto"),
    ("IDN", "defence_minister", "2025-01-15", "Sjafrie Sjamsoeddin"),
    ("IND", "foreign_minister", "2023-05-05", "Subrahmanyam Jaishankar"),
    ("MYS", "head_of_government", "2018-06-29", "Mahathir Mohamad"),
    ("SYR", "head_of_state", "2025-05-14", "Ahmed al-Sharaa"),
    ("SYR", "head_of_state", "2024-01-01", "Bashar al-Assad"),
    ("PRK", "head_of_state", "2018-06-12", "Kim Jong-un"),
    ("IRN", "head_of_government", "2024-09-01", "Masoud Pezeshkian"),
    ("IRN", "foreign_minister", "2024-10-01", "Abbas Araghchi"),
    ("JPN", "head_of_government", "2025-01-01", "Shigeru Ishiba"),
    ("KOR", "head_of_state", "2025-07-01", "Lee Jae-myung"),
    ("THA", "head_of_government", "2024-01-01", "Srettha Thavisin"),
    ("BGD", "head_of_government", "2025-01-01", "Muhammad Yunus"),
    ("SAU", "head_of_government", "2023-01-01", "Mohammed bin Salman"),
    ("ISR", "head_of_government", "2022-09-01", "Yair Lapid"),
    ("ASEAN", "igo_head", "2020-01-01", "Lim Jock Hoi"),
]


@pytest.mark.parametrize(("country", "role_key", "on", "expected"), SPOT_CHECKS)
def test_spot_checks(country, role_key, on, expected):
    assert holder(country, role_key, on) == [expected]


def test_group_leaders_spot():
    assert "Ismail Haniyeh" in holder("PSE", "group_leader", "2020-01-01")
    assert "Yahya Sinwar" in holder("PSE", "group_leader", "2024-09-01")
    assert "Hassan Nasrallah" in holder("LBN", "group_leader", "2020-01-01")
    assert "Naim Qassem" in holder("LBN", "group_leader", "2025-01-01")
    assert "Abdul-Malik al-Houthi" in holder("YEM", "group_leader", "2024-01-01")
