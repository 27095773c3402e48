"""ActorsStep: find and link the actors of an article.

One Aho-Corasick pass per body paragraph over a case-folded copy finds every gazetteer surface (states,
capitals and seats, IGOs, bodies, groups, role phrases, leaders). The hits are then composed left to
right:

1. a body head and the state after it make one body ("Kementerian Luar Negeri" + "China");
2. a role phrase, an optional state/body, and an optional name make one person or office
   ("Menteri Luar Negeri" + "China" + "Qin Gang"; "Menlu" + "Belarus"; "Presiden" + "Joko Widodo");
3. what is left stands alone (a capital only in actor position).

Persons are then resolved for the article as a whole: leaders table (with tenure at the publication
date), earlier persons of the same article (surname / first name / initial), fuzzy spelling; an office
with no name is resolved by tenure ("Menlu China" in 2023-03 = Qin Gang). A last pass links later bare
mentions of known persons' names ("Qin", "Aleinik").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from warta.document import Document, Mention

from .gazetteer import Entry, Gazetteer, get_gazetteer
from .leaders import date_bounds, fold, slug

_PAREN = re.compile(r"\s*\(([^()\n]{1,40})\)")
_GAP = re.compile(r"[ \t\u00a0]+(?:of\s+(?:the\s+)?)?")
_POSSESSIVE = re.compile(r"['’]s[ \t\u00a0]+$")
_REGIONS = [
    re.compile(r"[ \t\u00a0]+(?:Republik|Negara Bagian|Provinsi|Wilayah Otonom|Oblast)(?:[ \t\u00a0]+[A-Z][\w'\-]+)" + n)
    for n in ("{1}", "{2}")
]
_RANK_RUN = re.compile(r"(?:[ \t\u00a0]+[A-Z][\w.'\-]*){1,6}")
_UNTUK = re.compile(r"[ \t\u00a0]+(?:untuk|di|to)[ \t\u00a0]+")
_NAME_LEAD = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*)?")
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?\.?")
_CAPWORD = re.compile(r"(?<![\w\-])[^\W\d_][\w'’\-]*[^\W_]")
# The words of _CAPWORD that can pass _coref's first test (an upper-case first letter, or "al-"/"el-" before
# one): the pattern opens with a character set (A-Z, any non-ASCII character, or a lower-case "a"/"e" before
# "l-"), so ``re`` jumps over every other position; the look-behinds then ask what _CAPWORD's do. A word that
# starts after an apostrophe inside a longer word ("abc'Def") is no _CAPWORD word: _capword_start drops it.
_CAPWORD_CAND = re.compile(r"[A-Zae\u0080-\U0010ffff](?:(?<![ae])|(?=[lL]-))(?<=[^\W\d_])(?<![\w\-].)[\w'’\-]*[^\W_]")
_WORD_CHAR = re.compile(r"[\w'’\-]")
_YEAR_AFTER = re.compile(r"[ \t\u00a0]+(?:19|20)\d\d\b")
_NEXT_CAP = re.compile(r"[ \t\u00a0]+([A-Z][\w'\-]+)")
_PREV_WORDS = re.compile(r"[\w'’\-]+")
_DATELINE_AFTER = re.compile(r"[ \t\u00a0]*[,(:\-–—]")
_ALIAS_PAREN = re.compile(r"[ \t\u00a0]*\(([A-Z][\w'\-]*(?:[ \t\u00a0][A-Z][\w'\-]*)?)\)")

_ALONE = ("state", "metonym", "igo", "group", "org")
_CONTEXT = ("state", "metonym", "igo", "group", "org", "body")


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    type: str  # state | metonym | igo | group | org | body | person | role | head | block
    entry: Entry
    country: str | None = None
    key: str = ""
    name: str = ""
    kind: str = "state"
    sector: str | None = None
    para: int = 0
    used: bool = False


@dataclass(slots=True)
class _PersonCand:
    start: int
    end: int
    name: str | None  # None = an office without a name ("Menlu China")
    known: str | None = None  # person key from the leaders table
    role: Entry | None = None
    ctx_country: str | None = None
    ctx_body: _Unit | None = None
    not_current: bool = False
    alias: str | None = None
    weak: bool = False  # known only by a leader's surname: an earlier person of the article wins
    support: bool = False  # a bare surname with a political cue nearby (see ActorsStep._political_support)


@dataclass
class _Cluster:
    key: str
    name: str
    country: str | None
    role: str | None
    sector: str | None
    tokens: set[str] = field(default_factory=set)
    via: str = "title"
    kind: str = "person"


def _body_slug(e: Entry) -> str:
    t = (e.template or e.name).replace(" of {country}", "").replace("{country} ", "")
    return slug(t)


def _capword_start(text: str, p: int, s: int, e: int) -> bool:
    """Whether ``_CAPWORD.finditer(text, s, e)`` has a word starting at ``p`` (a word start after an apostrophe)."""
    if p <= s:
        return True
    r = p - 1
    while r > s and _WORD_CHAR.match(text, r - 1):
        r -= 1
    m = _CAPWORD.search(text, r, e)
    return m is not None and m.start() == p


def _mid_sentence(text: str, pos: int) -> bool:
    """The word at pos follows a lower-case word or a comma within its sentence."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and (text[i].islower() or text[i] == ",")


