"""Date strings of EVENTS.md §5 as closed day intervals.

``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` and ranges ``A..B`` (each side any of those).
Anything else (or an impossible date) is ``None``: unknown, never an error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

Interval = tuple[dt.date, dt.date]

_PART = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def _part(s: str) -> Interval | None:
    m = _PART.match(s)
    if not m:
        return None
    try:
        y = int(m.group(1))
        if not 1 < y < 9999:  # room for date arithmetic: '9999-12' or '0001-01' would overflow a slack
            return None
        if m.group(2) is None:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        mo = int(m.group(2))
        if m.group(3) is None:
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        d = dt.date(y, mo, int(m.group(3)))
        return d, d
    except ValueError:
        return None


def interval(value: object) -> Interval | None:
    """The closed interval a date string covers, or None when unknown/unparseable."""
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    if ".." in s:
        a, _, b = s.partition("..")
        ia, ib = _part(a), _part(b)
        if ia is None or ib is None or ib[1] < ia[0]:
            return None
        return ia[0], ib[1]
    if len(s) > 10 and s[10] in "T ":  # a timestamp: keep the day
        s = s[:10]
    return _part(s)


def overlaps(a: Interval | None, b: Interval | None, slack_days: int = 0) -> bool:
    if a is None or b is None:
        return False
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def width(a: Interval) -> int:
    return (a[1] - a[0]).days
