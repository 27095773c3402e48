"""Leaders with tenure, read from ``data/leaders/*.tsv``.

Each row: ``name  aliases  country  role  role_key  sector  start  end  notes`` (tab-separated, aliases
``|``-separated, dates ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``, empty end = in office). One person may
have several rows (roles held one after another or at once). The folder may be partial or missing while
the curators work: bad rows are skipped, a missing folder gives an empty table.
"""

from __future__ import annotations

import calendar
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

LEADERS_DIR = Path(__file__).resolve().parent / "data" / "leaders"
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """'2023-02-24' / '2023-02' / '2023' -> (first day, last day); None when absent or unreadable."""
    if not value:
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    try:
        y = int(m.group(1))
        if m.group(2) is None:
            return date(y, 1, 1), date(y, 12, 31)
        mo = int(m.group(2))
        if m.group(3) is None:
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        d = date(y, mo, int(m.group(3)))
        return d, d
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-free form used for name look-ups (same idea as the scorer's fold)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("-", " ").replace(".", " ").replace("’", "'")
    return " ".join(text.split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


@dataclass(slots=True)
class Tenure:
    person: str  # person key, "person:qin_gang"
    name: str
    country: str
    role: str
    role_key: str
    sector: str | None
    start: date | None
    end: date | None  # None = in office

    def covers(self, when: tuple[date, date] | None) -> bool:
        if when is None:
            return self.end is None
        lo, hi = when
        return (self.start is None or self.start <= hi) and (self.end is None or self.end >= lo)


@dataclass(slots=True)
class LeaderTable:
    tenures: list[Tenure] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # person key -> canonical name
    aliases: dict[str, set[str]] = field(default_factory=dict)  # person key -> surface names (name + aliases)
    by_office: dict[tuple[str, str], list[Tenure]] = field(default_factory=dict)
    by_person: dict[str, list[Tenure]] = field(default_factory=dict)
    _by_country: dict[str, list[Tenure]] | None = None

    def add(self, t: Tenure, surfaces: list[str]) -> None:
        self.tenures.append(t)
        self._by_country = None
        self.names.setdefault(t.person, t.name)
        self.aliases.setdefault(t.person, set()).update(s for s in surfaces if s)
        self.by_office.setdefault((t.country, t.role_key), []).append(t)
        self.by_person.setdefault(t.person, []).append(t)

    def by_country(self, country: str) -> list[Tenure]:
        """Every tenure of ``country`` (cached)."""
        if self._by_country is None:
            self._by_country = {}
            for t in self.tenures:
                self._by_country.setdefault(t.country, []).append(t)
        return self._by_country.get(country.upper(), [])

    def holder(self, country: str, role_key: str, when: str | None) -> Tenure | None:
        """Who held ``role_key`` for ``country`` at ``when`` (the latest start among those covering it)."""
        rows = self.by_office.get((country.upper(), role_key), [])
        span = date_bounds(when)
        hits = [t for t in rows if t.covers(span)]
        if not hits:
            return None
        if span is not None and len(hits) > 1:
            # month-precise dates may straddle a hand-over: prefer the one in office at mid-period
            mid = span[0] + (span[1] - span[0]) / 2
            inside = [t for t in hits if (t.start is None or t.start <= mid) and (t.end is None or t.end >= mid)]
            hits = inside or hits
        return max(hits, key=lambda t: t.start or date.min)

    def tenure_of(self, person: str, when: str | None) -> Tenure | None:
        """The person's office at ``when``; else the last one before it; else their first one."""
        rows = self.by_person.get(person, [])
        if not rows:
            return None
        span = date_bounds(when)
        priority = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister"]

        def rank(t: Tenure) -> tuple[int, date]:
            k = priority.index(t.role_key) if t.role_key in priority else len(priority)
            return (-k, t.start or date.min)

        hits = [t for t in rows if t.covers(span)] if span else [t for t in rows if t.end is None]
        if hits:
            return max(hits, key=rank)
        if span:
            before = [t for t in rows if t.start and t.start <= span[1]]
            if before:
                return max(before, key=lambda t: t.start or date.min)
        return min(rows, key=lambda t: t.start or date.min)


def _parse_date(value: str) -> date | None:
    b = date_bounds(value)
    return b[0] if b else None


def _parse_end(value: str) -> date | None:
    b = date_bounds(value)
    return b[1] if b else None


def load_leaders(folder: Path | None = None) -> LeaderTable:
    """Read every ``*.tsv`` in ``folder`` (default: the package's data/leaders)."""
    folder = folder or LEADERS_DIR
    table = LeaderTable()
    if not folder.is_dir():
        return table
    for path in sorted(folder.glob("*.tsv")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for row in reader:
            if not row or not any(c.strip() for c in row) or row[0].startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                if "name" not in header:  # no header line: assume the documented order
                    header = ["name", "aliases", "country", "role", "role_key", "sector", "start", "end", "notes"]
                else:
                    continue
            rec = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
            name, country, role_key = rec.get("name", ""), rec.get("country", "").upper(), rec.get("role_key", "")
            if not name or not country or not role_key:
                continue
            start_raw, end_raw = rec.get("start", ""), rec.get("end", "")
            if start_raw and date_bounds(start_raw) is None:
                continue
            aliases = [a.strip() for a in rec.get("aliases", "").split("|") if a.strip()]
            key = "person:" + slug(name)
            table.add(
                Tenure(
                    person=key,
                    name=name,
                    country=country,
                    role=rec.get("role", "") or role_key,
                    role_key=role_key,
                    sector=rec.get("sector") or None,
                    start=_parse_date(start_raw),
                    end=_parse_end(end_raw) if end_raw else None,
                ),
                [name, *aliases],
            )
    return table
