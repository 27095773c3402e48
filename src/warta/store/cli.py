"""`warta ingest | events | timeline | actors | quotes | stories | export | codes`: the store on the command line.

``register(app)`` adds the commands to a typer app (``warta.cli`` calls it).
Every query command takes ``--db`` and ``--format table|csv|jsonl`` and opens the store
read-only for the command alone.

Exit status: 0 done (an empty result is said on stderr), 1 some inputs skipped, 2 a bad
option value (named in the message), 3 the store stayed busy (an ingest was writing).

The store's modules (and DuckDB) load inside the commands, not here: ``warta --help`` and
``warta extract`` import this module to register the commands and need none of them
(``tests/test_startup.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

DEFAULT_DB = "warta.duckdb"
SPARK = "▁▂▃▄▅▆▇█"


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class Direction(StrEnum):
    either = "either"
    from_ = "from"
    to = "to"


DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
OutletOpt = Annotated[list[str] | None, typer.Option("--outlet", help="Only this outlet (repeatable).")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT (repeatable).")]
AuxOpt = Annotated[
    list[str] | None, typer.Option("--aux", help="happened, future, hypothetical or negated (repeatable).")
]
ActorOpt = Annotated[
    str | None,
    typer.Option("--actor", help="Code, country, organisation or person, in Indonesian or English (CHN, Tiongkok, "
                                 "Jokowi)."),
]
WithOpt = Annotated[str | None, typer.Option("--with", help="The other side (either direction unless --direction).")]
DirOpt = Annotated[
    Direction, typer.Option("--direction", help="from: --actor acts on --with; to: --with acts on --actor.")
]


def sparkline(values: Sequence[float]) -> str:
    """One block character per value on a scale that includes zero, so a negative score draws below a zero one."""
    if not values:
        return ""
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)
    if hi == lo:
        return SPARK[len(SPARK) // 2] * len(values)
    return "".join(SPARK[round((v - lo) / (hi - lo) * (len(SPARK) - 1))] for v in values)


def _plain(v: Any) -> Any:
    """JSON-ready values (dates as ISO strings): the exports' ``_plain``, loaded on first use."""
    from warta.store.exports import _plain as plain

    return plain(v)


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


def safe_cell(s: str) -> Any:
    """A table cell shown as the characters it holds: no rich markup, no terminal control sequences."""
    from rich.text import Text

    from warta.show import terminal_safe

    return Text(terminal_safe(s))


def emit(
    rows: list[dict[str, Any]],
    fmt: Fmt,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    widths: dict[str, int] | None = None,
    empty: str | None = None,
) -> None:
    """Write rows to stdout as a rich table, CSV or JSON Lines; an empty result is said on stderr."""
    if not rows and empty:
        typer.echo(f"warta: {empty}", err=True)
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
    if not rows:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=safe_cell(title) if title else None, show_lines=False)
    for c in cols:
        table.add_column(
            c, overflow="fold", justify="right" if rows and isinstance(rows[0].get(c), (int, float)) else "left"
        )
    for r in rows:
        table.add_row(*(safe_cell(_cell(r.get(c), (widths or {}).get(c))) for c in cols))
    Console(width=max(100, Console().width)).print(table)