class _GovIndex:
    """The government bodies (state, GOV sector) among a paragraph's units, for "which foreign governments are
    named between a position and unit i" in O(log n): a backward scan per title made a long paragraph
    without sentence ends quadratic."""

    __slots__ = ("starts", "pos", "countries", "prev_diff")

    def __init__(self, units: list[_Unit]) -> None:
        self.starts = [u.start for u in units]  # sorted: units do not overlap
        self.pos: list[int] = []  # unit indices of the bodies
        self.countries: list[str] = []
        self.prev_diff: list[int] = []  # per body, the nearest earlier body of another country (-1: none)
        for j, v in enumerate(units):
            if v.country and v.type == "body" and v.sector == "GOV":
                k = len(self.pos)
                pd = -1 if k == 0 else (k - 1 if self.countries[-1] != v.country else self.prev_diff[-1])
                self.pos.append(j)
                self.countries.append(v.country)
                self.prev_diff.append(pd)

    def only_country(self, start: int, i: int) -> str | None:
        """The country when the bodies of units [first unit at or after ``start``, i) name exactly one, and it is
        not Indonesia; else None."""
        a = bisect.bisect_left(self.pos, bisect.bisect_left(self.starts, start))
        b = bisect.bisect_left(self.pos, i) - 1
        if b < a or self.prev_diff[b] >= a:
            return None
        c = self.countries[b]
        return None if c == "IDN" else c



def _entry_for(surf: str, entries: tuple[Entry, ...] | list[Entry], conflicts: set[str]) -> Entry | None:
    """The first gazetteer entry of a key that the surface form ``surf`` fits (its case rule), or None; a
    conflicting key is noted in ``conflicts``."""
    for ent in entries:
        if ent.case == "exact" and surf != ent.surface:
            continue
        if ent.case == "cap" and surf[:1].isalpha() and not surf[:1].isupper():
            continue
        if ent.type == "conflict":
            conflicts.add(ent.key)
        return ent
    return None

