"""Which mention names each side of an event: a small trained chooser.

An event's side is a country; the name it carries (EVENTS.md §3: the most specific actor that acts or is
acted on — a minister, an army, a government, else the state) is one of the mentions of that country
near the cue. ``options`` lists them — the mentions of the country in the cue's sentence, in the
sentence before, the speaker of the quote the cue stands in, and the country itself — each with binary
features (kind, where it stands, distance to the cue, whether it is the nearest of its kind, how often the
article names it). ``Namer`` scores the options with a logistic regression fitted on the training
articles' gold names (``fit``) and keeps the best one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from warta.document import Document, Mention
from warta.events.candidates import Instance, SideRef, _bucket


@dataclass(slots=True)
class Option:
    mention: Mention | None  # None: the country itself
    features: list[str]

    def side(self, country: str) -> dict[str, Any]:
        from warta.events.coder import Side

        if self.mention is None:
            return {"name": country, "country": country, "kind": "state"}
        return Side.of(self.mention).as_dict()


class ArticleIndex:
    """Per-article positions shared by every event of the article."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions = sorted((m for m in doc.mentions if m.country), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.freq = Counter(m.key for m in self.mentions)
        self.state_of: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind == "state" and m.country and m.country not in self.state_of:
                self.state_of[m.country] = m
        # the person of each country the article names most (its first mention)
        self.top_person: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind == "person" and m.country:
                cur = self.top_person.get(m.country)
                if cur is None or self.freq[m.key] > self.freq[cur.key]:
                    self.top_person[m.country] = m

    def between(self, a: int, b: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(self.mentions[i])
            i += 1
        return out


def options(ix: ArticleIndex, inst: Instance, ref: SideRef, tag: str, speaker: str | None = None) -> list[Option]:
    """The ways to name side ``ref`` (``tag``: "a" actor, "r" recipient) of the instance's event."""
    doc = ix.doc
    c = ref.country
    sents = doc.sentences
    s = sents[inst.sentence]
    here = [m for m in ix.between(s.start, s.end) if m.country == c]
    prev = [m for m in ix.between(sents[inst.sentence - 1].start, s.start) if m.country == c] if inst.sentence else []
    seen: dict[str, tuple[Mention, str, int]] = {}
    for m in here:
        where = "L" if m.end <= inst.start else "R" if m.start >= inst.end else "C"
        dist = inst.start - m.end if where == "L" else m.start - inst.end if where == "R" else 0
        if m.key not in seen or dist < seen[m.key][2]:
            seen[m.key] = (m, where, dist)
    for m in prev:
        if m.key not in seen:
            seen[m.key] = (m, "P", 999)
    t = inst.type
    out: list[Option] = []
    nearest_kind: dict[tuple[str, str], int] = {}
    for m, where, dist in seen.values():
        k = (m.kind, where)
        nearest_kind[k] = min(nearest_kind.get(k, 10**9), dist)
    by_dist = sorted(d for _, w, d in seen.values() if w in "LRC")
    for m, where, dist in seen.values():
        f = [f"k={m.kind}", f"w={where}", f"kw={m.kind}{where}", f"via={m.via}", f"d={where}{_bucket(dist // 7)}",
             f"n={min(ix.freq[m.key], 5)}"]
        if nearest_kind[(m.kind, where)] == dist:
            f.append(f"nearest_{m.kind}{where}")
        if where in "LRC":
            f.append(f"rank={min(by_dist.index(dist), 3)}")
        if m.role:
            f.append("role")
        if ref.mention is not None and m.key == ref.mention.key:
            f.append("own")
        if speaker and m.name == speaker:
            f.append("speaker")
        if m.kind == "person" and speaker and m.name != speaker and where in "LRC":
            f.append("other_person_than_speaker")
        out.append(Option(m, f))
    top = ix.top_person.get(c)
    if top is not None and top.key not in seen:  # the country's protagonist, named elsewhere in the article
        out.append(Option(top, ["k=top_person", f"n={min(ix.freq[top.key], 5)}",
                                *(["speaker"] if speaker and top.name == speaker else [])]))
    state = ix.state_of.get(c)
    if state is None or state.key not in seen:  # the state, named elsewhere in the article (or by its code)
        out.append(Option(state, ["k=country", f"n={min(ix.freq[state.key], 5) if state else 0}"]))
    # every feature also by side and by side and type
    for o in out:
        o.features = o.features + [f"{tag}|{x}" for x in o.features] + [f"{t}|{tag}|{x}" for x in o.features]
    return out


@dataclass
class Namer:
    weights: dict[str, float]

    def score(self, o: Option) -> float:
        w = self.weights
        return sum(w.get(f, 0.0) for f in o.features)

    def choose(self, opts: Sequence[Option]) -> Option | None:
        return max(opts, key=self.score) if opts else None

    def to_json(self) -> dict[str, float]:
        return {k: round(v, 5) for k, v in sorted(self.weights.items())}


def fit(groups: Sequence[tuple[list[Option], list[int]]], C: float = 0.5) -> Namer:
    """Fit on groups of options with 0/1 labels (groups without a right option are left out)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = [], []
    for opts, labels in groups:
        if 1 not in labels or 0 not in labels:
            continue
        for o, lab in zip(opts, labels, strict=True):
            X.append(dict.fromkeys(o.features, 1))
            y.append(lab)
    if len(set(y)) < 2:
        return Namer({})
    vec = DictVectorizer()
    clf = LogisticRegression(C=C, solver="lbfgs", max_iter=3000)
    clf.fit(vec.fit_transform(X), y)
    return Namer({str(n): float(w) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
                  if abs(w) > 1e-4})


def training_groups(doc: Document, instances: Sequence[Instance], gold: Sequence[dict[str, Any]],
                    is_evidence: Callable[[Instance], bool | None],
                    same_name: Callable[[dict[str, Any], dict[str, Any]], bool]) -> list[tuple[list[Option], list[int]]]:
    """Option groups labelled by the gold names of the instances' facts (evidence sentences only)."""
    from warta.events.scorer import gold_label

    ix = ArticleIndex(doc)
    out = []
    done: set[tuple[Any, ...]] = set()
    for inst in instances:
        if inst.actor.pos == "X":
            continue
        g = next((g for g in gold if not g.get("optional") and gold_label(inst.key, [g]) == 1), None)
        if g is None or is_evidence(inst) is False:
            continue
        ga = ((g.get("actor") or {}).get("country") or "").upper()
        flipped = ga != inst.actor.country
        for tag, ref in (("a", inst.actor), ("r", inst.recipient)):
            if ref is None or ref.pos == "S":
                continue
            gside = g.get(("recipient" if tag == "a" else "actor") if flipped else ("actor" if tag == "a" else "recipient"))
            if not gside or not gside.get("name"):
                continue
            k = (inst.key, inst.sentence, tag)
            if k in done:
                continue
            done.add(k)
            opts = options(ix, inst, ref, tag, _speaker(doc, inst))
            out.append((opts, [int(same_name(o.side(ref.country), gside)) for o in opts]))
    return out


def _speaker(doc: Document, inst: Instance) -> str | None:
    for q in doc.quotes:
        if q.span[0] <= inst.start and inst.end <= q.span[1] and q.speaker:
            return q.speaker.get("name")
    return None


def name_sides(doc: Document, ix: ArticleIndex, inst: Instance, namer: Namer) -> tuple[dict[str, Any] | None, ...]:
    """The chosen names of the instance's actor and recipient (None where the chooser has no option)."""
    speaker = _speaker(doc, inst)
    out: list[dict[str, Any] | None] = []
    taken: str | None = None  # the actor's mention: the recipient is another actor
    for tag, ref in (("a", inst.actor), ("r", inst.recipient)):
        if ref is None or ref.pos in ("S", "X"):
            out.append(None)
            continue
        opts = [o for o in options(ix, inst, ref, tag, speaker) if o.mention is None or o.mention.key != taken]
        best = namer.choose(opts)
        out.append(best.side(ref.country) if best is not None else None)
        taken = best.mention.key if best is not None and best.mention is not None else None
    return tuple(out)
