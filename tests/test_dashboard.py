"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a real `warta serve`.

Screenshots go to build/screenshots/ (or $WARTA_SCREENSHOTS).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from webutil import CHROMIUM, CHROMIUM_ARGS, ingest, serve

SHOTS = Path(os.environ.get("WARTA_SCREENSHOTS", Path(__file__).resolve().parents[1] / "build" / "screenshots"))

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (.ci/run installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def new_page(browser: object, errors: list[str]) -> object:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: errors.append(f"{e}\n{e.stack}"))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.set_default_timeout(15_000)
    return page


def show(page: object, actor: str, other: str) -> None:
    page.fill("#actor-a", actor)
    page.fill("#actor-b", other)
    before = page.evaluate("() => window.warta.state.seq")
    page.click("#go")
    # the dashboard numbers each choice; it is shown when the latest one's answers are in
    page.wait_for_function("b => window.warta.state.seq > b && document.body.dataset.ready === "
                           "String(window.warta.state.seq)", arg=before)


def test_dashboard_china_russia(browser: object, dev_server: str) -> None:
    errors: list[str] = []
    page = new_page(browser, errors)
    page.goto(dev_server + "/")
    page.wait_for_function("() => window.warta && document.body.dataset.ready")
    show(page, "China", "Russia")
    assert page.inner_text("#status") == ""

    # the timeline chart has data points, and they are the API's
    api_tl = httpx.get(dev_server + "/api/timeline", params={"actor": "China", "with": "Russia"}).json()
    api_points = sum(p[q] for p in api_tl["periods"] for q in ("V-coop", "M-coop", "V-conf", "M-conf"))
    assert api_points > 0
    drawn = page.evaluate(
        "() => { const o = window.warta.charts().timeline.getOption();"
        " return o.series.filter(s => s.type === 'bar').reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0); }"
    )
    assert drawn == api_points == int(page.get_attribute("#timeline-chart", "data-points"))

    # the table: rows whose evidence is the API's, in its order
    rows = page.locator("#events-table tbody tr")
    api_ev = httpx.get(dev_server + "/api/events", params={"actor": "China", "with": "Russia", "limit": 20}).json()
    assert rows.count() == len(api_ev["items"]) > 0
    shown = [rows.nth(i).locator("td.evidence").inner_text() for i in range(rows.count())]
    assert shown == [e["text"].strip() for e in api_ev["items"]]

    # the network has nodes and edges, China among them
    assert int(page.get_attribute("#network-chart", "data-nodes")) > 2
    assert int(page.get_attribute("#network-chart", "data-edges")) > 1
    names = page.evaluate("() => window.warta.charts().network.getOption().series[0].data.map(n => n.id)")
    assert "CHN" in names and "RUS" in names
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)

    # a row opens the article with its evidence highlighted
    rows.first.click()
    page.wait_for_selector("#article-view:not([hidden]) mark.current")
    # the evidence may be cut into pieces where a quote overlaps it: together they are the event's text
    assert "".join(page.locator("#article-text mark.current").all_text_contents()) == api_ev["items"][0]["text"]
    assert page.locator("#article-text mark").count() >= 1
    page.screenshot(path=str(SHOTS / "article.png"))
    page.click("#article-close")
    assert page.locator("#article-view").is_hidden()

    # the language switch changes the labels
    assert page.inner_text("#timeline h2") == "Linimasa bulanan"
    page.click("#lang")
    assert page.inner_text("#timeline h2") == "Monthly timeline"
    assert page.inner_text("#events-table thead th:first-child") == "Type"
    assert page.evaluate("() => document.documentElement.lang") == "en"
    legend = page.evaluate("() => window.warta.charts().timeline.getOption().series.map(s => s.name)")
    assert "Verbal cooperation" in legend
    page.screenshot(path=str(SHOTS / "dashboard-en.png"), full_page=True)
    page.click("#lang")
    assert page.inner_text("#timeline h2") == "Linimasa bulanan"

    # a click on a network node makes it the actor (once the network redrawn by the language switch has
    # finished its layout: a click dispatched into a running force layout can meet nodes without positions)
    page.evaluate(
        "() => new Promise((resolve) => { const c = window.warta.charts().network;"
        " const done = () => { c.off('finished', done); resolve(); };"
        " c.on('finished', done); setTimeout(done, 5000); })"
    )
    page.evaluate(
        "() => { const c = window.warta.charts().network;"
        " c.trigger('click', {dataType: 'node', data: c.getOption().series[0].data.find(n => n.id === 'USA')}); }"
    )
    page.wait_for_function("() => window.warta.state.actor === 'USA'"
                           " && document.body.dataset.ready === String(window.warta.state.seq)")
    assert errors == []

    # an actor the store cannot name is said so, naming the field
    show(page, "Atlantis", "Russia")
    assert "actor 'Atlantis'" in page.inner_text("#status") and "unknown actor" in page.inner_text("#status")

    # the API docs render from the vendored Swagger UI under the same policy
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(dev_server + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 7
    assert errors == [] and console == []


def test_window_shrunk_to_nothing_and_back(browser: object, dev_server: str) -> None:
    # a headless browser shrinks the window to 1x1 now and then (around screenshots): the charts must live
    # through it and fill the window again afterwards
    errors: list[str] = []
    page = new_page(browser, errors)
    page.goto(dev_server + "/")
    page.wait_for_function("() => window.warta && document.body.dataset.ready")
    show(page, "China", "Russia")
    size = "() => { const c = window.warta.charts(); return [c.network.getWidth(), c.timeline.getWidth()]; }"
    before = page.evaluate(size)
    assert min(before) > 100
    page.set_viewport_size({"width": 1, "height": 1})
    page.wait_for_timeout(200)
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.wait_for_function("b => window.warta.charts().network.getWidth() < b", arg=before[0])
    assert errors == []
    assert 100 < page.evaluate(size)[0] < before[0]
    page.close()


XSS = [
    "<script>window.__xss = 'script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "<svg onload=\"window.__xss='svg'\"></svg>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:window.__xss='link'",
]


def _xss_records() -> list[dict]:
    payload = " ".join(XSS)
    text = (
        f"Jakarta - Menteri Luar Negeri China bertemu Menteri Luar Negeri Rusia di Jakarta. {payload} "
        f"Keduanya membahas kerja sama. \"Kami siap {XSS[1]} bekerja sama\", kata juru bicara itu. "
        + " ".join(f"kata{i}" for i in range(60))
    )
    ev_text = f"Menteri Luar Negeri China bertemu Menteri Luar Negeri Rusia di Jakarta. {payload}"
    q_text = f"Kami siap {XSS[1]} bekerja sama"
    s = text.index(ev_text)
    qs = text.index(q_text)
    recs = []
    for i in (1, 2):
        recs.append({
            "id": f"xss-{i}",
            "url": "javascript:window.__xss='url'",
            "published": "2023-05-0" + str(i),
            "outlet": XSS[2] if i == 1 else XSS[0],
            "title": XSS[1] + " judul",
            "text": text,
            "actors": [{"name": XSS[0], "country": "CHN", "kind": "person"},
                       {"name": XSS[1], "country": "RUS", "kind": "person"}],
            "events": [{"type": "CONSULT", "date": "2023-05-01", "mutual": True,
                        "actor": {"name": XSS[0], "country": "CHN"}, "recipient": {"name": XSS[1], "country": "RUS"},
                        "text": ev_text, "span": [s, s + len(ev_text)], "cue": XSS[3]}],
            "quotes": [{"speaker": {"name": XSS[3], "country": "CHN"}, "addressee": {"name": XSS[4]},
                        "text": q_text, "span": [qs, qs + len(q_text)], "cue": "kata"}],
        })
    return recs


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    d = tmp_path_factory.mktemp("xss")
    src = d / "records.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _xss_records()), encoding="utf-8")
    ingest([src], d / "xss.duckdb", records=True)
    with serve(d / "xss.duckdb") as base:
        yield base


def test_payloads_in_text_names_and_quotes_never_run(browser: object, xss_server: str) -> None:
    api = httpx.get(xss_server + "/api/events", params={"actor": "CHN", "with": "RUS"}).json()
    assert api["total"] == 2 and api["items"][0]["actor_name"] == XSS[0]  # stored and served as given

    errors: list[str] = []
    page = new_page(browser, errors)
    page.goto(xss_server + "/")
    page.wait_for_function("() => window.warta && document.body.dataset.ready")
    show(page, "CHN", "RUS")
    page.wait_for_selector("#quote-list li .who")
    # every view that shows article text, names, outlets or quotes
    assert XSS[0] in page.inner_text("#events-table tbody")
    page.locator("#events-table tbody tr").first.click()
    page.wait_for_selector("#article-view:not([hidden]) mark.current")
    assert XSS[0] in page.inner_text("#article-text") and XSS[1] in page.inner_text("#article-title")
    link = page.get_attribute("#article-link", "href")
    assert link is None  # a javascript: URL is no link
    page.click("#article-close")
    assert XSS[3] in page.inner_text("#quote-list")
    page.locator("#story-list li").first.click()
    page.wait_for_selector("#story-view .card")
    assert XSS[2] in page.inner_text("#story-view") or XSS[0] in page.inner_text("#story-view")
    # hover the chart tooltips (they are HTML strings in ECharts)
    box = page.locator("#timeline-chart").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / "xss.png"), full_page=True)

    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img[src='x'], svg[onload], body script:not([src])").count() == 0
    assert not [e for e in errors if "dialog" in e], errors
