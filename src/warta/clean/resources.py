"""Loads the cleaning resources (data/*.yaml) once and compiles their patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.datafiles import load_yaml as parse_yaml


def load_yaml(name: str) -> Any:
    return parse_yaml(resources.files("warta.clean").joinpath("data", name).read_text(encoding="utf-8"))


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Resources:
    sidebar_header: re.Pattern[str]
    furniture: re.Pattern[str]
    people: dict[str, re.Pattern[str]]
    caption: re.Pattern[str]
    caption_words: tuple[str, ...] | None  # see may_be_caption; None: always run ``caption``
    wire_cue: re.Pattern[str]
    wire_paren: re.Pattern[str]
    wire_cue_lower: re.Pattern[str]  # wire_cue without IGNORECASE: for text lower-cased (see fold_safe)
    wire_paren_lower: re.Pattern[str]
    wire_cue_words: tuple[str, ...] | None  # one of them is in every wire_cue match (lower-cased); None: no test
    wire_names: dict[str, str]  # lowercase surface -> canonical
    outlet_names: dict[str, str]  # lowercase surface -> canonical
    months: dict[str, int]
    lang_words: dict[str, frozenset[str]]
    ms_shared: frozenset[str]


@lru_cache(maxsize=1)
def get() -> Resources:
    bp = load_yaml("boilerplate.yaml")
    lang = load_yaml("language.yaml")
    flags = re.IGNORECASE
    wire_names = {s.lower(): canon for canon, forms in bp["wires"].items() for s in forms}
    outlet_names = {s.lower(): canon for canon, forms in bp["outlets"].items() for s in forms}
    wire_alt = _alternation(list(wire_names))
    wire_cue = (r"\b" + bp["wire_cues"] + r"\s*:?\s*(?:laman\s+|situs\s+|kantor\s+berita\s+|media\s+)?(?P<wire>"
                + wire_alt + r")\b")
    wire_paren = r"\((?P<wire>" + wire_alt + r")\)"
    return Resources(
        sidebar_header=re.compile(r"(?:" + "|".join(bp["sidebar_headers"]) + r")\s*", flags),
        furniture=re.compile(r"(?:" + "|".join(bp["furniture"]) + r")", flags),
        people={k: re.compile(v, flags) for k, v in bp["people"].items()},
        caption=re.compile("|".join(f"(?:{p})" for p in bp["caption_credit"]), flags),
        caption_words=_CAPTION_WORDS if bp["caption_credit"] == _CAPTION_CREDIT else None,
        wire_cue=re.compile(wire_cue, flags),
        wire_paren=re.compile(wire_paren, flags),
        wire_cue_lower=re.compile(wire_cue),
        wire_paren_lower=re.compile(wire_paren),
        wire_cue_words=_WIRE_CUE_WORDS if bp["wire_cues"] == _WIRE_CUES else None,
        wire_names=wire_names,
        outlet_names=outlet_names,
        months={name: int(num) for num, names in bp["months"].items() for name in names},
        lang_words={k: frozenset(lang[k]) for k in ("id", "en", "ms")},
        ms_shared=frozenset(lang["ms_shared"]),
    )


# boilerplate.yaml's wire cues as written when _WIRE_CUE_WORDS was: every alternative has one of these words
# in it, so a lower-cased text without any of them has no wire_cue match (60 % of corpus texts; the scan costs
# ~20 us an article). Another cue list in the YAML turns the test off.
_WIRE_CUES = (r"(?:sumber|dikutip\s+dari|mengutip|dilansir(?:\s+dari)?|melansir|seperti\s+dilansir(?:\s+dari)?"
              r"|seperti\s+dikutip(?:\s+dari)?|dikutip|menurut\s+laporan|laporan|via|dari\s+laman|kata\s+kantor\s+berita)")
_WIRE_CUE_WORDS = ("sumber", "utip", "lansir", "laporan", "via", "laman", "kantor")


# The caption patterns of boilerplate.yaml as written when may_be_caption was: each match ends in ")" (then
# only spaces and a full stop) or contains one of these words. Another list in the YAML turns the test off.
_CAPTION_CREDIT = [
    r"\((?:[^()]{0,80}/)?\s*(?:afp|reuters|ap|antara|xinhua|epa|getty|anadolu|pool|setpres|bpmi|istimewa|dok\.?"
    r"|dokumentasi|file|foto|photo|ist)\b[^()]{0,80}\)\s*\.?$",
    r"\b(?:antara\s*foto|antara)\s*/\s*[^/]{2,40}(/[^/]{1,20})*\.?$",
    r"\((?:foto|photo|gambar)\s*:[^()]{1,120}\)\s*\.?$",
    r"^(?:foto|photo|gambar)\s*:.*",
    r"\b(?:gambar|foto)\s*:\s*[^.]{1,60}\.?$",
]
_CAPTION_WORDS = ("antara", "foto", "photo", "gambar")


def may_be_caption(res: Resources, s: str, low: str) -> bool:
    """False only when ``res.caption.search(s)`` is sure to fail (``low`` is ``s.lower()``)."""
    return caption_from(res, s, low) is not None


def caption_from(res: Resources, s: str, low: str) -> int | None:
    """Where ``res.caption.search(s, pos)`` finds whatever ``res.caption.search(s)`` finds (``low`` is
    ``s.lower()``), or None when it is sure to find nothing: cheaper than the search over all of ``s``, which
    has no first character to look for. IGNORECASE matches these words' letters only in ASCII (checked over
    every code point), so ``in low`` finds whatever the pattern could. Without them only the first pattern
    can match: a parenthesis closed at the end of ``s``, opened at the last "(" (no parenthesis between)."""
    if res.caption_words is None or any(w in low for w in res.caption_words):
        return 0
    t = s.rstrip()
    if t.endswith("."):
        t = t[:-1].rstrip()
    if not t.endswith(")"):
        return None
    i = s.rfind("(")
    return None if i < 0 else i


# The only characters that an IGNORECASE pattern of lower-case ASCII letters matches differently from their
# ``str.lower()`` (checked over every code point): dotted capital I, dotless i, long s
_FOLD_UNSAFE = re.compile("[\u0130\u0131\u017f]")


def fold_safe(text: str) -> bool:
    """True when a case-sensitive pattern of lower-case literals over ``text.lower()`` finds exactly what the
    same pattern with IGNORECASE finds over ``text`` (same length, none of the three odd letters)."""
    # (str.isascii is O(1); a one-character ``in`` is a memchr-like scan, several times faster than the regex)
    return text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text)
