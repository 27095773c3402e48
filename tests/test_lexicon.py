"""Checks for the event cue lexicon (src/warta/events/data/lexicon.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from warta.shared import shared_path

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "src" / "warta" / "events" / "data" / "lexicon.yaml"
SPEC = shared_path("spec", "EVENTS.md")

# EVENTS.md §3 table: type -> (quad, score)
TABLE = {
    "AGREE": ("V-coop", 2.5),
    "CONSULT": ("V-coop", 2.5),
    "SUPPORT": ("V-coop", 5.0),
    "CONCEDE": ("V-coop", 4.5),
    "COOPERATE": ("M-coop", 9.5),
    "AID": ("M-coop", 10.0),
    "RETREAT": ("M-coop", 6.5),
    "REQUEST": ("V-conf", 0.0),
    "ACCUSE": ("V-conf", -3.0),
    "REJECT": ("V-conf", -2.0),
    "THREATEN": ("V-conf", -3.5),
    "PROTEST": ("M-conf", -5.0),
    "SANCTION": ("M-conf", -6.0),
    "MOBILIZE": ("M-conf", -5.5),
    "COERCE": ("M-conf", -7.0),
    "ASSAULT": ("M-conf", -9.0),
}
VOICES = {"active", "passive", "noun"}
CONSULT_MODES = {None, "visit", "phone", "multilateral", "third-party"}
CUE_KEYS = {"forms", "voice", "mutual", "mode", "recipient_preps", "note", "shared", "requires", "domestic"}
VERBAL = {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


@pytest.fixture(scope="module")
def lex() -> dict:
    with LEXICON.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def all_cues(lex):
    for t, spec in lex["types"].items():
        for cue in spec["cues"]:
            yield t, cue


# ---------------------------------------------------------------- schema


def test_loads_and_top_level(lex):
    assert lex["version"] == 1
    for key in ("types", "negation", "future", "hypothetical", "verbal_types", "off_contexts"):
        assert key in lex, key
    assert set(lex["verbal_types"]) == VERBAL


def test_every_type_with_quad_and_score(lex):
    assert set(lex["types"]) == set(TABLE)
    for t, (quad, score) in TABLE.items():
        assert lex["types"][t]["quad"] == quad, t
        assert float(lex["types"][t]["score"]) == pytest.approx(score), t


def test_table_matches_events_md(lex):
    from conftest import need_shared

    need_shared("spec", "EVENTS.md")
    rows = re.findall(
        r"^\| ([A-Z]+) \| ([VM]-(?:coop|conf)), ([−\-]?[\d.]+) \|", SPEC.read_text(encoding="utf-8"), re.M
    )
    assert len(rows) == 16
    for t, quad, score in rows:
        assert lex["types"][t]["quad"] == quad
        assert float(lex["types"][t]["score"]) == pytest.approx(float(score.replace("−", "-")))


def test_cues_well_formed(lex):
    for t, cue in all_cues(lex):
        assert set(cue) <= CUE_KEYS, (t, set(cue) - CUE_KEYS)
        assert cue["forms"] and isinstance(cue["forms"], list), t
        assert cue["voice"] in VOICES, (t, cue["voice"])
        assert isinstance(cue.get("mutual", False), bool)
        assert isinstance(cue.get("recipient_preps", []), list)
        assert isinstance(cue.get("requires", []), list) and all(w == w.lower() for w in cue.get("requires", []))
        assert "kwic count" in cue.get("note", ""), (t, cue["forms"][:3])
        if t == "CONSULT":
            assert cue.get("mode") in CONSULT_MODES, cue.get("mode")


def test_forms_lowercase_and_normalised(lex):
    def check(s):
        assert isinstance(s, str) and s, s
        assert s == s.lower(), s
        assert s == " ".join(s.split()), repr(s)

    for _, cue in all_cues(lex):
        for f in cue["forms"]:
            check(f)
        for p in cue.get("recipient_preps", []):
            check(p)
    for t in lex["types"].values():
        for b in t.get("blockers", []):
            check(b)
    for key in ("negation", "future", "hypothetical", "off_contexts"):
        for w in lex[key]:
            check(w)


def test_no_form_under_two_types_unless_shared(lex):
    owners: dict[str, list[tuple[str, bool]]] = {}
    for t, cue in all_cues(lex):
        for f in cue["forms"]:
            owners.setdefault(f, []).append((t, bool(cue.get("shared"))))
    for f, where in owners.items():
        types = {t for t, _ in where}
        assert len(where) == len(types), f"{f!r} listed twice in one type"
        if len(types) > 1:
            assert all(shared for _, shared in where), f"{f!r} under {sorted(types)} without shared: true"


def test_coverage_per_type(lex):
    for t, spec in lex["types"].items():
        n = sum(len(c["forms"]) for c in spec["cues"])
        assert n >= 20, (t, n)


def test_key_modes(lex):
    def cue_of(form):
        return next((t, c) for t, c in all_cues(lex) if form in c["forms"])

    assert cue_of("serangan udara")[1]["mode"] == "aerial"
    assert cue_of("menelepon")[1]["mode"] == "phone"
    assert cue_of("kunjungan kenegaraan")[1]["mode"] == "visit"
    assert cue_of("ktt")[1]["mode"] == "multilateral"
    assert cue_of("mengusir diplomat")[1]["mode"] == "expel"
    assert cue_of("bertemu")[1]["mutual"] is True
    assert cue_of("bentrok")[1]["mutual"] is True
    assert cue_of("menyerang")[1]["voice"] == "active"
    assert cue_of("diserang")[1]["voice"] == "passive"
    assert cue_of("serangan")[1]["voice"] == "noun"


def test_ceasefire_split(lex):
    def type_of(form):
        return next(t for t, c in all_cues(lex) if form in c["forms"])

    assert type_of("menyepakati gencatan senjata") == "CONCEDE"
    assert type_of("gencatan senjata berlaku") == "RETREAT"
    assert type_of("menarik duta besar") == "SANCTION"
    assert type_of("memanggil duta besar") == "ACCUSE"


def test_known_non_events_guarded(lex):
    forms = {f for _, c in all_cues(lex) for f in c["forms"]}
    assert "pendukung" not in forms  # fans, not support
    assert "diri" in lex["types"]["COERCE"]["blockers"]  # menahan diri
    assert "berkomentar" in lex["types"]["REJECT"]["blockers"]  # menolak berkomentar
    assert "jantung" in lex["types"]["ASSAULT"]["blockers"]  # serangan jantung
    for phrase in (
        "organisasi kerja sama shanghai",
        "organisasi kerja sama islam",
        "dewan kerja sama teluk",
        "baca juga",
        "serangan jantung",
    ):
        assert phrase in lex["off_contexts"], phrase
    for w in ("tidak", "batal", "gagal"):
        assert w in lex["negation"]
    for w in ("akan", "dijadwalkan", "mendatang"):
        assert w in lex["future"]
    for w in ("jika", "bisa saja"):
        assert w in lex["hypothetical"]


# ---------------------------------------------------------------- coverage

TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def lookup(lex, sentence: str) -> set[str]:
    """Types of the maximal (longest, not contained in a longer match) whole-word form matches."""
    toks = TOKEN.findall(sentence.lower())
    forms: dict[tuple[str, ...], set[str]] = {}
    for t, cue in all_cues(lex):
        for f in cue["forms"]:
            forms.setdefault(tuple(TOKEN.findall(f)), set()).add(t)
    hits = []
    for i in range(len(toks)):
        for key, types in forms.items():
            if tuple(toks[i : i + len(key)]) == key:
                hits.append((i, i + len(key), types))
    kept = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)]
    return set().union(*(h[2] for h in kept)) if kept else set()


# Our own short sentences (not news text), each with the type its cue should give.
SENTENCES = [
    ("Menteri luar negeri kedua negara bertemu di Jakarta pada Senin.", "CONSULT"),
    ("Presiden Prancis akan melakukan kunjungan kenegaraan ke Indonesia bulan depan.", "CONSULT"),
    ("Perdana menteri itu menelepon kanselir Jerman soal krisis energi.", "CONSULT"),
    ("Kedua pemimpin berbicara di sela-sela KTT di Bali.", "CONSULT"),
    ("Delegasi kedua pihak melanjutkan perundingan di Doha.", "CONSULT"),
    ("Pemerintah Jepang siap bekerja sama dengan Indonesia di bidang energi.", "AGREE"),
    ("Kedua menteri sepakat untuk memperluas perdagangan.", "AGREE"),
    ("Raja Yordania mengundang presiden Mesir ke Amman.", "AGREE"),
    ("Perdana menteri itu berjanji akan mempererat hubungan kedua negara.", "AGREE"),
    ("Australia menyatakan dukungan penuh kepada Timor Leste.", "SUPPORT"),
    ("Menlu Singapura mengucapkan selamat kepada presiden terpilih Filipina.", "SUPPORT"),
    ("Pemerintah menyampaikan belasungkawa atas korban gempa di Turki.", "SUPPORT"),
    ("Kedua negara menandatangani nota kesepahaman tentang perikanan.", "SUPPORT"),
    ("Pemerintah itu mengumumkan pelonggaran aturan visa bagi warga tetangganya.", "CONCEDE"),
    ("Pihak yang bertikai menyepakati gencatan senjata selama tiga hari.", "CONCEDE"),
    ("Angkatan laut kedua negara menggelar latihan militer bersama di Natuna.", "COOPERATE"),
    ("Malaysia memproses ekstradisi tersangka itu ke Jakarta.", "COOPERATE"),
    ("Jepang mengirimkan bantuan kemanusiaan ke Gaza.", "AID"),
    ("Ekuador memberikan suaka kepada aktivis itu.", "AID"),
    ("Israel menarik pasukan dari wilayah perbatasan.", "RETREAT"),
    ("Kelompok bersenjata itu membebaskan sandera warga asing.", "RETREAT"),
    ("Menteri itu mengundurkan diri setelah skandal.", "RETREAT"),
    ("Sekjen PBB menyerukan penghentian kekerasan.", "REQUEST"),
    ("Indonesia mendesak Dewan Keamanan segera bertindak.", "REQUEST"),
    ("Kemlu meminta kedua pihak menahan diri.", "REQUEST"),
    ("Kementerian luar negeri mengecam keras tindakan itu.", "ACCUSE"),
    ("Washington menuduh Beijing melakukan spionase.", "ACCUSE"),
    ("Kemlu memanggil duta besar negara itu untuk meminta penjelasan.", "ACCUSE"),
    ("Pemerintah membantah laporan tentang pengiriman senjata.", "REJECT"),
    ("Rusia menolak rancangan resolusi tersebut.", "REJECT"),
    ("Pemimpin Korea Utara mengancam akan membalas.", "THREATEN"),
    ("Ribuan buruh berunjuk rasa di depan gedung parlemen.", "PROTEST"),
    ("Warga negara itu memboikot produk impor.", "PROTEST"),
    ("Uni Eropa menjatuhkan sanksi terhadap pejabat Belarus.", "SANCTION"),
    ("Pemerintah mengusir diplomat asing itu.", "SANCTION"),
    ("Pemerintah menyatakan atase militer itu persona non grata.", "SANCTION"),
    ("Kedua negara memutuskan hubungan diplomatik.", "SANCTION"),
    ("Amerika Serikat mengenakan tarif impor pada baja China.", "SANCTION"),
    ("Militer mengerahkan pasukan ke perbatasan.", "MOBILIZE"),
    ("Korea Utara kembali melakukan uji coba rudal.", "MOBILIZE"),
    ("Polisi menangkap tiga tersangka di bandara.", "COERCE"),
    ("Imigrasi mendeportasi warga negara asing itu.", "COERCE"),
    ("Junta militer melakukan kudeta pekan lalu.", "COERCE"),
    ("Pesawat tempur melancarkan serangan udara ke kota itu.", "ASSAULT"),
    ("Pasukan kedua negara bentrok di perbatasan.", "ASSAULT"),
    ("Ledakan itu menewaskan lima orang.", "ASSAULT"),
    ("Tentara menyerbu markas pemberontak.", "ASSAULT"),
    ("Negara itu diinvasi tetangganya.", "ASSAULT"),
]


@pytest.mark.parametrize("sentence,expected", SENTENCES)
def test_coverage_sentence(lex, sentence, expected):
    found = lookup(lex, sentence)
    assert expected in found, (sentence, found)


def test_longest_form_wins(lex):
    assert lookup(lex, "Mereka siap bekerja sama.") == {"AGREE"}
    assert lookup(lex, "latihan militer bersama") == {"COOPERATE"}
    assert lookup(lex, "menarik diri dari perjanjian") == {"SANCTION"}
