"""Find date expressions in Indonesian (and English / Malay) news text and resolve them.

One compiled regular expression finds every candidate in a single pass
(:func:`find_expressions`); a small parser turns each match into a :class:`DateExpr`;
:func:`resolve` turns an expression into an interval in the EVENTS.md §5 format
(``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``YYYY-MM-DD..YYYY-MM-DD``).

Resolution rules (publication date ``P``):

* weekday alone → the most recent such day on or before ``P`` (on or after when
  ``future``); weekday + "lalu/kemarin/last" → strictly before; + "mendatang/depan/next"
  → strictly after; + "ini/this" → that day in ``P``'s Monday–Sunday week;
  "Jumat pekan lalu" → the Friday of the previous week.
* "Minggu" capitalised is Sunday, "minggu" is "week"; a sentence-initial "Minggu lalu/depan"
  without a date is read as the week. "salat Jumat" is not a date; neither is "tahun" after a
  number or quantity ("UU Nomor 7 Tahun 2017", "berusia 23 tahun ini", "delapan tahun ini").
* an explicit date wins over a weekday written next to it ("Rabu (19/4/2023)").
* a day and month without a year take the year that puts them nearest before ``P``
  (nearest after ``P`` when ``future`` or when the text says "mendatang/depan");
  "tahun lalu/depan" after them shifts the year.
* an impossible year (a typo such as "20022", or one more than ten years after ``P``)
  is ignored and the year is inferred as if it were missing.
* "kemarin" = ``P``−1, "hari ini" = ``P``; "pekan lalu/ini/depan" → Monday–Sunday
  range; "akhir pekan" → Saturday–Sunday; "bulan lalu/ini/depan" → ``YYYY-MM``;
  "awal/pertengahan/akhir bulan" → days 1–10 / 11–20 / 21–end; "tahun lalu" →
  ``YYYY``; "awal/pertengahan/akhir tahun" → Jan–Mar / May–Aug / Oct–Dec.
* "N hari/pekan/bulan/tahun lalu" → that day / the Monday–Sunday week / month / year
  N units back ("setahun lalu" = previous year); "N ... lagi/mendatang" → forward;
  "beberapa hari lalu" → the range 7 to 2 days back; other vague amounts → None.
* "sehari setelah X", "dua hari kemudian", "keesokan harinya" → relative to the
  ``anchor`` interval passed in (X's date, or the previous event's); None without it.
  :func:`date_for_clause` uses the publication date as the anchor of "N setelah X"
  for a cue inside X (the main clause then being the news of the day).

* ranges: "8-10 November", "8 hingga 10 November", "antara 8 dan 10 November", "18-20 November
  mendatang" (the far end fixes year and direction); "sejak X" alone stays X (its start).
* durations are no dates: "selama enam bulan lagi", "100 tahun lagi" (more than ten years ahead).
* a bare "akhir pekan" read on a weekday is the last weekend (the coming one when ``future``).
* a range without years runs on from its near end ("12 hingga 14 September" read on the 12th).
* "memperingati 18 tahun serangan 11 September": the named day is 18 years back (not "… pada 30 Agustus").
* in a clause about the future a day-month of the last seven days is still the day the news was said
  ("akan menjatuhkan sanksi, Senin (9/9)").

:func:`date_for_clause` picks the expression that dates a cue: its own clause first, the event's own
date before a cited report's ("dilansir Reuters, Kamis"), never a date behind a time word after the cue
("setelah serangan pada Sabtu", "hingga 14 Oktober"); a future marker before a weekday or day-month in
its clause ("akan bertemu pada Jumat") makes it look forward; "pekan ini" / "bulan ini" for what already
happened ends at the publication day.

Without a publication date, relative expressions resolve to None, with one
exception: a weekday written with a day and month but no (plausible) year takes the
year in which that day and month fall on that weekday, searching outward from
``near`` (a year from the article's other dates) when given, else backwards from
the current year.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from warta.datafiles import load_yaml

__all__ = [
    "DateExpr",
    "find_expressions",
    "resolve",
    "resolve_text",
    "date_for_clause",
    "is_background",
    "parse_interval",
]

_DATA: dict[str, Any] = load_yaml((Path(__file__).parent / "data" / "words.yaml").read_text("utf-8"))


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


def _alt(words: list[str] | set[str]) -> str:
    ws = sorted({_norm(w) for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ws) + ")"


def _lookup(mapping: dict[Any, list[str]]) -> dict[str, int]:
    return {_norm(w): int(k) for k, ws in mapping.items() for w in ws}


_MONTH_FULL = _lookup(_DATA["months"])
_MONTH_ALL = {**_lookup(_DATA["month_abbr"]), **_MONTH_FULL}
_WEEKDAY = _lookup(_DATA["weekdays"])
_DAY_WORDS = {_norm(k): int(v) for k, v in _DATA["day_words"].items()}
_NUMERALS = {_norm(k): int(v) for k, v in _DATA["numerals"].items()}
_UNITS = {_norm(w): u for u, ws in _DATA["units"].items() for w in ws}
_PARTS = {_norm(w): p for p, ws in _DATA["parts"].items() for w in ws}
_PAST = {_norm(w) for w in _DATA["past"]}
_FUTURE = {_norm(w) for w in _DATA["future"]}
_THIS = {_norm(w) for w in _DATA["this"]}
_AGO = {_norm(w) for w in _DATA["ago"]}
_AHEAD = {_norm(w) for w in _DATA["ahead"]}
_ANCHOR_AFTER = {_norm(w) for w in _DATA["anchor_after"]}
_ANCHOR_BEFORE = {_norm(w) for w in _DATA["anchor_before"]}
_SEMALAM_NOT_AFTER = {_norm(w) for w in _DATA["semalam_not_after"]}
_WEEKDAY_NOT_AFTER = {_norm(w) for w in _DATA["weekday_not_after"]}
_TERM_BEFORE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(_norm(w)) for w in _DATA["term_words"])
                          + r")\s+(?:tahun\s+)?$")  # "periode (tahun) 2019-2024": a term, not a date
_QUANTITY = {_norm(w) for w in _DATA["quantity_words"]} | {w for w in _NUMERALS if " " not in w and len(w) > 2}
# "selama enam bulan lagi" is a duration, not a date
_DURATION_BEFORE = {_norm(w) for w in _DATA["duration_before"]}
# "N hari setelah X" (a clause follows) as opposed to "N hari kemudian" (no clause)
_LINKS_CLAUSE = {"setelah", "sesudah", "usai", "after", "sebelum", "before"}

# --------------------------------------------------------------------------- patterns
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_MN = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:20\d{3}|1[89]\d\d|2[01]\d\d)(?!\d)"
_WD_WORDS = [w for w in _WEEKDAY if w != "minggu"]
_WD = _alt(list(_WEEKDAY))  # lower-case "minggu" ("week") is told apart in _build
_MONF = _alt(list(_MONTH_FULL))
_MONA = _alt(list(_MONTH_ALL))
_TOD = _alt(_DATA["times_of_day"])
_LT = _alt(_DATA["local_time"])
_REL = _alt(_PAST | _FUTURE | _THIS)
_WEEKREL = r"(?:pekan|minggu|week)\s+" + _REL
_PART = _alt(list(_PARTS))
_NUMW = _alt(list(_NUMERALS))
_UNIT = _alt(list(_UNITS))
_PUNIT = _alt([w for w, u in _UNITS.items() if u != "day"])  # "hari ini" is a day word, not a period
_AGOW = _alt(_AGO | _AHEAD | _ANCHOR_AFTER | _ANCHOR_BEFORE)
_YINTRO = _alt([w for w in _DATA["year_intro"] if _norm(w) != "tahun"])
_MINTRO = _alt(_DATA["month_intro"])
_DAYW = _alt(list(_DAY_WORDS))

_WD_DATE = (
    rf"(?:\s*,?\s*(?:(?:tanggal|tgl\.?)\s+)?(?:\(\s*(?P<wd_nd>{_D})\s*/\s*(?P<wd_nm>{_MN})(?:\s*/\s*(?P<wd_ny>\d{{2,5}}))?\s*\)"
    rf"|(?P<wd_nd2>{_D})\s*/\s*(?P<wd_nm2>{_MN})(?:\s*/\s*(?P<wd_ny2>\d{{2,5}}))?(?![\d/])"
    rf"|(?P<wd_dd>{_D})\s+(?P<wd_dm>{_MONA})\b\.?(?:,?\s+(?P<wd_dy>{_Y}))?"
    rf"|(?P<wd_md>{_MONA})\.?\s+(?P<wd_mdd>{_D})(?:st|nd|rd|th)?\b(?:,?\s+(?P<wd_mdy>{_Y}))?))?"
)

_ALTS = [
    # 2023-04-19
    r"(?P<iso>(?<![\d/.-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-]))",
    # (13/7), (13/7/2023), 13/7/2023, 13-07-2023
    rf"(?P<num>\(\s*(?P<num_d>{_D})\s*/\s*(?P<num_m>{_MN})(?:\s*/\s*(?P<num_y>\d{{2,5}}))?\s*\)"
    rf"|\(\s*(?P<num_d3>{_D})\s*/\s*(?P<num_m3>{_MN})\s*/\s*(?P<num_y3>\d{{4,5}})(?![\d/])"
    rf"|(?<![\w/.,-])(?P<num_d2>{_D})([/.-])(?P<num_m2>{_MN})\6(?P<num_y2>(?:19|20)\d\d)(?![\d/]))",
    # Jumat, Selasa (9/4), Senin, (10/1), Kamis malam (3/8), Rabu, 12 Oktober 2022, Senin lalu, last Tuesday
    rf"(?P<wd>\b(?:(?P<wd_pre>last|next|this)\s+)?(?P<wd_name>{_WD})(?![\w'’])"
    rf"(?:\s+(?P<wd_tod1>{_TOD})\b)?(?:\s*,?\s*(?P<wd_lt1>{_LT})\b)?"
    rf"(?:\s+(?P<wd_rel1>{_WEEKREL}|{_REL})\b)?"
    rf"{_WD_DATE}"
    rf"(?:\s+(?P<wd_tod2>{_TOD})\b)?(?:\s*,?\s*(?P<wd_lt2>{_LT})\b)?"
    rf"(?:\s+(?P<wd_rel2>{_WEEKREL}|{_REL})\b)?)",
    # 25 April 2019, 8-9 April, 24 Februari tahun lalu, 28 Februari mendatang
    rf"(?P<dmy>(?<![\w.,/])(?P<dmy_d>{_D})(?:\s*(?P<dmy_c>-|–|/|&|dan|and|hingga|sampai|s/d|to)\s*(?P<dmy_d2>{_D}))?\s+(?P<dmy_m>{_MONA})\b\.?"
    rf"(?:,?\s+(?P<dmy_y>{_Y}))?(?:\s+(?P<dmy_rel>(?:tahun\s+|year\s+)?{_REL})\b)?)",
    # April 9, 2024
    rf"(?P<mdy>\b(?P<mdy_m>{_MONA})\.?\s+(?P<mdy_d>{_D})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>{_Y}))",
    # pada 2020, tahun 2019, pertengahan 2021, sejak 1952, 2016-2018
    rf"(?P<yr>\b(?:(?P<yr_pre>{_YINTRO})\s+)?(?:(?P<yr_part>{_PART})[\s-]+)?(?:(?P<yr_t>tahun|year)\s+)?"
    rf"(?P<yr_y>{_Y})(?!\s?-?an\b|[.,/]\d)"
    rf"(?:\s*(?:-|–|/|hingga|sampai|to)\s*(?P<yr_y2>{_Y}))?(?:\s+(?P<yr_rel>lalu|yang\s+lalu|silam|mendatang)\b)?)",
    # September tahun lalu, pada Juli mendatang, Februari 2022, awal Maret
    rf"(?P<mon>\b(?:(?P<mon_pre>{_MINTRO})\s+)?(?:(?P<mon_part>{_PART})\s+(?:bulan\s+)?)?(?P<mon_m>{_MONF})\b"
    rf"(?:,?\s+(?:tahun\s+)?(?P<mon_y>{_Y}))?(?:\s+(?P<mon_rel>(?:tahun\s+|year\s+)?{_REL})\b)?)",
    # dua tahun lalu, setahun lalu, three days ago, sehari setelah, dua hari kemudian
    rf"(?P<ago>\b(?:(?P<ago_n>{_NUMW}|\d{{1,3}})\s+|(?P<ago_se>se))(?P<ago_u>{_UNIT})\s+(?P<ago_w>{_AGOW})\b)",
    # keesokan harinya
    r"(?P<nx>\b(?:keesokan\s+hari(?:nya)?|esok\s+harinya|hari\s+berikutnya|the\s+(?:next|following)\s+day|the\s+day\s+after)\b)",
    # pekan lalu, awal bulan ini, akhir tahun lalu, last week, akhir pekan
    rf"(?P<ru>\b(?:(?P<ru_part>{_PART})[\s-]+)?(?:(?P<ru_unit>{_PUNIT})\s+(?P<ru_rel>{_REL})"
    rf"|(?P<ru_erel>last|this|next|past)\s+(?P<ru_eunit>week|weekend|month|year)"
    rf"|(?P<ru_unit0>bulan|tahun|pekan|minggu|month|year|week)(?!\s*\d))\b)",
    # kemarin, hari ini, yesterday
    rf"(?P<rd>\b(?P<rd_w>{_DAYW})\b)",
]


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words`` (lower-case), factored by prefix so each branch starts with a literal."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# Every expression starts with one of these (a number, "(", or a word); checking them first at word starts
# lets the scan skip the rest of the text quickly.
_STARTS = sorted(
    {w.split()[0] for w in list(_WEEKDAY) + list(_MONTH_ALL) + list(_DAY_WORDS) + list(_UNITS) + list(_PARTS)
     + list(_NUMERALS) + [_norm(x) for x in _DATA["year_intro"] + _DATA["month_intro"]]}
    | {"se" + w for w, u in _UNITS.items() if " " not in w and u != "weekend"}
    | {"last", "next", "this", "past", "keesokan", "esok", "the", "tadi", "kemarin", "hari"}
)
# The pattern consumes the character before the expression (text is searched with a space in front), so
# that the regex engine can jump from one non-word character to the next instead of trying every position.
_PREFILTER = r"[^\w'’](?=[0-9(]|" + _trie(_STARTS) + r"(?![a-z]))"


def _firsts(*groups: Any, also: str = "") -> set[str] | None:
    """The first characters of the words of ``groups`` as ``_alt`` writes them, and ``also`` (None when a word
    is empty: an alternative that may start with anything gets no look-ahead)."""
    out = set(also)
    for words in groups:
        for w in words:
            c = _norm(w)[:1]
            if not c:
                return None
            out |= {"'", "’"} if c == "'" else {c}
    return out


_DIGITS = "0123456789"
# What each of _ALTS can start with, in the same order (every branch of an alternative opens with a word of these
# lists or a digit). ``re`` tries the alternatives one by one at each candidate position; a look-ahead for its
# first characters lets an alternative that cannot match there fail at once: the same matches, faster.
_ALT_FIRSTS = [
    _firsts(also="12"),  # iso: (?:19|20)\d\d
    _firsts(also=_DIGITS + "("),  # num
    _firsts(["last", "next", "this"], _WEEKDAY),  # wd
    _firsts(also=_DIGITS),  # dmy
    _firsts(_MONTH_ALL),  # mdy
    _firsts([w for w in _DATA["year_intro"] if _norm(w) != "tahun"], _PARTS, ["tahun", "year"], also="12"),  # yr
    _firsts(_DATA["month_intro"], _PARTS, _MONTH_FULL),  # mon
    _firsts(_NUMERALS, ["se"], also=_DIGITS),  # ago
    _firsts(["keesokan", "esok", "hari", "the"]),  # nx
    _firsts(_PARTS, [w for w, u in _UNITS.items() if u != "day"],
            ["last", "this", "next", "past", "bulan", "tahun", "pekan", "minggu", "month", "year", "week"]),  # ru
    _firsts(_DAY_WORDS),  # rd
]


def _guarded(alt: str, firsts: set[str] | None) -> str:
    return alt if firsts is None else "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])" + alt


_PATTERN = _PREFILTER + "(?:" + "|".join(_guarded(a, f) for a, f in zip(_ALTS, _ALT_FIRSTS, strict=True)) + ")"
_PLAIN_PATTERN = _PREFILTER + "(?:" + "|".join(_ALTS) + ")"  # (the same without the look-aheads: for the tests)
_RX = re.compile(_PATTERN)  # over lower-cased text
# the same over a text whose word characters (\w) are all ASCII: there the prefilter's ``[^\w'’]`` is the set
# below, which ``re`` tests faster than \w's Unicode category (56 % of corpus texts are ASCII, and 58 % of the
# others have no non-ASCII letter or digit: curly quotes, dashes, no-break spaces)
assert _PATTERN.startswith(r"[^\w'’]")
_RX_FAST = re.compile(r"[^0-9A-Za-z_'’]" + _PATTERN[len(r"[^\w'’]"):])
_NON_ASCII_WORD = re.compile(r"[^\x00-\x7f](?<=\w)")
_RX_CI = re.compile(_PATTERN, re.IGNORECASE)  # when lower-casing would shift offsets
_BETWEEN_RANGE = re.compile(
    r"\s*(?:-|–|—|hingga|sampai(?:\s+dengan)?|s/d|s\.d\.|to|until|through)\s*(?:(?:hari|tanggal)\s+)?$", re.IGNORECASE
)


# --------------------------------------------------------------------------- expression
@dataclass(slots=True)
class DateExpr:
    """One date expression: ``[start, end)`` into the text, and its parsed parts.

    ``kind``: ``date`` (a day, maybe without year), ``month``, ``year``, ``weekday``,
    ``day`` (kemarin / hari ini …), ``period`` (pekan/bulan/tahun + lalu/ini/depan),
    ``relative`` (N units ago / later / after an anchor), ``range``.
    """

    start: int
    end: int
    surface: str
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_raw: str | None = None  # the year as written, when it was not plausible
    weekday: int | None = None  # 0 = Monday
    rel: int | None = None  # -1 lalu, 0 ini, +1 depan (day offset for kind "day")
    year_rel: int | None = None  # "tahun lalu" after a month / day-month
    week_rel: int | None = None  # "Jumat pekan lalu"
    unit: str | None = None  # day | week | month | year | weekend
    n: int | None = None  # amount for kind "relative" (0 = vague "beberapa")
    part: str | None = None  # early | mid | late
    anchor: str | None = None  # "after" | "before" for anchored relatives
    links_clause: bool = False  # "sehari setelah X": X follows
    year2: int | None = None  # year range "2016-2018"
    start_expr: DateExpr | None = None  # the near end of a range
    end_expr: DateExpr | None = None  # the far end of a range
    intro: str | None = None  # "sejak", "pada", "hingga" … when written
    cited: bool = False  # the date of a report the text cites ("dilansir Reuters, Kamis"), not of an event

    def is_relative(self) -> bool:
        return self.kind in ("weekday", "day", "period", "relative") or (
            self.kind in ("date", "month") and self.year is None
        )


def _num(s: str | None) -> int | None:
    return int(s) if s else None


def _year_from_text(s: str | None) -> tuple[int | None, str | None]:
    """A written year: (year, None) or (None, raw) when implausible (typo)."""
    if not s:
        return None, None
    if len(s) == 2:
        return 2000 + int(s), None
    y = int(s)
    if 1800 <= y <= 2199:
        return y, None
    return None, s


def _rel_of(word: str | None) -> tuple[int | None, int | None, int | None]:
    """Direction word → (rel, year_rel, week_rel)."""
    if not word:
        return None, None, None
    w = _norm(word)
    parts = w.split(" ", 1)
    if parts[0] in ("tahun", "year") and len(parts) == 2:
        return None, _dir(parts[1]), None
    if parts[0] in ("pekan", "minggu", "week") and len(parts) == 2:
        return None, None, _dir(parts[1])
    return _dir(w), None, None


def _dir(w: str) -> int | None:
    if w in _PAST:
        return -1
    if w in _FUTURE:
        return 1
    if w in _THIS:
        return 0
    return None


def _prev_word(text: str, i: int) -> str:
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return text[k:j].lower()


def _prev_token(text: str, i: int) -> str:
    """The word or number just before ``i`` (lower-case), skipping spaces."""
    j = i
    while j > 0 and text[j - 1] in " \t\xa0":
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in ".,"):
        k -= 1
    return text[k:j].lower().strip(".,")


def _after_quantity(text: str, i: int) -> bool:
    t = _prev_token(text, i)
    return bool(t) and (t[0].isdigit() or t in _QUANTITY)


def _sentence_initial(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \t\xa0":
        j -= 1
    return j == 0 or text[j - 1] in ".!?\n\"“”'‘’"


# "memperingati 18 tahun serangan 11 September": the day-month names an event that many years back
_ANNIVERSARY = re.compile(
    r"(?i:\b(?:peringatan|memperingati|diperingati|ulang\s+tahun|hut)\s+(?:ke-?\s*)?(?P<n>\d{1,3})\s+(?:tahun|thn)\b)"
    r"[^.,;:!?\d]{2,60}$")


def _anniversary(text: str, i: int) -> int | None:
    """-N when a yearless day-month at ``i`` is the named event of an "N-year anniversary" (not "… pada 30 Agustus",
    the day of the commemoration)."""
    if _prev_word(text, i) in ("pada", "tanggal", "tgl", "hari", "on"):
        return None
    m = _ANNIVERSARY.search(text, max(0, i - 90), i)
    return -int(m.group("n")) if m else None


def _build(m: re.Match[str], text: str, base: int) -> DateExpr | None:
    """Turn one match (over ``text[base:…]``, possibly lower-cased) into a DateExpr with offsets into ``text``."""
    g = m.group
    kind = m.lastgroup
    s, e = base + m.start(kind), base + m.end()
    if kind == "iso":
        return DateExpr(s, e, text[s:e], "date", day=int(g("iso_d")), month=int(g("iso_m")), year=int(g("iso_y")))
    if kind == "num":
        if g("num_d"):
            d, mo, ys = g("num_d"), g("num_m"), g("num_y")
        elif g("num_d3"):
            d, mo, ys = g("num_d3"), g("num_m3"), g("num_y3")
        else:
            d, mo, ys = g("num_d2"), g("num_m2"), g("num_y2")
        y, raw = _year_from_text(ys)
        return DateExpr(s, e, text[s:e], "date", day=int(d), month=int(mo), year=y, year_raw=raw)
    if kind == "wd":
        wd = _WEEKDAY[_norm(g("wd_name"))]
        if wd == 6 and text[s] == "m" and _norm(g("wd_name")) == "minggu":
            # lower-case "minggu" is "week": "minggu lalu", "minggu depan"
            r, _yr, _wr = _rel_of(g("wd_rel1"))
            if r is None or g("wd_tod1") or g("wd_lt1"):
                return None
            e = base + m.end("wd_rel1")
            return DateExpr(s, e, text[s:e], "period", unit="week", rel=r)
        if _prev_word(text, s) in _WEEKDAY_NOT_AFTER:
            return None
        has_date = bool(g("wd_nd") or g("wd_nd2") or g("wd_dd") or g("wd_mdd"))
        if wd == 6 and not has_date and g("wd_rel1") and _norm(g("wd_name")) == "minggu" and _sentence_initial(text, s):
            # "Minggu lalu, …" opening a sentence is "last week" far more often than "last Sunday"
            r, _yr, _wr = _rel_of(g("wd_rel1"))
            if r is not None:
                e = base + m.end("wd_rel1")
                return DateExpr(s, e, text[s:e], "period", unit="week", rel=r)
        ex = DateExpr(s, e, text[s:e], "weekday", weekday=wd)
        pre = (g("wd_pre") or "").lower()
        if pre:
            ex.rel = {"last": -1, "next": 1, "this": 0}[pre]
        for grp in ("wd_rel1", "wd_rel2"):
            r, _yr, wr = _rel_of(g(grp))
            if r is not None:
                ex.rel = r
            if wr is not None:
                ex.week_rel = wr
        d = g("wd_nd") or g("wd_nd2") or g("wd_dd") or g("wd_mdd")
        if d:
            ex.kind = "date"
            ex.day = int(d)
            if g("wd_nm") or g("wd_nm2"):
                ex.month = int(g("wd_nm") or g("wd_nm2"))
            else:
                ex.month = _MONTH_ALL[_norm(g("wd_dm") or g("wd_md"))]
            ex.year, ex.year_raw = _year_from_text(g("wd_ny") or g("wd_ny2") or g("wd_dy") or g("wd_mdy"))
        # trim a trailing relative word that really starts a new phrase ("Minggu lalu" handled by case)
        return ex
    if kind == "dmy":
        month = _MONTH_ALL[_norm(g("dmy_m"))]
        y, raw = _year_from_text(g("dmy_y"))
        r, yr, _wr = _rel_of(g("dmy_rel"))
        if y is None and yr is None and not g("dmy_d2"):
            yr = _anniversary(text, s)
        ex = DateExpr(s, e, text[s:e], "date", day=int(g("dmy_d")), month=month, year=y, year_raw=raw, rel=r, year_rel=yr)
        if g("dmy_d2") and g("dmy_c") in ("dan", "and", "&") and int(g("dmy_d2")) != int(g("dmy_d")) + 1 \
                and _prev_word(text, s) not in ("antara", "between"):
            return ex  # "5 dan 17 April": two dates, not a span ("antara 8 dan 10 April" is one); the first stands
        if g("dmy_d2"):
            end = DateExpr(base + m.start("dmy_d2"), e, text[base + m.start("dmy_d2") : e], "date", day=int(g("dmy_d2")),
                           month=month, year=y, year_raw=raw, rel=r, year_rel=yr)
            ex.end = base + m.start("dmy_d2")
            return DateExpr(s, e, text[s:e], "range", start_expr=ex, end_expr=end)
        return ex
    if kind == "mdy":
        y, raw = _year_from_text(g("mdy_y"))
        return DateExpr(s, e, text[s:e], "date", day=int(g("mdy_d")), month=_MONTH_ALL[_norm(g("mdy_m"))], year=y,
                        year_raw=raw)
    if kind == "yr":
        pre, part, t = g("yr_pre"), g("yr_part"), g("yr_t")
        if not (pre or part or t or g("yr_y2")):
            return None
        if t and not (pre or part) and _after_quantity(text, base + m.start("yr_t")):
            return None  # "UU Nomor 7 Tahun 2017", "berusia 30 tahun 2019"
        if pre and not (part or t):
            s = base + m.start("yr_y")
        elif pre:
            s = base + m.start("yr_part") if part else base + m.start("yr_t")
        y, raw = _year_from_text(g("yr_y"))
        y2, _ = _year_from_text(g("yr_y2"))
        if y2 is not None and _TERM_BEFORE.search(text[max(0, s - 30) : s].lower()):
            return None
        return DateExpr(s, e, text[s:e], "year", year=y, year_raw=raw, year2=y2,
                        part=_PARTS.get(_norm(part)) if part else None, intro=_norm(pre) if pre else None)
    if kind == "mon":
        pre, part, ys, rel = g("mon_pre"), g("mon_part"), g("mon_y"), g("mon_rel")
        if not (pre or part or ys or rel):
            return None
        if pre:
            s = base + m.start("mon_part") if part else base + m.start("mon_m")
            if _norm(pre) in ("bulan", "pada bulan"):
                s = base + m.start("mon_pre") if _norm(pre) == "bulan" else s
        y, raw = _year_from_text(ys)
        r, yr, _wr = _rel_of(rel)
        return DateExpr(s, e, text[s:e], "month", month=_MONTH_FULL[_norm(g("mon_m"))], year=y, year_raw=raw,
                        rel=r, year_rel=yr, part=_PARTS.get(_norm(part)) if part else None,
                        intro=_norm(pre) if pre else None)
    if kind == "ago":
        nword = g("ago_n")
        if nword is None:
            n = 1
        elif nword.isdigit():
            n = int(nword)
        else:
            n = _NUMERALS[_norm(nword)]
        unit = _UNITS[_norm(g("ago_u"))]
        w = _norm(g("ago_w"))
        if w in _AHEAD and _prev_word(text, s) in _DURATION_BEFORE:
            return None  # "selama enam bulan lagi": for six more months, a duration
        ex = DateExpr(s, e, text[s:e], "relative", n=n, unit=unit)
        if w in _AGO:
            ex.rel = -1
        elif w in _AHEAD:
            ex.rel = 1
        elif w in _ANCHOR_AFTER:
            ex.anchor, ex.rel = "after", 1
        else:
            ex.anchor, ex.rel = "before", -1
        ex.links_clause = w in _LINKS_CLAUSE
        return ex
    if kind == "nx":
        return DateExpr(s, e, text[s:e], "relative", n=1, unit="day", anchor="after", rel=1)
    if kind == "ru":
        part = _PARTS.get(_norm(g("ru_part"))) if g("ru_part") else None
        if g("ru_unit"):
            unit = _UNITS[_norm(g("ru_unit"))]
            rel = _dir(_norm(g("ru_rel")))
        elif g("ru_erel"):
            unit = _UNITS[_norm(g("ru_eunit"))]
            rel = {"last": -1, "past": -1, "this": 0, "next": 1}[g("ru_erel").lower()]
        else:
            if part is None:
                return None
            unit = _UNITS[_norm(g("ru_unit0"))]
            rel = None  # "awal bulan", "akhir pekan": this one, or for a weekend the nearest one
        if unit == "day" or (part is None and _after_quantity(text, s)):
            return None  # "delapan tahun ini" (a span), "23 tahun ini" (an age)
        if unit == "week" and part == "late":
            unit, part = "weekend", None
        return DateExpr(s, e, text[s:e], "period", unit=unit, rel=rel, part=part)
    if kind == "rd":
        w = _norm(g("rd_w"))
        if w == "semalam" and _prev_word(text, s) in _SEMALAM_NOT_AFTER:
            return None
        if w == "today" and text[s] == "T" and _prev_word(text, s)[:1].isalpha() and text[s - 2 : s - 1].isupper():
            return None
        return DateExpr(s, e, text[s:e], "day", rel=_DAY_WORDS[w])
    return None


# "dilansir Reuters, Kamis", "seperti dikutip dari laman resmi PBSI, Selasa (17/9)", "lapor kantor berita X pada
# Senin": the date right after a citation of a source is the date of that report
_CITE_BEFORE = re.compile(
    r"(?i:\b(?:seperti\s+(?:yang\s+)?)?(?:dilansir|dikutip|melansir|mengutip|dilaporkan|diberitakan|diwartakan|"
    r"melaporkan|mewartakan|lapor|kutip)(?:\s+(?:dari|oleh))?)"
    r"(?:\s*,*\s*(?:(?i:laman|situs|resmi|kantor|berita|media|surat|kabar|harian|akun|stasiun|televisi|the|of|dan|"
    r"berbagai|sumber)|[A-Z@#][\w.@'’&-]*))*\s*,*\s*(?:(?i:pada|hari|on)\s+)*$")


_CITE_VERB = re.compile(r"(?i:lansir|kutip|lapor|berita|warta)")


def _is_cited(text: str, i: int) -> bool:
    j = max(0, i - 100)
    return bool(_CITE_VERB.search(text, j, i)) and bool(_CITE_BEFORE.search(text, j, i))


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """All date expressions in ``text[start:end]``, in text order, offsets into ``text``.

    An expression right after the citation of a source ("dilansir Reuters, Kamis") is marked ``cited``:
    it dates the report, and :func:`date_for_clause` prefers the event's own date to it."""
    if end is None:
        end = len(text)
    seg = " " + text[start:end]  # the space stands for whatever precedes ``start``
    low = seg.lower()
    if len(low) != len(seg):
        it = _RX_CI.finditer(seg)
    else:
        it = (_RX_FAST if low.isascii() or not _NON_ASCII_WORD.search(low) else _RX).finditer(low)
    out: list[DateExpr] = []
    for m in it:
        ex = _build(m, text, start - 1)
        if ex is None:
            continue
        if out and _rangeable(out[-1], ex) and _BETWEEN_RANGE.match(text, out[-1].end, ex.start):
            first = out.pop()
            ex = DateExpr(first.start, ex.end, text[first.start : ex.end], "range", start_expr=first, end_expr=ex)
        if ex.kind in ("weekday", "date", "day") and _is_cited(text, ex.start):
            ex.cited = True
        out.append(ex)
    return out


