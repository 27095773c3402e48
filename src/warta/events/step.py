"""The events step: rule coder → candidates → trained scorer → one event per fact.

1. ``RuleCoder`` (coder.py) codes the article by its rules; its events become candidates and features.
2. ``candidates.generate`` lists every cue with the countries in reach (instances) and their features.
3. The scorer (``scorer.Model``) rates every instance; a fact ``(type, actor country, recipient country)``
   takes its best instance's probability and is kept when it reaches the model's threshold and no rival
   of the same type and actor outranks it (``scorer.outranked``, the ratio fitted with the scorer).
4. A kept fact the rule coder also coded keeps the rule event (its date, aux, names and evidence); a new
   one is built from its best instance: the most specific mention of each side, the date governing the
   cue's clause (else the news date), aux from negation/condition/future words before the cue. An event
   dated by default takes the recent date of another probable mention of its fact (``_dated_mention``).
5. ``dedupe`` keeps one event per fact (EVENTS.md §7). Each event carries ``confidence`` and ``model``.

Without a shipped model (before ``warta train``) the rule coder's events pass through unscored.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from warta.dates import date_for_clause, find_expressions, is_background
from warta.document import Document, Event, Mention
from warta.events.candidates import Instance, SideRef, generate
from warta.events.coder import RuleCoder, Side, dedupe
from warta.events.lexicon import get_lexicon
from warta.events.naming import ArticleIndex, Namer, name_sides
from warta.events.scorer import Model, default_model, outranked

_NO_MODEL = object()
Key = tuple[str, str, str | None]
# An undated event takes the date of another mention of its fact (EVENTS.md §5: the date said where the act is
# reported) when that mention scores at least this share of the best one's probability.
DATED_RATIO = 0.2
RECENT_DAYS = 7  # ... and when that date is of the news days: an older one is another occurrence (background)


class EventsStep:
    """Fills ``doc.events``: the rule coder's candidates and the cue candidates, decided by the scorer."""

    name = "events"

    def __init__(self, model: Model | None | object = _NO_MODEL) -> None:
        self.rules = RuleCoder()
        self.model: Model | None = default_model() if model is _NO_MODEL else model  # type: ignore[assignment]
        self._namer: tuple[Model, Namer | None] | None = None

    def __call__(self, doc: Document) -> Document:
        self.rules.last_matches = self.rules.last_exprs = None
        doc = self.rules(doc)
        if self.model is None:
            return doc
        rule_events = list(doc.events)
        seen = self.rules.last_matches
        cues, paras = (seen[1], seen[2]) if seen is not None and seen[0] == doc.id else (None, None)
        instances = generate(doc, rule_events, self.model.meta.get("mined_cues"), cues, paras)
        known = self.rules.last_exprs
        doc.events = self.decide(doc, rule_events, instances, known[1] if known and known[0] == doc.id else None)
        doc.model = self.model.version
        return doc

    def namer(self) -> Namer | None:
        """The model's side-naming chooser (None when the model has none)."""
        assert self.model is not None
        if self._namer is None or self._namer[0] is not self.model:
            w = self.model.meta.get("namer")
            self._namer = (self.model, Namer(w) if w else None)
        return self._namer[1]

    def scored(self, instances: list[Instance], every: dict[Key, list[tuple[float, Instance]]] | None = None
               ) -> dict[Key, tuple[float, Instance]]:
        """The best instance of each fact with its probability (and, into ``every``, all its instances)."""
        assert self.model is not None
        best: dict[Key, tuple[float, Instance]] = {}
        model = self.model
        partials: dict[int, tuple[list[str], float]] = {}  # the shared features' sum, once per cue and type
        for inst in instances:
            tf = inst.shared
            if tf is None:
                p = model.prob(inst.features)
            else:
                got = partials.get(id(tf))
                if got is None:
                    got = partials[id(tf)] = (tf, model.partial(tf))
                p = model.prob_after(got[1], inst.features, len(tf))
            k = inst.key
            if every is not None:
                every.setdefault(k, []).append((p, inst))
            if k not in best or p > best[k][0]:
                best[k] = (p, inst)
        return best

    def decide(self, doc: Document, rule_events: list[Event], instances: list[Instance],
               exprs: list[Any] | None = None) -> list[Event]:
        """The kept facts as events (``exprs``: the article's date expressions, when the rule coder found them)."""
        assert self.model is not None
        model = self.model
        every: dict[Key, list[tuple[float, Instance]]] = {}
        best = self.scored(instances, every)
        by_key: dict[tuple[str, str | None, str | None], list[Event]] = {}
        for e in rule_events:
            by_key.setdefault((e.type, (e.actor or {}).get("country"), (e.recipient or {}).get("country")),
                              []).append(e)
        starts: list[int] = []
        out: list[Event] = []
        namer = self.namer()
        ix: ArticleIndex | None = None  # built for the first kept fact
        beaten = outranked({k: p for k, (p, _) in best.items()}, float(model.meta.get("rival_ratio", 0.0)))
        for k, (p, inst) in sorted(best.items(), key=lambda kv: kv[1][1].start):
            if p < model.threshold or k in beaten:
                continue
            if exprs is None:
                exprs = find_expressions(doc.text)
            if not starts and exprs:
                starts = [x.start for x in exprs]
            conf = round(p, 4)
            if namer is not None and ix is None:
                ix = ArticleIndex(doc)
            names = name_sides(doc, ix, inst, namer) if namer is not None and ix is not None else (None, None)
            if k in by_key:
                evs = [_renamed(replace(e, confidence=conf, model=model.version), names) for e in by_key[k]]
            else:
                ev = _build(doc, inst, exprs)
                if ev is None:
                    continue
                ev.confidence, ev.model = conf, model.version
                evs = [_renamed(ev, names)]
            out += [_dated_mention(doc, e, every[k], p, exprs, starts) if e.date_from == "default" else e for e in evs]
        # dedupe keeps a fact's first event: of two at the same place (the two orders of a mutual fact, "A berkunjung
        # ke B" read both ways) the more probable one
        out.sort(key=lambda e: (e.span[0], -(e.confidence or 0.0)))
        return dedupe(out)


