// warta dashboard. Every value from the API reaches the page as text (textContent, text nodes,
// escaped tooltip strings); no HTML is built from data, and links are only http(s).
"use strict";

(function () {
  const I18N = {
    id: {
      tagline: "Peristiwa dari berita Indonesia", apiDocs: "Dokumentasi API", langSwitch: "English",
      actorA: "Aktor", actorB: "Dengan", actorHint: "kode atau nama, mis. Tiongkok", since: "Sejak", until: "Sampai",
      show: "Tampilkan", timeline: "Linimasa bulanan", events: "Peristiwa", network: "Jaringan aktor",
      networkHint: "Tebal garis = jumlah peristiwa; hijau = kerja sama, merah = konflik. Klik simpul untuk menjadikannya aktor.",
      quotes: "Kutipan", speaker: "Pembicara", word: "Kata", search: "Cari", stories: "Cerita",
      colType: "Jenis", colDate: "Tanggal", colActor: "Pelaku", colRecipient: "Sasaran", colAux: "Status",
      colOutlet: "Media", colSources: "Sumber", colEvidence: "Bukti", prev: "Sebelumnya", next: "Berikutnya",
      close: "Tutup", source: "Buka sumber", score: "Skor kerja sama/konflik", events_n: "peristiwa",
      of: "dari", articles: "artikel", loading: "Memuat…", noEvents: "Tidak ada peristiwa.",
      noQuotes: "Tidak ada kutipan.", noStories: "Tidak ada cerita.", pickTwo: "Pilih dua aktor.",
      "V-coop": "Kerja sama verbal", "M-coop": "Kerja sama material", "V-conf": "Konflik verbal",
      "M-conf": "Konflik material", happened: "terjadi", future: "akan", hypothetical: "hipotetis",
      negated: "disangkal", noSource: "(tanpa tautan sumber)",
    },
    en: {
      tagline: "Events from Indonesian news", apiDocs: "API docs", langSwitch: "Bahasa Indonesia",
      actorA: "Actor", actorB: "With", actorHint: "code or name, e.g. China", since: "Since", until: "Until",
      show: "Show", timeline: "Monthly timeline", events: "Events", network: "Actor network",
      networkHint: "Edge width = events; green = cooperation, red = conflict. Click a node to make it the actor.",
      quotes: "Quotes", speaker: "Speaker", word: "Word", search: "Search", stories: "Stories",
      colType: "Type", colDate: "Date", colActor: "Actor", colRecipient: "Recipient", colAux: "Status",
      colOutlet: "Outlet", colSources: "Sources", colEvidence: "Evidence", prev: "Previous", next: "Next",
      close: "Close", source: "Open source", score: "Cooperation/conflict score", events_n: "events",
      of: "of", articles: "articles", loading: "Loading…", noEvents: "No events.",
      noQuotes: "No quotes.", noStories: "No stories.", pickTwo: "Pick two actors.",
      "V-coop": "Verbal cooperation", "M-coop": "Material cooperation", "V-conf": "Verbal conflict",
      "M-conf": "Material conflict", happened: "happened", future: "future", hypothetical: "hypothetical",
      negated: "negated", noSource: "(no source link)",
    },
  };
  const QUADS = ["V-coop", "M-coop", "V-conf", "M-conf"];
  const QUAD_COLORS = { "V-coop": "#7fc97f", "M-coop": "#2e8b57", "V-conf": "#f0a04b", "M-conf": "#c0392b" };
  const PAGE = 20;

  const state = { seq: 0, lang: "id", actor: "", with: "", since: "", until: "", offset: 0, timeline: null, network: null };
  const $ = (id) => document.getElementById(id);
  const t = (k) => (I18N[state.lang][k] !== undefined ? I18N[state.lang][k] : k);

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"'`=\/]/g, (c) => "&#" + c.charCodeAt(0) + ";");
  }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    try {
      const url = new URL(u, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function side(name, country) {
    if (!name && !country) return "–";
    if (name && country && name !== country) return name + " (" + country + ")";
    return name || country;
  }
  function status(msg, isError) {
    const s = $("status");
    s.textContent = msg || "";
    s.classList.toggle("error", !!isError);
  }

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
    const r = await fetch(path + (q.toString() ? "?" + q : ""), { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new Error((body && body.detail) || r.status + " " + r.statusText);
    return body;
  }

  // ---- language --------------------------------------------------------------------------------
  function applyLang() {
    document.documentElement.lang = state.lang;
    for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
    for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.placeholder = t(n.dataset.i18nPlaceholder);
    $("lang").textContent = t("langSwitch");
    if (state.timeline) drawTimeline(state.timeline);
    if (state.network) drawNetwork(state.network);
    if (state.eventsPage) drawEvents(state.eventsPage);
    if (state.storiesLoaded) loadStories();
  }

  // ---- actors ----------------------------------------------------------------------------------
  let actorTimer = null;
  function suggestActors(q) {
    clearTimeout(actorTimer);
    actorTimer = setTimeout(async () => {
      try {
        const res = await api("/api/actors", { q: q, top: 15 });
        const list = $("actor-list");
        list.replaceChildren(...res.items.map((a) => el("option", { value: a.name || a.country || "" },
          side(a.name, a.country))));
      } catch (e) { /* suggestions are optional */ }
    }, 200);
  }

  // ---- timeline --------------------------------------------------------------------------------
  let timelineChart = null;
  function drawTimeline(data) {
    if (!timelineChart) timelineChart = echarts.init($("timeline-chart"), null, { renderer: "canvas" });
    const periods = data.periods.map((p) => p.period);
    const series = QUADS.map((q) => ({
      name: t(q), type: "bar", stack: "quad", itemStyle: { color: QUAD_COLORS[q] },
      data: data.periods.map((p) => p[q] || 0),
    }));
    series.push({ name: t("score"), type: "line", yAxisIndex: 1, smooth: false, symbolSize: 5,
      itemStyle: { color: "#17324f" }, data: data.periods.map((p) => Number(p.score || 0).toFixed(1)) });
    timelineChart.setOption({
      animation: false,
      tooltip: { trigger: "axis", formatter: (ps) => esc(ps[0].axisValue) + "<br>" +
        ps.map((p) => esc(p.seriesName) + ": " + esc(p.value)).join("<br>") },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: "category", data: periods },
      yAxis: [{ type: "value", name: t("events_n"), minInterval: 1 }, { type: "value", name: t("score") }],
      series: series,
    }, true);
    const points = data.periods.reduce((n, p) => n + QUADS.reduce((m, q) => m + (p[q] || 0), 0), 0);
    $("timeline-chart").dataset.points = String(points);
    $("timeline-chart").dataset.periods = String(periods.length);
  }

  // ---- events ----------------------------------------------------------------------------------
  function drawEvents(page) {
    const body = $("events-table").tBodies[0];
    if (!page.items.length) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "8" }, t("noEvents"))));
    } else {
      body.replaceChildren(...page.items.map((e) => {
        const tr = el("tr", { dataset: { article: e.article_id, idx: String(e.idx) } },
          el("td", { class: "quad-" + (e.quad || "") }, e.type),
          el("td", {}, e.date || e.published || ""),
          el("td", {}, side(e.actor_name, e.actor_country)),
          el("td", {}, side(e.recipient_name, e.recipient_country)),
          el("td", {}, t(e.aux || "happened")),
          el("td", {}, e.outlet || ""),
          el("td", {}, e.sources === null || e.sources === undefined ? "1" : String(e.sources)),
          el("td", { class: "evidence" }, e.text || ""));
        tr.addEventListener("click", () => openArticle(e.article_id, { kind: "event", idx: e.idx }));
        return tr;
      }));
    }
    const end = Math.min(page.offset + page.items.length, page.total);
    $("ev-page").textContent = (page.total ? page.offset + 1 : 0) + "–" + end + " " + t("of") + " " + page.total;
    $("ev-prev").disabled = page.offset <= 0;
    $("ev-next").disabled = end >= page.total;
  }
  async function loadEvents() {
    const page = await api("/api/events", { actor: state.actor, with: state.with, since: state.since,
      until: state.until, limit: PAGE, offset: state.offset });
    state.eventsPage = page;
    drawEvents(page);
  }

  // ---- network ---------------------------------------------------------------------------------
  let networkChart = null;
  function drawNetwork(data) {
    if (!networkChart) {
      networkChart = echarts.init($("network-chart"), null, { renderer: "canvas" });
      networkChart.on("click", (p) => {
        if (p.dataType === "node" && p.data && p.data.pick) {
          $("actor-a").value = p.data.pick;
          show();
        }
      });
    }
    const maxW = Math.max(1, ...data.edges.map((e) => e.events));
    const maxN = Math.max(1, ...data.nodes.map((n) => n.events));
    // start the force layout from a circle, not from random points: the same data draws the same network
    const nodes = data.nodes.map((n, i) => ({
      x: 300 * Math.cos((2 * Math.PI * i) / data.nodes.length), y: 300 * Math.sin((2 * Math.PI * i) / data.nodes.length),
      id: n.id, name: n.name || n.country || n.id, pick: data.level === "country" ? n.id : (n.name || n.id), value: n.events,
      symbolSize: 10 + 30 * Math.sqrt(n.events / maxN),
      itemStyle: { color: n.name === state.actor || n.country === state.actor ? "#ffb000" : "#5b7ea8" },
    }));
    const edges = data.edges.map((e) => ({
      source: e.source, target: e.target, value: e.events, coop: e.coop, conf: e.conf,
      lineStyle: { width: 1 + 9 * (e.events / maxW), color: e.coop >= e.conf ? "#2e8b57" : "#c0392b", opacity: 0.7 },
    }));
    networkChart.setOption({
      animation: false,
      tooltip: { formatter: (p) => p.dataType === "edge"
        ? esc(p.data.source) + " – " + esc(p.data.target) + ": " + esc(p.data.value) + " " + esc(t("events_n")) +
          " (+" + esc(p.data.coop) + " / −" + esc(p.data.conf) + ")"
        : esc(p.data.name) + ": " + esc(p.data.value) + " " + esc(t("events_n")) },
      series: [{ type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links: edges,
        label: { show: true, position: "right", fontSize: 11 }, force: { repulsion: 160, edgeLength: [40, 140], layoutAnimation: false },
        emphasis: { focus: "adjacency" } }],
    }, true);
    $("network-chart").dataset.nodes = String(nodes.length);
    $("network-chart").dataset.edges = String(edges.length);
  }

  // ---- article ---------------------------------------------------------------------------------
  function highlighted(text, marks) {
    // marks: [{start, end, cls}] — cut the text at every boundary and mark each piece with all covering classes
    const cuts = new Set([0, text.length]);
    for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
    const pos = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < pos.length; i++) {
      const a = pos[i], b = pos[i + 1];
      const piece = text.slice(a, b);
      const cover = marks.filter((m) => m.start <= a && m.end >= b);
      if (!cover.length) { out.push(document.createTextNode(piece)); continue; }
      const cls = [...new Set(cover.map((m) => m.cls))].join(" ");
      const mk = el("mark", { class: cls }, piece);
      const cur = cover.find((m) => m.current);
      if (cur) mk.classList.add("current");
      out.push(mk);
    }
    return out;
  }
  async function openArticle(id, focus) {
    let a;
    try {
      a = await api("/api/articles/" + encodeURIComponent(id));
    } catch (e) {
      status(e.message, true);
      return;
    }
    const marks = [];
    for (const e of a.events) if (e.span) marks.push({ start: e.span[0], end: e.span[1], cls: "event",
      current: focus && focus.kind === "event" && focus.idx === e.idx });
    for (const q of a.quotes) if (q.span) marks.push({ start: q.span[0], end: q.span[1], cls: "quote",
      current: focus && focus.kind === "quote" && focus.idx === q.idx });
    $("article-title").textContent = a.title || a.id;
    $("article-meta").textContent = [a.outlet, a.published, a.id].filter(Boolean).join(" · ");
    const link = $("article-link");
    const url = safeUrl(a.url);
    if (url) { link.href = url; link.textContent = t("source"); link.hidden = false; }
    else { link.removeAttribute("href"); link.textContent = t("noSource"); }
    const box = $("article-text");
    box.replaceChildren(...highlighted(a.text || "", marks));
    box.dataset.article = a.id;
    $("article-view").hidden = false;
    const cur = box.querySelector("mark.current");
    if (cur) cur.scrollIntoView({ block: "center" });
  }

  // ---- quotes and stories ----------------------------------------------------------------------
  async function loadQuotes(ev) {
    if (ev) ev.preventDefault();
    const list = $("quote-list");
    try {
      const res = await api("/api/quotes", { speaker: $("quote-speaker").value.trim(), q: $("quote-q").value.trim(),
        since: state.since, until: state.until, limit: 50 });
      if (!res.items.length) { list.replaceChildren(el("li", {}, t("noQuotes"))); return; }
      list.replaceChildren(...res.items.map((q) => {
        const li = el("li", {}, el("span", { class: "who" }, side(q.speaker_name, q.speaker_country)), ": “",
          q.text || "", "” ", el("span", { class: "meta" }, [q.outlet, q.published].filter(Boolean).join(" · ")));
        li.addEventListener("click", () => openArticle(q.article_id, { kind: "quote", idx: q.idx }));
        return li;
      }));
    } catch (e) { list.replaceChildren(el("li", { class: "error" }, e.message)); }
  }
  function showStory(s) {
    $("story-view").replaceChildren(...s.articles.map((a) => {
      const card = el("div", { class: "card" }, el("div", { class: "outlet" }, a.outlet || "?"),
        el("div", { class: "meta" }, a.published || ""), el("div", {}, a.title || a.id));
      card.addEventListener("click", () => openArticle(a.id, null));
      return card;
    }));
  }
  async function loadStories() {
    const list = $("story-list");
    try {
      const res = await api("/api/stories", { min_articles: 2, limit: 30 });
      state.storiesLoaded = true;
      if (!res.items.length) { list.replaceChildren(el("li", {}, t("noStories"))); return; }
      list.replaceChildren(...res.items.map((s) => {
        const li = el("li", {}, el("span", { class: "who" }, s.title || "#" + s.story), " ",
          el("span", { class: "meta" }, s.articles.length + " " + t("articles") + " · " + (s.outlets || []).join(", ")));
        li.addEventListener("click", () => showStory(s));
        return li;
      }));
    } catch (e) { list.replaceChildren(el("li", { class: "error" }, e.message)); }
  }

  // ---- the main view ---------------------------------------------------------------------------
  async function loadNetwork() {
    state.network = await api("/api/network", { since: state.since, until: state.until, top: 80 });
    drawNetwork(state.network);
  }
  async function show(ev) {
    if (ev) ev.preventDefault();
    const my = ++state.seq;
    state.actor = $("actor-a").value.trim();
    state.with = $("actor-b").value.trim();
    state.since = $("since").value.trim();
    state.until = $("until").value.trim();
    state.offset = 0;
    status(t("loading"));
    const jobs = [loadEvents(), loadNetwork()];
    if (state.actor && state.with) {
      jobs.push(api("/api/timeline", { actor: state.actor, with: state.with, since: state.since, until: state.until })
        .then((d) => { state.timeline = d; drawTimeline(d); }));
    }
    const res = await Promise.allSettled(jobs);
    if (my !== state.seq) return;  // a newer choice is on its way: its answers tell
    const bad = res.find((r) => r.status === "rejected");
    if (bad) status(bad.reason.message, true);
    else status(state.actor && state.with ? "" : t("pickTwo"));
    document.body.dataset.ready = String(my);
  }

  function init() {
    state.lang = localStorage.getItem("warta.lang") === "en" ? "en" : "id";
    applyLang();
    $("lang").addEventListener("click", () => {
      state.lang = state.lang === "id" ? "en" : "id";
      localStorage.setItem("warta.lang", state.lang);
      applyLang();
    });
    $("pick").addEventListener("submit", show);
    for (const id of ["actor-a", "actor-b"]) $(id).addEventListener("input", (e) => suggestActors(e.target.value));
    $("ev-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
    $("ev-next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
    $("article-close").addEventListener("click", () => { $("article-view").hidden = true; });
    $("article-view").addEventListener("click", (e) => { if (e.target === $("article-view")) $("article-view").hidden = true; });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") $("article-view").hidden = true; });
    $("quote-form").addEventListener("submit", loadQuotes);
    // a window shrunk to nothing (a headless browser does it around a screenshot, a tiling window manager may too)
    // leaves a chart no room: echarts cannot invert the network's view then and throws; such a chart keeps its
    // size until the window gives it room again
    window.addEventListener("resize", () => {
      for (const c of [timelineChart, networkChart]) if (c && c.getDom().clientWidth > 0 && c.getDom().clientHeight > 0) c.resize();
    });
    suggestActors("");
    loadStories();
    loadQuotes();
    show();
    window.warta = { state, charts: () => ({ timeline: timelineChart, network: networkChart }) };
  }
  document.addEventListener("DOMContentLoaded", init);
})();