def _rangeable(a: DateExpr, b: DateExpr) -> bool:
    ok = ("date", "weekday", "month", "year")
    return a.kind in ok and b.kind in ok


# --------------------------------------------------------------------------- intervals
Interval = tuple[date, date, str]  # (first day, last day, precision: day | month | year | range)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_iv(y: int, m: int, part: str | None = None) -> Interval:
    if part == "early":
        return date(y, m, 1), date(y, m, 10), "range"
    if part == "mid":
        return date(y, m, 11), date(y, m, 20), "range"
    if part == "late":
        return date(y, m, 21), _month_end(y, m), "range"
    return date(y, m, 1), _month_end(y, m), "month"


def _year_iv(y: int, part: str | None = None) -> Interval:
    if part == "early":
        return date(y, 1, 1), date(y, 3, 31), "range"
    if part == "mid":
        return date(y, 5, 1), date(y, 8, 31), "range"
    if part == "late":
        return date(y, 10, 1), date(y, 12, 31), "range"
    return date(y, 1, 1), date(y, 12, 31), "year"


def _day_iv(d: date) -> Interval:
    return d, d, "day"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year_dm(day: int, month: int, pub: date, forward: bool, strict: bool = False) -> date | None:
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe_date(y, month, day))]
    if forward:
        after = [c for c in cands if c > pub or (c == pub and not strict)]
        return min(after) if after else None
    before = [c for c in cands if c < pub or (c == pub and not strict)]
    return max(before) if before else None


