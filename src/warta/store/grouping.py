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
                "dated": e.get("date_from") == "text",
            }
        )
    return out



ENTITY_KINDS = ("person", "organization", "group")
STORY_SPAN_DAYS = 3  # an article joins a story only if published within this many days of the story's seed
TEXT_DAYS = 3  # strong text overlap links articles published this close
TITLE_DAYS = 1  # moderate text overlap plus the same headline words: this close
TRACE: list[tuple[Any, ...]] | None = None  # set to a list to record (a, b, rule, weight) of every link (bench/story_*.py)


def _days(a: tuple[Any, Any] | None, b: tuple[Any, Any] | None) -> int | None:
    """Days between two publication intervals (0 when they overlap); None when either is unknown."""
    if a is None or b is None or a[0] is None or b[0] is None:
        return None
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0
    return min(abs((a[0] - b[1]).days), abs((b[0] - a[1]).days))


def overlaps_or_unknown(a: tuple[Any, Any] | None, b: tuple[Any, Any] | None) -> bool:
    """Whether two headlines' own days (ST.title_day) may be one: unknown for either, or overlapping."""
    return a is None or b is None or overlaps(a, b)


def _within(d: int | None, limit: int) -> bool:
    return d is None or d <= limit


def _templates(con: db.Con, key_arrays: list[Any], outlets: list[str]) -> dict[str, Any]:
    """Per outlet, the shingle ids among these keys that the outlet printed on ST.TEMPLATE_DAYS or more days."""
    import numpy as np

    arrs = [k & ST.ID_MASK for k in key_arrays if k is not None]
    if not arrs or not outlets:
        return {}
    ids = np.unique(np.concatenate(arrs)).astype(np.int32)
    out: dict[str, list[int]] = {}
    with db.registered(con, "_tmpl_ids", pa.table({"shingle": pa.array(ids, pa.int32())})), \
            db.registered(con, "_tmpl_outlets", pa.table({"outlet": pa.array(outlets, pa.string())})):
        for o, sh in db.run(
            con,
            "SELECT d.outlet, d.shingle FROM shingle_days d "
            "WHERE d.shingle IN (SELECT shingle FROM _tmpl_ids) AND d.outlet IN (SELECT outlet FROM _tmpl_outlets) "
            f"GROUP BY 1, 2 HAVING count(DISTINCT d.day) >= {int(ST.TEMPLATE_DAYS)}",
        ):
            out.setdefault(o, []).append(sh)
    return {o: np.array(sorted(v), dtype=np.uint32) for o, v in out.items()}


def _isin(ids: Any, template: Any) -> Any:
    import numpy as np

    if template is None or not len(template):
        return np.zeros(len(ids), dtype=bool)
    return np.isin(ids, template, assume_unique=False)


def _day(p: tuple[Any, Any] | None) -> Any:
    """The publication day when it is one day (shingle_days records only those), else None."""
    return p[0] if p is not None and p[0] is not None and p[0] == p[1] else None


def _printed_days(con: db.Con, outlet: str, ids: Any) -> dict[int, frozenset[Any]]:
    """On which days this outlet printed each of these shingle ids (from shingle_days)."""
    import numpy as np

    uniq = np.unique(np.asarray(ids, dtype=np.uint32) & ST.ID_MASK).astype(np.int32)
    tbl = pa.table({"shingle": pa.array(uniq, pa.int32())})
    with db.registered(con, "_fu_ids", tbl):
        rows = db.run(con, "SELECT shingle, list(DISTINCT day) FROM shingle_days "
                           "WHERE outlet = ? AND shingle IN (SELECT shingle FROM _fu_ids) GROUP BY 1", [outlet])
    return {int(sh): frozenset(days) for sh, days in rows}


def _recurring(keys: Any, printed: dict[int, frozenset[Any]], own_days: set[Any]) -> Any:
    """Per slot, whether the outlet also printed the slot's shingle on a day other than ``own_days``."""
    import numpy as np

    return np.fromiter((bool(printed.get(int(k) & ST.ID_MASK, frozenset()) - own_days) for k in keys),
                       dtype=bool, count=len(keys))


