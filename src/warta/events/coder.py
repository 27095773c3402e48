"""The PLOVER event coder: cues from the lexicon, roles from the sentence around them.

For every cue found in a body sentence (one Aho-Corasick pass over the article; the longest
cue wins; ``data/lexicon.yaml``) the coder, with the word lists of ``data/grammar.yaml``:

1. switches the cue off inside an off-context phrase or a capitalised name, next to a blocker
   word of its type, in a purpose clause ("untuk/agar …": an intention), as a topic of talk
   ("membahas …"), as a setting ("di sela-sela pertemuan …"), as an anaphoric noun ("serangan
   tersebut"), as a description ("Houthi yang didukung Iran"), or after a denial, an allegation,
   a threat or a wish (what follows them is not reported as done);
2. finds actor and recipient among the sentence's linked actor mentions by the cue's voice —
   active: subject → object or "dengan/kepada/ke/terhadap X"; passive: "oleh X" → subject;
   noun: possessor or "yang dilakukan X" → "ke/terhadap X", the subject only after a light verb
   ("melakukan serangan") — with compound subjects ("X dan Y bertemu"), pair words ("kedua
   negara"), pronouns, relative clauses, fronted phrases ("Dalam pertemuan dengan X, Qin …"),
   event nouns as objects ("mengecam serangan Israel": the attacker is the recipient), the
   speaker of a quote ("China siap …", said by Qin → Qin), and never the speaker of someone
   else's reported act; relative passives ("Putin yang akan ditemui Jokowi", "yang akan saya
   kunjungi"), subjectless coordinated predicates (", dan menuduh X": the sentence's subject),
   relative clauses between subject and verb, sources after "dari" ("kecaman dari PBB dan OKI"),
   patient nouns ("persona non grata seorang diplomat Rusia"), thanks for an act ("berterima kasih
   kepada X atas bantuan": X gave it), coups (the country's military against its government),
   joining a meeting just reported, and an agentless attack that is one of an agent's attacks;
   a missing recipient may come from the article's dyad (the last event's pair);
3. sets aux from negation, hypothetical and future words and following conditions (said acts
   keep aux null; a said act under a condition or a modal of ability is dropped);
4. dates the event by the expression governing its clause, a said act by the expressions
   outside its quote and before its complement; undated news takes the day the paragraph or
   the lede names, background in a "sejak" clause stays undated;
5. keeps one event per fact (EVENTS.md §7): same type, same sides, overlapping dates (or an
   undated mention within 45 days of the same act dated in the text) → one event with the most
   specific actors and the date found in the text; an arrival and a failed meeting of the same
   sides are one negated CONSULT.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from warta.dates import date_for_clause, find_expressions, is_background, parse_interval
from warta.document import Document, Event, Mention, Sentence
from warta.events.lexicon import Cue, Lexicon, get_lexicon, words_rx

_VERB_RIGHT_BEFORE = re.compile(r"(?<![\w-])(?:me|mem|men|meng|meny|ber|di)[a-z]{3,}\s+$")
_AT_BEFORE = re.compile(r"(?<![\w-])di\s+$")
_LIST_SEP = re.compile(r"^\s*(?:,|dan|serta|,\s*dan|,\s*serta)\s*$")
_RELATIVE_BEFORE = re.compile(r"(?<![\w-])yang(?:\s+(?:selama\s+ini|juga|telah|sudah|sebelumnya|dulu|pernah))?\s*$")
# "Putin yang (juga) akan ditemui Jokowi", "Islamabad, yang kemudian dikecam oleh X": a relative passive
_REL_PASSIVE = re.compile(r"(?<![\w-])yang((?:\s+(?:juga|akan|telah|sudah|pernah|kemudian|lalu|sempat|nantinya|pula))*)\s*$")
_TIMES_IDIOM = re.compile(r"(?:pertama|kedua|ketiga|keempat|kesekian|sekian|terakhir)\s+kali", re.IGNORECASE)
_LOC_START = re.compile(r"\s*di\s")
_SUBORDINATORS = frozenset({"saat", "ketika", "sambil", "seraya", "usai", "seusai", "setelah", "sebelum", "dalam",
                           "selama", "sewaktu", "tatkala"})
_COMPLEMENT = re.compile(r"(?<![\w-])(?:untuk|agar|supaya|bahwa|akan|guna)(?![\w-])")
# "… oleh aparat X", "… yang dilakukan (oleh) X", "… yang dilancarkan X": the agent of a noun cue
_AGENT_TAIL = re.compile(r"(?<![\w-])(?:oleh|yang\s+di[a-z]+(?:\s+oleh)?)(?:\s+[^\s,]+){0,2}\s*$")
_FUTURE_AFTER = re.compile(r"(?<![\w-])(?:mendatang|(?:pekan|minggu|bulan|tahun|hari)\s+depan)(?![\w-])")
_COORD_VERB = re.compile(r",\s*(?:dan|serta|lalu|kemudian)(?:\s+(?:juga|pun|kemudian|lalu|sekaligus))?\s*$")
# "berterima kasih kepada X atas <noun cue>": X did what the noun names
_THANKED_FOR = re.compile(r"terima\s*kasih(?:nya)?\s+(?:kepada|pada)\s+(.{1,60}?)\s+atas\s*$")
# "kecaman (dan kutukan), termasuk dari X": the source of a said act
_FROM_SOURCE = re.compile(r"(?:\s+keras)?(?:\s+(?:dan|serta)\s+[a-z]+)?\s*,?\s*(?:termasuk\s+|antara\s+lain\s+|juga\s+)?"
                          r"dari(?:\s+pihak)?\s+")
# between listed sources: "negara-negara Arab, PBB, dan OKI" (two uncounted words at most)
_SOURCE_SEP = re.compile(r"^\s*,?\s*(?:dan|serta)?\s*(?:[a-z-]+\s+){0,2}$")
_ATTENDED_BY = re.compile(r"\s+(?:tersebut|itu|ini)\s+(?:turut\s+|juga\s+)?(?:diikuti|dihadiri)(?:\s+oleh)?\s")
_TO_MEET = re.compile(r"(?<![\w-])(?:untuk|guna)\s+(?:bertemu|menemui|berjumpa|bertatap\s+muka)(?:\s+dengan)?\s+")
# "pertemuan antara (Presiden) A dan (Perdana Menteri) B": the two sides of a noun cue
_BETWEEN = re.compile(r"\s+antara\s+")
_TITLE_GAP = re.compile(r"(?:[a-z]+\s+){0,3}$")
_AND_WITH_GAP = re.compile(r"\s+(?:dan|dengan)\s+(?:[a-z]+\s+){0,3}$")
_NOT_ONLY = re.compile(r"(?<![\w-])(?:tidak|tak|bukan)\s+(?:hanya|saja|sekadar|sekedar|cuma)(?![\w-])")
_CAUSATIVE = re.compile(r"(?<![\w-])(?:membuat|memaksa|menyebabkan|mendorong|membujuk|meyakinkan)\s+$")
_REL_AGENT = re.compile(r"(?<![\w-])yang\s+(?:\w+\s+)?di[a-z]{3,}(?:\s+oleh)?\s+$")
_REFUSAL = re.compile(r"(?<![\w-])(?:(?:tidak|tak)\s+(?:akan\s+)?(?:pernah\s+)?(?:mau|sudi|bersedia)|(?:tidak|tak)\s+akan"
                      r"(?:\s+pernah)?|enggan)\s+(?:\S+\s+)?$")
_OWN = frozenset({"negaranya", "pemerintahnya", "pihaknya", "kementeriannya", "kami", "kita"})
_FOREIGN_MINISTERS = re.compile(r"foreign|secretary of state")
_SUFFIX = ("nya", "lah", "kah")
_KIND_RANK = {"person": 3, "organization": 2, "group": 2, "igo": 1, "state": 0}
ACTOR_KINDS = frozenset({"state", "person", "organization", "igo", "group", "collective"})
NEEDS_NO_RECIPIENT = frozenset({"MOBILIZE", "PROTEST"})
# a cue reads its sentence no further than this many characters either side (issue 11): a run-on "sentence" of
# thousands of actors would otherwise be searched whole for every cue in it. Real sentences stay under ~500
# characters (the longest of the dev and train sets: 445), so a sentence shorter than this is read whole.
WINDOW = 1000


@dataclass(slots=True)
class CueMatch:
    start: int
    end: int
    cues: tuple[Cue, ...]


@dataclass(slots=True)
class Side:
    name: str
    country: str | None
    kind: str
    sector: str | None = None

    @classmethod
    def of(cls, m: Mention) -> Side:
        return cls(m.name, m.country, m.kind, m.sector)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "country": self.country, "kind": self.kind}
        if self.sector:
            d["sector"] = self.sector
        return d


@dataclass(slots=True)
class _Reading:
    """One cue as ``RuleCoder._code``'s steps read it: the cue and its window, then what each step finds (the
    clause, the type as reread, the sides, aux, date), in the order the steps find it."""

    doc: Document
    text: str
    low: str
    cm: CueMatch
    cue: Cue
    sent: Sentence
    span: tuple[int, int]  # the sentence's span: the event's evidence
    s0: int  # the window the cue is read in (``cue_window``)
    s1: int
    sm: list[Mention]  # the actor mentions of the window
    prev_cue: CueMatch | None  # the cues before and after it in the window
    next_cue: CueMatch | None
    surface: str
    c0: int = 0  # the cue's clause and the break that opens it
    c1: int = 0
    brk_before: str = ""
    verbal: bool = False  # a said act (ACCUSE, REQUEST, …): the cue's type is one of the lexicon's verbal types
    offered: bool = False  # "siap/bersedia …": an offer
    planned: bool = False  # a purpose clause of a planned trip
    joined: Sequence[Side] = ()  # who joined the meeting just reported
    prior_talk: Event | None = None
    rel: re.Match[str] | None = None  # a relative passive before the cue ("yang didukung")
    quote: Any = None  # the quote the cue stands in
    clause_m: Sequence[Mention] = ()  # the clause's mentions, and those left and right of the cue
    left: Sequence[Mention] = ()
    right: Sequence[Mention] = ()
    pre: str = ""  # the clause up to the cue
    nested: bool = False  # a noun cue that is the object of the cue before it
    light: bool = False  # a noun cue that may take the sentence subject
    fronted: bool = False  # "Dalam pertemuan dengan X, Qin …"
    actor: Side | None = None
    recip: Side | None = None
    mutual: bool = False
    subj_used: bool = False  # the actor is the cue's subject
    sources: Sequence[Mention] = ()  # "kecaman dari PBB dan OKI"
    aux: str | None = None
    date: str | None = None
    date_from: str = "default"
    mode: str | None = None


@lru_cache(maxsize=1)
def _grammar() -> dict[str, Any]:
    g = get_lexicon().grammar

    def rx(words: list[str], tail: str = r"\s*$") -> re.Pattern[str]:
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
        return re.compile(r"(?<![\w-])(?:" + alt + r")" + tail)

    return {
        "prep_before": rx(g["prepositions"]),
        "recip_before": rx(g["recipient_preps"]),
        "recip_words": frozenset(g["recipient_preps"]),
        "loc_before": rx(g["locative_preps"]),
        "agent_before": rx(g["agent_preps"]),
        "conj_between": re.compile(r"^\s*,?\s*(?:" + "|".join(map(re.escape, g["conjunctions"])) + r")\s+$"),
        "pronoun": rx(g["pronouns"], r"(?![\w-])"),
        "first_person": rx(g["first_person"], r"(?![\w-])"),
        "second_person": rx(g["second_person"], r"(?![\w-])"),
        "pair": rx(g["pair_words"], r"(?![\w-])"),
        "multilateral": rx(g["multilateral_markers"], r"(?![\w-])"),
        "breaks": tuple(g["clause_breaks"]),
        "new_subject": frozenset(g["new_subject_breaks"]),
        "purpose": frozenset(g["purpose_breaks"]),
        "complement": rx(g["complement_heads"], r"(?:\s+\S+){0,2}\s*$"),
        "reversals": {t: (spec["to"], rx(spec["words"], r"(?![\w-])")) for t, spec in g["reversals"].items()},
        "event_objects": frozenset(g["event_object_types"]),
        "protesters": g["protesters"],
        "open_calls": frozenset(g["open_calls"]),
        "named_object_only": frozenset(g["named_object_only"]),
        "protester_nouns": frozenset(g["protester_nouns"]),
        "stance_verbs": frozenset(g["stance_verbs"]),
        "willing": rx(g["willingness"], r"(?:\s+(?:untuk|segera|kembali|juga|pun))*(?:\s+(?:mengirim|mengirimkan|"
                      r"memberikan|memberi|menyalurkan|melakukan|menggelar|melancarkan))?\s*$"),
        "join": rx(g["join_verbs"], r"(?:\s+\S+){0,1}\s*$"),
        "patient_nouns": frozenset(g["patient_nouns"]),
        "no_bare_object": frozenset(g["no_bare_object"]),
        "retaliation": re.compile(r"(?:\s+\S+){0,3}?\s+[\"“‘']?(?:" + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in g["retaliation"]) + r")(?![\w-])"),
        # "melakukan serangan", "melancarkan berbagai serangan" (but "dalam memerangi terorisme": a verb between)
        "light": rx(g["light_verbs"], r"(?:\s+(?!(?:me|ber|di|ter)[a-z]{3,})\S+){0,1}\s*$"),
        "desire": rx(g["desire_markers"], r"(?:\s+\S+){0,2}\s*$"),
        "patient": rx(g["patient_heads"], r"\s*$"),
        "comitative": rx(g["comitative"]),
        "host_forms": frozenset(g["host_forms"]),
        "background": frozenset(g["background_breaks"]),
        "undergo": rx(g["undergo_verbs"], r"(?:\s+\S+){0,1}\s*$"),
        "phone": rx(g["phone_markers"], r"(?![\w-])"),
        "setting": rx(g["setting_markers"], r"(?:\s+\S+){0,1}\s*$"),
        "non_factive": rx(g["non_factive"], r"(?![\w-])"),
        "conditions_after": rx(g["conditions_after"], r"(?![\w-])"),
        "modal": rx(g["modals"], r"(?:\s+(?:untuk|saja|juga))?\s*$"),
        "source_passives": frozenset(g["source_passives"]),
        "speech": rx(g["speech_verbs"], r"(?![\w-])"),
        "anaphoric_object": re.compile(r"\s*(?:" + "|".join(map(re.escape, g["anaphoric_objects"])) +
                                       r")(?:\s+\S+)?\s+(?:itu|tersebut|ini)(?![\w-])"),
        "prep_any": rx(g["prepositions"] + g["locative_preps"], r"(?![\w-])"),
        "verb_like": re.compile(r"(?<![\w-])(?!(?:" + "|".join(map(re.escape, g["non_verbs"])) +
                                r")(?![\w-]))(?:me|be|di|te)[a-z]{4,}"),
        "anaphoric": re.compile(r"\s+(?:" + "|".join(map(re.escape, g["anaphoric"])) + r")(?![\w-])"),
        "topic_word": rx([w for w in g["topic_markers"] if not w.startswith(("mem", "di"))], r"(?![\w-])"),
        "topic": rx(g["topic_markers"], r"(?:\s+\S+){0,2}(?:\s+(?:dan|serta)(?:\s+\S+){0,1})?\s*$"),
        "fronted": re.compile(r"\W*(?:" + "|".join(re.escape(w) for w in sorted(g["fronted_openers"], key=len,
                                                                                   reverse=True)) + r")\b"),
        "locative_types": frozenset(g["locative_types"]),
        "auxiliaries": frozenset(g["auxiliaries"]),
    }


@lru_cache(maxsize=64)
def _blocker_rx(etype: str) -> re.Pattern[str] | None:
    words = get_lexicon().blockers.get(etype) or ()
    return words_rx(list(words)) if words else None


@lru_cache(maxsize=64)
def _requires_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return words_rx(list(words))


@lru_cache(maxsize=4)
def _breaks_rx(breaks: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, int]] | None:
    """Every occurrence of any clause break, overlapping ones too, and each break's place in the list; None
    unless at most one break can match at a position (none is empty or a prefix of another). The pattern
    consumes a first character of a break (a character set the scan skips to without trying each position)
    and reads the break from it by a look-ahead inside a one-character look-behind: a match per occurrence,
    starting where the break starts."""
    if not breaks or any(b.startswith(a) for a in breaks for b in breaks if a is not b) or "" in breaks:
        return None  # (then RuleCoder._clause searches break by break)
    heads = "".join(sorted({re.escape(b[0]) for b in breaks}))
    alts = "|".join(re.escape(b) for b in breaks)
    return re.compile(f"[{heads}](?<=(?=({alts}))(?s:.))"), {b: i for i, b in enumerate(breaks)}


_SCAN: dict[int, tuple[Lexicon, Any]] = {}  # id(lexicon) -> (lexicon, one automaton of its cues, off phrases, paraphrases)
Hit = tuple[int, int, str, tuple[str, ...]]  # a paraphrase hit, as ``mining.find_mined`` gives it


def find_cues(low: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[CueMatch]:
    """Leftmost-longest whole-word cue matches inside the given spans (sorted, non-overlapping)."""
    return scan_cues(low, spans, lex)[0]


def _scan_automaton(lex: Lexicon) -> Any:
    """One automaton of the lexicon's cues, its off phrases and its paraphrase forms: each key's value is
    (cues or None, the off phrase's length or 0, (form, paraphrase types) or None)."""
    import ahocorasick

    para: dict[str, list[str]] = {}
    for t, forms in sorted(lex.paraphrases.items()):
        for g in forms:
            para.setdefault(g, []).append(t)
    offs = set(lex.off_contexts.keys())
    keys: dict[str, list[Any]] = {}
    for form, cues in lex.automaton.items():
        keys[form] = [cues, len(form) if form in offs else 0, None]
    for phrase in offs:
        keys.setdefault(phrase, [None, len(phrase), None])
    for g, ts in para.items():
        keys.setdefault(g, [None, 0, None])[2] = (g, tuple(sorted(ts)))
    both = ahocorasick.Automaton()
    for k, v in keys.items():
        both.add_word(k, tuple(v))
    both.make_automaton()
    return both


def scan_cues(low: str, spans: list[tuple[int, int]], lex: Lexicon) -> tuple[list[CueMatch], list[Hit]]:
    """``find_cues`` and, from the same pass, ``find_mined(low, spans, lex.paraphrases)``."""
    if not spans:
        return [], []
    got = _SCAN.get(id(lex))
    if got is None or got[0] is not lex:  # one pass over the text finds the cues, off phrases and paraphrases
        got = _SCAN[id(lex)] = (lex, _scan_automaton(lex))
    starts = [s for s, _ in spans]
    off: list[tuple[int, int]] = []
    found: list[CueMatch] = []
    paras: list[Hit] = []
    n = len(low)
    for end, (cues, off_len, para) in got[1].iter(low):
        e = end + 1
        if para is not None:  # whole words only (find_mined), inside a span
            s = e - len(para[0])
            if not ((s > 0 and (low[s - 1].isalnum() or low[s - 1] == "-"))
                    or (e < n and (low[e].isalnum() or low[e] == "-"))):
                i = bisect.bisect_right(starts, s) - 1
                if i >= 0 and e <= spans[i][1]:
                    paras.append((s, e, para[0], para[1]))
        if off_len:
            off.append((e - off_len, e))
        if cues is None:
            continue
        s = e - len(cues[0].form)
        if s > 0 and (low[s - 1].isalnum() or low[s - 1] == "-"):
            continue
        if e < n and (low[e].isalnum() or low[e] == "-"):
            if not any(low.startswith(suf, e) and (e + len(suf) >= n or not low[e + len(suf)].isalnum())
                       for suf in _SUFFIX):
                continue
        i = bisect.bisect_right(starts, s) - 1
        if i < 0 or e > spans[i][1]:
            continue
        found.append(CueMatch(s, e, cues))
    paras.sort()
    if off:  # a cue inside an off phrase (the phrase may end after the cue: filtered once all are known)
        found = [m for m in found if not any(a <= m.start and m.end <= b for a, b in off)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[CueMatch] = []
    last_end = -1
    for m in found:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
        elif out and m.end - m.start > out[-1].end - out[-1].start and m.start < out[-1].end:
            # a longer cue starting inside the previous one wins
            out[-1] = m
            last_end = m.end
    return out, paras


class RuleCoder:
    """Fills ``doc.events`` from the body sentences, actor mentions, quotes and dates, by rules alone.

    The learned step (``step.EventsStep``) runs it first: its events are candidates and features."""

    name = "events-rules"
    last_matches: tuple[str, list[CueMatch], list[Hit]] | None = None  # and the paraphrase hits
    last_exprs: tuple[str, list[Any]] | None = None  # the article's date expressions, for the learned step too

    def __init__(self) -> None:
        self.lex = get_lexicon()
        self.g = _grammar()
        # the clause breaks found in a window of the text: (the text, {(start, end): [(offset, break), ...]})
        self._breaks_of: tuple[str | None, dict[tuple[int, int], list[tuple[int, str]]]] = (None, {})

    # ---- main ---------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        if not doc.sentences or not doc.mentions:
            return doc
        text = doc.text
        low = doc.lower_text()
        spans = [(p.start, p.end) for p in doc.paragraphs if p.kind in ("body", "caption")]
        matches, paras = scan_cues(low, spans, self.lex)
        self.last_matches = (doc.id, matches, paras)  # the learned step's candidates reuse them
        if not matches:
            return doc
        mentions = _top_mentions(doc.mentions)
        m_starts = [m.start for m in mentions]
        sents = doc.sentences
        s_starts = [s.start for s in sents]
        quotes = QuoteIndex(doc.quotes)
        events: list[Event] = []
        ctx = _Context()
        ctx.place = _place_country(doc)
        ctx.persons = [m for m in mentions if m.kind == "person"]
        ctx.dates = _DateIndex(None, doc.published, text)  # scanned when a cue first needs a date
        for m in doc.mentions:
            ctx.named.setdefault(m.name, m)
        cur_sent = -1
        for k, cm in enumerate(matches):
            si = bisect.bisect_right(s_starts, cm.start) - 1
            if si < 0 or cm.end > sents[si].end:
                continue
            sent = sents[si]
            if si != cur_sent:
                # carry context from the sentences between
                for j in range(cur_sent + 1, si):
                    ctx.see(_mentions_in(mentions, m_starts, sents[j].start, sents[j].end))
                cur_sent = si
                sm = _mentions_in(mentions, m_starts, sent.start, sent.end)
                sm_starts = [m.start for m in sm]
                ctx.see(sm)
            window = cue_window(low, sent.start, sent.end, cm.start, cm.end)
            ev = self._code(doc, text, low, k, sent, in_window(sm, sm_starts, *window), quotes, [], ctx,
                            matches, window)
            if ev is not None:
                events.append(ev)
                ctx.last_event = ev
                ctx.last_of_type[ev.type] = ev
            events.extend(ctx.pending)  # the other pairs of a meeting of three or more
            ctx.pending.clear()
        self.last_exprs = (doc.id, ctx.dates.scanned())  # None when no cue needed them (the learned step scans)
        doc.events = dedupe(events)
        return doc

    # ---- one cue --------------------------------------------------------------
    def _code(self, doc: Document, text: str, low: str, k: int, sent: Sentence, sm: list[Mention],
              quotes: QuoteIndex, exprs: list[Any], ctx: _Context, matches: list[CueMatch],
              window: tuple[int, int] | None = None) -> Event | None:
        """One cue's event. ``sm`` are the actor mentions of ``window`` (the part of the sentence the cue is
        read in, ``cue_window``; the whole sentence by default); the event's span is the whole sentence.
        Each step below reads one thing about the cue into ``r``; a step that returns True switches it off."""
        cm = matches[k]
        span = (sent.start, sent.end)
        s0, s1 = window if window is not None else span
        r = _Reading(doc, text, low, cm, cm.cues[0], sent, span, s0, s1, sm,
                     prev_cue=matches[k - 1] if k > 0 and matches[k - 1].end > s0 else None,
                     next_cue=matches[k + 1] if k + 1 < len(matches) and matches[k + 1].start < s1 else None,
                     surface=text[cm.start : cm.end])
        if self._in_name_or_blocked(r):
            return None
        self._read_clause(r)
        self._reread_type(r)
        if self._intention_or_topic(r):
            return None
        self._joined_meeting(r, ctx)
        if self._not_reported(r) or self._nested(r, quotes):
            return None
        if self._roles_by_voice(r, ctx):
            return None
        if self._pair_or_nested_sides(r, ctx):
            return None
        self._actor_by_reference(r, ctx)
        if self._unfit_sides(r):
            return None
        self._recipient_by_reference(r, ctx)
        if self._recipient_from_dyad(r, ctx):
            return None
        self._visit_sides(r)
        self._most_specific_actor(r, ctx)
        if self._read_aux(r):
            return None
        self._read_date(r, ctx, exprs)
        return self._events(r, ctx)

    def _in_name_or_blocked(self, r: _Reading) -> bool:
        """A capitalised cue inside a name, a cue missing the words it requires, or one next to a blocker."""
        cm, low, cue, s0, s1 = r.cm, r.low, r.cue, r.s0, r.s1
        words = r.surface.split()
        if cm.start > s0 + 2 and all(w[:1].isupper() for w in words) and (
                len(words) > 1 or _next_word(r.text, cm.end, s1)[:1].isupper()):
            return True  # a capitalised cue mid-sentence is part of a name ("Kerja Sama Ekonomi …")
        if cue.requires is not None and not _requires_rx(cue.requires).search(low, cm.end, min(s1, cm.end + 60)):
            return True  # "menggelar aksi" is a protest only "di depan" a building
        blk = _blocker_rx(cue.type)
        # next to the cue (its own words do not block it: "memberi tenggat waktu")
        return bool(blk and (blk.search(low, max(s0, cm.start - 40), cm.start)
                             or blk.search(low, cm.end, min(s1, cm.end + 40))))

    def _read_clause(self, r: _Reading) -> None:
        """The cue's clause, past a relative clause that has ended or a purpose clause closed by a comma."""
        cm, low, sm = r.cm, r.low, r.sm
        c0, c1, brk_before, _brk_after = self._clause(low, r.s0, r.s1, cm.start, cm.end, r.text)
        if brk_before == ", yang" and (ci := low.rfind(",", c0, cm.start)) >= 0 and all(
                w.strip(",") in self.g["auxiliaries"] for w in low[ci + 1 : cm.start].split()):
            # "Belarusia, yang berbatasan dengan Ukraina, mengizinkan …": the relative clause has ended and the
            # cue's subject is the one it described
            head = next((m for m in reversed(sm) if m.end <= c0 - len(brk_before) + 1
                         and not low[m.end : c0 - len(brk_before)].strip()), None)
            if head is not None:
                c0, brk_before = head.start, ""
        elif brk_before in self.g["purpose"] and (ci := low.rfind(",", c0, cm.start)) >= 0:
            # "… untuk mengundang X hadir di G20, Jokowi juga menawarkan …": the purpose clause ended at the
            # comma, and a new subject begins the cue's clause
            lead = next((m for m in sm if ci < m.start < cm.start), None)
            if lead is not None and not low[ci + 1 : lead.start].strip() and all(
                    w.strip(",") in self.g["auxiliaries"] for w in low[lead.end : cm.start].split()):
                c0, brk_before = ci + 1, ","
        r.c0, r.c1, r.brk_before = c0, c1, brk_before

    def _reread_type(self, r: _Reading) -> None:
        """Words that turn the cue into another type: a reversal ("membatalkan sanksi"), a stated readiness."""
        g, cm, low = self.g, r.cm, r.low
        rev = g["reversals"].get(r.cue.type)
        if rev is not None and rev[1].search(low, max(r.c0, cm.start - 40), min(r.c1, cm.end + 40)):
            r.cue = self._retype(r.cue, rev[0])
        r.verbal = r.cue.type in self.lex.verbal_types
        if not r.verbal and g["willing"].search(low, max(r.s0, cm.start - 30), cm.start):
            # "Trump siap bertemu Rouhani", "Rusia bersedia mengirim bantuan": an offer (AGREE);
            # "AS siap menyerang Iran": a threat
            r.cue = self._retype(r.cue, "THREATEN" if r.cue.quad.endswith("conf") else "AGREE")
            r.verbal = r.offered = True

    def _intention_or_topic(self, r: _Reading) -> bool:
        """An intention ("… untuk menyerang …"), a topic of talk, the gathering where a meeting happens."""
        g, cm, low, c0, cue = self.g, r.cm, r.low, r.c0, r.cue
        brk = r.brk_before
        if brk in g["purpose"] and not g["complement"].search(low, max(r.s0, c0 - len(brk) - 20), c0 - len(brk) + 1):
            # "… untuk menyerang …" is an intention; in a planned trip ("dijadwalkan … guna bertemu X") a plan
            if r.verbal or not self.lex.future_rx.search(low, r.s0, c0):
                return True
            r.planned = True
        if g["topic"].search(low, max(c0, cm.start - 40), cm.start):
            return True
        # "bertemu Rouhani di pertemuan PBB": the gathering where it happens
        return cue.type == "CONSULT" and cue.voice == "noun" and bool(
            _AT_BEFORE.search(low, max(r.s0, cm.start - 4), cm.start))

    def _joined_meeting(self, r: _Reading, ctx: _Context) -> None:
        """"Erdogan bergabung dalam pertemuan tersebut", "pertemuan itu turut dihadiri X dan Y": they joined the
        meeting just reported (``r.joined``, the sides not already in it)."""
        g, cm, low, cue, sm = self.g, r.cm, r.low, r.cue, r.sm
        r.prior_talk = prior_talk = ctx.last_of_type.get("CONSULT")
        if not (cue.type == "CONSULT" and cue.voice == "noun" and g["anaphoric"].match(low, cm.end) and
                prior_talk is not None and prior_talk.actor and prior_talk.recipient):
            return
        joined: list[Side] = []
        attended = _ATTENDED_BY.match(low, cm.end)
        if attended is not None:
            joined = [Side.of(m) for m in sm if m.start >= attended.end()][:4]
        elif g["join"].search(low, max(r.s0, cm.start - 30), cm.start):
            who = self._subject(low, [m for m in sm if m.end <= cm.start], r.s0)
            joined = [Side.of(who)] if who is not None else []
        talk_sides = [_side(prior_talk.actor), _side(prior_talk.recipient)]
        r.joined = [j for j in joined if j.country and j.country not in {t.country for t in talk_sides}]

    def _not_reported(self, r: _Reading) -> bool:
        """A noun that points back or sets the scene, what protesters asked, a description ("yang mendukung",
        "Houthi yang didukung Iran"), a wish, a denial or an allegation: not an act reported as done."""
        g, cm, low, cue, s0, c0 = self.g, r.cm, r.low, r.cue, r.s0, r.c0
        if cue.voice == "noun" and not r.joined and (g["anaphoric"].match(low, cm.end) or (
                g["setting"].search(low, max(s0, cm.start - 25), cm.start) and not r.surface.lower().endswith("nya"))):
            return True  # "pertemuan tersebut" points back; "di sela-sela pertemuan X" is a setting
        nc = r.next_cue
        if cue.form in g["protester_nouns"] and nc is not None and \
                nc.cues[0].type in self.lex.verbal_types and len(low[cm.end : nc.start].split()) <= 4:
            return True  # "Demonstran Hong Kong mendesak Inggris …": what they asked, not a protest against it
        if cue.form in g["stance_verbs"] and _RELATIVE_BEFORE.search(low, max(s0, cm.start - 25), cm.start):
            return True  # "negara-negara Eropa yang mendukung perjanjian itu": who they are, not what they did
        r.rel = rel = _REL_PASSIVE.search(low, max(s0, cm.start - 40), cm.start) if cue.voice == "passive" else None
        if rel is not None and "akan" not in rel.group(1).split() and not (
                r.verbal and g["agent_before"].match(low, _skip_space(low, cm.end))):
            return True  # "Houthi yang didukung Iran": a description of the Houthis, not a reported act
        # (but "Putin yang akan ditemui Jokowi" is a planned meeting, "yang disalahkan oleh X" an accusation)
        if not r.verbal and g["desire"].search(low, max(c0, cm.start - 30), cm.start):
            return True
        return not r.verbal and bool(g["non_factive"].search(low, s0, cm.start))  # denied or alleged

    def _nested(self, r: _Reading, quotes: QuoteIndex) -> bool:
        """The clause's sides, and a cue nested under the cue before it: "mengutuk serangan …" (the attack is
        the object), "menyerukan pertemuan" (asked for, not held: off), "berjanji memukul X" (a threat)."""
        g, cm, low, cue = self.g, r.cm, r.low, r.cue
        prev, nc = r.prev_cue, r.next_cue
        r.quote = quotes.containing(cm.start, cm.end)
        r.clause_m = clause_m = [m for m in r.sm if m.start >= r.c0 and m.end <= r.c1]
        r.left = [m for m in clause_m if m.end <= cm.start]
        r.right = [m for m in clause_m if m.start >= cm.start and m.end > cm.end]  # "memanggil duta besar X"
        r.pre = low[r.c0 : cm.start]
        nested = cue.voice == "noun" and prev is not None and len(low[prev.end : cm.start].split()) <= 2
        if r.offered:
            nested = False  # "bersedia mengirim bantuan": the offer itself, the bare "bersedia" says nothing more
        elif nested and prev.cues[0].type in ("REQUEST", "AGREE", "THREATEN"):  # type: ignore[union-attr]
            return True  # "menyerukan pertemuan": asked for or promised, not held
        elif not r.verbal and cue.voice == "active" and prev is not None and \
                prev.cues[0].type in ("REQUEST", "AGREE", "THREATEN") and prev.cues[0].voice == "active" and \
                len(low[prev.end : cm.start].split()) <= 1:
            return True  # "berjanji mencaplok Lembah Yordan", "mengancam akan menyerang": promised, not done
        r.nested = nested
        if cue.type == "AGREE" and nc is not None and len(low[cm.end : nc.start].split()) <= 4 and \
                nc.cues[0].type in ("ASSAULT", "COERCE", "SANCTION") and not g["comitative"].search(
                    low, cm.end, nc.start):
            r.cue = self._retype(cue, "THREATEN")  # "berjanji untuk memukul X": a threat
        elif cue.type == "AGREE" and g["retaliation"].match(low, cm.end, min(r.s1, cm.end + 60)):
            r.cue = self._retype(cue, "THREATEN")  # "berjanji memberikan tanggapan yang tegas": a promise to hit back
        # a noun cue takes the sentence subject only after a light verb ("X melakukan serangan") or with -nya
        r.light = r.cue.voice != "noun" or r.surface.lower().endswith("nya") or bool(
            g["light"].search(low, max(r.c0, cm.start - 30), cm.start)) or cm.start - r.c0 < 3
        r.mutual = r.cue.mutual
        return False

    # ---- the sides, by the cue's voice
    def _roles_by_voice(self, r: _Reading, ctx: _Context) -> bool:
        """Actor and recipient from the cue's own phrase, by its voice (True: a coup with no country named)."""
        g, cm, low, cue, sm = self.g, r.cm, r.low, r.cue, r.sm
        comma = low.find(",", r.s0, r.s1)
        r.fronted = cue.voice == "noun" and 0 <= cm.end <= comma and bool(g["fronted"].match(low, r.s0, comma))
        if cue.domestic:
            # "kudeta militer di Myanmar": the military of the country named with the coup against its government
            where = next((m for m in r.clause_m if m.kind == "state" and m.start >= cm.end
                          and len(low[cm.end : m.start].split()) <= 3), None) or next(
                (m for m in reversed(r.left) if m.kind == "state"), None)
            if where is None:
                return True
            r.actor = Side(f"{where.name} military", where.country, "organization", "MIL")
            r.recip = Side(f"Government of {where.name}", where.country, "state", "GOV")
        else:
            r.sources = self._sources(r)
        thanks = _THANKED_FOR.search(low, r.s0, cm.start) if cue.voice == "noun" and not cue.domestic else None
        thanked = next((m for m in sm if thanks.start(1) <= m.start < thanks.end(1)), None) if thanks else None
        if r.joined:
            r.actor, r.recip, r.mutual = r.joined[0], _side(r.prior_talk.actor), True  # type: ignore[union-attr]
        elif cue.domestic:
            pass
        elif r.sources:
            self._roles_of_sources(r, ctx)
        elif thanked is not None:
            self._roles_of_thanks(r, ctx, thanked, thanks.start())  # type: ignore[union-attr]
        elif r.fronted:
            self._roles_fronted(r, comma)
        elif cue.voice == "passive" or (cue.voice == "noun" and g["undergo"].search(low, max(r.c0, cm.start - 25),
                                                                                      cm.start)):
            self._roles_passive(r)
        else:
            self._roles_direct(r, ctx)
        return False

    def _sources(self, r: _Reading) -> list[Mention]:
        """"memicu kecaman dari negara-negara Arab, PBB, dan OKI": the sources after "dari" voiced the said act."""
        src = _FROM_SOURCE.match(r.low, r.cm.end) if r.cue.voice == "noun" and r.verbal else None
        sources: list[Mention] = []
        if src is None:
            return sources
        for m in r.sm:
            if m.start < src.end() or m.kind not in ("state", "igo", "person", "organization"):
                continue
            prev_end = sources[-1].end if sources else src.end()
            gap = r.low[prev_end : m.start]
            if not sources and len(gap.split()) > 3 or sources and not _LIST_SEP.match(gap) and \
                    not _SOURCE_SEP.match(gap):
                break
            sources.append(m)
        return sources

    def _roles_of_sources(self, r: _Reading, ctx: _Context) -> None:
        """The first source acts; on the sentence's subject, else on the actor of the event it speaks of."""
        r.actor = actor = Side.of(r.sources[0])
        target = self._subject(r.low, [m for m in r.sm if m.end <= r.cm.start], r.s0)
        prev = ctx.last_event
        if target is not None and target.country != actor.country:
            r.recip = Side.of(target)
        elif prev is not None and prev.actor and prev.type in self.g["event_objects"]:
            r.recip = _side(prev.actor)

    def _roles_of_thanks(self, r: _Reading, ctx: _Context, thanked: Mention, thanks_at: int) -> None:
        """"Lavrov berterima kasih kepada pihak Tiongkok atas belasungkawa mereka": China gave them, to the one
        who thanks."""
        r.actor = Side.of(thanked)
        prev = ctx.last_event
        if prev is not None and prev.span == r.span and prev.actor and prev.type == "SUPPORT":
            r.recip = _side(prev.actor)
        else:
            thanker = self._subject(r.low, [m for m in r.sm if m.end <= thanks_at], r.s0)
            r.recip = Side.of(thanker) if thanker is not None else None

    def _roles_fronted(self, r: _Reading, comma: int) -> None:
        """"Dalam pertemuan dengan X, Qin menyatakan …": the cue belongs to the main clause's subject."""
        low, sm, cm = r.low, r.sm, r.cm
        main = self._subject(low, [m for m in sm if m.start > comma], comma)
        inner = [m for m in sm if cm.end <= m.start and m.end <= comma]
        rm = self._recipient(low, inner, cm.end, r.cue, Side.of(main) if main else None)
        if rm is None and main is not None:
            rm = next((m for m in sm if m.start > main.end and m.country != main.country
                       and self._preceded(low, m.start, self.g["recip_before"], main.end)), None)
        r.actor = Side.of(main) if main else None
        r.recip = Side.of(rm) if rm else None

    def _roles_passive(self, r: _Reading) -> None:
        """A passive (or "mengalami serangan"): the subject undergoes it, "oleh X" does it."""
        g, low, cm, rel, left, right = self.g, r.low, r.cm, r.rel, r.left, r.right
        head = next((m for m in reversed(left) if rel is not None and not low[m.end : rel.start()].strip(" ,")),
                    None) if rel is not None else None
        recip_m = head or self._subject(low, left, r.c0, cm.start) or next(
            (m for m in left if self._preceded(low, m.start, g["agent_before"], r.c0)), None)
        agent = self._agent(low, right, cm.end)
        if agent is not None and head is None:
            # "… disalahkan oleh New Delhi kepada Islamabad": the one blamed follows the agent
            to = next((m for m in right if m.start > agent.end and m.country != agent.country
                       and g["recip_before"].search(low, max(agent.end, m.start - 14), m.start)
                       and len(low[agent.end : m.start].split()) <= 3), None)
            recip_m = to or recip_m
        if agent is None and r.cue.form in g["source_passives"]:
            # "roket ditembakkan dari Gaza ke Israel": from where is who, to where is whom
            agent = next((m for m in right if re.search(r"(?<![\w-])dari\s*$", low[cm.end : m.start])), None)
            if recip_m is None:
                recip_m = next((m for m in right if m is not agent and re.search(
                    r"(?<![\w-])(?:ke|ke\s+arah|terhadap)\s*$", low[cm.end : m.start])), None)
        r.actor = Side.of(agent) if agent else None
        r.recip = Side.of(recip_m) if recip_m else None

    def _roles_direct(self, r: _Reading, ctx: _Context) -> None:
        """An active verb or a noun: the subject (or the noun's possessor) acts on the object or on the one a
        preposition introduces."""
        g, low, cm, cue = self.g, r.low, r.cm, r.cue
        if cue.voice == "noun" and (cue.mutual or cue.type == "CONSULT") and (both := self._between(r)) is not None:
            # "perundingan antara Iran dan Amerika Serikat": the two sides of a mutual act the noun names
            r.actor, r.recip, r.mutual = Side.of(both[0]), Side.of(both[1]), True
            return
        poss = self._noun_possessor(r)
        subj = self._direct_subject(r)
        if poss is not None and cue.form in g["patient_nouns"] and subj is not None and \
                not _AGENT_TAIL.search(low, cm.end, poss.start) and subj.country != poss.country:
            # "Moldova menyatakan persona non grata seorang diplomat Rusia": the noun's complement suffers it
            r.actor, r.recip, r.subj_used = Side.of(subj), Side.of(poss), True
            rest: list[Mention] = []
        elif poss is not None:
            r.actor = Side.of(poss)
            rest = [m for m in r.right if m.start >= poss.end]
            between = [m for m in r.right if m.end <= poss.start and m.country != poss.country]
            if between and _AGENT_TAIL.search(low, between[0].end, poss.start):
                # "penangkapan kapal nelayan Jepang oleh aparat Indonesia": the patient comes first
                r.recip = Side.of(between[0])
        else:
            rest = r.right
            if subj is not None:
                r.actor = Side.of(subj)
                r.subj_used = True
                comp = self._compound(low, r.left, subj) if cue.mutual else None
                if comp is not None and comp.country != subj.country and (
                        (other := self._recipient(low, rest, cm.end, cue, r.actor)) is None
                        or other.country in (subj.country, comp.country)):
                    # "X dan Y bertemu" (but "X dan Y bekerja sama dengan Z": X and Y act on Z)
                    r.actor, r.recip, r.mutual = Side.of(subj), Side.of(comp), True
        nc = r.next_cue
        if r.verbal and nc is not None and len(low[cm.end : nc.start].split()) <= 3 and \
                nc.cues[0].type in g["event_objects"] and not any(cm.end <= m.start < nc.start for m in r.sm):
            # "mengecam serangan …" (no side named before the event noun, as in "mengecam Israel atas serangan"):
            # the said act's recipient is the actor of the event it speaks of
            obj = self._possessor(low, [m for m in r.sm if m.start >= nc.end], nc.end)
            prior = ctx.last_of_type.get(nc.cues[0].type)
            if obj is not None:
                r.recip = Side.of(obj)
            elif prior is not None and prior.actor:
                r.recip = _side(prior.actor)
        elif r.recip is None:
            rm = self._recipient(low, rest, poss.end if poss is not None else cm.end, cue, r.actor)
            if rm is None and poss is not None and cue.type == "CONSULT":
                # "X menyambut kunjungan kenegaraan Y": the host is the subject
                host = self._subject(low, r.left, r.c0, cm.start)
                rm = host if host is not None and host.country != poss.country else None
            if rm is None and subj is not None:
                # "X bertukar ucapan selamat dengan Y lewat sambungan telepon": Y before the cue
                rm = next((m for m in r.left if m.start > subj.end and (r.actor is None or m.country != r.actor.country)
                           and self._preceded(low, m.start, g["recip_before"], subj.end)), None)
            r.recip = Side.of(rm) if rm else None

    def _between(self, r: _Reading) -> tuple[Mention, Mention] | None:
        """"<noun> antara A dan/dengan B": A and B (two countries; a title of up to three words before each)."""
        at = _BETWEEN.match(r.low, r.cm.end)
        if at is None:
            return None
        first = next((m for m in r.right if m.start >= at.end()), None)
        if first is None or not _TITLE_GAP.match(r.low, at.end(), first.start):
            return None
        second = next((m for m in r.right if m.start >= first.end), None)
        if second is None or not second.country or second.country == first.country or not first.country:
            return None
        return (first, second) if _AND_WITH_GAP.match(r.low, first.end, second.start) else None

    def _noun_possessor(self, r: _Reading) -> Mention | None:
        """A noun cue's possessor ("serangan Iran"; "invasinya": the one named just before). "serangan terhadap
        Konsulat Iran": a cue ending in its preposition has a recipient next, no possessor."""
        g, low, cm, cue = self.g, r.low, r.cm, r.cue
        poss = self._possessor(low, r.right, cm.end) if cue.voice == "noun" and \
            cue.form.rsplit(" ", 1)[-1] not in g["recip_words"] else None
        if poss is None and cue.voice == "noun" and r.surface.lower().endswith("nya") and r.left and not (
                g["setting"].search(low, max(r.s0, cm.start - 25), cm.start)
                or g["light"].search(low, max(r.c0, cm.start - 30), cm.start)):
            poss = r.left[-1]  # "sanksi terhadap Rusia atas invasinya": -nya is the one named just before
        return poss

    def _direct_subject(self, r: _Reading) -> Mention | None:
        """The subject of an active verb or of a noun after a light verb (not the speaker of someone else's act)."""
        low, cm, c0, left = r.low, r.cm, r.c0, r.left
        if r.cue.voice == "active" and _COORD_VERB.search(low, max(c0, cm.start - 20), cm.start):
            # "Pakistan mengatakan bahwa …, dan menuduh New Delhi …": a predicate with no subject of its
            # own shares the sentence's subject
            subj = self._subject(low, [m for m in r.sm if m.end <= cm.start], r.s0)
        elif r.cue.voice == "active" and left and _CAUSATIVE.search(low, max(c0, left[-1].start - 16), left[-1].start) \
                and "," not in low[left[-1].end : cm.start] and len(low[left[-1].end : cm.start].split()) <= 3:
            # "Pernyataan Bolton membuat Kim marah dan mengancam …", "memaksa Iran menarik pasukan": the one
            # made to act is the subject of the act
            subj = left[-1]
        else:
            subj = None if r.nested or not r.light else self._subject(low, left, c0, cm.start)
        if subj is not None and not r.verbal and self._reports(low, subj.end, cm.start, r.cue):
            return None  # "Pompeo mengatakan serangan itu …": the speaker reports, he does not attack
        return subj

    # ---- the sides from the context: pair words, nested events, quotes, pronouns, the main clause
    def _pair_or_nested_sides(self, r: _Reading, ctx: _Context) -> bool:
        """"kedua negara": the article's pair; a nested event noun with no actor of its own takes the actor of
        the event just reported of its type (True: there is none)."""
        g, low, cm = self.g, r.low, r.cm
        pair_from = max(r.c0, cm.start - 30) if r.brk_before not in g["purpose"] else max(r.s0, cm.start - 70)
        pw = g["pair"].search(low, pair_from, cm.start)
        if pw and (r.actor is None or not r.left) and r.light and ctx.pair() is not None:
            ctx.office = _FOREIGN_MINISTERS if "menlu" in pw.group(0) or "luar negeri" in pw.group(0) else None
            a, b = ctx.pair()  # type: ignore[misc]
            ctx.office = None
            r.actor, r.recip, r.mutual = a, b, True
        if r.nested and r.actor is None:
            prior = ctx.last_of_type.get(r.cue.type) if r.cue.type in g["event_objects"] else None
            if prior is None or not prior.actor:
                return True
            r.actor = _side(prior.actor)
            if r.recip is None and prior.recipient:
                r.recip = _side(prior.recipient)
        return False

    def _actor_by_reference(self, r: _Reading, ctx: _Context) -> None:
        """An actor the cue's phrase does not name: the quote's speaker, a pronoun's antecedent, the head of a
        relative clause, a country's protesters, the main clause's subject, one of an agent's acts."""
        g, low, cm, cue, sm, quote = self.g, r.low, r.cm, r.cue, r.sm, r.quote
        if r.actor is None and quote is not None and quote.speaker:
            if g["first_person"].search(r.pre) or g["first_person"].match(low, cm.start) or (r.verbal and not r.left):
                r.actor = _speaker_side(quote.speaker, ctx.named)
        if r.actor is None and r.light and g["pronoun"].search(r.pre):
            r.actor = self._pronoun_actor(r, ctx)
        if r.actor is None and r.brk_before == ", yang":
            before = [m for m in sm if m.end <= r.c0]
            if before and len(low[before[-1].end : r.c0].split()) <= 2:
                r.actor = Side.of(before[-1])
        if r.actor is None and cue.type == "PROTEST" and ctx.place:
            r.actor = Side(g["protesters"]["name"], ctx.place, "collective", g["protesters"]["sector"])
        if r.actor is None and r.brk_before not in g["new_subject"] and not r.fronted and r.light and \
                cue.voice != "passive":
            main = self._subject(low, [m for m in sm if m.end <= cm.start], r.s0, cm.start)
            if main is not None and (r.recip is None or main.country != r.recip.country) and (
                    r.verbal or not self._reports(low, main.end, cm.start, cue)):
                r.actor = Side.of(main)  # not the speaker of a material act he reports
        prev = r.prev_cue
        if r.actor is None and cue.voice == "noun" and prev is not None and prev.cues[0].type == cue.type:
            # "serangan yang dilakukan oleh Israel, termasuk serangan terhadap konsulat Iran": one of them
            inner = [m for m in sm if prev.end <= m.start and m.end <= cm.start]
            if inner and re.search(r"(?<![\w-])termasuk\s*$", low[inner[-1].end : cm.start]) and \
                    _AGENT_TAIL.search(low, prev.end, inner[0].start) and \
                    (r.recip is None or inner[0].country != r.recip.country):
                r.actor = Side.of(inner[0])
        last_attack = ctx.last_of_type.get("ASSAULT")
        if r.actor is None and r.recip is not None and cue.voice == "noun" and cue.type == "ASSAULT" and \
                last_attack is not None and last_attack.actor and \
                (last_attack.recipient or {}).get("country") == r.recip.country:
            # "Serangan rudal terhadap Konsulat Iran … menewaskan 13 orang": the attack on that side just reported
            r.actor = _side(last_attack.actor)

    def _pronoun_actor(self, r: _Reading, ctx: _Context) -> Side | None:
        """"Trump mengatakan bahwa dia …", "Houthi mengatakan pihaknya menyerang …": the speaker; else "ia/dia" is
        the last person named before the cue (else the last subject), "mereka" a body, a group or a state."""
        g, low, cm, sm, s0 = self.g, r.low, r.cm, r.sm, r.s0
        said = g["speech"].search(low, max(s0, cm.start - 40), cm.start)
        if r.brk_before == " bahwa " or (said is not None and re.match(
                r"\s*(?:bahwa\s+)?(?:ia|dia|pihaknya|mereka|negaranya)\s+(?:\S+\s+)?$", low[said.end() : cm.start])):
            end = r.c0 if r.brk_before == " bahwa " else said.start()  # type: ignore[union-attr]
            main = self._subject(low, [m for m in sm if m.end <= end], s0)
            return Side.of(main) if main else ctx.subject
        plural = re.search(r"(?<![\w-])mereka\s*(?:\S+\s+)?$", r.pre) is not None
        last = next((m for m in reversed([*ctx.recent, *r.left]) if (m.kind != "person") == plural
                     and m.end <= cm.start and m.start < r.c0 and m.kind != "collective"), None)
        return Side.of(last) if last is not None else None if plural else ctx.subject

    def _unfit_sides(self, r: _Reading) -> bool:
        """No actor, the press as the one who accuses, citizens acting outside a protest (EVENTS.md §2); a
        government's protest is a diplomatic one (ACCUSE), a call to citizens is no REQUEST to a state."""
        actor, cue = r.actor, r.cue
        if actor is None or actor.country is None:
            return True
        if r.verbal and actor.sector == "MED":
            return True  # "… ,” media pemerintah Rusia melaporkan": the press reports, it does not accuse
        if actor.kind == "collective" and cue.type != "PROTEST":
            return True  # "warga Rusia" acts only in its own protest (EVENTS.md §2)
        if cue.type == "PROTEST" and actor.kind != "collective":
            r.cue = self._retype(cue, "ACCUSE")  # a government's protest is a diplomatic one (EVENTS.md §3)
        if r.recip is not None and r.recip.kind == "collective":
            if r.cue.type == "REQUEST":
                return True  # a call to a country's citizens, not to a state
            r.recip = None
        return False

    def _recipient_by_reference(self, r: _Reading, ctx: _Context) -> None:
        """A recipient the phrase does not name: "kedua negara" after the cue, "langkah itu" (the one who took
        it), "Anda" in a quote (its addressee), "memintanya" (the last person named)."""
        g, low, cm, actor, quote = self.g, r.low, r.cm, r.actor, r.quote
        assert actor is not None
        if r.recip is None and g["pair"].search(low, cm.end, min(r.c1, cm.end + 45)) and ctx.pair() is not None:
            a, b = ctx.pair()  # type: ignore[misc]
            r.recip = b if a.country == actor.country else a if b.country == actor.country else None
        if r.recip is None and r.verbal and g["anaphoric_object"].match(low, cm.end) and ctx.last_event is not None:
            # "Moskow mengutuk langkah itu": the one who took that step
            prev = ctx.last_event
            for side in (prev.actor, prev.recipient):
                if side and side.get("country") and side.get("country") != actor.country:
                    r.recip = _side(side)
                    break
        if r.recip is None and quote is not None and g["second_person"].search(low, cm.end, r.c1) and quote.addressee:
            r.recip = _speaker_side(quote.addressee, ctx.named)
        if r.recip is None and r.surface.lower().endswith("nya"):
            # "memintanya": the enclitic is the last person named before
            back = next((m for m in reversed(ctx.recent) if m.kind == "person" and m.start < cm.start
                         and m.country and m.country != actor.country), None)
            r.recip = Side.of(back) if back else None

    def _recipient_from_dyad(self, r: _Reading, ctx: _Context) -> bool:
        """Still no recipient: the article's dyad carries on (an actor of the last event's pair acts on the other
        side) or, where the type needs one, the cue is off (True). Also off: both sides of one country."""
        g, cue, actor, sm, cm = self.g, r.cue, r.actor, r.sm, r.cm
        assert actor is not None
        if r.recip is None and cue.form in g["named_object_only"]:
            return True
        if r.recip is None and cue.type not in NEEDS_NO_RECIPIENT and not (
                cue.type == "REQUEST" and cue.form in g["open_calls"]):
            pair = ctx.pair() if ctx.last_event is not None else None
            # other sides named after the actor make the sentence one we did not read; those named before it
            # only set the scene ("Saat delegasi ECOWAS datang, junta Niger mengancam …")
            a_pos = max((m.start for m in sm if m.country == actor.country and m.start < cm.start), default=r.s0)
            others = {m.country for m in sm if m.country and m.country != actor.country and m.start > a_pos}
            # not for arrests and the like: most have a domestic target the text leaves unnamed
            own_act = cue.type not in ("COERCE", "PROTEST", "MOBILIZE") and (
                cue.voice == "active" or (cue.voice == "noun" and r.light and r.subj_used))
            partner = None if pair is None else pair[1] if pair[0].country == actor.country else \
                pair[0] if pair[1].country == actor.country else None
            if partner is not None:
                # the partner already named before the cue ("Iran menyalahkan Israel …, dan berjanji …")
                others -= {m.country for m in sm if m.country == partner.country and m.end <= cm.start} - \
                    {m.country for m in sm if m.start >= cm.end}
            if partner is not None and own_act and not others and r.quote is None:
                r.recip = partner
            else:
                return True
        return r.recip is not None and actor.country == r.recip.country and not cue.domestic

    def _visit_sides(self, r: _Reading) -> None:
        """"bertolak ke Luksemburg untuk bertemu dengan Presiden Komisi Eropa": the visit is to the one met;
        "X menerima kunjungan Y": Y is the visitor."""
        cue, low, actor = r.cue, r.low, r.actor
        assert actor is not None
        if cue.mode == "visit" and r.recip is not None and r.recip.kind == "state" and \
                (meet := _TO_MEET.search(low, r.cm.end, r.s1)) is not None:
            host = next((m for m in r.sm if meet.end() <= m.start < meet.end() + 3), None)
            if host is not None and host.country != actor.country:
                r.recip = Side.of(host)
        if cue.form in self.g["host_forms"] and r.recip is not None and cue.mode == "visit":
            r.actor, r.recip = r.recip, actor

    def _most_specific_actor(self, r: _Reading, ctx: _Context) -> None:
        """A state's words said by its own person: the quote's speaker, or "Wang Yi mengatakan (bahwa) China …"."""
        g, low, cm, actor = self.g, r.low, r.cm, r.actor
        assert actor is not None
        if actor.kind == "state":
            person = None
            if r.quote is not None and r.quote.speaker:
                sp = _speaker_side(r.quote.speaker, ctx.named)
                if sp.country == actor.country and sp.kind != "state":
                    person = sp
            if person is None:
                first = next((m for m in r.sm if m.kind == "person" and m.end <= cm.start
                              and m.country == actor.country and g["speech"].match(low, _skip_space(low, m.end))),
                             None)
                person = Side.of(first) if first is not None else None
            if person is not None:
                r.actor = actor = person
        if actor.kind == "person" or ctx.subject is None or ctx.subject.kind != "person":
            ctx.subject = actor

    # ---- aux, date, mode and the events
    def _read_aux(self, r: _Reading) -> bool:
        """Aux from negation, condition, future and modal words (True: a said act not said at all, or a
        capability)."""
        g, low, cm, c0 = self.g, r.low, r.cm, r.c0
        # a nested noun ("mendukung sanksi AS terhadap Iran") takes no aux from words before its governing verb
        start = max(c0, r.prev_cue.end) if r.nested and r.prev_cue is not None else c0
        aux = self._aux(low, start, r.c1, cm, r.cue)
        if aux == "skip":
            return True
        if aux == "negated" and r.cue.quad.endswith("coop") and _REFUSAL.search(low, max(c0, cm.start - 30), cm.start):
            # "tidak akan pernah berbicara dengan AS": an explicit refusal is REJECT, not a negated meeting
            r.cue, r.verbal, aux = self._retype(r.cue, "REJECT"), True, None
        if r.planned and aux is None:
            aux = "future"
        if g["modal"].search(low, max(c0, cm.start - 20), cm.start):
            if r.verbal:
                return True  # "AS dapat menolak visa": a capability, not a refusal
            if r.cue.quad == "M-conf" and aux is None and (r.quote is not None or g["speech"].search(low, r.s0, cm.start)
                                                           or g["pronoun"].search(r.pre)):
                # "Menurut Houthi, pihaknya dapat menyerang kapan saja": a speaker's own capability is a threat
                r.cue, r.verbal = self._retype(r.cue, "THREATEN"), True
            else:
                aux = aux or "hypothetical"
        if not r.verbal and aux in (None, "future") and g["conditions_after"].search(low, cm.end, r.s1):
            aux = "hypothetical"  # "akan mengirim bantuan jika …"
        r.aux = aux
        return False

    def _read_date(self, r: _Reading, ctx: _Context, exprs: list[Any]) -> None:
        """The date governing the cue's clause (a said act: outside its quote, before its complement), else the
        news date; background in a "sejak" clause stays undated. Also the mode of a meeting."""
        g, text, low, cm, s0, s1, cue = self.g, r.text, r.low, r.cm, r.s0, r.s1, r.cue
        pub = r.doc.published
        exprs = ctx.dates.within(s0, s1) if ctx.dates is not None else exprs  # date_for_clause reads no others
        background = False
        if r.verbal and r.quote is not None:
            # a said act happened when it was said: dates inside the quote are about other things
            qa, qb = r.quote.span
            outside = [x for x in exprs if x.end <= qa or x.start >= qb]
            d = date_for_clause(text, s0, s1, min(qb, s1 - 1), pub, exprs=outside)
        elif r.verbal:
            # a said act's date stands before its complement ("sepakat untuk … pada Juli" is not dated Juli)
            m_ = _COMPLEMENT.search(low, cm.start, s1)
            stop = m_.start() if m_ else s1
            if r.next_cue is not None and r.next_cue.cues[0].voice == "noun":
                stop = min(stop, r.next_cue.start)  # "mengecam serangan … pada Minggu": the attack's date
            d = date_for_clause(text, s0, s1, cm.start, pub, exprs=[x for x in exprs if x.end <= stop])
        elif r.brk_before in g["background"]:
            # "… sejak Rusia menginvasi Ukraina": background, dated only by its own clause
            d = date_for_clause(text, s0, s1, cm.start, pub, exprs=[x for x in exprs if r.c0 <= x.start < r.c1])
            background = d is None
        else:
            d = date_for_clause(text, s0, s1, cm.start, pub, future=r.aux == "future", exprs=exprs)
        if background:
            dated = None
        elif d is None:
            d = ctx.news_date(text, r.sent, ctx.dates.exprs if ctx.dates is not None else exprs, pub, r.doc) \
                if r.aux != "future" else pub
            dated = False
            prior = ctx.last_of_type.get(cue.type)
            if cue.voice == "noun" and prior is not None and prior.date_from == "text" and r.recip is not None and \
                    ((prior.actor or {}).get("country"), (prior.recipient or {}).get("country")) == \
                    (r.actor.country, r.recip.country):  # type: ignore[union-attr]
                d, dated = prior.date, True  # "serangan terhadap kilang Saudi" again: the attack dated before
        else:
            dated = True
        if r.aux is None and not r.verbal and d and pub and _after(d, pub):
            r.aux = "future"
        r.date = d
        r.date_from = "background" if dated is None else "text" if dated else "default"
        r.mode = cue.mode
        if cue.type == "CONSULT" and r.mode is None:
            if g["phone"].search(low, s0, s1):
                r.mode = "phone"
            elif g["multilateral"].search(low, s0, s1):
                r.mode = "multilateral"

    def _events(self, r: _Reading, ctx: _Context) -> Event:
        """The cue's event; the other pairs of a meeting of three or more, the others who joined a meeting and
        the other sources of a said act go to ``ctx.pending``."""
        cue, span, text = r.cue, r.span, r.text
        actor, recip, mutual = r.actor, r.recip, r.mutual
        assert actor is not None
        chain = self._chain(r.low, r.left, r.cm.start) if cue.mutual and cue.voice == "active" else []

        def event(a: Side, b: Side | None, mut: bool) -> Event:
            return Event(type=cue.type, actor=a.as_dict(), recipient=b.as_dict() if b else None,
                         text=text[span[0] : span[1]], span=span, mode=r.mode, aux=r.aux, mutual=mut, date=r.date,
                         quad=cue.quad, score=cue.score, cue=r.surface, date_from=r.date_from)

        if len({m.country for m in chain}) >= 3:
            # "A, B dan C bertemu": one mutual event for every pair of sides
            sides = list({m.country: Side.of(m) for m in chain}.values())
            pairs = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1:]]
            (actor, recip), rest_pairs = pairs[0], pairs[1:]
            mutual = True
            ctx.pending.extend(event(a, b, True) for a, b in rest_pairs)
        ctx.pending.extend(event(j, recip, True) for j in r.joined[1:])  # the others who joined the meeting
        if recip is not None and not mutual:  # "mengusir diplomat Rusia, Iran dan Korea Utara": one event each
            ctx.pending.extend(event(actor, Side.of(m), False) for m in self._listed_after(r, actor, recip))
        if recip is not None:  # the other sources of a said act
            ctx.pending.extend(event(Side.of(m), recip, False) for m in r.sources[1:]
                               if m.country not in (actor.country, recip.country))
        return event(actor, recip, mutual)

    def _listed_after(self, r: _Reading, actor: Side, recip: Side) -> list[Mention]:
        """The sides listed right after the recipient's mention after the cue ("…, B dan C"): other countries
        joined to it by commas, "dan" or "serta" alone."""
        right = {id(m) for m in r.right}
        i = next((i for i, m in enumerate(r.sm) if id(m) in right and m.country == recip.country
                  and m.name == recip.name), None)
        if i is None or i > 0 and _LIST_SEP.match(r.low[r.sm[i - 1].end : r.sm[i].start]):
            return []  # (a list that begins before the recipient holds the actor too: "oleh A, B dan C")
        first = r.sm[i]
        out: list[Mention] = []
        seen = {actor.country, recip.country}
        prev = first
        for m in r.right:
            if m.start < prev.end:
                continue
            if not _LIST_SEP.match(r.low[prev.end : m.start]):
                break
            if m.country and m.country not in seen:
                out.append(m)
                seen.add(m.country)
            prev = m
        return out

    # ---- helpers ------------------------------------------------------------------
    def _retype(self, cue: Cue, etype: str) -> Cue:
        """The same cue read as another type (with that type's quad class and score)."""
        quad, score = self.lex.quad[etype]
        return Cue(type=etype, form=cue.form, voice=cue.voice, mutual=False, mode=None, recipient_preps=None,
                   quad=quad, score=score)

    def _clause(self, low: str, s0: int, s1: int, c_start: int, c_end: int, text: str = ""
                ) -> tuple[int, int, str, str]:
        """The clause around the cue: (start, end, break before, break after). "untuk Putin" is a
        preposition, not a purpose clause: a purpose word ends a clause only before a lower-case word."""
        start, end, before, after = s0, s1, "", ""
        purpose = self.g["purpose"]
        scan = _breaks_rx(tuple(self.g["breaks"]))
        if scan is None:
            return self._clause_by_break(low, s0, s1, c_start, c_end, text)
        rx, order = scan
        # each break's last occurrence before the cue and first after it (what rfind and find of every break
        # would give), from one scan of the window (kept for the window's other cues); then the breaks that
        # occur, in the list's order, as before
        last: dict[str, int] = {}
        first: dict[str, int] = {}
        if s0 <= c_start <= c_end <= s1:
            if self._breaks_of[0] is not low:
                self._breaks_of = (low, {})
            found = self._breaks_of[1].get((s0, s1))
            if found is None:
                found = self._breaks_of[1][s0, s1] = [(m.start(), m.group(1)) for m in rx.finditer(low, s0, s1)]
            for i, brk in found:
                if i + len(brk) <= c_start:
                    last[brk] = i
                elif i >= c_end:
                    first.setdefault(brk, i)
        else:
            last = {m.group(1): m.start() for m in rx.finditer(low, s0, c_start)}
            for m in rx.finditer(low, c_end, s1):
                first.setdefault(m.group(1), m.start())
        for brk in sorted(last.keys() | first.keys(), key=order.__getitem__):
            i = last.get(brk, -1)
            if i >= 0 and i + len(brk) > start and not (brk in purpose and text and not _lower_next(text, i + len(brk))):
                start, before = i + len(brk), brk
            j = first.get(brk, -1)
            if j >= 0 and j < end and not (brk in purpose and text and not _lower_next(text, j + len(brk))):
                end, after = j, brk
        return start, end, before, after

    def _clause_by_break(self, low: str, s0: int, s1: int, c_start: int, c_end: int, text: str = ""
                         ) -> tuple[int, int, str, str]:
        """``_clause`` with one rfind and one find per break (the definition the scan reproduces)."""
        start, end, before, after = s0, s1, "", ""
        purpose = self.g["purpose"]
        for brk in self.g["breaks"]:
            i = low.rfind(brk, s0, c_start)
            if i >= 0 and i + len(brk) > start and not (brk in purpose and text and not _lower_next(text, i + len(brk))):
                start, before = i + len(brk), brk
            j = low.find(brk, c_end, s1)
            if j >= 0 and j < end and not (brk in purpose and text and not _lower_next(text, j + len(brk))):
                end, after = j, brk
        return start, end, before, after

    def _reports(self, low: str, a: int, b: int, cue: Cue) -> bool:
        """Between a subject and a material cue stands a verb of saying followed by someone else's act:
        "Pompeo mengatakan serangan itu …" (yes) vs "Rusia mengatakan sedang mengusir …" (no: its own act)."""
        m = self.g["speech"].search(low, a, b)
        if m is None:
            return False
        rest = [w.strip(",") for w in low[m.end() : b].split()]
        if any(w in _SUBORDINATORS or w in _OWN for w in rest):
            return False  # "X menyampaikan pandangan saat bertemu Y", "X mengumumkan keputusan negaranya": X's own
        rest = [w for w in rest if w and w not in self.g["auxiliaries"] and w not in ("bahwa", "pihaknya", "mereka",
                                                                                      "ia", "dia", "kami")]
        return cue.voice == "noun" or len(rest) >= 2

    def _preceded(self, low: str, pos: int, rx: re.Pattern[str], floor: int) -> bool:
        return bool(rx.search(low, max(floor, pos - 25), pos))

    def _subject(self, low: str, left: Sequence[Mention], floor: int, cue_start: int | None = None) -> Mention | None:
        """The subject of the cue: a mention right before it ("Washington mengusir", "Rusia telah menyerbu"),
        else the leftmost mention of the span that no preposition governs."""
        if cue_start is not None and left:
            near = left[-1]
            i = len(left) - 1
            rel = _REL_AGENT.search(low, max(floor, near.start - 30), near.start)
            head = left[i - 1] if rel is not None and i > 0 and not low[left[i - 1].end : rel.start()].strip(" ,") \
                else None  # "Milisi Houthi yang didukung Iran mengklaim …": Iran only describes the Houthis
            between = low[near.end : cue_start].split()
            if len(between) <= 3 and all(w.strip(",") in self.g["auxiliaries"] for w in between) and "," not in \
                    low[near.end : cue_start] and (not self._preceded(low, near.start, self.g["prep_before"], floor)
                                                   or self._preceded(low, near.start, self.g["agent_before"], floor)):
                if head is not None:
                    return head
                # "Xi Jinping dan Presiden Lukashenko mengumumkan": the compound's first member leads
                if i > 0 and self.g["conj_between"].match(low[left[i - 1].end : near.start]):
                    return left[i - 1]
                return near
        for m in left:
            if self.g["verb_like"].search(low, max(floor, m.start - 16), m.start) and \
                    _VERB_RIGHT_BEFORE.search(low, max(floor, m.start - 16), m.start):
                continue  # "… mendukung Rusia dan menolak …": the object of a verb, not a subject
            if not self._preceded(low, m.start, self.g["prep_before"], floor):
                if cue_start is not None:
                    y = low.rfind(" yang ", m.end, cue_start)
                    if y >= 0 and low[m.end : y].strip(" ,") and "," not in low[y:cue_start] and any(
                            m.end < o.start and o.end <= y for o in left):
                        return None  # "China menentang upaya X yang … menjatuhkan sanksi": X acts, not China
                return m
        return None

    def _chain(self, low: str, left: Sequence[Mention], cue_start: int) -> list[Mention]:
        """"A, B dan C <cue>": the listed sides right before the cue (empty when there is no list)."""
        if not left:
            return []
        last = left[-1]
        between = low[last.end : cue_start].split()
        if len(between) > 3 or not all(w.strip(",") in self.g["auxiliaries"] for w in between):
            return []
        chain = [last]
        for m in reversed(left[:-1]):
            if not _LIST_SEP.match(low[m.end : chain[0].start]):
                break
            chain.insert(0, m)
        return chain if len(chain) >= 3 else []

    def _compound(self, low: str, left: Sequence[Mention], subj: Mention) -> Mention | None:
        """"X dan Y <cue>": the mention joined to the subject by a conjunction."""
        after = [m for m in left if m.start >= subj.end]
        if after and self.g["conj_between"].match(low[subj.end : after[0].start]):
            return after[0]
        return None

    def _possessor(self, low: str, right: Sequence[Mention], cue_end: int) -> Mention | None:
        """A noun cue's possessor: a mention right after it (three words at most, no preposition between:
        "serangan rudal dan drone Iran"), or its agent ("serangan … oleh Iran")."""
        for m in right[:4]:
            gap = low[cue_end : m.start]
            words = gap.split()
            n = len(words)
            if (n <= 1 or (n <= 3 and ("dan" in words or "serta" in words))) and not self.g["prep_any"].search(gap) \
                    and "," not in gap and not self.g["patient"].search(gap):
                return m
            if n <= 8 and _AGENT_TAIL.search(gap):
                return m
        return None

    def _agent(self, low: str, right: Sequence[Mention], cue_end: int) -> Mention | None:
        for m in right:
            gap = low[cue_end : m.start]
            if self.g["agent_before"].search(gap[-10:]) or not gap.strip():
                return m
        return None

    def _recipient(self, low: str, right: Sequence[Mention], cue_end: int, cue: Cue, actor: Side | None
                   ) -> Mention | None:
        """The object right after the cue (three words at most), or one a recipient preposition introduces
        within the cue's own phrase (no other verb between)."""
        loc_ok = cue.type in self.g["locative_types"] or cue.mode == "visit"  # "kunjungannya di Arab Saudi"
        for m in right:
            gap = low[cue_end : m.start] if m.start >= cue_end else ""
            words = len(gap.split())
            if words > 8 or (words > 3 and self.g["verb_like"].search(gap)) or (
                    "," in gap and self.g["verb_like"].search(gap, gap.index(","))):
                break  # "… peluncuran rudal, mengatakan Washington …": a new predicate begins
            if (not loc_ok and (self.g["loc_before"].search(gap[-12:]) or _LOC_START.match(gap))) or \
                    self.g["comitative"].search(gap[-22:]) or (
                        self.g["topic_word"].search(gap) and not self.g["recip_before"].search(gap[-14:])):
                continue  # "bertemu di kota Samarkand, Uzbekistan": a place; "membahas isu Palestina": a topic
            if (words <= 3 and cue.form not in self.g["no_bare_object"]) or self.g["recip_before"].search(gap[-14:]) or \
                    (loc_ok and self.g["loc_before"].search(gap[-12:])):
                if actor is not None and m.country == actor.country:
                    return None  # "X menyerang pasukan X": not between two sides
                return m
        return None

    def _aux(self, low: str, c0: int, c1: int, cm: CueMatch, cue: Cue) -> str | None:
        lex = self.lex
        verbal = cue.type in lex.verbal_types
        near = low[max(c0, cm.start - 28) : cm.start]
        if lex.negation_rx.search(near):
            return "skip" if verbal else "negated"
        if verbal:
            # "sanksi itu tidak akan memaksa Kuba membuat konsesi": a said act under a negation further back in
            # its phrase (not across a comma; "tidak hanya" is no negation) was not said
            wide = low[max(c0, cm.start - 50) : cm.start]
            wide = wide[wide.rfind(",") + 1 :]
            if lex.negation_rx.search(wide) and not _NOT_ONLY.search(wide):
                return "skip"
        if lex.hypothetical_rx.search(low, max(c0, cm.start - 45), cm.start):
            return "skip" if verbal else "hypothetical"  # a said act in a condition was not said at all
        if verbal:
            return None
        if lex.future_rx.search(low, max(c0, cm.start - 45), cm.start) or \
                _FUTURE_AFTER.search(low, cm.end, c1):
            return "future"
        return None