def _weekday_year(day: int, month: int, wd: int, near: int | None) -> int | None:
    """The year in which ``day``/``month`` falls on weekday ``wd``: nearest to ``near``, else the latest <= today."""
    if near is not None:
        order = [near] + [near + d for k in range(1, 40) for d in (-k, k)]
    else:
        order = [date.today().year - k for k in range(80)]
    for y in order:
        c = _safe_date(y, month, day)
        if c and c.weekday() == wd:
            return y
    return None


def parse_interval(s: str | None) -> Interval | None:
    """Parse an EVENTS.md date string back into an interval."""
    if not s:
        return None
    try:
        if ".." in s:
            a, b = s.split("..", 1)
            lo, hi = parse_interval(a), parse_interval(b)
            return (lo[0], hi[1], "range") if lo and hi else None
        parts = [int(x) for x in s.split("-")]
        if len(parts) == 3:
            return _day_iv(date(*parts))
        if len(parts) == 2:
            return _month_iv(parts[0], parts[1])
        return _year_iv(parts[0])
    except (ValueError, TypeError):
        return None


def _fmt(iv: Interval) -> str:
    lo, hi, prec = iv
    if prec == "day" and lo == hi:
        return lo.isoformat()
    if prec == "month":
        return f"{lo.year:04d}-{lo.month:02d}"
    if prec == "year":
        return f"{lo.year:04d}"
    if lo == hi:
        return lo.isoformat()
    return f"{lo.isoformat()}..{hi.isoformat()}"


