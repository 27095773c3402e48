"""Publication metadata from the text: published, outlet, dateline, wire, author, editor.

Metadata given in the record always wins. Otherwise ``published`` comes from a byline
timestamp (a date with a time of day on a furniture/byline line, or a dateline date),
never from a sidebar list of other stories and never from a date the story talks about;
failing that, from a date written in the URL path ("/2024/04/09/", "/20240409…", EVENTS.md §5).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlparse

from warta.clean import resources
from warta.document import Document

_MONTH_WORD = r"[A-Za-z]{3,10}\.?"
# "25 Februari 2023 21:11", "Tuesday 9 April 2024 - 23:30", "Kamis, 16 Juni 2022 10:05 WIB",
# "SELASA, 18 MARET 2025 | 22:08 WIB", "Kamis 20 Apr 2023 10:23 WIB", "Kamis, 30 Juni 2022 | 00:06"
_TS_DMY = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<mon>" + _MONTH_WORD + r")\s+(?P<y>\d{4})\s*(?:[-|,•·]\s*)?(?:pukul\s+)?"
    r"(?P<t>\d{1,2}[:.]\d{2})", re.IGNORECASE)
# "April 9, 2024 23:30"
_TS_MDY = re.compile(
    r"(?P<mon>" + _MONTH_WORD + r")\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})\s*(?:[-|,•·]\s*)?(?:at\s+)?"
    r"(?P<t>\d{1,2}[:.]\d{2})", re.IGNORECASE)
# "16/02/2021, 20:00 WIB", "2021-02-16 20:00"
_TS_NUM = re.compile(r"(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4}),?\s+(?:pukul\s+)?(?P<t>\d{1,2}[:.]\d{2})")
_TS_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[ T](?P<t>\d{2}:\d{2})")

_DATELINE_PATTERNS = [
    # "Beijing (ANTARA) -", "NEW DELHI (Arrahmah.id) –"
    re.compile(r"^(?P<place>[A-Z][\w .'’-]{1,40}?)\s*\((?P<outlet>[\w .-]{2,30})\)\s*[-–—:]+\s*"),
    # "REPUBLIKA.CO.ID, JAKARTA --", "TRIBUNNEWS.COM, BOGOR -", "Liputan6.com, Jakarta -"
    re.compile(r"^(?P<outlet>[\w-]+(?:\.[\w-]+)*\.(?:com|id|co\.id|tv|net|org|co))\s*,\s*"
               r"(?P<place>[A-Z][\w .'’-]{1,40}?)\s*[-–—]+\s*", re.IGNORECASE),
    # "JAKARTA, KOMPAS.com -", "RIYADH, iNews.id -", "NEW YORK, KOMPAS.TV -"
    re.compile(r"^(?P<place>[A-Z][\w .'’-]{1,40}?)\s*,\s*(?P<outlet>[\w-]+(?:\.[\w-]+)*\.(?:com|id|co\.id|tv|net|org))"
               r"\s*[-–—]+\s*", re.IGNORECASE),
    # "Suara.com -", "IDXChannel -", "Senja News –", "JAKARTA -", "IRAN -"
    re.compile(r"^(?P<head>[A-Z][\w .'’-]{1,30}?)\s+[-–—]{1,2}\s+(?=\S)"),
    # "Beijing: Presiden …"
    re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+(?=[A-Z])"),
]
_COPYRIGHT = re.compile(r"(?:copyright|hak\s+cipta)?\s*©\s*(?:\d{4}\s+)?(?P<who>[A-Za-z][\w. ]{1,30}?)(?:\s+\d{4})?\s*$",
                        re.IGNORECASE)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_timestamp(s: str) -> str | None:
    """The date of the first byline-style timestamp (date + time of day) in s."""
    months = resources.get().months
    for rx in (_TS_DMY, _TS_MDY):
        for m in rx.finditer(s):
            mon = months.get(m.group("mon").lower().rstrip("."))
            if mon:
                v = _valid(int(m.group("y")), mon, int(m.group("d")))
                if v:
                    return v
    for rx in (_TS_NUM, _TS_ISO):
        for m in rx.finditer(s):
            v = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if v:
                return v
    return None


# "/2024/04/09/", "/2024/04/" (a month), "/2024-04-09/", and "/20240409" (often with the time glued on:
# "/20190910123456-113-…"); only in the path, never in the host or query
_URL_YMD = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<s>[/-])(?P<m>0?[1-9]|1[0-2])(?:(?P=s)(?P<d>0?[1-9]|[12]\d|3[01]))?(?=/|$|[-_.](?!\d))")
_URL_COMPACT = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:\d{4}|\d{6})?(?=[-_/.]|$)")


def url_date(url: str | None) -> str | None:
    """The publication date written in a URL's path ("YYYY-MM-DD", or "YYYY-MM" for a month folder), or None."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:
        return None
    top = date.today().year + 1
    for rx in (_URL_YMD, _URL_COMPACT):
        for m in rx.finditer(path):
            y, mo = int(m.group("y")), int(m.group("m"))
            if not 1990 <= y <= top:
                continue
            if m.group("d"):
                v = _valid(y, mo, int(m.group("d")))
                if v:
                    return v
            elif rx is _URL_YMD:
                return f"{y:04d}-{mo:02d}"
    return None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    if not host:
        return None
    names = resources.get().outlet_names
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in names:
            return names[cand]
    # bare registered name: "news.okezone.com" -> "okezone"
    core = parts[-3] if len(parts) >= 3 and parts[-2] in ("co", "or", "ac", "go") else parts[-2] if len(parts) >= 2 else host
    return names.get(core, host[4:] if host.startswith("www.") else host)


