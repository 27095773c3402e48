"""The FastAPI app: a read-only JSON API over one store file, and the dashboard that uses it.

Each request opens the store read-only and closes it when it answers, so an ingest can take the
write lock between requests; while an ingest writes, a request waits briefly and then answers 503
``store busy``. No route writes: every route is a GET.
"""

from __future__ import annotations

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
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from warta.api import views
from warta.store import Store
from warta.store.intervals import interval

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
Text = Annotated[str | None, Query(max_length=200)]



class ParamError(ValueError):
    """A query parameter the store cannot answer for: 422 naming it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


class StoreBusy(RuntimeError):
    pass


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
        deadline = time.monotonic() + self.wait
        delay = 0.02
        while True:
            try:
                return duckdb.connect(self.path, read_only=True)
            except duckdb.IOException as e:
                if "lock" not in str(e).lower() or time.monotonic() >= deadline:
                    raise StoreBusy(str(e)) from e
                time.sleep(delay)
                delay = min(delay * 2, 0.25)

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
            if hit is not None:
                status, body, ctype = hit
                await send({"type": "http.response.start", "status": status, "headers": [
                    (b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode()),
                    (b"x-cache", b"hit"), *extra]})
                await send({"type": "http.response.body", "body": body})
                return
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

        await self.app(scope, receive, wrapped)


def _store_on(con: duckdb.DuckDBPyConnection) -> Store:
    st = Store.__new__(Store)
    st.path, st.read_only, st.con = "", True, con
    return st


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


@contextmanager
def _param(name: str) -> Iterator[None]:
    """Errors raised while the store reads one parameter are that parameter's."""
    try:
        yield
    except ParamError:
        raise
    except ValueError as e:
        raise ParamError(name, str(e)) from e


def _date(name: str, value: str | None, end: bool = False) -> dt.date | None:
    if value is None or value == "":
        return None
    iv = interval(value)
    if iv is None:
        raise ParamError(name, f"not a date: {value!r} (YYYY, YYYY-MM or YYYY-MM-DD)")
    return iv[1] if end else iv[0]


def _page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(items), "limit": limit, "offset": offset, "items": _plain(items[offset : offset + limit])}