class _Context:
    """What the previous sentences said: the last subject, the last pair of countries."""

    def __init__(self) -> None:
        self.subject: Side | None = None
        self.last_event: Event | None = None
        self.last_of_type: dict[str, Event] = {}
        self.place: str | None = None
        self._lede: str | None | bool = False
        self.recent: list[Mention] = []
        self.pending: list[Event] = []
        self.persons: list[Mention] = []  # every person the article names, in order
        self.office: re.Pattern[str] | None = None  # the office a pair word names ("kedua menlu")
        self.dates: _DateIndex | None = None  # the article's date expressions
        self.named: dict[str | None, Mention] = {}  # the first mention of each name
        self._first_person: dict[tuple[str | None, re.Pattern[str] | None], Mention | None] = {}

    def news_date(self, text: str, sent: Sentence, exprs: list[Any], pub: str | None, doc: Document) -> str | None:
        """The date of an undated sentence that reports news: the last recent day named earlier in its
        paragraph ("… pada Selasa (16/2)."), else the day the lede names, else the publication date.
        Journalists date the news once and let the following sentences carry that date."""
        if not pub or len(pub) < 10:
            return pub
        ix = self.dates if self.dates is not None and self.dates.exprs is exprs else _DateIndex(exprs, pub)
        own = doc.paragraphs[sent.paragraph]
        last = ix.last(own.start, sent.start)
        if last is not None:  # "Bulan lalu, AS mengusir … . Moskow mengutuk langkah itu …": the paragraph's date
            from warta.dates import resolve  # carries on

            d = resolve(last, pub)
            if d and not _after(d, pub) and not is_background(d, pub, 45):
                return d  # only a recent date carries: not a year long past, not a plan
        par = doc.paragraphs[max(0, sent.paragraph - 1)]
        d = ix.last_recent_day(par.start, sent.start, pub)
        if d:
            return d
        if self._lede is False:
            self._lede = None
            body = [p for p in doc.paragraphs if p.kind == "body"][:2]
            for x in exprs:
                if any(p.start <= x.start < p.end for p in body):
                    d = _recent_day(x, pub)
                    if d:
                        self._lede = d
                        break
        return self._lede or pub

    def see(self, mentions: list[Mention]) -> None:
        self.recent.extend(mentions)
        if len(self.recent) > 40:
            self.recent = self.recent[-40:]

    def _person(self, side: Side) -> Side:
        """"Kedua menlu": the side's most recent person named (a foreign minister for "kedua menlu"), else
        the first one the article names, when the event kept only the state."""
        if side.kind == "person":
            return side

        def fits(m: Mention) -> bool:
            role = (m.role or "").lower()
            return m.kind == "person" and m.country == side.country and "spokes" not in role and (
                self.office is None or bool(self.office.search(role)))  # a spokesperson speaks, not meets

        m = next((m for m in reversed(self.recent) if fits(m)), None)
        if m is None:
            key = (side.country, self.office)  # the first fitting person, once per country and office
            if key not in self._first_person:
                self._first_person[key] = next((m for m in self.persons if fits(m)), None)
            m = self._first_person[key]
        return Side.of(m) if m is not None else side

    def pair(self) -> tuple[Side, Side] | None:
        ev = self.last_event
        if ev is not None and ev.actor and ev.recipient and ev.actor.get("country") != ev.recipient.get("country"):
            return self._person(_side(ev.actor)), self._person(_side(ev.recipient))
        seen: dict[str, Mention] = {}
        for m in reversed(self.recent):
            if m.country and m.country not in seen:
                seen[m.country] = m
            if len(seen) == 2:
                b, a = list(seen.values())
                return Side.of(a), Side.of(b)
        return None


