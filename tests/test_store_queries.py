"""Store queries as an analyst types them: names in Indonesian or English, aliases, persons, either
direction, whole-word speakers, filters, wildcards, errors naming the value. Small real DuckDB files;
the sentences are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from warta.store import QueryError, Store
from warta.store import names as N
from warta.store.cli import register


def side(name: str, country: str | None, key: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"name": name, "country": country}
    if key:
        d["key"] = key
    return d


def ev(typ: str, a: dict | None, b: dict | None, date: str, aux: str | None = None, mutual: bool = False) -> dict:
    return {"type": typ, "actor": a, "recipient": b, "date": date, "aux": aux, "mutual": mutual,
            "text": f"{typ} sentence", "span": [0, 10]}


JOKOWI = side("Joko Widodo", "IDN")
KISHIDA = side("Fumio Kishida", "JPN")
CHINA = side("China", "CHN")
INDONESIA = side("Indonesia", "IDN")
JAPAN = side("Japan", "JPN")
WANG = side("Wang Yi", "CHN")


def text(i: int) -> str:
    return f"Berita nomor {i} " + " ".join(f"kata{i}q{j}" for j in range(40))


RECORDS = [
    {"id": "n1", "published": "2023-01-10", "outlet": "antara", "title": "Jokowi bertemu Kishida", "language": "id",
     "text": text(1),
     "actors": [{"key": "person:joko_widodo", "name": "Joko Widodo", "country": "IDN", "kind": "person", "mentions": 3},
                {"key": "person:fumio_kishida", "name": "Fumio Kishida", "country": "JPN", "kind": "person",
                 "mentions": 2}],
     "events": [ev("CONSULT", JOKOWI, KISHIDA, "2023-01-10", mutual=True),
                ev("AID", JAPAN, INDONESIA, "2023-01-10", aux="future")],
     "quotes": [{"speaker": {"name": "Joko Widodo", "country": "IDN"}, "text": "Kita perkuat kerja sama",
                 "span": [0, 5]},
                {"speaker": {"name": "Wiranto", "country": "IDN"}, "text": "Situasi aman terkendali", "span": [6, 9]}]},
    {"id": "n2", "published": "2023-03-05", "outlet": "kompas", "title": "Tiongkok kecam Jepang", "language": "id",
     "text": text(2),
     "actors": [{"key": "person:wang_yi", "name": "Wang Yi", "country": "CHN", "kind": "person", "mentions": 4}],
     "events": [ev("ACCUSE", WANG, JAPAN, "2023-03-05"), ev("ACCUSE", JAPAN, CHINA, "2023-03-06"),
                ev("THREATEN", CHINA, JAPAN, "2023-03-06", aux="hypothetical")],
     "quotes": [{"speaker": {"name": "Wang Yi", "country": "CHN"}, "text": "Jepang harus menahan diri",
                 "span": [0, 5]},
                {"speaker": {"name": "Jokowi", "country": "IDN"}, "text": "Indonesia mendorong dialog",
                 "span": [6, 9]}]},
    {"id": "n3", "published": "2023-05-20", "outlet": "antara", "title": "Indonesia dan China", "language": "id",
     "text": text(3),
     "events": [ev("AGREE", INDONESIA, CHINA, "2023-05-20")]},
    {"id": "n4", "published": "2023-05-21", "outlet": "antara", "title": "Lain", "language": "en", "text": text(4),
     "events": [ev("PROTEST", side("warga", "IDN"), None, "2023-05-21", aux="negated")]},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    with Store(path) as st:
        st.ingest(RECORDS, batch_size=2)
    return path


@pytest.fixture
def st(db: Path) -> Store:
    s = Store(db, read_only=True)
    yield s
    s.close()


def types(rows: list[dict]) -> list[str]:
    return sorted(r["type"] for r in rows)


# ---- names ----------------------------------------------------------------------------------


def test_country_by_code_indonesian_and_english_name(st: Store) -> None:
    by_code = types(st.events(actor="CHN"))
    assert by_code == ["ACCUSE", "ACCUSE", "AGREE", "THREATEN"]  # Wang Yi's ACCUSE counts for China
    assert types(st.events(actor="Tiongkok")) == by_code
    assert types(st.events(actor="China")) == by_code
    assert types(st.events(actor="Jepang", with_="Tiongkok")) == ["ACCUSE", "ACCUSE", "THREATEN"]
    ref = N.resolve_actor("Amerika Serikat")
    assert (ref.kind, ref.country) == ("country", "USA")


def test_person_by_name_and_alias(st: Store) -> None:
    assert types(st.events(actor="Jokowi")) == ["CONSULT"]  # the person, not all of Indonesia
    assert types(st.events(actor="Joko Widodo")) == ["CONSULT"]
    assert types(st.events(actor="Wang Yi")) == ["ACCUSE"]
    assert types(st.events(actor="Indonesia")) == ["AGREE", "AID", "CONSULT", "PROTEST"]
    rows = st.events(actor="Jokowi")
    assert rows[0]["actor_key"] == "person:joko_widodo" and rows[0]["recipient_key"] == "person:fumio_kishida"


def test_either_direction_and_direction(st: Store) -> None:
    assert types(st.events(actor="JPN", with_="CHN")) == ["ACCUSE", "ACCUSE", "THREATEN"]
    assert types(st.events(actor="JPN", with_="CHN", direction="from")) == ["ACCUSE"]
    assert types(st.events(actor="JPN", with_="CHN", direction="to")) == ["ACCUSE", "THREATEN"]
    # a mutual meeting has no direction: it matches both
    assert types(st.events(actor="Kishida", with_="Jokowi", direction="from")) == ["CONSULT"]
    with pytest.raises(QueryError) as e:
        st.events(actor="JPN", direction="sideways")
    assert e.value.param == "direction" and e.value.value == "sideways"


def test_unknown_values_are_errors_naming_them(st: Store) -> None:
    for kw, param, value in (
        ({"actor": "Narnia"}, "actor", "Narnia"),
        ({"with_": "Atlantis"}, "with", "Atlantis"),
        ({"type": "HUG"}, "type", "HUG"),
        ({"aux": "maybe"}, "aux", "maybe"),
        ({"since": "kemarin"}, "since", "kemarin"),
        ({"until": "2023-13"}, "until", "2023-13"),
        ({"outlet": "nowhere"}, "outlet", "nowhere"),
    ):
        with pytest.raises(QueryError) as e:
            st.events(**kw)
        assert (e.value.param, e.value.value) == (param, value)
        assert value in str(e.value)
    with pytest.raises(QueryError):
        st.events(since="2023-06", until="2023-01")


def test_like_wildcards_in_user_text_match_themselves(st: Store) -> None:
    for wild in ("%", "_", "%a%", "W_ng Yi"):
        with pytest.raises(QueryError):
            st.events(actor=wild)
        with pytest.raises(QueryError):
            st.quotes(speaker=wild)
    assert N.like_escape("50%_a\\b") == "50\\%\\_a\\\\b"


def test_speaker_whole_words_and_aliases(st: Store) -> None:
    jokowi = st.quotes(speaker="Jokowi")
    assert sorted(q["text"] for q in jokowi) == ["Indonesia mendorong dialog", "Kita perkuat kerja sama"]
    assert {q["speaker_key"] for q in jokowi} == {"person:joko_widodo"}
    assert st.quotes(speaker="Joko Widodo") == jokowi
    assert st.quotes(speaker="Iran") == []  # the country, never "Wiranto"
    assert [q["speaker_name"] for q in st.quotes(speaker="Wiranto")] == ["Wiranto"]
    assert [q["speaker_name"] for q in st.quotes(speaker="wang")] == ["Wang Yi"]  # a stored name's word


def test_filters_aux_types_outlet_dates(st: Store) -> None:
    assert types(st.events(aux="future")) == ["AID"]
    assert types(st.events(aux=["hypothetical", "negated"])) == ["PROTEST", "THREATEN"]
    assert types(st.events(aux="happened")) == ["ACCUSE", "ACCUSE", "AGREE", "CONSULT"]
    assert types(st.events(type=["ACCUSE", "agree"])) == ["ACCUSE", "ACCUSE", "AGREE"]
    assert types(st.events(outlet="KOMPAS")) == ["ACCUSE", "ACCUSE", "THREATEN"]
    assert types(st.events(since="2023-05")) == ["AGREE", "PROTEST"]
    assert types(st.events(until="2023-01")) == ["AID", "CONSULT"]
    assert [q["article_id"] for q in st.quotes(outlet="kompas")] == ["n2", "n2"]
    assert {q["article_id"] for q in st.quotes(since="2023-02")} == {"n2"}
    assert {a["name"] for a in st.actors(until="2023-01")} == {"Joko Widodo", "Fumio Kishida"}
    assert sorted(len(s["articles"]) for s in st.stories(outlet="antara")) == [1, 1, 1]
    assert [s["articles"] for s in st.stories(since="2023-05-21")] == [["n4"]]
    merged = st.events(merged=True, aux="future")
    assert [m["type"] for m in merged] == ["AID"]


def test_actors_kind_and_exclude_country(st: Store) -> None:
    foreign = st.actors(kind="person", exclude_country="IDN")
    assert [a["name"] for a in foreign] == ["Wang Yi", "Fumio Kishida"]  # by mentions
    assert [a["name"] for a in st.actors(kind="person", country="Indonesia")] == ["Joko Widodo"]
    with pytest.raises(QueryError):
        st.actors(kind="alien")
    with pytest.raises(QueryError):
        st.actors(exclude_country="Narnia")


def test_timeline_names_trim_range_and_volume(st: Store) -> None:
    rows = st.timeline("Jepang", "Tiongkok")
    assert [r["period"] for r in rows] == ["2023-03"]  # trimmed: no empty months around
    rows = st.timeline("Indonesia", "Jepang", merged=False)
    assert [(r["period"], r["events"]) for r in rows] == [("2023-01", 2)]  # the persons' meeting counts too
    rows = st.timeline("Indonesia", "China", since="2023-05", until="2023-05")
    assert [(r["period"], r["events"]) for r in rows] == [("2023-05", 1)]
    assert st.timeline("Indonesia", "China", since="2023-06") == []
    per = st.timeline("Indonesia", "China", per_1000_articles=True)
    assert per[0]["articles"] == 2 and per[0]["events"] == 500.0  # 1 event over 2 articles that month
    with pytest.raises(QueryError):
        st.timeline("Indonesia", "Narnia")
    with pytest.raises(QueryError):
        st.timeline("Indonesia", "China", by="fortnight")


# ---- the CLI: exit 2 naming the value, empty results said on stderr ----------------------------


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    a = typer.Typer()

    @a.callback()
    def root() -> None:
        """test app"""

    register(a)
    return a


def test_cli_errors_and_empty_results(app: typer.Typer, db: Path) -> None:
    r = CliRunner().invoke(app, ["events", "--db", str(db), "--actor", "Narnia"])
    assert r.exit_code == 2 and "--actor 'Narnia'" in r.stderr and "unknown actor" in r.stderr
    r = CliRunner().invoke(app, ["events", "--db", str(db), "--type", "HUG"])
    assert r.exit_code == 2 and "--type 'HUG'" in r.stderr
    r = CliRunner().invoke(app, ["quotes", "--db", str(db), "--since", "kemarin"])
    assert r.exit_code == 2 and "'kemarin'" in r.stderr
    r = CliRunner().invoke(app, ["events", "--db", str(db), "--actor", "Iran", "-f", "jsonl"])
    assert r.exit_code == 0 and r.stdout == "" and "no events match" in r.stderr
    r = CliRunner().invoke(app, ["timeline", "Indonesia", "Jepang", "--db", str(db), "-f", "jsonl"])
    assert r.exit_code == 0 and [json.loads(x)["period"] for x in r.stdout.splitlines()] == ["2023-01"]
    r = CliRunner().invoke(app, ["events", "--db", str(db), "--actor", "Tiongkok", "--aux", "hypothetical",
                                 "--outlet", "kompas", "-f", "jsonl"])
    assert [json.loads(x)["type"] for x in r.stdout.splitlines()] == ["THREATEN"]
    r = CliRunner().invoke(app, ["actors", "--db", str(db), "--kind", "person", "--exclude-country", "IDN",
                                 "-f", "jsonl"])
    assert [json.loads(x)["name"] for x in r.stdout.splitlines()] == ["Wang Yi", "Fumio Kishida"]


def test_codes(app: typer.Typer) -> None:
    r = CliRunner().invoke(app, ["codes", "types", "-f", "jsonl"])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    consult = next(x for x in rows if x["type"] == "CONSULT")
    assert consult["quad"] == "V-coop" and isinstance(consult["score"], float)
    r = CliRunner().invoke(app, ["codes", "countries", "-f", "jsonl"])
    assert {"code": "IDN", "name": "Indonesia"} in [json.loads(x) for x in r.stdout.splitlines()]
    r = CliRunner().invoke(app, ["codes", "igos", "-f", "jsonl"])
    assert {"code": "UN", "name": "United Nations"} in [json.loads(x) for x in r.stdout.splitlines()]
    assert CliRunner().invoke(app, ["codes", "planets"]).exit_code == 2