def _coerce_pub(published: date | str | None) -> tuple[date | None, bool]:
    """(date, coarse): a "YYYY-MM" publication date is coarse (the 15th stands in)."""
    if published is None:
        return None, False
    if isinstance(published, datetime):
        return published.date(), False
    if isinstance(published, date):
        return published, False
    iv = parse_interval(str(published)[:10])
    if iv is None:
        return None, False
    if iv[2] == "day":
        return iv[0], False
    return date(iv[0].year, iv[0].month, 15), True


def _plausible(y: int | None, ref: date | None) -> bool:
    if y is None:
        return False
    top = (ref or date.today()).year + 10
    return 1800 <= y <= top


def _interval(ex: DateExpr, pub: date | None, coarse: bool, future: bool, anchor: Interval | None,
              near: int | None) -> Interval | None:
    k = ex.kind
    if k == "range":
        return _range_iv(ex, pub, coarse, future, anchor, near)
    if k == "date":
        return _date_iv(ex, pub, coarse, future, near)
    if k == "month":
        y = ex.year if _plausible(ex.year, pub) else None
        if y is None:
            if pub is None:
                if near is None:
                    return None
                y = near
            elif ex.year_rel is not None:
                y = pub.year + ex.year_rel
            else:
                fwd = ex.rel == 1 or (ex.rel is None and future)
                strict = ex.rel in (1, -1)
                if fwd:
                    y = pub.year if (ex.month > pub.month or (ex.month == pub.month and not strict)) else pub.year + 1
                else:
                    y = pub.year if (ex.month < pub.month or (ex.month == pub.month and not strict)) else pub.year - 1
        return _month_iv(y, ex.month, ex.part)
    if k == "year":
        y = ex.year if _plausible(ex.year, pub) else None
        if y is None:
            return None
        if ex.year2 and ex.year2 > y:
            return date(y, 1, 1), date(ex.year2, 12, 31), "range"
        return _year_iv(y, ex.part)
    if k == "relative" and ex.anchor:
        return _relative_iv(ex, pub, coarse, anchor)
    if pub is None:
        return None
    if k == "day":
        if coarse:
            return None
        return _day_iv(pub + timedelta(days=ex.rel or 0))
    if k == "weekday":
        if coarse or ex.weekday is None:
            return None
        wd = ex.weekday
        if ex.week_rel is not None:
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=ex.week_rel)
            return _day_iv(monday + timedelta(days=wd))
        back = (pub.weekday() - wd) % 7
        if ex.rel == -1:
            return _day_iv(pub - timedelta(days=back or 7))
        if ex.rel == 1:
            fwd = (wd - pub.weekday()) % 7
            return _day_iv(pub + timedelta(days=fwd or 7))
        if ex.rel == 0:
            return _day_iv(pub - timedelta(days=pub.weekday()) + timedelta(days=wd))
        if future:
            return _day_iv(pub + timedelta(days=(wd - pub.weekday()) % 7))
        return _day_iv(pub - timedelta(days=back))
    if k == "period":
        r = ex.rel or 0
        if ex.unit in ("week", "weekend"):
            if coarse:
                return None
            if ex.unit == "weekend" and ex.rel is None and pub.weekday() < 5:
                r = 0 if future else -1  # a bare "akhir pekan" read on a weekday: the last one (the coming one when future)
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=r)
            if ex.unit == "weekend":
                return monday + timedelta(days=5), monday + timedelta(days=6), "range"
            if ex.part == "early":
                return monday, monday + timedelta(days=2), "range"
            if ex.part == "mid":
                return monday + timedelta(days=1), monday + timedelta(days=3), "range"
            return monday, monday + timedelta(days=6), "range"
        if ex.unit == "month":
            y, m = _add_months(pub.year, pub.month, r)
            return _month_iv(y, m, ex.part)
        if ex.unit == "year":
            return _year_iv(pub.year + r, ex.part)
        return None
    if k == "relative":
        return _relative_iv(ex, pub, coarse, anchor)
    return None