class _DateIndex:
    """The article's date expressions (in text order, as ``find_expressions`` gives them) by start: the ones
    of a sentence, the last before a point and the last recent day before it, without a scan of them all per
    cue (a paragraph of n dated sentences cost n^2, issue 11)."""

    def __init__(self, exprs: list[Any] | None, pub: str | None, text: str = "") -> None:
        """``exprs`` None: ``find_expressions(text)``, found when first read (an article whose cues all fail
        before their date is read is not scanned)."""
        if exprs is not None:
            self.exprs = exprs
        self._text = text
        self.pub = pub
        self._recent: list[str | None] | None = None
        self._prev_recent: list[int] = []  # the last index at or before each with a recent day

    @cached_property
    def exprs(self) -> list[Any]:
        return find_expressions(self._text)

    @cached_property
    def starts(self) -> list[int]:
        return [x.start for x in self.exprs]

    def scanned(self) -> list[Any] | None:
        """The expressions if they were found already, else None."""
        return self.__dict__.get("exprs")

    def within(self, a: int, b: int) -> list[Any]:
        """The expressions starting in ``[a, b]`` (a superset of those inside it, in order)."""
        return self.exprs[bisect.bisect_left(self.starts, a) : bisect.bisect_right(self.starts, b)]

    def last(self, a: int, b: int) -> Any | None:
        """The last expression with ``a <= start`` and ``end <= b``."""
        k = bisect.bisect_right(self.starts, b) - 1
        while k >= 0 and self.starts[k] >= a:
            if self.exprs[k].end <= b:
                return self.exprs[k]
            k -= 1
        return None

    def last_recent_day(self, a: int, b: int, pub: str) -> str | None:
        """``_recent_day`` of the last expression with ``a <= start``, ``end <= b`` and a recent day."""
        if pub != self.pub:
            return next((d for x in reversed([x for x in self.exprs if a <= x.start and x.end <= b])
                         if (d := _recent_day(x, pub))), None)
        if self._recent is None:
            self._recent = [_recent_day(x, pub) for x in self.exprs]
            last = -1
            for i, d in enumerate(self._recent):
                last = i if d else last
                self._prev_recent.append(last)
        k = bisect.bisect_right(self.starts, b) - 1
        k = self._prev_recent[k] if k >= 0 else -1
        while k >= 0 and self.starts[k] >= a:
            if self.exprs[k].end <= b:
                return self._recent[k]
            k = self._prev_recent[k - 1] if k > 0 else -1
        return None


