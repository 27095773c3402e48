"""The actor gazetteer: states, metonyms, IGOs, state bodies, groups, roles and leaders.

Everything is read once per process from the data files beside this module (and CLDR via babel for
state names) and compiled into one Aho-Corasick automaton over case-folded surface forms.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import babel
from babel.core import get_global
from rapidfuzz import fuzz, process

from warta.datafiles import load_yaml

from .leaders import LeaderTable, date_bounds, fold, load_leaders, slug

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of one surface form."""

    type: str  # state | metonym | igo | group | org | head | block | role | person | conflict
    key: str
    name: str
    country: str | None = None
    kind: str = "state"  # mention kind
    sector: str | None = None
    surface: str = ""
    case: str = "cap"  # exact | cap | any
    role: str | None = None
    role_key: str | None = None
    default_country: str | None = None
    template: str | None = None
    names_by_country: tuple[tuple[str, str], ...] = ()
    spokesperson: str | None = None
    needs_context: bool = False
    needs_name: bool = False  # a role that is no actor without a name after it ("Menteri", "Kepala")
    portfolio: bool = False  # a portfolio may stand between the role and the state or name
    conflicts: tuple[str, ...] = ()

    def org_name(self, country: str, country_name: str) -> str:
        for c, n in self.names_by_country:
            if c == country:
                return n
        return (self.template or "{country}").format(country=country_name)


def _case_rule(surface: str, any_case: bool = False) -> str:
    if any_case:
        return "any"
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"
    if surface[:1].islower():
        return "any"
    return "cap"


def _load_yaml(name: str) -> Any:
    with open(DATA / name, encoding="utf-8") as fh:
        return load_yaml(fh.read())


_FUZZY_KEPT = 50_000
_BAG = 32  # character buckets of fuzzy_person's prefilter (ord(c) % _BAG)


class WordSet:
    """Whole-word look-up of a word list in lower-cased text (one Aho-Corasick pass per call)."""

    def __init__(self, words: list[str] | None = None) -> None:
        self._auto: Any = None
        ws = sorted({w.lower() for w in words or [] if w.strip()})
        if ws:
            self._auto = ahocorasick.Automaton()
            for w in ws:
                self._auto.add_word(w, len(w))
            self._auto.make_automaton()

    def positions(self, low: str, start: int, end: int) -> list[int]:
        """Start offsets of the whole-word hits in ``low[start:end]``."""
        if self._auto is None or start >= end:
            return []
        out = []
        for last, n in self._auto.iter(low, start, end):
            s, e = last - n + 1, last + 1
            if (s > 0 and (low[s - 1].isalnum() or low[s - 1] == "-")) or (e < len(low) and (low[e].isalnum()
                                                                                          or low[e] == "-")):
                continue
            out.append(s)
        return out

    def search(self, low: str, start: int, end: int) -> bool:
        return bool(self.positions(low, start, end))


