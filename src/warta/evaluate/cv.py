"""Training and held-out measurement of the learned event coder.

``train_model`` fits the scorer on annotated articles (records + gold files). ``cross_validate`` runs the
5-fold cross-validation of ``warta eval``: for each fold, a model is fitted on the other four, the fold is
extracted by the normal pipeline with that model, and the pooled predictions are scored by
``score.py`` itself (the evaluation script in ``../shared/eval``).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.document import Document
from warta.evaluate.folds import assign_folds
from warta.evaluate.gold import same_name
from warta.events import naming
from warta.events.candidates import generate
from warta.events.mining import mine_cues
from warta.events.scorer import Article, Model, train
from warta.events.step import EventsStep
from warta.pipeline import Pipeline
from warta.read.readers import record_to_document
from warta.shared import shared_dir

NAMER = True  # fit the side-naming chooser (events/naming.py) with the scorer


@dataclass
class Corpus:
    """Annotated articles: input records and gold files."""

    records: list[dict[str, Any]]
    gold: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, input_jsonl: Path, gold_dir: Path) -> Corpus:
        recs = [json.loads(line) for line in input_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold = {}
        for r in recs:
            p = gold_dir / f"{r['id']}.json"
            if p.exists():
                gold[r["id"]] = json.loads(p.read_text(encoding="utf-8"))
        return cls([r for r in recs if r["id"] in gold], gold)


def pipeline_with(model: Model | None) -> Pipeline:
    """The default pipeline with the events step using ``model`` (None: rules only)."""
    pipe = Pipeline.default()
    pipe.language_steps = [EventsStep(model=model) if getattr(s, "name", "") == "events" else s
                           for s in pipe.language_steps]
    return pipe


def _doc(rec: dict[str, Any]) -> Document:
    """A record as the readers make it (validated: surrogates, implausible dates)."""
    return record_to_document(rec, default_id=str(rec["id"]), origin=str(rec["id"]))


@dataclass
class Annotated:
    """One training article: its document run through the pipeline with the scorer off, and its gold."""

    id: str
    fold: int
    doc: Document
    rules: list[Any]  # the rule coder's events
    gold: list[dict[str, Any]]


def articles(corpus: Corpus, folds: dict[str, int]) -> list[Annotated]:
    """Every article processed once (rule coder run, scorer off), with gold and fold."""
    pipe = pipeline_with(None)
    out = []
    for rec in corpus.records:
        doc = pipe(_doc(rec))
        out.append(Annotated(rec["id"], folds.get(rec["id"], 0), doc, list(doc.events),
                             corpus.gold[rec["id"]].get("events", [])))
    return out


def train_model(items: Sequence[Annotated], version: str | None = None, mine: bool = False) -> Model:
    """Generate the items' candidates and fit the scorer. ``mine``: also mine cue variants from the items
    (events.mining; off by default: on folds 1-4 it raised recall but lowered held-out F1, 0.33 vs 0.35)."""
    mined = mine_cues((a.doc, a.gold) for a in items) if mine else {}
    arts = [Article(a.id, a.fold, generate(a.doc, a.rules, mined), a.gold, a.doc.text) for a in items]
    model = train(arts, version=version)
    model.meta["mined_cues"] = mined
    if NAMER:
        groups = []
        for item, art in zip(items, arts, strict=True):
            groups += naming.training_groups(item.doc, art.instances, item.gold, art.evidence, same_name)
        model.meta["namer"] = naming.fit(groups).to_json()
    return model


def extract_records(recs: Iterable[dict[str, Any]], model: Model | None) -> list[dict[str, Any]]:
    pipe = pipeline_with(model)
    return [pipe(_doc(r)).to_record() for r in recs]


def score(pred: list[dict[str, Any]], gold_dir: Path, ids: Iterable[str], by_type: bool = False
          ) -> tuple[dict[str, Any], str]:
    """Run score.py on the predictions against the gold files of ``ids``: (totals, by-type text)."""
    script = shared_dir() / "eval" / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        gdir = Path(tmp) / "gold"
        gdir.mkdir()
        for i in ids:
            (gdir / f"{i}.json").write_bytes((gold_dir / f"{i}.json").read_bytes())
        pp = Path(tmp) / "pred.jsonl"
        pp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pred), encoding="utf-8")
        js = subprocess.run([sys.executable, str(script), "--gold", str(gdir), "--pred", str(pp), "--json"],
                            capture_output=True, text=True, check=True)
        totals = json.loads(js.stdout)
        text = ""
        if by_type:
            text = subprocess.run([sys.executable, str(script), "--gold", str(gdir), "--pred", str(pp), "--by-type"],
                                  capture_output=True, text=True, check=True).stdout
    return totals, text


CONFIDENCE_CUTS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def at_confidence(pred: Iterable[dict[str, Any]], cut: float) -> list[dict[str, Any]]:
    """The records with only the events whose confidence reaches ``cut`` (an event without one, coded by rules
    alone, counts as certain: as `warta events --min-confidence` reads the store)."""
    out = []
    for r in pred:
        evs = [e for e in r.get("events") or [] if (1.0 if e.get("confidence") is None else e["confidence"]) >= cut]
        out.append({**r, "events": evs})
    return out


def by_confidence(pred: list[dict[str, Any]], gold_dir: Path, ids: Sequence[str],
                  cuts: Sequence[float] = CONFIDENCE_CUTS) -> list[dict[str, Any]]:
    """Held-out events precision, recall and F1 when only events of at least each confidence are kept (what a
    user of `--min-confidence` gets), with the events kept per article."""
    rows = []
    for cut in cuts:
        kept = at_confidence(pred, cut)
        e = score(kept, gold_dir, ids)[0]["events"]
        n = sum(len(r["events"]) for r in kept)
        rows.append({"min_confidence": cut, "precision": e["precision"], "recall": e["recall"], "f1": e["f1"],
                     "events": n, "per_article": round(n / max(1, len(kept)), 3)})
    return rows


def train_folds(corpus: Corpus) -> dict[str, int]:
    return assign_folds((r["id"], r.get("published")) for r in corpus.records)


def cross_validate(corpus: Corpus, gold_dir: Path, *, k: int = 5, fraction: float = 1.0, seed: int = 13,
                   skip_folds: Sequence[int] = (), only_folds: Sequence[int] | None = None,
                   arts: list[Annotated] | None = None, progress: Callable[[str], None] | None = None,
                   mine: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Out-of-fold predictions for every fold (each by a model fitted on the other folds), pooled."""
    folds = train_folds(corpus)
    arts = arts if arts is not None else articles(corpus, folds)
    preds: list[dict[str, Any]] = []
    ids: list[str] = []
    by_id = {r["id"]: r for r in corpus.records}
    for f in range(k):
        if f in skip_folds or (only_folds is not None and f not in only_folds):
            continue
        fit = [a for a in arts if a.fold != f and a.fold not in skip_folds]
        if fraction < 1.0:
            rng = random.Random(seed)
            fit = sorted(rng.sample(fit, max(1, int(len(fit) * fraction))), key=lambda a: a.id)
        model = train_model(fit, version=f"cv-fold{f}", mine=mine)
        held = [by_id[a.id] for a in arts if a.fold == f]
        preds += extract_records(held, model)
        ids += [r["id"] for r in held]
        if progress:
            progress(f"fold {f}: fitted on {len(fit)} articles (C={model.meta.get('C')}, "
                     f"threshold {model.threshold}), extracted {len(held)}")
    return preds, ids