class MetaStep:
    """Fills published (from text when the record lacks it), outlet, dateline, wire, author, editor."""

    name = "meta"

    def __call__(self, doc: Document) -> Document:
        res = resources.get()
        text = doc.text
        # --- published: byline timestamps in furniture/byline/kicker lines, in order; never sidebar
        if doc.published:
            doc.published_from = "metadata"
        else:
            for start, end, reason in doc.ignored:
                if reason in ("byline", "furniture", "kicker"):
                    v = parse_timestamp(text[start:end])
                    if v:
                        doc.published, doc.published_from = v, "text"
                        break
            if not doc.published:
                v = url_date(doc.url)
                if v:
                    doc.published, doc.published_from = v, "url"
        # --- dateline and outlet from the start of the first body paragraph
        body = [p for p in doc.paragraphs if p.kind == "body"]
        dl_outlet = None
        if body:
            first = text[body[0].start : body[0].end]
            for rx in _DATELINE_PATTERNS:
                m = rx.match(first)
                if not m:
                    continue
                gd = m.groupdict()
                if "head" in gd:
                    head = gd["head"].strip()
                    if head.lower() in res.outlet_names or "." in head:
                        dl_outlet = head
                    elif head.isupper():
                        doc.dateline = head.title()
                    else:
                        continue
                else:
                    place, out = gd.get("place"), gd.get("outlet")
                    if place:
                        doc.dateline = place.strip().title() if place.isupper() else place.strip()
                    if out:
                        dl_outlet = out.strip()
                break
        # --- author / editor lines
        for start, end, _ in doc.ignored:
            line = text[start:end]
            for key, rx in res.people.items():
                m = rx.search(line)
                if not m:
                    continue
                who = m.group("who").strip(" .,-")
                if key == "editor" and not doc.editor:
                    doc.editor = who
                elif key == "author" and not doc.author:
                    doc.author = who
                elif key == "translator":
                    doc.extra.setdefault("translator", who)
            if not doc.author and "•" in line and _has_timestamp(line):
                doc.author = line.split("•", 1)[0].strip()
        # --- outlet: record wins, then dateline, copyright line, url
        if not doc.outlet:
            cand = dl_outlet
            if not cand:
                for start, end, _ in doc.ignored:
                    m = _COPYRIGHT.search(text[start:end])
                    if m and "©" in text[start:end]:
                        cand = m.group("who")
                        break
            if not cand:
                cand = _outlet_from_url(doc.url)
            if not cand:
                cand = _outlet_in_furniture(doc)
            if cand:
                doc.outlet = res.outlet_names.get(cand.strip().lower(), cand.strip())
        # --- wire sources, in body and furniture ("Sumber: Reuters", "dikutip dari Al Jazeera", "(AFP)")
        wires: list[str] = []
        sidebars = [(s, e) for s, e, r in doc.ignored if r == "sidebar"]
        if resources.fold_safe(text):  # the patterns without IGNORECASE over the shared lower-cased text: faster
            scan = doc.lower_text()
            patterns: tuple[re.Pattern[str], ...]
            if res.wire_cue_words is None or any(w in scan for w in res.wire_cue_words):
                patterns = (res.wire_cue_lower, res.wire_paren_lower)
            else:  # no cue word: the cue pattern cannot match
                patterns = (res.wire_paren_lower,)
        else:
            scan, patterns = text, (res.wire_cue, res.wire_paren)
        for rx in patterns:
            for m in rx.finditer(scan):
                if any(s <= m.start() < e for s, e in sidebars):
                    continue
                w = res.wire_names.get(" ".join(m.group("wire").lower().split()))
                if w and w not in wires and w != doc.outlet:
                    wires.append(w)
        doc.wire = wires
        return doc


def _has_timestamp(s: str) -> bool:
    return parse_timestamp(s) is not None


_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|id|co\.id|tv|net|org)\b", re.IGNORECASE)


def _outlet_in_furniture(doc: Document) -> str | None:
    """An outlet named in the page's own share/follow prompts ("follow akun google news Medcom.id")."""
    names = resources.get().outlet_names
    found = {names[m.group(0).lower()] for s, e, r in doc.ignored if r == "furniture"
             for m in _DOMAIN.finditer(doc.text, s, e) if m.group(0).lower() in names}
    return found.pop() if len(found) == 1 else None
