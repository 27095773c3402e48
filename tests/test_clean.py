"""Cleaning and metadata on the real seed articles and on self-written furniture."""

from __future__ import annotations

import pytest

from warta.clean import detect_language, parse_timestamp
from warta.document import Document
from warta.pipeline import Pipeline, extract

FURNITURE = ["Baca juga", "Berita Lainnya", "BERITA LAINNYA", "FOLLOW US", "Copyright", "TERKAIT", "Editor:",
             "Penerjemah:", "Google News", "Story Code", "16 November 2024"]


@pytest.fixture(scope="module")
def seeds(shared):
    docs = {d.id: d for d in extract([shared / "seeds"], pipeline=Pipeline.default())}
    assert len(docs) == 5
    return docs


def test_cleaned_seed_bodies_hold_no_furniture(seeds) -> None:
    for doc in seeds.values():
        body = doc.body_text()
        print(f"==== {doc.id}\n{body}\n")  # the cleaned bodies, shown with -s
        for word in FURNITURE:
            assert word not in body, (doc.id, word)
        assert len(body) > 0.5 * len(doc.text.split("Baca juga")[0]) * 0.5


def test_paragraph_offsets_point_into_the_text_and_avoid_ignored(seeds) -> None:
    for doc in seeds.values():
        for p in doc.paragraphs:
            assert 0 <= p.start < p.end <= len(doc.text)
            assert doc.text[p.start : p.end].strip() == doc.text[p.start : p.end]
            for s, e, _ in doc.ignored:
                assert p.end <= s or e <= p.start
        for s in doc.sentences:
            p = doc.paragraphs[s.paragraph]
            assert p.start <= s.start < s.end <= p.end


def test_published_from_byline_not_from_sidebar_or_story(seeds) -> None:
    assert seeds["001_f4c58d0a6c39779f"].published == "2023-02-25"
    assert seeds["001_f4c58d0a6c39779f"].published_from == "text"
    assert seeds["004_69a903898b565540"].published == "2024-04-09"
    # the sidebar's "16 November 2024" timestamps belong to other stories
    assert seeds["003_acf8a4e6bfde01e1"].published is None
    # a caption date ("Rabu (22/2/2023)") is a date the story talks about, not a byline
    assert seeds["000_866699556c336e71"].published is None


def test_seed_metadata(seeds) -> None:
    antara = seeds["000_866699556c336e71"]
    assert (antara.outlet, antara.dateline, antara.wire) == ("ANTARA", "Beijing", ["Reuters"])
    assert antara.editor == "Sri Haryati" and antara.extra.get("translator") == "Atman Ahdiat"
    medcom = seeds["001_f4c58d0a6c39779f"]
    assert medcom.author == "Willy Haryono" and medcom.dateline == "Beijing" and "Al Jazeera" in medcom.wire
    assert seeds["002_f8486924108ba960"].wire == ["CGTN"]


def test_captions_kept_once_and_titles_marked(seeds) -> None:
    doc = seeds["001_f4c58d0a6c39779f"]
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds.count("caption") == 1  # the repeated caption line is kept once
    assert "title" in kinds
    assert any(r == "repeated" for _, _, r in doc.ignored)


@pytest.mark.parametrize("url,expected", [
    ("https://contoh.id/berita/2024/04/09/menteri-tiba-di-tokyo", "2024-04-09"),
    ("https://contoh.id/internasional/20240409153012-113-1000/menteri-tiba", "2024-04-09"),
    ("https://contoh.id/arsip/2024/04/menteri-tiba", "2024-04"),
    ("https://contoh.id/read/1247819/menteri-tiba", None),  # an article number is no date
])
def test_publication_date_from_the_url_path_when_metadata_and_text_have_none(url, expected) -> None:
    doc = clean("Menteri itu tiba di Tokyo pada Senin dan bertemu mitranya.", url=url)
    assert (doc.published, doc.published_from) == (expected, "url" if expected else None)
    # a byline timestamp in the text comes first, metadata before both
    doc = clean("Rabu, 10 April 2024 10:05 WIB\nMenteri itu tiba di Tokyo pada Senin.", url=url)
    assert (doc.published, doc.published_from) == ("2024-04-10", "text")
    doc = clean("Menteri itu tiba di Tokyo pada Senin.", url=url, published="2024-04-11")
    assert (doc.published, doc.published_from) == ("2024-04-11", "metadata")


