"""Candidate events for the learned coder: every cue with the actor countries in reach.

A candidate *instance* is one cue match in a body sentence of one type, with an actor country and a
recipient country (or none). Sides come from the sentence's linked mentions (left or right of the cue),
the speaker of the quote the cue stands in, the previous sentence, and the article's two most named
countries. Instances of the same ``(type, actor country, recipient country)`` are one *fact*: the scorer
(``scorer.py``) rates each instance, and a fact's score is its best instance's. Nothing is filtered here:
what the rule coder (``coder.py``) would have switched off is a feature, not a drop.

Every instance carries binary feature strings (``features``): cue form and voice, where each side stands
(left/right of the cue, speaker, context), distances in words, the words before a side and around the
cue, commas and other actors between, negation/future/condition words, quote context, the rule coder's
verdict on the same sentence, the sides' rank in the article, sentence position. Features are computed
from positions known once per article (no rescans of the sentence list per candidate).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from warta.document import Document, Event, Mention
from warta.events.coder import CueMatch, Hit, _top_mentions, cue_window, find_cues, in_window
from warta.events.lexicon import Cue, get_lexicon
from warta.events.mining import find_mined

PARAGRAPH_SIDES = False  # countries named elsewhere in the paragraph as sides (held-out F1 fell with them)
SAME_COUNTRY = True  # two different actors of one country in the sentence make a domestic candidate
SELF_PAIRS = True  # a domestic candidate for one actor whose other side is unnamed
MAX_SIDES = 6  # the sides nearest the cue; sentences listing more countries rarely have more participants
_WORD = re.compile(r"[\w-]+")
_SPEECH = frozenset(get_lexicon().grammar.get("speech_verbs", [])) | {"kata", "ujar", "mengatakan", "menyatakan",
                                                                      "menegaskan", "menilai", "menyebut"}
_CONTEXT = re.compile(r"[\w-]+|[,;:\"“”]")
HOME = "IDN"


@dataclass(slots=True)
class SideRef:
    country: str
    pos: str  # L | R (in the sentence, left/right of the cue) | Q (quote speaker) | P (previous sentence) | D
    mention: Mention | None  # the nearest mention (None for D/Q without a mention)
    best: Mention | None  # the most specific mention of the country in reach (for the output name)
    dist: int  # words between cue and mention
    first: bool = False  # the sentence's first actor mention, left of the cue (its subject, most often)


@dataclass(slots=True)
class Instance:
    type: str
    actor: SideRef
    recipient: SideRef | None
    cue: Cue
    start: int  # cue span
    end: int
    sentence: int
    features: list[str] = field(default_factory=list)
    sent_start: int = 0
    sent_end: int = 0
    shared: list[str] | None = None  # features[:len(shared)], the same list for every pair of one cue and type

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.type, self.actor.country, self.recipient.country if self.recipient else None)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n <= 2 else "2" if n <= 5 else "3" if n <= 10 else "4" if n <= 20 else "5"


def _rank_kind(m: Mention | None) -> int:
    if m is None:
        return -1
    return {"person": 3, "organization": 2, "group": 2, "igo": 1, "state": 0}.get(m.kind, 0)


class WordIndex:
    """Word start offsets of one sentence, built once: distances in words by two bisects."""

    def __init__(self, low: str, start: int = 0, end: int | None = None) -> None:
        ms = list(_CONTEXT.finditer(low, start, len(low) if end is None else end))
        self.starts: list[int] = list(map(re.Match.start, ms))
        self.words: list[str] = list(map(re.Match.group, ms))

    def index(self, pos: int) -> int:
        return bisect.bisect_left(self.starts, pos)

    def between(self, a: int, b: int) -> list[str]:
        return self.words[self.index(a) : self.index(b)]

    def before(self, pos: int, floor: int) -> str:
        i = self.index(pos) - 1
        return self.words[i] if i >= 0 and self.starts[i] >= floor else "^"

    def after(self, pos: int, ceil: int) -> str:
        i = self.index(pos)
        return self.words[i] if i < len(self.words) and self.starts[i] < ceil else "$"


def generate(doc: Document, rule_events: list[Event], mined: dict[str, list[str]] | None = None,
             cues: list[CueMatch] | None = None, paraphrased: list[Hit] | None = None) -> list[Instance]:
    """Every candidate instance of the article, with its features (``mined``: extra cue forms per type;
    ``cues``, ``paraphrased``: the lexicon's cue matches and paraphrase hits when the rule coder found them
    already, ``coder.scan_cues``). The paraphrase cues (data/paraphrases.yaml) are candidates too, with voice
    ``paraphrase``."""
    if not doc.sentences or not doc.mentions:
        return []
    lex = get_lexicon()
    low = doc.lower_text()
    spans = [(p.start, p.end) for p in doc.paragraphs if p.kind in ("body", "caption")]
    matches = list(cues) if cues is not None else find_cues(low, spans, lex)
    extra = False
    for forms, voice in ((lex.paraphrases, "paraphrase"), (mined, "mined")):
        known = paraphrased if voice == "paraphrase" and cues is not None else None
        for s0, e0, form, types in known if known is not None else find_mined(low, spans, forms) if forms else ():
            matches.append(CueMatch(s0, e0, tuple(Cue(t, form, voice, False, None, None, *lex.quad.get(t, ("", 0.0)))
                                                  for t in types)))
            extra = True
    if extra:
        matches.sort(key=lambda m: m.start)
    if not matches:
        return []
    mentions = _top_mentions(doc.mentions)
    if not mentions:
        return []
    m_starts = [m.start for m in mentions]
    sents = doc.sentences
    s_starts = [s.start for s in sents]
    word_cache: dict[int, WordIndex] = {}
    counts = Counter(m.country for m in mentions if m.country)
    ranked = [c for c, _ in counts.most_common()]
    rank = {c: i for i, c in enumerate(ranked)}
    top2 = ranked[:2]
    quotes = sorted((q.span[0], q.span[1], q) for q in doc.quotes if q.speaker and q.speaker.get("country"))
    q_starts = [q[0] for q in quotes]
    # the rule coder's verdicts, by sentence
    rule_by_sent: dict[int, list[tuple[str, str | None, str | None]]] = {}
    rule_facts: set[tuple[str, str | None, str | None]] = set()
    for e in rule_events:
        si = bisect.bisect_right(s_starts, e.span[0]) - 1
        k = (e.type, (e.actor or {}).get("country"), (e.recipient or {}).get("country"))
        rule_by_sent.setdefault(si, []).append(k)
        rule_facts.add(k)
    out: list[Instance] = []
    sent_cache: dict[int, list[Mention]] = {}
    start_cache: dict[int, list[int]] = {}
    prev_cache: dict[int, dict[str, tuple[Mention, Mention]]] = {}
    named: dict[str | None, Mention] = {}  # the first mention of each name (a quote's speaker)
    for m in mentions:
        named.setdefault(m.name, m)
    para_mentions: dict[int, list[Mention]] = {}
    p_starts = [p.start for p in doc.paragraphs]
    for m in mentions:
        pi = bisect.bisect_right(p_starts, m.start) - 1
        para_mentions.setdefault(pi, []).append(m)

    def in_sentence(si: int) -> list[Mention]:
        if si not in sent_cache:
            s = sents[si]
            i = bisect.bisect_left(m_starts, s.start)
            ms = []
            while i < len(mentions) and mentions[i].start < s.end:
                if mentions[i].end <= s.end:
                    ms.append(mentions[i])
                i += 1
            sent_cache[si] = ms
            start_cache[si] = [m.start for m in ms]
        return sent_cache[si]

    def countries_in(si: int) -> dict[str, tuple[Mention, Mention]]:
        """Each country of a sentence: its first mention and its most specific (the first of the highest
        kind), in order of first mention, once per sentence (not per cue: issue 11)."""
        if si not in prev_cache:
            found: dict[str, tuple[Mention, Mention]] = {}
            for m in in_sentence(si):
                if not m.country:
                    continue
                if m.country not in found:
                    found[m.country] = (m, m)
                elif _rank_kind(m) > _rank_kind(found[m.country][1]):
                    found[m.country] = (found[m.country][0], m)
            prev_cache[si] = found
        return prev_cache[si]

    for cm in matches:
        si = bisect.bisect_right(s_starts, cm.start) - 1
        if si < 0 or cm.end > sents[si].end:
            continue
        sent = sents[si]
        sm_all = in_sentence(si)
        # the sides are read in a window around the cue (the whole of any real sentence): a run-on sentence of
        # thousands of actors is not read whole for every cue in it (issue 11)
        w0, w1 = cue_window(low, sent.start, sent.end, cm.start, cm.end)
        sm = in_window(sm_all, start_cache[si], w0, w1)
        qi = bisect.bisect_right(q_starts, cm.start) - 1
        in_quote = qi >= 0 and quotes[qi][1] >= cm.end
        if not sm and not in_quote:
            continue  # no actor in the sentence and no speaker: context alone proposes no event
        if si not in word_cache:
            word_cache[si] = WordIndex(low, sent.start, sent.end)
        words = word_cache[si]
        sides: dict[str, SideRef] = {}
        ci = words.index(cm.start)
        first = sm_all[0] if sm_all and sm_all[0].end <= cm.start else None
        by_key: dict[str, SideRef] = {}  # the nearest mention of each actor (for same-country pairs)
        for m in sm:
            if not m.country:
                continue
            pos = "L" if m.end <= cm.start else "R" if m.start >= cm.end else "L"
            dist = abs(words.index(m.start) - ci) if pos == "L" else max(0, words.index(m.start) - words.index(cm.end))
            if m.key not in by_key or dist < by_key[m.key].dist:
                by_key[m.key] = SideRef(m.country, pos, m, m, dist, m is first)
            cur = sides.get(m.country)
            if cur is None or dist < cur.dist:
                best = cur.best if cur is not None else None
                sides[m.country] = SideRef(m.country, pos, m, best, dist, m is first)
            ref = sides[m.country]
            if ref.best is None or _rank_kind(m) > _rank_kind(ref.best):
                ref.best = m
        # the speaker of the quote the cue stands in
        if in_quote:
            sp = quotes[qi][2].speaker
            c = sp.get("country")
            if c and c in sides:
                sides[c].pos = "Q"  # the speaker, named in the sentence ("…,” kata X")
            elif c:
                m = named.get(sp.get("name"))
                sides[c] = SideRef(c, "Q", m, m, 99)
        if si > 0:
            for c, (m, best) in countries_in(si - 1).items():
                if c not in sides:
                    sides[c] = SideRef(c, "P", m, best, 99)
        for m in para_mentions.get(sent.paragraph, ()) if PARAGRAPH_SIDES else ():
            if m.country and m.country not in sides:
                sides[m.country] = SideRef(m.country, "G", m, m, 99)
        for c in top2:
            if c not in sides:
                sides[c] = SideRef(c, "D", None, None, 99)
        near = sorted(sides.values(), key=lambda s: (s.dist, s.country))[:MAX_SIDES]
        domestic = _same_country_pairs(sides, by_key) if SAME_COUNTRY else []
        types: dict[str, Cue] = {}
        for cue in cm.cues:
            types.setdefault(cue.type, cue)
        base = _cue_features(doc, low, words, cm.start, cm.end, w0, w1, si, in_quote, lex)
        rules_here = rule_by_sent.get(si, [])
        side_cache: dict[tuple[str, str, int], list[str]] = {}  # one side's features, once per cue and type
        for etype, cue in types.items():
            tf = base + [f"{etype}|{f}" for f in base]
            tf += [f"T={etype}", f"{etype}|cue={cue.form}", f"{etype}|voice={cue.voice}"]
            if any(k[0] == etype for k in rules_here):
                tf.append(f"{etype}|rule_T_sent")
            for a in near:
                for r in [*near, None]:
                    if r is not None and r.country == a.country:
                        continue
                    if a.pos in ("D", "P", "G") and r is not None and r.pos in ("D", "P", "G"):
                        continue  # at least one side in the sentence or speaking
                    inst = Instance(etype, a, r, cue, cm.start, cm.end, si, sent_start=sent.start,
                                    sent_end=sent.end, shared=tf)
                    inst.features = tf + _pair_features(etype, cue, a, r, words, cm.start, cm.end, w0, w1, rank,
                                                        rules_here, rule_facts, side_cache)
                    out.append(inst)
            for a, r in domestic:  # two actors of one country: a domestic event (government vs rebels)
                inst = Instance(etype, a, r, cue, cm.start, cm.end, si, sent_start=sent.start, sent_end=sent.end,
                                shared=tf)
                inst.features = tf + ["same", f"{etype}|same"] + _pair_features(
                    etype, cue, a, r, words, cm.start, cm.end, w0, w1, rank, rules_here, rule_facts, side_cache)
                out.append(inst)
    # the rule coder's events that no candidate reproduces are candidates too
    have = {i.key for i in out}
    for e in rule_events:
        k = (e.type, (e.actor or {}).get("country"), (e.recipient or {}).get("country"))
        if k in have or not k[1]:
            continue
        si = max(0, bisect.bisect_right(s_starts, e.span[0]) - 1)
        a = SideRef(k[1], "X", None, None, 99)
        r = SideRef(k[2], "X", None, None, 99) if k[2] else None
        cue = Cue(e.type, e.cue or "", "active", e.mutual, e.mode, None, e.quad or "", e.score or 0.0)
        inst = Instance(e.type, a, r, cue, e.span[0], e.span[1], si,
                        [f"T={e.type}", f"{e.type}|rule_only", "rule_fact_sent", "rule_fact_doc"],
                        sent_start=sents[si].start, sent_end=sents[si].end)
        out.append(inst)
        have.add(k)
    _fact_features(out)
    return out


def _same_country_pairs(sides: dict[str, SideRef], by_key: dict[str, SideRef]) -> list[tuple[SideRef, SideRef]]:
    """For each country with two different actors in the sentence: (the nearer, the other nearest)."""
    out = []
    for c, ref in sides.items():
        if ref.pos not in "LR" or ref.mention is None:
            continue
        others = [s for k, s in by_key.items() if s.country == c and k != ref.mention.key]
        if not others:
            if SELF_PAIRS:  # the other side unnamed ("pasukan keamanan", "demonstran"): the same country
                out.append((ref, SideRef(c, "S", None, None, 99)))
            continue
        other = min(others, key=lambda s: (s.dist, s.mention.start if s.mention else 0))
        a, r = (ref, other) if ref.pos == "L" and (other.pos == "R" or ref.dist <= other.dist) else (other, ref)
        out.append((a, r))
    return out


def _cue_features(doc: Document, low: str, words: WordIndex, c0: int, c1: int, s0: int, s1: int, si: int,
                  in_quote: bool, lex: Any) -> list[str]:
    """Features of the cue in its sentence, shared by every pair of sides."""
    f = [f"cprev={words.before(c0, s0)}", f"cnext={words.after(c1, s1)}"]
    prev2 = words.between(max(s0, c0 - 40), c0)[-3:]
    f += [f"cw-={w}" for w in prev2]
    f += [f"cw+={w}" for w in words.between(c1, min(s1, c1 + 30))[:2]]
    near = low[max(s0, c0 - 30) : c0]
    if lex.negation_rx.search(near):
        f.append("neg")
    if lex.future_rx.search(low, max(s0, c0 - 45), c0):
        f.append("fut")
    if lex.hypothetical_rx.search(low, max(s0, c0 - 45), c0):
        f.append("hyp")
    if in_quote:
        f.append("inq")
    f.append(f"sidx={_bucket(si)}")
    f += [f"sw={w}" for w in sorted(set(words.between(s0, s1))) if len(w) >= 5 and w.isalpha()]
    if c0 - s0 < 3:
        f.append("sent_initial")
    if low[c0:c1] != doc.text[c0:c1]:
        f.append("capitalised")
    kind = doc.paragraphs[doc.sentences[si].paragraph].kind if doc.sentences[si].paragraph < len(doc.paragraphs) else ""
    if kind == "caption":
        f.append("caption")
    return f


def _side_features(tag: str, s: SideRef, words: WordIndex, c0: int, c1: int, s0: int, s1: int) -> list[str]:
    f = [f"{tag}pos={s.pos}", f"{tag}d={s.pos}{_bucket(s.dist)}"]
    m = s.mention
    if m is not None:
        f.append(f"{tag}k={m.kind}")
        if s.pos in "LR":
            f.append(f"{tag}prev={words.before(m.start, s0)}")
            f.append(f"{tag}next={words.after(m.end, s1)}")
            lo, hi = (m.end, c0) if s.pos == "L" else (c1, m.start)
            btw = words.between(lo, hi)
            if "," in btw:
                f.append(f"{tag}comma")
            if s.pos == "L" and any(w in _SPEECH for w in btw):
                f.append(f"{tag}said")
            if s.first:
                f.append(f"{tag}subj")
            if s.pos == "R":
                f += [f"{tag}btw={w}" for w in btw[:3]]
    if s.country == HOME:
        f.append(f"{tag}home")
    return f


def _typed_side(tag: str, s: SideRef, t: str, words: WordIndex, c0: int, c1: int, s0: int, s1: int,
                cache: dict[tuple[str, str, int], list[str]] | None) -> list[str]:
    """A side's features followed by their copies prefixed with the type (the same list for one side of a cue)."""
    k = (t, tag, id(s))
    got = cache.get(k) if cache is not None else None
    if got is None:
        sf = _side_features(tag, s, words, c0, c1, s0, s1)
        got = sf + [f"{t}|{x}" for x in sf]
        if cache is not None:
            cache[k] = got
    return got


