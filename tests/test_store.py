"""Store: ingest idempotency, stories, event merge, queries, exports, bad input. Real DuckDB files."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from warta.document import Document, Event, Paragraph, Quote
from warta.store import QueryError, Store, content_hash
from warta.store.intervals import interval

LOREM = (
    "Menteri Luar Negeri China Qin Gang berbicara melalui telepon dengan Menlu Belarus Sergei Aleinik pada Jumat "
    "dan kedua pihak sepakat memperkuat kerja sama politik ekonomi serta perdagangan di kawasan yang luas ini. "
)


def ev(typ: str, a: str | None, b: str | None, date: str | None, *, aux: str | None = None, mutual: bool = False,
       span: tuple[int, int] = (0, 10), text: str = "…") -> dict[str, Any]:
    return {
        "type": typ, "mode": None, "aux": aux, "mutual": mutual, "date": date,
        "actor": {"name": f"{a} gov", "country": a} if a else None,
        "recipient": {"name": f"{b} gov", "country": b} if b else None,
        "text": text, "span": list(span),
    }


def rec(aid: str, text: str, *, published: str | None = "2023-02-24", outlet: str = "antara",
        events: list[dict[str, Any]] | None = None, quotes: list[dict[str, Any]] | None = None,
        actors: list[dict[str, Any]] | None = None, title: str | None = None) -> dict[str, Any]:
    return {
        "id": aid, "url": f"https://{outlet}.example/{aid}", "published": published, "outlet": outlet,
        "title": title or f"title {aid}", "language": "id", "text": text,
        "actors": actors or [], "events": events or [], "quotes": quotes or [],
    }


def unique_text(i: int) -> str:
    return f"Artikel nomor {i} tentang topik berbeda sama sekali " + " ".join(f"kata{i}x{j}" for j in range(60))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "t.duckdb")
    yield st
    st.close()


def counts(st: Store) -> dict[str, int]:
    return {t: st.count(t) for t in ("articles", "actors", "events", "merged_events", "quotes", "signatures")}


# ---- idempotency ----------------------------------------------------------------------------


def test_ingest_counts_and_known(store: Store) -> None:
    recs = [
        rec("a1", unique_text(1), events=[ev("CONSULT", "CHN", "BLR", "2023-02-24")],
            quotes=[{"speaker": {"name": "Qin Gang", "country": "CHN"}, "addressee": None, "text": "kami siap",
                     "span": [1, 5]}],
            actors=[{"name": "Qin Gang", "country": "CHN", "kind": "person", "role": "FM", "mentions": 3}]),
        rec("a2", unique_text(2), events=[ev("ACCUSE", "RUS", "UKR", "2023-02-20")]),
    ]
    stats = store.ingest(recs)
    assert (stats.new, stats.replaced, stats.unchanged, stats.events, stats.quotes) == (2, 0, 0, 2, 1)
    assert counts(store) == {"articles": 2, "actors": 1, "events": 2, "merged_events": 2, "quotes": 1,
                             "signatures": 2}
    assert store.known(["a1", "zz"]) == {"a1": content_hash(unique_text(1))}


def test_same_id_same_content_changes_nothing(store: Store) -> None:
    recs = [rec(f"a{i}", unique_text(i), events=[ev("CONSULT", "CHN", "BLR", "2023-02-24")]) for i in range(5)]
    store.ingest(recs, batch_size=2)
    before = store.con.execute("SELECT * FROM articles ORDER BY id").fetchall()
    merged_before = store.con.execute("SELECT id, sources FROM merged_events ORDER BY id").fetchall()
    stats = store.ingest(recs, batch_size=2)
    assert (stats.new, stats.replaced, stats.unchanged, stats.batches) == (0, 0, 5, 0)
    assert store.con.execute("SELECT * FROM articles ORDER BY id").fetchall() == before  # ingested_at included
    assert store.con.execute("SELECT id, sources FROM merged_events ORDER BY id").fetchall() == merged_before
    assert store.count("events") == 5


def test_changed_content_replaces_rows(store: Store) -> None:
    store.ingest([rec("a1", unique_text(1), events=[ev("CONSULT", "CHN", "BLR", "2023-02-24"),
                                                     ev("AID", "CHN", "BLR", "2023-02-24")])])
    assert store.count("events") == 2
    stats = store.ingest([rec("a1", unique_text(1) + " ralat", events=[ev("ACCUSE", "RUS", "UKR", "2023-02-24")])])
    assert (stats.new, stats.replaced) == (0, 1)
    assert store.count("articles") == 1
    rows = store.events()
    assert [(r["type"], r["actor_country"]) for r in rows] == [("ACCUSE", "RUS")]
    # merged events that lost their only source are gone
    assert store.count("merged_events") == 1
    assert store.known(["a1"])["a1"] == content_hash(unique_text(1) + " ralat")


def test_reprint_is_own_article_same_story_counted_as_source(store: Store) -> None:
    text = LOREM * 4
    e = [ev("CONSULT", "CHN", "BLR", "2023-02-24")]
    store.ingest([rec("antara-1", text, outlet="antara", events=e)])
    store.ingest([rec("kompas-9", text, outlet="kompas", events=e)])
    assert store.count("articles") == 2
    st = store.stories(min_articles=2)
    assert len(st) == 1 and sorted(st[0]["articles"]) == ["antara-1", "kompas-9"]
    assert st[0]["outlets"] == ["antara", "kompas"]
    m = store.events(merged=True)
    assert len(m) == 1 and (m[0]["sources"], m[0]["outlets"]) == (2, 2)
    assert {x["article_id"] for x in m[0]["evidence"]} == {"antara-1", "kompas-9"}


def test_duplicate_id_in_one_batch_last_wins(store: Store) -> None:
    stats = store.ingest([rec("a1", unique_text(1)), rec("a1", unique_text(2))])
    assert stats.duplicates == 1 and store.count("articles") == 1
    assert store.known(["a1"])["a1"] == content_hash(unique_text(2))


def test_documents_are_ingested_and_hashed_on_raw_text(store: Store) -> None:
    text = "Judul\n\nBeijing (ANTARA) - China dan Belarus bertemu hari ini untuk membahas kerja sama.\n\nBaca juga: x"
    doc = Document(id="d1", text=text, published="2023-02-24", outlet="ANTARA")
    doc.paragraphs = [Paragraph(7, 86)]
    doc.events = [Event(type="CONSULT", actor={"name": "China", "country": "CHN"},
                        recipient={"name": "Belarus", "country": "BLR"}, text=text[7:86], span=(7, 86), mutual=True,
                        date="2023-02-24")]
    doc.quotes = [Quote(text="kerja sama", span=(70, 80), speaker={"name": "Qin Gang", "country": "CHN"})]
    store.ingest([doc])
    assert store.known(["d1"]) == {"d1": content_hash(text)}
    body = store.con.execute("SELECT body FROM articles").fetchall()[0][0]
    assert body == text[7:86]
    assert store.article("d1")["events"][0]["type"] == "CONSULT"
    assert store.ingest([doc]).unchanged == 1


# ---- bad input --------------------------------------------------------------------------------


def test_bad_records_are_skipped_and_never_lose_data(store: Store) -> None:
    store.ingest([rec("a1", unique_text(1), events=[ev("CONSULT", "CHN", "BLR", "2023-02-24")])])
    before = counts(store)
    bad: list[Any] = [
        {"id": "a1", "text": "changed", "events": "not a list"},  # known id, broken record
        {"id": "a1", "text": "   ", "events": []},  # known id, empty text
        {"id": "a1", "text": "changed", "events": [{"actor": {"country": "CHN"}}]},  # event without type
        {"id": "a1", "text": "changed", "events": [{"type": "AID", "actor": 42}]},  # actor not an object
        {"text": "no id"},
        "not a record",
        42,
        None,
    ]
    stats = store.ingest(bad)
    assert len(stats.skipped) == len(bad) and stats.new == stats.replaced == 0
    assert counts(store) == before
    assert store.known(["a1"])["a1"] == content_hash(unique_text(1))
    # unparseable dates are kept as text, with no interval
    store.ingest([rec("a2", unique_text(2), published="kemarin", events=[ev("AID", "CHN", "BLR", "20022-13-45")])])
    row = store.events(actor="CHN", type="AID")[0]
    assert row["date"] == "20022-13-45"


def test_failed_batch_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.ingest([rec("a1", unique_text(1), events=[ev("CONSULT", "CHN", "BLR", "2023-02-24")])])
    before = counts(store)

    def boom(*a: Any, **k: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr("warta.store.grouping.merge_events", boom)
    with pytest.raises(RuntimeError):
        store.ingest([rec("a1", unique_text(1) + " v2"), rec("a9", unique_text(9))])
    monkeypatch.undo()
    assert counts(store) == before
    assert store.known(["a1", "a9"]) == {"a1": content_hash(unique_text(1))}
    assert store.ingest([rec("a9", unique_text(9))]).new == 1


# ---- stories ----------------------------------------------------------------------------------


def test_same_main_event_groups_different_texts_incrementally(store: Store) -> None:
    blinken = [{"key": "person:antony_blinken", "name": "Antony Blinken", "country": "USA", "kind": "person"}]
    call = {**ev("CONSULT", "USA", "IDN", "2021-02-16", mutual=True, span=(10, 50)), "date_from": "text"}
    store.ingest([rec("h004", unique_text(4), published="2021-02-17", outlet="tribun", actors=blinken,
                      events=[call, ev("SUPPORT", "USA", "IDN", "2021-02-16", span=(60, 90))])])
    # another outlet, other words, a day later, in a later ingest, naming the same person: same story
    store.ingest([rec("h005", unique_text(5), published="2021-02-18", outlet="medcom", actors=blinken,
                      events=[ev("CONSULT", "IDN", "USA", "2021-02-16", span=(5, 40))])])
    # the same main event but no person or organisation in common: a beat, not this news
    store.ingest([rec("h006", unique_text(6), published="2021-02-17", outlet="kompas",
                      events=[ev("CONSULT", "IDN", "USA", "2021-02-16", span=(5, 40))])])
    # same dyad and type but a week later: another story
    store.ingest([rec("h099", unique_text(99), published="2021-02-25", actors=blinken,
                      events=[ev("CONSULT", "IDN", "USA", "2021-02-25", span=(5, 40))])])
    # a main event that is only background (dated years before) ties nothing
    store.ingest([rec("h100", unique_text(100), published="2021-02-17", actors=blinken,
                      events=[ev("CONSULT", "IDN", "USA", "2018-01-15", span=(5, 40))])])
    groups = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert ("h004", "h005") in groups
    assert ("h006",) in groups and ("h099",) in groups and ("h100",) in groups


def test_lead_event_match_and_no_chaining(store: Store) -> None:
    # A: main ASSAULT IRN→ISR. B: main SUPPORT IRN→PSE, second event the same ASSAULT → A's story.
    irgc = [{"key": "org:IRN:irgc", "name": "IRGC", "country": "IRN", "kind": "organization"}]
    store.ingest([rec("A", unique_text(1), published="2024-04-14", actors=irgc,
                      events=[ev("ASSAULT", "IRN", "ISR", "2024-04-13..2024-04-14", span=(0, 9))])])
    store.ingest([rec("C", unique_text(3), published="2024-04-15", actors=irgc,
                      events=[ev("SUPPORT", "IRN", "PSE", "2024-04-15", span=(0, 9))])])
    assert len(store.stories()) == 2
    # B is linked to both stories' seeds: it joins one of them and never merges the two (no chains)
    store.ingest([rec("B", unique_text(2), published="2024-04-15", actors=irgc,
                      events=[ev("SUPPORT", "IRN", "PSE", "2024-04-15", span=(0, 9)),
                              ev("ASSAULT", "IRN", "ISR", "2024-04-14", span=(20, 30))])])
    st = store.stories()
    assert len(st) == 2 and sorted(len(s["articles"]) for s in st) == [1, 2]
    first = next(s for s in st if "A" in s["articles"])
    assert first["first_date"] == dt.date(2024, 4, 14) and first["title"] == "title A"


def test_text_links_do_not_chain(store: Store) -> None:
    # a–b share half their words, b–c the other half, a and c nothing: c does not join a's story
    words = [f"w{i}" for i in range(120)]
    a = " ".join(words[:60] + [f"a{i}" for i in range(60)])
    b = " ".join(words[:60] + words[60:120])
    c = " ".join(words[60:120] + [f"c{i}" for i in range(60)])
    store.ingest([rec("a", a, published="2019-09-10")])
    store.ingest([rec("b", b, published="2019-09-10")])
    store.ingest([rec("c", c, published="2019-09-10")])
    groups = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert ("a", "b") in groups and ("c",) in groups


def test_domestic_and_one_sided_events_do_not_group(store: Store) -> None:
    store.ingest([rec(f"d{i}", unique_text(i), published="2019-09-10",
                      events=[ev("COERCE", "IDN", "IDN", "2019-09-10"), ev("PROTEST", "IDN", None, "2019-09-10")])
                  for i in range(4)])
    assert len(store.stories()) == 4


def test_near_duplicate_text_groups_across_batches(store: Store) -> None:
    base = LOREM * 5
    store.ingest([rec("x1", base, outlet="a")] + [rec(f"u{i}", unique_text(i)) for i in range(3)])
    store.ingest([rec("x2", base.replace("Jumat", "Sabtu") + " Baca juga: berita lain", outlet="b")])
    st = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert ("x1", "x2") in st
    assert store.count("lsh_bands") > 0


# ---- event merge ------------------------------------------------------------------------------


def test_event_merge_rules(store: Store) -> None:
    store.ingest([
        rec("p1", unique_text(1), outlet="antara", events=[
            ev("CONSULT", "CHN", "BLR", "2023-02-24", text="telepon 1"),
            ev("ACCUSE", "CHN", "USA", "2023-02-24"),
            ev("AID", "CHN", "BLR", "2023-02-24", aux="future"),
        ]),
        rec("p2", unique_text(2), outlet="kompas", events=[
            ev("CONSULT", "BLR", "CHN", "2023-02", text="telepon 2"),  # unordered, month overlaps the day
            ev("ACCUSE", "USA", "CHN", "2023-02-24"),  # opposite direction: another fact
            ev("AID", "CHN", "BLR", "2023-02-24"),  # aux differs: another fact
        ]),
        rec("p3", unique_text(3), outlet="kompas", events=[
            ev("CONSULT", "CHN", "BLR", "2023-02-23..2023-02-25"),  # range overlaps
            ev("CONSULT", "CHN", "BLR", "2023-03-02"),  # no overlap
            ev("ACCUSE", "CHN", "USA", None),  # undated: never merged
        ]),
    ], batch_size=1)
    m = {(r["type"], r["actor_country"], r["recipient_country"], r["date"]): r for r in store.events(merged=True)}
    consult = m[("CONSULT", "CHN", "BLR", "2023-02-24")]
    assert (consult["sources"], consult["outlets"]) == (3, 2)
    assert [x["text"] for x in consult["evidence"]][:2] == ["telepon 1", "telepon 2"]
    assert m[("CONSULT", "CHN", "BLR", "2023-03-02")]["sources"] == 1
    assert m[("ACCUSE", "CHN", "USA", "2023-02-24")]["sources"] == 1
    assert m[("ACCUSE", "USA", "CHN", "2023-02-24")]["sources"] == 1
    assert sorted(str(r["aux"]) for r in store.events(merged=True, type="AID")) == ["None", "future"]
    assert store.count("merged_events") == 7
    # every per-article event keeps its link
    assert store.con.execute("SELECT count(*) FROM events WHERE merged_id IS NULL").fetchall()[0][0] == 0


def test_merged_event_narrows_to_the_most_precise_date(store: Store) -> None:
    store.ingest([rec("m1", unique_text(1), events=[ev("SANCTION", "RUS", "USA", "2022-03")])])
    store.ingest([rec("m2", unique_text(2), events=[ev("SANCTION", "RUS", "USA", "2022-03-23")])])
    store.ingest([rec("m3", unique_text(3), events=[ev("SANCTION", "RUS", "USA", "2022")])])
    (m,) = store.events(merged=True)
    assert (m["date"], m["sources"]) == ("2022-03-23", 3)


# ---- queries ------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest([
        rec("q1", unique_text(1), published="2022-01-10", outlet="antara", events=[
            ev("CONSULT", "CHN", "BLR", "2022-01-10"), ev("AID", "CHN", "BLR", "2022-01-09"),
            ev("ACCUSE", "BLR", "CHN", "2022-03-01"), ev("ASSAULT", "RUS", "UKR", "2022-02-24"),
        ], quotes=[{"speaker": {"name": "Wang Yi", "country": "CHN"}, "addressee": {"name": "Makei", "country": "BLR"},
                    "text": "China siap bekerja sama dengan Belarus", "span": [0, 10]}],
           actors=[{"name": "Wang Yi", "country": "CHN", "kind": "person", "mentions": [[0, 7], [50, 57]]},
                   {"name": "Belarus", "country": "BLR", "kind": "state", "mentions": 1}]),
        rec("q2", unique_text(2), published="2022-03-02", outlet="kompas", events=[
            ev("CONSULT", "BLR", "CHN", "2022-03-01", mutual=True), ev("SANCTION", "USA", "RUS", "2022-03-01"),
        ], actors=[{"name": "Wang Yi", "country": "CHN", "kind": "person", "mentions": 2}]),
    ])
    return store


def test_events_filters(filled: Store) -> None:
    assert len(filled.events()) == 6
    chn_blr = filled.events(actor="CHN", with_="BLR", direction="from")
    assert {r["type"] for r in chn_blr} == {"CONSULT", "AID"}  # CONSULT either order; not the ACCUSE BLR→CHN
    assert {r["type"] for r in filled.events(actor="BLR", with_="CHN", direction="from")} == {"CONSULT", "ACCUSE"}
    assert {r["type"] for r in filled.events(actor="CHN", with_="BLR", direction="to")} == {"CONSULT", "ACCUSE"}
    assert {r["type"] for r in filled.events(actor="CHN", with_="BLR")} == {"CONSULT", "AID", "ACCUSE"}
    assert {r["type"] for r in filled.events(type="consult")} == {"CONSULT"}
    assert {r["date"] for r in filled.events(since="2022-02")} == {"2022-03-01", "2022-02-24"}
    assert {r["date"] for r in filled.events(until="2022-01")} == {"2022-01-10", "2022-01-09"}
    assert len(filled.events(limit=2)) == 2
    assert {r["type"] for r in filled.events(actor="RUS gov", direction="from")} == {"ASSAULT"}  # by name
    assert {r["type"] for r in filled.events(actor="RUS gov")} == {"ASSAULT", "SANCTION"}
    with pytest.raises(ValueError):
        filled.events(since="last week")


def test_timeline(filled: Store) -> None:
    rows = filled.timeline("blr", "CHN")
    assert [r["period"] for r in rows] == ["2022-01", "2022-02", "2022-03"]
    jan, feb, mar = rows
    assert (jan["V-coop"], jan["M-coop"], jan["events"], jan["score"]) == (1, 1, 2, 12.5)
    assert feb["events"] == 0 and feb["score"] == 0
    assert (mar["V-coop"], mar["V-conf"], mar["score"]) == (1, 1, -0.5)
    assert filled.timeline("CHN", "USA") == []
    with pytest.raises(QueryError):
        filled.timeline("CHN", "XXX")
    assert [r["period"] for r in filled.timeline("CHN", "BLR", by="year")] == ["2022"]


def test_actors_quotes_stories(filled: Store) -> None:
    top = filled.actors(top=5)
    assert top[0]["name"] == "Wang Yi" and top[0]["articles"] == 2 and top[0]["mentions"] == 4
    assert filled.count("mentions") == 2
    q = filled.quotes(speaker="wang")
    assert len(q) == 1 and q[0]["addressee_name"] == "Makei"
    with pytest.raises(QueryError):
        filled.quotes(speaker="Lavrov")  # named nowhere: an error, not an empty table
    st = filled.stories()
    assert all(set(s) >= {"story", "articles", "title", "first_date", "last_date", "outlets", "n_articles"}
               for s in st)


def test_exports(filled: Store, tmp_path: Path) -> None:
    assert filled.export(tmp_path / "e.csv", "csv") == 6
    with open(tmp_path / "e.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6 and {"type", "actor_country", "url", "outlet", "merged_id"} <= set(rows[0])
    assert filled.export(tmp_path / "e.parquet", "parquet") == 6
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 6
    assert filled.export(tmp_path / "e.jsonl", "plover") == 6
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    first = lines[0]
    assert set(first) >= {"id", "date", "actor", "recipient", "event", "mode", "text", "cite_info"}
    assert first["cite_info"]["outlet"] == "antara" and first["cite_info"]["url"].startswith("https://")
    with pytest.raises(ValueError):
        filled.export(tmp_path / "e.xml", "xml")


def test_reopen_and_read_only(tmp_path: Path) -> None:
    p = tmp_path / "r.duckdb"
    with Store(p) as st:
        st.ingest([rec("a1", unique_text(1), events=[ev("AID", "CHN", "BLR", "2023-02-24")])])
    with Store(p, read_only=True) as ro:
        assert ro.count("events") == 1 and len(ro.stories()) == 1
        with pytest.raises(RuntimeError):
            ro.ingest([rec("a2", unique_text(2))])


def test_intervals() -> None:
    import datetime as dt

    d = dt.date
    assert interval("2023-02-24") == (d(2023, 2, 24), d(2023, 2, 24))
    assert interval("2024-02") == (d(2024, 2, 1), d(2024, 2, 29))
    assert interval("2022") == (d(2022, 1, 1), d(2022, 12, 31))
    assert interval("2024-04-13..2024-04") == (d(2024, 4, 13), d(2024, 4, 30))
    assert interval("2023-02-24T10:00:00+07:00") == (d(2023, 2, 24), d(2023, 2, 24))
    for bad in (None, "", "kemarin", "2023-02-30", "2023-05..2023-01", 2023):
        assert interval(bad) is None


def test_one_sided_or_domestic_events_merge_only_within_a_story(store: Store) -> None:
    text = LOREM * 4
    store.ingest([
        rec("s1", unique_text(1), events=[ev("REQUEST", "IDN", None, "2019-09-20"), ev("COERCE", "IDN", "IDN", "2019-09-20")]),
        rec("s2", unique_text(2), events=[ev("REQUEST", "IDN", None, "2019-09-20"), ev("COERCE", "IDN", "IDN", "2019-09-20")]),
        rec("r1", text, outlet="a", events=[ev("REQUEST", "IDN", None, "2019-09-20")]),
        rec("r2", text, outlet="b", events=[ev("REQUEST", "IDN", None, "2019-09-20")]),
    ], batch_size=1)
    sources = sorted(r["sources"] for r in store.events(merged=True))
    assert sources == [1, 1, 1, 1, 2]  # only the reprint pair r1/r2 shares its REQUEST


# ---- template reports (an outlet's boilerplate, daily series) ---------------------------------

BOILERPLATE = (
    "Redaksi kami menerima tulisan pembaca tentang peristiwa di sekitar tempat tinggal mereka setiap hari kerja "
    "dan tulisan yang terpilih akan dimuat di halaman komunitas bersama foto serta nama penulisnya dengan "
    "ketentuan naskah asli belum pernah dimuat media lain panjang naskah paling banyak delapan ratus kata dan "
    "penulis bersedia dihubungi redaksi untuk memastikan kebenaran isi tulisan sebelum dimuat oleh kami. "
)


def own_news(i: int, n: int = 14) -> str:
    return " ".join(f"kabar{i}k{j}" for j in range(n)) + ". "


def test_outlet_boilerplate_does_not_tie_articles_of_different_days(store: Store) -> None:
    # one outlet prints the same paragraph under its news on six days: what is left is each day's own news
    days = [f"2019-09-{d:02d}" for d in range(10, 16)]
    store.ingest([rec(f"b{i}", own_news(i) + BOILERPLATE, published=d, outlet="harian", title=f"kabar {i}")
                  for i, d in enumerate(days)])
    # the same day, the same outlet, the same news twice (a report and its update): still one story
    shared = own_news(99, 40)
    store.ingest([rec("u1", shared + BOILERPLATE, published="2019-09-20", outlet="harian"),
                  rec("u2", shared + own_news(98) + BOILERPLATE, published="2019-09-20", outlet="harian")])
    groups = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert {(f"b{i}",) for i in range(6)} <= groups
    assert ("u1", "u2") in groups
    assert store.count("shingle_days") > 0


def price_report(seed: int) -> str:
    import random

    r = random.Random(seed)
    return " ".join(
        f"pada sesi perdagangan ke {k} harga acuan komoditas tercatat {r.randint(100, 999)}.{r.randint(100, 999)} "
        "rupiah per unit dengan volume transaksi"
        for k in range(12)
    )


def test_daily_reports_that_differ_in_their_numbers_are_not_one_story(store: Store) -> None:
    # the same report on two days, only the figures changed: a daily series, not one news event
    store.ingest([rec("p1", price_report(1), published="2019-09-10", title="Harga acuan komoditas hari ini naik")])
    store.ingest([rec("p2", price_report(2), published="2019-09-11", title="Harga acuan komoditas hari ini turun")])
    # the same figures reported by two outlets the same day stay together
    store.ingest([rec("p3", price_report(3), published="2019-09-12", title="Harga acuan komoditas hari ini"),
                  rec("p4", price_report(3) + " " + own_news(4), published="2019-09-12", outlet="lain",
                      title="Harga acuan komoditas hari ini stabil")])
    groups = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert ("p1",) in groups and ("p2",) in groups
    assert ("p3", "p4") in groups


CASE_BACKGROUND = (
    "Kasus ini bermula dari proyek pembangunan jembatan di Kabupaten Sukamaju yang dibiayai anggaran daerah tahun "
    "lalu. Penyidik menduga sejumlah pejabat menerima uang dari rekanan agar perusahaan tertentu memenangi lelang. "
    "Dalam perkara tersebut lembaga antikorupsi telah menetapkan empat orang tersangka, yakni seorang kepala dinas, "
    "dua pegawai bagian pengadaan, dan seorang direktur perusahaan swasta. Para tersangka dijerat pasal suap dalam "
    "undang-undang pemberantasan tindak pidana korupsi dengan ancaman hukuman paling lama dua puluh tahun penjara. "
    "Uang yang diduga mengalir kepada para pejabat itu mencapai miliaran rupiah dan sebagian telah disita sebagai "
    "barang bukti oleh penyidik.\n\n"
    "Bupati Sukamaju sebelumnya menyatakan menghormati proses hukum dan meminta seluruh aparatur sipil negara di "
    "lingkungan pemerintah kabupaten bersikap kooperatif. Ia juga menjamin pembangunan jembatan tetap dilanjutkan "
    "oleh kontraktor baru setelah kontrak lama diputus. Warga setempat berharap jembatan yang menghubungkan dua desa "
    "di tepi sungai itu dapat segera dipakai karena selama ini mereka harus memutar sejauh belasan kilometer."
)
SUMMONS_MONDAY = (
    "Lembaga antikorupsi memeriksa Bendahara Dinas Perhubungan Agus Prasetyo pada Senin pagi sebagai saksi. Ia "
    "datang ke gedung penyidik mengenakan kemeja batik cokelat dan menolak berbicara kepada wartawan yang menunggu "
    "di lobi. Juru bicara lembaga mengatakan saksi ditanya soal aliran dana dari rekanan proyek ke rekening "
    "pribadinya serta soal rapat anggaran yang ia hadiri. Agus keluar dari ruang pemeriksaan menjelang magrib dan "
    "langsung masuk ke mobil tanpa memberi keterangan apa pun.\n\n"
)
SUMMONS_TUESDAY = (
    "Penyidik memanggil istri seorang tersangka, Rina Marlina, pada Selasa siang untuk dimintai keterangan. Perempuan "
    "itu tiba dengan didampingi pengacaranya dan diperiksa selama tujuh jam di lantai dua. Menurut juru bicara, "
    "penyidik mendalami pembelian dua bidang tanah dan sebuah mobil mewah yang diduga memakai uang suap. Pengacara "
    "Rina menyebut kliennya tidak mengetahui asal uang yang dipakai suaminya dan siap mengembalikan harta bila "
    "terbukti berasal dari kejahatan.\n\n"
)
FLOOD_LEAD = (
    "Banjir setinggi satu meter merendam ratusan rumah di tiga desa Kecamatan Sukamaju sejak Rabu dini hari setelah "
    "hujan deras mengguyur wilayah itu selama enam jam. Tanggul sungai di Desa Cempaka jebol sepanjang dua puluh "
    "meter sehingga air masuk ke permukiman. Badan penanggulangan bencana daerah mengevakuasi lansia dan anak-anak "
    "ke balai desa dengan perahu karet, sementara sebagian warga memilih bertahan di lantai atas rumah mereka.\n\n"
)
FLOOD_UPDATE = (
    "Jumlah pengungsi akibat banjir di Kecamatan Sukamaju bertambah menjadi dua ribu orang pada Kamis. Petugas "
    "mendirikan dapur umum di halaman masjid dan membagikan selimut serta air bersih. Air mulai surut di dua desa, "
    "tetapi Desa Cempaka masih tergenang karena tanggul belum selesai ditambal.\n\n"
)


CASE_ARREST = (
    "Lembaga antikorupsi menahan Kepala Dinas Pekerjaan Umum Kabupaten Sukamaju setelah operasi tangkap tangan di "
    "sebuah rumah makan pada Selasa malam. Petugas menyita tas berisi uang tunai yang diduga diberikan oleh direktur "
    "perusahaan pemenang lelang jembatan. Kepala dinas itu keluar dari gedung penyidik dengan rompi oranye dan tangan "
    "diborgol, lalu dibawa ke rumah tahanan untuk dua puluh hari pertama.\n\n"
)


def test_same_outlet_reports_of_other_days_sharing_only_background_are_two_stories(store: Store) -> None:
    # an outlet reprints a bribery case's background under every article on it: the arrest a week earlier ...
    title = "Kasus suap jembatan Sukamaju, penyidik periksa saksi"
    store.ingest([rec("a0", CASE_ARREST + CASE_BACKGROUND, published="2019-09-10", outlet="harian", title=title)])
    # ... and two summonses on consecutive days: the shared text is the case background, not the news
    store.ingest([rec("k1", SUMMONS_MONDAY + CASE_BACKGROUND, published="2019-09-16", outlet="harian", title=title)])
    store.ingest([rec("k2", SUMMONS_TUESDAY + CASE_BACKGROUND, published="2019-09-17", outlet="harian", title=title)])
    # a follow-up of a flood the next day retells the first day's news, which the outlet printed on no other day
    store.ingest([rec("f1", FLOOD_LEAD + CASE_BACKGROUND, published="2019-09-18", outlet="harian",
                      title="Banjir rendam ratusan rumah di Sukamaju")])
    store.ingest([rec("f2", FLOOD_UPDATE + FLOOD_LEAD + CASE_BACKGROUND, published="2019-09-19", outlet="harian",
                      title="Pengungsi banjir Sukamaju bertambah")])
    groups = {tuple(sorted(s["articles"])) for s in store.stories()}
    assert {("a0",), ("k1",), ("k2",), ("f1", "f2")} <= groups


def test_same_outlet_pair_without_a_third_day_is_judged_on_all_its_shared_text(store: Store) -> None:
    # the same two summonses, the background printed on no other day: nothing tells it from news they share
    title = "Kasus suap jembatan Sukamaju, penyidik periksa saksi"
    store.ingest([rec("k1", SUMMONS_MONDAY + CASE_BACKGROUND, published="2019-09-16", outlet="harian", title=title)])
    store.ingest([rec("k2", SUMMONS_TUESDAY + CASE_BACKGROUND, published="2019-09-17", outlet="harian", title=title)])
    assert {tuple(sorted(s["articles"])) for s in store.stories()} == {("k1", "k2")}


CARD = (
    "Bintang Biru adalah penjaga para pelaut yang tersesat di laut lepas dan penunjuk arah bagi siapa saja yang "
    "kehilangan tujuan hidupnya. Dalam kartu ini ia digambarkan sebagai seorang lelaki tua yang memegang lentera "
    "di haluan perahu kayu. Kehadirannya terasa ketika kita berdiri di tepi pantai pada malam yang tenang. "
)
READING_MONDAY = (
    "Awal pekan membawa tenaga baru untuk menyelesaikan pekerjaan yang sempat tertunda. Keberuntunganmu datang dari "
    "teman lama yang tiba-tiba menawarkan bantuan. Dalam urusan cinta, dengarkan pasanganmu lebih banyak daripada "
    "berbicara. Keuangan cukup stabil asalkan kamu menahan diri dari belanja barang yang tidak perlu. Jaga kesehatan "
    "dengan tidur lebih awal dan minum air putih yang cukup sepanjang hari. "
)
READING_TUESDAY = (
    "Hari kedua pekan menuntut kesabaran ketika rencana tidak berjalan seperti yang kamu harapkan. Jangan terburu-buru "
    "mengambil keputusan besar sebelum semua pilihan kamu timbang dengan tenang. Hubungan dengan keluarga menjadi "
    "sumber kekuatan terbesar. Sisihkan sebagian penghasilan untuk tabungan masa depan dan kurangi makanan berminyak "
    "yang membuat perutmu tidak nyaman sejak beberapa hari terakhir. "
)
FORECAST = (
    "Menurut laman resmi badan cuaca, langit di seluruh wilayah kota baik di bagian utara, selatan, timur, maupun "
    "barat diperkirakan cerah berawan pada pagi hari. Kondisi serupa diperkirakan berlanjut pada siang dan malam "
    "hari tanpa perubahan yang berarti. Warga yang hendak bepergian tetap disarankan membawa payung dan memantau "
    "pembaruan prakiraan melalui aplikasi resmi karena cuaca di musim peralihan dapat berubah dengan cepat. "
)
WEATHER_MONDAY = (
    "Badan cuaca daerah memperkirakan langit Kota Sukamaju pada Senin (16/9/2019) cerah berawan sejak pagi hingga "
    "malam dan angin bertiup pelan dari arah timur. " + FORECAST +
    "Menjelang dini hari awan tebal diperkirakan muncul di kawasan pegunungan sehingga pengendara diminta berhati-hati "
    "karena kabut dapat mengurangi jarak pandang di jalan menanjak. Suhu udara berkisar antara dua puluh tiga sampai "
    "tiga puluh tiga derajat dengan kelembapan sedang."
)
WEATHER_TUESDAY = (
    "Badan cuaca daerah memperkirakan langit Kota Sukamaju pada Selasa (17/9/2019) cerah berawan sejak pagi hingga "
    "malam dan angin bertiup pelan dari arah timur. " + FORECAST +
    "Tidak ada peringatan hujan lebat untuk hari ini, tetapi nelayan diimbau memeriksa kabar gelombang sebelum "
    "melaut karena ombak di pantai selatan bisa meninggi menjelang sore. Suhu udara berkisar antara dua puluh empat "
    "sampai tiga puluh empat derajat dengan kelembapan rendah."
)
CASE = (
    "Rahayu Lestari ditetapkan sebagai tersangka oleh kepolisian daerah awal bulan ini atas tuduhan menyebarkan kabar "
    "bohong tentang kerusuhan di Kabupaten Sukamaju melalui media sosial. Polisi menjeratnya dengan pasal tentang "
    "informasi elektronik dan pasal penghasutan dalam kitab undang-undang hukum pidana. Aktivis itu diketahui berada "
    "di luar negeri sejak sebelum kerusuhan terjadi. "
)
ACCOUNT = (
    "Penyidik membekukan rekening bank milik Rahayu Lestari sejak kemarin sore. Juru bicara menyatakan pembekuan "
    "dilakukan agar dana di rekening itu tidak dipindahkan selama pemeriksaan berjalan, dan surat daftar pencarian "
    "orang akan diterbitkan pekan depan sebelum meminta bantuan interpol. "
)
LAWYER = (
    "Perwakilan ikatan mahasiswa asal Sukamaju menegaskan di kantor komisi pengawas bahwa perempuan itu adalah "
    "pengacara mereka. Menurut para mahasiswa, unggahan yang dipersoalkan bersumber dari kesaksian anggota ikatan "
    "sendiri, sehingga mereka meminta pembela mereka dibebaskan tanpa syarat. "
)
ACCOUNT_REACTION = (
    "Pengacara Rahayu Lestari menyesalkan langkah kepolisian daerah membekukan rekening bank kliennya sejak kemarin. "
    "Menurut dia, pembekuan rekening itu tidak perlu karena kliennya tidak pernah menyembunyikan dana dan siap "
    "menjelaskan asal setiap transfer kepada penyidik. "
)


def test_title_day_and_same_lead_other_day() -> None:
    from warta.store import stories as ST

    pub = dt.date(2019, 9, 16)
    assert ST.title_day("Pesan Bintang Hari Ini: Bersabarlah", pub) == (pub, pub)
    assert ST.title_day("Jenazah dimakamkan besok", pub) == (dt.date(2019, 9, 17),) * 2
    assert ST.title_day("Ramalan Bintang Rabu 11 September 2019", pub) == (dt.date(2019, 9, 11),) * 2
    assert ST.title_day("Ramalan Mingguan 16-22 September", pub) == (pub, dt.date(2019, 9, 22))
    assert ST.title_day("Banjir rendam Sukamaju", pub) is None
    monday, tuesday = ST.lead_words(WEATHER_MONDAY), ST.lead_words(WEATHER_TUESDAY)
    assert ST.same_lead_other_day(monday, tuesday)
    assert not ST.same_lead_other_day(monday, monday)  # the same day twice: a reprint, not two editions
    assert not ST.same_lead_other_day(ST.lead_words(ACCOUNT), ST.lead_words(ACCOUNT_REACTION))


def groups_after(path: Path, *batches: list[dict[str, Any]]) -> set[tuple[str, ...]]:
    """The stories (as sorted article ids) of a fresh store after ingesting these batches in turn."""
    with Store(path) as st:
        for b in batches:
            st.ingest(b)
        return {tuple(sorted(s["articles"])) for s in st.stories()}


def test_headlines_about_different_days_are_a_series_not_one_story(tmp_path: Path) -> None:
    # one outlet's daily reading on two days: the same card text and "Pesan Bintang Hari Ini" in both headlines
    assert groups_after(
        tmp_path / "a.duckdb",
        [rec("h1", READING_MONDAY + CARD, published="2019-09-16", title="Pesan Bintang Hari Ini: Tenaga Baru di Awal Pekan")],
        [rec("h2", READING_TUESDAY + CARD, published="2019-09-17", title="Simak Pesan Bintang Hari Ini: Bersabarlah")],
    ) == {("h1",), ("h2",)}
    # one day's two readings, for two written dates
    assert groups_after(
        tmp_path / "b.duckdb",
        [rec("d1", READING_MONDAY + CARD, published="2019-09-18", title="Pesan Bintang Rabu 18 September 2019: Tenaga Baru")],
        [rec("d2", READING_TUESDAY + CARD, published="2019-09-18", title="Pesan Bintang Kamis 19 September 2019: Bersabarlah")],
    ) == {("d1",), ("d2",)}
    # the same texts under headlines that name no day are judged on the words they share: one story
    assert groups_after(
        tmp_path / "c.duckdb",
        [rec("n1", READING_MONDAY + CARD, published="2019-09-16", title="Pesan Bintang: Tenaga Baru di Awal Pekan")],
        [rec("n2", READING_TUESDAY + CARD, published="2019-09-17", title="Simak Pesan Bintang: Bersabarlah")],
    ) == {("n1", "n2")}


def test_a_report_template_filled_for_two_days_is_not_one_story(tmp_path: Path) -> None:
    # a daily forecast: the lead is one sentence with only the day changed
    assert groups_after(
        tmp_path / "a.duckdb",
        [rec("w1", WEATHER_MONDAY, published="2019-09-16", title="Cuaca Sukamaju Cerah")],
        [rec("w2", WEATHER_TUESDAY, published="2019-09-17", title="Langit Sukamaju Cerah")],
    ) == {("w1",), ("w2",)}
    # the same forecast printed again the next day, naming the same day: one story
    again = WEATHER_TUESDAY.replace("Selasa (17/9/2019)", "Senin (16/9/2019)")
    assert groups_after(
        tmp_path / "b.duckdb",
        [rec("r1", WEATHER_MONDAY, published="2019-09-16", title="Cuaca Sukamaju Cerah")],
        [rec("r2", again, published="2019-09-17", title="Langit Sukamaju Cerah")],
    ) == {("r1", "r2")}


def test_same_day_items_on_one_case_sharing_only_its_background_are_two_stories(tmp_path: Path) -> None:
    # the police freeze an activist's account; a student group says she is their lawyer: the same day, the same
    # case background under both, the name in both headlines, but neither lead's news in the other
    assert groups_after(
        tmp_path / "a.duckdb",
        [rec("c1", ACCOUNT + CASE, published="2019-09-19", title="Polisi Bekukan Rekening Aktivis Rahayu Lestari"),
         rec("c2", LAWYER + CASE, published="2019-09-19", title="Mahasiswa Sukamaju: Rahayu Lestari Pengacara Kami")],
    ) == {("c1",), ("c2",)}
    # the freezing and her lawyer's reaction to it: one story
    assert groups_after(
        tmp_path / "b.duckdb",
        [rec("e1", ACCOUNT + CASE, published="2019-09-19", title="Polisi Bekukan Rekening Aktivis Rahayu Lestari"),
         rec("e2", ACCOUNT_REACTION + CASE, published="2019-09-19",
             title="Pengacara Sesalkan Rekening Rahayu Lestari Dibekukan")],
    ) == {("e1", "e2")}