def test_record_metadata_wins(shared) -> None:
    text = (shared / "seeds" / "001_f4c58d0a6c39779f.txt").read_text(encoding="utf-8")
    doc = Pipeline.default()(Document(id="x", text=text, published="2023-02-26", outlet="Contoh"))
    assert (doc.published, doc.published_from, doc.outlet) == ("2023-02-26", "metadata", "Contoh")


def clean(text: str, **kw) -> Document:
    return Pipeline.default()(Document(id="t", text=text, **kw))


def test_comma_joined_scrape_paragraphs_and_inline_read_also() -> None:
    text = ("Menteri itu tiba di Tokyo pada Senin.,Baca juga: Judul Berita Lain Yang Tidak Terkait,"
            "Ia kemudian bertemu dengan mitranya.,,Advertisement,,Kedua pihak sepakat memperkuat kerja sama.")
    doc = clean(text)
    body = doc.body_text(" | ")
    assert "Baca juga" not in body and "Advertisement" not in body
    assert body.count("|") == 2 and "bertemu dengan mitranya" in body


def test_tokenised_inline_read_also_headline_is_dropped() -> None:
    text = ("Polisi menyelidiki kasus itu . [Baca juga] : Penyebab Banjir Besar Di Kota Lama Menurut dia , "
            "penyelidikan berlanjut pekan depan .")
    body = clean(text).body_text()
    assert "Penyebab Banjir" not in body and "Menurut dia" in body and "Polisi menyelidiki" in body


def test_body_lines_after_a_read_also_whose_headline_was_lost_are_kept() -> None:
    # comma-joined scrape: the linked headline is gone, the short body lines after the marker are article
    text = ("Menteri itu tiba di Tokyo pada Senin.,Baca juga:,,Baca juga:,,Ia bertemu mitranya di kantor "
            "kementerian.,Keduanya membahas kerja sama pertahanan.,Baca Juga:,Pertemuan berlangsung dua jam.")
    doc = clean(text)
    assert doc.body_text(" | ") == ("Menteri itu tiba di Tokyo pada Senin. | Ia bertemu mitranya di kantor "
                                    "kementerian. | Keduanya membahas kerja sama pertahanan. | "
                                    "Pertemuan berlangsung dua jam.")
    assert {r for *_, r in doc.ignored} == {"read-also"}


def test_read_also_headline_ends_at_its_bracket_or_line() -> None:
    text = ("Kapal itu berlayar pada Selasa. (Baca juga: Kapal Perang Lain Masuk Selat Dengan Kawalan),"
            "Juru bicara angkatan laut membenarkan kabar itu.\n"
            "[ Baca juga : Armada Tiba di Pelabuhan ]\n"
            "Baca juga: presiden sebut pelayaran itu \"sah\"\n"
            "Pelayaran berikutnya dijadwalkan bulan depan.")
    body = clean(text).body_text(" | ")
    assert body == ("Kapal itu berlayar pada Selasa. | Juru bicara angkatan laut membenarkan kabar itu. | "
                    "Pelayaran berikutnya dijadwalkan bulan depan.")


def test_headline_lines_after_a_bare_read_also_go_until_the_body() -> None:
    text = ("Warga mengungsi sejak Jumat .\nBaca juga :\nBanjir Rendam Dua Desa di Pinggir Kota\n"
            "- Relawan Salurkan Bantuan untuk Korban\nBantuan mulai datang pada Sabtu pagi .")
    body = clean(text).body_text(" | ")
    assert body == "Warga mengungsi sejak Jumat . | Bantuan mulai datang pada Sabtu pagi ."