def query(db: Path, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """Run a query function on a read-only connection; exit 2 naming a bad value, 3 when the store stays busy."""
    from warta.store.names import QueryError
    from warta.store.store import BUSY, StoreBusy, reader

    if not db.exists():
        typer.echo(f"warta: no store at {db} (run `warta ingest … --db {db}` first)", err=True)
        raise typer.Exit(2)
    try:
        with reader(db) as con:
            return fn(con, *args, **kw)
    except QueryError as e:
        typer.echo(f"warta: --{e.param.replace('_', '-')} {e.value!r}: {e.reason}", err=True)
        raise typer.Exit(2) from None
    except StoreBusy:
        typer.echo(f"warta: {BUSY}", err=True)
        raise typer.Exit(3) from None


def _sketched_record(doc: Any) -> dict[str, Any]:
    """``store_record`` with the stories.Sketch of its body_text (ingest.PRESKETCH), made in the worker."""
    from warta.pipeline import store_record
    from warta.store import stories as ST
    from warta.store.ingest import PRESKETCH

    rec = store_record(doc)
    rec[PRESKETCH] = ST.sketch(rec["body_text"])
    return rec


def _known_filter(known: dict[str, str], docs: Iterable[Any], counts: dict[str, int]) -> Iterator[Any]:
    """Drop documents whose id is stored with the same raw-text hash, before any extraction work.

    ``known`` was read once before the run: the feeder thread of a worker pool runs this
    and must not touch the database the main thread writes.
    """
    from warta.store.ingest import content_hash

    for d in docs:
        if known.get(d.id) == content_hash(d.text):
            counts["unchanged"] += 1
        else:
            yield d


def _read_records(paths: list[str]) -> Iterator[dict[str, Any]]:
    """Records from JSONL files; a bad line is one ``_bad`` item, an unreadable file (missing, corrupt or
    truncated gzip) one ``_bad`` item for the rest of that file — the other files are read."""
    import gzip
    import zlib

    from warta.executors.partitions import expand, parquet_records

    for p in expand(paths):  # a folder of partitions (`warta extract --engine ray`) stands for its files
        if p.endswith(".parquet"):
            yield from parquet_records(p)
            continue
        n = 0
        try:
            fh: Any = sys.stdin.buffer if p == "-" else (gzip.open(p, "rb") if p.endswith(".gz") else open(p, "rb"))
            try:
                for n, raw in enumerate(fh, 1):
                    if not raw.strip():
                        continue
                    try:
                        rec = json.loads(raw.decode("utf-8"))
                    except UnicodeDecodeError as e:
                        yield {"_bad": f"{p}:{n}: not UTF-8 ({e.reason} at byte {e.start})"}
                        continue
                    except json.JSONDecodeError as e:
                        yield {"_bad": f"{p}:{n}: bad JSON ({e.msg})"}
                        continue
                    yield rec if isinstance(rec, dict) else {"_bad": f"{p}:{n}: not an object"}
            finally:
                if p != "-":
                    fh.close()
        except (OSError, EOFError, zlib.error) as e:
            where = f"{p}:{n + 1}" if n else p
            yield {"_bad": f"{where}: unreadable, the rest of this input is skipped ({e.__class__.__name__}: {e})"}


def count_inputs(paths: list[str]) -> int | None:
    """How many records the inputs hold, when that is cheap to know (JSONL files, plain files); else None."""
    import gzip
    import zlib

    total = 0
    for p in paths:
        path = Path(p)
        if p == "-" or not path.is_file():
            return None
        name = path.name.lower()
        if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            opener = gzip.open if name.endswith(".gz") else open
            try:
                with opener(path, "rb") as fh:  # type: ignore[operator]
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError, ValueError, zlib.error):  # a corrupt or truncated gzip: no total
                return None
        else:
            total += 1
    return total


