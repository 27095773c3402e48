"""Direct quotes with their speaker and addressee (spec EVENTS.md §8).

The step works in three passes over the body paragraphs (split further at line
breaks, since a quote never runs over one except by the continuation convention):

1. *Marks.*  Every quotation mark is classified from its neighbours (can it open,
   can it close?) and paired with a small bounded stack, so nested, unbalanced and
   mixed marks cost linear time.  An opening mark still open at a paragraph's end
   continues into the next paragraph when that one starts with a mark.
2. *Attribution.*  Each candidate of at least five words looks for a cue after it
   (``"…," kata X``, ``"…," ujarnya``, ``"…," Lavrov menambahkan``) and before it
   (``Kata X: "…"``, ``X mengatakan, "…"``, ``X: "…"``, ``menurut X, "…"``, a speech
   verb earlier in the same sentence).
3. *Resolution*, in text order: pronoun speakers go to the last reported speaker
   (direct or indirect speech) or the last person mentioned; pieces of one quote
   share their speaker; a bare quote paragraph continues the previous paragraph's
   speaker.  Speakers and addressees come from ``doc.mentions`` where one covers the
   words, else from the capitalised name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from warta.document import Document, Mention, Quote
from warta.quotes.lexicon import Lexicon, lexicon

_LEX = lexicon()  # the word lists of data/quotes.yaml the patterns below are read with

__all__ = ["QuotesStep", "MIN_WORDS"]

MIN_WORDS = 5
_MAX_STACK = 16  # deeper nesting is garbage: drop the outermost
_PREFIX_WINDOW = 400  # how far back a sentence before a quote is searched
_LOOKBACK = 2000  # how far back indirect speech is searched for a pronoun
_PHRASE_MAX = 150
_MAX_MENTION = 200

_MARK_RE = re.compile(r"[\"'“”„‘’‚«»‹›]")
_OPENERS = frozenset("“„‘‚«‹")
_CLOSERS = frozenset("”’»›")
_DOUBLE = frozenset("\"“”„")
_SINGLE = frozenset("'‘’‚")
_LINE_RE = re.compile(r"[^\n]+")
_LAST_TOKEN_RE = re.compile(r"[\w]+$")
_LAST_WORD_RE = re.compile(r"([\w-]+)[\s:,]*$")
_TAIL_START = frozenset("\"”’'»,")
_CONJ = _LEX.conjunctions
_SUBJECT_MAX = 12
_CLAUSE_END_RE = re.compile(r"[,.;:!?()\"“”]")
_QUOTED_TITLE_RE = re.compile(r"[\"“][^\"“”,.\n]{1,40}[\"”](?=\s+\w)")  # a short quoted title inside a phrase
# a preposition, then only capitalised words and commas up to the mention
_OBJECT_RE = re.compile(
    r"(?<![\w-])(?:kepada|untuk|dengan|dari|oleh|bersama|terhadap|bagi|ke|di|pada|antara|menemui|bertemu)"
    r"(?:[ \t]+|[ \t]*,[ \t]*)(?:[A-Z][\w’'.-]*(?:[ \t]+|[ \t]*,[ \t]*))*$"
)
_RELATIVE_RE = re.compile(r"(?<![\w-])(?:yang|untuk)[ \t]+$", re.IGNORECASE)
_LINE_START_MARK_RE = re.compile(r"[ \t]*[\"“”„«‘'‹]")
_TOKEN_RE = re.compile(r"\S*\w\S*")
_WORD_CHAR_RE = re.compile(r"\w")
# a sentence end: a full stop and blanks, or the ".," joint of paragraphs a scrape joined with commas
_SENT_END_RE = re.compile(r"[.!?…][\"'”’»)]*(?:\s+|,(?=[\"“”„«‘'‹A-Z(]))(?=[\"“”„«‘'‹A-Z0-9(])")
_CAP_RE = re.compile(r"[A-Z][\w’'.-]*|[A-Z]")
_NAME_TOKEN_RE = re.compile(r"[\w’'.-]+")
_ATTR_TAIL_RE = re.compile(r"[ \t]*(?:[.,;]|kepada\b|dalam\b|saat\b|ketika\b|$)")
_LEAD_WORD_RE = re.compile(r"[ \t]*([A-Za-z]+)[ \t]+(?=[A-Z])")  # a sentence's first word, a capitalised one next
_CONNECTORS = _LEX.name_connectors
_FILLERS = _LEX.fillers
_PAREN_RE = re.compile(r"[ \t]*\([^()\n]{1,20}\)")  # an acronym in brackets: '(CEO)', '(Nema)'
_SPAN_END_RE = re.compile(r"[;:!?()\"“”]|\.(?:\s|$)")
_SEG_RE = re.compile(
    r"[ \t]*,[ \t]*(?P<seg>(?:[^,;:!?()\"“”\n]|\([A-Z][\w.&-]{0,15}\))*?)(?=[ \t]*(?:[,;:)]|\.(?:\s|$)|$)"
    r"|[ \t]+(?:kepada|dalam|saat|ketika|di|pada|seperti|sebagaimana|dilansir|dikutip|yang|dari|menurut|seusai|usai"
    r"|setelah|sesudah|sebelum|selepas|melalui|lewat|via)\b)"
)
_SEG_PAREN_RE = re.compile(r"\([A-Z][\w.&-]{0,15}\)[ \t]*(?=[A-Z])")
_SEG_CONT_RE = re.compile(r"[ \t]*,")
_NEXT_CAP_RE = re.compile(r"[ \t]+[A-Z]")
_PASSIVE_RELATIVE_RE = re.compile(r"(?<![\w-])yang(?:[ \t]+\w+)?[ \t]+$", re.IGNORECASE)
_SUBJECT_PREP_RE = re.compile(r"[ \t]+(?:di|dari|asal)[ \t]+(?=[A-Z])")
# after "dan": one or two lower-case role words (no preposition or verb marker), then a capitalised name
_ROLE_WORD = r"(?!(?:dari|di|ke|pada|untuk|yang|pernah|sudah|telah|juga|sebagai)\b)[a-z][\w-]*[ \t]+"
_ROLE_THEN_NAME_RE = re.compile(rf"[ \t]+{_ROLE_WORD}(?:{_ROLE_WORD})?[A-Z]")
_SUBJECT_RELATIVE_RE = re.compile(r"[ \t]+yang[ \t]+")
_PARENTHETICAL = _LEX.parenthetical_sources
_DAY_AHEAD_RE = re.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,3}){0,3}[ \t]*(?:,[ \t]*|[ \t]+pada[ \t]+)?"
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)(?![\w-])")
_AT_PLACE_RE = re.compile(r"[ \t]*(?:di|pada)[ \t]+")
_PAST_STOP_RE = re.compile(r"[ \t]*(?:yang|di|dan|untuk|pada)\b")
_RANKS = _LEX.ranks
_RANKS_INSIDE = _RANKS - _LEX.ranks_also_names  # a rank inside a name run: the person's name follows it
_ORG_ABBREVIATIONS = _LEX.company_abbreviations  # 'kata analis Rand Corp. Timothy Heath'
_DAYS = _LEX.weekdays


@dataclass(slots=True)
class _Cand:
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end for an open piece
    start: int  # quoted words [start, end)
    end: int
    line: int
    closed: bool
    chain: int = -1


@dataclass(slots=True)
class _Attr:
    kind: str  # named | pronoun
    speaker: dict[str, Any] | None
    addressee: dict[str, Any] | None
    cue: str | None
    pos: int  # where the attribution is
    after: bool  # attribution after the quote
    mkind: str | None = None  # the speaker mention's kind (person, organization, …)


class QuotesStep:
    """Fill ``doc.quotes``: every attributed direct quote of at least five words."""

    name = "quotes"

    def __init__(self, min_words: int = MIN_WORDS) -> None:
        self.min_words = min_words
        self.lex: Lexicon = lexicon()

    def __call__(self, doc: Document) -> Document:
        # every quote is found between two marks: a text without any (about a third of the corpus) has none, and
        # its pass (lines, mentions, candidates) would find nothing
        doc.quotes = _Run(doc, self.lex, self.min_words).quotes() if _MARK_RE.search(doc.text) else []
        return doc


class _Run:
    """The state of one document's pass."""

    def __init__(self, doc: Document, lex: Lexicon, min_words: int) -> None:
        self.doc = doc
        # UTF-8 quotation marks read as Mac Roman ('‚Äú…‚Äù', left by some scrapes when no repair
        # ran before this step) stand in as marks of the same length, so spans still index doc.text
        self.text = doc.text.replace("‚Äú", "  “").replace("‚Äù", "”  ") if "‚Ä" in doc.text else doc.text
        self.lex = lex
        self.min_words = min_words
        self.mentions: list[Mention] = sorted(doc.mentions, key=lambda m: (m.start, m.end))
        self.m_starts = [m.start for m in self.mentions]
        self.lines = self._lines()
        self._common_words: dict[str, bool] = {}  # _common's answer by word, once per article

    # ---- layout ----------------------------------------------------------
    def _lines(self) -> list[tuple[int, int]]:
        text = self.text
        paras = [(p.start, p.end) for p in self.doc.paragraphs] or [(0, len(text))]
        out: list[tuple[int, int]] = []
        paras.sort()
        for k, (ps, pe) in enumerate(paras):
            pe = min(pe, len(text))
            # a range cut right at a quotation mark loses its attribution tail ('," kata Xi.'): reattach it
            nl = text.find("\n", pe)
            line_end = len(text) if nl < 0 else nl
            if line_end - pe <= 60:
                rest = text[pe:line_end].strip()
                nxt = paras[k + 1][0] if k + 1 < len(paras) else len(text)
                if rest and rest[0] in _TAIL_START and line_end <= nxt:
                    pe = line_end
            ps = max(ps, 0)
            if text.find("\n", ps, pe) < 0:  # one line (a unit of the cleaner never holds a newline)
                lines: Iterable[tuple[int, int]] = ((ps, pe),) if pe > ps else ()
            else:
                lines = [m.span() for m in _LINE_RE.finditer(text, ps, pe)]
            for ls, le in lines:
                line = text[ls:le]
                a = ls + len(line) - len(line.lstrip())
                b = le - (len(line) - len(line.rstrip()))
                if a >= b:
                    continue
                if out and 0 <= a - out[-1][1] <= 3 and "\n" not in text[out[-1][1] : a]:
                    out[-1] = (out[-1][0], b)  # a body range cut inside one line (at a mark): rejoin
                else:
                    out.append((a, b))
        return out

    # ---- pass 1: marks -----------------------------------------------------
    def _classify(self, p: int, ls: int, le: int) -> tuple[str, str] | None:
        text = self.text
        ch = text[p]
        prev = text[p - 1] if p > ls else " "
        nxt = text[p + 1] if p + 1 < le else " "
        fam = "d" if ch in _DOUBLE else "s" if ch in _SINGLE else "g"
        pw, nw = prev.isspace(), nxt.isspace()
        pa, na = prev.isalnum(), nxt.isalnum()
        if pa and na:
            return None  # Qur'an, Ma’ruf, Jum"at: an apostrophe, or a typo
        can_open = not nw and (pw or not pa)
        can_close = not pw and (nw or not na)
        if ch in _OPENERS:
            role = "close" if can_close and not can_open else "open"
        elif ch in _CLOSERS:
            role = "open" if can_open and not can_close else "close"
        elif can_open and not can_close:
            role = "open"
        elif can_close and not can_open:
            role = "close"
        else:
            role = "both"
        if fam == "s" and role == "close" and pa and ch in "'’" and prev.isalpha() and nw:
            role = "close?"  # a closer or a trailing apostrophe (para ulama’)
        return fam, role

    def _candidates(self) -> list[_Cand]:
        text = self.text
        cands: list[_Cand] = []
        chain_next = -1  # chain id the next line's first piece joins
        n_chain = 0
        for li, (ls, le) in enumerate(self.lines):
            if not _WORD_CHAR_RE.search(text, ls, le):
                chain_next = -1  # a line of marks only holds no words to quote (and costs nothing)
                continue
            pairs: list[tuple[int, int]] = []
            stack: list[tuple[int, str]] = []
            for m in _MARK_RE.finditer(text, ls, le):
                p = m.start()
                c = self._classify(p, ls, le)
                if c is None:
                    continue
                fam, role = c
                idx = -1
                if role != "open":
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][1] == fam:
                            idx = k
                            break
                if role == "open" or (role == "both" and idx < 0):
                    stack.append((p, fam))
                    if len(stack) > _MAX_STACK:
                        del stack[0]
                    continue
                if idx >= 0:
                    pairs.append((stack[idx][0], p))
                    del stack[idx:]
                elif role == "close" and fam == "d" and stack and stack[-1][1] == "s":
                    # mixed marks: 'opened with a single, closed with a double."
                    pairs.append((stack[-1][0], p))
                    del stack[-1:]
            # keep only the outermost pairs
            pairs.sort()
            kept: list[tuple[int, int, bool]] = []
            last = -1
            for o, c in pairs:
                if o > last:
                    kept.append((o, c, True))
                    last = c
            # a quote left open at the paragraph end continues into a paragraph opening with a mark
            cont = False
            if stack and li + 1 < len(self.lines):
                nls, _ = self.lines[li + 1]
                if _LINE_START_MARK_RE.match(text, nls):
                    o = next((o for o, f in stack if f != "s" or text[o] == "‘"), -1)
                    if o >= 0 and o > last:
                        kept.append((o, le, False))
                        cont = True
            for o, c, closed in kept:
                s, e = o + 1, c
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                cand = _Cand(o, c, s, e, li, closed)
                if chain_next >= 0 and o == ls:
                    cand.chain = chain_next
                chain_next = -1 if o == ls else chain_next
                cands.append(cand)
            if cont:
                last_c = cands[-1]
                if last_c.chain < 0:
                    last_c.chain = n_chain
                    n_chain += 1
                chain_next = last_c.chain
            else:
                chain_next = -1
        return cands

    def _words(self, s: int, e: int, limit: int) -> int:
        n = 0
        for _ in _TOKEN_RE.finditer(self.text, s, e):
            n += 1
            if n >= limit:
                break
        return n

    def _title_like(self, s: int, e: int) -> bool:
        """Mostly Capitalised Words and no sentence punctuation: a title, not speech."""
        if e - s > 200:
            return False
        toks = self.text[s:e].split()
        caps = sum(1 for t in toks if t[:1].isupper() or t[:1].isdigit())
        return caps >= 0.8 * len(toks) and not any(t[-1:] in ".,!?;:" for t in toks)

    # ---- actors ------------------------------------------------------------
    def _mentions_over(self, a: int, b: int) -> list[Mention]:
        hi = bisect_left(self.m_starts, b)
        lo = bisect_left(self.m_starts, a - _MAX_MENTION)
        return [m for m in self.mentions[lo:hi] if m.end > a]

    @staticmethod
    def _actor(m: Mention) -> dict[str, Any]:
        return {"name": m.name, "country": m.country}

    def _pick_mention(self, a: int, b: int) -> Mention | None:
        ms = self._mentions_over(a, b)
        if not ms:
            return None
        persons = [m for m in ms if m.kind == "person"]
        if len(persons) >= 2 and persons[0].via == "title" and all(
                w[:1].isupper() for w in self.text[persons[0].end : persons[-1].start].split()):
            # 'Kepala Divisi Aerospace Garda Revolusi Amir Ali Hajizadeh': a role, then the person
            return persons[-1]
        if persons:
            return persons[0]
        return max(ms, key=lambda m: (m.end - m.start, -m.start))

    def _cap_name(self, a: int, b: int, last: bool) -> str | None:
        """The first (or last) run of capitalised words in ``[a, b)``, titles stripped from its front."""
        lex = self.lex
        runs: list[list[str]] = []
        cur: list[str] = []
        for m in _NAME_TOKEN_RE.finditer(self.text, a, b):
            tok = m.group()
            low = tok.lower().strip(".")
            if tok[:1].isupper() and low not in _DAYS and low not in lex.indefinites:
                cur.append(tok)
            elif cur and low in _CONNECTORS:
                cur.append(tok)
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        good = []
        for run in runs:
            while run and run[-1].lower() in _CONNECTORS:
                run.pop()
            while run and run[0].lower().strip(".") in lex.title_words:
                run.pop(0)
            cut = max((i for i, w in enumerate(run[:-1]) if w.lower().strip(".") in _ORG_ABBREVIATIONS
                       or (i > 0 and w.lower().strip(".") in _RANKS_INSIDE)), default=-1)
            # 'Sentosa Corp. Rahmat Hidayat': the person after the company; 'Jawa Tengah Brigjen Pol Hadi
            # Santoso' (the office's region, then a rank): the person after the rank
            run = run[cut + 1 :]
            if run:
                good.append(run)
        if not good:
            return None
        return " ".join(good[-1] if last else good[0]).strip(".,")

    def _runs(self, a: int, b: int) -> list[list[tuple[int, int]]]:
        """Runs of capitalised words in ``[a, b)`` (connectors inside), as (start, end) tokens."""
        lex = self.lex
        runs: list[list[tuple[int, int]]] = []
        cur: list[tuple[int, int]] = []
        for m in _NAME_TOKEN_RE.finditer(self.text, a, b):
            tok = m.group()
            low = tok.lower().strip(".")
            if tok[:1].isupper() and low not in _DAYS and low not in lex.indefinites:
                cur.append((m.start(), m.end()))
            elif cur and low in _CONNECTORS:
                cur.append((m.start(), m.end()))
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        text = self.text
        for run in runs:
            while run and text[run[-1][0] : run[-1][1]].lower() in _CONNECTORS:
                run.pop()
        return [r for r in runs if r]

    def _tail_name(self, a: int, b: int) -> tuple[int, int, bool] | None:
        """The words of the last capitalised run after its last title or rank word (or a company's 'Corp.'):
        'juru bicara Armada AS Kapten Scott Miller' -> 'Scott Miller' (and whether a title came first)."""
        runs = self._runs(a, b)
        if not runs:
            return None
        run = runs[-1]
        text, titles = self.text, self.lex.title_words
        k = max((i for i, (s, e) in enumerate(run) if text[s:e].lower().strip(".") in titles
                 or (text[s:e].lower().strip(".") in _ORG_ABBREVIATIONS and i < len(run) - 1)), default=-1)
        rest = run[k + 1 :]
        if not rest:
            return None
        return rest[0][0], rest[-1][1], k >= 0

    def _covered(self, s: int, e: int, *, person_ok: bool) -> bool:
        """Does a mention (other than a person, when ``person_ok``) overlap ``[s, e)``?"""
        return any(not (person_ok and m.kind == "person") for m in self._mentions_over(s, e))

    def _named(self, m: Mention, a: int, b: int) -> dict[str, Any]:
        """The actor a speaker mention names: the body itself when the text names a seat of
        power ('Gedung Putih') or a body around a state's name ('Dewan Airprox Inggris')."""
        text = self.text
        surface = " ".join(text[m.start : m.end].split())
        if m.via == "metonym":
            return {"name": self.lex.bodies.get(surface.lower(), surface), "country": m.country}
        if m.kind == "state":
            for run in self._runs(a, b):
                if run[0][0] <= m.start and m.end <= run[-1][1] and (run[0][0], run[-1][1]) != (m.start, m.end):
                    words = [text[s:e] for s, e in run]
                    while words and words[0].lower().strip(".") in self.lex.title_words:
                        words.pop(0)
                    body = " ".join(words)
                    if len(words) >= 2 and body != surface:
                        return {"name": body, "country": m.country}
        return self._actor(m)

    def _appositive(self, e: int, le: int, *, past: bool = True) -> dict[str, Any] | None:
        """A name set off by commas after a role: 'kata Kepala Irkut, Ravil Khakimov, …'; the
        last of a chain ('Ketua Komite Pendidikan, Sains dan Teknologi Johor, Aminah Hassan,');
        past an acronym in brackets or a relative clause ('kata analis yang memimpin X, Oleg P.')."""
        text = self.text
        hi = min(le, e + _PHRASE_MAX)
        m = _PAREN_RE.match(text, e, hi)
        if m is not None:
            e = m.end()
        if _SEG_RE.match(text, e, hi) is None:
            # past a relative clause, a place or the rest of a body's name:
            # 'kata analis yang memimpin Aviaport.ru, X', 'kata pejabat di DAPA, X',
            # 'kata Kepala Seksi Pengawasan dan Penindakan Kantor Imigrasi Palu, X'
            c = text.find(",", e, min(hi, e + 100)) if past and _PAST_STOP_RE.match(text, e, hi) else -1
            if c < 0 or _SPAN_END_RE.search(text, e, c) is not None:
                return None
            if _AT_PLACE_RE.match(text, e, hi) and _DAY_AHEAD_RE.match(text, c, min(hi, c + 80)):
                return None  # 'di Gedung X, Bogor, Jawa Barat, Jumat': a place and a date, no name
            e = c
        best = None
        while True:
            m = _SEG_RE.match(text, e, hi)
            if m is None:
                break
            s, t = m.start("seg"), m.end("seg")
            words = text[s:t].split()
            if not words or not all(w[:1].isupper() or w[:1] == "(" or w.lower() in _CONNECTORS
                                    or w.lower() in ("dan", "&") for w in words):
                break  # the chain of capitalised segments ends
            if words[0].lower().strip(".,") in _DAYS:
                break  # 'Selasa (17/9)': the date, the names are over
            par = _SEG_PAREN_RE.search(text, s, t)
            after_par = None
            if par is not None and t - par.end() > 1 and len(text[par.end() : t].split()) <= 4 \
                    and not self._covered(par.end(), t, person_ok=True):
                # the last part of a body's name, its acronym, then the name: '…, dan Geofisika (BMKG) Budi'
                after_par = self._appos_name(par.end(), t)
                if after_par is not None:
                    best = after_par
            if after_par is None and len(words) <= 5 and "dan" not in (w.lower() for w in words):
                who = self._appos_name(s, t)
                if who is not None:
                    best = who
            e = t
            nxt = _SEG_CONT_RE.match(text, e, hi)
            if nxt is None:
                break
        return best

    def _appos_name(self, s: int, t: int) -> dict[str, Any] | None:
        # a rank before the name ('kata Kabid Humas Polda X, Kombes Pol Budi Santoso,'): the name after it
        toks = list(_NAME_TOKEN_RE.finditer(self.text, s, t))
        k = 0
        while k < len(toks) and toks[k].group().lower().strip(".") in self.lex.title_words:
            k += 1
        if 0 < k <= len(toks) - 2 or (0 < k == len(toks) - 1 and toks[k - 1].group().lower().strip(".") in _RANKS):
            s = toks[k].start()  # one word left is a name only after a rank ('Kombes Pol Yusuf', not 'Ketua Komisi')
        words = self.text[s:t].strip(".").split()
        if not words or any(w.lower().strip(".,") in _DAYS or w.lower().strip(".") in self.lex.title_words
                            for w in words):
            return None
        ms = self._mentions_over(s, t)
        persons = [x for x in ms if x.kind == "person"]
        if persons:
            return self._actor(persons[0])
        if any(x.kind not in ("organization",) and (x.start, x.end) == (s, t) for x in ms):
            return None  # a place or a state on its own: 'kata X di Gawalise, Sulawesi Tengah'
        if ms and ms[0].kind == "organization" and (ms[0].start, ms[0].end) == (s, t):
            return self._actor(ms[0])
        return {"name": " ".join(words), "country": ms[0].country if ms else None}

    def _phrase(self, a: int, b: int, *, subject: bool,
                le: int | None = None) -> tuple[str, dict[str, Any] | None, str | None]:
        """Resolve a speaker phrase to (kind, actor, mention kind); kind is
        named | pronoun ("dia") | anaphor ("juru bicara itu") | statement ("pernyataan itu") | none.
        ``le`` (the line end) lets a phrase after a cue look past its stop word: a demonstrative
        ending the clause ('ujar pria 28 tahun itu') or a name in apposition."""
        text, lex = self.text, self.lex
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not (text[b - 1].isalnum() or text[b - 1] in ".)"):
            b -= 1
        if a >= b:
            return "none", None, None
        toks = text[a:b].lower().split()
        while toks and toks[-1] in _FILLERS:
            toks.pop()
        if not toks:
            return "none", None, None
        if toks[0] in lex.pronouns or (len(toks) == 1 and toks[0].endswith("nya") and toks[0] in lex.after_cues):
            # 'kata dia'; 'kata paparnya': a second cue with the pronoun suffix, no name
            return "pronoun", None, None
        if toks[0] in lex.statement_nouns and le is not None:
            return self._statement(a, le)
        m = self._pick_mention(a, b)
        real = m is not None and m.kind == "person" and not m.key.startswith("office:")
        runs = self._runs(a, b)
        own: str | None = None
        if not subject and runs and (m is None or runs[0][-1][1] <= m.start):
            # a name first, with no title before it and unknown to the gazetteer:
            # 'tulis Peter Schoof disertai foto Habibie', 'kata Hua mengutip Channel New Asia'
            r0 = runs[0]
            if r0[0][0] == a and text[r0[0][0] : r0[0][1]].lower().strip(".") not in lex.title_words \
                    and not self._covered(r0[0][0], r0[-1][1], person_ok=True):
                own = " ".join(text[x:y] for x, y in r0).strip(".,")
        if own is not None and le is not None and len(runs[0]) == 1 and self._ends_anaphoric(a, le) and \
                self._lower_elsewhere(own):
            return "anaphor", None, None  # 'tutur Legislator asal NTB ini': a description of the last speaker
        if own is not None:
            if le is not None and any(x.kind != "person" and x.start >= runs[0][-1][1] for x in self._mentions_over(a, b)):
                # a role that names its body, then the name set off by a comma: 'kata Dantim Alfa 12
                # Basarnas Riau, Budi di Pekanbaru' (the first capitalised words are the role)
                ap = self._appositive(b, le)
                if ap is not None:
                    return "named", ap, "person"
            return "named", {"name": own, "country": None}, None
        if le is not None and (not real or (m is not None and m.via == "title")):
            # a phrase that already ends in a name does not look past a place for another:
            # 'kata Juru Bicara KPK X di Gedung KPK, Jakarta, Rabu' (the place is no apposition)
            at_place = _AT_PLACE_RE.match(text, b, le) is not None
            ap = self._appositive(b, le, past=not (at_place and self._ends_in_name(a, b, m if real else None)))
            # a person the title alone made ('Ketua Komite Pendidikan') yields to a full name after it
            if ap is not None and (not real or ap["name"] != self._actor(m)["name"]):
                return "named", ap, "person"
        if not real and toks[0].strip(".,") in lex.title_words:
            # a title with no name ('tegas Panglima TNI', 'kata Kapolri'): the person the text named
            # with that title before ('Panglima TNI Marsekal X')
            holder = self._title_holder(a, b)
            if holder is not None:
                return "named", holder, "person"
        # 'ujar Kabag Ops Polres X AKBP Budi Santoso pada saat itu': a name, not 'pria itu'
        anaphoric = not real and (toks[-1] in lex.anaphors or (
            le is not None and self._ends_anaphoric(a, le) and not self._ends_in_name(a, b, None)))
        if anaphoric:
            return "anaphor", None, None  # 'imbuh pemimpin Malaysia tersebut'
        if all(t.strip(".,") in lex.title_words for t in toks):
            # 'kata Perdana Menteri': the last speaker; the title's words when no one spoke before
            return "anaphor", {"name": " ".join(text[a:b].split()).strip(".,"), "country": None}, None
        tail = self._tail_name(a, b)
        if m is not None:
            if toks[0] in lex.indefinites and m.kind == "person" and m.via == "tenure":
                # "seorang juru bicara Kemlu AS": a spokesperson, not the office holder the role names
                return "named", {"name": " ".join(text[a:b].split()[1:]), "country": m.country}, "role"
            if tail is not None and tail[1] > m.end and (not real or tail[2]):
                s0 = max([tail[0], m.end] + [x.end for x in self._mentions_over(tail[0], tail[1]) if x.end < tail[1]])
                nm = self._name_from(s0, tail[1]) if not real or s0 >= m.end else None
                if nm and not self._covered(s0, tail[1], person_ok=False):
                    # a name after the role's mention: 'juru bicara Armada AS Kapten Scott Miller',
                    # 'kata analis Rand Corp. Timothy Heath'
                    return "named", {"name": nm, "country": m.country}, None
            inside_word = m.start > 0 and (text[m.start - 1].isalnum() or text[m.start - 1] == "-")
            if real and (m.via in ("coref", "fuzzy") or inside_word):
                whole = self._run_around(m, a, b)
                if whole is not None:
                    return "named", {"name": whole, "country": None}, None
            if m.key.startswith("office:"):
                # an office with no holder named: the words of the text ('Sekretaris Pers Gedung Putih')
                return "named", {"name": " ".join(text[m.start : m.end].split()), "country": m.country}, "role"
            return "named", self._named(m, a, b), m.kind
        name = self._cap_name(a, b, last=subject)
        if name:
            return "named", {"name": name, "country": None}, None
        if toks[0] in lex.statement_nouns:
            return "statement", None, None
        if subject or len(toks) > 4:
            return "none", None, None
        return "named", {"name": " ".join(toks), "country": None}, None  # "kata seorang pejabat"

    def _title_holder(self, a: int, b: int) -> dict[str, Any] | None:
        """The person named earlier with the title that opens ``[a, b)`` and no name of its own:
        'Panglima TNI' -> 'Panglima TNI Marsekal Budi Santoso' before it (ranks between), or a person
        mention that holds the whole title ('Menteri Keuangan Sri Rahayu'); else the first one after."""
        text, lex = self.text, self.lex
        runs = self._runs(a, b)
        if not runs or runs[0][0][0] != a:
            return None
        run = runs[0]
        for s, e in run:
            w = text[s:e].strip(".,")
            if w.lower() not in lex.title_words and not (len(w) >= 2 and w.isupper()) \
                    and not self._covered(s, e, person_ok=False):
                return None  # a word that is neither a title nor a body: a name, not a bare title
        words = [text[s:e].strip(".,") for s, e in run]
        rx = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])")
        before = list(rx.finditer(text, max(0, a - _LOOKBACK), a))[-8:]
        after = list(rx.finditer(text, b, min(len(text), b + _LOOKBACK)))[:8] if not before else []
        for h in before[::-1] + after:  # the last one before, else the first one after
            if h.start() == a:
                continue
            for m in self._mentions_over(h.start(), h.end() + 60):
                if m.kind != "person" or m.key.startswith("office:") or m.end <= h.start():
                    continue
                gap = text[h.end() : m.start] if m.start >= h.end() else ""
                if all(w[:1].isupper() or w[:1] == "(" for w in gap.replace(",", " ").split()):
                    return self._actor(m)
                break
        return None

    def _ends_in_name(self, a: int, b: int, m: Mention | None) -> bool:
        """Does the phrase ``[a, b)`` end in a person's name: the name of the person mention ``m``
        read in its words, or (no person known) a capitalised word no mention or title covers?"""
        text, titles = self.text, self.lex.title_words
        if m is not None:
            # a name the title alone made is one word of a body ('Ketua Fraksi'): a given name has two
            words = {w.lower() for w in _NAME_TOKEN_RE.findall(text, m.start, m.end)}
            name = [w for w in m.name.split() if len(w) > 1 and w.lower() in words and w.lower() not in titles]
            return len(name) >= (2 if m.via == "title" else 1)
        runs = self._runs(a, b)
        if not runs:
            return False
        # the words after the run's last title and last mention: 'Penasihat KPK Rahmat Saputra' ends
        # in a name, 'Ketua Fraksi Gerindra' and 'Direktur Klinik' in a body
        run = runs[-1]
        ends = [x.end for x in self._mentions_over(run[0][0], run[-1][1])]
        cut = max(ends, default=-1)
        rest = [(s, e) for s, e in run if s >= cut]
        k = max((i for i, (s, e) in enumerate(rest) if text[s:e].lower().strip(".") in titles), default=-1)
        return len(rest) - k - 1 >= 2 and (k >= 0 or len(rest) < len(run))

    def _run_around(self, m: Mention, a: int, b: int) -> str | None:
        """A longer name around a person mention linked by a part of it ('John Smith' read as
        'John', 'Malone-Brown' as 'Brown'): the whole name, when no other mention is in it."""
        for run in self._runs(a, b):
            s, e = run[0][0], run[-1][1]
            if s <= m.start and m.end <= e and (s, e) != (m.start, m.end):
                words = [self.text[x:y] for x, y in run]
                while words and words[0].lower().strip(".") in self.lex.title_words:
                    words.pop(0)
                name = " ".join(words).strip(".,")
                inside = [x for x in self._mentions_over(s, e) if x is not m]
                surface = " ".join(self.text[m.start : m.end].split())
                if not inside and name != surface and len(name) > len(surface):
                    return name
        return None

    def _name_from(self, s: int, e: int) -> str | None:
        """The capitalised words in ``[s, e)`` with leading titles and punctuation dropped."""
        words = [w.strip(".,") for w in self.text[s:e].split()]
        words = [w for w in words if w]
        while words and words[0].lower() in self.lex.title_words:
            words.pop(0)
        if not words or not all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words):
            return None
        return " ".join(words)

    def _statement(self, a: int, le: int) -> tuple[str, dict[str, Any] | None, str | None]:
        """'bunyi pernyataan dari Komando X', 'kata laporan badan investigasi', 'tutup
        keterangan tersebut': the issuer when the phrase names one, else kind "statement"."""
        m = self.lex.statement_re.match(self.text, a, le)
        if m is None:
            return "statement", None, None
        s = m.end()
        stop = self.lex.stop_re.search(self.text, s, min(le, s + _PHRASE_MAX))
        e = stop.start() if stop else min(le, s + _PHRASE_MAX)
        toks = self.text[s:e].lower().split()
        if not toks or toks[0] in self.lex.anaphors or toks[0] in self.lex.statement_nouns:
            return "statement", None, None
        kind, who, mk = self._phrase(s, e, subject=False, le=le)
        if kind == "pronoun" or (kind == "named" and who is not None and (mk is not None or who["name"][:1].isupper())):
            return kind, who, mk
        return "statement", None, None

    def _phrase_end(self, a: int, hi: int) -> int:
        """Where a speaker phrase after a cue ends: at a stop word or mark, but past an acronym in
        brackets ('Chief Executive Officer (CEO) BA Alex Cruz') and past "dan" joining the parts of
        a body's name ('Direktur Perlindungan WNI dan Badan Hukum Indonesia Kemlu X')."""
        text, lex = self.text, self.lex
        pos = a
        for _ in range(4):
            stop = lex.stop_re.search(text, pos, hi)
            if stop is None:
                return hi
            st = stop.start()
            word = stop.group().lower()
            if word == ".":
                prev = _LAST_TOKEN_RE.search(text, max(a, st - 12), st)
                if prev is not None and ((prev.group().lower() in lex.title_words and len(prev.group()) <= 4)
                                         or len(prev.group()) == 1 or prev.group().lower() in _ORG_ABBREVIATIONS) \
                        and _NEXT_CAP_RE.match(text, st + 1, hi):
                    pos = st + 1  # an abbreviation's full stop: 'kata Plt. Direktur X', 'kata Prof. Budi'
                    continue
            if word == "(":
                p = _PAREN_RE.match(text, st, hi)
                if p is not None and _NEXT_CAP_RE.match(text, p.end(), hi):
                    pos = p.end()
                    continue
            elif word in ("dan", "serta") and _NEXT_CAP_RE.match(text, stop.end(), hi) \
                    and not any(m.kind == "person" for m in self._mentions_over(a, st)) \
                    and _CAP_RE.search(text, a, st) is not None:
                pos = stop.end()
                continue
            elif word in ("dan", "serta") and _CAP_RE.search(text, a, st) is None \
                    and _ROLE_THEN_NAME_RE.match(text, stop.end(), hi):
                pos = stop.end()  # two roles of one person: 'kata sopir ambulans dan paramedis Joseph Laylo'
                continue
            return st
        return pos

    def _addressee(self, a: int, b: int) -> dict[str, Any] | None:
        m = self.lex.addressee_re.search(self.text, a, b)
        if m is None:
            return None
        s = m.end()
        stop = self.lex.stop_re.search(self.text, s, min(b, s + _PHRASE_MAX))
        e = stop.start() if stop else min(b, s + _PHRASE_MAX)
        phrase = self.text[s:e].strip().lower()
        if not phrase:
            return None
        mention = self._pick_mention(s, e)
        if mention is not None:
            return self._actor(mention)
        if phrase in self.lex.generic_addressees:
            return None
        name = self._cap_name(s, e, last=False)
        return {"name": name, "country": None} if name else None

    def _sentence_end(self, a: int, le: int) -> int:
        m = _SENT_END_RE.search(self.text, a, min(le, a + 300))
        e = m.start() if m else min(le, a + 300)
        q = _MARK_RE.search(self.text, a, e)
        return q.start() if q else e

    def _sentence_start(self, lo: int, p: int) -> int:
        s = lo
        for m in _SENT_END_RE.finditer(self.text, lo, p):
            s = m.end()
        return s

    def _subject(self, ss: int, vs: int, depth: int = 0) -> tuple[str, dict[str, Any] | None, str | None]:
        """The subject of a speech verb at ``vs`` in the sentence starting at ``ss``."""
        text = self.text
        seg = max(ss, text.rfind(",", ss, vs) + 1)
        lead = _LEAD_WORD_RE.match(text, seg, vs)
        if lead is not None and lead.group(1).lower() in self.lex.leading_connectives:
            seg = lead.end()  # 'Namun Rudi mengaku': the subject after the connective
        toks = text[seg:vs].lower().split()
        if "bahwa" in toks:
            return "none", None, None  # the verb reports inside someone else's report
        end = seg - 1
        limit = 6
        for _ in range(3 if not toks else 0):
            # 'Wakil Menlu Malaysia, Marzuki Yahya, mengatakan': the name set off before the verb;
            # 'Trump, menurut pernyataan Gedung Putih, menyebut': past a parenthetical source;
            # 'X, kepada kantor berita AFP, mengatakan': past the one told
            if end <= ss:
                break
            prev = max(ss, text.rfind(",", ss, end) + 1)
            words = text[prev:end].lower().split()
            if not 0 < len(words) <= limit:
                break
            if words[0] in _PARENTHETICAL:
                end = prev - 1
                limit = _SUBJECT_MAX  # the subject before a parenthetical is a whole clause start
                continue
            kind, who, mk = self._phrase(prev, end, subject=True)
            if kind != "none":
                return kind, who, mk
            break
        if all(t in _CONJ or t in _FILLERS for t in toks):
            # 'X mengutuk …, (dan) mengatakan …': the subject of the sentence's first verb
            if depth == 0:
                first = self.lex.verb_re.search(text, ss, seg)
                if first is not None:
                    return self._subject(ss, first.start(), 1)
            return "none", None, None
        rel = _SUBJECT_RELATIVE_RE.search(text, seg, vs)
        if rel is not None:
            # 'Eddy yang merupakan mantan Duta Besar … untuk Jerman menuturkan': the name before the relative clause
            head = text[seg : rel.start()].split()
            if head and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in head) and \
                    head[0].lower().strip(".") not in self.lex.title_words and not self._common(head, seg, rel.start()):
                kind, who, mk = self._phrase(seg, rel.start(), subject=True)
                if kind == "named":
                    return kind, who, mk
        cut = _SUBJECT_PREP_RE.search(text, seg, vs)
        if cut is not None and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in text[seg : cut.start()].split()) \
                and len(text[seg : cut.start()].split()) >= 2:
            # 'Hoa Nghiem dari Human Rights Space di Hanoi menulis': the name before its place or body
            kind, who, mk = self._phrase(seg, cut.start(), subject=True)
            if kind == "named":
                return kind, who, mk
        if len(toks) > _SUBJECT_MAX:
            if depth == 0 and toks[-1] in _CONJ:
                # 'X membantah … dan mengatakan …': the subject of the verb the "dan" joins it to
                first = self.lex.verb_re.search(text, seg, vs)
                if first is not None:
                    return self._subject(ss, first.start(), 1)
            return "none", None, None
        return self._phrase(seg, vs, subject=True)

    def _common(self, head: list[str], s: int, e: int) -> bool:
        """Is a capitalised word before "yang" a common noun ('Pria yang …', 'Sumber yang dekat dengan …')
        rather than a name ('Eddy yang …')? A name is a person mention, two capitalised words, or a word the
        text also writes inside a longer name ('Eddy Pratomo'); a word it also writes in lower case is common."""
        if any(m.kind == "person" for m in self._mentions_over(s, e)):
            return False
        if len(head) >= 2:
            return False
        word = head[0].strip(".,")
        got = self._common_words.get(word)
        if got is None:  # two scans of the text, once per word of the article
            w = re.escape(word)
            got = not w or re.search(r"(?<![\w-])" + w.lower() + r"(?![\w-])", self.text) is not None or \
                re.search(r"(?<![\w-])" + w + r"[ \t]+[A-Z]|[A-Z][\w.-]*[ \t]+" + w + r"(?![\w-])", self.text) is None
            self._common_words[word] = got
        return got

    def _lower_elsewhere(self, word: str) -> bool:
        """Does the text also write this capitalised word in lower case (a common noun: 'Legislator … ini')?"""
        w = re.escape(word.strip(".,").lower())
        return bool(w) and re.search(r"(?<![\w-])" + w + r"(?![\w-])", self.text) is not None

    def _relative(self, v: int) -> bool:
        """'… yang menyampaikan …': a verb in a relative clause has no subject of its own."""
        return _RELATIVE_RE.search(self.text, max(0, v - 12), v) is not None

    # ---- pass 2: attribution -------------------------------------------------
    def _after(self, c: _Cand, le: int) -> _Attr | None:
        lex, text = self.lex, self.text
        pos = c.close + 1
        m = lex.after_re.match(text, pos, le)
        if m is not None:
            g = "cue" if m.group("cue") else "acc" if m.group("acc") else "sum"
            cue, cs, ce = m.group(g).lower(), m.start(g), m.end()
            send = self._sentence_end(ce, le)
            if m.group("cue") and cue.endswith("nya") and cue in lex.after_cues:
                return _Attr("pronoun", None, self._addressee(ce, send), cue, cs, True)
            pe = self._phrase_end(ce, min(le, ce + _PHRASE_MAX))
            if text[ce:pe].lower().split()[:1] and text[ce:pe].lower().split()[0] in lex.not_speakers:
                return None
            kind, who, mk = self._phrase(ce, pe, subject=False, le=le)
            if g == "sum" and kind == "named" and mk is None and who is not None and not who["name"][:1].isupper():
                kind = "none"  # 'demikian terjemahan cuitan …': no speaker named after the summing word
            if kind == "none":
                return None
            return _Attr(kind, who, self._addressee(pe, send), cue, cs, True, mk)
        m = lex.source_re.match(text, pos, le)
        if m is not None:
            return _Attr("anaphor", None, None, "dikutip", pos, True)
        m = lex.after_subject_re.match(text, pos, le)
        if m is not None:
            comma = text[c.close - 1 : c.close] == "," or text[pos : pos + 1] == ","
            if comma or _ATTR_TAIL_RE.match(text, m.end(), le):
                kind, who, mk = self._phrase(m.start("subj"), m.end("subj"), subject=True)
                if kind != "none":
                    send = self._sentence_end(m.end(), le)
                    return _Attr(kind, who, self._addressee(m.end(), send), m.group("verb").lower(),
                                 m.start("verb"), True, mk)
        return None

    def _ends_anaphoric(self, a: int, le: int) -> bool:
        """Does the clause from ``a`` to the next comma end in "ini" / "itu" / "tersebut"?"""
        hi = min(le, a + 100)
        pos = a
        while (m := _CLAUSE_END_RE.search(self.text, pos, hi)) is not None and m.group() in "\"“":
            title = _QUOTED_TITLE_RE.match(self.text, m.start(), hi)  # 'pelantun "Lagu Cinta" tersebut'
            if title is None:
                break
            pos = title.end()
        words = self.text[a : m.start() if m else hi].lower().split()
        return bool(words) and words[-1] in self.lex.anaphors

    def _before(self, c: _Cand, lo: int) -> tuple[_Attr | None, bool]:
        """Attribution in the sentence before the quote, and whether the quote opens its
        sentence (a bare quote)."""
        lex, text = self.lex, self.text
        ss = self._sentence_start(lo, c.open)
        stripped = text[ss : c.open].rstrip()
        if not stripped.strip(" ,;:–—-"):
            return None, True
        lw = _LAST_WORD_RE.search(stripped, max(0, len(stripped) - 40))
        if lw is not None and lw.group(1).lower() in lex.title_cues:
            return _Attr("title", None, None, None, ss, False), False
        # 'Kata Xi: "…"', ', kata Xi, "…"' (second piece of a split quote), 'Menurut X, "…"'
        m = lex.lead_cue_re.match(text, ss, c.open)
        if m is not None:
            cue = (m.group("cue") or m.group("acc")).lower()
            ce = m.end()
            if m.group("cue") and cue.endswith("nya") and cue in lex.after_cues:
                return _Attr("pronoun", None, self._addressee(ce, c.open), cue, m.start(), False), False
            pe = self._phrase_end(ce, c.open)
            kind, who, mk = self._phrase(ce, pe, subject=False, le=c.open)
            if m.group("acc") and lex.verb_re.search(text, pe, c.open) is not None:
                kind = "none"  # 'Menurut unggahan X, Y mengatakan, "…"': the verb's subject speaks
            if kind != "none":
                return _Attr(kind, who, self._addressee(pe, c.open), cue, m.start(), False, mk), False
        # the sentence's first speech verb: 'X mengatakan, "…"', 'X menilai Y "…"',
        # 'X mengatakan bahwa Y mendesak Z untuk "…"' (X reports)
        for v in lex.verb_re.finditer(text, ss, c.open):
            if self._relative(v.start()):
                continue
            kind, who, mk = self._subject(ss, v.start())
            if kind != "none":
                return _Attr(kind, who, self._addressee(v.end(), c.open), v.group().lower(),
                             v.start(), False, mk), False
        # 'Lavrov: "…"'
        if stripped.endswith(":"):
            colon = ss + len(stripped) - 1
            if len(text[ss:colon].split()) <= _SUBJECT_MAX:
                kind, who, mk = self._phrase(ss, colon, subject=True)
                if kind != "none":
                    return _Attr(kind, who, None, ":", ss, False, mk), False
        return None, False

    # ---- pass 3: resolution ------------------------------------------------
    def quotes(self) -> list[Quote]:
        cands = self._candidates()
        if not cands:
            return []
        text = self.text
        attrs: list[_Attr | None] = []
        bare: list[bool] = []
        keep: list[bool] = []
        prev_in_line: dict[int, int] = {}  # line -> index of its last candidate
        for i, c in enumerate(cands):
            ls, le = self.lines[c.line]
            prev = prev_in_line.get(c.line, -1)
            prev_in_line[c.line] = i
            lo = max(ls, cands[prev].close + 1 if prev >= 0 else ls, c.open - _PREFIX_WINDOW)
            ok = self._words(c.start, c.end, self.min_words) >= self.min_words
            keep.append(ok)
            attrs.append(None)
            bare.append(False)
            if not ok:
                continue
            after = self._after(c, le) if c.closed else None
            before, is_bare = self._before(c, lo)
            if before is not None and before.kind == "title":
                attrs[i] = after
                continue
            if after is None and self._title_like(c.start, c.end):
                keep[i] = False
                continue
            if before is None and not is_bare and prev >= 0 and attrs[prev] is not None \
                    and _SENT_END_RE.search(text, lo, c.open) is None:
                before = attrs[prev]  # 'X mengatakan "…" dan "…"': the same sentence, the same speaker
            best = after if after is not None and after.kind == "named" else None
            if best is None and before is not None and before.kind == "named":
                best = before
            attrs[i] = best or after or before
            bare[i] = is_bare

        chain_attr: dict[int, int] = {}
        for i, c in enumerate(cands):
            if c.chain >= 0 and keep[i] and attrs[i] is not None and c.chain not in chain_attr:
                chain_attr[c.chain] = i

        out: list[Quote] = []
        said: list[tuple[int, dict[str, Any]]] = []  # (position, speaker) of resolved quotes
        last_close = -1
        for i, c in enumerate(cands):
            if not keep[i]:
                continue
            a = attrs[i]
            if a is None and c.chain >= 0 and c.chain in chain_attr:
                a = attrs[chain_attr[c.chain]]
            speaker: dict[str, Any] | None = None
            addressee: dict[str, Any] | None = None
            cue: str | None = None
            if a is not None:
                addressee, cue = a.addressee, a.cue
                if a.kind == "named":
                    speaker = a.speaker
                else:
                    speaker = self._last_speaker(c.open, last_close, said, kind=a.kind) or a.speaker
            elif bare[i]:
                speaker = self._continued(c, last_close, said)
                cue = "continued" if speaker else None
            last_close = max(last_close, c.close)
            if speaker is None:
                continue
            said.append((c.open, speaker))
            out.append(Quote(text=self.doc.text[c.start : c.end], span=(c.start, c.end), speaker=speaker,
                             addressee=addressee, cue=cue))
        return out

    def _events(self, lo: int, hi: int, *, reporting: bool) -> list[tuple[int, str, dict[str, Any] | None, str | None]]:
        """Reported speech in ``[lo, hi)``: the first speech verb of each sentence with a subject
        (and, unless ``reporting``, stance verbs and "menurut X,"), as (position, kind, actor, mention kind)."""
        if hi <= lo:
            return []
        text, lex = self.text, self.lex
        out: list[tuple[int, str, dict[str, Any] | None, str | None]] = []
        seen: set[int] = set()
        rx = lex.report_re if reporting else lex.verb_re
        for v in rx.finditer(text, lo, hi):
            if self._relative(v.start()):
                continue
            ss = self._sentence_start(max(lo, v.start() - _PREFIX_WINDOW), v.start())
            if ss in seen:
                continue
            kind, who, mk = self._subject(ss, v.start())
            if kind != "none":
                seen.add(ss)
                out.append((v.start(), kind, who, mk))
        for m in lex.passive_re.finditer(text, lo, hi):
            if _PASSIVE_RELATIVE_RE.search(text, max(lo, m.start() - 20), m.start()):
                continue  # 'klaim yang pernah diutarakan X': what X said is the object, not a report
            pe = self._phrase_end(m.end(), min(hi, m.end() + _PHRASE_MAX))
            kind, who, mk = self._phrase(m.end(), pe, subject=False, le=min(hi, m.end() + _PHRASE_MAX))
            if kind == "named":
                out.append((m.start(), kind, who, mk))
        if not reporting:
            for m in lex.inline_re.finditer(text, lo, hi):
                kind, who, mk = self._phrase(m.start("who"), m.end("who"), subject=False)
                if kind == "named":
                    out.append((m.start(), kind, who, mk))
            for m in lex.according_re.finditer(text, lo, hi):
                kind, who, mk = self._phrase(m.start("who"), m.end("who"), subject=True)
                if kind != "none":
                    out.append((m.start(), kind, who, mk))
        out.sort(key=lambda e: e[0])
        return out

    def _last_person(self, pos: int) -> dict[str, Any] | None:
        """The last person mentioned before ``pos``; in that sentence the first one (its subject,
        more likely than an object: "Wang bertemu Lavrov. "…," katanya")."""
        hi = bisect_left(self.m_starts, pos)
        window = self.mentions[max(0, hi - 200) : hi]
        last = next((k for k in range(len(window) - 1, -1, -1)
                     if window[k].kind == "person" and window[k].end <= pos and not self._object(window[k].start)), -1)
        if last < 0:
            return None
        ss = self._sentence_start(max(0, window[last].start - _PREFIX_WINDOW), window[last].start)
        first = next(m for m in window if m.kind == "person" and m.start >= ss and not self._object(m.start))
        return self._actor(first)

    def _object(self, start: int) -> bool:
        """Is the mention at ``start`` the object of a preposition ("untuk Presiden Rusia, Vladimir Putin")?"""
        m = _OBJECT_RE.search(self.text, max(0, start - 60), start)
        return m is not None

    def _last_speaker(self, pos: int, last_close: int, said: list[tuple[int, dict[str, Any]]],
                      *, kind: str = "pronoun") -> dict[str, Any] | None:
        """Who "katanya" / "dia" / "juru bicara itu" / "pernyataan itu" is: the last named speaker
        (EVENTS.md §8) — a person reported as speaking since the last quote, directly or indirectly
        ("X mengatakan …", "menurut X", "X menilai …", ", papar X,"), else the last quote's speaker,
        else the last person mentioned.  A statement goes to whoever was last reported speaking,
        a body as well as a person."""
        lo = max(last_close + 1, pos - _LOOKBACK, 0)
        reported = self._events(lo, pos, reporting=True)
        if said and reported and reported[-1][1] == "anaphor":
            return said[-1][1]  # 'Politikus partai itu mengungkapkan …': the one quoted last goes on
        events = [e for e in reported if e[1] == "named"]
        if not events and kind == "anaphor" and said:
            return said[-1][1]  # 'kata juru bicara itu': the one quoted last, unless a report came since
        if not events:
            # only stance and appeal ("X menilai …", ", papar X,"): the person reported last; a
            # body's stance ("Malaysia mengakui …") does not take "katanya" from the last quote's speaker
            events = [e for e in self._events(lo, pos, reporting=False) if e[1] == "named"]
            if kind == "pronoun" and said and not any(e[3] in ("person", None) for e in events):
                events = []
        if events:
            if kind == "statement":
                return events[-1][2]
            persons = [e for e in events if e[3] in ("person", None)]  # an unknown name is most often a person
            return (persons or events)[-1][2]
        if said:
            return said[-1][1]
        return self._last_person(pos)

    def _continued(self, c: _Cand, last_close: int, said: list[tuple[int, dict[str, Any]]]) -> dict[str, Any] | None:
        """A bare quote continues the speaker of its own or the previous paragraph."""
        region = self.lines[c.line - 1][0] if c.line > 0 else self.lines[0][0]
        best_pos, best = -1, None
        if said and said[-1][0] >= region:
            best_pos, best = said[-1]
        events = self._events(max(region, last_close + 1), c.open, reporting=False)
        if events and events[-1][0] > best_pos:
            pos, kind, who, _ = events[-1]
            best = who if kind == "named" else self._last_speaker(pos, -1, [s for s in said if s[0] < pos],
                                                                   kind=kind)
        return best
