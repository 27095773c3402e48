"""What the API needs beyond the store's query functions: the actor network and the article view.

Every value reaches SQL as a bound parameter; only fixed column names chosen from a closed set are
put into the statement text.
"""

from __future__ import annotations

import json
from typing import Any

from warta.store import db
from warta.store.names import country_codes


def network(
    con: db.Con,
    start: Any = None,
    end: Any = None,
    min_events: int = 1,
    level: str = "country",
    top: int = 150,
) -> dict[str, Any]:
    """Nodes and weighted edges of who acts with whom in a period.

    ``level="country"``: states and IGOs (merged events, one per fact); ``level="actor"``: persons,
    bodies and states as named in the articles (per-article events). Each edge counts events either
    way and splits them into cooperation and conflict. The ``top`` heaviest edges are kept.
    ``start``/``end`` are dates: an event counts when its date range overlaps [start, end].
    """
    where = ["1 = 1"]
    params: list[Any] = []
    if start is not None:
        where.append("date_end >= ?")
        params.append(start)
    if end is not None:
        where.append("date_start <= ?")
        params.append(end)
    w = " AND ".join(where)
    if level == "country":
        sql = f"""
            SELECT c_lo AS a, c_hi AS b, c_lo AS a_country, c_hi AS b_country, c_lo AS a_name, c_hi AS b_name,
                   count(*)::INTEGER AS events,
                   count(*) FILTER (WHERE quad LIKE '%coop')::INTEGER AS coop,
                   count(*) FILTER (WHERE quad LIKE '%conf')::INTEGER AS conf,
                   coalesce(sum(score), 0)::DOUBLE AS score
            FROM merged_events
            WHERE c_lo <> '' AND c_hi <> '' AND c_lo <> c_hi AND {w}
            GROUP BY c_lo, c_hi HAVING count(*) >= ?
            ORDER BY events DESC, a, b LIMIT ?"""
    elif level == "actor":
        sql = f"""
            WITH e AS (
                SELECT coalesce(actor_key, 'name:' || actor_name, actor_country) AS ak,
                       coalesce(actor_name, actor_country) AS an, actor_country AS ac,
                       coalesce(recipient_key, 'name:' || recipient_name, recipient_country) AS rk,
                       coalesce(recipient_name, recipient_country) AS rn, recipient_country AS rc, quad, score
                FROM events WHERE {w}),
            p AS (SELECT least(ak, rk) AS a, greatest(ak, rk) AS b, quad, score
                  FROM e WHERE ak IS NOT NULL AND rk IS NOT NULL AND ak <> rk),
            g AS (SELECT a, b, count(*)::INTEGER AS events,
                         count(*) FILTER (WHERE quad LIKE '%coop')::INTEGER AS coop,
                         count(*) FILTER (WHERE quad LIKE '%conf')::INTEGER AS conf,
                         coalesce(sum(score), 0)::DOUBLE AS score
                  FROM p GROUP BY a, b HAVING count(*) >= ? ORDER BY events DESC, a, b LIMIT ?),
            n AS (SELECT k, mode(nm) AS name, mode(c) AS country FROM (
                      SELECT ak AS k, an AS nm, ac AS c FROM e UNION ALL SELECT rk, rn, rc FROM e)
                  WHERE k IN (SELECT a FROM g UNION SELECT b FROM g) GROUP BY k)
            SELECT g.a, g.b, na.country AS a_country, nb.country AS b_country, na.name AS a_name,
                   nb.name AS b_name, g.events, g.coop, g.conf, g.score
            FROM g JOIN n na ON na.k = g.a JOIN n nb ON nb.k = g.b
            ORDER BY g.events DESC, g.a, g.b"""
        cur = con.execute(sql, [*params, int(min_events), int(top)])
    else:
        raise ValueError(f"level must be country or actor, not {level!r}")
    if level == "country":
        cur = con.execute(sql, [*params, int(min_events), int(top)])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    names = country_codes() if level == "country" else {}
    for r in rows:
        for side in ("a", "b"):
            key = r[side]
            name = names.get(key, key) if level == "country" else r[f"{side}_name"]
            n = nodes.setdefault(key, {"id": key, "name": name, "country": r[f"{side}_country"], "events": 0})
            n["events"] += r["events"]
        edges.append(
            {
                "source": r["a"],
                "target": r["b"],
                "events": r["events"],
                "coop": r["coop"],
                "conf": r["conf"],
                "score": r["score"],
            }
        )
    return {"level": level, "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])), "edges": edges}


def _paragraph_map(record: dict[str, Any]) -> list[tuple[int, int, int]] | None:
    """(start, end, offset in the body text) of each paragraph, when the record lists them."""
    spans = record.get("body")
    if not isinstance(spans, list) or not spans:
        return None
    out: list[tuple[int, int, int]] = []
    pos = 0
    for p in spans:
        if not (isinstance(p, (list, tuple)) and len(p) >= 2 and all(isinstance(x, int) for x in p[:2])):
            return None
        s, e = int(p[0]), int(p[1])
        out.append((s, e, pos))
        pos += (e - s) + 2  # paragraphs are joined by a blank line
    return out


def _locate(span: tuple[Any, Any], evidence: str | None, text: str, pmap: list[tuple[int, int, int]] | None,
            raw: bool) -> list[int] | None:
    """The span in the coordinates of ``text``, checked against the evidence; None when it does not hold."""
    s, e = span
    if not isinstance(s, int) or not isinstance(e, int) or e < s:
        return None
    cand: tuple[int, int] | None = None
    if raw:
        cand = (s, e)
    elif pmap is not None:
        for ps, pe, off in pmap:
            if ps <= s <= pe:
                cand = (off + s - ps, off + e - ps)
                break
    if cand is not None and 0 <= cand[0] <= cand[1] <= len(text):
        if evidence is None or text[cand[0] : cand[1]] == evidence:
            return [cand[0], cand[1]]
    return None


def article(con: db.Con, article_id: str) -> dict[str, Any] | None:
    """An article's text with the spans of its events and quotes in the coordinates of that text.

    The text is the one the extractor read when the store has it, else the cleaned body (paragraphs
    joined by blank lines) with the spans moved into it. A span that does not give back its evidence
    is returned as ``null`` rather than pointing at the wrong words.
    """
    cur = con.execute(
        "SELECT id, title, url, outlet, published, story, language, body, text, record FROM articles WHERE id = ?",
        [article_id],
    )
    row = cur.fetchone()
    if row is None:
        return None
    aid, title, url, outlet, published, story, language, body, given, record_s = row
    try:
        record = json.loads(record_s) if record_s else {}
    except ValueError:
        record = {}
    if not isinstance(given, str) and isinstance(record.get("text"), str):
        given = record["text"]
    raw = isinstance(given, str)
    text = given if raw else (body or "")
    pmap = None if raw else _paragraph_map(record)

    def rows(sql: str) -> list[dict[str, Any]]:
        c = con.execute(sql, [aid])
        cols = [d[0] for d in c.description]
        return [dict(zip(cols, r, strict=True)) for r in c.fetchall()]

    events = rows(
        "SELECT idx, type, mode, aux, mutual, date, actor_name, actor_country, recipient_name, recipient_country, "
        "quad, score, cue, text, span_start, span_end, merged_id FROM events WHERE article_id = ? ORDER BY idx"
    )
    quotes = rows(
        "SELECT idx, speaker_name, speaker_country, addressee_name, addressee_country, text, cue, span_start, "
        "span_end FROM quotes WHERE article_id = ? ORDER BY idx"
    )
    for it in (*events, *quotes):
        it["span"] = _locate((it.pop("span_start"), it.pop("span_end")), it.get("text"), text, pmap, raw)
    return {
        "id": aid,
        "title": title,
        "url": url,
        "outlet": outlet,
        "published": published,
        "story": story,
        "language": language,
        "text": text,
        "events": events,
        "quotes": quotes,
    }