def test_a_lost_hyperlink_inside_a_sentence_does_not_split_it() -> None:
    # comma-joined scrape: ",," where a linked name was, the sentence going on in lower case
    text = ("– Menteri Luar Negeri,,tiba di Tokyo pada Senin untuk bertemu mitranya  ,,  ,, dari Jepang.,,"
            "Kedua menteri membahas kerja sama ekonomi.")
    doc = clean(text)
    assert doc.body_text(" | ") == ("– Menteri Luar Negeri,,tiba di Tokyo pada Senin untuk bertemu mitranya  ,,  ,, dari "
                                    "Jepang. | Kedua menteri membahas kerja sama ekonomi.")
    assert len(doc.sentences) == 2


def test_a_linked_word_in_prose_is_no_read_also() -> None:
    text = '"Nanti akan kami [lihat juga] , akan kami tempatkan pada posisinya," kata dia.'
    assert clean(text).body_text() == text


def test_sidebar_list_after_header_is_dropped_until_prose() -> None:
    prose = "Presiden menerima kunjungan Perdana Menteri di istana dan keduanya membahas kerja sama ekonomi, " \
            "perdagangan, investasi, serta isu kawasan yang menjadi perhatian bersama kedua negara tetangga itu."
    text = "\n".join([prose, "Berita Terkait", "- Judul lain satu", "Senin, 3 Juni 2024 10:00 WIB",
                      "- Judul lain dua", "Terpopuler", "Lirik lagu baru"])
    doc = clean(text)
    assert doc.body_text() == prose
    assert doc.published is None


@pytest.mark.parametrize(
    "line,expected",
    [
        ("25 Februari 2023 21:11", "2023-02-25"),
        ("Tuesday 9 April 2024 - 23:30", "2024-04-09"),
        ("Kamis, 16 Juni 2022 10:05 WIB", "2022-06-16"),
        ("SELASA, 18 MARET 2025 | 22:08 WIB | LAPORAN: NAMA", "2025-03-18"),
        ("Kamis 20 Apr 2023 10:23 WIB", "2023-04-20"),
        ("16/02/2021, 20:00 WIB", "2021-02-16"),
        ("April 9, 2024 11:30", "2024-04-09"),
        ("Rabu (22/2/2023)", None),  # no time of day: a story date, not a byline
        ("31 Februari 2023 10:00", None),
    ],
)
def test_parse_timestamp(line: str, expected: str | None) -> None:
    assert parse_timestamp(line) == expected


def test_byline_timestamp_becomes_published() -> None:
    text = "Kamis, 16 Juni 2022 10:05 WIB\nJAKARTA, KOMPAS.com - Menlu RI bertemu Menlu Jepang di Jakarta, Rabu (15/6)."
    doc = clean(text)
    assert (doc.published, doc.dateline, doc.outlet) == ("2022-06-16", "Jakarta", "Kompas.com")


def test_languages() -> None:
    assert detect_language("Menteri Luar Negeri mengatakan bahwa pemerintah akan terus mendukung upaya itu "
                           "dan tidak akan menunda kunjungan ke Jepang pada tahun ini.") == "id"
    assert detect_language("The minister said that the government will continue to support the effort and "
                           "has not postponed the visit to Japan, which was planned for this year.") == "en"
    assert detect_language("Menteri itu berkata kerajaan akan terus menyokong usaha tersebut kerana ia penting, "
                           "iaitu selepas mesyuarat semalam, dan beliau turut menyatakan perkara itu sahaja.") == "ms"
    assert detect_language("1234 5678 !!! ???") == "other"


def test_short_indonesian_sentence_is_indonesian() -> None:
    assert detect_language("Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Jakarta, Senin.") == "id"
    assert detect_language("Menlu tiba di Tokyo.") == "id"
