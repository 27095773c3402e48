"""A short, readable summary of extracted article records (used by `warta show` and `make demo`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

# C0/C1 controls (escape sequences) and bidi overrides: article text must not steer the terminal
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(value: object) -> str:
    """Text from an article as plain characters: controls removed, line breaks and tabs as spaces."""
    return CONTROL.sub("", str(value).replace("\n", " ").replace("\t", " "))


def _m(value: object) -> str:
    """Text from an article inside rich markup: safe for the terminal and with its brackets escaped."""
    return escape(terminal_safe(value))


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _side(x: dict[str, Any] | None) -> str:
    if not x:
        return "—"
    return _m(f"{x.get('name')} ({x.get('country') or '?'})")


def show(records: Iterable[dict[str, Any]], console: Console | None = None, max_items: int = 8) -> int:
    con = console or Console()
    n = 0
    for rec in records:
        n += 1
        head = f"[bold]{_m(rec['id'])}[/bold]  published {_m(rec.get('published') or '?')}"
        for key in ("outlet", "dateline", "language"):
            if rec.get(key):
                head += f"  {key} {_m(rec[key])}"
        if rec.get("wire"):
            head += f"  wire {_m(', '.join(map(str, rec['wire'])))}"
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
                t.add_row(_m(e.get("type", "")), _side(e.get("actor")), _side(e.get("recipient")),
                          _m(e.get("date") or "—"), _m(e.get("aux") or ""), _m((e.get("text") or "")[:90]))
            con.print(t)
        for q in (rec.get("quotes") or [])[:max_items]:
            con.print(f"  “{_m((q.get('text') or '')[:100])}” — {_side(q.get('speaker'))}")
        con.print()
    return n
