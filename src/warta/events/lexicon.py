"""Loads the cue lexicon (data/lexicon.yaml), the role grammar (data/grammar.yaml) and the paraphrase cues
of the learned coder (data/paraphrases.yaml) once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick

from warta.datafiles import load_yaml


@dataclass(frozen=True, slots=True)
class Cue:
    type: str
    form: str
    voice: str  # active | passive | noun
    mutual: bool
    mode: str | None
    recipient_preps: tuple[str, ...] | None
    quad: str
    score: float
    requires: tuple[str, ...] | None = None  # one of these words must follow within the sentence (60 chars)
    domestic: bool = False  # a coup: the country's military acts on its own government


@dataclass(frozen=True)
class Lexicon:
    automaton: Any  # ahocorasick.Automaton: lowercase form -> tuple[Cue, ...]
    blockers: dict[str, tuple[str, ...]]
    off_contexts: Any  # automaton of phrases
    negation: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    verbal_types: frozenset[str]
    quad: dict[str, tuple[str, float]]
    grammar: dict[str, Any]
    negation_rx: re.Pattern[str]
    future_rx: re.Pattern[str]
    hypothetical_rx: re.Pattern[str]
    paraphrases: dict[str, list[str]]  # type -> forms that say the act without a cue verb (candidates only)


def _load(name: str) -> Any:
    return load_yaml(resources.files("warta.events").joinpath("data", name).read_text(encoding="utf-8"))


def words_rx(words: list[str]) -> re.Pattern[str]:
    """Whole-word alternation of the words (longest first; a space matches any run of spaces)."""
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])")


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    lex = _load("lexicon.yaml")
    grammar = _load("grammar.yaml")
    auto = ahocorasick.Automaton()
    by_form: dict[str, list[Cue]] = {}
    quad: dict[str, tuple[str, float]] = {}
    blockers: dict[str, tuple[str, ...]] = {}
    receive = tuple(v + " " for v in grammar.get("receive_verbs", []))
    for etype, spec in lex["types"].items():
        quad[etype] = (spec["quad"], float(spec["score"]))
        blockers[etype] = tuple(b.lower() for b in spec.get("blockers") or [])
        for cue in spec["cues"]:
            preps = cue.get("recipient_preps")
            for form in cue["forms"]:
                f = " ".join(form.lower().split())
                voice = cue.get("voice", "active")
                if f.startswith(receive) and etype not in ("CONSULT",):
                    voice = "passive"  # "mendapat dukungan dari X": the subject receives
                elif voice == "noun" and " " in f and f.startswith(("ber", "me")):
                    voice = "active"  # "berjabat tangan", "mengadakan pertemuan": a verb phrase
                by_form.setdefault(f, []).append(Cue(
                    type=etype, form=f, voice=voice, mutual=bool(cue.get("mutual")),
                    mode=cue.get("mode"), recipient_preps=tuple(preps) if preps is not None else None,
                    quad=spec["quad"], score=float(spec["score"]),
                    requires=tuple(w.lower() for w in cue["requires"]) if cue.get("requires") else None,
                    domestic=bool(cue.get("domestic"))))
    for f, cues in by_form.items():
        auto.add_word(f, tuple(cues))
    auto.make_automaton()
    off = ahocorasick.Automaton()
    for phrase in lex.get("off_contexts") or []:
        p = " ".join(phrase.lower().split())
        off.add_word(p, p)
    off.make_automaton()
    para = {t: sorted({" ".join(f.lower().split()) for f in spec["forms"]})
            for t, spec in (_load("paraphrases.yaml").get("types") or {}).items()}
    return Lexicon(
        automaton=auto, blockers=blockers, off_contexts=off,
        negation=frozenset(lex["negation"]), future=frozenset(lex["future"]),
        hypothetical=frozenset(lex["hypothetical"]), verbal_types=frozenset(lex["verbal_types"]),
        quad=quad, grammar=grammar,
        negation_rx=words_rx(lex["negation"]), future_rx=words_rx(lex["future"]),
        hypothetical_rx=words_rx(lex["hypothetical"]), paraphrases=para,
    )
