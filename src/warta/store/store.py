"""The DuckDB store: ingest article records, group stories, merge events, query.

One transaction per batch: a crash (even ``kill -9``) leaves every committed batch
intact and the interrupted one absent; re-ingesting completes the rest, because
ingest is keyed on article id and content hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warta.events.lexicon import get_lexicon
from warta.store import schema as S
from warta.store import stories as ST
from warta.store.intervals import Interval, interval, overlaps, width

NEWS_BEFORE = dt.timedelta(days=3)  # an event dated this long before publication is still the news
NEWS_AFTER = dt.timedelta(days=1)
NEWS_AFTER_FUTURE = dt.timedelta(days=31)  # a planned event is news when announced
STORY_WINDOW_DAYS = 3  # same-main-event articles published this close are one story
LEAD_EVENTS = 2  # an article's main event may be among the other's first two news evidence spans
EVENT_SLACK_DAYS = 1  # two outlets may resolve a weekday a day apart


def content_hash(text: str) -> str:
    """The hash ``Store.known`` reports: sha1 of the raw text, UTF-8."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class IngestStats:
    read: int = 0  # items handed to ingest
    new: int = 0  # articles stored for the first time
    replaced: int = 0  # known ids whose content changed: their rows were replaced
    unchanged: int = 0  # known ids with the same content hash: nothing done
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id or position, reason)
    duplicates: int = 0  # an id seen again in the same batch: the later one is used
    events: int = 0
    quotes: int = 0
    actors: int = 0
    merged_new: int = 0  # merged events created
    story_joins: int = 0  # stored articles that joined a story with another article
    batches: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        d = self.__dict__.copy()
        d["skipped"] = len(self.skipped)
        return d

    def summary(self) -> str:
        return (
            f"{self.read} read, {self.new} new, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped; {self.events} events ({self.merged_new} new merged), "
            f"{self.quotes} quotes; {self.batches} batches in {self.seconds:.1f}s"
        )


@dataclass
class _Article:
    id: str
    hash: str
    row: dict[str, Any]
    body: str
    actors: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    pub: Interval | None


class BadRecord(ValueError):
    pass