def _dated_mention(doc: Document, ev: Event, mentions: list[tuple[float, Instance]], best: float,
                   exprs: list[Any], starts: list[int] | None = None) -> Event:
    """An event dated by default takes the date, sentence and cue of the fact's most probable other mention
    whose clause names a recent date (same aux; a side named in that sentence or its quote), if one scores
    at least ``DATED_RATIO`` of the best; else it is returned unchanged. ``starts``: the expressions' starts
    (each mention is read with its own sentence's expressions only, so the work stays linear)."""
    starts = starts if starts is not None else [x.start for x in exprs]
    for p, inst in sorted(mentions, key=lambda pi: (-pi[0], pi[1].start)):
        if p < DATED_RATIO * best:
            break
        if ev.span[0] <= inst.start < ev.span[1] or not _named_here(inst):
            continue
        sent = doc.sentences[inst.sentence]
        local = exprs[bisect.bisect_left(starts, sent.start):bisect.bisect_left(starts, sent.end)]
        if not local:
            continue
        alt = _build(doc, inst, local)
        if alt is not None and alt.date_from == "text" and alt.aux == ev.aux and _recent(alt.date, doc.published):
            return replace(ev, date=alt.date, date_from="text", text=alt.text, span=alt.span, cue=alt.cue)
    return ev


def _recent(d: str | None, pub: str | None) -> bool:
    """A date of the news days (not a background act, which is another occurrence of the fact)."""
    return not is_background(d, pub, days=RECENT_DAYS)


def _named_here(inst: Instance) -> bool:
    """Whether a side of the instance is named in its own sentence (left, right) or its quote."""
    return any(ref is not None and ref.pos in ("L", "R", "Q") for ref in (inst.actor, inst.recipient))


def _renamed(ev: Event, names: tuple[dict[str, Any] | None, ...]) -> Event:
    """The event with the chooser's names where it has one for a side of the same country."""
    a, r = names
    if a is not None and ev.actor and ev.actor.get("country") == a.get("country"):
        ev.actor = a
    if r is not None and ev.recipient and ev.recipient.get("country") == r.get("country"):
        ev.recipient = r
    return ev


def _name_of(doc: Document, ref: SideRef) -> dict[str, Any]:
    m: Mention | None = ref.best or ref.mention
    if m is None:
        m = next((x for x in doc.mentions if x.country == ref.country and x.kind == "state"), None) or next(
            (x for x in doc.mentions if x.country == ref.country), None)
    if m is None:
        return {"name": ref.country, "country": ref.country, "kind": "state"}
    return Side.of(m).as_dict()


def _build(doc: Document, inst: Instance, exprs: list[Any]) -> Event | None:
    lex = get_lexicon()
    sent = doc.sentences[inst.sentence]
    s0, s1 = sent.start, sent.end
    low = doc.lower_text()
    c0 = inst.start
    verbal = inst.type in lex.verbal_types
    aux: str | None = None
    if not verbal:
        if lex.negation_rx.search(low, max(s0, c0 - 28), c0):
            aux = "negated"
        elif lex.hypothetical_rx.search(low, max(s0, c0 - 45), c0):
            aux = "hypothetical"
        elif lex.future_rx.search(low, max(s0, c0 - 45), c0):
            aux = "future"
    pub = doc.published
    d = date_for_clause(doc.text, s0, s1, c0, pub, future=aux == "future", exprs=exprs)
    date_from = "text" if d else "default"
    if d is None:
        d = _news_date(doc, inst.sentence, exprs, pub)
    quad = lex.quad.get(inst.type, (None, None))
    return Event(
        type=inst.type, actor=_name_of(doc, inst.actor),
        recipient=_name_of(doc, inst.recipient) if inst.recipient is not None else None,
        text=doc.text[s0:s1], span=(s0, s1), mode=inst.cue.mode, aux=aux, mutual=inst.cue.mutual, date=d,
        quad=quad[0], score=quad[1], cue=inst.cue.form, date_from=date_from)


def _news_date(doc: Document, si: int, exprs: list[Any], pub: str | None) -> str | None:
    """An undated sentence reporting news: the day named earlier in its paragraph, else publication."""
    if not pub or len(pub) < 10:
        return pub
    from warta.dates import resolve

    sent = doc.sentences[si]
    par = doc.paragraphs[sent.paragraph] if sent.paragraph < len(doc.paragraphs) else None
    if par is not None:
        starts = [x.start for x in exprs]
        i = bisect.bisect_left(starts, par.start)
        last = None
        while i < len(exprs) and exprs[i].end <= sent.start:
            last = exprs[i]
            i += 1
        if last is not None:
            d = resolve(last, pub)
            if d and not is_background(d, pub, days=7):
                return d
    return pub
