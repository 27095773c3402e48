"""`warta ingest | events | timeline | actors | quotes | stories | export`: the Store API on the command line.

``register(app)`` adds the commands to a typer app (``warta.cli`` calls it).
Every query command takes ``--db`` and ``--format table|csv|jsonl``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from warta.store.schema import QUADS
from warta.store.store import Store, content_hash

DEFAULT_DB = "warta.duckdb"
SPARK = "▁▂▃▄▅▆▇█"


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class ExportFmt(StrEnum):
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled between the smallest and the largest."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return SPARK[len(SPARK) // 2] * len(values)
    return "".join(SPARK[round((v - lo) / (hi - lo) * (len(SPARK) - 1))] for v in values)


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _cell(v: Any, width: int | None = None) -> str:
    v = _plain(v)
    if v is None:
        s = ""
    elif isinstance(v, (list, dict)):
        s = (
            ", ".join(map(str, v))
            if isinstance(v, list) and all(not isinstance(x, (list, dict)) for x in v)
            else json.dumps(v, ensure_ascii=False)
        )
    elif isinstance(v, float):
        s = f"{v:g}"
    else:
        s = str(v)
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return s


def emit(
    rows: list[dict[str, Any]],
    fmt: Fmt,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    widths: dict[str, int] | None = None,
) -> None:
    """Write rows to stdout as a rich table, CSV or JSON Lines."""
    if fmt is Fmt.jsonl:
        out = sys.stdout
        for r in rows:
            out.write(json.dumps(_plain(r), ensure_ascii=False) + "\n")
        return
    cols = list(columns) if columns else (list(rows[0]) if rows else [])
    if fmt is Fmt.csv:
        w = csv.writer(sys.stdout)
        w.writerow(list(rows[0]) if rows else cols)
        for r in rows:
            w.writerow([_cell(v) if isinstance(v, (list, dict)) else _plain(v) for v in r.values()])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(
            c, overflow="fold", justify="right" if rows and isinstance(rows[0].get(c), (int, float)) else "left"
        )
    for r in rows:
        table.add_row(*(_cell(r.get(c), (widths or {}).get(c)) for c in cols))
    Console(width=max(100, Console().width)).print(table)


def _open(db: Path) -> Store:
    if not db.exists():
        typer.echo(f"warta: no store at {db} (run `warta ingest … --db {db}` first)", err=True)
        raise typer.Exit(2)
    return Store(db, read_only=True)


def _known_filter(store: Store, docs: Iterable[Any], chunk: int, counts: dict[str, int]) -> Iterator[Any]:
    """Drop documents whose id is stored with the same raw-text hash, before any extraction work."""
    buf: list[Any] = []

    def flush() -> Iterator[Any]:
        known = store.known(d.id for d in buf)
        for d in buf:
            if known.get(d.id) == content_hash(d.text):
                counts["unchanged"] += 1
            else:
                yield d
        buf.clear()

    for d in docs:
        buf.append(d)
        if len(buf) >= chunk:
            yield from flush()
    if buf:
        yield from flush()


def _read_records(paths: list[str]) -> Iterator[dict[str, Any]]:
    import gzip

    for p in paths:
        opener = gzip.open if p.endswith(".gz") else open
        fh = sys.stdin if p == "-" else opener(p, "rt", encoding="utf-8")  # type: ignore[operator]
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    yield {"_bad": f"{p}:{n}: bad JSON ({e.msg})"}
                    continue
                yield rec if isinstance(rec, dict) else {"_bad": f"{p}:{n}: not an object"}
        finally:
            if fh is not sys.stdin:
                fh.close()


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""

    @app.command()
    def ingest(
        inputs: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl(.gz), .html, or - for stdin.")],
        db: DbOpt = Path(DEFAULT_DB),
        batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 500,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
        workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes.")] = 1,
        records: Annotated[
            bool,
            typer.Option(
                "--records", help="Inputs are article records already extracted (`warta extract --body` output)."
            ),
        ] = False,
        article_timeout: Annotated[
            float,
            typer.Option("--article-timeout", min=0, help="Skip an article that takes longer than this (0 = no limit)."),
        ] = 10.0,
    ) -> None:
        """Extract articles and store them; known unchanged articles are skipped before extraction."""
        counts = {"unchanged": 0}
        skipped: list[tuple[str, str]] = []
        t0 = time.perf_counter()
        with Store(db) as store:
            if records:

                def recs() -> Iterator[dict[str, Any]]:
                    for r in _read_records(inputs):
                        if "_bad" in r:
                            skipped.append((r["_bad"], "unreadable record"))
                        else:
                            yield r

                items: Iterable[Any] = recs()
                report = None
            else:
                from warta.pipeline import Report, process, store_record
                from warta.read import iter_documents

                report = Report()
                raw = _known_filter(store, iter_documents(inputs, on_skip=report.skip), batch_size, counts)
                items = (
                    {**rec, "text": doc.text}  # the text as given: the worker sends back only the record
                    for doc, rec in process([], docs=raw, result=store_record, report=report, workers=workers,
                                            timeout=article_timeout)
                )

            bar_cm = _progress(not quiet)
            with bar_cm as bar:
                task = bar.add_task("ingesting", total=None) if bar is not None else None

                def advance(n: int) -> None:
                    if bar is not None:
                        bar.update(task, advance=n)

                stats = store.ingest(items, batch_size=batch_size, progress=advance)
        stats.unchanged += counts["unchanged"]
        if report is not None:
            stats.read += counts["unchanged"]
            skipped += [(s.origin, s.reason) for s in report.skipped]
        skipped += stats.skipped
        for origin, reason in skipped:
            typer.echo(f"warta: skipped {origin}: {reason}", err=True)
        if not quiet:
            stats.skipped = skipped
            stats.seconds = time.perf_counter() - t0
            typer.echo(f"warta: {stats.summary()} → {db}", err=True)
        if skipped:
            raise typer.Exit(1)

    @app.command()
    def events(
        actor: Annotated[str | None, typer.Option("--actor", help="Country code or name of the acting side.")] = None,
        with_: Annotated[str | None, typer.Option("--with", help="Country code or name of the other side.")] = None,
        type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
        since: Annotated[str | None, typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
        until: Annotated[str | None, typer.Option("--until", help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        merged: Annotated[bool, typer.Option("--merged", help="One row per merged fact, with its sources.")] = False,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Events, newest first."""
        with _open(db) as store:
            try:
                rows = store.events(
                    actor=actor, with_=with_, type=type_, since=since, until=until, limit=limit, merged=merged
                )
            except ValueError as e:
                raise typer.BadParameter(str(e)) from e
        if merged:
            cols = ["id", "date", "type", "aux", "actor_country", "recipient_country", "sources", "outlets", "quad"]
        else:
            cols = [
                "date",
                "type",
                "aux",
                "actor_name",
                "actor_country",
                "recipient_name",
                "recipient_country",
                "sources",
                "outlet",
                "article_id",
                "text",
            ]
        emit(rows, fmt, cols, title=f"{len(rows)} events", widths={"text": 60, "actor_name": 24, "recipient_name": 24})

    @app.command()
    def timeline(
        a: Annotated[str, typer.Argument(help="Country code, e.g. CHN.")],
        b: Annotated[str, typer.Argument(help="Country code, e.g. BLR.")],
        by: Annotated[str, typer.Option("--by", help="day, week, month, quarter or year.")] = "month",
        per_article: Annotated[
            bool, typer.Option("--per-article", help="Count every article's event, not merged facts.")
        ] = False,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Events between two countries per period: counts per quad class and the score sum."""
        with _open(db) as store:
            try:
                rows = store.timeline(a, b, by=by, merged=not per_article)
            except ValueError as e:
                raise typer.BadParameter(str(e)) from e
        if fmt is not Fmt.table:
            emit(rows, fmt)
            return
        spark = sparkline([r["score"] for r in rows])
        shown = [{**r, "trend": ch} for r, ch in zip(rows, spark, strict=True)]
        emit(shown, fmt, ["period", *QUADS, "events", "score", "trend"], title=f"{a.upper()}–{b.upper()} by {by}")
        if rows:
            typer.echo(f"score {rows[0]['period']} {spark} {rows[-1]['period']}")
        else:
            typer.echo(f"no dated events between {a.upper()} and {b.upper()}")

    @app.command()
    def actors(
        top: Annotated[int, typer.Option("--top", min=1)] = 20,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """The most reported actors."""
        with _open(db) as store:
            rows = store.actors(top=top)
        emit(rows, fmt, title=f"top {top} actors")

    @app.command()
    def quotes(
        speaker: Annotated[
            str | None, typer.Option("--speaker", help="Part of the speaker's name, or a country.")
        ] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Quotes, newest first."""
        with _open(db) as store:
            rows = store.quotes(speaker=speaker, limit=limit)
        emit(
            rows,
            fmt,
            ["published", "speaker_name", "addressee_name", "outlet", "article_id", "text"],
            title=f"{len(rows)} quotes",
            widths={"text": 80},
        )

    @app.command()
    def stories(
        min_articles: Annotated[int, typer.Option("--min-articles", min=1, help="Only stories this big.")] = 1,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Stories: articles on the same news (same text, or the same main event), biggest first."""
        with _open(db) as store:
            rows = store.stories(min_articles=min_articles)
        emit(
            rows,
            fmt,
            ["story", "first_date", "title", "outlets", "articles"],
            title=f"{len(rows)} stories",
            widths={"title": 50, "articles": 60},
        )

    @app.command()
    def export(
        output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
        fmt: Annotated[
            ExportFmt, typer.Option("--format", "-f", help="csv, parquet or plover (JSONL).")
        ] = ExportFmt.csv,
        db: DbOpt = Path(DEFAULT_DB),
    ) -> None:
        """Write every event with its article's citation."""
        with _open(db) as store:
            n = store.export(output, format=fmt.value)
        typer.echo(f"warta: wrote {n} events to {output}", err=True)


def _progress(enabled: bool) -> Any:
    import contextlib

    if not enabled or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
