"""The learned event coder: candidates, the shipped scorer, training, cross-validation, `warta explain`.

Sentences are written for these tests. Articles of ../shared are read where the test says so.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.document import Document
from warta.evaluate.cv import Corpus, articles, cross_validate, pipeline_with, score, shared_dir, train_model
from warta.evaluate.folds import assign_folds
from warta.events.candidates import generate
from warta.events.scorer import Model, default_model, gold_label

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir()
PUB = "2024-11-12"
RULES = pipeline_with(None)


def rules_doc(text: str) -> Document:
    return RULES(Document(id="t", text=text, published=PUB, origin="<test>"))


def keys(text: str) -> set[tuple[str, str, str | None]]:
    doc = rules_doc(text)
    return {i.key for i in generate(doc, list(doc.events))}


def need_shared() -> None:
    if not (SHARED / "train" / "input.jsonl").exists():
        pytest.skip("../shared is not here")


# ---- candidates: every side in reach is proposed (the scorer decides) --------------------------------
def test_each_coordinated_side_is_a_candidate() -> None:
    k = keys("Jakarta - Pemerintah Australia mengusir diplomat Rusia, Iran dan Suriah pada Senin (11/11).")
    for c in ("RUS", "IRN", "SYR"):
        assert ("SANCTION", "AUS", c) in k


def test_a_noun_event_between_two_states_is_a_candidate_both_ways() -> None:
    k = keys("Jakarta - Bentrokan antara pasukan India dan Pakistan di perbatasan Kashmir kembali terjadi Senin.")
    assert {("ASSAULT", "IND", "PAK"), ("ASSAULT", "PAK", "IND")} & k


def test_a_recipient_behind_a_title_is_a_candidate() -> None:
    k = keys("Jakarta - Perdana Menteri Jepang mengucapkan selamat kepada Presiden terpilih Brasil pada Senin.")
    assert ("SUPPORT", "JPN", "BRA") in k


def test_the_speaker_of_a_quote_is_a_side_of_a_cue_inside_it() -> None:
    text = ("Jakarta - Menteri Luar Negeri Iran Abbas Araghchi menanggapi hal itu pada Senin (11/11). "
            "“Kami mengecam keras serangan Israel terhadap rakyat Gaza,” kata Araghchi.")
    doc = rules_doc(text)
    insts = generate(doc, list(doc.events))
    assert any(i.key[:2] == ("ACCUSE", "IRN") and i.actor.pos in ("Q", "L", "P") for i in insts)


def test_blame_without_an_accusing_verb_is_an_accuse_candidate() -> None:
    text = ("Jakarta - Menteri Lingkungan Malaysia mengatakan Indonesia bertanggung jawab atas kabut asap yang "
            "menyelimuti Kuala Lumpur sejak Senin (11/11).")
    doc = rules_doc(text)
    insts = generate(doc, list(doc.events))
    para = [i for i in insts if i.cue.voice == "paraphrase"]
    assert any(i.key == ("ACCUSE", "MYS", "IDN") and "ACCUSE|voice=paraphrase" in i.features for i in para)
    assert not any(i.type == "ACCUSE" for i in doc.events)  # the rule coder does not read paraphrase cues


def test_a_call_said_with_a_deontic_word_is_a_request_candidate() -> None:
    k = keys("Jakarta - Presiden Prancis mengatakan Rusia harus segera menarik pasukannya dari Ukraina, Senin.")
    assert ("REQUEST", "FRA", "RUS") in k


def test_paraphrase_cues_are_data_with_corpus_counts() -> None:
    from warta.events.lexicon import get_lexicon

    para = get_lexicon().paraphrases
    assert {"ACCUSE", "REQUEST", "THREATEN", "REJECT"} <= set(para)
    lexicon_types = set(get_lexicon().quad)
    assert set(para) <= lexicon_types
    text = (ROOT / "src/warta/events/data/paraphrases.yaml").read_text(encoding="utf-8")
    auto = get_lexicon().automaton
    for t, forms in para.items():
        for f in forms:
            assert f == " ".join(f.lower().split()) and f in text
            assert not (auto.exists(f) and t in {c.type for c in auto.get(f)}), f"{f} is a {t} cue already"


def test_features_are_computed_for_every_candidate() -> None:
    doc = rules_doc("Jakarta - Presiden China Xi Jinping bertemu Presiden Rusia Vladimir Putin di Moskow, Senin.")
    insts = generate(doc, list(doc.events))
    assert insts and all(any(f.startswith("T=") for f in i.features) for i in insts)


# ---- labels ------------------------------------------------------------------------------------------
def test_gold_label_reads_direction_and_optional() -> None:
    gold = [{"type": "ACCUSE", "actor": {"country": "USA"}, "recipient": {"country": "IRN"}},
            {"type": "CONSULT", "actor": {"country": "CHN"}, "recipient": {"country": "RUS"}},
            {"type": "SUPPORT", "optional": True, "actor": {"country": "JPN"}, "recipient": None}]
    assert gold_label(("ACCUSE", "USA", "IRN"), gold) == 1
    assert gold_label(("ACCUSE", "IRN", "USA"), gold) == 0  # directed
    assert gold_label(("CONSULT", "RUS", "CHN"), gold) == 1  # CONSULT is unordered
    assert gold_label(("SUPPORT", "JPN", None), gold) is None  # optional: neither
    assert gold_label(("SUPPORT", "JPN", "USA"), gold) == 0


# ---- the shipped model -------------------------------------------------------------------------------
def test_shipped_model_loads_and_marks_events() -> None:
    model = default_model()
    assert model is not None, "no shipped model: run `warta train`"
    from warta.pipeline import extract_text

    doc = extract_text("Beijing - Menteri Luar Negeri China Wang Yi bertemu dengan Menteri Luar Negeri Rusia "
                       "Sergei Lavrov di Beijing pada Senin (11/11).", published=PUB)
    ev = [e for e in doc.events if e.type == "CONSULT"]
    assert ev and ev[0].model == model.version
    assert model.threshold <= ev[0].confidence <= 1.0
    rec = doc.to_record()["events"][0]
    assert rec["confidence"] == ev[0].confidence and rec["model"] == model.version


def test_shipped_model_scores_dev_as_recorded_in_results() -> None:
    need_shared()
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8")
    m = re.search(r"shipped model on dev: events F1 ([0-9.]+)", results)
    assert m, "bench/RESULTS.md records the shipped model's dev F1"
    recs = [json.loads(x) for x in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    from warta.evaluate.cv import extract_records

    preds = extract_records(recs, default_model())
    gold = SHARED / "eval" / "gold"
    tot, _ = score(preds, gold, [r["id"] for r in recs if (gold / f"{r['id']}.json").exists()])
    assert abs(tot["events"]["f1"] - float(m.group(1))) <= 0.01


def test_of_the_two_orders_of_a_visit_the_more_probable_is_kept() -> None:
    # both orders of a mutual fact are candidates at the same place; the event is the more probable one
    from warta.events.candidates import generate
    from warta.events.step import EventsStep
    from warta.pipeline import extract_text

    text = ("Jakarta - Kepala Badan Koordinasi Penanaman Modal Thomas Lembong dijadwalkan berkunjung ke China "
            "pekan depan untuk membahas investasi baru.")
    doc = extract_text(text, published=PUB)
    ev = [e for e in doc.events if e.type == "CONSULT"]
    assert len(ev) == 1
    step = EventsStep()
    rule_events = list(step.rules(copy.copy(doc)).events)
    best = step.scored(generate(doc, rule_events, step.model.meta.get("mined_cues")))
    orders = {k[1:]: p for k, (p, _) in best.items() if k[0] == "CONSULT" and k[2]}
    top = max(orders, key=orders.get)
    assert (ev[0].actor["country"], ev[0].recipient["country"]) == top
    assert ev[0].confidence == round(orders[top], 4)


def test_a_higher_confidence_cut_keeps_fewer_events_and_no_more_recall() -> None:
    need_shared()
    from warta.evaluate.cv import at_confidence, by_confidence, extract_records

    recs = [json.loads(x) for x in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    preds = extract_records(recs[:12], default_model())
    confs = [e["confidence"] for p in preds for e in p["events"]]
    assert confs and all(c is not None for c in confs)
    cut = sorted(confs)[len(confs) // 2]
    kept = at_confidence(preds, cut)
    assert [p["id"] for p in kept] == [p["id"] for p in preds]
    assert sum(len(p["events"]) for p in kept) == sum(1 for c in confs if c >= cut) < len(confs)
    gold = SHARED / "eval" / "gold"
    rows = by_confidence(preds, gold, [r["id"] for r in recs[:12] if (gold / f"{r['id']}.json").exists()],
                         cuts=(0.0, cut, 0.99))
    assert rows[0]["events"] == len(confs) > rows[1]["events"] >= rows[2]["events"]
    assert rows[0]["recall"] >= rows[1]["recall"] >= rows[2]["recall"]


# ---- training ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small() -> tuple[Corpus, list]:
    need_shared()
    c = Corpus.load(SHARED / "train" / "input.jsonl", SHARED / "train" / "gold")
    c = Corpus(c.records[:40], {r["id"]: c.gold[r["id"]] for r in c.records[:40]})
    folds = {r["id"]: i % 2 for i, r in enumerate(c.records)}
    return c, articles(c, folds)


def test_training_is_deterministic(small: tuple[Corpus, list], tmp_path: Path) -> None:
    _, items = small
    a, b = train_model(items, version="x"), train_model(items, version="x")
    a.save(tmp_path / "a.json.gz")
    b.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    loaded = Model.load(tmp_path / "a.json.gz")
    assert loaded.weights == pytest.approx({k: round(v, 5) for k, v in a.weights.items()})
    assert 0.0 < loaded.threshold < 1.0


def test_cross_validation_predicts_every_article_once(small: tuple[Corpus, list]) -> None:
    corpus, items = small
    folds = assign_folds((r["id"], r.get("published")) for r in corpus.records)
    for it in items:
        it.fold = folds[it.id]
    preds, ids = cross_validate(corpus, SHARED / "train" / "gold", arts=items, only_folds=[0, 1])
    assert sorted(ids) == sorted(i.id for i in items if i.fold in (0, 1))
    assert [p["id"] for p in preds] == ids
    assert all(e["model"] in ("cv-fold0", "cv-fold1") for p in preds for e in p["events"])


def test_folds_keep_days_together() -> None:
    arts = [(f"a{i}", f"2019-09-{10 + i // 7:02d}") for i in range(70)] + [(f"o{i}", f"2017-0{1 + i % 9}-01")
                                                                           for i in range(9)]
    f = assign_folds(arts)
    by_day: dict[str, set[int]] = {}
    for aid, day in arts:
        by_day.setdefault(day, set()).add(f[aid])
    assert all(len(v) == 1 for v in by_day.values())
    sizes = [sum(1 for v in f.values() if v == k) for k in range(5)]
    assert max(sizes) - min(sizes) <= 8


# ---- explain -----------------------------------------------------------------------------------------
def test_explain_prints_candidates_scores_and_verdicts() -> None:
    r = CliRunner().invoke(app, ["explain", "--published", PUB, "--text",
                                 "Jakarta - Amerika Serikat menuduh Iran berada di balik serangan terhadap kilang "
                                 "minyak Arab Saudi pada Senin (11/11)."])
    assert r.exit_code == 0, r.output
    assert "ACCUSE USA -> IRN" in r.output
    assert re.search(r"\d\.\d\d ACCUSE", r.output)
    assert "KEPT" in r.output or "dropped" in r.output


# ---- the store: confidence filter and recode ----------------------------------------------------------
def test_recode_replaces_articles_of_an_older_model_and_min_confidence_filters(tmp_path: Path) -> None:
    import duckdb

    from warta.pipeline import extract_text

    text = ("Jakarta - Menteri Luar Negeri China Wang Yi bertemu dengan Menteri Luar Negeri Rusia Sergei Lavrov "
            "di Beijing pada Senin (11/11). Amerika Serikat mengecam pertemuan itu pada Selasa.")
    rec = extract_text(text, id="a1", published=PUB).to_record()
    rec["text"] = text
    rec["published_from"] = "metadata"
    rec["model"] = "old-model"
    for e in rec["events"]:
        e["model"], e["confidence"] = "old-model", 0.01
    src = tmp_path / "old.jsonl"
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(src), "--records", "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["events", "--db", str(db), "--min-confidence", "0.5", "--format", "jsonl"])
    assert r.exit_code == 0 and '"CONSULT"' not in r.stdout  # the old model's 0.01 is filtered out
    r = runner.invoke(app, ["recode", "--db", str(db)])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(db), read_only=True)
    version = default_model().version
    assert con.execute("SELECT model FROM articles WHERE id = 'a1'").fetchone()[0] == version
    models = {row[0] for row in con.execute("SELECT model FROM events").fetchall()}
    assert models == {version}
    con.close()
    r = runner.invoke(app, ["recode", "--db", str(db)])
    assert "recoded 0 of 0" in r.output


# ---- domestic events and side names ------------------------------------------------------------------
def test_two_actors_of_one_country_make_a_domestic_candidate() -> None:
    k = keys("Jakarta - Tentara Suriah menyerang kelompok pemberontak Suriah di Idlib pada Senin (11/11).")
    assert ("ASSAULT", "SYR", "SYR") in k


def test_one_actor_whose_other_side_is_unnamed_makes_a_domestic_candidate() -> None:
    k = keys("Jakarta - Polisi Meksiko menangkap puluhan pengunjuk rasa di ibu kota pada Senin (11/11).")
    assert any(t == "COERCE" and a == r == "MEX" for t, a, r in k)


def test_the_naming_options_of_a_side_are_its_country_mentions_near_the_cue() -> None:
    from warta.events import naming

    doc = rules_doc("Jakarta - Menteri Luar Negeri Amerika Serikat Antony Blinken bertemu Menteri Luar Negeri "
                    "China Wang Yi di Beijing pada Senin (11/11).")
    inst = next(i for i in generate(doc, list(doc.events)) if i.key == ("CONSULT", "USA", "CHN"))
    ix = naming.ArticleIndex(doc)
    names = {o.side("USA")["name"] for o in naming.options(ix, inst, inst.actor, "a")}
    assert "Antony Blinken" in names and all("Wang" not in n for n in names)
    person = naming.Namer({"k=person": 1.0})  # a chooser that prefers persons names the minister
    a, r = naming.name_sides(doc, ix, inst, person)
    assert a is not None and a["name"] == "Antony Blinken"
    assert r is not None and r["name"] == "Wang Yi"


def test_the_countrys_most_named_person_is_a_naming_option_beyond_the_two_sentences() -> None:
    from warta.events import naming

    doc = rules_doc("Jakarta - Menteri Luar Negeri Kanada Melanie Joly tiba di Jakarta pada Senin (11/11).\n\n"
                    "Joly akan menghadiri forum ekonomi di Bali.\n\nMenurut Joly, pembahasan berjalan lancar.\n\n"
                    "Cuaca di ibu kota cerah sepanjang hari.\n\n"
                    "Kanada kemudian mengecam Iran atas serangan terhadap kapal dagang di Teluk.")
    inst = next(i for i in generate(doc, list(doc.events)) if i.key[:2] == ("ACCUSE", "CAN"))
    ix = naming.ArticleIndex(doc)
    opts = naming.options(ix, inst, inst.actor, "a")
    top = [o for o in opts if "k=top_person" in o.features]
    assert len(top) == 1 and top[0].side("CAN")["name"].endswith("Joly"), [o.features[:2] for o in opts]


def test_the_shipped_model_carries_a_side_naming_chooser() -> None:
    m = default_model()
    assert m is not None and m.meta.get("namer")


def test_a_weaker_recipient_of_the_same_act_is_outranked() -> None:
    from warta.events.scorer import outranked

    best = {("ACCUSE", "USA", "IRN"): 0.9, ("ACCUSE", "USA", "SAU"): 0.5, ("ACCUSE", "USA", None): 0.85,
            ("SANCTION", "USA", "SAU"): 0.4, ("ACCUSE", "IRN", "USA"): 0.3}
    # another type, or another actor, is no rival; a recipient of the same act close to the best is kept
    assert outranked(best, 0.8) == {("ACCUSE", "USA", "SAU")}
    assert outranked(best, 0.0) == set()


def test_the_shipped_model_chose_its_rival_ratio_by_cross_validation() -> None:
    from warta.events.scorer import RIVAL_RATIOS, default_model

    m = default_model()
    assert m is not None and m.meta.get("rival_ratio") in RIVAL_RATIOS


def test_an_optional_gold_fact_is_a_weighted_positive_only_when_asked() -> None:
    from warta.events.candidates import Cue, Instance, SideRef
    from warta.events.scorer import Article, _matrix

    text = "Polisi membubarkan demonstran di Jakarta. Cuaca cerah."
    cue = Cue("COERCE", "membubarkan", "active", False, None, None, "M-conf", -5.0)
    inst = Instance("COERCE", SideRef("IDN", "L", None, None, 0), SideRef("IDN", "S", None, None, 99), cue,
                    7, 18, 0, ["T=COERCE"], sent_start=0, sent_end=41)
    gold = [{"type": "COERCE", "actor": {"country": "IDN"}, "recipient": {"country": "IDN"}, "optional": True,
             "text": "Polisi membubarkan demonstran di Jakarta"}]
    art = Article("a", 0, [inst], gold, text)
    assert _matrix([art]) == ([], [], [])
    X, y, w = _matrix([art], 0.3)
    assert y == [1] and w == [0.3] and X == [{"T=COERCE": 1}]
    # the same fact in a sentence that is not its evidence is left out
    other = Instance("COERCE", inst.actor, inst.recipient, cue, 42, 47, 1, ["T=COERCE"], sent_start=42,
                     sent_end=54)
    assert _matrix([Article("a", 0, [other], gold, text)], 0.3) == ([], [], [])


# ---- dates: an undated mention takes the date of another mention of the same fact ---------------------
def _consult_doc(when: str) -> tuple[Document, list, list]:
    text = ("Jakarta - Presiden Indonesia Joko Widodo bertemu Perdana Menteri Jepang Shigeru Ishiba di Tokyo "
            f"pada {when}.\n\nKeduanya membahas perdagangan. Indonesia dan Jepang juga bertemu untuk "
            "membahas energi.")
    doc = rules_doc(text)
    insts = [i for i in generate(doc, list(doc.events)) if i.key == ("CONSULT", "IDN", "JPN")]
    return doc, [i for i in insts if i.sentence == 0], [i for i in insts if i.sentence == 2]


def test_an_undated_event_takes_the_date_of_a_dated_mention_of_its_fact() -> None:
    from warta.dates import find_expressions
    from warta.events import step

    doc, dated, later = _consult_doc("Senin (11/11)")
    assert dated and later
    exprs = find_expressions(doc.text)
    ev = step._build(doc, later[0], exprs)
    assert ev is not None and ev.date_from == "default" and ev.date == PUB
    moved = step._dated_mention(doc, ev, [(0.9, later[0]), (0.5, dated[0])], 0.9, exprs)
    assert moved.date == "2024-11-11" and moved.date_from == "text"
    assert moved.span[0] == doc.sentences[0].start and doc.text[moved.span[0]:moved.span[1]] == moved.text
    # a mention far less probable than the best one does not date the fact
    kept = step._dated_mention(doc, ev, [(0.9, later[0]), (0.9 * step.DATED_RATIO / 2, dated[0])], 0.9, exprs)
    assert kept.date == PUB and kept.date_from == "default"


def test_a_background_mention_of_the_fact_does_not_date_the_news_event() -> None:
    from warta.dates import find_expressions
    from warta.events import step

    doc, dated, later = _consult_doc("3 Oktober 2023")  # a year before: another meeting, not this one
    exprs = find_expressions(doc.text)
    ev = step._build(doc, later[0], exprs)
    assert ev is not None and step._build(doc, dated[0], exprs).date == "2023-10-03"
    kept = step._dated_mention(doc, ev, [(0.9, later[0]), (0.9, dated[0])], 0.9, exprs)
    assert kept.date == PUB and kept.span == ev.span
