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
        from warta.store import schema
        from warta.store.store import StoreBusy, connect

        try:
            con = connect(db, read_only=True)
        except StoreBusy as e:
            typer.echo(f"warta serve: {e}", err=True)
            raise typer.Exit(3) from None
        except Exception as e:  # not a DuckDB file, or unreadable
            typer.echo(f"warta serve: cannot open {db} as a store: {e}", err=True)
            raise typer.Exit(2) from None
        try:
            got = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        except Exception:
            got = []
        finally:
            con.close()
        version = int(got[0][0]) if got and str(got[0][0]).isdigit() else 0
        if version < schema.SCHEMA_VERSION:
            typer.echo(f"warta serve: {db} has store schema {version or 'unknown'}, older than {schema.SCHEMA_VERSION}; "
                       f"`warta ingest … --db {db}` brings it up to date (serve only reads)", err=True)
            raise typer.Exit(2)

        typer.echo(f"warta serve: {db} on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", err=True)
        uvicorn.run(create_app(db, cache=cache), host=host, port=port, log_level=log_level, workers=1, access_log=False)
