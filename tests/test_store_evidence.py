"""Every stored event's and quote's evidence is ``text[span]`` of the text the store keeps (the dev set)."""

from __future__ import annotations

from pathlib import Path

from warta.shared import shared_path
from warta.store import Store


def test_text_span_is_the_evidence_for_every_event_and_quote(tmp_path: Path) -> None:
    from warta.pipeline import extract

    dev = shared_path("eval", "dev.jsonl")
    docs = list(extract([str(dev)]))
    with Store(tmp_path / "dev.duckdb") as st:
        st.ingest(docs)
        texts = dict(st.con.execute("SELECT id, text FROM articles").fetchall())
        assert len(texts) == len(docs) and all(isinstance(t, str) for t in texts.values())
        n = 0
        for table in ("events", "quotes"):
            rows = st.con.execute(f"SELECT article_id, span_start, span_end, text FROM {table}").fetchall()
            assert rows
            for aid, s0, s1, evidence in rows:
                assert s0 is not None and texts[aid][s0:s1] == evidence, (table, aid, s0, s1)
                n += 1
        assert n == st.count("events") + st.count("quotes")
        # each event side carries the canonical key its article's actors use
        keys = {k for (k,) in st.con.execute("SELECT DISTINCT key FROM actors").fetchall()}
        sides = st.con.execute(
            "SELECT actor_key FROM events WHERE actor_key IS NOT NULL UNION ALL "
            "SELECT recipient_key FROM events WHERE recipient_key IS NOT NULL").fetchall()
        assert sides and sum(k in keys for (k,) in sides) / len(sides) > 0.9
