"""Queries over the store: plain parameters in, rows (dicts) out.

The CLI, the Python API (``Store``) and the web API call these same functions with a DuckDB
connection (open it read-only with :func:`warta.store.store.connect`).  Filter values are
resolved by :mod:`warta.store.names`; a value that names nothing raises ``QueryError``.

Common filters (where they apply): ``outlet`` (one or several, case-insensitive), ``since`` and
``until`` (YYYY, YYYY-MM or YYYY-MM-DD: events by their date, else their article's publication;
articles, quotes, actors and stories by publication), ``types`` and ``aux`` (events, timeline,
event exports).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from warta.store import db
from warta.store import names as N
from warta.store.names import ActorRef, QueryError
from warta.store.schema import QUADS

Where = tuple[list[str], list[Any]]

EVENT_COLUMNS = (
    "e.article_id || '-' || e.idx AS id, e.article_id, e.idx, e.type, e.mode, e.aux, e.mutual, e.date, "
    "e.date_start, e.date_end, "
    "e.actor_key, e.actor_name, e.actor_country, e.actor_sector, "
    "e.recipient_key, e.recipient_name, e.recipient_country, e.recipient_sector, "
    "e.quad, e.score, e.confidence, e.model, e.cue, e.text, e.span_start, e.span_end, e.merged_id, "
    "m.sources, m.outlets AS merged_outlets, a.published, a.pub_start AS published_start, "
    "a.pub_end AS published_end, a.outlet, a.url, a.title, a.language, a.story, a.model AS article_model"
)
EVENTS_FROM = (
    "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN merged_events m ON m.id = e.merged_id"
)


def _seq(v: str | Sequence[str] | None) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [x for x in v if x is not None]


def resolve(con: db.Con, value: str | ActorRef | None, param: str = "actor") -> ActorRef | None:
    """A filter value as an ActorRef (None stays None)."""
    if value is None or isinstance(value, ActorRef):
        return value
    return N.resolve_actor(value, con, param)


def side_sql(ref: ActorRef, key_col: str, name_col: str, country_col: str) -> tuple[str, list[Any]]:
    """SQL matching one side (event actor/recipient, quote speaker, …) against a resolved actor."""
    if ref.kind in ("country", "igo") and ref.country:
        return f"{country_col} = ?", [ref.country]
    if ref.key:
        names = ref.names or ((ref.name,) if ref.name else ())
        if names:
            return f"({key_col} = ? OR ({key_col} IS NULL AND regexp_matches({name_col}, ?)))", [
                ref.key,
                N.word_regex(*names),
            ]
        return f"{key_col} = ?", [ref.key]
    return f"regexp_matches({name_col}, ?)", [N.word_regex(*(ref.names or (ref.given,)))]


def _event_side(ref: ActorRef, side: str, alias: str = "e") -> tuple[str, list[Any]]:
    return side_sql(ref, f"{alias}.{side}_key", f"{alias}.{side}_name", f"{alias}.{side}_country")


def outlets_sql(con: db.Con, outlet: str | Sequence[str] | None, col: str = "a.outlet") -> Where:
    """``outlet IN (…)``, case-insensitive; an outlet no stored article has is an error."""
    vals = _seq(outlet)
    if not vals:
        return [], []
    stored = {str(r[0]).lower(): r[0] for r in db.run(con, "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")}
    for v in vals:
        if v.strip().lower() not in stored:
            raise QueryError("outlet", v, "no stored article is from this outlet")
    return [f"lower({col}) IN ({', '.join('?' for _ in vals)})"], [v.strip().lower() for v in vals]


def _dates_sql(since: str | None, until: str | None, start: str, end: str) -> Where:
    lo, hi = N.date_range(since, until)
    where, params = [], []
    if lo is not None:
        where.append(f"{end} >= ?")
        params.append(lo)
    if hi is not None:
        where.append(f"{start} <= ?")
        params.append(hi)
    return where, params


def event_filters(
    con: db.Con,
    *,
    actor: str | ActorRef | None = None,
    with_: str | ActorRef | None = None,
    direction: str | None = None,
    types: str | Sequence[str] | None = None,
    aux: str | Sequence[str] | None = None,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Where:
    """WHERE clauses over ``events e JOIN articles a`` for the event filters.

    ``actor`` and ``with_`` are the two sides.  ``direction``: ``either`` (default) matches
    both orders; ``from``: ``actor`` acts on ``with_``; ``to``: ``with_`` acts on ``actor``
    (a CONSULT or mutual event has no direction and matches both).
    """
    where: list[str] = []
    params: list[Any] = []
    a_ref = resolve(con, actor, "actor")
    w_ref = resolve(con, with_, "with")
    d = N.resolve_direction(direction)
    if a_ref or w_ref:
        fwd: list[str] = []
        rev: list[str] = []
        fp: list[Any] = []
        rp: list[Any] = []
        for ref, s_fwd, s_rev in ((a_ref, "actor", "recipient"), (w_ref, "recipient", "actor")):
            if ref is None:
                continue
            q1, p1 = _event_side(ref, s_fwd)
            q2, p2 = _event_side(ref, s_rev)
            fwd.append(q1), fp.extend(p1)
            rev.append(q2), rp.extend(p2)
        f_sql, r_sql = " AND ".join(fwd), " AND ".join(rev)
        unord = "(e.type = 'CONSULT' OR e.mutual)"
        if d == "either":
            where.append(f"(({f_sql}) OR ({r_sql}))")
            params += fp + rp
        elif d == "from":
            where.append(f"(({f_sql}) OR ({unord} AND {r_sql}))")
            params += fp + rp
        else:
            where.append(f"(({r_sql}) OR ({unord} AND {f_sql}))")
            params += rp + fp
    ts = N.resolve_types(types)
    if ts:
        where.append(f"e.type IN ({', '.join('?' for _ in ts)})")
        params += ts
    ax = N.resolve_aux(aux)
    if ax:
        parts = []
        if "happened" in ax:
            parts.append("e.aux IS NULL")
        rest = [x for x in ax if x != "happened"]
        if rest:
            parts.append(f"e.aux IN ({', '.join('?' for _ in rest)})")
            params += rest
        where.append(f"({' OR '.join(parts)})")
    w, p = outlets_sql(con, outlet)
    where += w
    params += p
    w, p = _dates_sql(since, until, "coalesce(e.date_start, a.pub_start)", "coalesce(e.date_end, a.pub_end)")
    where += w
    params += p
    return where, params


def _w(where: list[str]) -> str:
    return ("WHERE " + " AND ".join(where)) if where else ""


def _lim(limit: int | None, offset: int = 0) -> str:
    out = f"LIMIT {int(limit)}" if limit is not None else ""
    if offset:
        out += f" OFFSET {max(0, int(offset))}"
    return out


def _text_sql(q: str | None, col: str) -> Where:
    """``col`` contains the words of ``q`` (case-insensitive; ``%`` and ``_`` are literal)."""
    if q is None or not q.strip():
        return [], []
    return [f"{col} ILIKE ? ESCAPE '\\'"], ["%" + N.like_escape(q.strip()) + "%"]


def _count(con: db.Con, sql: str, params: list[Any]) -> int:
    return int(db.run(con, f"SELECT count(*) FROM ({sql})", params)[0][0])


def _events_sql(
    con: db.Con,
    *,
    actor: str | ActorRef | None = None,
    with_: str | ActorRef | None = None,
    direction: str | None = None,
    types: str | Sequence[str] | None = None,
    aux: str | Sequence[str] | None = None,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    merged: bool = False,
    min_confidence: float | None = None,
) -> tuple[str, str, list[Any], str]:
    """(SELECT … without ORDER BY, the ORDER BY, params, the WHERE over ``events e JOIN articles a``) of
    :func:`events`."""
    where, params = event_filters(
        con, actor=actor, with_=with_, direction=direction, types=types, aux=aux, outlet=outlet,
        since=since, until=until,
    )
    w, p = _text_sql(q, "e.text")
    where += w
    params += p
    if min_confidence is not None:
        # an event without a confidence (coded by rules alone) counts as certain
        where.append("coalesce(e.confidence, 1.0) >= ?")
        params.append(float(min_confidence))
    if merged:
        inner = f"SELECT e.merged_id FROM events e JOIN articles a ON a.id = e.article_id {_w(where)}"
        return (
            "SELECT id, type, aux, date, date_start, date_end, actor_country, recipient_country, unordered, quad, "
            f"score, sources, outlets, evidence FROM merged_events WHERE id IN ({inner})",
            "ORDER BY date_start DESC NULLS LAST, id",
            params,
            _w(where),
        )
    return f"SELECT {EVENT_COLUMNS} {EVENTS_FROM} {_w(where)}", EVENTS_ORDER, params, _w(where)


EVENTS_ORDER = "ORDER BY coalesce(e.date_start, a.pub_start) DESC NULLS LAST, e.article_id, e.idx"


def events(con: db.Con, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Events per article (or one per merged fact with ``merged=True``), newest first.

    Filters: ``actor``, ``with_``, ``direction``, ``types``, ``aux``, ``outlet``, ``since``,
    ``until``, ``q`` (words of the evidence text), ``min_confidence`` (the scorer's probability) and
    ``merged``; ``limit``/``offset`` page them.
    A page of per-article events is found on the few columns that filter and order it, and only
    its rows are then read whole.
    """
    sql, order, params, where = _events_sql(con, **filters)
    if limit is None or filters.get("merged"):
        return db.rows(con, f"{sql} {order} {_lim(limit, offset)}", params)
    keys = (
        "SELECT e.article_id, e.idx FROM events e JOIN articles a ON a.id = e.article_id "
        f"{where} {order} {_lim(limit, offset)}"
    )
    return db.rows(
        con,
        f"WITH k AS ({keys}) SELECT {EVENT_COLUMNS} FROM k JOIN events e ON e.article_id = k.article_id "
        "AND e.idx = k.idx JOIN articles a ON a.id = e.article_id LEFT JOIN merged_events m ON m.id = e.merged_id "
        f"{order}",
        params,
    )