def _relative_iv(ex: DateExpr, pub: date | None, coarse: bool, anchor: Interval | None) -> Interval | None:
    """"N units ago / later", from the publication date or (anchored) from ``anchor``."""
    if ex.anchor:
        if anchor is None:
            return None
        base = anchor[0] if ex.anchor == "after" else anchor[1]
        base_prec = anchor[2]
    elif pub is None:
        return None
    else:
        base, base_prec = pub, ("month" if coarse else "day")
    n = ex.n or 0
    sign = ex.rel or -1
    if n == 0:  # vague: "beberapa hari lalu"
        if ex.unit == "day" and not ex.anchor and not coarse:
            if sign < 0:
                return base - timedelta(days=7), base - timedelta(days=2), "range"
            return base + timedelta(days=2), base + timedelta(days=7), "range"
        return None
    if ex.unit in ("day", "week", "weekend") and base_prec not in ("day", "range"):
        return None
    if ex.unit == "day":
        return _day_iv(base + timedelta(days=sign * n))
    if ex.unit in ("week", "weekend"):
        if ex.anchor:
            return _day_iv(base + timedelta(weeks=sign * n))
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=sign * n)
        return monday, monday + timedelta(days=6), "range"
    if ex.unit == "month":
        y, m = _add_months(base.year, base.month, sign * n)
        return _month_iv(y, m)
    if ex.unit == "year":
        if not ex.anchor and sign > 0 and n > 10:
            return None  # "berperang 100 tahun lagi": a span of time, not a year to come
        return _year_iv(base.year + sign * n)
    return None