def _s(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def _party(v: Any, what: str) -> dict[str, Any]:
    if v is None:
        return {}
    if isinstance(v, str):
        return {"name": v}
    if not isinstance(v, dict):
        raise BadRecord(f"{what} is not an object")
    return v


def _country(v: Any) -> str | None:
    s = _s(v)
    return s.strip().upper() or None if s else None


def _span(v: Any) -> tuple[int | None, int | None]:
    if isinstance(v, (list, tuple)) and len(v) >= 2 and all(isinstance(x, int) for x in v[:2]):
        return int(v[0]), int(v[1])
    return None, None


def _list(rec: dict[str, Any], key: str) -> list[Any]:
    v = rec.get(key)
    if v is None:
        return []
    if not isinstance(v, list):
        raise BadRecord(f"{key} is not a list")
    return v


def _date_str(iv: Interval) -> str:
    a, b = iv
    if a == b:
        return a.isoformat()
    if a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.year == b.year and a.month == b.month:
        return a.strftime("%Y-%m")
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    return f"{a.isoformat()}..{b.isoformat()}"


def normalize(item: Any, now: dt.datetime | None = None) -> _Article:
    """A Document or an article record (dict) as the rows it will be stored as; BadRecord when unusable."""
    text: str | None
    if isinstance(item, dict):
        rec = item
        text = rec.get("text") if isinstance(rec.get("text"), str) else None
        body = rec.get("body_text") if isinstance(rec.get("body_text"), str) else None
        if body is None and text is not None:
            spans = rec.get("body")
            if isinstance(spans, list) and spans and all(isinstance(p, (list, tuple)) and len(p) >= 2 for p in spans):
                body = "\n\n".join(text[int(p[0]) : int(p[1])] for p in spans)
            else:
                body = text
        h = _s(rec.get("hash"))
        if h is None:
            if text is not None:
                h = content_hash(text)
            else:
                h = content_hash(json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str))
        record = rec
    elif hasattr(item, "to_record") and hasattr(item, "text"):
        text = item.text
        if not isinstance(text, str):
            raise BadRecord("document text is not a string")
        record = item.to_record()
        body = item.body_text() if getattr(item, "paragraphs", None) else text
        h = content_hash(text)
    else:
        raise BadRecord(f"not an article: {type(item).__name__}")

    aid = record.get("id")
    if isinstance(aid, int) and not isinstance(aid, bool):
        aid = str(aid)
    if not isinstance(aid, str) or not aid.strip():
        raise BadRecord("no id")
    if text is not None and not text.strip():
        raise BadRecord("empty text")
    body = body or ""

    published = _s(record.get("published"))
    pub = interval(published)
    wire = record.get("wire")
    wire = [str(w) for w in wire] if isinstance(wire, list) else ([str(wire)] if wire else [])

    actors: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for i, a in enumerate(_list(record, "actors")):
        if not isinstance(a, dict):
            raise BadRecord("actor is not an object")
        m = a.get("mentions")
        n: int | None
        if isinstance(m, list):
            n = len(m)
            for sp in m:
                s0, s1 = _span(sp)
                if s0 is not None:
                    mentions.append({"article_id": aid, "actor_idx": i, "span_start": s0, "span_end": s1})
        elif isinstance(m, int) and not isinstance(m, bool):
            n = m
        else:
            n = None
        actors.append(
            {
                "article_id": aid,
                "idx": i,
                "name": _s(a.get("name")),
                "country": _country(a.get("country")),
                "kind": _s(a.get("kind")),
                "role": _s(a.get("role")),
                "sector": _s(a.get("sector")),
                "mentions": n,
            }
        )

    events: list[dict[str, Any]] = []
    for i, e in enumerate(_list(record, "events")):
        if not isinstance(e, dict) or not isinstance(e.get("type"), str) or not e["type"].strip():
            raise BadRecord("event without a type")
        typ = e["type"].strip().upper()
        act, rcp = _party(e.get("actor"), "actor"), _party(e.get("recipient"), "recipient")
        ac, rc = _country(act.get("country")), _country(rcp.get("country"))
        iv = interval(e.get("date"))
        q, sc = get_lexicon().quad.get(typ, (None, None))  # PLOVER quad and base score (EVENTS.md §3)
        score = e.get("score")
        s0, s1 = _span(e.get("span"))
        lo, hi = sorted((ac or "", rc or ""))
        events.append(
            {
                "article_id": aid,
                "idx": i,
                "type": typ,
                "mode": _s(e.get("mode")),
                "aux": _s(e.get("aux")) or None,
                "mutual": bool(e.get("mutual")),
                "date": _s(e.get("date")),
                "date_start": iv[0] if iv else None,
                "date_end": iv[1] if iv else None,
                "actor_name": _s(act.get("name")),
                "actor_country": ac,
                "actor_sector": _s(act.get("sector")),
                "recipient_name": _s(rcp.get("name")),
                "recipient_country": rc,
                "recipient_sector": _s(rcp.get("sector")),
                "c_lo": lo,
                "c_hi": hi,
                "quad": _s(e.get("quad")) or q,
                "score": float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else sc,
                "cue": _s(e.get("cue")),
                "text": _s(e.get("text")),
                "span_start": s0,
                "span_end": s1,
                "merged_id": None,
            }
        )

    quotes: list[dict[str, Any]] = []
    for i, qd in enumerate(_list(record, "quotes")):
        if not isinstance(qd, dict):
            raise BadRecord("quote is not an object")
        sp, ad = _party(qd.get("speaker"), "speaker"), _party(qd.get("addressee"), "addressee")
        s0, s1 = _span(qd.get("span"))
        quotes.append(
            {
                "article_id": aid,
                "idx": i,
                "speaker_name": _s(sp.get("name")),
                "speaker_country": _country(sp.get("country")),
                "addressee_name": _s(ad.get("name")),
                "addressee_country": _country(ad.get("country")),
                "text": _s(qd.get("text")),
                "cue": _s(qd.get("cue")),
                "span_start": s0,
                "span_end": s1,
            }
        )

    row = {
        "id": aid,
        "hash": h,
        "url": _s(record.get("url")),
        "published": published,
        "pub_start": pub[0] if pub else None,
        "pub_end": pub[1] if pub else None,
        "outlet": _s(record.get("outlet")),
        "title": _s(record.get("title")),
        "language": _s(record.get("language")),
        "dateline": _s(record.get("dateline")),
        "wire": wire,
        "author": _s(record.get("author")),
        "editor": _s(record.get("editor")),
        "story": None,
        "body": body,
        "record": json.dumps(record, ensure_ascii=False, default=str),
        "n_events": len(events),
        "n_quotes": len(quotes),
        "ingested_at": now or dt.datetime.now(),
    }
    return _Article(aid, h, row, body, actors, mentions, events, quotes, pub)


