"""The FastAPI app: a read-only JSON API over one store file, and the dashboard that uses it.

The routes call the store's query functions (:mod:`warta.store.queries`) with the same names,
filters and errors as the CLI: a filter value that names nothing (an unknown actor, type, outlet,
a date that is not one) is a ``QueryError`` and answers 422 naming the parameter. Requests read the
store through read-only connections (:class:`SharedReader`): while an ingest writes, a request
waits for up to 5 s and then answers 503 ``store busy``. No route writes: every route is a GET.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from warta.api import views
from warta.store import names as N
from warta.store import queries as Q
from warta.store.names import QueryError
from warta.store.store import BUSY, StoreBusy, connect

STATIC = Path(__file__).parent / "static"

# No inline script anywhere (the pages load their code from /static); ECharts sets inline styles on
# the elements it draws (tooltips), so style-src allows them.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

BUSY_WAIT_S = 5.0
MAX_LIMIT = 1000


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Since = Annotated[str | None, Query(max_length=40, description="From this date on (YYYY, YYYY-MM, YYYY-MM-DD).")]
Until = Annotated[str | None, Query(max_length=40, description="Up to this date (YYYY, YYYY-MM, YYYY-MM-DD).")]
Actor = Annotated[str | None, Query(max_length=200, description="Code or name (Indonesian or English), or a person.")]
With = Annotated[str | None, Query(alias="with", max_length=200, description="The other side (either direction).")]
Types = Annotated[list[str] | None, Query(max_length=40, description="PLOVER event types (repeatable).")]
Aux = Annotated[list[str] | None, Query(max_length=40, description="happened, future, hypothetical, negated.")]
Outlets = Annotated[list[str] | None, Query(max_length=200, description="Repeatable.")]



class SharedReader:
    """Read-only cursors on one store file, the file open only while requests run.

    The first request opens the file read-only (retrying for ``wait`` seconds while an ingest
    holds it, then StoreBusy); requests running at the same time share that open file, each with
    its own cursor; once none runs for ``linger`` seconds the file is closed, so an ingest waiting
    for the lock gets it between requests, as with one connection per request, without paying the
    file's opening (tens of milliseconds) on every request of a busy dashboard.
    """

    def __init__(self, path: str, wait: float = BUSY_WAIT_S, linger: float = 0.25) -> None:
        self.path, self.wait, self.linger = path, wait, linger
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._idle_since = 0.0
        self._closer: threading.Thread | None = None

    def _open(self) -> duckdb.DuckDBPyConnection:
        return connect(self.path, read_only=True, wait=self.wait)  # StoreBusy once the wait runs out

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._con is None:
                self._con = self._open()
            self._users += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._idle_since = time.monotonic()
                    if self._closer is None:
                        self._closer = threading.Thread(target=self._close_when_idle, daemon=True)
                        self._closer.start()

    def _close_when_idle(self) -> None:
        while True:
            with self._lock:
                if self._users == 0 and time.monotonic() - self._idle_since >= self.linger:
                    if self._con is not None:
                        self._con.close()
                        self._con = None
                    self._closer = None
                    return
                wait = self.linger if self._users else self.linger - (time.monotonic() - self._idle_since)
            time.sleep(max(0.01, wait))

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class ResponseCache:
    """Answers of GET /api/… kept while the store file is unchanged (bounded, least recently used first out).

    The store changes only when an ingest writes it, and an ingest cannot write while a request
    has it open; so the file's size and modification time, taken before each request, tell when
    the kept answers are stale, and then all of them are dropped.
    """

    def __init__(self, path: str, entries: int = 1024, max_bytes: int = 1 << 20) -> None:
        self.paths = [Path(path), Path(path + ".wal")]
        self.entries, self.max_bytes = entries, max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()
        self._version: tuple[Any, ...] | None = None

    def _stamp(self) -> tuple[Any, ...]:
        out: list[Any] = []
        for p in self.paths:
            try:
                st = p.stat()
                out += [st.st_mtime_ns, st.st_size, st.st_ino]
            except OSError:
                out += [None, None, None]
        return tuple(out)

    def get(self, key: str) -> tuple[int, bytes, str] | None:
        stamp = self._stamp()
        with self._lock:
            if stamp != self._version:
                self._items.clear()
                self._version = stamp
                return None
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: str, status: int, body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            self._items[key] = (status, body, media_type)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)


_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_API_HEADERS = [*_HEADERS, (b"cache-control", b"no-store")]


class _Edge:
    """ASGI middleware: the security headers on every answer, and the answer cache for GET /api/…"""

    def __init__(self, app: Any, answers: ResponseCache | None) -> None:
        self.app, self.answers = app, answers
        self._pending: dict[str, asyncio.Event] = {}  # one computation per question at a time

    async def _send_hit(self, send: Any, hit: tuple[int, bytes, str], extra: list[tuple[bytes, bytes]]) -> None:
        status, body, ctype = hit
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode()),
            (b"x-cache", b"hit"), *extra]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")
        extra = _API_HEADERS if api else _HEADERS
        key = None
        if api and self.answers is not None and scope["method"] == "GET":
            key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
            hit = self.answers.get(key)
            while hit is None and key in self._pending:  # the same question is being answered: wait for it
                await self._pending[key].wait()
                hit = self.answers.get(key)
            if hit is not None:
                await self._send_hit(send, hit, extra)
                return
            self._pending[key] = asyncio.Event()
        state: dict[str, Any] = {"status": 0, "ctype": "application/json", "chunks": []}

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", [])) + [h for h in extra if h[0] not in have]
                state["status"] = message["status"]
                for k, v in headers:
                    if k.lower() == b"content-type":
                        state["ctype"] = v.decode("latin-1")
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and key is not None and state["status"] in (200, 404, 422):
                state["chunks"].append(message.get("body", b""))
                if not message.get("more_body", False) and self.answers is not None:
                    self.answers.put(key, state["status"], b"".join(state["chunks"]), state["ctype"])
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            if key is not None:
                ev = self._pending.pop(key, None)
                if ev is not None:
                    ev.set()


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def _page(total: int, items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": _plain(items)}


def create_app(db: str | Path, busy_wait: float = BUSY_WAIT_S, cache: bool = True) -> FastAPI:
    """The app over the store at ``db``; ``cache=False`` answers every request from the store."""
    db_path = str(db)
    app = FastAPI(
        title="warta",
        summary="Events, quotes, actors and stories of Indonesian news, from a warta store (read-only).",
        version="1",
        docs_url=None,  # served below from the vendored Swagger UI, not from a CDN
        redoc_url=None,
    )

    reader = SharedReader(db_path, wait=busy_wait)
    store = reader.cursor

    app.add_middleware(_Edge, answers=ResponseCache(db_path) if cache else None)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        msgs, params = [], []
        for err in exc.errors():
            loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
            name = ".".join(loc) or "request"
            params.append(name)
            msgs.append(f"{name}: {err.get('msg', 'invalid')}")
        return JSONResponse(status_code=422, content={"detail": "; ".join(msgs), "parameters": params})

    @app.exception_handler(QueryError)
    async def bad_value(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse(
            status_code=422, content={"detail": str(exc), "parameters": [exc.param], **_plain(exc.as_dict())}
        )

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": BUSY}, headers={"Retry-After": "1"}
        )

    # ---- API -------------------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"])
    def events(
        actor: Actor = None,
        with_: With = None,
        direction: Annotated[Literal["either", "from", "to"], Query(description="either (default), "
                             "from: actor acts on with, to: with acts on actor.")] = "either",
        type: Types = None,  # noqa: A002
        aux: Aux = None,
        outlet: Outlets = None,
        since: Since = None,
        until: Until = None,
        merged: Annotated[bool, Query(description="One row per merged fact.")] = False,
        q: Annotated[str | None, Query(max_length=200, description="Words of the evidence (case-insensitive).")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events between actors, newest first, one page of them and the total."""
        f = dict(actor=actor, with_=with_, direction=direction, types=type, aux=aux, outlet=outlet, since=since,
                 until=until, q=q, merged=merged)
        with store() as con:
            total = Q.count_events(con, **f)
            items = Q.events(con, limit=limit, offset=offset, **f) if offset < total else []
        return _page(total, items, limit, offset)

    @app.get("/api/timeline", tags=["events"])
    def timeline(
        actor: Annotated[str, Query(max_length=200, description="Code or name (Indonesian or English).")],
        with_: Annotated[str, Query(alias="with", max_length=200, description="The other side.")],
        by: Annotated[Literal["month", "year", "quarter", "week", "day"], Query()] = "month",
        type: Types = None,  # noqa: A002
        aux: Aux = None,
        outlet: Outlets = None,
        since: Since = None,
        until: Until = None,
        merged: Annotated[bool, Query(description="Count merged facts (default) or per-article events.")] = True,
    ) -> dict[str, Any]:
        """Per period: events between the two sides (either direction) per quad class, and the score sum."""
        with store() as con:
            rows = Q.timeline(con, actor, with_, by=by, merged=merged, types=type, aux=aux, outlet=outlet,
                              since=since, until=until)
        return {"actor": actor, "with": with_, "by": by, "periods": _plain(rows)}

    @app.get("/api/network", tags=["events"])
    def network(
        since: Since = None,
        until: Until = None,
        min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Edges with fewer events are left out.")] = 1,
        level: Annotated[Literal["country", "actor"], Query(description="States and IGOs, or named actors.")] = "country",
        top: Annotated[int, Query(ge=1, le=1000, description="Heaviest edges kept.")] = 150,
    ) -> dict[str, Any]:
        """Who acts with whom: nodes, and edges weighted by events, split into cooperation and conflict."""
        start, end = N.date_range(since, until)
        with store() as con:
            return _plain(views.network(con, start, end, min_events=min_events, level=level, top=top))

    @app.get("/api/actors", tags=["actors"])
    def actors(
        q: Annotated[str | None, Query(max_length=200, description="Part of a name, or a code.")] = None,
        kind: Annotated[str | None, Query(max_length=40, description="state, person, organization, igo, group, "
                                          "collective.")] = None,
        country: Outlets = None,
        exclude_country: Outlets = None,
        since: Since = None,
        until: Until = None,
        top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    ) -> dict[str, Any]:
        """The most reported actors (articles, mentions, events)."""
        with store() as con:
            rows = Q.actors(con, top=top, q=q, kind=kind, country=country, exclude_country=exclude_country,
                            since=since, until=until)
        return _page(len(rows), rows, top, 0)

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(
        speaker: Annotated[str | None, Query(max_length=200, description="A person, a country or a code.")] = None,
        addressee: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[str | None, Query(max_length=200, description="Words of the quote.")] = None,
        outlet: Outlets = None,
        since: Since = None,
        until: Until = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes by speaker or words, newest first, one page of them and the total."""
        f = dict(speaker=speaker, addressee=addressee, q=q, outlet=outlet, since=since, until=until)
        with store() as con:
            total = Q.count_quotes(con, **f)
            items = Q.quotes(con, limit=limit, offset=offset, **f) if offset < total else []
        return _page(total, items, limit, offset)

    @app.get("/api/stories", tags=["stories"])
    def stories(
        min_articles: Annotated[int, Query(ge=1, le=100_000)] = 2,
        outlet: Outlets = None,
        since: Since = None,
        until: Until = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stories (articles about one news event), biggest first, with their articles and outlets."""
        f = dict(min_articles=min_articles, outlet=outlet, since=since, until=until)
        with store() as con:
            total = Q.count_stories(con, **f)
            page = Q.stories(con, limit=limit, offset=offset, **f) if offset < total else []
            ids = [a for r in page for a in r["articles"]]
            info: dict[str, dict[str, Any]] = {}
            if ids:
                cur = con.execute(
                    "SELECT id, title, outlet, published, url FROM articles WHERE list_contains(?, id)", [ids]
                )
                for aid, title, outlet_, published, url in cur.fetchall():
                    info[aid] = {"id": aid, "title": title, "outlet": outlet_, "published": published, "url": url}
        for r in page:
            r["articles"] = [info.get(a, {"id": a}) for a in r["articles"]]
        return _page(total, page, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: Annotated[str, PathParam(max_length=500)]) -> Any:
        """An article's text and the spans of its events and quotes, in the coordinates of that text."""
        with store() as con:
            a = views.article(con, article_id)
        if a is None:
            return JSONResponse(status_code=404, content={"detail": f"article_id: no article {article_id!r}",
                                                          "parameters": ["article_id"]})
        return _plain(a)

    # ---- dashboard and docs ----------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    return app