def count_events(con: db.Con, **filters: Any) -> int:
    """How many rows :func:`events` gives with these filters and no limit."""
    sql, _, params, where = _events_sql(con, **filters)
    if filters.get("merged"):
        return _count(con, sql, params)
    return _count(con, f"SELECT 1 FROM events e JOIN articles a ON a.id = e.article_id {where}", params)


def period_label(p: dt.date, by: str) -> str:
    if by == "month":
        return p.strftime("%Y-%m")
    if by == "year":
        return str(p.year)
    if by == "quarter":
        return f"{p.year}-Q{(p.month - 1) // 3 + 1}"
    return p.isoformat()


def next_period(p: dt.date, by: str) -> dt.date:
    if by == "day":
        return p + dt.timedelta(days=1)
    if by == "week":
        return p + dt.timedelta(days=7)
    if by == "year":
        return dt.date(p.year + 1, 1, 1)
    step = 3 if by == "quarter" else 1
    m = p.month - 1 + step
    return dt.date(p.year + m // 12, m % 12 + 1, 1)


def timeline(
    con: db.Con,
    a: str | ActorRef,
    b: str | ActorRef,
    *,
    by: str = "month",
    merged: bool = True,
    types: str | Sequence[str] | None = None,
    aux: str | Sequence[str] | None = None,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    per_1000_articles: bool = False,
) -> list[dict[str, Any]]:
    """Per period: events between ``a`` and ``b`` (either direction) per quad class, and the score sum.

    Counts merged events (one per fact, however many outlets told it) unless ``merged=False``.
    Undated events are left out.  Periods run from the first to the last period with an event
    (inside ``since``/``until``), empty ones between filled with zeros.  ``per_1000_articles``
    divides every count and the score by the articles published in the period (same outlet
    filter) and multiplies by 1000; ``articles`` gives that volume.
    """
    by = N.resolve_period(by)
    a_ref, b_ref = resolve(con, a, "actor"), resolve(con, b, "with")
    where, params = event_filters(
        con, actor=a_ref, with_=b_ref, direction="either", types=types, aux=aux, outlet=outlet, since=since,
        until=until,
    )
    where.append("e.date_start IS NOT NULL")
    counts = ", ".join(f"count(*) FILTER (WHERE quad = '{q}')::INTEGER AS \"{q}\"" for q in QUADS)
    countries = [r.country for r in (a_ref, b_ref) if r is not None and r.kind in ("country", "igo") and r.country]
    if merged and len(countries) == 2 and countries[0] != countries[1] and not _seq(outlet):
        # two countries: a merged fact is one dyad (its events share type, aux and sides), so it is
        # found by its own sorted pair without reading the per-article events
        lo, hi = sorted(countries)
        mw, params = ["c_lo = ?", "c_hi = ?", "date_start IS NOT NULL"], [lo, hi]
        ts = N.resolve_types(types)
        if ts:
            mw.append(f"type IN ({', '.join('?' for _ in ts)})")
            params += ts
        ax = N.resolve_aux(aux)
        if ax:
            mw.append(f"aux_key IN ({', '.join('?' for _ in ax)})")
            params += ["" if x == "happened" else x for x in ax]
        src = f"SELECT date_start, quad, score FROM merged_events {_w(mw)}"
    elif merged:
        src = (
            "SELECT date_start, quad, score FROM merged_events WHERE id IN "
            f"(SELECT e.merged_id FROM events e JOIN articles a ON a.id = e.article_id {_w(where)})"
        )
    else:
        src = f"SELECT e.date_start, e.quad, e.score FROM events e JOIN articles a ON a.id = e.article_id {_w(where)}"
    lo, hi = N.date_range(since, until)
    rng, rp = [], []
    if lo is not None:
        rng.append("date_start >= ?")
        rp.append(lo)
    if hi is not None:
        rng.append("date_start <= ?")
        rp.append(hi)
    got = db.rows(
        con,
        f"""SELECT date_trunc('{by}', date_start)::DATE AS period, {counts},
                   count(*)::INTEGER AS events, coalesce(sum(score), 0)::DOUBLE AS score
            FROM ({src}) {_w(rng)} GROUP BY 1 ORDER BY 1""",
        params + rp,
    )
    if not got:
        return []
    have = {r["period"]: r for r in got}
    vol: dict[dt.date, int] = {}
    if per_1000_articles:
        ow, op = outlets_sql(con, outlet)
        ow.append("a.pub_start IS NOT NULL")
        vol = dict(
            db.run(
                con,
                f"SELECT date_trunc('{by}', a.pub_start)::DATE, count(*) FROM articles a {_w(ow)} GROUP BY 1",
                op,
            )
        )
    out: list[dict[str, Any]] = []
    p, last = got[0]["period"], got[-1]["period"]
    while p <= last:
        r = dict(have.get(p) or {"period": p, **dict.fromkeys(QUADS, 0), "events": 0, "score": 0.0})
        if per_1000_articles:
            n = vol.get(p, 0)
            for k in (*QUADS, "events", "score"):
                r[k] = round(r[k] * 1000.0 / n, 3) if n else 0.0
            r["articles"] = n
        r["period"] = period_label(p, by)
        out.append(r)
        p = next_period(p, by)
    return out


def actors(
    con: db.Con,
    *,
    top: int | None = 20,
    kind: str | None = None,
    country: str | Sequence[str] | None = None,
    exclude_country: str | Sequence[str] | None = None,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """The most reported actors (by canonical key): articles naming them, mentions, events they take part in.

    ``kind``: state, person, organization, igo, group or collective.  ``country`` /
    ``exclude_country``: codes or country names (``IDN``, ``Indonesia``).  ``q``: part of the
    name (wildcards literal) or the country code.
    """
    where: list[str] = ["x.name IS NOT NULL"]
    params: list[Any] = []
    if q is not None and q.strip():
        w, p = _text_sql(q, "x.name")
        where.append(f"({w[0]} OR x.country = ?)")
        params += [*p, q.strip().upper()]
    k = N.resolve_kind(kind)
    if k:
        where.append("x.kind = ?")
        params.append(k)
    for vals, neg, param in ((country, False, "country"), (exclude_country, True, "exclude_country")):
        codes = [_country_code(con, v, param) for v in _seq(vals)]
        if codes:
            qs = ", ".join("?" for _ in codes)
            where.append(f"(x.country IS NULL OR x.country NOT IN ({qs}))" if neg else f"x.country IN ({qs})")
            params += codes
    w, p = outlets_sql(con, outlet)
    where += w
    params += p
    w, p = _dates_sql(since, until, "a.pub_start", "a.pub_end")
    where += w
    params += p
    lim = f"LIMIT {int(top)}" if top is not None else ""
    return db.rows(
        con,
        f"""WITH x AS (
               SELECT x.*, coalesce(x.key, 'name:' || x.name) AS k FROM actors x JOIN articles a ON a.id = x.article_id
               {_w(where)}),
           g AS (
               SELECT k, mode(key) AS key, mode(name) AS name, mode(country) AS country, mode(kind) AS kind,
                      count(DISTINCT article_id)::INTEGER AS articles,
                      coalesce(sum(mentions), 0)::INTEGER AS mentions
               FROM x GROUP BY k),
           ev AS (
               SELECT k, count(*)::INTEGER AS events FROM (
                   SELECT coalesce(e.actor_key, 'name:' || e.actor_name) AS k, e.article_id FROM events e
                   UNION ALL
                   SELECT coalesce(e.recipient_key, 'name:' || e.recipient_name), e.article_id FROM events e
               ) s WHERE s.article_id IN (SELECT article_id FROM x) GROUP BY k)
           SELECT g.key, g.name, g.country, g.kind, g.articles, g.mentions, coalesce(ev.events, 0) AS events
           FROM g LEFT JOIN ev ON ev.k = g.k
           ORDER BY g.mentions DESC, g.articles DESC, events DESC, g.name {lim}""",
        params,
    )


def _country_code(con: db.Con, value: str, param: str) -> str:
    ref = N.resolve_actor(value, None, param)
    if not ref.country or ref.kind not in ("country", "igo"):
        raise QueryError(param, value, "not a country")
    return ref.country


def _quotes_sql(
    con: db.Con,
    *,
    speaker: str | ActorRef | None = None,
    addressee: str | ActorRef | None = None,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
) -> tuple[str, str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for val, side, param in ((speaker, "speaker", "speaker"), (addressee, "addressee", "addressee")):
        ref = resolve(con, val, param)
        if ref is not None:
            w, p = side_sql(ref, f"q.{side}_key", f"q.{side}_name", f"q.{side}_country")
            where.append(w)
            params += p
    w, p = outlets_sql(con, outlet)
    where += w
    params += p
    w, p = _dates_sql(since, until, "a.pub_start", "a.pub_end")
    where += w
    params += p
    w, p = _text_sql(q, "q.text")
    where += w
    params += p
    return (
        "SELECT q.article_id || '-' || q.idx AS id, q.article_id, q.idx, q.speaker_key, q.speaker_name, "
        "q.speaker_country, q.addressee_key, q.addressee_name, q.addressee_country, q.cue, q.text, "
        "q.span_start, q.span_end, a.published, a.pub_start AS published_start, a.pub_end AS published_end, "
        f"a.outlet, a.url, a.title, a.language, a.story FROM quotes q JOIN articles a ON a.id = q.article_id {_w(where)}",
        "ORDER BY a.pub_start DESC NULLS LAST, q.article_id, q.idx",
        params,
    )


def quotes(con: db.Con, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Quotes, newest first.  ``speaker``: a person (name or alias, whole words), a country, a code.

    Filters: ``speaker``, ``addressee``, ``outlet``, ``since``, ``until``, ``q`` (words of the quote).
    """
    sql, order, params = _quotes_sql(con, **filters)
    return db.rows(con, f"{sql} {order} {_lim(limit, offset)}", params)


def count_quotes(con: db.Con, **filters: Any) -> int:
    sql, _, params = _quotes_sql(con, **filters)
    return _count(con, sql, params)


def _stories_sql(
    con: db.Con,
    *,
    min_articles: int = 1,
    outlet: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[str, str, list[Any]]:
    where, params = outlets_sql(con, outlet)
    w, p = _dates_sql(since, until, "a.pub_start", "a.pub_end")
    where += w
    params += p
    big = f"SELECT story FROM articles a {_w(where)} GROUP BY story HAVING count(*) >= ?"
    where = [*where, f"story IN ({big})"]
    params = [*params, *params, int(min_articles)]
    return (
        f"""SELECT story, count(*)::INTEGER AS n_articles,
                   count(DISTINCT outlet)::INTEGER AS n_outlets,
                   coalesce(list(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL), []) AS outlets,
                   min(pub_start) AS first_date, max(pub_end) AS last_date,
                   arg_min(title, coalesce(pub_start, DATE '9999-12-31')) FILTER (WHERE title IS NOT NULL) AS title,
                   list(id ORDER BY pub_start NULLS LAST, id) AS articles
            FROM articles a {_w(where)} GROUP BY story""",
        "ORDER BY n_articles DESC, first_date NULLS LAST, story",
        params,
    )


def stories(con: db.Con, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
    """Stories, biggest first: article count, outlets, first and last publication date, title, articles.

    Filters: ``min_articles``, ``outlet``, ``since``, ``until``.  With ``outlet``/``since``/``until``,
    a story counts only its articles that pass them.
    """
    sql, order, params = _stories_sql(con, **filters)
    return db.rows(con, f"{sql} {order} {_lim(limit, offset)}", params)


def count_stories(con: db.Con, **filters: Any) -> int:
    sql, _, params = _stories_sql(con, **filters)
    return _count(con, sql, params)


def article(con: db.Con, article_id: str) -> dict[str, Any] | None:
    """The stored record of one article (with ``text`` as given and ``story``), or None."""
    got = db.rows(con, "SELECT record, text, story FROM articles WHERE id = ?", [article_id])
    if not got:
        return None
    rec = json.loads(got[0]["record"])
    if got[0]["text"] is not None:
        rec.setdefault("text", got[0]["text"])
    rec["story"] = got[0]["story"]
    return rec


def summary(con: db.Con) -> dict[str, Any]:
    """Row counts, outlets, languages and the publication range of the store."""
    n = {t: int(db.run(con, f"SELECT count(*) FROM {t}")[0][0]) for t in ("articles", "events", "merged_events",
                                                                         "quotes", "actors")}
    first, last = db.run(con, "SELECT min(pub_start), max(pub_end) FROM articles")[0]
    return {
        **n,
        "stories": int(db.run(con, "SELECT count(DISTINCT story) FROM articles")[0][0]),
        "first_date": first,
        "last_date": last,
        "outlets": dict(db.run(con, "SELECT outlet, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
        "languages": dict(db.run(con, "SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC")),
    }
