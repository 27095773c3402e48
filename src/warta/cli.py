"""The `warta` command line. Each command is a thin layer over the Python API.

Exit status: 0 when every input was processed, 1 when some inputs or records were
skipped (the rest is written), 2 for a usage error, 3 when the run itself failed
(an unusable store, an unwritable output, an unexpected error): one line on stderr, no traceback.
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


TimeoutOpt = Annotated[float, typer.Option("--article-timeout", min=0,
                                          help="Skip an article that takes longer than this many seconds (0 = no limit).")]
DEFAULT_ARTICLE_TIMEOUT = 10.0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_output(output: Path, inputs: list[str]) -> None:
    """Refuse an output that is one of the inputs (or inside an input folder); a usage error."""
    out = output.resolve()
    for item in inputs:
        if item == "-":
            continue
        p = Path(item)
        if _same_file(p, output) or p.resolve() == out:
            raise typer.BadParameter(f"the output {output} is one of the inputs", param_hint="'-o'")
        if p.is_dir() and out.is_relative_to(p.resolve()):
            raise typer.BadParameter(f"the output {output} is inside the input folder {item}", param_hint="'-o'")
    if not out.parent.is_dir():
        raise typer.BadParameter(f"no such folder: {output.parent}", param_hint="'-o'")


@contextlib.contextmanager
def atomic_output(output: Path | None) -> Any:
    """stdout, or a temporary file beside ``output`` renamed over it only when the run completes."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl(.gz), .html, .warc(.gz), or - for JSONL on stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here (default: stdout).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")] = False,
    max_size: Annotated[str, typer.Option("--max-size", help="Skip texts larger than this (5MB, 500k, …).")]
    = f"{DEFAULT_MAX_BYTES // 1_000_000}MB",
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default 1; "
                                                "with --engine ray every CPU Ray has).")] = None,
    body: Annotated[bool, typer.Option("--body/--no-body", help="Also write the cleaned body text.")] = False,
    article_timeout: TimeoutOpt = DEFAULT_ARTICLE_TIMEOUT,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine's processes) or ray (Ray Data: "
                                        "-o is a folder or URI of partitions; RAY_ADDRESS for a cluster).")]
    = "local",
    fmt: Annotated[str, typer.Option("--format", help="With --engine ray: jsonl or parquet partitions.")] = "jsonl",
) -> None:
    """Extract article records (events, quotes, actors, metadata) as JSON Lines."""
    import time

    if engine == "ray":
        _extract_ray(inputs, output, quiet=quiet, max_bytes=_size(max_size), workers=workers, body=body,
                     timeout=article_timeout, fmt=fmt)
        return
    workers = workers or 1
    if engine != "local":
        raise typer.BadParameter(f"{engine!r}: local or ray", param_hint="'--engine'")

    from warta.pipeline import Report, WarningLines, process, record_of

    max_bytes = _size(max_size)
    if output is not None:
        check_output(output, inputs)
    report = Report()

    def on_skip(s: Skip) -> None:
        print(f"warta: skipped {s.origin}: {s.reason}", file=sys.stderr)

    on_warn = WarningLines(lambda line: print(line, file=sys.stderr))

    def to_record(doc: Any) -> dict[str, Any]:
        return record_of(doc, body)

    with atomic_output(output) as out, progress_bar(not quiet) as bar:
        task = bar.add_task("extracting", total=None, rate="") if bar else None
        t0 = time.perf_counter()
        for _, rec in process(inputs, result=to_record, max_bytes=max_bytes, report=report, workers=workers,
                              timeout=article_timeout, on_skip=on_skip, on_warn=on_warn):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            report.written += 1
            if bar is not None and report.written % 50 == 0:
                rate = report.written / max(time.perf_counter() - t0, 1e-9)
                bar.update(task, completed=report.written, rate=f"{rate:,.0f} art/s")
    on_warn.close()
    if not quiet:
        print(f"warta: {report.summary()}", file=sys.stderr)
    if report.skipped:
        raise typer.Exit(1)


def _extract_ray(inputs: list[str], output: Path | None, *, quiet: bool, max_bytes: int, workers: int | None,
                 body: bool, timeout: float, fmt: str) -> None:
    """``extract --engine ray``: partitions under ``output``; skips printed as locally, exit 1 when any."""
    if output is None:
        raise typer.BadParameter("--engine ray writes partition files: give a folder or URI", param_hint="'-o'")
    if "-" in inputs:
        raise typer.BadParameter("--engine ray reads paths, not stdin", param_hint="INPUTS")
    try:
        from warta.executors.ray_data import FORMATS, extract_ray
    except ImportError as e:  # pragma: no cover - the ray extra is missing
        typer.echo(f"warta: --engine ray needs the ray extra (pip install 'warta[ray]'): {e}", err=True)
        raise typer.Exit(2) from None
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: one of {', '.join(FORMATS)}", param_hint="'--format'")

    def on_skip(s: Skip) -> None:
        print(f"warta: skipped {s.origin}: {s.reason}", file=sys.stderr)

    rep = extract_ray([str(i) for i in inputs], str(output), fmt=fmt, workers=workers,
                      timeout=timeout, max_bytes=max_bytes, body=body, on_skip=on_skip)
    if not quiet:
        print(f"warta: {rep.summary()}", file=sys.stderr)
    if rep.skipped:
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


EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED = 1, 2, 3


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        print(f"warta: failed: {e.__class__.__name__}: {e}", file=sys.stderr)
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