def story_keys(a: _Article) -> list[dict[str, Any]]:
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


def _table(rows: list[dict[str, Any]], sch: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=sch)


def _batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in items:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _matches(col: str, value: str, country_col: str) -> tuple[str, list[Any]]:
    """SQL matching an actor given as a country code or (part of) a name."""
    return f"(upper({country_col}) = upper(?) OR {col} ILIKE ?)", [value, f"%{value}%"]


class Store:
    """An event store in one DuckDB file.  ``with Store(path) as st: ...``"""

    def __init__(self, path: str | Path = "warta.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self._x(S.DDL)
            self._x("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [str(S.SCHEMA_VERSION)])

    # ---- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _unreg(self, name: str) -> None:
        try:
            self.con.unregister(name)
        except duckdb.Error:
            pass  # an aborted transaction refuses it; the view goes with the rollback or the connection

    def _x(self, sql: str, params: Sequence[Any] | None = None) -> list[Any]:
        """Run a statement to completion (DuckDB wants every result consumed before the next call)."""
        return self.con.execute(sql, params or []).fetchall()

    def _rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in {
            "articles",
            "actors",
            "mentions",
            "events",
            "merged_events",
            "quotes",
            "signatures",
            "lsh_bands",
            "story_keys",
            "stories",
        }:
            raise ValueError(f"no table {table}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])  # type: ignore[index]

    # ---- idempotency -----------------------------------------------------
    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored content hash per id, for those of ``ids`` already stored."""
        idl = list(dict.fromkeys(str(i) for i in ids))
        if not idl:
            return {}
        tbl = pa.table({"id": pa.array(idl, pa.string())})
        self.con.register("_known_ids", tbl)
        try:
            rows = self.con.execute("SELECT a.id, a.hash FROM articles a JOIN _known_ids k ON a.id = k.id").fetchall()
        finally:
            self._unreg("_known_ids")
        return {r[0]: r[1] for r in rows}

    # ---- ingest ------------------------------------------------------------
    def ingest(
        self,
        docs_or_records: Iterable[Any],
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> IngestStats:
        """Store Documents or article records, one transaction per batch.

        Same id and hash: skipped. Same id, new hash: the article's rows are replaced.
        Unusable items are counted in ``stats.skipped`` and never touch stored rows.
        ``progress`` is called after each batch with the number of items it consumed.
        """
        if self.read_only:
            raise RuntimeError("store opened read-only")
        stats = IngestStats()
        t0 = time.perf_counter()
        for batch in _batched(docs_or_records, max(1, batch_size)):
            self._ingest_batch(batch, stats)
            if progress is not None:
                progress(len(batch))
        stats.seconds = time.perf_counter() - t0
        return stats

    def _ingest_batch(self, batch: list[Any], stats: IngestStats) -> None:
        stats.read += len(batch)
        now = dt.datetime.now()
        arts: dict[str, _Article] = {}
        for pos, item in enumerate(batch):
            try:
                a = normalize(item, now)
            except BadRecord as exc:
                ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
                stats.skipped.append(
                    (str(ident) if ident is not None else f"#{stats.read - len(batch) + pos}", str(exc))
                )
                continue
            except Exception as exc:  # noqa: BLE001 - any malformed input is a skip, never a lost batch
                stats.skipped.append((f"#{stats.read - len(batch) + pos}", f"{type(exc).__name__}: {exc}"))
                continue
            if a.id in arts:
                stats.duplicates += 1
                del arts[a.id]
            arts[a.id] = a  # the last one of an id in a batch wins
        if not arts:
            return
        known = self.known(arts)
        todo = [a for a in arts.values() if known.get(a.id) != a.hash]
        stats.unchanged += len(arts) - len(todo)
        if not todo:
            return
        replaced = [a.id for a in todo if a.id in known]

        # heavy Python work outside the transaction
        sigs: list[dict[str, Any]] = []
        bands: list[dict[str, Any]] = []
        sig_of: dict[str, Any] = {}
        for a in todo:
            sig = ST.signature(a.body)
            if sig is None:
                continue
            sig_of[a.id] = sig
            sigs.append({"article_id": a.id, "sig": ST.sig_to_bytes(sig)})
            bands.extend({"article_id": a.id, "band": b, "bucket": k} for b, k in enumerate(ST.band_keys(sig)))
        keys = [k for a in todo for k in story_keys(a)]

        con = self.con
        con.begin()
        try:
            affected: set[int] = set()
            if replaced:
                affected = self._delete(replaced)
            self._insert("articles", [a.row for a in todo], S.ARTICLES)
            self._insert("actors", [r for a in todo for r in a.actors], S.ACTORS)
            self._insert("mentions", [r for a in todo for r in a.mentions], S.MENTIONS)
            self._insert("events", [r for a in todo for r in a.events], S.EVENTS)
            self._insert("quotes", [r for a in todo for r in a.quotes], S.QUOTES)
            self._insert("signatures", sigs, S.SIGNATURES)
            self._insert("lsh_bands", bands, S.BANDS)
            self._insert("story_keys", keys, S.STORY_KEYS)
            stats.story_joins += self._assign_stories(todo, sig_of)
            stats.merged_new += self._merge_events(todo, affected)
            con.commit()
        except BaseException:
            con.rollback()
            raise
        stats.batches += 1
        stats.new += len(todo) - len(replaced)
        stats.replaced += len(replaced)
        stats.events += sum(len(a.events) for a in todo)
        stats.quotes += sum(len(a.quotes) for a in todo)
        stats.actors += sum(len(a.actors) for a in todo)

    def _insert(self, table: str, rows: list[dict[str, Any]], sch: pa.Schema) -> None:
        if not rows:
            return
        name = f"_new_{table}"
        self.con.register(name, _table(rows, sch))
        try:
            self._x(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            self._unreg(name)

    def _delete(self, ids: list[str]) -> set[int]:
        """Remove the rows of these articles; return the merged events they fed."""
        con = self.con
        con.register("_del_ids", pa.table({"id": pa.array(ids, pa.string())}))
        try:
            aff = {
                int(r[0])
                for r in con.execute(
                    "SELECT DISTINCT merged_id FROM events WHERE merged_id IS NOT NULL "
                    "AND article_id IN (SELECT id FROM _del_ids)"
                ).fetchall()
            }
            for t in ("actors", "mentions", "events", "quotes", "signatures", "lsh_bands", "story_keys"):
                self._x(f"DELETE FROM {t} WHERE article_id IN (SELECT id FROM _del_ids)")
            self._x("DELETE FROM articles WHERE id IN (SELECT id FROM _del_ids)")
        finally:
            self._unreg("_del_ids")
        return aff

    # ---- stories -------------------------------------------------------------
    def _assign_stories(self, todo: list[_Article], sig_of: dict[str, Any]) -> int:
        con = self.con
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
                    self._unreg("_sig_need")
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
                    self._unreg("_story_old")
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
                    self._x("UPDATE articles SET story = t.story FROM _story_assign t WHERE articles.id = t.id")
                finally:
                    self._unreg("_story_assign")
            for old, target in merges:
                self._x("UPDATE articles SET story = ? WHERE story = ?", [target, old])
            return joins
        finally:
            self._unreg("_story_new")

    # ---- event merge -----------------------------------------------------------
    def _merge_events(self, todo: list[_Article], affected: set[int]) -> int:
        con = self.con
        evs = [e for a in sorted(todo, key=lambda a: (a.pub[0] if a.pub else dt.date.max, a.id)) for e in a.events]
        if not evs:
            self._refresh_merged(affected)
            return 0
        # a one-sided or domestic dyad ("IDN requests", "police arrest") is too weak a key across
        # articles: such events merge only within their story
        con.register("_merge_arts", pa.table({"id": pa.array([a.id for a in todo], pa.string())}))
        try:
            story_of = dict(
                con.execute("SELECT id, story FROM articles WHERE id IN (SELECT id FROM _merge_arts)").fetchall()
            )
        finally:
            self._unreg("_merge_arts")
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
                for m in self._rows(
                    "SELECT m.id, m.type, m.aux_key, m.c_lo, m.c_hi, m.actor_country, m.recipient_country, m.unordered, "
                    "m.date_start, m.date_end, m.scope FROM merged_events m JOIN _merge_keys k "
                    "ON m.type = k.type AND m.aux_key = k.aux_key AND m.c_lo = k.c_lo AND m.c_hi = k.c_hi "
                    "AND m.scope = k.scope "
                    "WHERE m.date_start IS NOT NULL"
                ):
                    m["changed"] = False
                    cands.setdefault((m["type"], m["aux_key"], m["c_lo"], m["c_hi"], m["scope"]), []).append(m)
            finally:
                self._unreg("_merge_keys")
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
                m["date"] = _date_str((m["date_start"], m["date_end"]))
        self._insert("merged_events", [{k: m[k] for k in S.MERGED.names} for m in created], S.MERGED)
        changed = [m for ms in cands.values() for m in ms if m["changed"] and not m.get("new")]
        if changed:
            con.register(
                "_merged_upd",
                pa.table(
                    {
                        "id": pa.array([m["id"] for m in changed], pa.int64()),
                        "date": pa.array([_date_str((m["date_start"], m["date_end"])) for m in changed], pa.string()),
                        "date_start": pa.array([m["date_start"] for m in changed], pa.date32()),
                        "date_end": pa.array([m["date_end"] for m in changed], pa.date32()),
                        "unordered": pa.array([m["unordered"] for m in changed], pa.bool_()),
                    }
                ),
            )
            try:
                self._x(
                    "UPDATE merged_events SET date = t.date, date_start = t.date_start, date_end = t.date_end, "
                    "unordered = t.unordered FROM _merged_upd t WHERE merged_events.id = t.id"
                )
            finally:
                self._unreg("_merged_upd")
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
            self._x(
                "UPDATE events SET merged_id = t.merged_id FROM _merge_assign t "
                "WHERE events.article_id = t.article_id AND events.idx = t.idx"
            )
        finally:
            self._unreg("_merge_assign")
        self._refresh_merged(affected)
        return len(created)

    def _refresh_merged(self, ids: set[int]) -> None:
        """Recompute sources, outlets and evidence of these merged events; drop those left without events."""
        if not ids:
            return
        con = self.con
        con.register("_merged_aff", pa.table({"id": pa.array(sorted(ids), pa.int64())}))
        try:
            self._x(
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
            self._x(
                "DELETE FROM merged_events WHERE id IN (SELECT id FROM _merged_aff) "
                "AND id NOT IN (SELECT merged_id FROM events WHERE merged_id IS NOT NULL)"
            )
        finally:
            self._unreg("_merged_aff")

    # ---- queries -----------------------------------------------------------------
    def events(
        self,
        actor: str | None = None,
        with_: str | None = None,
        type: str | None = None,  # noqa: A002 - the API's name
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        merged: bool = False,
    ) -> list[dict[str, Any]]:
        """Events, per article (or one per merged fact with ``merged=True``), newest first.

        ``actor`` and ``with_`` are a country code or part of a name: ``actor`` the side that acts,
        ``with_`` the other; either order for CONSULT and mutual events.
        """
        where: list[str] = []
        params: list[Any] = []
        if merged:
            a_name = r_name = None
            ac, rc = "actor_country", "recipient_country"
            unord = "unordered"
        else:
            a_name, r_name = "actor_name", "recipient_name"
            ac, rc = "e.actor_country", "e.recipient_country"
            unord = "(e.type = 'CONSULT' OR e.mutual)"

        def side(value: str, country: str, name: str | None) -> tuple[str, list[Any]]:
            if name is None:
                return f"upper({country}) = upper(?)", [value]
            return _matches(name, value, country)

        if actor or with_:
            fwd: list[str] = []
            rev: list[str] = []
            fp: list[Any] = []
            rp: list[Any] = []
            if actor:
                s1, p1 = side(actor, ac, a_name)
                s2, p2 = side(actor, rc, r_name)
                fwd.append(s1), fp.extend(p1)
                rev.append(s2), rp.extend(p2)
            if with_:
                s1, p1 = side(with_, rc, r_name)
                s2, p2 = side(with_, ac, a_name)
                fwd.append(s1), fp.extend(p1)
                rev.append(s2), rp.extend(p2)
            where.append(f"(({' AND '.join(fwd)}) OR ({unord} AND {' AND '.join(rev)}))")
            params += fp + rp
        if type:
            where.append("upper(type) = upper(?)" if merged else "upper(e.type) = upper(?)")
            params.append(type)
        ds = "date_start" if merged else "e.date_start"
        de = "date_end" if merged else "e.date_end"
        if since:
            iv = interval(since)
            if iv is None:
                raise ValueError(f"bad date: {since!r}")
            where.append(f"{de} >= ?")
            params.append(iv[0])
        if until:
            iv = interval(until)
            if iv is None:
                raise ValueError(f"bad date: {until!r}")
            where.append(f"{ds} <= ?")
            params.append(iv[1])
        w = ("WHERE " + " AND ".join(where)) if where else ""
        lim = f"LIMIT {int(limit)}" if limit is not None else ""
        if merged:
            sql = (
                "SELECT id, type, aux, date, actor_country, recipient_country, unordered, quad, score, "
                f"sources, outlets, evidence FROM merged_events {w} "
                f"ORDER BY date_start DESC NULLS LAST, id {lim}"
            )
        else:
            sql = (
                "SELECT e.article_id, e.idx, e.type, e.mode, e.aux, e.mutual, e.date, "
                "e.actor_name, e.actor_country, e.actor_sector, e.recipient_name, e.recipient_country, "
                "e.recipient_sector, e.quad, e.score, e.text, e.span_start, e.span_end, e.merged_id, "
                "m.sources, m.outlets, a.published, a.outlet, a.url, a.story "
                "FROM events e JOIN articles a ON a.id = e.article_id "
                f"LEFT JOIN merged_events m ON m.id = e.merged_id {w} "
                f"ORDER BY coalesce(e.date_start, a.pub_start) DESC NULLS LAST, e.article_id, e.idx {lim}"
            )
        return self._rows(sql, params)

    def timeline(self, a: str, b: str, by: str = "month", merged: bool = True) -> list[dict[str, Any]]:
        """Per period: events between countries ``a`` and ``b`` (either direction) per quad class, and score sum.

        Counts merged events (one per fact, however many outlets told it) unless ``merged=False``.
        Undated events are left out. Periods without events inside the range are filled with zeros.
        """
        if by not in ("day", "week", "month", "quarter", "year"):
            raise ValueError(f"by must be day, week, month, quarter or year, not {by!r}")
        lo, hi = sorted((a.strip().upper(), b.strip().upper()))
        table = "merged_events" if merged else "events"
        counts = ", ".join(f"count(*) FILTER (WHERE quad = '{q}')::INTEGER AS \"{q}\"" for q in S.QUADS)
        rows = self._rows(
            f"""SELECT date_trunc('{by}', date_start)::DATE AS period, {counts},
                       count(*)::INTEGER AS events, coalesce(sum(score), 0)::DOUBLE AS score
                FROM {table} WHERE c_lo = ? AND c_hi = ? AND date_start IS NOT NULL
                GROUP BY 1 ORDER BY 1""",
            [lo, hi],
        )
        if not rows:
            return []
        have = {r["period"]: r for r in rows}
        out: list[dict[str, Any]] = []
        p = rows[0]["period"]
        last = rows[-1]["period"]
        while p <= last:
            r = have.get(p) or {"period": p, **dict.fromkeys(S.QUADS, 0), "events": 0, "score": 0.0}
            out.append({**r, "period": _period_label(p, by)})
            p = _next_period(p, by)
        return out

    def actors(self, top: int = 20) -> list[dict[str, Any]]:
        """The most reported actors: articles naming them, mentions, and events they act in or receive."""
        return self._rows(
            """WITH a AS (
                   SELECT name, country, any_value(kind) AS kind, count(DISTINCT article_id)::INTEGER AS articles,
                          coalesce(sum(mentions), 0)::INTEGER AS mentions
                   FROM actors WHERE name IS NOT NULL GROUP BY name, country),
               e AS (
                   SELECT name, country, count(*)::INTEGER AS events FROM (
                       SELECT actor_name AS name, actor_country AS country FROM events
                       UNION ALL SELECT recipient_name, recipient_country FROM events)
                   WHERE name IS NOT NULL GROUP BY name, country)
               SELECT coalesce(a.name, e.name) AS name, coalesce(a.country, e.country) AS country, a.kind,
                      coalesce(a.articles, 0) AS articles, coalesce(a.mentions, 0) AS mentions,
                      coalesce(e.events, 0) AS events
               FROM a FULL JOIN e ON a.name = e.name AND a.country IS NOT DISTINCT FROM e.country
               ORDER BY articles DESC, events DESC, mentions DESC, name LIMIT ?""",
            [int(top)],
        )

    def quotes(self, speaker: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where, params = "", []
        if speaker:
            where = "WHERE q.speaker_name ILIKE ? OR upper(q.speaker_country) = upper(?)"
            params = [f"%{speaker}%", speaker]
        lim = f"LIMIT {int(limit)}" if limit is not None else ""
        return self._rows(
            "SELECT q.article_id, q.idx, q.speaker_name, q.speaker_country, q.addressee_name, q.addressee_country, "
            "q.text, q.span_start, q.span_end, a.published, a.outlet, a.url FROM quotes q "
            f"JOIN articles a ON a.id = q.article_id {where} "
            f"ORDER BY a.pub_start DESC NULLS LAST, q.article_id, q.idx {lim}",
            params,
        )

    def stories(self, min_articles: int = 1) -> list[dict[str, Any]]:
        """One dict per story: {story, articles, title, first_date, outlets}, biggest first."""
        return self._rows(
            "SELECT story, articles, title, first_date, coalesce(outlets, []) AS outlets FROM stories "
            "WHERE n_articles >= ? ORDER BY n_articles DESC, first_date NULLS LAST, story",
            [int(min_articles)],
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT record FROM articles WHERE id = ?", [article_id])
        return json.loads(rows[0]["record"]) if rows else None

    # ---- export ----------------------------------------------------------------------
    def export(self, path: str | Path, format: str = "csv") -> int:  # noqa: A002
        """Write every per-article event (csv, parquet) or PLOVER JSONL; return the number of rows."""
        path = str(path)
        base = (
            "SELECT e.article_id || '-' || e.idx AS id, e.article_id, e.type AS event, e.mode, e.aux, e.mutual, "
            "e.date, e.actor_name, e.actor_country, e.actor_sector, e.recipient_name, e.recipient_country, "
            "e.recipient_sector, e.quad, e.score, e.text, e.span_start, e.span_end, e.merged_id, "
            "m.sources, m.outlets AS merged_outlets, a.published, a.outlet, a.url, a.story "
            "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN merged_events m ON m.id = e.merged_id "
            "ORDER BY a.pub_start NULLS LAST, e.article_id, e.idx"
        )
        if format in ("csv", "parquet"):
            opts = "FORMAT csv, HEADER true" if format == "csv" else "FORMAT parquet"
            n = self.con.execute(f"COPY ({base}) TO '{_sql_str(path)}' ({opts})").fetchall()[0]
            return int(n[0]) if n else 0
        if format == "plover":
            cur = self.con.execute(base)
            cols = [d[0] for d in cur.description]
            n = 0
            with open(path, "w", encoding="utf-8") as fh:
                while chunk := cur.fetchmany(10_000):
                    for row in chunk:
                        r = dict(zip(cols, row, strict=True))
                        fh.write(json.dumps(plover(r), ensure_ascii=False) + "\n")
                        n += 1
            return n
        raise ValueError(f"format must be csv, parquet or plover, not {format!r}")


def plover(r: dict[str, Any]) -> dict[str, Any]:
    """A stored event row as a PLOVER JSON record."""

    def party(p: str) -> dict[str, Any] | None:
        if r.get(f"{p}_name") is None and r.get(f"{p}_country") is None:
            return None
        d = {"name": r.get(f"{p}_name"), "country": r.get(f"{p}_country")}
        if r.get(f"{p}_sector"):
            d["sector"] = r[f"{p}_sector"]
        return d

    return {
        "id": r["id"],
        "date": r["date"],
        "actor": party("actor"),
        "recipient": party("recipient"),
        "event": r["event"],
        "mode": r["mode"],
        "aux": r["aux"],
        "quad": r["quad"],
        "score": r["score"],
        "text": r["text"],
        "cite_info": {
            "url": r["url"],
            "outlet": r["outlet"],
            "article_id": r["article_id"],
            "published": r["published"],
        },
    }


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def _period_label(p: dt.date, by: str) -> str:
    if by == "month":
        return p.strftime("%Y-%m")
    if by == "year":
        return str(p.year)
    if by == "quarter":
        return f"{p.year}-Q{(p.month - 1) // 3 + 1}"
    return p.isoformat()


def _next_period(p: dt.date, by: str) -> dt.date:
    if by == "day":
        return p + dt.timedelta(days=1)
    if by == "week":
        return p + dt.timedelta(days=7)
    if by == "year":
        return dt.date(p.year + 1, 1, 1)
    step = 3 if by == "quarter" else 1
    m = p.month - 1 + step
    return dt.date(p.year + m // 12, m % 12 + 1, 1)
