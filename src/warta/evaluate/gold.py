"""Reading gold files (EVENTS.md §10) for measurements."""

from __future__ import annotations

from typing import Any


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
