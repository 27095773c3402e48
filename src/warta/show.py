"""A short, readable summary of extracted article records (used by `warta show` and `make demo`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _side(x: dict[str, Any] | None) -> str:
    if not x:
        return "—"
    return f"{x.get('name')} ({x.get('country') or '?'})"


def show(records: Iterable[dict[str, Any]], console: Console | None = None, max_items: int = 8) -> int:
    con = console or Console()
    n = 0
    for rec in records:
        n += 1
        head = f"[bold]{rec['id']}[/bold]  published {rec.get('published') or '?'}"
        for key in ("outlet", "dateline", "language"):
            if rec.get(key):
                head += f"  {key} {rec[key]}"
        if rec.get("wire"):
            head += f"  wire {', '.join(rec['wire'])}"
        con.print(head)
        actors = rec.get("actors") or []
        if actors:
            con.print("  actors: " + ", ".join(_side(a) for a in actors[:max_items])
                      + (" …" if len(actors) > max_items else ""))
        events = rec.get("events") or []
        if events:
            t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
            for col in ("type", "actor", "recipient", "date", "aux", "evidence"):
                t.add_column(col, overflow="fold")
            for e in events[:max_items]:
                t.add_row(e.get("type", ""), _side(e.get("actor")), _side(e.get("recipient")), e.get("date") or "—",
                          e.get("aux") or "", (e.get("text") or "")[:90])
            con.print(t)
        for q in (rec.get("quotes") or [])[:max_items]:
            con.print(f"  “{(q.get('text') or '')[:100]}” — {_side(q.get('speaker'))}")
        con.print()
    return n
