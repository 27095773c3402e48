"""The FastAPI app: a read-only JSON API over one store file, and the dashboard that uses it.

Each request opens the store read-only and closes it when it answers, so an ingest can take the
write lock between requests; while an ingest writes, a request waits briefly and then answers 503
``store busy``. No route writes: every route is a GET.
"""

from __future__ import annotations

import datetime as dt
import decimal
import time
from collections.abc import Callable, Iterator
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


def create_app(db: str | Path) -> FastAPI:
    db_path = str(db)
    app = FastAPI(
        title="warta",
        summary="Events, quotes, actors and stories of Indonesian news, from a warta store (read-only).",
        version="1",
        docs_url=None,  # served below from the vendored Swagger UI, not from a CDN
        redoc_url=None,
    )

    @contextmanager
    def store() -> Iterator[Store]:
        deadline = time.monotonic() + BUSY_WAIT_S
        while True:
            try:
                st = Store(db_path, read_only=True)
                break
            except duckdb.IOException as e:
                if "lock" not in str(e).lower() or time.monotonic() >= deadline:
                    raise StoreBusy(str(e)) from e
                time.sleep(0.05)
        try:
            yield st
        finally:
            st.close()

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

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
