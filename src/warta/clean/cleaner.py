"""Find the article body in raw scraped text, without rewriting the text.

The text is cut into units (lines, and the ",”-joined paragraphs of some scrapes); each
unit is classified as body, caption, title, or furniture (with a reason). Body and caption
units become ``doc.paragraphs``; the rest goes to ``doc.ignored``. Offsets stay those of
the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.clean import resources
from warta.document import Document, Paragraph

# unit boundaries: newlines; in comma-joined scrapes, sentence punctuation followed by
# commas, runs of two or more commas, or a comma glued to a capital ("…Terkait,Ia …"). A run of commas
# inside a sentence, a lower-case word going on after it, is a hyperlinked name the scrape lost
# ("Pembalap Tim KTM Red Bull,,masih terus berjuang", "serangan drone ke  , Arab  ,,  ,, pekan lalu").
# Every break starts with a space or a comma. The pattern is, branch for branch and in the same order,
#   \n | (?<=[.!?"”’\]])\s*,+(?=\s*["“‘A-Z\[(]) | ,{2,}(?!\s*[,a-z]) | (?<=[.!?"”’:\]]),{2,}
#   | (?<=[.!?"”’:\]])\s+,{2,} | (?<=[a-z]),(?=[A-Z][a-z])
# written to consume that first character first (each branch then asks with a look-behind what it was and
# what stood before it): a pattern that opens with a character set lets ``re`` skip every other position.
# Every branch needs the character consumed to be a newline or a comma, or the one before it to be one of _UB_L5
# (_UB_L2 is part of it): one test of that first turns away the spaces between words at once.
_UB_L2 = r"[.!?\"”’\]]"
_UB_L5 = r"[.!?\"”’:\]]"
_UNIT_BREAK = re.compile(rf"[\s,](?:(?<=[\n,])|(?<={_UB_L5}.))(?:(?<=\n)"
                         rf"|(?<={_UB_L2}[\s,])(?:(?<=,),*|(?<=\s)\s*,+)(?=\s*[\"“‘A-Z\[(])"
                         r"|(?<=,),+(?!\s*[,a-z])"
                         rf"|(?<={_UB_L5},),+"
                         rf"|(?<={_UB_L5}\s)\s*,{{2,}}"
                         r"|(?<=[a-z],)(?=[A-Z][a-z]))")
_TIMESTAMP_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?\"”…:)]\s*$")
_LONG_PROSE = 160


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    kind: str = "body"  # body | caption | title | ignored
    reason: str = ""
    headline_follows: bool = False  # a "Baca juga:" marker whose headline is not on its own unit


def split_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    pos = 0
    for m in _UNIT_BREAK.finditer(text):
        _add_unit(text, pos, m.start(), units)
        pos = m.end()
    _add_unit(text, pos, len(text), units)
    return units


def _add_unit(text: str, start: int, end: int, out: list[Unit]) -> None:
    while start < end and text[start] in " \t\r\f\v,\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\r\f\v\u00a0":
        end -= 1
    if end > start:
        out.append(Unit(start, end))


def _is_timestamp_line(s: str) -> bool:
    """A line that is mostly a date and a time ("16 November 2024 16:25 WIB")."""
    if len(s) > 70 or not _TIMESTAMP_TIME.search(s):
        return False
    words = [w for w in _WORD.findall(s)]
    res = resources.get()
    other = [w for w in words if w.lower() not in res.months and w.lower() not in _TIME_WORDS]
    return len(other) <= 2


_TIME_WORDS = frozenset(
    "wib wita wit gmt utc pukul jam senin selasa rabu kamis jumat jum'at sabtu minggu ahad monday tuesday wednesday "
    "thursday friday saturday sunday news update diperbarui dipublikasikan published updated".split()
)


def _title_case_ratio(s: str) -> float:
    words = [w for w in _WORD.findall(s) if len(w) > 3]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_prose(s: str) -> bool:
    return len(s) >= _LONG_PROSE and bool(_SENTENCE_END.search(s))


def classify(doc: Document) -> list[Unit]:
    res = resources.get()
    text = doc.text
    units = split_read_also(text, split_units(text))
    seen: set[str] = set()
    in_sidebar = False
    after_read_also = False
    body_started = False
    title = (doc.title or "").strip().lower()
    for u in units:
        s = text[u.start : u.end]
        low = s.lower()
        if u.kind == "ignored":  # a "Baca juga" marker and its headline
            after_read_also = u.headline_follows
            continue
        if after_read_also:
            if _is_headline(s):  # the linked headline(s) on the units after a bare "Baca juga:"
                u.kind, u.reason = "ignored", "read-also"
                continue
            after_read_also = False  # the body goes on
        if in_sidebar:
            if _is_prose(s) and not res.furniture.fullmatch(s):
                in_sidebar = False
            else:
                u.kind, u.reason = "ignored", "sidebar"
                continue
        if res.sidebar_header.fullmatch(s):
            u.kind, u.reason = "ignored", "sidebar"
            in_sidebar = True
            continue
        if res.furniture.fullmatch(s):
            u.kind, u.reason = "ignored", "furniture"
            continue
        if _is_timestamp_line(s) or _is_byline(s):
            u.kind, u.reason = "ignored", "byline"
            continue
        key = " ".join(low.split())
        if key in seen and len(key) >= 30:
            u.kind, u.reason = "ignored", "repeated"
            continue
        seen.add(key)
        if (at := resources.caption_from(res, s, low)) is not None and res.caption.search(s, at):
            u.kind = "caption"
            continue
        if not body_started:
            if title and key == " ".join(title.split()):
                u.kind = "title"
                continue
            if len(s) < 40 and not _SENTENCE_END.search(s):
                u.kind, u.reason = "ignored", "kicker"
                continue
            if len(s) < 200 and not re.search(r"[.!?\"”]$", s) and _title_case_ratio(s) >= 0.6:
                u.kind = "title"
                continue
        body_started = True
    return units


_BYLINE = re.compile(r"^[^\n]{2,60}?\s*[•|·]\s*[^\n]*\d{4}", re.IGNORECASE)


def _is_byline(s: str) -> bool:
    """"Willy Haryono • 25 Februari 2023 21:11", "SELASA, 18 MARET 2025 | 22:08 WIB | LAPORAN: …"."""
    # (the pattern needs one of its separators: three one-character scans turn most lines away first)
    return len(s) < 140 and ("•" in s or "|" in s or "·" in s) and bool(_BYLINE.search(s)) \
        and bool(_TIMESTAMP_TIME.search(s))


# "Baca juga:" (also "[Baca juga]", "Simak juga -", "Lihat pula:") introduces the headline of another
# story. Where the headline ends is the question: at the closing bracket when the marker is bracketed
# ("( Baca juga: … )", "[ Baca Juga : … ]"), at the end of the unit (a line) when the headline stands
# alone, at ",X" in comma-joined scrapes (paragraphs are joined with "," and no space), and, in tokenised
# text that runs the headline into the body, at the capitalised word that starts the body sentence.
_READ_ALSO = re.compile(
    r"(?P<open>[(\[]\s*)?(?P<ob>\[\s*)?\b(?:baca|lihat|simak)\s+(?:juga|pula)\b\s*(?P<close>\])?\s*(?P<sep>[:;\-–])?",
    re.IGNORECASE)
_PARA_JOIN = re.compile(r",+(?=[^\s,)\]])")  # a comma glued to the next word: a paragraph joint of the scrape
_HEADLINE_TOKEN = re.compile(
    r"\s*(?:[A-Z0-9][\w'’.,/-]*|[:\-–|&/]|\?|!|\"|“|”|"
    r"(?:di|ke|dan|yang|untuk|dari|atau|dengan|pada|dalam|bagi|soal|ini|itu|jadi|vs\.?|usai|saat|demi|hingga|"
    r"oleh|akan|tak|tidak|bukan|sebagai|karena|agar|the|of|and|in|on|for))(?=\s|$)")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")
_BULLET = re.compile(r"^[-–•*·]\s")
_CLOSER = {"(": ")", "[": "]"}


def split_read_also(text: str, units: list[Unit]) -> list[Unit]:
    """Cut every "Baca juga" marker and its linked headline out of the units: the marker and headline become
    an ignored unit (reason "read-also"), the body before and after it stay units of their own."""
    out: list[Unit] = []
    for u in units:
        piece = text[u.start : u.end]
        low = piece.lower()
        if ("juga" not in low and "pula" not in low) or (  # no marker possible: skip the regex scan (which has
                "baca" not in low and "lihat" not in low and "simak" not in low  # no first character to look for)
                and resources.fold_safe(piece)):  # (IGNORECASE's "i" and "s" match more than str.lower's)
            out.append(u)
            continue
        pos = search = u.start
        while m := _READ_ALSO.search(text, search, u.end):
            end, follows = _read_also_end(text, m, u.end)
            if end is None:  # "[lihat juga] , akan kami …": a linked word in prose, no marker
                search = m.end()
                continue
            _add_piece(text, pos, m.start(), out)
            out.append(Unit(m.start(), end, "ignored", "read-also", follows))
            pos = search = end
        if pos == u.start:
            out.append(u)
        else:
            _add_piece(text, pos, u.end, out)
    return out


def _add_piece(text: str, start: int, end: int, out: list[Unit]) -> None:
    while start < end and text[start] in " \t\r\f\v,;:)]\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\r\f\v,;:([\u00a0":
        end -= 1
    if end - start > 1:
        out.append(Unit(start, end))


def _read_also_end(text: str, m: re.Match[str], limit: int) -> tuple[int | None, bool]:
    """Where the marker ``m`` and its headline end (None: no marker), and whether the headline is absent from
    the rest of the unit (then it may follow as units of its own)."""
    pos = m.end()
    while pos < limit and text[pos] in " \t\u00a0":
        pos += 1
    opener = (m.group("open") or "").strip() or None
    if opener == "[" and m.group("close") and not m.group("ob"):
        opener = None  # "[Baca juga] : …": the bracket closed round the marker
    if opener is None and pos < limit and text[pos] in "([" and m.group("sep"):
        opener, pos = text[pos], pos + 1  # "Baca juga : ( Headline )"
    j = _PARA_JOIN.search(text, pos, limit)
    seg_end = j.start() if j else limit
    if opener:  # the closing bracket, unless a paragraph joint comes first (the scrape lost it)
        close = text.find(_CLOSER[opener], pos, min(seg_end, pos + 300))
        if close >= 0:
            return close + 1, not text[pos:close].strip(" \t\u00a0,:;")
    if not (m.group("sep") or m.group("close")):
        # "Baca juga" with no colon, dash or bracket is a marker only when it stands alone
        return (pos, True) if not text[pos:limit].strip(" \t\u00a0,") else (None, False)
    head = text[pos:seg_end]
    if not head.strip(" \t\u00a0,"):
        return pos, True  # the scrape lost the headline: what follows is body, or the headline's own line
    if m.group("close") and not m.group("sep") and head.lstrip(" ,")[:1].islower():
        return None, False  # "[lihat juga] , akan kami tempatkan": a hyperlinked word in a quote
    if not _SENTENCE_STOP.search(head):
        return seg_end, False  # the headline fills the line (or the comma-joined piece)
    return _headline_run_end(text, pos, seg_end), False


def _headline_run_end(text: str, pos: int, limit: int) -> int:
    """Tokenised scrapes run the headline into the body ("… Pesta Gay Dalam jumpa pers …"): the headline is
    the run of capitalised words and headline function words; the capitalised word right before the first
    lower-case word starts the body sentence."""
    start = pos
    last_cap = pos
    while pos < limit:
        t = _HEADLINE_TOKEN.match(text, pos, limit)
        if not t:
            break
        pos = t.end()
        if t.group(0).strip()[:1].isupper():
            last_cap = pos
    nxt = _WORD.match(text, pos + 1 if pos < limit else pos, limit)
    if nxt and nxt.group(0)[:1].islower():
        prev = text.rfind(" ", start, last_cap - 1)
        return prev if prev > start else pos
    return pos


_BODY_END = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def _is_headline(s: str) -> bool:
    """A line that reads as a headline: no sentence end, mostly capitalised words (or a list bullet)."""
    if len(s) > 200 or _BODY_END.search(s):
        return False
    return bool(_BULLET.match(s)) or _title_case_ratio(s) > 0.5


class CleanStep:
    """Marks the article body (paragraphs) and the furniture (ignored) of a Document."""

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        units = classify(doc)
        paragraphs: list[Paragraph] = []
        ignored: list[tuple[int, int, str]] = []
        for u in units:
            if u.kind == "ignored":
                ignored.append((u.start, u.end, u.reason))
                continue
            paragraphs.append(Paragraph(u.start, u.end, u.kind))
        doc.paragraphs = paragraphs
        doc.ignored = ignored
        return doc