def _date_iv(ex: DateExpr, pub: date | None, coarse: bool, future: bool, near: int | None) -> Interval | None:
    assert ex.day is not None and ex.month is not None
    if ex.year is not None and _plausible(ex.year, pub):
        d = _safe_date(ex.year, ex.month, ex.day)
        return _day_iv(d) if d else None
    if ex.year_rel is not None and pub is not None:
        d = _safe_date(pub.year + ex.year_rel, ex.month, ex.day)
        return _day_iv(d) if d else None
    if pub is not None:
        fwd = ex.rel == 1 or (ex.rel is None and future) or (ex.week_rel == 1)
        d = _infer_year_dm(ex.day, ex.month, pub, fwd)
        if fwd and ex.rel is None and ex.week_rel is None:
            # in a clause about the future a day of the last week is still the day the news was said
            # ("akan menjatuhkan sanksi, Senin (9/9)"), not next year's
            back = _infer_year_dm(ex.day, ex.month, pub, False)
            if back is not None and (pub - back).days <= 7:
                d = back
        if ex.weekday is not None and d is not None and d.weekday() != ex.weekday:
            # the weekday may pick the neighbouring year ("Senin, (10/1)" read in early January)
            alt = [c for y in (d.year - 1, d.year + 1) if (c := _safe_date(y, ex.month, ex.day))
                   and c.weekday() == ex.weekday and abs((c - pub).days) < 200]
            if alt:
                d = alt[0]
        return _day_iv(d) if d else None
    if ex.weekday is not None:
        y = _weekday_year(ex.day, ex.month, ex.weekday, near)
        if y is not None:
            d = _safe_date(y, ex.month, ex.day)
            return _day_iv(d) if d else None
    if near is not None:
        d = _safe_date(near, ex.month, ex.day)
        return _day_iv(d) if d else None
    return None


