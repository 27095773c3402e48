"""Validation where a record enters: lone surrogates repaired, implausible publication dates dropped.

Both readers (JSONL, stdin, HTML, WARC) and the store's ``--records`` path call these, so one
bad field is a warning on its record, never an exception that loses a batch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")
FIRST_YEAR = 1900


def repair_surrogates(s: str) -> tuple[str, int]:
    """``s`` with every lone surrogate replaced by U+FFFD (same length: spans stay valid), and how many."""
    try:
        s.encode("utf-8")
        return s, 0
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", s)


def clean_strings(obj: Any) -> tuple[Any, int]:
    """``obj`` (JSON-like) with lone surrogates repaired in every string, keys included."""
    if isinstance(obj, str):
        return repair_surrogates(obj)
    if isinstance(obj, dict):
        n = 0
        out: dict[Any, Any] = {}
        for k, v in obj.items():
            k2, a = clean_strings(k)
            v2, b = clean_strings(v)
            out[k2] = v2
            n += a + b
        return (out, n) if n else (obj, 0)
    if isinstance(obj, list):
        pairs = [clean_strings(v) for v in obj]
        n = sum(b for _, b in pairs)
        return ([v for v, _ in pairs], n) if n else (obj, 0)
    return obj, 0


def plausible_published(value: Any, *, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """(the date part 'YYYY-MM[-DD]' or None, a warning or None).

    Not a date, not a real calendar day, or outside 1900 – next year: None with a warning, so
    that the date is then taken from the text (EVENTS.md §5).
    """
    if value is None or value == "":
        return None, None
    s = str(value).strip()
    m = _PUBLISHED.match(s)
    shown = s if len(s) <= 40 else s[:40] + "…"
    if not m:
        return None, f"published {shown!r} is not a date: ignored, the date is taken from the text"
    y, mo = int(m.group(1)), int(m.group(2))
    last = (today or dt.date.today()).year + 1
    try:
        dt.date(y, mo, int(m.group(3) or 1))
    except ValueError:
        return None, f"published {shown!r} is not a calendar date: ignored, the date is taken from the text"
    if not FIRST_YEAR <= y <= last:
        return None, (f"published {shown!r} is outside {FIRST_YEAR}–{last}: ignored, the date is taken from the text")
    return m.group(0), None
