"""`warta serve`: the API and the dashboard over one store file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[Path, typer.Option("--db", help="The store (a DuckDB file written by `warta ingest`).")] = Path(
            "warta.duckdb"
        ),
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
        cache: Annotated[
            bool, typer.Option("--cache/--no-cache", help="Keep answers while the store file is unchanged.")
        ] = True,
        log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "warning",
    ) -> None:
        """Serve the JSON API (/api, docs at /docs) and the dashboard (/) over a store, read-only."""
        if not db.is_file():
            typer.echo(f"warta serve: no store at {db} (create it with `warta ingest … --db {db}`)", err=True)
            raise typer.Exit(2)
        import uvicorn

        from warta.api.app import create_app

        typer.echo(f"warta serve: {db} on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", err=True)
        uvicorn.run(create_app(db, cache=cache), host=host, port=port, log_level=log_level, workers=1, access_log=False)