def _pair_features(etype: str, cue: Cue, a: SideRef, r: SideRef | None, words: WordIndex, c0: int, c1: int,
                   s0: int, s1: int, rank: dict[str, int], rules_here: list[tuple[str, str | None, str | None]],
                   rule_facts: set[tuple[str, str | None, str | None]],
                   cache: dict[tuple[str, str, int], list[str]] | None = None) -> list[str]:
    """``cache``: the sides' features (and their typed copies) by (type, tag, side), for the pairs of one cue."""
    t = etype
    pr = r.pos if r is not None else "N"
    f = [f"{t}|pp={a.pos}{pr}", f"{t}|{cue.voice}|pp={a.pos}{pr}", f"pp={a.pos}{pr}"]
    f += _typed_side("a", a, t, words, c0, c1, s0, s1, cache)
    f.append(f"arank={min(rank.get(a.country, 9), 3)}")
    if r is not None:
        f += _typed_side("r", r, t, words, c0, c1, s0, s1, cache)
        f.append(f"rrank={min(rank.get(r.country, 9), 3)}")
        if a.pos == r.pos == "L" and a.mention and r.mention:
            f.append(f"{t}|a_first" if a.mention.start < r.mention.start else f"{t}|r_first")
        if a.pos == r.pos == "R" and a.mention and r.mention:
            f.append(f"{t}|RR_a_first" if a.mention.start < r.mention.start else f"{t}|RR_r_first")
    else:
        f.append(f"{t}|norecip")
    k = (etype, a.country, r.country if r else None)
    rev = (etype, r.country if r else None, a.country)
    if k in rules_here:
        f += ["rule_fact_sent", f"{t}|rule_fact_sent"]
    elif rev in rules_here:
        f.append(f"{t}|rule_rev_sent")
    if k in rule_facts:
        f.append("rule_fact_doc")
    if cue.mutual:
        f.append(f"{t}|mutual")
    return f


def _fact_features(instances: list[Instance]) -> None:
    """How often the article supports each fact (instances and sentences)."""
    n: Counter[tuple[str, str, str | None]] = Counter()
    sents: dict[tuple[str, str, str | None], set[int]] = {}
    for i in instances:
        if i.actor.pos in "LRQX" and (i.recipient is None or i.recipient.pos in "LRQX"):
            n[i.key] += 1
        sents.setdefault(i.key, set()).add(i.sentence)
    for i in instances:
        i.features.append(f"nsup={min(n[i.key], 4)}")
        i.features.append(f"nsent={min(len(sents[i.key]), 4)}")