@dataclass
class Gazetteer:
    automaton: Any
    country_names: dict[str, str]  # alpha-3 -> canonical English name
    igo_names: dict[str, str]  # code -> English name of the organisation itself
    leaders: LeaderTable
    by_fold: dict[str, list[Entry]]  # folded surface -> entries (for lookup_name)
    locatives: frozenset[str]
    name_stop: frozenset[str]
    particles: frozenset[str]
    honorifics: frozenset[str]
    not_current: frozenset[str]
    common: frozenset[str] = frozenset()
    political: WordSet = field(default_factory=WordSet)  # the political lexicon (context.yaml political_cues)
    team_context: WordSet = field(default_factory=WordSet)  # words of a match report (context.yaml team_context)
    portfolio: frozenset[str] = frozenset()  # words of portfolios (portfolio_words.txt + roles.yaml portfolio_heads)
    nouns: frozenset[str] = frozenset()  # words written mostly in lower case (noun_words.txt)
    led_by_government: frozenset[str] = frozenset()  # states whose leader is the head of government
    honorifics_folded: frozenset[str] = frozenset()
    # (first, second) words of the two-word honorifics ('Irjen Pol'): the second is stripped after the first
    honorific_pairs: frozenset[tuple[str, str]] = frozenset()
    person_index: dict[str, str] = field(default_factory=dict)  # folded name/alias -> person key
    person_names_folded: list[str] = field(default_factory=list)
    person_keys_folded: list[str] = field(default_factory=list)
    _leader_tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    _by_length: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)
    _counts: Any = None  # (character counts of every folded person name, their lengths): see _near_counts
    _count_rows: dict[tuple[int, float], tuple[Any, Any, Any]] = field(default_factory=dict)
    _fuzzy: dict[tuple[str, float], tuple[str, str] | None] = field(default_factory=dict)  # fuzzy_person's answers

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        return self.country_names.get(code) or self.igo_names.get(code) or code

    def fuzzy_person(self, folded: str, cutoff: float) -> tuple[str, str] | None:
        """The first folded person name with the highest ``fuzz.ratio`` >= ``cutoff`` to ``folded``, and its key.

        Same answer as ``process.extractOne`` over all of ``person_names_folded``: a name whose length alone keeps
        its ratio below the cutoff (ratio <= 200 * shorter / (sum of lengths)) is left out, and so is one whose
        character counts alone do (see ``_near_counts``), order kept. Answers are kept (the same unknown names
        come back article after article), at most _FUZZY_KEPT of them."""
        k = (folded, cutoff)
        if k in self._fuzzy:
            return self._fuzzy[k]
        got = self._fuzzy_scan(folded, cutoff)
        if len(self._fuzzy) >= _FUZZY_KEPT:
            self._fuzzy.clear()
        self._fuzzy[k] = got
        return got

    def _fuzzy_scan(self, folded: str, cutoff: float) -> tuple[str, str] | None:
        import numpy as np

        idx, counts, lens = self._near_counts(len(folded), cutoff)
        if not len(idx):
            return None
        q = np.bincount(np.frombuffer(folded.encode("utf-32-le"), np.uint32) & (_BAG - 1), minlength=_BAG)
        b = np.flatnonzero(q)
        rows = counts[b]  # the query's buckets only: the L1 distance is the names' lengths (every character in one
        # bucket) plus, over those buckets, |count - q| - count
        dist = (np.abs(rows - q[b, None].astype(np.int16)) - rows).sum(0) + lens
        keep = np.flatnonzero(dist <= (100.5 - cutoff) / 100 * (len(folded) + lens))
        if not len(keep):
            return None
        rows = idx[keep]
        best = process.extractOne(folded, [self.person_names_folded[i] for i in rows], scorer=fuzz.ratio,
                                  score_cutoff=cutoff)
        return None if best is None else (best[0], self.person_keys_folded[rows[best[2]]])

    def _near_counts(self, n: int, cutoff: float) -> tuple[Any, Any, Any]:
        """The person names a ratio >= ``cutoff`` to a name of ``n`` characters leaves by length (as
        ``_names_near_length``): their indices, character counts (bucket by name) and lengths. The counts are per ``ord(c) % _BAG``;
        their L1 distance to the query's is at most the Indel distance (each character left unmatched costs one
        insertion or deletion; merging characters into buckets only lowers it), and ratio = 100 * (1 - Indel /
        (sum of lengths)), so a name further than (100 - cutoff) % of the sum of lengths (half a point of margin)
        cannot reach the cutoff: 0.08 names of ~1,800 are left per look-up in the corpus."""
        got = self._count_rows.get((n, cutoff))
        if got is None:
            import numpy as np

            if self._counts is None:
                names = self.person_names_folded
                lens = np.array([len(x) for x in names], np.int64)
                codes = np.frombuffer("".join(names).encode("utf-32-le"), np.uint32) & (_BAG - 1)
                counts = np.zeros((len(names), _BAG), np.int16)
                np.add.at(counts, (np.repeat(np.arange(len(names)), lens), codes), 1)
                self._counts = (counts, lens)
            counts, lens = self._counts
            idx = np.flatnonzero(200 * np.minimum(n, lens) >= (cutoff - 0.5) * (n + lens))
            got = self._count_rows[(n, cutoff)] = (idx, np.ascontiguousarray(counts[idx].T), lens[idx])
        return got

    def _names_near_length(self, n: int, cutoff: float) -> tuple[list[str], list[str]]:
        got = self._by_length.get(n)
        if got is None:
            names: list[str] = []
            keys: list[str] = []
            for name, key in zip(self.person_names_folded, self.person_keys_folded, strict=True):
                m = len(name)
                if 200 * min(n, m) >= (cutoff - 0.5) * (n + m):  # a margin of half a point: a superset
                    names.append(name)
                    keys.append(key)
            got = self._by_length[n] = (names, keys)
        return got

    def leader_tokens(self, key: str) -> frozenset[str]:
        """The folded words of all names of a leader (cached)."""
        toks = self._leader_tokens.get(key)
        if toks is None:
            toks = frozenset(t for s in self.leaders.aliases.get(key, ()) for t in fold(s).split())
            self._leader_tokens[key] = toks
        return toks

    # ---- look-ups ----------------------------------------------------------
    def person(self, key: str, when: str | None) -> dict[str, Any]:
        t = self.leaders.tenure_of(key, when)
        name = self.leaders.names.get(key, key)
        d: dict[str, Any] = {"key": key, "name": name, "kind": "person", "country": None, "role": None,
                             "role_key": None, "sector": None}
        if t is not None:
            d.update(country=t.country, sector=t.sector)
            if t.covers(date_bounds(when)) or when is None:
                d.update(role=t.role, role_key=t.role_key)
        return d

    def lookup(self, name: str, when: str | None) -> dict[str, Any] | None:
        f = fold(name)
        pk = self.person_index.get(f)
        if pk:
            return self.person(pk, when)
        for e in self.by_fold.get(f, []):
            if e.type in ("state", "metonym", "igo", "group", "org"):
                return {"key": e.key, "name": e.name, "kind": e.kind, "country": e.country, "role": None,
                        "role_key": None, "sector": e.sector}
            if e.type == "head" and e.default_country:
                c = e.default_country
                t = (e.template or e.name).replace(" of {country}", "").replace("{country} ", "")
                return {"key": f"org:{c}:{slug(t)}", "name": e.org_name(c, self.country_name(c)),
                        "kind": "organization", "country": c, "role": None, "role_key": None, "sector": e.sector}
        return None