def _range_iv(ex: DateExpr, pub: date | None, coarse: bool, future: bool, anchor: Interval | None,
              near: int | None) -> Interval | None:
    if ex.start_expr is None or ex.end_expr is None:
        return None
    end_ex = ex.end_expr
    first = ex.start_expr
    if pub is not None and first.kind == end_ex.kind == "date" and first.year is None and end_ex.year is None \
            and first.year_rel is None and end_ex.year_rel is None and end_ex.rel is None:
        # "12 hingga 14 September" read on 12 September: the near end as usual, the far end on or after it
        lo = _interval(first, pub, coarse, future, anchor, near)
        hi = _interval(replace(end_ex, rel=None), lo[0], False, True, anchor, near) if lo else None
        if lo is not None and hi is not None and lo[0] <= hi[1]:
            return lo[0], hi[1], "range"
    hi = _interval(end_ex, pub, coarse, future, anchor, near)
    if hi is None:
        return None
    # the near end: what it writes stands; a missing year comes from the far end, looking back from it
    first = replace(ex.start_expr)
    if first.kind in ("date", "month") and first.year is None and first.year_rel is None and (
            end_ex.year is not None or end_ex.rel is not None):
        # "18-20 November mendatang", "28 Oktober hingga 3 November 2019": the far end fixes the year
        first.year = hi[1].year - (1 if first.month and first.month > hi[1].month else 0)
        first.rel = None
    lo = _interval(first, hi[1], False, False, anchor, near)
    if lo is None or lo[0] > hi[1]:
        return hi
    return lo[0], hi[1], "range"


# --------------------------------------------------------------------------- public
def resolve(expr: DateExpr, published: date | str | None, future: bool = False, anchor: str | None = None,
            *, near: int | None = None) -> str | None:
    """The interval ``expr`` denotes, in EVENTS.md format, or None.

    ``published``: the publication date (a ``date``, or an EVENTS.md string; a
    month-precise "YYYY-MM" only resolves month- and year-level expressions).
    ``future``: the clause is about something to come (a bare weekday or day-month
    then looks forward). ``anchor``: the date (EVENTS.md string) that "sehari setelah
    X" / "dua hari kemudian" count from. ``near``: a year from the article's other
    dates, used only without a publication date.
    """
    pub, coarse = _coerce_pub(published)
    iv = _interval(expr, pub, coarse, future, parse_interval(anchor), near)
    return _fmt(iv) if iv else None


def resolve_text(s: str, published: date | str | None, future: bool = False, anchor: str | None = None) -> str | None:
    """Find the first date expression in ``s`` and resolve it (None when none resolves)."""
    exprs = find_expressions(s)
    near = _near_year(exprs)
    for ex in exprs:
        r = resolve(ex, published, future, anchor, near=near)
        if r is not None:
            return r
    return None


def _near_year(exprs: list[DateExpr]) -> int | None:
    for ex in exprs:
        if ex.year is not None and ex.kind in ("date", "month", "year"):
            return ex.year
    return None


_CLAUSE_RX = re.compile(
    r";|:\s|\s[—–]\s|\s--\s|[“”\"«»]"
    r"|,\s*(?=(?:kini|sekarang|sementara|ketika|sedangkan|namun|tetapi|tapi|padahal|sehingga|meskipun|walaupun|sebelum|setelah"
    r"|sesudah|sejak|kemudian|lalu|dan\s+kemudian|while|when|but|whereas|although|after|before|since)\b)",
    re.IGNORECASE,
)


_TIME_CLAUSE = re.compile(r"\s*(?:sebelum|setelah|sesudah|sejak|menyusul)\b", re.IGNORECASE)
# Between the cue and a date, these words start a phrase with its own time: "menjatuhkan sanksi setelah serangan
# pada Sabtu", "pasca-serangan … pada Sabtu", "menjelang peringatan … 11 September 2001", "ditangguhkan hingga
# 14 Oktober" (the end of a period). That date is not the cue's.
_OTHER_TIME = re.compile(r"(?<![\w-])(?:" + "|".join(_DATA["other_time_words"]) + r")(?![\w])", re.IGNORECASE)
# A future clause: a planned act takes its planned date, so a weekday or a day-month there looks forward.
_FUTURE_MARK = re.compile(r"(?<![\w-])(?:" + "|".join(_DATA["future_markers"]) + r")(?![\w-])", re.IGNORECASE)
# ", Senin" closing a clause is the day of the statement or report, even in a clause about the future.
_COMMA_BEFORE = re.compile(r",\s*(?:pada\s+)?$")