def _top_mentions(mentions: list[Mention]) -> list[Mention]:
    """Actor mentions with a country, outermost only, in text order."""
    ms = sorted((m for m in mentions if m.country and m.kind in ACTOR_KINDS), key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


class QuoteIndex:
    """The article's quotes by start, to find the one a cue stands in by two bisects (not a scan of every
    quote for every cue: a paragraph of n quotes with a cue in each cost n^2, issue 11)."""

    def __init__(self, quotes: Sequence[Any]) -> None:
        spans = sorted(((q.span[0], q.span[1], q) for q in quotes), key=lambda x: x[0])
        self.starts = [a for a, _, _ in spans]
        self.quotes = [q for _, _, q in spans]
        self.reach: list[int] = []  # the furthest end among the quotes up to each one
        for _, b, _ in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def containing(self, s: int, e: int) -> Any | None:
        """The first quote (by start) with ``start <= s`` and ``e <= end``, or None."""
        last = bisect.bisect_right(self.starts, s) - 1  # the quotes starting at or before s: [0, last]
        j = bisect.bisect_left(self.reach, e)  # the first quote whose end reaches e
        return self.quotes[j] if j <= last else None


def cue_window(low: str, s0: int, s1: int, c0: int, c1: int) -> tuple[int, int]:
    """The part of the sentence ``[s0, s1)`` a cue at ``[c0, c1)`` is read in: the whole sentence unless it
    reaches more than ``WINDOW`` characters beyond the cue on a side, where it is cut at a word's edge."""
    w0, w1 = s0, s1
    if c0 - s0 > WINDOW:
        i = low.find(" ", c0 - WINDOW, c0)
        w0 = i + 1 if i >= 0 else c0 - WINDOW
    if s1 - c1 > WINDOW:
        i = low.rfind(" ", c1, c1 + WINDOW)
        w1 = i if i >= 0 else c1 + WINDOW
    return w0, w1


def in_window(sm: list[Mention], starts: list[int], w0: int, w1: int) -> list[Mention]:
    """The mentions of ``sm`` (a sentence's, in text order; ``starts`` their starts) inside ``[w0, w1)``."""
    if not sm or (sm[0].start >= w0 and sm[-1].end <= w1):
        return sm
    i, j = bisect.bisect_left(starts, w0), bisect.bisect_left(starts, w1)
    return [m for m in sm[i:j] if m.end <= w1]


def _mentions_in(mentions: list[Mention], starts: list[int], a: int, b: int) -> list[Mention]:
    i = bisect.bisect_left(starts, a)
    out = []
    while i < len(mentions) and mentions[i].start < b:
        if mentions[i].end <= b:
            out.append(mentions[i])
        i += 1
    return out


def _next_word(text: str, pos: int, limit: int) -> str:
    m = re.compile(r"\s*(\S+)").match(text, pos, limit)
    return m.group(1) if m else ""


def _speaker_side(who: dict[str, Any], named: dict[str | None, Mention]) -> Side:
    """The side a quote's speaker (or addressee) names: the first mention of the name (``named``: the first
    mention of each name of the article's mentions), else the name itself as a person."""
    name, country = who.get("name") or "", who.get("country")
    m = named.get(name)
    return Side.of(m) if m is not None else Side(name, country, "person")


def _after(d: str, pub: str) -> bool:
    a, b = parse_interval(d), parse_interval(pub)
    return bool(a and b and a[0] > b[1])


def _overlap(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    x, y = parse_interval(a), parse_interval(b)
    if x is None or y is None:
        return False
    return x[0] <= y[1] and y[0] <= x[1]


def _key(e: Event) -> tuple[str, tuple[str, ...], bool]:
    a = (e.actor or {}).get("country") or ""
    r = (e.recipient or {}).get("country") or ""
    unordered = e.mutual or e.type == "CONSULT"
    return e.type, tuple(sorted((a, r))) if unordered else (a, r), unordered


def dedupe(events: list[Event]) -> list[Event]:
    """One event per fact (EVENTS.md §7): keep the first, upgraded to the most specific actors seen."""
    out: list[Event] = []
    for e in events:
        k = _key(e)
        same = next((o for o in out if _key(o)[:2] == k[:2] and _same_aux(o, e) and _same_time(o, e)), None)
        if same is None:
            out.append(e)
            continue
        for side in ("actor", "recipient"):
            mine, theirs = getattr(same, side), getattr(e, side)
            if theirs and mine and theirs.get("country") == mine.get("country") and \
                    _specificity(theirs) > _specificity(mine):
                setattr(same, side, theirs)
        if k[2] and same.actor and e.actor and same.actor.get("country") != e.actor.get("country"):
            # mutual: the sides may come in the other order
            for side, other in (("actor", "recipient"), ("recipient", "actor")):
                mine, theirs = getattr(same, side), getattr(e, other)
                if theirs and mine and theirs.get("country") == mine.get("country") and \
                        _specificity(theirs) > _specificity(mine):
                    setattr(same, side, theirs)
        same.mutual = same.mutual or e.mutual
        same.aux = same.aux or e.aux  # "tiba di Niger … tetapi gagal bertemu": the meeting did not happen
        if same.date_from == "default" and e.date_from == "text":
            same.date, same.date_from = e.date, e.date_from
    return out


def _same_aux(a: Event, b: Event) -> bool:
    """Equal aux; or, for talks, one arrival or meeting and one that explicitly failed: the same trip whose
    meeting did not happen ("delegasi ECOWAS tiba di Niger …, tetapi gagal bertemu dengan Tiani")."""
    return a.aux == b.aux or (a.type == "CONSULT" and {a.aux, b.aux} == {None, "negated"})


def _same_time(a: Event, b: Event) -> bool:
    """Overlapping dates; or an undated mention (given the news date) within 45 days after the same act
    dated in the text ("kudeta di Myanmar" and "kudeta … pada 1 Februari lalu")."""
    if _overlap(a.date, b.date):
        return True
    froms = {a.date_from, b.date_from}
    if froms == {"default"}:
        return _near(a.date, b.date)
    return froms == {"default", "text"} and _near(a.date, b.date, 45)


def _specificity(side: dict[str, Any]) -> int:
    """person > body or group > IGO > state."""
    return _KIND_RANK.get(side.get("kind") or "state", 0)


def _place_country(doc: Document) -> str | None:
    """The country of the dateline ("JAKARTA -" → IDN), for actors such as unnamed protesters."""
    if not doc.dateline:
        return None
    try:
        from warta.actors import lookup_name

        hit = lookup_name(doc.dateline, doc.published)
    except Exception:
        hit = None
    if hit and hit.get("country"):
        return hit["country"]
    return _places().get(doc.dateline.strip().lower())


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("warta.actors").joinpath("data", "places.yaml").read_text(encoding="utf-8"))
    return {name.lower(): code for code, names in data.items() for name in names}


def _recent_day(expr: Any, pub: str) -> str | None:
    """A day-precise date at most a week before publication, from one date expression."""
    from warta.dates import resolve

    d = resolve(expr, pub)
    if not d or len(d) != 10:
        return None
    iv, p = parse_interval(d), parse_interval(pub)
    if iv is None or p is None:
        return None
    lag = (p[0] - iv[0]).days
    return d if 0 <= lag <= 7 else None


def _side(d: dict[str, Any]) -> Side:
    return Side(d["name"], d.get("country"), d.get("kind", "state"), d.get("sector"))


def _skip_space(low: str, pos: int) -> int:
    while pos < len(low) and low[pos] in " ,":
        pos += 1
    return pos


def _lower_next(text: str, pos: int) -> bool:
    """The next letter after pos (quote marks skipped) is lower-case, and no idiom follows
    ("untuk pertama kalinya" is an adverb, not a purpose clause)."""
    while pos < len(text) and text[pos] in "\"“‘'( ":
        pos += 1
    return pos < len(text) and text[pos].islower() and not _TIMES_IDIOM.match(text, pos)


def _near(a: str | None, b: str | None, days: int = 2) -> bool:
    x, y = parse_interval(a), parse_interval(b)
    if x is None or y is None:
        return False
    return (x[0] - y[1]).days <= days and (y[0] - x[1]).days <= days
