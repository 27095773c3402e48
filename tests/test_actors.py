"""ActorsStep, gazetteer and tenure on self-written sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.actors import ActorsStep, get_gazetteer, leader_for, lookup_name
from warta.actors.leaders import load_leaders
from warta.document import Document, Paragraph

FIXTURE = Path(__file__).resolve().parent / "data_actors"


def run(text: str, published: str | None = "2023-03-10", paragraphs: list[Paragraph] | None = None) -> Document:
    doc = Document("t", text, published=published, paragraphs=paragraphs or [])
    return ActorsStep()(doc)


def states(doc: Document) -> set[str]:
    return {m.country for m in doc.mentions if m.kind == "state"}


def by_surface(doc: Document) -> dict[str, object]:
    return {doc.text[m.start : m.end]: m for m in doc.mentions}


# ---- leaders table -------------------------------------------------------
def test_fixture_tenure_switches_by_date() -> None:
    t = load_leaders(FIXTURE)
    assert t.holder("CHN", "foreign_minister", "2023-03").name == "Qin Gang"
    assert t.holder("CHN", "foreign_minister", "2024-04").name == "Wang Yi"
    assert t.holder("CHN", "foreign_minister", "2020-01-05").name == "Wang Yi"
    assert t.holder("BLR", "foreign_minister", None).name == "Sergei Aleinik"
    assert t.holder("USA", "foreign_minister", "2023") is None
    assert len(t.tenures) == 4  # the broken row is skipped


def test_missing_leaders_folder_is_empty() -> None:
    assert load_leaders(FIXTURE / "nope").tenures == []


def test_leader_for_and_lookup_name_when_table_has_them() -> None:
    g = get_gazetteer()
    if g.leaders.holder("CHN", "foreign_minister", "2023-03") is None:
        pytest.skip("leaders table not yet written")
    assert leader_for("CHN", "foreign_minister", "2023-03")["name"] == "Qin Gang"
    assert leader_for("CHN", "foreign_minister", "2024-04")["name"] == "Wang Yi"
    d = lookup_name("Qin Gang", "2023-03-01")
    assert d is not None and d["country"] == "CHN" and d["kind"] == "person"


def test_office_without_name_resolves_by_tenure() -> None:
    if get_gazetteer().leaders.holder("CHN", "foreign_minister", "2023-03") is None:
        pytest.skip("leaders table not yet written")
    text = "Menlu China menyatakan dukungan bagi perundingan damai."
    assert by_surface(run(text, "2023-03-15"))["Menlu China"].name == "Qin Gang"
    assert by_surface(run(text, "2024-04-02"))["Menlu China"].name == "Wang Yi"


# ---- states, names and variants ------------------------------------------
def test_lookup_name_states_and_igos() -> None:
    assert lookup_name("Tiongkok")["country"] == "CHN"
    assert lookup_name("Tiongkok")["name"] == "China"
    assert lookup_name("Belarusia")["name"] == "Belarus"
    assert lookup_name("Amerika Serikat")["name"] == "United States"
    assert lookup_name("Palestina")["name"] == "Palestine"
    assert lookup_name("Gaza")["country"] == "PSE"
    assert lookup_name("Korut")["country"] == "PRK"
    assert lookup_name("Perserikatan Bangsa-Bangsa")["country"] == "UN"
    assert lookup_name("Uni Eropa")["name"] == "European Union"
    assert lookup_name("Hamas")["country"] == "PSE"
    assert lookup_name("Hizbullah")["country"] == "LBN"
    assert lookup_name("Kemlu")["country"] == "IDN"
    assert lookup_name("tidak ada") is None


def test_every_state_has_alpha3_and_english_name() -> None:
    g = get_gazetteer()
    assert len(g.country_names) > 240
    assert all(len(c) == 3 and c.isupper() for c in g.country_names)
    assert g.country_names["XKX"] == "Kosovo"


def test_state_variants_in_text() -> None:
    doc = run("RRT dan Korsel sepakat, sementara Paman Sam dan Britania Raya menolak; Türkiye dan RI diam.")
    assert states(doc) == {"CHN", "KOR", "USA", "GBR", "TUR", "IDN"}


def test_acronyms_need_exact_case() -> None:
    doc = run("Ia datang as usual, lalu pergi. Kemudian AS menjatuhkan sanksi.")
    assert [doc.text[m.start : m.end] for m in doc.mentions] == ["AS"]


# ---- not actors ----------------------------------------------------------
def test_compass_words_and_regions_are_not_states() -> None:
    doc = run("Negara-negara Barat dan Timur Tengah, wilayah Selatan serta Asia Tenggara bersiap. "
              "Komunitas internasional diam. Kapal melintas di Laut China Selatan dan Amerika Latin.")
    assert doc.mentions == []


def test_streets_teams_languages_products_are_not_states() -> None:
    doc = run("Ia tinggal di Jalan Rusia dan belajar bahasa Inggris. Timnas Jepang menang di Piala Dunia "
              "Rusia 2018, perusahaan Amerika menjual produk Korea Selatan.")
    assert states(doc) == set()


def test_capital_after_locative_is_a_place() -> None:
    doc = run("Para menteri bertemu di Beijing, lalu terbang ke Moskow dan dari Washington ke kota Kiev.")
    assert doc.mentions == []


def test_dateline_capital_is_not_an_actor() -> None:
    doc = run("BEIJING, 3 Maret - Beijing (Kantor Berita) - Cuaca cerah.",
              paragraphs=[Paragraph(0, 20), Paragraph(20, 55)])
    assert doc.mentions == []


def test_only_paragraphs_are_scanned() -> None:
    text = "Rusia menyerang Ukraina.\n\nBaca juga: China kecam Jepang"
    doc = run(text, paragraphs=[Paragraph(0, 24)])
    assert states(doc) == {"RUS", "UKR"}


# ---- metonyms, demonyms, bodies, IGOs, groups --------------------------------
def test_metonyms_in_actor_position() -> None:
    doc = run("Moskow membantah tuduhan itu, sedangkan Kremlin menuduh Washington dan Gedung Putih diam. "
              "Pentagon mengirim rudal.")
    s = by_surface(doc)
    assert s["Moskow"].country == "RUS" and s["Moskow"].via == "metonym"
    assert s["Kremlin"].country == "RUS" and s["Kremlin"].sector == "GOV"
    assert s["Washington"].country == "USA" and s["Gedung Putih"].country == "USA"
    assert s["Pentagon"].sector == "MIL" and s["Pentagon"].country == "USA"


def test_capital_inside_longer_name_is_not_an_actor() -> None:
    doc = run("Ia lulusan Universitas Tokyo dan membaca Washington Post setiap pagi.")
    assert doc.mentions == []


def test_demonyms_and_bodies_carry_sector() -> None:
    doc = run("Militer Israel dan pasukan Ukraina bertempur, pemerintah China prihatin, warga Rusia mengungsi. "
              "Kementerian Luar Negeri (Kemlu) RI dan Departemen Luar Negeri AS menanggapi.")
    s = by_surface(doc)
    assert (s["Militer Israel"].country, s["Militer Israel"].sector) == ("ISR", "MIL")
    assert (s["pasukan Ukraina"].country, s["pasukan Ukraina"].sector) == ("UKR", "MIL")
    assert (s["pemerintah China"].country, s["pemerintah China"].sector) == ("CHN", "GOV")
    assert s["warga Rusia"].kind == "collective"
    assert s["Kementerian Luar Negeri (Kemlu) RI"].name == "Ministry of Foreign Affairs of Indonesia"
    assert s["Departemen Luar Negeri AS"].name == "United States Department of State"


def test_igos_organs_and_groups() -> None:
    doc = run("Dewan Keamanan PBB bersidang, Sekjen PBB hadir, ASEAN dan OKI mendukung, Hamas dan Houthi menolak. "
              "Majelis Umum PBB memilih dan Organisasi Kerja Sama Shanghai bertemu.")
    s = by_surface(doc)
    assert s["Dewan Keamanan PBB"].name == "United Nations Security Council"
    assert s["Dewan Keamanan PBB"].country == "UN"
    assert s["Sekjen PBB"].country == "UN"
    assert s["ASEAN"].country == "ASEAN" and s["OKI"].country == "OIC"
    assert s["Hamas"].country == "PSE" and s["Houthi"].country == "YEM"
    assert s["Majelis Umum PBB"].name == "United Nations General Assembly"
    assert s["Organisasi Kerja Sama Shanghai"].country == "SCO"


def test_pbb_as_tax_is_not_the_un() -> None:
    doc = run("Warga diminta melunasi Pajak Bumi dan Bangunan (PBB) sebelum akhir bulan. PBB naik tahun ini.")
    assert all(m.country != "UN" for m in doc.mentions)


# ---- persons by title, coreference, misspelling ------------------------------
def test_title_patterns_give_unknown_persons_country_and_role() -> None:
    doc = run("Menteri Luar Negeri Zamora Hilda Varanska bertemu Perdana Menteri Palau Toma Kerewi. "
              "Duta Besar Kenya untuk Indonesia Odhiambo Kariuki hadir. Varanska lalu menelepon Kerewi.",
              published="2021-05-05")
    persons = {m.name: m for m in doc.mentions if m.kind == "person"}
    assert persons["Toma Kerewi"].country == "PLW" and persons["Toma Kerewi"].role == "Prime Minister"
    assert persons["Odhiambo Kariuki"].country == "KEN"
    refs = [m for m in doc.mentions if doc.text[m.start : m.end] in ("Varanska", "Kerewi")]
    assert {m.name for m in refs} == {"Zamora Hilda Varanska", "Toma Kerewi"}


def test_coreference_and_spelling_variants_in_one_article() -> None:
    doc = run("Menlu Peru Bartolomeo Quispe bertemu Presiden Ukraina Oleksiy Dravenko. "
              "Kata Quispe, pertemuan itu penting. Menlu Quispe kemudian menelepon Dravenkko.")
    names = [(doc.text[m.start : m.end], m.name) for m in doc.mentions if m.kind == "person"]
    assert ("Quispe", "Bartolomeo Quispe") in names
    assert ("Menlu Quispe", "Bartolomeo Quispe") in names
    assert ("Dravenkko", "Oleksiy Dravenko") in names
    assert next(m for m in doc.mentions if m.name == "Oleksiy Dravenko").country == "UKR"


def test_parenthetical_abbreviations_and_aliases() -> None:
    doc = run("Presiden Amerika Serikat (AS) Harlan Westcott menyambut Perdana Menteri Malaysia Datuk Haziq Ramlee "
              "(Haziq). Kemudian Haziq berpidato.", published="2030-01-01")
    persons = {m.name: m.country for m in doc.mentions if m.kind == "person"}
    assert persons["Harlan Westcott"] == "USA"
    assert persons["Haziq Ramlee"] == "MYS"
    last = [m for m in doc.mentions if doc.text[m.start : m.end] == "Haziq"]
    assert last and last[-1].name == "Haziq Ramlee"


def test_actors_list_groups_mentions() -> None:
    doc = run("China menolak. Beijing lalu menegaskan sikap China.")
    chn = [a for a in doc.actors if a["country"] == "CHN"]
    assert len(chn) == 1 and chn[0]["name"] == "China" and chn[0]["kind"] == "state"
    assert len(chn[0]["mentions"]) == 3
    assert doc.mentions == sorted(doc.mentions, key=lambda m: m.start)


def test_empty_and_odd_input() -> None:
    assert run("").actors == []
    assert run("İstanbul ﬁ ÇIN 123 — …", published=None).mentions == []


def test_unnamed_spokesperson_speaks_for_the_body() -> None:
    from warta.pipeline import extract_text

    doc = extract_text("Langkah itu dikecam, kata juru bicara Departemen Luar Negeri pada Rabu.", published="2022-03-23")
    spk = [m for m in doc.mentions if "juru bicara" in doc.text[m.start : m.end]]
    assert spk and spk[0].country == "USA" and spk[0].kind != "person"
    assert "State" in spk[0].name or "Department" in spk[0].name


def test_surname_that_is_a_common_word_links_mid_sentence_only() -> None:
    from warta.pipeline import extract_text

    text = ("Juru Bicara Kementerian Luar Negeri AS Ned Price menyampaikan keterangan itu pada Selasa. "
            "Hal itu disampaikan Price kepada wartawan. Price tidak memberi rincian.")
    doc = extract_text(text, published="2021-02-17")
    linked = [doc.text[m.start : m.end] for m in doc.mentions if m.name == "Ned Price"]
    assert linked.count("Price") == 1  # "disampaikan Price", not the sentence-initial "Price"


def test_an_outlet_named_after_a_country_in_a_dateline_is_no_actor() -> None:
    from warta.document import Document
    from warta.pipeline import Pipeline

    text = "Jakarta, CNN Indonesia -- Dalai Lama mengatakan ia akan kembali ke Tibet suatu hari nanti, Senin (9/9)."
    doc = Pipeline.default()(Document(id="t", text=text, published="2019-09-10", origin="<test>"))
    assert not any(m.country == "IDN" for m in doc.mentions)
    doc = Pipeline.default()(Document(id="t", text="Pemerintah Indonesia menolak klaim itu, Senin.", published="2019-09-10",
                                      origin="<test>"))
    assert any(m.country == "IDN" for m in doc.mentions)


def test_a_police_rank_of_two_words_is_not_part_of_the_name() -> None:
    # 'Irjen Pol' / 'Kombes Pol': the rank's "Pol" (police) is stripped like the rank itself
    doc = run("Kapolda Sulsel Irjen Pol Budi Santoso bertemu Kabid Humas Kombes Pol Anita Rahayu di Makassar.")
    names = sorted(m.name for m in doc.mentions if m.kind == "person")
    assert names == ["Anita Rahayu", "Budi Santoso"]


def test_a_rank_word_alone_is_no_honorific_outside_its_rank() -> None:
    # the second word of a two-word rank is stripped only after the first
    doc = run("Sejarawan Kamboja menulis tentang Pol Pot dan rezim Khmer Merah pada 1975.")
    assert not any(m.name == "Pot" for m in doc.mentions)