def assign_stories(con: db.Con, todo: list[Article], sig_of: dict[str, Any]) -> int:
    """Give every new article a story: the story whose core it is linked to, else a story of its own.

    Text similarity is the estimated Jaccard of 5-word shingles without template shingles (those
    either article's outlet printed on ST.TEMPLATE_DAYS or more distinct days: boilerplate, daily
    report templates), and two reports of different days whose differing shingles are mostly
    numbers (>= ST.NUMBERS: a daily price or rate series) are not linked by text below ST.DUP;
    two of one outlet on different days are compared without the shingles the outlet also printed on
    a third day (a case's background it reprints under every article on it; see follow_up_sim).
    Two reports of different days whose leads are one sentence with only the day changed
    (ST.same_lead_other_day: a daily forecast's editions) are not linked below ST.DUP.
    Links: the same raw text (a reprint) or nearly (ST.DUP, whatever the publication dates say:
    metadata dates are sometimes wrong); estimated Jaccard of 5-word shingles >= ST.THRESHOLD
    published within TEXT_DAYS; >= ST.LOW with the same headline words (ST.TITLE_MIN) within
    TITLE_DAYS, unless the two headlines say they are about different days ("... Hari Ini" of two
    days, "Rabu 11 September" and "Kamis 19 September": a recurring item's editions, see
    ST.title_day) or, published the same day, neither body has a quarter of the other's lead words
    (ST.lead_told: two items on one case share its background, not their news); or the same main
    event (type, dyad, date) within STORY_WINDOW_DAYS: the first news event of both, or of one and
    among the other's lead events with some text (ST.EVENT_MIN) or headline words in common.
    Links do not chain: an article joins a story only when it is linked to the story's seed (its first
    article) or to two of its members, and is published within STORY_SPAN_DAYS of the seed (or
    is a near copy of a member).
    Stories are never merged afterwards.  Returns how many new articles joined a story.
    """
    order = sorted(todo, key=lambda a: (a.pub[0] if a.pub else dt.date.max, a.id))
    new_ids = [a.id for a in order]
    with db.registered(con, "_story_new", db.id_table(new_ids)):
        links: dict[str, dict[str, float]] = {i: {} for i in new_ids}

        def link(a: str, b: str, w: float, rule: str = "") -> None:
            if TRACE is not None:
                TRACE.append((a, b, rule, w))
            for x, y in ((a, b), (b, a)):
                if x in links:
                    links[x][y] = max(links[x].get(y, 0.0), w)

        cand = db.run(
            con,
            "SELECT DISTINCT n.article_id, o.article_id FROM lsh_bands n "
            "JOIN lsh_bands o ON n.band = o.band AND n.bucket = o.bucket AND n.article_id <> o.article_id "
            "WHERE n.article_id IN (SELECT id FROM _story_new)",
        )
        events = db.run(
            con,
            f"""SELECT n.article_id, o.article_id, bool_or(n.rank = 0 AND o.rank = 0 AND (n.dated OR o.dated)) FROM story_keys n
            JOIN story_keys o ON n.type = o.type AND n.c_lo = o.c_lo AND n.c_hi = o.c_hi
                 AND n.article_id <> o.article_id AND (n.rank = 0 OR o.rank = 0)
                 AND n.date_start - INTERVAL {EVENT_SLACK_DAYS} DAY <= o.date_end
                 AND o.date_start - INTERVAL {EVENT_SLACK_DAYS} DAY <= n.date_end
            JOIN articles na ON na.id = n.article_id
            JOIN articles oa ON oa.id = o.article_id
            WHERE n.article_id IN (SELECT id FROM _story_new)
              AND na.pub_start - INTERVAL {STORY_WINDOW_DAYS} DAY <= oa.pub_end
              AND oa.pub_start - INTERVAL {STORY_WINDOW_DAYS} DAY <= na.pub_end
            GROUP BY 1, 2""",
        )
        reprints = db.run(
            con,
            "SELECT n.id, o.id FROM articles n JOIN articles o ON n.hash = o.hash AND n.id <> o.id "
            "WHERE n.id IN (SELECT id FROM _story_new) "
            "AND n.id IN (SELECT article_id FROM signatures) AND o.id IN (SELECT article_id FROM signatures)",
        )
        others = sorted({r[1] for r in cand + events + reprints} - set(new_ids))
        info: dict[str, dict[str, Any]] = {}
        if others:
            with db.registered(con, "_story_old", db.id_table(others)):
                for r in db.rows(
                    con,
                    "SELECT a.id, a.story, a.pub_start, a.pub_end, a.title, a.outlet, s.sig, s.keys FROM articles a "
                    "LEFT JOIN signatures s ON s.article_id = a.id WHERE a.id IN (SELECT id FROM _story_old)",
                ):
                    info[r["id"]] = r
        for a in order:
            info[a.id] = {"id": a.id, "story": None, "pub_start": a.pub[0] if a.pub else None,
                          "pub_end": a.pub[1] if a.pub else None, "title": a.row.get("title"),
                          "outlet": a.row.get("outlet"), "sig": None, "keys": None}
        sketch_of = {a.id: a.sketch for a in order if a.sketch is not None}

        def sig(x: str) -> Any:
            if x in sig_of:
                return sig_of[x]
            raw = info.get(x, {}).get("sig")
            return ST.sig_from_bytes(raw) if raw is not None else None

        def keys(x: str) -> Any:
            if x in sketch_of:
                return sketch_of[x].keys
            raw = info.get(x, {}).get("keys")
            return ST.keys_from_bytes(raw) if raw is not None else None

        outlet = {x: r.get("outlet") or "" for x, r in info.items()}
        template = _templates(con, [keys(x) for x in {x for r in cand + events for x in r[:2]}],
                              sorted(set(outlet.values())))
        masks: dict[tuple[str, str], Any] = {}

        def tmask(x: str, o: str) -> Any:
            if (x, o) not in masks:
                k = keys(x)
                t = template.get(o)
                masks[x, o] = None if k is None else _isin(k & ST.ID_MASK, t)
            return masks[x, o]

        sims: dict[tuple[str, str], tuple[float, float, float]] = {}

        def sim(a: str, b: str) -> tuple[float, float, float]:
            """(Jaccard, Jaccard without either outlet's boilerplate, share of numbers in what differs)."""
            if (a, b) not in sims:
                sa, sb = sig(a), sig(b)
                if sa is None or sb is None:
                    sims[a, b] = (0.0, 0.0, 0.0)
                else:
                    oa, ob = outlet.get(a, ""), outlet.get(b, "")
                    ta, tb = tmask(a, oa), tmask(b, ob)
                    if oa != ob and ta is not None and tb is not None:
                        ta, tb = ta | tmask(a, ob), tb | tmask(b, oa)
                    sims[a, b] = ST.compare(sa, sb, keys(a), keys(b), ta, tb)
                sims[b, a] = sims[a, b]
            return sims[a, b]

        def pub(x: str) -> tuple[Any, Any] | None:
            r = info.get(x)
            return (r["pub_start"], r["pub_end"]) if r and r["pub_start"] is not None else None

        titles: dict[str, frozenset[str]] = {}

        def tw(x: str) -> frozenset[str]:
            if x not in titles:
                titles[x] = ST.title_words(info.get(x, {}).get("title"))
            return titles[x]

        printed: dict[str, dict[int, frozenset[Any]]] = {}

        def follow_up_sim(a: str, b: str) -> float:
            """Jaccard of a same-outlet pair of different days without what the outlet also printed on a third day.

            An outlet reprints a case's background under every article on it (two summonses of one bribery
            case share their background paragraphs); shingles it printed on another day than these two
            articles' are that recurring text, not the news the two have in common.
            """
            import numpy as np

            da, db_ = _day(pub(a)), _day(pub(b))
            sa, sb, ka, kb = sig(a), sig(b), keys(a), keys(b)
            o = outlet[a]
            if da is None or db_ is None or sa is None or sb is None or ka is None or kb is None:
                return sim(a, b)[1]
            if o not in printed:
                ids = [keys(x) for x in follow_ids if outlet.get(x) == o and keys(x) is not None]
                printed[o] = _printed_days(con, o, np.concatenate(ids))
            own = {da, db_}
            ta = tmask(a, o) | _recurring(ka, printed[o], own)
            tb = tmask(b, o) | _recurring(kb, printed[o], own)
            return ST.compare(sa, sb, ka, kb, ta, tb)[1]

        body_of = {a.id: a.body for a in order}
        leads: dict[tuple[str, int], list[str]] = {}

        def body(x: str) -> str | None:
            if x not in body_of:
                got = db.run(con, "SELECT body FROM articles WHERE id = ?", [x])
                body_of[x] = got[0][0] if got else None
            return body_of[x]

        words_of: dict[str, frozenset[str]] = {}

        def words(x: str) -> frozenset[str]:  # each body's words once, however many pairs it is in
            if x not in words_of:
                words_of[x] = ST.body_words(body(x))
            return words_of[x]

        def lead(x: str, n: int = ST.LEAD_WORDS) -> list[str]:
            if (x, n) not in leads:
                leads[x, n] = ST.lead_words(body(x), n)
            return leads[x, n]

        headline_days: dict[str, tuple[Any, Any] | None] = {}

        def title_day(x: str) -> tuple[Any, Any] | None:
            if x not in headline_days:
                headline_days[x] = ST.title_day(info.get(x, {}).get("title"), _day(pub(x)))
            return headline_days[x]

        same_outlet = {(a, b) for a, b in cand if outlet.get(a) and outlet.get(a) == outlet.get(b)}
        follow_ids = {x for a, b in same_outlet for x in (a, b) if _days(pub(a), pub(b))}
        for a, b in cand:
            _, j, nums = sim(a, b)  # similarity on what the outlets do not print every day
            if j < ST.LOW:
                continue
            d = _days(pub(a), pub(b))
            if d is not None and d >= 1 and nums >= ST.NUMBERS and j < ST.DUP:
                continue  # reports of different days that differ in their numbers: a daily series, not one story
            if j < ST.DUP and d is not None and d >= 1 and (a, b) in same_outlet:
                j = follow_up_sim(a, b)
            if j < ST.DUP and d is not None and d >= 1 and ST.same_lead_other_day(lead(a), lead(b)):
                if TRACE is not None:
                    TRACE.append((a, b, "edition", j))
                continue  # one report's template filled for two days: a daily forecast's editions
            if j >= ST.DUP or (j >= ST.THRESHOLD and _within(d, TEXT_DAYS)):
                link(a, b, j, "dup" if j >= ST.DUP else "text")
            elif d is not None and d <= TITLE_DAYS and j >= ST.LOW and ST.overlap(tw(a), tw(b)) >= ST.TITLE_MIN:
                if not overlaps_or_unknown(title_day(a), title_day(b)):
                    # "Pesan Malaikat Hari Ini" of the 16th and of the 17th: a recurring item's two editions,
                    # whose shared headline words are the item's name, not one piece of news
                    if TRACE is not None:
                        TRACE.append((a, b, "other-day headline", j))
                    continue
                if d == 0 and max(ST.lead_told(lead(a, ST.TOLD_WORDS), words(b)),
                                  ST.lead_told(lead(b, ST.TOLD_WORDS), words(a))) < ST.LEAD_TOLD:
                    # two items of one day on one case, sharing its background, not one piece of news
                    if TRACE is not None:
                        TRACE.append((a, b, "lead not told", j))
                    continue
                link(a, b, j, "title")
        for a, b in reprints:
            link(a, b, 1.0, "reprint")
        ents: dict[str, set[str]] = {a.id: {x["key"] for x in a.actors if x.get("key") and x.get("kind") in ENTITY_KINDS}
                                     for a in order}
        ev_others = sorted({r[1] for r in events} - set(new_ids))
        if ev_others:
            with db.registered(con, "_story_ev", db.id_table(ev_others)):
                for aid, key in db.run(
                    con,
                    f"SELECT article_id, key FROM actors WHERE article_id IN (SELECT id FROM _story_ev) "
                    f"AND key IS NOT NULL AND kind IN ({', '.join(repr(k) for k in ENTITY_KINDS)})",
                ):
                    ents.setdefault(aid, set()).add(key)
        for a, b, both_main in events:
            # the main event of both, or of one with some text or headline words in common, and a person or
            # organisation in common: a dyad alone is a beat (the trade war), not one piece of news
            if not ents.get(a, set()) & ents.get(b, set()):
                continue
            _, j, _ = sim(a, b)
            if both_main or j >= ST.EVENT_MIN or ST.overlap(tw(a), tw(b)) >= ST.TITLE_MIN:
                link(a, b, max(j, 0.5), "event")

        story_of: dict[str, int] = {x: int(r["story"]) for x, r in info.items() if r.get("story") is not None}
        stories_seen = sorted(set(story_of.values()))
        seeds: dict[int, tuple[str, tuple[Any, Any] | None]] = {}
        if stories_seen:
            with db.registered(con, "_story_ids", pa.table({"story": pa.array(stories_seen, pa.int64())})):
                for st, seed, p0, p1 in db.run(
                    con,
                    "SELECT story, seed, pub_start, pub_end FROM story_seeds "
                    "WHERE story IN (SELECT story FROM _story_ids)",
                ):
                    seeds[int(st)] = (seed, (p0, p1) if p0 is not None else None)
        (next_story,) = db.run(
            con, "SELECT greatest((SELECT coalesce(max(story), 0) FROM articles), "
                 "(SELECT coalesce(max(story), 0) FROM story_seeds)) + 1"
        )[0]
        assign: list[tuple[str, int]] = []
        new_seeds: list[tuple[int, str, Any, Any]] = []
        joins = 0
        for a in order:
            per_story: dict[int, list[tuple[str, float]]] = {}
            for o, w in links[a.id].items():
                st = story_of.get(o)
                if st is not None:
                    per_story.setdefault(st, []).append((o, w))
            best: tuple[int, float, int] | None = None
            for st, members in per_story.items():
                seed, seed_pub = seeds.get(st, (None, None))
                core = any(o == seed for o, _ in members) or len(members) >= 2
                dup = any(w >= ST.DUP for _, w in members)  # a copy of a member: its stated date may be wrong
                if not (core or dup) or not (dup or _within(_days(pub(a.id), seed_pub), STORY_SPAN_DAYS)):
                    continue
                key = (len(members), max(w for _, w in members), -st)
                if best is None or key > best:
                    best = key
            if best is not None:
                target = -best[2]
                joins += 1
            else:
                target = int(next_story)
                next_story += 1
                p = pub(a.id)
                seeds[target] = (a.id, p)
                new_seeds.append((target, a.id, p[0] if p else None, p[1] if p else None))
            story_of[a.id] = target
            assign.append((a.id, target))
        if assign:
            tbl = pa.table({"id": pa.array([x for x, _ in assign], pa.string()),
                            "story": pa.array([t for _, t in assign], pa.int64())})
            with db.registered(con, "_story_assign", tbl):
                db.run(con, "UPDATE articles SET story = t.story FROM _story_assign t WHERE articles.id = t.id")
        if new_seeds:
            tbl = pa.table({"story": pa.array([x[0] for x in new_seeds], pa.int64()),
                            "seed": pa.array([x[1] for x in new_seeds], pa.string()),
                            "pub_start": pa.array([x[2] for x in new_seeds], pa.date32()),
                            "pub_end": pa.array([x[3] for x in new_seeds], pa.date32())})
            with db.registered(con, "_story_seeds", tbl):
                db.run(con, "INSERT INTO story_seeds SELECT * FROM _story_seeds")
        return joins


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
