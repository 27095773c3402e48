"""The JSON API through a real `warta serve` on loopback over a store ingested from the dev set."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import pytest

from warta.api.app import STATIC
from warta.store.store import ingest_into

ROUTES = ["/api/events", "/api/timeline", "/api/network", "/api/actors", "/api/quotes", "/api/stories"]


_client = httpx.Client(timeout=30)


def get(base: str, path: str, **params: object) -> httpx.Response:
    return _client.get(base + path, params=params)


def ok(base: str, path: str, **params: object) -> dict:
    r = get(base, path, **params)
    assert r.status_code == 200, (path, params, r.text)
    return r.json()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_routes_answer_with_pages(dev_server: str) -> None:
    full = ok(dev_server, "/api/events", limit=1000)
    assert full["total"] == len(full["items"]) > 20
    paged: list[dict] = []
    for off in range(0, full["total"], 7):
        page = ok(dev_server, "/api/events", limit=7, offset=off)
        assert page["total"] == full["total"] and page["limit"] == 7 and page["offset"] == off
        paged += page["items"]
    assert [(e["article_id"], e["idx"]) for e in paged] == [(e["article_id"], e["idx"]) for e in full["items"]]
    assert ok(dev_server, "/api/events", limit=5, offset=full["total"])["items"] == []

    merged = ok(dev_server, "/api/events", merged="true", limit=1000)
    assert 0 < merged["total"] < full["total"]  # the same fact told by several articles is one merged event

    tl = ok(dev_server, "/api/timeline", actor="CHN", **{"with": "RUS"})
    assert tl["periods"] and sum(p["events"] for p in tl["periods"]) > 0
    for p in tl["periods"]:
        assert p["events"] == sum(p[q] for q in ("V-coop", "M-coop", "V-conf", "M-conf"))

    net = ok(dev_server, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert {"CHN", "RUS", "USA"} <= ids and net["edges"]
    for e in net["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["events"] == e["coop"] + e["conf"]
    heavy = ok(dev_server, "/api/network", min_events=3)
    assert heavy["edges"] and all(e["events"] >= 3 for e in heavy["edges"])
    assert len(heavy["edges"]) < len(net["edges"])
    people = ok(dev_server, "/api/network", level="actor")
    assert any(n["name"] == "Wang Yi" for n in people["nodes"])

    actors = ok(dev_server, "/api/actors", top=5)
    assert len(actors["items"]) == 5 and all(a["name"] for a in actors["items"])
    quotes = ok(dev_server, "/api/quotes", limit=3)
    assert quotes["total"] > 3 and len(quotes["items"]) == 3
    stories = ok(dev_server, "/api/stories", min_articles=2)
    assert stories["items"] and all(len(s["articles"]) >= 2 for s in stories["items"])
    assert all(a.get("outlet") is not None or a.get("title") is not None for s in stories["items"] for a in s["articles"])


def test_names_and_text_search(dev_server: str) -> None:
    """Codes and Indonesian or English names mean the same actor; q searches the evidence, wildcards literal."""
    def total(**p: object) -> int:
        return ok(dev_server, "/api/events", **p)["total"]

    codes = total(actor="CHN", **{"with": "RUS"})
    assert codes > 3
    assert total(actor="Tiongkok", **{"with": "Rusia"}) == total(actor="China", **{"with": "Russia"}) == codes
    assert total(actor="China", **{"with": "Russia"}, direction="from") < codes
    hits = ok(dev_server, "/api/events", q="lavrov", limit=1000)
    assert hits["total"] > 0 and all("lavrov" in e["text"].lower() for e in hits["items"])
    assert total(q="%") == total(q="_") == 0
    wang = ok(dev_server, "/api/quotes", speaker="Wang Yi", limit=1000)["items"]
    assert wang and all(q["speaker_name"] == "Wang Yi" for q in wang)
    assert ok(dev_server, "/api/quotes", speaker="Iran", limit=1000)["items"] == [] or all(
        q["speaker_country"] == "IRN" for q in ok(dev_server, "/api/quotes", speaker="Iran", limit=1000)["items"])
    sugg = ok(dev_server, "/api/actors", q="wang")["items"]
    assert sugg and all("wang" in a["name"].lower() for a in sugg)


def test_article_spans_give_back_the_evidence(dev_server: str) -> None:
    """For every event and quote of the dev set, text[span] of the article view is its evidence."""
    ids = {e["article_id"] for e in ok(dev_server, "/api/events", limit=1000)["items"]}
    ids |= {q["article_id"] for q in ok(dev_server, "/api/quotes", limit=1000)["items"]}
    n = 0
    for aid in sorted(ids):
        a = ok(dev_server, f"/api/articles/{aid}")
        for item in a["events"] + a["quotes"]:
            assert item["span"] is not None, (aid, item)
            s, e = item["span"]
            assert a["text"][s:e] == item["text"]
            n += 1
    assert n > 150
    assert get(dev_server, "/api/articles/no-such-article").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/events", {"since": "kemarin"}, "since"),
        ("/api/events", {"until": "2023-13-45"}, "until"),
        ("/api/events", {"limit": "0"}, "limit"),
        ("/api/events", {"limit": "lots"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"merged": "perhaps"}, "merged"),
        ("/api/timeline", {"actor": "CHN"}, "with"),
        ("/api/timeline", {"actor": "CHN", "with": "RUS", "by": "decade"}, "by"),
        ("/api/network", {"level": "galaxy"}, "level"),
        ("/api/network", {"min_events": "0"}, "min_events"),
        ("/api/quotes", {"since": "2023-02-30"}, "since"),
        ("/api/stories", {"min_articles": "x"}, "min_articles"),
        ("/api/actors", {"top": "100000"}, "top"),
        ("/api/events", {"actor": "Atlantis"}, "actor"),
        ("/api/events", {"with": "%"}, "with"),
        ("/api/events", {"type": "DANCE"}, "type"),
        ("/api/events", {"aux": "maybe"}, "aux"),
        ("/api/events", {"outlet": "no such outlet"}, "outlet"),
        ("/api/events", {"since": "2024", "until": "2023"}, "until"),
        ("/api/timeline", {"actor": "CHN", "with": "Narnia"}, "with"),
        ("/api/quotes", {"speaker": "Zzyzx Qwerty"}, "speaker"),
        ("/api/actors", {"kind": "planet"}, "kind"),
        ("/api/network", {"since": "tomorrow"}, "since"),
    ],
)
def test_bad_parameter_is_422_naming_it(dev_server: str, path: str, params: dict, name: str) -> None:
    r = get(dev_server, path, **params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert name in body["parameters"] and name in body["detail"]


PAYLOADS = [
    "CHN' OR '1'='1' --",
    "'; DROP TABLE events; --",
    "\"); DELETE FROM articles; --",
    "%",
    "_\\",
    "1) UNION SELECT * FROM articles --",
]


def test_injection_through_every_parameter_of_every_route(dev_server: str, dev_store: Path) -> None:
    """Every query parameter of every route (read from the OpenAPI document) is bound, never formatted into SQL."""
    before = sha(dev_store)
    spec = ok(dev_server, "/openapi.json")
    routes = {p: v["get"] for p, v in spec["paths"].items() if p.startswith("/api/")}
    assert set(ROUTES) | {"/api/articles/{article_id}"} <= set(routes)
    required = {"actor": "CHN", "with": "RUS"}
    tried = 0
    for path, op in routes.items():
        for prm in op.get("parameters", []):
            name = prm["name"]
            for payload in PAYLOADS:
                if prm["in"] == "path":
                    url = path.replace("{" + name + "}", quote(payload, safe=""))
                    r = get(dev_server, url)
                else:
                    params = {k: v for k, v in required.items() if any(p["name"] == k and p.get("required")
                                                                      for p in op["parameters"])}
                    params[name] = payload
                    r = get(dev_server, path, **params)
                tried += 1
                assert r.status_code in (200, 404, 422), (path, name, payload, r.status_code, r.text)
                if r.status_code == 200 and path == "/api/events" and name in ("actor", "with", "type", "outlet", "q"):
                    assert r.json()["total"] == 0, (name, payload)  # matched nothing: not `OR 1=1`, not a wildcard
                if r.status_code == 200 and path == "/api/quotes" and name in ("speaker", "q"):
                    assert r.json()["total"] == 0, (name, payload)
    assert tried > 100
    assert sha(dev_store) == before
    con = duckdb.connect(str(dev_store), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 100
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 34
    finally:
        con.close()


def test_no_route_writes(dev_server: str, dev_store: Path) -> None:
    before = sha(dev_store)
    spec = ok(dev_server, "/openapi.json")
    for path, ops in spec["paths"].items():
        assert set(ops) == {"get"}, path
        url = dev_server + path.replace("{article_id}", "000_866699556c336e71")
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert httpx.request(method, url, timeout=10).status_code == 405, (method, path)
    assert sha(dev_store) == before


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
            self._in_script = True
        self.handlers += [k for k in a if k.startswith("on")]
        self.urls += [v for k, v in a.items() if k in ("src", "href") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)


def test_pages_have_csp_and_no_inline_script_or_outside_asset(dev_server: str) -> None:
    for path in ("/", "/docs", "/api/events", "/static/app.js"):
        r = get(dev_server, path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "http" not in script_src
        assert r.headers["x-content-type-options"] == "nosniff"
    for page in ("/", "/docs"):
        html = get(dev_server, page).text
        tags = _Tags()
        tags.feed(html)
        assert tags.scripts and all(s.get("src", "").startswith("/static/") for s in tags.scripts)
        assert tags.inline == [] and tags.handlers == []
        assert all(u.startswith("/") for u in tags.urls), tags.urls  # nothing from a CDN
        for u in tags.urls:
            assert get(dev_server, u).status_code == 200, u
    spec = ok(dev_server, "/openapi.json")
    assert set(ROUTES) <= set(spec["paths"])
    for name in ("echarts", "zrender", "swagger-ui"):
        assert (STATIC / "vendor" / f"LICENSE-{name}").stat().st_size > 500


def _thread_server(db: Path, **kw: object):
    """The app under uvicorn in a thread on loopback (a real HTTP server, with a short busy wait)."""
    import threading

    import uvicorn

    from warta.api import create_app
    from webutil import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **kw), host="127.0.0.1", port=port, log_level="error"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return server, t, base


def test_store_busy_then_an_ingest_between_requests(dev_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    shutil.copy(dev_store, db)
    server, thread, base = _thread_server(db, busy_wait=0.5)
    try:
        n0 = ok(base, "/api/events", limit=1)["total"]
        time.sleep(0.6)  # idle: the server has closed the file
        # another process holds the write lock (as an ingest does while it writes a batch)
        holder = subprocess.Popen(
            [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', "
             "flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            t0 = time.monotonic()
            r = get(base, "/api/events", limit=2)
            assert r.status_code == 503 and r.json()["detail"] == "store busy: an ingest is writing (retry)"
            assert r.headers["retry-after"] == "1" and time.monotonic() - t0 < 3
        finally:
            holder.kill()
            holder.wait()
        assert ok(base, "/api/events", limit=2)["total"] == n0
        # an ingest beside the running server gets the file between requests, and the answers follow it
        rec = {"id": "beside-1", "published": "2024-06-01", "outlet": "Uji", "text": "Teks uji " * 30,
               "events": [{"type": "CONSULT", "date": "2024-06-01", "actor": {"name": "China", "country": "CHN"},
                           "recipient": {"name": "Russia", "country": "RUS"}, "text": "Teks uji", "span": [0, 8]}]}
        time.sleep(0.6)
        assert ingest_into(db, [rec], wait=5).new == 1
        assert ok(base, "/api/events", limit=1)["total"] == n0 + 1
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_timeline_counts_the_merged_facts_of_the_dyad(dev_server: str, dev_store: Path) -> None:
    """Each period of a country-pair timeline counts the distinct merged facts of the events between them."""
    con = duckdb.connect(str(dev_store), read_only=True)
    try:
        pairs = con.execute(
            "SELECT c_lo, c_hi FROM merged_events WHERE c_lo <> '' AND c_hi <> '' AND c_lo <> c_hi "
            "GROUP BY ALL ORDER BY count(*) DESC LIMIT 6").fetchall()
        expected = {}
        for lo, hi in pairs:
            expected[lo, hi] = dict(con.execute(
                "SELECT strftime(date_trunc('month', m.date_start), '%Y-%m'), count(DISTINCT m.id) FROM events e "
                "JOIN merged_events m ON m.id = e.merged_id WHERE ((e.actor_country = ? AND e.recipient_country = ?) "
                "OR (e.actor_country = ? AND e.recipient_country = ?)) AND e.date_start IS NOT NULL GROUP BY 1",
                [lo, hi, hi, lo]).fetchall())
    finally:
        con.close()
    assert len(pairs) == 6
    for (lo, hi), exp in expected.items():
        got = ok(dev_server, "/api/timeline", actor=hi, **{"with": lo})["periods"]
        assert {p["period"]: p["events"] for p in got if p["events"]} == exp, (lo, hi)


def test_serve_refuses_what_is_no_current_store(tmp_path: Path) -> None:
    def serve(db: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "warta.cli", "serve", "--db", str(db), "--port", "0"],
                              capture_output=True, text=True, timeout=60)

    r = serve(tmp_path / "none.duckdb")
    assert r.returncode == 2 and "no store at" in r.stderr
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database\n")
    r = serve(junk)
    assert r.returncode == 2 and "cannot open" in r.stderr and "Traceback" not in r.stderr
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR); INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    r = serve(old)
    assert r.returncode == 2 and "older than" in r.stderr and "warta ingest" in r.stderr