def date_for_clause(text: str, sentence_start: int, sentence_end: int, cue_start: int,
                    published: date | str | None, future: bool = False, exprs: list[DateExpr] | None = None,
                    anchor: str | None = None) -> str | None:
    """The resolved date governing the event whose cue word starts at ``cue_start``.

    Prefers the expression nearest to the cue within the same clause (clauses split at
    "; ", ": ", dashes, quotation marks and ", sementara / ketika / namun / setelah …"),
    then the nearest one elsewhere in the sentence. In either, the event's own date beats the
    date of a report the text cites ("dilansir Reuters, Kamis"); a date after a word that opens a
    phrase of its own time between the cue and it ("setelah serangan pada Sabtu", "hingga 14 Oktober")
    is not the cue's. A weekday or a day-month in a clause about the future ("akan", "dijadwalkan",
    "rencananya" before it) looks forward, as when ``future`` is set; a day of the last week written with
    its date, or a weekday after a comma, stays the day the news was said. ``exprs`` may be the article's
    expressions (those outside the sentence are ignored). None when nothing in the sentence resolves:
    the caller then uses the publication date (news) or None (background).
    """
    if exprs is None:
        exprs = find_expressions(text, sentence_start, sentence_end)
    cands = [x for x in exprs if x.start >= sentence_start and x.end <= sentence_end]
    if not cands:
        return None
    found = list(_CLAUSE_RX.finditer(text, sentence_start, sentence_end))
    cuts = [m.start() for m in found]
    cue_clause = bisect.bisect_right(cuts, cue_start)
    # ", setelah serangan bulan lalu …": a clause of time names another event's date; it never dates the cue
    # in another clause
    other_time = {i + 1 for i, m in enumerate(found) if _TIME_CLAUSE.match(text, m.end())}
    cands = [x for x in cands if bisect.bisect_right(cuts, x.start) == cue_clause
             or bisect.bisect_right(cuts, x.start) not in other_time]
    # "… setelah serangan pada Sabtu": a date after a time word that follows the cue in its clause
    cands = [x for x in cands if not (x.start > cue_start and bisect.bisect_right(cuts, x.start) == cue_clause
                                      and _OTHER_TIME.search(text, cue_start + 1, x.start)
                                      and not (x.kind == "relative" and x.anchor))]
    pub, _coarse = _coerce_pub(published)
    near = _near_year(cands)
    # "… wilayah yang diduduki Israel pada tahun 1967": an old date in a relative clause describes its noun
    cands = [x for x in cands if not (x.start > cue_start and _in_relative_clause(text, cue_start, x.start)
                                      and is_background(resolve(x, published, near=near), published))]
    if not cands:
        return None

    def key(x: DateExpr) -> tuple[int, int, int, int]:
        same = bisect.bisect_right(cuts, x.start) == cue_clause
        dist = 0 if x.start <= cue_start < x.end else (x.start - cue_start if x.start > cue_start else cue_start - x.end)
        # "… tahun ini dan setelah penangkapan pekan lalu": the cue's phrase of time starts after that date
        outside = x.end <= cue_start and bool(_OTHER_TIME.search(text, x.end, cue_start))
        return (0 if same else 1, 1 if x.cited else 0, 1 if outside else 0, dist)
    for x in sorted(cands, key=key):
        if x.kind == "relative" and x.anchor and x.links_clause:
            if cue_start < x.end or "," in text[x.end:cue_start]:
                continue  # "X terjadi sehari setelah Y", "sehari setelah Y, X …": X's own date is given elsewhere
            base = parse_interval(anchor) if anchor else _main_date(x, cands, cuts, published, near)
            if base is None and pub is not None:
                base = _day_iv(pub)
            if base is None:
                continue
            flipped = DateExpr(x.start, x.end, x.surface, "relative", n=x.n, unit=x.unit,
                               anchor="after" if x.anchor == "before" else "before",
                               rel=-(x.rel or 0))
            iv = _interval(flipped, pub, False, future, base, near)
            if iv:
                return _fmt(iv)
            continue
        # a date written before the planned act and before any future word dates the statement of the plan
        # ("Presiden pada Jumat pagi mengatakan … akan diselidiki")
        fut = (future and (x.start > cue_start or x.rel is not None or _marked(text, x, cuts, sentence_start))) \
            or _planned(text, x, cuts, sentence_start)
        r = resolve(x, published, fut, anchor, near=near)
        if r is not None and not fut and x.kind == "period" and not x.rel and pub is not None and not _coarse:
            # "pekan ini", "bulan ini" for what already happened: this period up to the publication day
            iv = parse_interval(r)
            if iv is not None and iv[0] <= pub < iv[1]:
                r = _fmt((iv[0], pub, "range"))
        if r is not None:
            return r
    return None


_YANG = re.compile(r"(?<![\w-])yang\s", re.IGNORECASE)


_VERBISH = re.compile(r"(?:me(?:ng|ny|[mnlrwy])|ber|ter)[a-z]{3,}|bahwa")
_NOT_VERBS = frozenset(_DATA["not_verbs"])


def _in_relative_clause(text: str, cue_start: int, x_start: int) -> bool:
    """A "yang" clause opens between the cue's word and ``x_start`` after a verb or "bahwa" of the cue's own
    phrase ("menyebut Israel berada di balik alat yang ditemukan pada 2017"), so it describes another noun;
    not the cue noun's own "serangan Israel ke Gaza yang terjadi pada 2014"."""
    m = _YANG.search(text, cue_start, x_start)
    if not m:
        return False
    words = text[cue_start : m.start()].split()[1:]
    return any(_VERBISH.fullmatch(w) and w not in _NOT_VERBS for w in words)


def _clause_start(x: DateExpr, cuts: list[int], sentence_start: int) -> int:
    i = bisect.bisect_right(cuts, x.start)
    return cuts[i - 1] if i > 0 else sentence_start


def _marked(text: str, x: DateExpr, cuts: list[int], sentence_start: int) -> bool:
    """A future marker earlier in the clause of ``x``."""
    return bool(_FUTURE_MARK.search(text, _clause_start(x, cuts, sentence_start), x.start))


def _planned(text: str, x: DateExpr, cuts: list[int], sentence_start: int) -> bool:
    """A future marker earlier in the clause of ``x`` ("akan bertemu pada Jumat"), and ``x`` is no statement day."""
    if x.cited or x.kind not in ("weekday", "date", "month") or not _marked(text, x, cuts, sentence_start):
        return False
    c0 = _clause_start(x, cuts, sentence_start)
    return not (x.kind == "weekday" and _COMMA_BEFORE.search(text, max(c0, x.start - 12), x.start))


def _main_date(x: DateExpr, cands: list[DateExpr], cuts: list[int], published: date | str | None,
               near: int | None) -> Interval | None:
    """The date of the main clause that "sehari setelah X" hangs on ("Pada 3 Agustus, sehari setelah …")."""
    for y in sorted(cands, key=lambda y: abs(y.start - x.start)):
        if y is x or y.cited or y.kind == "relative" or y.start > x.start:
            continue
        r = resolve(y, published, near=near)
        iv = parse_interval(r)
        if iv is not None and iv[2] == "day":
            return iv
    return None


def is_background(interval: str | None, published: date | str | None, days: int = 31) -> bool:
    """True when ``interval`` ends more than ``days`` days before publication (an old event)."""
    iv = parse_interval(interval)
    pub, _ = _coerce_pub(published)
    if iv is None or pub is None:
        return False
    return (pub - iv[1]).days > days
