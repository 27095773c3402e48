"""`warta eval`, `warta train` and `warta explain`: the learned event coder's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def _say(msg: str) -> None:
    print(f"warta: {msg}", file=sys.stderr)


def _need_shared(shared: Path | None) -> Path:
    from warta.evaluate.cv import shared_dir

    base = shared or shared_dir()
    if not (base / "eval" / "score.py").exists() or not (base / "train" / "input.jsonl").exists():
        _say(f"no training data at {base} (expected train/input.jsonl and eval/score.py; set --shared or WARTA_SHARED)")
        raise typer.Exit(3)
    return base


def _line(name: str, tot: dict[str, Any]) -> str:
    e, q = tot.get("events", {}), tot.get("quotes", {})
    return (f"{name:<28} events P {e.get('precision', 0):.3f} R {e.get('recall', 0):.3f} F1 {e.get('f1', 0):.3f} "
            f"(tp {e.get('tp')} fp {e.get('fp')} fn {e.get('fn')} dup {e.get('duplicates')})  "
            f"date-exact {e.get('date_exact', 0):.3f}  names {e.get('actor_names', 0):.3f}  "
            f"quotes F1 {q.get('f1', 0):.3f} speaker {q.get('speaker_accuracy', 0):.3f}")


def eval_cmd(
    shared: Annotated[Path | None, typer.Option("--shared", help="The shared data folder (default ../shared).")] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Print score.py's per-type table.")] = False,
    curve: Annotated[bool, typer.Option("--learning-curve", help="Also held-out F1 at 25/50/100 % of the "
                                                                 "training folds.")] = False,
    dev: Annotated[bool, typer.Option("--dev/--no-dev", help="Also score dev with a model fitted on train.")] = True,
    output: Annotated[Path | None, typer.Option("--json", help="Write all figures as JSON here.")] = None,
) -> None:
    """5-fold cross-validation over ../shared/train (folds of contiguous publication days), scored by score.py.

    Each fold is extracted by the normal pipeline with a model fitted (scorer, threshold, mined cues) on the
    other four folds; the pooled predictions are scored. Fold 5 (index 4) is the held-out check and is also
    reported alone. Dev is scored by a model fitted on train only (a regression guard: the lexicon was
    written while reading dev)."""
    from warta.evaluate.cv import (
        Corpus,
        articles,
        by_confidence,
        cross_validate,
        extract_records,
        score,
        train_folds,
        train_model,
    )
    from warta.evaluate.folds import HELD_OUT_FOLD

    base = _need_shared(shared)
    gold_dir = base / "train" / "gold"
    corpus = Corpus.load(base / "train" / "input.jsonl", gold_dir)
    folds = train_folds(corpus)
    _say(f"{len(corpus.records)} articles; fold sizes " +
         " ".join(str(sum(1 for v in folds.values() if v == f)) for f in range(5)))
    arts = articles(corpus, folds)
    out: dict[str, Any] = {}
    preds, ids = cross_validate(corpus, gold_dir, arts=arts, progress=_say)
    tot, table = score(preds, gold_dir, ids, by_type=by_type)
    out["cv"] = tot
    print(_line("cross-validation (5 folds)", tot))
    held = [p for p in preds if folds[p["id"]] == HELD_OUT_FOLD]
    hid = [i for i in ids if folds[i] == HELD_OUT_FOLD]
    htot, _ = score(held, gold_dir, hid)
    out["held_out_fold"] = htot
    print(_line(f"held-out fold {HELD_OUT_FOLD + 1}", htot))
    rest = [p for p in preds if folds[p["id"]] != HELD_OUT_FOLD]
    rtot, _ = score(rest, gold_dir, [i for i in ids if folds[i] != HELD_OUT_FOLD])
    out["other_folds"] = rtot
    print(_line("folds 1-4", rtot))
    if by_type:
        print(table.rstrip())
    out["by_confidence"] = by_confidence(preds, gold_dir, ids)
    print("held-out events by minimum confidence (5 folds pooled; what `--min-confidence` keeps):")
    for row in out["by_confidence"]:
        print(f"  >= {row['min_confidence']:.2f}  P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f}"
              f"  events {row['events']} ({row['per_article']:.2f} per article)")
    if curve:
        out["curve"] = {}
        for frac in (0.25, 0.5):
            cp, cids = cross_validate(corpus, gold_dir, arts=arts, fraction=frac)
            ct, _ = score(cp, gold_dir, cids)
            out["curve"][str(frac)] = ct["events"]["f1"]
            print(f"learning curve {int(frac * 100):>3} % of training folds: events F1 {ct['events']['f1']:.3f}")
        out["curve"]["1.0"] = tot["events"]["f1"]
        print(f"learning curve 100 % of training folds: events F1 {tot['events']['f1']:.3f}")
    if dev:
        model = train_model(arts, version="train-only")
        dev_recs = [json.loads(x) for x in (base / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
                    if x.strip()]
        dp = extract_records(dev_recs, model)
        dev_gold = base / "eval" / "gold"
        dtot, _ = score(dp, dev_gold, [r["id"] for r in dev_recs if (dev_gold / f"{r['id']}.json").exists()])
        out["dev_train_only"] = dtot
        print(_line("dev (model fitted on train)", dtot))
    if output:
        output.write_text(json.dumps(out, indent=1), encoding="utf-8")


def train_cmd(
    shared: Annotated[Path | None, typer.Option("--shared", help="The shared data folder (default ../shared).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Where to write the model "
                                                                       "(default: the package's shipped model).")]
    = None,
    train_only: Annotated[bool, typer.Option("--train-only", help="Fit on ../shared/train alone, not dev.")] = False,
) -> None:
    """Rebuild the event scorer from ../shared/train plus ../shared/eval (deterministic)."""
    from warta.evaluate.cv import Annotated as Item
    from warta.evaluate.cv import Corpus, articles, train_folds, train_model
    from warta.events.scorer import shipped_model_path

    base = _need_shared(shared)
    corpus = Corpus.load(base / "train" / "input.jsonl", base / "train" / "gold")
    items: list[Item] = articles(corpus, train_folds(corpus))
    if not train_only:
        dev = Corpus.load(base / "eval" / "dev.jsonl", base / "eval" / "gold")
        items += [Item(a.id, i % 5, a.doc, a.rules, a.gold)
                  for i, a in enumerate(articles(dev, {r["id"]: 0 for r in dev.records}))]
    model = train_model(items)
    path = output or shipped_model_path()
    model.save(path)
    _say(f"model {model.version} ({len(model.weights)} weights, threshold {model.threshold}, "
         f"{len(items)} articles) written to {path}")


def explain_cmd(
    path: Annotated[Path | None, typer.Argument(help="A .txt file (or use --text).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="The article text.")] = None,
    published: Annotated[str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD).")] = None,
    top: Annotated[int, typer.Option("--top", help="Features shown per candidate.")] = 5,
) -> None:
    """Print, sentence by sentence, the candidate events, their top features and score, and why each was
    kept or dropped."""
    from warta.document import Document
    from warta.evaluate.cv import pipeline_with
    from warta.events.candidates import generate
    from warta.events.scorer import default_model

    if text is None:
        if path is None:
            _say("give a file or --text")
            raise typer.Exit(2)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            _say(f"cannot read {path}: {e.strerror or e}")
            raise typer.Exit(2) from None
    model = default_model()
    if model is None:
        _say("no model shipped: run `warta train`")
        raise typer.Exit(3)
    doc = pipeline_with(None)(Document(id="explain", text=text, published=published, origin="<explain>"))
    rules = list(doc.events)
    instances = generate(doc, rules, model.meta.get("mined_cues"))
    from warta.events.step import EventsStep

    step = EventsStep(model=model)
    best = step.scored(instances)
    kept = {(e.type, (e.actor or {}).get("country"), (e.recipient or {}).get("country"))
            for e in step.decide(doc, rules, instances)}
    by_sent: dict[int, list[Any]] = {}
    for inst in instances:
        by_sent.setdefault(inst.sentence, []).append(inst)
    print(f"model {model.version}, threshold {model.threshold}")
    for si, insts in sorted(by_sent.items()):
        s = doc.sentences[si]
        print(f"\n[{si}] {doc.text[s.start:s.end]}")
        for inst in sorted(insts, key=lambda i: -model.prob(i.features)):
            p = model.prob(inst.features)
            k = inst.key
            if p < model.threshold:
                why = "dropped: below threshold"
            elif best[k][1] is not inst:
                why = "same fact as a better candidate"
            elif k in kept:
                why = "KEPT"
            else:
                why = "dropped: one event per fact"
            feats = ", ".join(f"{f} {w:+.2f}" for f, w in model.contributions(inst.features, top))
            print(f"  {p:.2f} {k[0]} {k[1]} -> {k[2] or '-'}  cue '{inst.cue.form}'  {why}\n       {feats}")


def recode_cmd(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store.")] = Path("warta.duckdb"),
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 200,
) -> None:
    """Re-extract the stored articles that an older event model (or the rules alone) coded."""
    from warta.store.recode import current_version, recode
    from warta.store.store import StoreBusy

    if not db.exists():
        _say(f"no store at {db}")
        raise typer.Exit(2)
    try:
        stats, stale = recode(db, batch_size=batch_size)
    except StoreBusy as e:
        _say(str(e))
        raise typer.Exit(3) from None
    _say(f"recoded {stats.replaced} of {stale} articles coded by another model than {current_version()} "
         f"({stats.events} events) in {db}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
    app.command("train")(train_cmd)
    app.command("explain")(explain_cmd)
    app.command("recode")(recode_cmd)
