"""Word lists and the regexes built from them, loaded once from ``data/quotes.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from warta.datafiles import load_yaml


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first, spaces matching any run of blanks."""
    parts = sorted({w.strip().lower() for w in words if w and w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def _starts(words: list[str]) -> str:
    """A look-ahead for the first characters of the words of :func:`_alt`: it adds no condition, it lets the
    scan skip every position where no word can start."""
    firsts = sorted({w.strip().lower()[0] for w in words if w and w.strip()})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])"


@dataclass(frozen=True, slots=True)
class Lexicon:
    after_cues: frozenset[str]
    speech_verbs: frozenset[str]  # reporting verbs (mengatakan, menjelaskan, …)
    stance_verbs: frozenset[str]  # verbs of stance and appeal (menilai, mengecam, …)
    indefinites: frozenset[str]
    statement_nouns: frozenset[str]
    pronouns: frozenset[str]
    anaphors: frozenset[str]
    title_cues: frozenset[str]
    title_words: frozenset[str]
    generic_addressees: frozenset[str]
    leading_connectives: frozenset[str]  # 'Namun Rudi mengaku': opens the sentence, not the name
    conjunctions: frozenset[str]
    fillers: frozenset[str]
    name_connectors: frozenset[str]
    parenthetical_sources: frozenset[str]
    ranks: frozenset[str]
    ranks_also_names: frozenset[str]
    company_abbreviations: frozenset[str]
    weekdays: frozenset[str]
    not_speakers: frozenset[str]  # 'bunyi pasal 49': quoted text of a law, not a speaker
    bodies: dict[str, str]  # a seat of power named for its body: "gedung putih" -> "White House"
    # '"…," kata X' — a cue (with optional -nya) or "menurut" right after the closing mark
    after_re: re.Pattern[str]
    # 'Hal itu disampaikan Marzuki …' — a passive verb of saying and its agent
    passive_re: re.Pattern[str]
    # ', papar Cherry,' — a cue set off inside a sentence of indirect speech
    inline_re: re.Pattern[str]
    # '"…," Lavrov menambahkan' — a capitalised subject of up to six words, then a speech verb
    after_subject_re: re.Pattern[str]
    # any speech verb, reporting or stance (searched in a sentence before the quote)
    verb_re: re.Pattern[str]
    # reporting verbs only (who "katanya" is)
    report_re: re.Pattern[str]
    # "menurut X," — indirect speech that a bare quote paragraph may continue
    according_re: re.Pattern[str]
    # '"…," dikutip dari akun …' — a source, not a speaker
    source_re: re.Pattern[str]
    # a cue word or "menurut" at the start of a phrase ('Kata Xi: "…"', ', kata Xi, "…"')
    lead_cue_re: re.Pattern[str]
    # where a speaker or addressee phrase ends
    stop_re: re.Pattern[str]
    # 'pernyataan (bersama) (yang dirilis) (dari|oleh)' — a statement noun and the words before its issuer
    statement_re: re.Pattern[str]
    # addressee frame ("kepada", "dalam pembicaraan telepon dengan")
    addressee_re: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_yaml(resources.files("warta.quotes").joinpath("data/quotes.yaml").read_text(encoding="utf-8"))
    cues = [c.lower() for c in raw["after_cues"]]
    forms = [f.lower() for f in raw.get("after_cue_forms", [])]
    reporting = [v.lower() for v in raw["speech_verbs"]]
    stance = [v.lower() for v in raw["stance_verbs"]]
    verbs = reporting + stance
    according = [a.lower() for a in raw["according_to"]]
    cue_alt = rf"(?:(?:{_alt(cues)})(?:nya)?|{_alt(forms)})"
    summary = _alt(raw["summary_cues"])
    after_re = re.compile(
        rf"[ \t]*[,.!?;…]?[ \t]*(?:[-–—][ \t]*)?(?:(?:{summary})[ \t]+)?"
        rf"(?:(?P<cue>{cue_alt})|(?P<acc>{_alt(according)}))(?![\w-])"
        rf"|[ \t]*[,.!?;…]?[ \t]*(?:[-–—][ \t]*)?(?P<sum>{summary})(?![\w-])",
        re.IGNORECASE,
    )
    passive_re = re.compile(
        rf"{_starts(raw['passive_speech_verbs'])}(?<![\w-])(?:{_alt(raw['passive_speech_verbs'])})[ \t]+(?:oleh[ \t]+)?(?=[A-Z])"
    )
    inline_re = re.compile(
        rf",[ \t]*(?:{_alt(cues)})[ \t]+(?P<who>[^,.;:\n\"“”]*[A-Z][^,.;:\n\"“”]{{0,60}})[,.]"
    )
    verb_alt = _alt(verbs)
    after_subject_re = re.compile(
        rf"[ \t]*[,.!?;…]?[ \t]*(?P<subj>[A-Z][\w’'.-]*(?:[ \t]+[\w’'.-]+){{0,5}}?)[ \t]+"
        rf"(?:(?:juga|pun|kemudian|lalu|lantas|lebih[ \t]+lanjut)[ \t]+)?(?P<verb>{verb_alt})(?![\w-])"
    )
    verb_re = re.compile(rf"{_starts(verbs)}(?<![\w-])(?P<verb>{verb_alt})(?![\w-])", re.IGNORECASE)
    report_re = re.compile(rf"{_starts(reporting)}(?<![\w-])(?P<verb>{_alt(reporting)})(?![\w-])", re.IGNORECASE)
    according_re = re.compile(rf"{_starts(according)}(?<![\w-])(?:{_alt(according)})[ \t]+(?P<who>[^,.;:\n\"“”]{{1,80}}),", re.IGNORECASE)
    source_re = re.compile(rf"[ \t]*[,.!?;…]?[ \t]*(?:{_alt(raw['source_cues'])})(?![\w-])", re.IGNORECASE)
    lead_cue_re = re.compile(
        rf"[\s,.;:–—-]*(?:demikian\s+)?(?:(?P<cue>{cue_alt})|(?P<acc>{_alt(according)}))(?![\w-])",
        re.IGNORECASE,
    )
    stop_re = re.compile(
        rf"[,.;:()\[\]!?\"“”«»\n|]|(?<![\w-])(?:{_alt(raw['speaker_stops'])})(?![\w-])",
        re.IGNORECASE,
    )
    addressee_re = re.compile(rf"{_starts(raw['addressee_frames'])}(?<![\w-])(?:{_alt(raw['addressee_frames'])})(?![\w-])",
                              re.IGNORECASE)
    statement_re = re.compile(
        rf"(?:{_alt(raw['statement_nouns'])})(?:\s+(?:{_alt(raw['statement_modifiers'])}))*"
        rf"(?:\s+(?:yang\s+)?(?:{_alt(raw['statement_verbs'])})(?:\s+oleh)?|\s+(?:dari|oleh|milik))?(?![\w-])\s*",
        re.IGNORECASE,
    )
    return Lexicon(
        after_cues=frozenset(cues) | frozenset(c + "nya" for c in cues) | frozenset(forms),
        speech_verbs=frozenset(reporting),
        stance_verbs=frozenset(stance),
        indefinites=frozenset(w.lower() for w in raw["indefinites"]),
        statement_nouns=frozenset(w.lower() for w in raw["statement_nouns"]),
        pronouns=frozenset(p.lower() for p in raw["pronouns"]),
        anaphors=frozenset(a.lower() for a in raw["anaphors"]),
        title_cues=frozenset(t.lower() for t in raw["title_cues"]),
        title_words=frozenset(t.lower() for t in raw["title_words"]),
        generic_addressees=frozenset(g.lower() for g in raw["generic_addressees"]),
        **{k: frozenset(w.lower() for w in raw[k]) for k in ("leading_connectives", "conjunctions", "fillers",
                                                              "name_connectors", "parenthetical_sources", "ranks",
                                                              "ranks_also_names", "company_abbreviations", "weekdays")},
        bodies={k.lower(): v for k, v in (raw.get("bodies") or {}).items()},
        statement_re=statement_re,
        after_re=after_re,
        inline_re=inline_re,
        passive_re=passive_re,
        not_speakers=frozenset(w.lower() for w in raw.get("not_speakers", [])),
        after_subject_re=after_subject_re,
        verb_re=verb_re,
        report_re=report_re,
        according_re=according_re,
        source_re=source_re,
        lead_cue_re=lead_cue_re,
        stop_re=stop_re,
        addressee_re=addressee_re,
    )