class ActorsStep:
    """Fill ``doc.mentions`` and ``doc.actors`` (see the module doc)."""

    name = "actors"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    # ------------------------------------------------------------------ scan
    def _hits(self, text: str, low: str, start: int, end: int, disabled: set[str], conflicts: set[str]) -> list[_Unit]:
        return self._select(self._para_candidates(text, low, start, end, conflicts), start, end, disabled)

    def _para_candidates(self, text: str, low: str, start: int, end: int,
                         conflicts: set[str]) -> list[tuple[int, int, Entry]]:
        cands: list[tuple[int, int, Entry]] = []
        seg = low[start:end]
        n = len(seg)
        for last, (length, entries) in self.gaz.automaton.iter(seg):
            s = last - length + 1
            e = last + 1
            if (s > 0 and seg[s - 1].isalnum()) or (e < n and seg[e].isalnum()):
                continue
            ent = _entry_for(text[start + s : start + e], entries, conflicts)
            if ent is not None:
                cands.append((start + s, start + e, ent))
        return cands

    def _candidates(self, text: str, low: str, paras: list[tuple[int, int]],
                    conflicts: set[str]) -> list[list[tuple[int, int, Entry]]]:
        """``_para_candidates`` of every paragraph, from one automaton pass over the text from the first paragraph to
        the last (paragraphs in order and apart; else paragraph by paragraph). The pass reports every key
        occurrence, so the ones inside a paragraph are those the paragraph's own pass reports (in another order:
        ``_select`` sorts them by a key no two of them share)."""
        if any(paras[i][1] > paras[i + 1][0] for i in range(len(paras) - 1)) or any(s > e for s, e in paras):
            return [self._para_candidates(text, low, s, e, conflicts) for s, e in paras]
        out: list[list[tuple[int, int, Entry]]] = [[] for _ in paras]
        if not paras:
            return out
        k = 0
        ps, pe = paras[0]
        last_k = len(paras) - 1
        for last, (length, entries) in self.gaz.automaton.iter(low, paras[0][0], paras[-1][1]):
            e = last + 1
            if e > pe:
                while k < last_k and paras[k][1] < e:
                    k += 1
                ps, pe = paras[k]
            s = e - length
            if s < ps or e > pe:  # across paragraphs, or outside any
                continue
            if (s > ps and low[s - 1].isalnum()) or (e < pe and low[e].isalnum()):
                continue
            ent = _entry_for(text[s:e], entries, conflicts)
            if ent is not None:
                out[k].append((s, e, ent))
        return out

    @staticmethod
    def _select(cands: list[tuple[int, int, Entry]], start: int, end: int, disabled: set[str]) -> list[_Unit]:
        if not cands:
            return []
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(end - start + 1)
        units: list[_Unit] = []
        for s, e, ent in cands:
            if ent.type == "conflict" or (ent.key in disabled and ent.type in ("igo", "group")):
                continue
            if any(taken[s - start : e - start]):
                continue
            taken[s - start : e - start] = b"\x01" * (e - s)
            units.append(_Unit(s, e, ent.type, ent, ent.country, ent.key, ent.name, ent.kind, ent.sector))
        units.sort(key=lambda u: u.start)
        return units

    # ------------------------------------------------------------- helpers
    @staticmethod
    def _next_unit(units: list[_Unit], i: int, pos: int) -> int | None:
        """Index of the unit after ``i`` that starts exactly at ``pos`` (skipping units before pos)."""
        for j in range(i + 1, len(units)):
            if units[j].start == pos:
                return j
            if units[j].start > pos:
                return None
        return None

    def _skip_paren(self, text: str, pos: int, units: list[_Unit], i: int) -> int:
        m = _PAREN.match(text, pos)
        if not m:
            return pos
        for j in range(i + 1, len(units)):
            u = units[j]
            if u.start >= m.end():
                break
            if u.start >= pos:
                u.used = True
        return m.end()

    def _prev_words(self, text: str, pos: int, floor: int, n: int = 2) -> list[str]:
        return _PREV_WORDS.findall(text[max(floor, pos - 40) : pos])[-n:]

    def _read_name(self, text: str, pos: int, limit: int, blocked: set[int]) -> tuple[int, int, str, bool] | None:
        g = self.gaz
        p = _NAME_LEAD.match(text, pos).end()
        if p == pos and pos < limit and text[pos:pos + 1].isalnum():
            return None
        toks: list[tuple[int, int, str]] = []
        honor = False
        prev_honor = ""
        while p < limit and len(toks) < 7:
            if p in blocked:
                break
            m = _NAME_TOKEN.match(text, p)
            if not m or m.end() > limit:
                break
            tok = m.group(0)
            core = tok.rstrip(".")
            initial = len(core) <= 2 and core.isupper()
            if core in g.name_stop:
                break
            lowered_al = core[:3].lower() in ("al-", "el-") and len(core) > 3 and core[3].isupper()
            cap = core[:1].isupper() or lowered_al
            if not cap and core not in g.particles:
                break
            if not toks and (core.rstrip(".") in g.honorifics or (prev_honor, core.rstrip(".")) in g.honorific_pairs):
                honor = True
                prev_honor = core.rstrip(".")
                q = m.end()
                if q < limit and text[q] in " \u00a0":
                    p = q + 1
                    continue
                break
            if not toks and not cap:
                break
            toks.append((m.start(), m.start() + len(core) + (1 if initial and tok.endswith(".") else 0), core))
            q = m.end()
            if tok.endswith(".") and not initial:
                break
            if q < limit and text[q] in " \u00a0":
                p = q + 1
            else:
                break
        while toks and toks[-1][2] in g.particles:
            toks.pop()
        while toks and toks[0][2] in g.honorifics:
            toks.pop(0)
        if not toks:
            return None
        if all(len(t[2]) <= 2 and t[2].isupper() for t in toks):
            return None
        # an organisation's acronym before the name ("Ketua Umum PSSI Mochamad Iriawan"); an acronym alone is none
        while toks and len(toks[0][2]) >= 3 and toks[0][2].isupper():
            toks.pop(0)
            honor = True  # the name starts after it
        if not toks:
            return None
        s, e = toks[0][0], toks[-1][1]
        return s, e, text[s:e], honor

    @staticmethod
    def _name_goes_on(text: str, pos: int) -> bool:
        m = _NAME_TOKEN.match(text, pos + 1) if text[pos : pos + 1] == " " else None
        return bool(m and m.group(0)[:1].isupper())

    @staticmethod
    def _sentence_state(text: str, units: list[_Unit], i: int, floor: int, gov: _GovIndex) -> str | None:
        """The one foreign government named before a portfolio title in its sentence ("surat dari pemerintah
        Malaysia melalui Menteri Energi ... Yeo Bee Yin"): whose minister an unplaced title is; None when none or
        several (a state named as a topic, "Selain soal Myanmar, ... Menteri Retno", does not count)."""
        start = floor
        for m in _SENTENCE_END.finditer(text, max(floor, units[i].start - _SUPPORT_BEFORE), units[i].start):
            start = m.end()
        return gov.only_country(start, i)

    def _after_portfolio(self, text: str, pos: int, limit: int, blocked: set[int]) -> int:
        """Skip a portfolio after a minister's or chief's title: "Kelautan dan Perikanan", "LHK", "Energi, Ilmu
        Pengetahuan, Teknologi, Lingkungan dan Perubahan Iklim" (words of data/portfolio_words.txt, acronyms)."""
        words = self.gaz.portfolio
        end = p = pos
        first = True
        while p < limit:
            sep = _PORTFOLIO_SEP.match(text, p, limit)
            if sep is None or (first and sep.group(0) != " "):
                break
            q = sep.end()
            if q in blocked:
                break
            m = _NAME_TOKEN.match(text, q, limit)
            if m is None:
                break
            w = m.group(0).rstrip(".")
            if w not in words and not (_ACRONYM_WORD.match(w) and w not in self.gaz.name_stop) \
                    and not (not first and w.lower() in self.gaz.nouns):
                break  # a common noun closing a portfolio ("Perubahan Iklim Malaysia") is no name either
            end = p = q + len(w)
            first = False
        return end

    def _after_rank(self, text: str, pos: int, limit: int) -> int:
        """Skip an office's place and a rank before the name: "Kapolres Metro Jakarta Pusat Kombes Polisi X"."""
        m = _RANK_RUN.match(text, pos, limit)
        if not m:
            return pos
        best = pos
        prev = ""
        for t in re.finditer(r"[A-Z][\w.'\-]*", m.group(0)):
            word = t.group(0).rstrip(".")
            if word in self.gaz.honorifics or (prev, word) in self.gaz.honorific_pairs:
                best = m.start() + t.end()
            prev = word
        if best == pos:
            return pos
        nxt = _NAME_TOKEN.match(text, best + 1)
        return best if nxt and nxt.group(0)[:1].isupper() else pos

    def _metonym_ok(self, text: str, u: _Unit, floor: int, units: list[_Unit], i: int) -> bool:
        g = self.gaz
        surf = text[u.start : u.end]
        letters = [c for c in surf if c.isalpha()]
        if len(letters) > 3 and all(c.isupper() for c in letters):
            return False  # "MOSKOW, ..." dateline
        before = text[floor : u.start]
        if not before.strip(" \t\"'“‘(-–—•*\n") and _DATELINE_AFTER.match(text, u.end):
            return False  # "Beijing (ANTARA) -", "Beijing: ..."
        if _YEAR_AFTER.match(text, u.end):
            return False  # "Tokyo 2020"
        if _COMPOUND_AFTER.match(text, u.end):
            return False  # "Baku tembak", "baku hantam": a word, not Azerbaijan's capital
        pw = self._prev_words(text, u.start, floor)
        if pw:
            if fold(pw[-1]) in g.locatives or (len(pw) == 2 and fold(" ".join(pw)) in g.locatives):
                return False
            last = pw[-1]
            gap = text[u.start - len(last) - 1 : u.start]
            if last[:1].isupper() and gap == last + " " and last not in g.name_stop:
                k = u.start - len(last) - 1
                head = text[max(floor, k - 3) : k].rstrip(" ")
                sentence_start = k <= floor or not head or head[-1] in ".!?\"“”:\n"
                prev_unit_end = units[i - 1].end if i > 0 else -1
                if not sentence_start and prev_unit_end != k:
                    return False  # "Universitas Tokyo", "Denzel Washington"
        m = _NEXT_CAP.match(text, u.end)
        if m and m.group(1) not in g.name_stop and not any(v.start == m.start(1) for v in units[i + 1 : i + 3]):
            return False  # "Washington Post", "Tokyo Disneyland"
        return True

    def _other_name_around(self, text: str, u: _Unit, floor: int, limit: int, units: list[_Unit], i: int) -> bool:
        """A capitalised name word right before or after a bare surname that is no part of the leader's names
        ("Valentino Rossi", "Luna Maya") names someone else."""
        g = self.gaz
        own = g.leader_tokens(u.key)
        m = _NEXT_CAP.match(text, u.end, limit)
        if m and m.group(1) not in g.name_stop and fold(m.group(1)) not in own \
                and not any(v.start == m.start(1) for v in units[i + 1 : i + 2]):
            return True
        pw = self._prev_words(text, u.start, floor, 1)
        if not pw:
            return False
        last = pw[-1]
        k = u.start - len(last) - 1
        if k < floor or text[k : u.start] != last + " " or not last[:1].isupper() or fold(last) in own:
            return False
        if last in g.name_stop or last.rstrip(".") in g.honorifics:
            return False
        if i > 0 and units[i - 1].end == k + len(last):
            return False  # a gazetteer word before it ("Menlu", "Rusia")
        head = text[max(floor, k - 3) : k].rstrip(" ")
        # at a sentence start a capitalised common word ("Sedangkan Putin") is no given name
        return not (not head or head[-1] in ".!?\"“”:\n") or fold(last) not in g.common

    def _political_support(self, text: str, i: int, floor: int, limit: int, units: list[_Unit]) -> bool:
        """A bare surname names a leader only with a political cue nearby: in its sentence or the one before,
        a role phrase, a state body, an IGO, a seat of power, or a word of the political lexicon."""
        u = units[i]
        lo = max(floor, u.start - _SUPPORT_BEFORE)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, u.start)]
        if len(ends) >= 2:
            lo = ends[-2]
        hi = min(limit, u.end + _SUPPORT_AFTER)
        m = _SENTENCE_END.search(text, u.end, hi)
        if m:
            hi = m.start() + 1
        j = i - 1
        while j >= 0 and units[j].end > lo:
            j -= 1
        for k in range(j + 1, len(units)):
            v = units[k]
            if v.start >= hi:
                break
            if v is u or v.end <= lo:
                continue
            if v.type in ("igo", "org") or (v.type == "role" and v.entry.role_key not in ("other", "leader")):
                return True
            if v.type == "role" and v.entry.role in _SUPPORT_ROLES:
                return True
            if v.type == "body" and v.sector in _SUPPORT_SECTORS:
                return True
            if v.type == "metonym" and v.kind != "state":
                return True
        return self.gaz.political.search(self._low, lo, hi)

    # ------------------------------------------------------------- compose
    def _compose(self, text: str, units: list[_Unit], floor: int, limit: int) -> tuple[list[_Unit], list[_PersonCand]]:
        g = self.gaz
        out: list[_Unit] = []
        persons: list[_PersonCand] = []
        # 1. bodies: head + state
        for i, u in enumerate(units):
            if u.used or u.type not in ("head", "block"):
                continue
            pos = self._skip_paren(text, u.end, units, i)
            m = _GAP.match(text, pos)
            j = self._next_unit(units, i, m.end()) if m else None
            c = units[j] if j is not None and units[j].type in ("state", "metonym", "igo") and not units[j].used else None
            if u.type == "block":
                u.used = True
                if c is not None and u.key == "block:head":
                    c.used = True
                continue
            country = c.country if c is not None else u.entry.default_country
            if country is None:
                u.used = True
                continue
            end = c.end if c is not None else u.end
            if c is not None:
                c.used = True
            cname = g.country_name(country)
            name = u.entry.org_name(country, cname)
            u.type, u.end, u.country, u.name, u.key = "body", end, country, name, f"org:{country}:{_body_slug(u.entry)}"
            if c is not None and c.type == "metonym" and c.kind != "state":  # "juru bicara Pentagon"
                u.name, u.key, u.sector = c.name, c.key, c.sector
        units = [u for u in units if not u.used or u.type == "body"]
        for u in units:
            u.used = False
        # 2. roles (the blocked starts are the same for every role: computed once, so the step stays linear)
        blocked = {v.start for v in units if v.type not in ("person", "surname")}
        gov = _GovIndex(units)
        for i, u in enumerate(units):
            if u.used or u.type != "role":
                continue
            role = u.entry
            pw = self._prev_words(text, u.start, floor, 1)
            not_current = bool(pw) and fold(pw[-1]) in g.not_current
            ctx: _Unit | None = None
            if i > 0 and units[i - 1].type in ("state",) and _POSSESSIVE.search(text[units[i - 1].end : u.start]) \
                    and units[i - 1].end + 4 >= u.start:
                ctx = units[i - 1]
                ctx_start = ctx.start
            else:
                ctx_start = u.start
            pos = self._skip_paren(text, u.end, units, i)
            if ctx is None:
                m = _GAP.match(text, pos)
                j = self._next_unit(units, i, m.end()) if m else None
                for rx in _REGIONS if j is None else ():
                    r = rx.match(text, pos)
                    if r:
                        m2 = _GAP.match(text, r.end())
                        j2 = self._next_unit(units, i, m2.end()) if m2 else None
                        if j2 is not None and units[j2].type == "state":
                            j = j2
                            break
                if j is not None and units[j].type in _CONTEXT and not units[j].used:
                    ctx = units[j]
                    pos = self._skip_paren(text, ctx.end, units, j)
                    mu = _UNTUK.match(text, pos)
                    if mu:
                        k = self._next_unit(units, j, mu.end())
                        if k is not None and units[k].type in ("state", "igo"):
                            units[k].used = True
                            pos = self._skip_paren(text, units[k].end, units, k)
            keep_ctx = False
            if role.portfolio and ctx is None:
                pos = self._after_portfolio(text, pos, limit, blocked)
                m = _GAP.match(text, pos)
                j = self._next_unit(units, i, m.end()) if m else None
                if j is not None and units[j].type in _CONTEXT and not units[j].used:
                    # the state after a portfolio stays a mention of its own; the person is the name
                    ctx, keep_ctx = units[j], True
                    pos = self._skip_paren(text, ctx.end, units, j)
            if ctx is not None and not keep_ctx:
                ctx.used = True
            pos = self._after_rank(text, pos, limit)
            # the name: a known leader right after, or a capitalised name shape
            lead = _NAME_LEAD.match(text, pos).end()
            j = self._next_unit(units, i, lead)
            cand: _PersonCand | None = None
            if j is not None and units[j].type == "person":
                units[j].used = True
                cand = _PersonCand(ctx_start, units[j].end, units[j].name, units[j].key)
            elif j is not None and units[j].type == "surname" and not self._name_goes_on(text, units[j].end):
                units[j].used = True
                cand = _PersonCand(ctx_start, units[j].end, text[units[j].start : units[j].end], units[j].key,
                                   weak=True)
            else:
                nm = self._read_name(text, pos, limit, blocked)
                if nm is not None and role.portfolio and " " not in nm[2]:
                    # "Kepala Irkut, Ravil Khakimov", "Kepala Rostec Rusia Sergei Chemezov": the one word is the
                    # organisation the person heads
                    q = nm[1]
                    m2 = _GAP.match(text, q)
                    k = self._next_unit(units, i, m2.end()) if m2 else None
                    if k is not None and units[k].type == "state" and not units[k].used and ctx is None:
                        ctx, keep_ctx, q = units[k], True, units[k].end
                    nm2 = self._read_name(text, q, limit, blocked)
                    if nm2 is not None and " " in nm2[2] and nm2[0] - q <= 2:
                        nm, lead = nm2, nm2[0]
                    elif k is not None and ctx is units[k]:
                        ctx, keep_ctx = None, False
                if nm is not None and (nm[0] == lead or nm[3]):
                    cand = _PersonCand(ctx_start, nm[1], nm[2])
            if cand is None:
                if ctx is None or role.needs_name or (role.needs_context and ctx.type not in ("igo", "body", "state")):
                    u.used = True
                    continue
                cand = _PersonCand(ctx_start, ctx.end, None)
                cand.end = max(ctx.end, u.end)
            if keep_ctx:
                cand.start = max(cand.start, lead)
            cand.role, cand.not_current = role, not_current
            if ctx is not None:
                cand.ctx_country = ctx.country
                cand.ctx_body = ctx if ctx.type == "body" or (ctx.type == "group" and cand.name is None) else None
            elif role.portfolio and cand.name:
                cand.ctx_country = self._sentence_state(text, units, i, floor, gov)
            am = _ALIAS_PAREN.match(text, cand.end)
            if am and cand.name and am.group(1) not in g.name_stop:
                cand.alias = am.group(1)
            u.used = True
            for k in range(i + 1, len(units)):
                if units[k].start >= cand.end:
                    break
                if not (keep_ctx and units[k] is ctx):
                    units[k].used = True
            persons.append(cand)
        # 3. what stands alone
        for i, u in enumerate(units):
            if u.used:
                continue
            if u.type in ("person", "surname"):
                weak = u.type == "surname"
                if weak and self._other_name_around(text, u, floor, limit, units, i):
                    continue  # "Valentino Rossi", "Luna Maya": another person who shares a leader's name
                cand = _PersonCand(u.start, u.end, text[u.start : u.end] if weak else u.name, u.key, weak=weak)
                cand.support = weak and self._political_support(text, i, floor, limit, units)
                am = _ALIAS_PAREN.match(text, u.end)
                if am and am.group(1) not in g.name_stop:
                    cand.alias = am.group(1)
                persons.append(cand)
            elif u.type == "metonym":
                if self._metonym_ok(text, u, floor, units, i):
                    out.append(u)
            elif u.type == "state":
                if not _YEAR_AFTER.match(text, u.end):
                    out.append(u)
            elif u.type in ("igo", "group", "org", "body"):
                if u.type == "group" and i + 1 < len(units):
                    v = units[i + 1]
                    if v.type == "state" and v.country == u.country and text[u.end : v.start] == " ":
                        v.used, u.end = True, v.end  # "kelompok Houthi Yaman": the group, based in Yemen
                out.append(u)
        return out, persons

    # ------------------------------------------------------------- persons
    def _resolve(self, doc: Document, cands: list[_PersonCand]) -> list[tuple[_PersonCand, _Cluster, str]]:
        g = self.gaz
        when = doc.published
        clusters: list[_Cluster] = []
        by_key: dict[str, _Cluster] = {}
        offices: dict[str, str] = {}  # role_key -> the country of the last office seen without a name
        out: list[tuple[_PersonCand, _Cluster, str]] = []
        # the persons' clusters by token (and their folded names): looking an earlier person up is no scan over
        # every cluster of the article, so a long list of names stays linear
        by_token: dict[str, set[int]] = {}
        index: dict[int, int] = {}  # id(cluster) -> its place in clusters
        folded: list[str] = []

        def add_cluster(cl: _Cluster) -> None:
            index[id(cl)] = len(clusters)
            clusters.append(cl)
            folded.append(fold(cl.name))
            for t in cl.tokens:
                by_token.setdefault(t, set()).add(index[id(cl)])

        def add_tokens(cl: _Cluster, toks: list[str]) -> None:
            cl.tokens.update(toks)
            k = index.get(id(cl))
            if k is not None:
                for t in toks:
                    by_token.setdefault(t, set()).add(k)

        def known(pk: str, ctx_country: str | None) -> _Cluster:
            cl = by_key.get(pk)
            if cl is None:
                d = g.person(pk, when)
                cl = _Cluster(pk, d["name"], d["country"] or ctx_country, d["role"], d["sector"], via="gazetteer")
                for s in g.leaders.aliases.get(pk, ()):
                    cl.tokens.update(self._tokens(s))
                by_key[pk] = cl
                add_cluster(cl)
            return cl

        def in_doc(name: str) -> _Cluster | None:
            ft = set(self._tokens(name))
            if not ft:
                return None
            posting = [by_token.get(t) for t in ft]
            if not all(posting):
                return None  # a word no earlier person has
            for k in sorted(min(posting, key=len), reverse=True):  # type: ignore[arg-type]
                if ft <= clusters[k].tokens:
                    return clusters[k]
            return None

        for c in sorted(cands, key=lambda c: c.start):
            role = c.role
            role_key = role.role_key if role else None
            role_name = role.role if role else None
            sector = role.sector if role else None
            if c.ctx_body is not None and role is not None and role.role_key == "other" and role.role == "Spokesperson":
                body = c.ctx_body.entry
                if body.spokesperson:
                    role_key = body.spokesperson
                role_name = f"Spokesperson of the {c.ctx_body.name}"
                sector = c.ctx_body.sector or sector
            if c.name is None:  # an office: "Menlu China", "juru bicara Kemlu China"
                country = c.ctx_country
                if country is None:
                    continue
                if c.ctx_body is not None and role is not None and (
                        role.role == "Spokesperson" or role.role_key == "mfa_spokesperson"
                        or (c.ctx_body.type == "group" and role.role_key == "leader")):
                    # an unnamed spokesperson speaks for the body, and may not be its chief spokesperson
                    b = c.ctx_body
                    cl = by_key.get(b.key) or _Cluster(b.key, b.name, b.country or country, None, b.sector,
                                                       via="title", kind=b.kind if b.kind != "state" else "organization")
                    by_key[b.key] = cl
                    out.append((c, cl, "title"))
                    continue
                holder = None
                if not c.not_current and role_key == "leader":  # "pemimpin Korea Utara": who leads it then
                    order = ("head_of_government", "head_of_state") if country in g.led_by_government \
                        else ("head_of_state", "head_of_government")
                    t = g.leaders.holder(country, order[0], when) or g.leaders.holder(country, order[1], when)
                    if t is not None:
                        holder = known(t.person, country)
                elif not c.not_current and role_key and role_key != "other":
                    t = g.leaders.holder(country, role_key, when)
                    if t is not None:
                        holder = known(t.person, country)
                if holder is not None:
                    out.append((c, holder, "tenure"))
                    continue
                offices[role_key or ""] = country
                if c.ctx_body is not None and role is not None and role.role == "Spokesperson":
                    name = role_name or "Spokesperson"
                else:
                    name = f"{role_name} of {g.country_name(country)}"
                key = f"office:{country}:{slug(role_name or '')}"
                cl = by_key.get(key) or _Cluster(key, name, country, role_name, sector, via="title")
                by_key[key] = cl
                out.append((c, cl, "title"))
                continue
            via = "title" if role else "gazetteer"
            pk = c.known or g.person_index.get(fold(c.name))
            cl = None
            if c.weak:
                cl = in_doc(c.name)
                if cl is not None:
                    pk, via = None, "coref"
                elif role is None and not c.support:
                    continue  # a bare surname with no title, no full name before and no political cue
            if pk is None and cl is None:
                cl = in_doc(c.name)
                if cl is not None:
                    via = "coref"
            if pk is None and cl is None and role is not None:
                # "Menteri Retno", "Menko Luhut": part of the name of someone in office for that state then
                pk = self._office_holder(c.name, c.ctx_country or role.default_country, when)
            if pk is None and cl is None:
                f = fold(c.name)
                if len(f) >= 6 and " " in f:
                    best = g.fuzzy_person(f, 87)
                    if best is not None and best[0][:1] == f[:1]:
                        pk = best[1]
                        via = "fuzzy"
            if pk is None and cl is None:
                cl = self._fuzzy_cluster(c.name, clusters, folded)
                if cl is not None:
                    via = "fuzzy"
            if pk is not None:
                cl = known(pk, c.ctx_country)
            if cl is None:
                country = c.ctx_country
                if country is None and role is not None:
                    country = self._default_country(c.name, role_key or "", role.default_country, offices, when)
                key = "person:" + slug(c.name)
                cl = by_key.get(key)
                if cl is None:
                    cl = _Cluster(key, c.name, country, role_name, sector, via=via)
                    by_key[key] = cl
                    add_cluster(cl)
            if cl.country is None and c.ctx_country:
                cl.country = c.ctx_country
            if cl.role is None and role_name:
                cl.role, cl.sector = role_name, cl.sector or sector
            add_tokens(cl, self._tokens(c.name))
            if c.alias:
                add_tokens(cl, self._tokens(c.alias))
            out.append((c, cl, via))
        self._clusters = clusters
        return out

    def _office_holder(self, name: str, country: str | None, when: str | None) -> str | None:
        """The one leader of ``country`` in office at ``when`` whose names hold every word of ``name``."""
        if not country:
            return None
        toks = set(self._tokens(name))
        if not toks:
            return None
        span = date_bounds(when)
        found = {t.person for t in self.gaz.leaders.by_country(country) if t.covers(span)
                 and toks <= self.gaz.leader_tokens(t.person)}
        return next(iter(found)) if len(found) == 1 else None

    def _default_country(self, name: str, role_key: str, default: str | None, offices: dict[str, str],
                         when: str | None) -> str | None:
        if role_key in offices:
            return offices[role_key]
        if default is None:
            return None
        if role_key and role_key != "other":
            t = self.gaz.leaders.holder(default, role_key, when)
            if t is not None and not (set(self._tokens(name)) & set(self._tokens(t.name))):
                return None  # "Menlu Blinken" in 2021 is not Indonesia's foreign minister
        return default

    def _tokens(self, name: str) -> list[str]:
        g = self.gaz
        out = []
        for t in fold(name).split():
            if t in g.particles or len(t) < 2 or t in g.honorifics_folded:
                continue
            out.append(t)
        return out

    def _fuzzy_cluster(self, name: str, clusters: list[_Cluster], folded: list[str]) -> _Cluster | None:
        """The latest of the last ``_FUZZY_WINDOW`` persons whose folded name (or, for one word, a name word of the
        same first three letters) is spelt nearly as ``name``; ``folded[k]`` is ``fold(clusters[k].name)``."""
        f = fold(name)
        if len(f) < 5:
            return None
        lo = max(0, len(clusters) - _FUZZY_WINDOW)
        hits = process.extract(f, folded[lo:], scorer=fuzz.ratio, score_cutoff=88, limit=None)
        best = lo + max(h[2] for h in hits) if hits else -1
        if " " not in f:
            for k in range(len(clusters) - 1, max(best, lo - 1), -1):
                for t in clusters[k].tokens:
                    if len(t) >= 5 and t[:3] == f[:3] and fuzz.ratio(f, t) >= 90:
                        return clusters[k]
        return clusters[best] if best >= 0 else None

    # ---------------------------------------------------------------- main
    def __call__(self, doc: Document) -> Document:
        text = doc.text or ""
        low = doc.lower_text()
        paras = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(text))]
        conflicts: set[str] = set()
        found = self._candidates(text, low, paras, conflicts)
        none: set[str] = set()
        raw = [self._select(c, s, e, conflicts or none) for c, (s, e) in zip(found, paras, strict=True)]
        mentions: list[Mention] = []
        cands: list[_PersonCand] = []
        self._low = low
        for (s, e), units in zip(paras, raw, strict=True):
            if not units:  # (_compose finds nothing without a unit)
                continue
            alone, persons = self._compose(text, units, s, e)
            cands.extend(persons)
            teams = self._team_sentences(text, low, s, e) if any(u.kind == "state" for u in alone) else None
            for u in alone:
                if teams is not None and u.kind == "state" and u.type in ("state", "metonym") and _inside(teams, u.start):
                    continue  # "Thailand menjamu Vietnam" in a match report: a team, not the state
                via = "metonym" if u.type == "metonym" else ("demonym" if u.type == "body" and u.kind == "collective"
                                                             else "gazetteer")
                mentions.append(Mention(u.start, u.end, u.key, u.name, u.country, u.kind, None, u.sector, via))
        self._clusters: list[_Cluster] = []
        for c, cl, via in self._resolve(doc, cands):
            mentions.append(Mention(c.start, c.end, cl.key, cl.name, cl.country, cl.kind, cl.role, cl.sector, via))
        mentions.extend(self._coref(text, paras, mentions))
        mentions.sort(key=lambda m: (m.start, -m.end))
        doc.mentions = mentions = _appositions(text, mentions)
        doc.actors = self._actors(mentions)
        return doc

    def _team_sentences(self, text: str, low: str, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences of a paragraph that report a match or a tournament (context.yaml team_context)."""
        hits = sorted(self.gaz.team_context.positions(low, start, end))
        if not hits:
            return []
        out: list[tuple[int, int]] = []
        a, k = start, 0
        bounds = [m.end() for m in _SENTENCE_END.finditer(text, start, end)] + [end]
        for b in bounds:
            while k < len(hits) and hits[k] < a:
                k += 1
            if k < len(hits) and hits[k] < b:
                out.append((a, b))
            a = b
        return out

    def _coref(self, text: str, paras: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
        g = self.gaz
        tok: dict[str, _Cluster | None] = {}
        # a surname that is also a common word ("Price", "Rice") counts only mid-sentence
        weak: dict[str, _Cluster | None] = {}
        for cl in self._clusters:
            if not cl.key.startswith("person:"):
                continue
            surname = fold(cl.name).split()[-1] if cl.name else ""
            for t in cl.tokens:
                if len(t) < 2 or t in g.by_fold:
                    continue
                if t in g.common:
                    if t == surname and len(t) >= 4:
                        weak[t] = None if t in weak and weak[t] is not cl else cl
                    continue
                tok[t] = None if t in tok and tok[t] is not cl else cl
        tok = {t: cl for t, cl in tok.items() if cl is not None}
        weak = {t: cl for t, cl in weak.items() if cl is not None and t not in tok}
        tok.update({t: cl for t, cl in weak.items()})
        if not tok:
            return []
        taken = bytearray(len(text) + 1)
        for m in mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        stop = g.name_stop
        by_prefix: dict[str, list[str]] = {}
        for t in tok:
            if len(t) >= 5:
                by_prefix.setdefault(t[:3], []).append(t)
        out: list[Mention] = []
        common = g.common
        for s, e in paras:
            for m in _CAPWORD_CAND.finditer(text, s, e):
                w = m.group(0)
                f = fold(w)
                # a word that can name no cluster (below: by its token, without "al "/"el ", or fuzzily) is passed
                # over before the other tests (all without side effects)
                if f not in tok and not (f[:3] in ("al ", "el ") and f[3:] in tok) \
                        and not (len(f) >= 5 and f[:3] in by_prefix and f not in common):
                    continue
                if text[m.start() - 1 : m.start()] in ("'", "’") and not _capword_start(text, m.start(), s, e):
                    continue
                if not w[:1].isupper() and not (w[:3].lower() in ("al-", "el-") and w[3:4].isupper()):
                    continue
                if w in stop or any(taken[m.start() : m.end()]):
                    continue
                if f in weak and not _mid_sentence(text, m.start()):
                    continue
                cl = tok.get(f) or tok.get(f[3:] if f[:3] in ("al ", "el ") else "")
                via = "coref"
                if cl is None and len(f) >= 5 and f[:3] in by_prefix and f not in g.common:
                    best = process.extractOne(f, by_prefix[f[:3]], scorer=fuzz.ratio, score_cutoff=90)
                    if best is not None:
                        cl, via = tok[best[0]], "fuzzy"
                if cl is None:
                    continue
                pm = _PATRONYM_BEFORE.search(text, max(s, m.start() - 40), m.start())
                if pm and fold(pm.group(1)) not in cl.tokens:
                    continue  # "Hassa binti Salman" is not Mohammed bin Salman
                if out and out[-1].key == cl.key and text[out[-1].end : m.start()] == " ":
                    out[-1].end = m.end()  # "Xi Jinping" as two known tokens
                else:
                    out.append(Mention(m.start(), m.end(), cl.key, cl.name, cl.country, "person", cl.role, cl.sector, via))
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        return out

    @staticmethod
    def _actors(mentions: list[Mention]) -> list[dict[str, Any]]:
        actors: dict[str, dict[str, Any]] = {}
        for m in mentions:
            a = actors.get(m.key)
            if a is None:
                a = actors[m.key] = {"key": m.key, "name": m.name, "country": m.country, "kind": m.kind,
                                     "role": m.role, "sector": m.sector, "mentions": []}
            if a["sector"] != m.sector and m.kind == "state":
                a["sector"] = None  # "Rusia" and "Kremlin": the state as a whole
            a["mentions"].append([m.start, m.end])
        return list(actors.values())


_PATRONYM_BEFORE = re.compile(r"([^\W\d_][\w'’\-]*)[ \u00a0]+(?:bin|binti|bint|ibn|ben|Bin|Binti)[ \u00a0]+$")
_PORTFOLIO_SEP = re.compile(r",? (?:dan |& )?|; ")
_ACRONYM_WORD = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’)]|$)")
_SUPPORT_BEFORE = 300
# how many of an article's latest persons a misspelt name is compared with (real articles name fewer than 20;
# the bound keeps a hostile list of thousands of names linear)
_FUZZY_WINDOW = 256
_SUPPORT_AFTER = 200
_SUPPORT_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL"})
_SUPPORT_ROLES = frozenset({"Ambassador", "Spokesperson", "Press Secretary", "Minister of Interior", "Minister of Finance",
                            "Minister of Trade", "National Security Adviser", "Crown Prince"})
_COMPOUND_AFTER = re.compile(r"\s+(?:tembak|hantam|pukul|jotos|bunuh)\b", re.IGNORECASE)
_APPOSITION_GAP = re.compile(r",\s*$")


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, len(spans) and 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _appositions(text: str, mentions: list[Mention]) -> list[Mention]:
    """"pemimpin Qatar, Emir Sheikh Tamim bin Hamad al-Thani": an office followed by a comma and the named
    holder of the same country is one mention of that person (and a name split in two is joined)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.kind == "person" and m.key.startswith("person:"):
            gap = text[prev.end : m.start]
            if prev.key.startswith("office:") and prev.country == m.country and _APPOSITION_GAP.match(gap) \
                    and len(gap) <= 3:
                out[-1] = Mention(prev.start, m.end, m.key, m.name, m.country, m.kind, m.role or prev.role,
                                  m.sector or prev.sector, m.via)
                continue
            if prev.key == m.key and gap == " ":
                prev.end = m.end  # "Tamim bin Hamad" + "al-Thani"
                continue
        out.append(m)
    # "Dubes Arab Saudi" in an article that names the ambassador ("Dubes Osama") is that person
    holders: dict[tuple[str | None, str | None], set[str]] = {}
    named: dict[str, Mention] = {}
    for m in out:
        if m.key.startswith("person:") and m.role:
            holders.setdefault((m.country, m.role), set()).add(m.key)
            named.setdefault(m.key, m)
    for i, m in enumerate(out):
        if m.key.startswith("office:") and len(keys := holders.get((m.country, m.role), ())) == 1:
            p = named[next(iter(keys))]
            out[i] = Mention(m.start, m.end, p.key, p.name, p.country, p.kind, p.role, p.sector, "coref")
    return out
