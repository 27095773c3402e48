"""The `warta` command line. Each command is a thin layer over the Python API.

Exit status: 0 when every input was processed, 1 when some inputs or records were
skipped (the rest is written), 2 for a usage error.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from warta import __version__
from warta.read import DEFAULT_MAX_BYTES, Skip, parse_size

app = typer.Typer(
    name="warta",
    help="Event data from Indonesian news: PLOVER events, quotes, actors and dates, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """warta: who did what to whom, when, in Indonesian news."""


def progress_bar(enabled: bool) -> Any:
    """A rich progress bar on stderr, or a no-op when disabled or stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=Console(stderr=True),
                    transient=True)


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl(.gz), .html, or - for JSONL on stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here (default: stdout).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
    max_size: Annotated[str, typer.Option("--max-size", help="Skip texts larger than this (5MB, 500k, …).")]
    = f"{DEFAULT_MAX_BYTES // 1_000_000}MB",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    body: Annotated[bool, typer.Option("--body/--no-body", help="Also write the cleaned body text.")] = False,
) -> None:
    """Extract article records (events, quotes, actors, metadata) as JSON Lines."""
    from warta.pipeline import Report
    from warta.pipeline import extract as run_extract

    max_bytes = _size(max_size)
    report = Report()

    def on_skip(s: Skip) -> None:
        print(f"warta: skipped {s.origin}: {s.reason}", file=sys.stderr)

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress_bar(not quiet) as bar:
            task = bar.add_task("extracting", total=None, rate="") if bar else None
            import time

            t0 = time.perf_counter()
            for doc in run_extract(inputs, max_bytes=max_bytes, report=report, workers=workers, on_skip=on_skip):
                rec = doc.to_record()
                if body:
                    rec["body_text"] = doc.body_text()
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                report.written += 1
                if bar is not None and report.written % 50 == 0:
                    rate = report.written / max(time.perf_counter() - t0, 1e-9)
                    bar.update(task, completed=report.written, rate=f"{rate:,.0f} art/s")
    finally:
        if output:
            out.close()
        else:
            out.flush()
    if not quiet:
        print(f"warta: {report.summary()}", file=sys.stderr)
    if report.skipped:
        raise typer.Exit(1)


@app.command()
def show(
    records: Annotated[Path, typer.Argument(help="A JSONL file written by `warta extract`.", exists=True,
                                            dir_okay=False)],
    max_items: Annotated[int, typer.Option("--max-items", help="Events/quotes/actors shown per article.")] = 8,
) -> None:
    """Print a short readable summary of extracted records."""
    from warta.show import read_records
    from warta.show import show as show_records

    show_records(read_records(records), max_items=max_items)


def _register_plugins() -> None:
    """Commands that live with their component (store, api, …) register themselves."""
    for module in ("warta.store.cli", "warta.api.cli", "warta.evaluate.cli"):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        register = getattr(mod, "register", None)
        if register is not None:
            register(app)


_register_plugins()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