class _Progress:
    """Progress of an ingest: a bar with total, rate and ETA on a terminal; a line every 30 s otherwise."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled, self.total = enabled, total
        self.done, self.t0, self.last = 0, time.perf_counter(), time.perf_counter()
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )
            self.task = self.bar.add_task("ingesting", total=total, rate="")

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def line(self) -> str:
        el = max(time.perf_counter() - self.t0, 1e-9)
        rate = self.done / el
        s = f"{self.done:,}" + (f"/{self.total:,}" if self.total else "") + f" articles, {rate:,.0f}/s"
        if self.total and rate > 0 and self.done < self.total:
            s += f", ETA {dt.timedelta(seconds=round((self.total - self.done) / rate))}"
        return s

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is not None:
            rate = self.done / max(time.perf_counter() - self.t0, 1e-9)
            self.bar.update(self.task, completed=self.done, rate=f"{rate:,.0f} art/s")
        elif time.perf_counter() - self.last >= 30:
            self.last = time.perf_counter()
            typer.echo(f"warta: ingesting … {self.line()}", err=True)


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
        """Extract articles and store them; known unchanged articles are skipped before extraction.

        The store is opened only while a batch is written, so queries can run meanwhile.
        """
        import multiprocessing as mp
        from collections import Counter

        from warta.store.store import BUSY, StoreBusy, ingest_into, stored_hashes

        counts = {"unchanged": 0}
        skipped: list[tuple[str, str]] = []
        languages: Counter[str] = Counter()
        t0 = time.perf_counter()
        report = None
        try:
            known = stored_hashes(db)
        except StoreBusy:
            typer.echo(f"warta: {BUSY}", err=True)
            raise typer.Exit(3) from None
        if records:

            def recs() -> Iterator[dict[str, Any]]:
                for r in _read_records(inputs):
                    if "_bad" in r:
                        skipped.append((r["_bad"], "unreadable record"))
                    else:
                        languages[str(r.get("language"))] += 1
                        yield r

            items: Iterable[Any] = recs()
        else:
            from warta.pipeline import Report, WarningLines, process, store_record
            from warta.read import iter_documents

            report = Report()
            warn = WarningLines(lambda line: typer.echo(line, err=True))
            raw = _known_filter(known, iter_documents(inputs, on_skip=report.skip, on_count=report.count), counts)

            def extracted() -> Iterator[Any]:
                # one process or a pool, under the time limit; a worker sends back only the record. A pool is
                # fed from a thread of its own, a batch ahead: its workers go on while a batch is written
                result = store_record
                if workers > 1:  # each worker sketches the body for story grouping too, not the one storing
                    from warta.store import stories as ST

                    ST._minhash()  # (datasketch imported before the workers fork)
                    result = _sketched_record
                out = process([], docs=raw, result=result, report=report, workers=workers,
                              timeout=article_timeout, on_warn=warn)
                if workers > 1 and "fork" in mp.get_all_start_methods():  # (else the pipeline runs here, timed
                    from warta.executors.local import ahead  # by SIGALRM: only in the main thread)

                    out = ahead(out, batch_size)
                for doc, rec in out:
                    languages[str(rec.get("language"))] += 1
                    yield {**rec, "text": doc.text_as_given}  # every span of the record points into it
                warn.close()  # the counts of the warnings past the first lines, once every input is read

            items = extracted()

        total = count_inputs(inputs) if not quiet else None
        stats = None
        try:
            with _Progress(not quiet, total) as prog:
                stats = ingest_into(db, items, batch_size=batch_size, progress=prog.advance)
        except StoreBusy:
            typer.echo(f"warta: {BUSY}; every batch before it is stored", err=True)
            raise typer.Exit(3) from None
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
            lang = ", ".join(f"{k} {v}" for k, v in languages.most_common()) or "none"
            rate = stats.read / max(stats.seconds, 1e-9)
            typer.echo(f"warta: {stats.summary()} ({rate:,.0f} articles/s); languages: {lang} → {db}", err=True)
        if skipped:
            raise typer.Exit(1)

    @app.command()
    def events(
        actor: ActorOpt = None,
        with_: WithOpt = None,
        direction: DirOpt = Direction.either,
        type_: TypeOpt = None,
        aux: AuxOpt = None,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        merged: Annotated[bool, typer.Option("--merged", help="One row per merged fact, with its sources.")] = False,
        min_confidence: Annotated[float | None, typer.Option(
            "--min-confidence", min=0.0, max=1.0,
            help="Only events the scorer rated at least this probable (rule-only events count as 1).")] = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Events, newest first."""
        from warta.store import queries as Q

        rows = query(
            db, Q.events, actor=actor, with_=with_, direction=direction.value, types=type_, aux=aux, outlet=outlet,
            since=since, until=until, limit=limit, merged=merged, min_confidence=min_confidence,
        )
        if merged:
            cols = ["id", "date", "type", "aux", "actor_country", "recipient_country", "sources", "outlets", "quad"]
        else:
            cols = ["date", "type", "aux", "actor_name", "actor_country", "recipient_name", "recipient_country",
                    "sources", "outlet", "article_id", "text"]
        emit(rows, fmt, cols, title=f"{len(rows)} events", widths={"text": 60, "actor_name": 24, "recipient_name": 24},
             empty="no events match")

    @app.command()
    def timeline(
        a: Annotated[str, typer.Argument(help="An actor: code, country, organisation or person (CHN, Indonesia).")],
        b: Annotated[str, typer.Argument(help="The other actor (Jepang, Japan, JPN).")],
        by: Annotated[str, typer.Option("--by", help="day, week, month, quarter or year.")] = "month",
        per_article: Annotated[
            bool, typer.Option("--per-article", help="Count every article's event, not merged facts.")
        ] = False,
        per_1000: Annotated[
            bool, typer.Option("--per-1000-articles", help="Divide by the articles published in each period (×1000).")
        ] = False,
        type_: TypeOpt = None,
        aux: AuxOpt = None,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Events between two actors per period: counts per quad class and the score sum."""
        from warta.store import queries as Q
        from warta.store.schema import QUADS

        def run(con: Any) -> tuple[list[dict[str, Any]], str, str]:
            ra, rb = Q.resolve(con, a, "a"), Q.resolve(con, b, "b")
            rows = Q.timeline(con, ra, rb, by=by, merged=not per_article, types=type_, aux=aux, outlet=outlet,
                              since=since, until=until, per_1000_articles=per_1000)
            return rows, ra.label, rb.label  # type: ignore[union-attr]

        rows, la, lb = query(db, run)
        if fmt is not Fmt.table:
            emit(rows, fmt, empty=f"no dated events between {la} and {lb}")
            return
        if not rows:
            typer.echo(f"warta: no dated events between {la} and {lb}", err=True)
            return
        spark = sparkline([r["score"] for r in rows])
        shown = [{**r, "trend": ch} for r, ch in zip(rows, spark, strict=True)]
        cols = ["period", *QUADS, "events", "score", *(["articles"] if per_1000 else []), "trend"]
        emit(shown, fmt, cols, title=f"{la}–{lb} by {by}" + (" per 1000 articles" if per_1000 else ""))
        typer.echo(f"score {rows[0]['period']} {spark} {rows[-1]['period']}")

    @app.command()
    def actors(
        top: Annotated[int, typer.Option("--top", min=1)] = 20,
        kind: Annotated[
            str | None, typer.Option("--kind", help="state, person, organization, igo, group or collective.")
        ] = None,
        country: Annotated[list[str] | None, typer.Option("--country", help="Only actors of this country.")] = None,
        exclude_country: Annotated[
            list[str] | None, typer.Option("--exclude-country", help="Leave out actors of this country (IDN).")
        ] = None,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """The most reported actors, by mentions."""
        from warta.store import queries as Q

        rows = query(db, Q.actors, top=top, kind=kind, country=country, exclude_country=exclude_country,
                     outlet=outlet, since=since, until=until)
        emit(rows, fmt, title=f"top {top} actors", empty="no actors match")

    @app.command()
    def quotes(
        speaker: Annotated[
            str | None, typer.Option("--speaker", help="A person (name or alias, whole words), or a country.")
        ] = None,
        addressee: Annotated[str | None, typer.Option("--addressee", help="Whom the quote addresses.")] = None,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Quotes, newest first."""
        from warta.store import queries as Q

        rows = query(db, Q.quotes, speaker=speaker, addressee=addressee, outlet=outlet, since=since, until=until,
                     limit=limit)
        emit(rows, fmt, ["published", "speaker_name", "addressee_name", "outlet", "article_id", "text"],
             title=f"{len(rows)} quotes", widths={"text": 80}, empty="no quotes match")

    @app.command()
    def stories(
        min_articles: Annotated[int, typer.Option("--min-articles", min=1, help="Only stories this big.")] = 1,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        limit: Annotated[int | None, typer.Option("--limit", min=0)] = None,
        db: DbOpt = Path(DEFAULT_DB),
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """Stories (articles on one news event), biggest first: article count, outlets, date range."""
        from warta.store import queries as Q

        rows = query(db, Q.stories, min_articles=min_articles, outlet=outlet, since=since, until=until, limit=limit)
        emit(rows, fmt, ["story", "n_articles", "first_date", "last_date", "outlets", "title", "articles"],
             title=f"{len(rows)} stories", widths={"title": 50, "articles": 40}, empty="no stories match")

    @app.command()
    def export(
        output: Annotated[Path, typer.Option("-o", "--output", help="File to write (.csv, .parquet, .jsonl).")],
        what: Annotated[str, typer.Option("--what", help="events, quotes or actors.")] = "events",
        fmt: Annotated[
            str | None, typer.Option("--format", "-f", help="csv, parquet, jsonl or plover (default: the extension).")
        ] = None,
        actor: ActorOpt = None,
        with_: WithOpt = None,
        direction: DirOpt = Direction.either,
        type_: TypeOpt = None,
        aux: AuxOpt = None,
        speaker: Annotated[str | None, typer.Option("--speaker", help="Quotes of this speaker.")] = None,
        kind: Annotated[str | None, typer.Option("--kind", help="Actors of this kind.")] = None,
        exclude_country: Annotated[list[str] | None, typer.Option("--exclude-country")] = None,
        outlet: OutletOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        db: DbOpt = Path(DEFAULT_DB),
    ) -> None:
        """Write events (with their article's citation), quotes or actors, filtered as their commands."""
        from warta.store import exports as X

        flt: dict[str, Any] = {"outlet": outlet, "since": since, "until": until}
        if what == "events":
            flt.update(actor=actor, with_=with_, direction=direction.value, types=type_, aux=aux)
        elif what == "quotes":
            flt.update(speaker=speaker)
        elif what == "actors":
            flt.update(kind=kind, exclude_country=exclude_country)
        n = query(db, X.export, output, what=what, fmt=fmt, **flt)
        typer.echo(f"warta: wrote {n} {what} to {output}", err=True)

    @app.command()
    def codes(
        what: Annotated[str, typer.Argument(help="types, countries or igos.")] = "types",
        fmt: FmtOpt = Fmt.table,
    ) -> None:
        """The codes filters take: PLOVER types with quad class and score, country and IGO codes with names."""
        from warta.store import names as N

        if what == "types":
            rows = [{"type": t, "quad": q, "score": s} for t, (q, s) in sorted(N.event_types().items())]
        elif what in ("countries", "igos"):
            from warta.actors.gazetteer import get_gazetteer

            g = get_gazetteer()
            table = g.country_names if what == "countries" else g.igo_names
            rows = [{"code": c, "name": n} for c, n in sorted(table.items())]
        else:
            typer.echo(f"warta: codes {what!r}: one of types, countries, igos", err=True)
            raise typer.Exit(2)
        emit(rows, fmt, title=f"{len(rows)} {what}")
