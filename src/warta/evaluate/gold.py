"""Reading gold files (EVENTS.md §10) for measurements."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from warta.shared import shared_dir


def required_actors(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The distinct sides of the required gold events and the speakers and (not optional) addressees of the
    required gold quotes."""
    out: list[dict[str, Any]] = []
    for e in gold.get("events", []):
        if not e.get("optional"):
            out += [e[k] for k in ("actor", "recipient") if e.get(k)]
    for q in gold.get("quotes", []):
        if q.get("optional"):
            continue
        if q.get("speaker"):
            out.append(q["speaker"])
        if q.get("addressee") and not q.get("addressee_optional"):
            out.append(q["addressee"])
    seen: set[tuple[Any, ...]] = set()
    uniq = []
    for a in out:
        k = (a.get("name"), a.get("country"), tuple(a.get("aliases", [])))
        if k not in seen:
            seen.add(k)
            uniq.append(a)
    return uniq


@lru_cache(maxsize=1)
def scorer_module() -> Any:
    """``../shared/eval/score.py`` as a module: its name matching labels the side-naming chooser."""
    path = shared_dir() / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("warta_shared_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def same_name(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """score.py's own test of a predicted side's name against a gold side (name or alias)."""
    return bool(scorer_module().same_name(pred, gold))