def _in_range(r: dict[str, Any], since: dt.date | None, until: dt.date | None, key: str = "published") -> bool:
    iv = interval(r.get(key))
    if iv is None:
        return since is None and until is None
    return (since is None or iv[1] >= since) and (until is None or iv[0] <= until)


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

    @contextmanager
    def store() -> Iterator[Store]:
        with reader.cursor() as cur:
            yield _store_on(cur)

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

    @app.exception_handler(ParamError)
    async def bad_param(request: Request, exc: ParamError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc), "parameters": [exc.param]})

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse(
            status_code=503, content={"detail": "store busy: an ingest is writing (retry)"}, headers={"Retry-After": "1"}
        )

    # ---- API -------------------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"])
    def events(
        actor: Annotated[str | None, Query(max_length=200, description="Code or name (Indonesian or English).")] = None,
        with_: Annotated[str | None, Query(alias="with", max_length=200, description="The other side.")] = None,
        type: Annotated[str | None, Query(max_length=40, description="PLOVER event type.")] = None,  # noqa: A002
        aux: Annotated[str | None, Query(max_length=40, description="happened, future, hypothetical, negated.")] = None,
        outlet: Text = None,
        since: Since = None,
        until: Until = None,
        merged: Annotated[bool, Query(description="One row per merged fact.")] = False,
        q: Annotated[str | None, Query(max_length=200, description="Words in the evidence (case-insensitive).")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events between actors, newest first (paginated)."""
        s, u = _date("since", since), _date("until", until, end=True)
        with store() as st:
            with _param("type"):
                rows = st.events(actor=actor, with_=with_, type=type, merged=merged)
        if aux:
            want = None if aux == "happened" else aux
            rows = [r for r in rows if r.get("aux") == want]
        if outlet:
            rows = [r for r in rows if (r.get("outlet") or "").lower() == outlet.lower()]
        if q:
            rows = [r for r in rows if q.lower() in (r.get("text") or "").lower()]
        if s or u:
            rows = [r for r in rows if _in_range(r, s, u, key="date")]
        return _page(rows, limit, offset)

    @app.get("/api/timeline", tags=["events"])
    def timeline(
        actor: Annotated[str, Query(max_length=200, description="Code or name.")],
        with_: Annotated[str, Query(alias="with", max_length=200, description="The other side.")],
        by: Annotated[Literal["month", "year", "quarter", "week", "day"], Query()] = "month",
        since: Since = None,
        until: Until = None,
    ) -> dict[str, Any]:
        """Per period: merged events between the two sides (either direction) per quad class, and the score sum."""
        s, u = _date("since", since), _date("until", until, end=True)
        with store() as st:
            rows = st.timeline(actor, with_, by=by)
        if s or u:
            rows = [r for r in rows if _in_range(r, s, u, key="period")]
        return {"actor": actor, "with": with_, "by": by, "periods": _plain(rows)}

    @app.get("/api/network", tags=["events"])
    def network(
        since: Since = None,
        until: Until = None,
        min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        level: Annotated[Literal["country", "actor"], Query(description="States and IGOs, or named actors.")] = "country",
        top: Annotated[int, Query(ge=1, le=1000, description="Heaviest edges kept.")] = 150,
    ) -> dict[str, Any]:
        """Who acts with whom: nodes, and edges weighted by events, split into cooperation and conflict."""
        s, u = _date("since", since), _date("until", until, end=True)
        with store() as st:
            return _plain(views.network(st, s, u, min_events=min_events, level=level, top=top))

    @app.get("/api/actors", tags=["actors"])
    def actors(
        q: Annotated[str | None, Query(max_length=200, description="Part of a name or a code.")] = None,
        top: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    ) -> dict[str, Any]:
        """The most reported actors (articles, mentions, events)."""
        with store() as st:
            rows = st.actors(top=100_000 if q else top)
        if q:
            ql = q.lower()
            rows = [r for r in rows if ql in (r.get("name") or "").lower() or ql == (r.get("country") or "").lower()]
        return _page(rows[:top], top, 0)

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(
        speaker: Text = None,
        q: Annotated[str | None, Query(max_length=200, description="Words in the quote.")] = None,
        since: Since = None,
        until: Until = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes by speaker or words, newest first (paginated)."""
        s, u = _date("since", since), _date("until", until, end=True)
        with store() as st:
            rows = st.quotes(speaker=speaker)
        if q:
            rows = [r for r in rows if q.lower() in (r.get("text") or "").lower()]
        rows = [r for r in rows if _in_range(r, s, u)]
        return _page(rows, limit, offset)

    @app.get("/api/stories", tags=["stories"])
    def stories(
        min_articles: Annotated[int, Query(ge=1, le=100_000)] = 2,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stories (articles about one news event), biggest first, with their articles and outlets."""
        with store() as st:
            rows = st.stories(min_articles=min_articles)
            page = rows[offset : offset + limit]
            ids = [a for r in page for a in r["articles"]]
            info: dict[str, dict[str, Any]] = {}
            if ids:
                cur = st.con.execute(
                    "SELECT id, title, outlet, published, url FROM articles WHERE list_contains(?, id)", [ids]
                )
                for aid, title, outlet, published, url in cur.fetchall():
                    info[aid] = {"id": aid, "title": title, "outlet": outlet, "published": published, "url": url}
        for r in page:
            r["articles"] = [info.get(a, {"id": a}) for a in r["articles"]]
        return {"total": len(rows), "limit": limit, "offset": offset, "items": _plain(page)}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: Annotated[str, PathParam(max_length=500)]) -> Any:
        """An article's text and the spans of its events and quotes, in the coordinates of that text."""
        with store() as st:
            a = views.article(st, article_id)
        if a is None:
            return JSONResponse(status_code=404, content={"detail": f"article_id: no article {article_id!r}"})
        return _plain(a)

    # ---- dashboard and docs ----------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    return app
