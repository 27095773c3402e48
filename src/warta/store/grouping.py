"""Stories and merged events: which stored articles tell one piece of news, and which events are one fact.

Both run inside the ingest transaction of a batch, on the batch's new or replaced articles.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from warta.store import db
from warta.store import schema as S
from warta.store import stories as ST
from warta.store.ingest import Article, date_str
from warta.store.intervals import overlaps, width

NEWS_BEFORE = dt.timedelta(days=3)  # an event dated this long before publication is still the news
NEWS_AFTER = dt.timedelta(days=1)
NEWS_AFTER_FUTURE = dt.timedelta(days=31)  # a planned event is news when announced
STORY_WINDOW_DAYS = 3  # same-main-event articles published this close are one story
LEAD_EVENTS = 2  # an article's main event may be among the other's first two news evidence spans
EVENT_SLACK_DAYS = 1  # two outlets may resolve a weekday a day apart


def story_keys(a: Article) -> list[dict[str, Any]]:
    """The article's lead news events: those of its first LEAD_EVENTS evidence spans; rank 0 is the main event.

    News: dated within a few days of publication, not negated or hypothetical, with two
    different countries (a one-sided or domestic dyad says too little to tie two articles).
    """
    if a.pub is None:
        return []
    news = []
    for e in a.events:
        if e["aux"] in ("negated", "hypothetical") or e["date_start"] is None:
            continue
        if not e["c_lo"] or e["c_lo"] == e["c_hi"]:
            continue
        after = NEWS_AFTER_FUTURE if e["aux"] == "future" else NEWS_AFTER
        if not overlaps((e["date_start"], e["date_end"]), (a.pub[0] - NEWS_BEFORE, a.pub[1] + after)):
            continue
        news.append(e)
    news.sort(key=lambda e: (e["span_start"] if e["span_start"] is not None else 1 << 30, e["idx"]))
    out: list[dict[str, Any]] = []
    rank, last = -1, None
    for e in news:
        # events coded from the same evidence span share a rank: which of them is "first" is arbitrary
        at = e["span_start"] if e["span_start"] is not None else ("idx", e["idx"])
        if at != last:
            rank, last = rank + 1, at
        if rank >= LEAD_EVENTS:
            break
        out.append(
            {
                "article_id": a.id,
                "rank": rank,
                "type": e["type"],
                "c_lo": e["c_lo"],
                "c_hi": e["c_hi"],
                "date_start": e["date_start"],
                "date_end": e["date_end"],
            }
        )
    return out



def assign_stories(con: db.Con, todo: list[Article], sig_of: dict[str, Any]) -> int:
    new_ids = [a.id for a in todo]
    con.register("_story_new", pa.table({"id": pa.array(new_ids, pa.string())}))
    try:
        pairs: set[tuple[str, str]] = set()
        # 1. near-duplicate text: LSH band collisions, confirmed by estimated Jaccard
        cand = con.execute(
            "SELECT DISTINCT n.article_id, o.article_id FROM lsh_bands n "
            "JOIN lsh_bands o ON n.band = o.band AND n.bucket = o.bucket AND n.article_id <> o.article_id "
            "WHERE n.article_id IN (SELECT id FROM _story_new)"
        ).fetchall()
        need = {b for _, b in cand if b not in sig_of}
        other_sig: dict[str, Any] = {}
        if need:
            con.register("_sig_need", pa.table({"id": pa.array(sorted(need), pa.string())}))
            try:
                for aid, raw in con.execute(
                    "SELECT article_id, sig FROM signatures WHERE article_id IN (SELECT id FROM _sig_need)"
                ).fetchall():
                    other_sig[aid] = ST.sig_from_bytes(raw)
            finally:
                db.unregister(con, "_sig_need")
        for a, b in cand:
            sb = sig_of.get(b)
            if sb is None:
                sb = other_sig.get(b)
            if sb is not None and ST.jaccard(sig_of[a], sb) >= ST.THRESHOLD:
                pairs.add((a, b))
        # 2. the same raw text under another id (a reprint), when there is enough body to compare
        pairs.update(
            con.execute(
                "SELECT n.id, o.id FROM articles n JOIN articles o ON n.hash = o.hash AND n.id <> o.id "
                "WHERE n.id IN (SELECT id FROM _story_new) "
                "AND n.id IN (SELECT article_id FROM signatures) AND o.id IN (SELECT article_id FROM signatures)"
            ).fetchall()
        )
        # 3. the same main event: one article's main event is the same fact (type, dyad, date) as one
        #    of the other's lead news events, and they were published within a few days
        pairs.update(
            con.execute(
                f"""SELECT n.article_id, o.article_id FROM story_keys n
                JOIN story_keys o ON n.type = o.type AND n.c_lo = o.c_lo AND n.c_hi = o.c_hi
                     AND n.article_id <> o.article_id AND (n.rank = 0 OR o.rank = 0)
                     AND n.date_start - INTERVAL {EVENT_SLACK_DAYS} DAY <= o.date_end
                     AND o.date_start - INTERVAL {EVENT_SLACK_DAYS} DAY <= n.date_end
                JOIN articles na ON na.id = n.article_id
                JOIN articles oa ON oa.id = o.article_id
                WHERE n.article_id IN (SELECT id FROM _story_new)
                  AND na.pub_start - INTERVAL {STORY_WINDOW_DAYS} DAY <= oa.pub_end
                  AND oa.pub_start - INTERVAL {STORY_WINDOW_DAYS} DAY <= na.pub_end"""
            ).fetchall()
        )
        others = sorted({b for _, b in pairs} - set(new_ids))
        story_of: dict[str, int] = {}
        if others:
            con.register("_story_old", pa.table({"id": pa.array(others, pa.string())}))
            try:
                story_of = dict(
                    con.execute(
                        "SELECT id, story FROM articles WHERE id IN (SELECT id FROM _story_old) AND story IS NOT NULL"
                    ).fetchall()
                )
            finally:
                db.unregister(con, "_story_old")
        uf = ST.UnionFind()
        for a in new_ids:
            uf.find("a:" + a)

        def node(x: str) -> str:
            return f"s:{story_of[x]:020d}" if x in story_of else "a:" + x

        for a, b in pairs:
            uf.union(node(a), node(b))
        groups = uf.groups(set(uf.parent))
        (next_story,) = con.execute("SELECT coalesce(max(story), 0) + 1 FROM articles").fetchall()[0]  # type: ignore[misc]
        assign: list[tuple[str, int]] = []
        merges: list[tuple[int, int]] = []
        joins = 0
        for members in groups.values():
            olds = sorted(int(m[2:]) for m in members if m.startswith("s:"))
            news = sorted(m[2:] for m in members if m.startswith("a:"))
            if olds:
                target = olds[0]
                merges.extend((o, target) for o in olds[1:])
            else:
                target = next_story
                next_story += 1
            if len(members) > 1:
                joins += len(news)
            assign.extend((a, target) for a in news)
        if assign:
            con.register(
                "_story_assign",
                pa.table(
                    {
                        "id": pa.array([a for a, _ in assign], pa.string()),
                        "story": pa.array([s for _, s in assign], pa.int64()),
                    }
                ),
            )
            try:
                db.run(con, "UPDATE articles SET story = t.story FROM _story_assign t WHERE articles.id = t.id")
            finally:
                db.unregister(con, "_story_assign")
        for old, target in merges:
            db.run(con, "UPDATE articles SET story = ? WHERE story = ?", [target, old])
        return joins
    finally:
        db.unregister(con, "_story_new")


def merge_events(con: db.Con, todo: list[Article], affected: set[int]) -> int:
    evs = [e for a in sorted(todo, key=lambda a: (a.pub[0] if a.pub else dt.date.max, a.id)) for e in a.events]
    if not evs:
        refresh_merged(con, affected)
        return 0
    # a one-sided or domestic dyad ("IDN requests", "police arrest") is too weak a key across
    # articles: such events merge only within their story
    con.register("_merge_arts", pa.table({"id": pa.array([a.id for a in todo], pa.string())}))
    try:
        story_of = dict(
            con.execute("SELECT id, story FROM articles WHERE id IN (SELECT id FROM _merge_arts)").fetchall()
        )
    finally:
        db.unregister(con, "_merge_arts")
    for e in evs:
        weak = not e["c_lo"] or e["c_lo"] == e["c_hi"]
        e["_scope"] = f"story:{story_of.get(e['article_id'])}" if weak else ""
    keys = sorted(
        {(e["type"], e["aux"] or "", e["c_lo"], e["c_hi"], e["_scope"]) for e in evs if e["date_start"] is not None}
    )
    cands: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    if keys:
        con.register(
            "_merge_keys",
            pa.table(
                {
                    n: pa.array([k[i] for k in keys], pa.string())
                    for i, n in enumerate(("type", "aux_key", "c_lo", "c_hi", "scope"))
                }
            ),
        )
        try:
            for m in db.rows(con,
                "SELECT m.id, m.type, m.aux_key, m.c_lo, m.c_hi, m.actor_country, m.recipient_country, m.unordered, "
                "m.date_start, m.date_end, m.scope FROM merged_events m JOIN _merge_keys k "
                "ON m.type = k.type AND m.aux_key = k.aux_key AND m.c_lo = k.c_lo AND m.c_hi = k.c_hi "
                "AND m.scope = k.scope "
                "WHERE m.date_start IS NOT NULL"
            ):
                m["changed"] = False
                cands.setdefault((m["type"], m["aux_key"], m["c_lo"], m["c_hi"], m["scope"]), []).append(m)
        finally:
            db.unregister(con, "_merge_keys")
    (next_id,) = con.execute("SELECT coalesce(max(id), 0) + 1 FROM merged_events").fetchall()[0]  # type: ignore[misc]
    created: list[dict[str, Any]] = []
    assign: list[tuple[str, int, int]] = []
    for e in evs:
        unordered = e["type"] == "CONSULT" or bool(e["mutual"])
        iv = (e["date_start"], e["date_end"]) if e["date_start"] is not None else None
        best = None
        if iv is not None:
            for m in cands.get((e["type"], e["aux"] or "", e["c_lo"], e["c_hi"], e["_scope"]), []):
                if not (unordered or m["unordered"]) and (
                    (m["actor_country"] or "") != (e["actor_country"] or "")
                    or (m["recipient_country"] or "") != (e["recipient_country"] or "")
                ):
                    continue
                miv = (m["date_start"], m["date_end"])
                if overlaps(iv, miv) and (
                    best is None or width(miv) < width((best["date_start"], best["date_end"]))
                ):
                    best = m
        if best is not None:
            lo, hi = max(iv[0], best["date_start"]), min(iv[1], best["date_end"])  # type: ignore[index]
            if (lo, hi) != (best["date_start"], best["date_end"]):
                best["date_start"], best["date_end"], best["changed"] = lo, hi, True
            best["unordered"] = best["unordered"] or unordered
            assign.append((e["article_id"], e["idx"], best["id"]))
            affected.add(best["id"])
            continue
        m = {
            "id": next_id,
            "type": e["type"],
            "aux": e["aux"],
            "aux_key": e["aux"] or "",
            "actor_country": e["actor_country"],
            "recipient_country": e["recipient_country"],
            "unordered": unordered,
            "c_lo": e["c_lo"],
            "c_hi": e["c_hi"],
            "date": e["date"],
            "date_start": iv[0] if iv else None,
            "date_end": iv[1] if iv else None,
            "quad": e["quad"],
            "score": e["score"],
            "scope": e["_scope"],
            "changed": False,
            "new": True,
        }
        next_id += 1
        created.append(m)
        if iv is not None:
            cands.setdefault((m["type"], m["aux_key"], m["c_lo"], m["c_hi"], m["scope"]), []).append(m)
        assign.append((e["article_id"], e["idx"], m["id"]))
        affected.add(m["id"])
    for m in created:
        if m["changed"]:
            m["date"] = date_str((m["date_start"], m["date_end"]))
    db.insert(con, "merged_events", [{k: m[k] for k in S.MERGED.names} for m in created], S.MERGED)
    changed = [m for ms in cands.values() for m in ms if m["changed"] and not m.get("new")]
    if changed:
        con.register(
            "_merged_upd",
            pa.table(
                {
                    "id": pa.array([m["id"] for m in changed], pa.int64()),
                    "date": pa.array([date_str((m["date_start"], m["date_end"])) for m in changed], pa.string()),
                    "date_start": pa.array([m["date_start"] for m in changed], pa.date32()),
                    "date_end": pa.array([m["date_end"] for m in changed], pa.date32()),
                    "unordered": pa.array([m["unordered"] for m in changed], pa.bool_()),
                }
            ),
        )
        try:
            db.run(con,
                "UPDATE merged_events SET date = t.date, date_start = t.date_start, date_end = t.date_end, "
                "unordered = t.unordered FROM _merged_upd t WHERE merged_events.id = t.id"
            )
        finally:
            db.unregister(con, "_merged_upd")
    con.register(
        "_merge_assign",
        pa.table(
            {
                "article_id": pa.array([a[0] for a in assign], pa.string()),
                "idx": pa.array([a[1] for a in assign], pa.int32()),
                "merged_id": pa.array([a[2] for a in assign], pa.int64()),
            }
        ),
    )
    try:
        db.run(con,
            "UPDATE events SET merged_id = t.merged_id FROM _merge_assign t "
            "WHERE events.article_id = t.article_id AND events.idx = t.idx"
        )
    finally:
        db.unregister(con, "_merge_assign")
    refresh_merged(con, affected)
    return len(created)

def refresh_merged(con: db.Con, ids: set[int]) -> None:
    """Recompute sources, outlets and evidence of these merged events; drop those left without events."""
    if not ids:
        return
    con.register("_merged_aff", pa.table({"id": pa.array(sorted(ids), pa.int64())}))
    try:
        db.run(con,
            """UPDATE merged_events SET sources = s.sources, outlets = s.outlets, evidence = s.evidence
            FROM (
                SELECT e.merged_id,
                       count(DISTINCT e.article_id)::INTEGER AS sources,
                       count(DISTINCT a.outlet)::INTEGER AS outlets,
                       list({'article_id': e.article_id, 'outlet': a.outlet, 'url': a.url, 'text': e.text}
                            ORDER BY a.pub_start NULLS LAST, e.article_id, e.idx) AS evidence
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.merged_id IN (SELECT id FROM _merged_aff)
                GROUP BY e.merged_id
            ) s WHERE merged_events.id = s.merged_id"""
        )
        db.run(con,
            "DELETE FROM merged_events WHERE id IN (SELECT id FROM _merged_aff) "
            "AND id NOT IN (SELECT merged_id FROM events WHERE merged_id IS NOT NULL)"
        )
    finally:
        db.unregister(con, "_merged_aff")
