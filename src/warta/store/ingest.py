"""Ingest: article records or Documents → the rows stored for them, and the write of one batch.

``normalize`` turns one item into its rows (a ``BadRecord`` when unusable).  ``write_batch``
stores a batch in one transaction: a crash (even ``kill -9``) leaves every committed batch
intact and the interrupted one absent; re-ingesting completes the rest, because ingest is
keyed on article id and content hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from warta.read.validate import clean_strings, plausible_published
from warta.store import db
from warta.store import schema as S
from warta.store import stories as ST
from warta.store.intervals import Interval, interval


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
class Article:
    id: str
    hash: str
    row: dict[str, Any]
    body: str
    actors: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    pub: Interval | None
    sig: Any = None  # MinHash signature of the body (None: too short to compare)
    sketch: Any = None  # its stories.Sketch (signature, slot shingles, shingle ids)
    sketched: bool = False  # sketch is known already (PRESKETCH): prepare does not compute it again


PRESKETCH = "_sketch"  # a record key: the stories.Sketch of its body_text, computed where it was extracted


class BadRecord(ValueError):
    pass


_NONE = object()


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


def _prob(v: Any) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and 0.0 <= float(v) <= 1.0:
        return float(v)
    return None


class _KeyOf:
    """The canonical actor key of an event side, quote speaker or actor entry.

    A ``key`` given wins; else the key of the article's actor with that name (and country);
    else the gazetteer's key for the name; else, for a side named only by a country, the code.
    """

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str | None], str] = {}
        self.by_bare: dict[str, str] = {}

    def add(self, a: dict[str, Any]) -> None:
        k, n = _s(a.get("key")), _s(a.get("name"))
        if k and n:
            self.by_name.setdefault((n.casefold(), _country(a.get("country"))), k)
            self.by_bare.setdefault(n.casefold(), k)

    def __call__(self, side: dict[str, Any]) -> str | None:
        if not side:
            return None
        k = _s(side.get("key"))
        if k:
            return k
        n, c = _s(side.get("name")), _country(side.get("country"))
        if n:
            f = n.casefold()
            hit = self.by_name.get((f, c)) or self.by_bare.get(f)
            if hit:
                return hit
            from warta.actors.gazetteer import lookup_name

            g = lookup_name(n)
            if g is not None and (c is None or g.get("country") in (None, c)):
                return str(g["key"])
            return None
        return c


def date_str(iv: Interval) -> str:
    a, b = iv
    if a == b:
        return a.isoformat()
    if a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.year == b.year and a.month == b.month:
        return a.strftime("%Y-%m")
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    return f"{a.isoformat()}..{b.isoformat()}"


def normalize(item: Any, now: dt.datetime | None = None) -> Article:
    """A Document or an article record (dict) as the rows it will be stored as; BadRecord when unusable."""
    text: str | None
    dumped: str | None = None  # the record as JSON, when it is known to be clean UTF-8
    pre: Any = _NONE
    if isinstance(item, dict) and PRESKETCH in item:  # (a worker's sketch of body_text: not part of the record)
        pre = item[PRESKETCH]
        item = {k: v for k, v in item.items() if k != PRESKETCH}
    if isinstance(item, dict):
        try:  # one C-speed pass proves most records clean; lone surrogates would fail the whole batch's Arrow
            dumped = json.dumps(item, ensure_ascii=False, default=str)
            dumped.encode("utf-8")
            rec = item
        except (UnicodeEncodeError, TypeError, ValueError):
            dumped = None
            rec, _ = clean_strings(item)
        text = rec.get("text") if isinstance(rec.get("text"), str) else None
        body = rec.get("body_text") if isinstance(rec.get("body_text"), str) else None
        if body is None or dumped is None:
            pre = _NONE  # the sketch was of another text than the body stored
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

    repair = record.get("repair") if isinstance(record.get("repair"), (dict, list)) else None
    if repair is None and not isinstance(item, dict):
        r = getattr(item, "repair", None) or getattr(item, "repairs", None)
        if isinstance(r, (dict, list)) and r:
            repair = r
        elif r is not None and hasattr(r, "to_record"):
            repair = r.to_record()
    aid = record.get("id")
    if isinstance(aid, int) and not isinstance(aid, bool):
        aid = str(aid)
    if not isinstance(aid, str) or not aid.strip():
        raise BadRecord("no id")
    if text is not None and not text.strip():
        raise BadRecord("empty text")
    body = body or ""

    published = _s(record.get("published"))
    if published is not None and plausible_published(published)[0] is None:
        published = None  # '9999-12', '0001-01', not a date: unknown (the reader warns about it)
    pub = interval(published)
    wire = record.get("wire")
    wire = [str(w) for w in wire] if isinstance(wire, list) else ([str(wire)] if wire else [])

    actors: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    keys = _KeyOf()
    for i, a in enumerate(_list(record, "actors")):
        if not isinstance(a, dict):
            raise BadRecord("actor is not an object")
        keys.add(a)
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
                "key": keys(a),
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
        from warta.events.lexicon import get_lexicon  # the event coder loads only when records are stored

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
                "actor_key": keys(act),
                "actor_name": _s(act.get("name")),
                "actor_country": ac,
                "actor_sector": _s(act.get("sector")),
                "recipient_key": keys(rcp),
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
                "date_from": _s(e.get("date_from")),  # not stored: story keys use it
                "confidence": _prob(e.get("confidence")),
                "model": _s(e.get("model")),
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
                "speaker_key": keys(sp),
                "speaker_name": _s(sp.get("name")),
                "speaker_country": _country(sp.get("country")),
                "addressee_key": keys(ad),
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
        "text": text,
        "repair": json.dumps(repair, ensure_ascii=False, default=str) if repair else None,
        "model": _s(record.get("model")),
        "record": dumped if dumped is not None and record is item else json.dumps(record, ensure_ascii=False, default=str),
        "n_events": len(events),
        "n_quotes": len(quotes),
        "ingested_at": now or dt.datetime.now(),
    }
    if pre is not _NONE:
        return Article(aid, h, row, body, actors, mentions, events, quotes, pub, sketch=pre, sketched=True)
    return Article(aid, h, row, body, actors, mentions, events, quotes, pub)


def batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in items:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf




def prepare(batch: list[Any], stats: IngestStats, offset: int = 0) -> dict[str, Article]:
    """Normalize a batch (no database needed): the last item of an id wins; unusable items are skipped."""
    now = dt.datetime.now()
    arts: dict[str, Article] = {}
    for pos, item in enumerate(batch):
        try:
            a = normalize(item, now)
        except BadRecord as exc:
            ident = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            stats.skipped.append((str(ident) if ident is not None else f"#{offset + pos}", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - any malformed input is a skip, never a lost batch
            stats.skipped.append((f"#{offset + pos}", f"{type(exc).__name__}: {exc}"))
            continue
        if a.id in arts:
            stats.duplicates += 1
            del arts[a.id]
        arts[a.id] = a
    for a in arts.values():
        if not a.sketched:
            a.sketch = ST.sketch(a.body)
        a.sig = a.sketch.sig if a.sketch is not None else None
    return arts


def known(con: db.Con, ids: Iterable[str]) -> dict[str, str]:
    """Stored content hash per id, for those of ``ids`` already stored."""
    idl = list(dict.fromkeys(str(i) for i in ids))
    if not idl:
        return {}
    with db.registered(con, "_known_ids", db.id_table(idl)):
        got = db.run(con, "SELECT a.id, a.hash FROM articles a JOIN _known_ids k ON a.id = k.id")
    return {r[0]: r[1] for r in got}


def all_known(con: db.Con) -> dict[str, str]:
    """Every stored id with its content hash (one read at the start of an ingest)."""
    return dict(db.run(con, "SELECT id, hash FROM articles"))


def write_batch(con: db.Con, arts: dict[str, Article], stats: IngestStats, force: bool = False) -> None:
    """Store the prepared articles whose content is new (every one with ``force``: a re-extraction by a
    newer model, `warta recode`), in one transaction."""
    from warta.store import grouping as G

    if not arts:
        return
    have = known(con, arts)
    todo = [a for a in arts.values() if force or have.get(a.id) != a.hash]
    stats.unchanged += len(arts) - len(todo)
    if not todo:
        return
    replaced = [a.id for a in todo if a.id in have]
    sigs: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    sig_of: dict[str, Any] = {}
    for a in todo:
        if a.sig is None:
            continue
        sig_of[a.id] = a.sig
        keys = ST.keys_to_bytes(a.sketch.keys) if a.sketch is not None else None
        sigs.append({"article_id": a.id, "sig": ST.sig_to_bytes(a.sig), "keys": keys})
        bands.extend({"article_id": a.id, "band": b, "bucket": k} for b, k in enumerate(ST.band_keys(a.sig)))
    keys = [k for a in todo for k in G.story_keys(a)]
    con.begin()
    try:
        affected: set[int] = set()
        if replaced:
            affected = delete(con, replaced)
        db.insert(con, "articles", [a.row for a in todo], S.ARTICLES)
        db.insert(con, "actors", [r for a in todo for r in a.actors], S.ACTORS)
        db.insert(con, "mentions", [r for a in todo for r in a.mentions], S.MENTIONS)
        db.insert(con, "events", [r for a in todo for r in a.events], S.EVENTS)
        db.insert(con, "quotes", [r for a in todo for r in a.quotes], S.QUOTES)
        db.insert(con, "signatures", sigs, S.SIGNATURES)
        db.insert(con, "lsh_bands", bands, S.BANDS)
        insert_shingle_days(con, todo)
        db.insert(con, "story_keys", keys, S.STORY_KEYS)
        stats.story_joins += G.assign_stories(con, todo, sig_of)
        stats.merged_new += G.merge_events(con, todo, affected)
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


def insert_shingle_days(con: db.Con, todo: list[Article]) -> None:
    """Record on which day each outlet printed each shingle of these articles (once per outlet, shingle and day).

    Kept for everything ever ingested (a replaced article's shingles stay counted for its day): the
    statistic is the outlet's habit, from which grouping tells boilerplate from a story's own words.
    """
    import numpy as np
    import pyarrow as pa

    names: dict[str, int] = {}
    ids, which, days, counts = [], [], [], []
    for a in todo:
        if a.sketch is None or a.pub is None or a.pub[0] != a.pub[1]:
            continue
        ids.append(a.sketch.ids.astype(np.int32))
        which.append(names.setdefault(a.row.get("outlet") or "", len(names)))
        days.append((a.pub[0] - dt.date(1970, 1, 1)).days)
        counts.append(len(a.sketch.ids))
    if not ids:
        return
    outlet = pa.DictionaryArray.from_arrays(pa.array(np.repeat(np.array(which, np.int32), counts)),
                                           pa.array(list(names), pa.string()))
    day = pa.array(np.repeat(np.array(days, np.int32), counts), pa.int32()).cast(pa.date32())
    tbl = pa.table({"outlet": outlet.cast(pa.string()), "shingle": pa.array(np.concatenate(ids), pa.int32()),
                    "day": day})
    with db.registered(con, "_shingle_days", tbl):
        db.run(con, "INSERT INTO shingle_days SELECT DISTINCT outlet, shingle, day FROM _shingle_days")


def delete(con: db.Con, ids: list[str]) -> set[int]:
    """Remove the rows of these articles; return the merged events they fed."""
    with db.registered(con, "_del_ids", db.id_table(ids)):
        aff = {
            int(r[0])
            for r in db.run(
                con,
                "SELECT DISTINCT merged_id FROM events WHERE merged_id IS NOT NULL "
                "AND article_id IN (SELECT id FROM _del_ids)",
            )
        }
        for t in ("actors", "mentions", "events", "quotes", "signatures", "lsh_bands", "story_keys"):
            db.run(con, f"DELETE FROM {t} WHERE article_id IN (SELECT id FROM _del_ids)")
        db.run(con, "DELETE FROM story_seeds WHERE seed IN (SELECT id FROM _del_ids)")
        db.run(con, "DELETE FROM articles WHERE id IN (SELECT id FROM _del_ids)")
    return aff