_ACRONYM = re.compile(r"^[A-Z]{2,4}$")


_LOCK = threading.Lock()
_GAZ: Gazetteer | None = None


def _common_words() -> frozenset[str]:
    path = DATA / "common_words.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _word_file(name: str) -> frozenset[str]:
    path = DATA / name
    if not path.is_file():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _alpha3_table(cfg: dict[str, Any]) -> dict[str, str]:
    preferred: dict[str, str] = cfg.get("preferred_alpha3", {})
    table: dict[str, str] = {}
    for a3, a2s in get_global("territory_aliases").items():
        if len(a3) == 3 and a3.isalpha() and len(a2s) == 1 and len(a2s[0]) == 2:
            table.setdefault(a2s[0], a3)
    table.update(preferred)
    for a2 in cfg.get("exclude_alpha2", []):
        table.pop(a2, None)
    return table


def build_gazetteer(leaders_dir: Path | None = None) -> Gazetteer:
    countries = _load_yaml("countries.yaml")
    metonyms = _load_yaml("metonyms.yaml")
    igos = _load_yaml("igos.yaml")
    groups = _load_yaml("groups.yaml")
    bodies = _load_yaml("bodies.yaml")
    roles = _load_yaml("roles.yaml")
    context = _load_yaml("context.yaml")

    entries: list[Entry] = []
    a3 = _alpha3_table(countries)
    drop = {fold(n) for n in countries.get("drop_names", [])}
    any_case = {fold(n) for n in countries.get("any_case", [])}
    canonical: dict[str, str] = {}
    en = babel.Locale("en").territories
    names_per_code: dict[str, set[str]] = {}
    for a2, code in a3.items():
        en_name = en.get(a2)
        if not en_name:
            continue
        en_name = re.sub(r"\s*\(.*?\)", "", en_name).replace(" & ", " and ")
        canonical[code] = countries.get("canonical", {}).get(code, en_name)
        for loc in ("id", "ms", "en"):
            n = babel.Locale(loc).territories.get(a2)
            if n:
                names_per_code.setdefault(code, set()).add(n)
    for code, names in countries.get("variants", {}).items():
        names_per_code.setdefault(code, set()).update(names)
        canonical.setdefault(code, code)
    for code, names in names_per_code.items():
        for n in names:
            if fold(n) in drop:
                continue
            entries.append(Entry("state", code, canonical[code], code, "state", None, n,
                                 _case_rule(n, fold(n) in any_case)))

    for h in countries.get("historical", []):
        for n in h["names"]:
            entries.append(Entry("state", h["country"], h["name"], h["country"], "state", None, n, _case_rule(n)))

    for code, names in metonyms.get("capitals", {}).items():
        for n in names:
            entries.append(Entry("metonym", code, canonical.get(code, code), code, "state", None, n, _case_rule(n)))
    for seat in metonyms.get("seats", []):
        code = seat["country"]
        kind = seat.get("kind", "state")
        name = seat.get("name") or canonical.get(code, code)
        key = code if kind == "state" else f"org:{code}:{slug(name)}"
        for n in seat["names"]:
            entries.append(Entry("metonym", key, name, code, kind, seat.get("sector"), n, _case_rule(n)))

    igo_names: dict[str, str] = {}
    for igo in igos:
        code, name = igo["code"], igo["name"]
        igo_names.setdefault(code, name)
        key = f"igo:{code}" if name == igo_names[code] else f"igo:{code}:{slug(name)}"
        conflicts = tuple(igo.get("conflicts", []))
        for n in igo["names"]:
            entries.append(Entry("igo", key, name, code, "igo", igo.get("sector"), n, _case_rule(n),
                                 conflicts=conflicts))
            for c in conflicts:
                entries.append(Entry("conflict", key, c, surface=c, case="any"))

    for g in groups:
        key = f"group:{slug(g['name'])}"
        conflicts = tuple(g.get("conflicts", []))
        for n in g["names"]:
            entries.append(Entry("group", key, g["name"], g["country"], "group", g.get("sector"), n, _case_rule(n),
                                 conflicts=conflicts))
        for c in conflicts:
            entries.append(Entry("conflict", key, c, surface=c, case="any"))

    for h in bodies.get("heads", []):
        block = bool(h.get("block"))
        for n in h["names"]:
            case = "exact" if _case_rule(n) == "exact" else "any"
            if block:
                entries.append(Entry("block", "block:head", n, surface=n, case=case))
                continue
            entries.append(Entry("head", "head:" + slug(h["names"][0]), h["names"][0], None,
                                 h.get("kind", "collective" if h.get("sector") == "CVL" else "organization"),
                                 h.get("sector"), n, case, default_country=h.get("default_country"),
                                 template=h.get("template"),
                                 names_by_country=tuple(sorted((h.get("names_by_country") or {}).items())),
                                 spokesperson=h.get("spokesperson")))
    for o in bodies.get("orgs", []):
        key = f"org:{o['country']}:{slug(o['name'])}"
        for n in o["names"]:
            entries.append(Entry("org", key, o["name"], o["country"], o.get("kind", "organization"), o.get("sector"),
                                 n, _case_rule(n)))

    for r in roles.get("roles", []):
        for n in r["names"]:
            case = "exact" if _case_rule(n) == "exact" else "any"
            entries.append(Entry("role", "role:" + r["role_key"], r["role"], None, "person", r.get("sector"), n, case,
                                 role=r["role"], role_key=r["role_key"], default_country=r.get("default_country"),
                                 needs_context=bool(r.get("needs_context")), needs_name=bool(r.get("needs_name")),
                                 portfolio=bool(r.get("portfolio"))))

    for n in context.get("not_actors", []):
        entries.append(Entry("block", "block", n, surface=n, case="cap" if n[:1].isupper() else "any"))

    leaders = load_leaders(leaders_dir)
    renames = _load_yaml("person_names.yaml") or {}
    for pk, name in list(leaders.names.items()):
        if name in renames:
            leaders.names[pk] = renames[name]
            leaders.aliases[pk].add(renames[name])
    person_index: dict[str, str] = {}
    for pk, surfaces in leaders.aliases.items():
        for s in surfaces:
            person_index.setdefault(fold(s), pk)
            if _ACRONYM.match(s):  # "BBM", "JK": also common abbreviations, linked like a bare surname
                entries.append(Entry("surname", pk, leaders.names[pk], None, "person", None, s, "exact"))
                continue
            entries.append(Entry("person", pk, leaders.names[pk], None, "person", None, s, "cap"))
    # a leader's surname alone ("Putin", "Blinken"), and for Indonesians the first name ("Retno"):
    # only when no other leader shares it as any part of a name and it is no other gazetteer name
    names_of = {e.surface.lower() for e in entries}
    common = _common_words()
    part_count: dict[str, set[str]] = {}
    for pk, surfaces in leaders.aliases.items():
        for s in surfaces:
            for t in fold(s).split():
                part_count.setdefault(t, set()).add(pk)
    for pk, name in leaders.names.items():
        toks = [t for t in name.split() if t[:1].isupper()]
        if len(toks) < 2:
            continue
        cands = [toks[-1]]
        rows = leaders.by_person.get(pk, [])
        if rows and all(t.country == "IDN" for t in rows) and len(toks[0]) >= 6:
            cands.append(toks[0])
        for t in cands:
            f = fold(t)
            if len(f) < 4 or len(part_count.get(f, ())) != 1 or t.lower() in names_of or f in person_index \
                    or f in common:
                continue
            entries.append(Entry("surname", pk, leaders.names[pk], None, "person", None, t, "cap"))

    automaton = ahocorasick.Automaton()
    table: dict[str, list[Entry]] = {}
    by_fold: dict[str, list[Entry]] = {}
    seen: set[tuple[str, str, str]] = set()
    for e in entries:
        low = e.surface.lower()
        if not low.strip() or (low, e.type, e.key) in seen:
            continue
        seen.add((low, e.type, e.key))
        table.setdefault(low, []).append(e)
        by_fold.setdefault(fold(e.surface), []).append(e)
    # within one surface, the more specific readings first
    order = {"conflict": 0, "block": 1, "person": 2, "surname": 2, "org": 3, "igo": 4, "group": 5, "state": 6, "metonym": 7,
             "head": 8, "role": 9}
    for low, es in table.items():
        es.sort(key=lambda e: order.get(e.type, 10))
        automaton.add_word(low, (len(low), tuple(es)))
    automaton.make_automaton()

    folded_persons = sorted(person_index)
    return Gazetteer(
        automaton=automaton,
        country_names=canonical,
        igo_names=igo_names,
        leaders=leaders,
        by_fold=by_fold,
        locatives=frozenset(fold(w) for w in context.get("locatives", [])),
        name_stop=frozenset(context.get("name_stop", [])),
        particles=frozenset(context.get("name_particles", [])),
        honorifics=frozenset(h.rstrip(".") for h in roles.get("honorifics", [])),
        not_current=frozenset(fold(w) for w in roles.get("not_current", [])),
        common=common,
        political=WordSet(context.get("political_cues", [])),
        team_context=WordSet(context.get("team_context", [])),
        portfolio=_word_file("portfolio_words.txt") | frozenset(roles.get("portfolio_heads", [])),
        nouns=_word_file("noun_words.txt"),
        led_by_government=frozenset(roles.get("led_by_head_of_government", [])),
        honorifics_folded=frozenset(fold(h) for h in roles.get("honorifics", [])),
        honorific_pairs=frozenset((h.split()[0].rstrip("."), h.split()[1].rstrip("."))
                                  for h in roles.get("honorifics", []) if len(h.split()) == 2),
        person_index=person_index,
        person_names_folded=folded_persons,
        person_keys_folded=[person_index[f] for f in folded_persons],
    )


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    global _GAZ
    if _GAZ is None:
        with _LOCK:
            if _GAZ is None:
                _GAZ = build_gazetteer()
    return _GAZ


def lookup_name(name: str, date: str | None = None) -> dict[str, Any] | None:
    """A name as written ("Menlu China" is not a name; "Tiongkok", "Qin Gang", "PBB" are) -> canonical actor.

    Persons get the country and role they held at ``date`` ('YYYY-MM-DD', 'YYYY-MM' or None = now)."""
    return get_gazetteer().lookup(name, date)


def leader_for(country: str, role_key: str, date: str | None = None) -> dict[str, Any] | None:
    """Who held ``role_key`` (head_of_state, foreign_minister, ...) for ``country`` at ``date``."""
    g = get_gazetteer()
    t = g.leaders.holder(country, role_key, date)
    if t is None:
        return None
    return {"key": t.person, "name": t.name, "kind": "person", "country": t.country, "role": t.role,
            "role_key": t.role_key, "sector": t.sector}
