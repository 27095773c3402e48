"""Quotes step (spec EVENTS.md §8): every sentence here is written for the test."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from warta.document import Document, Mention, Paragraph
from warta.quotes import QuotesStep

# canonical actors for hand-built mentions: surface -> (key, name, country, kind)
ACTORS: dict[str, tuple[str, str, str | None, str]] = {
    "Budi Santoso": ("person:budi_santoso", "Budi Santoso", "IDN", "person"),
    "Wang Yi": ("person:wang_yi", "Wang Yi", "CHN", "person"),
    "Wang": ("person:wang_yi", "Wang Yi", "CHN", "person"),
    "Menlu China": ("person:wang_yi", "Wang Yi", "CHN", "person"),
    "Qin Gang": ("person:qin_gang", "Qin Gang", "CHN", "person"),
    "Qin": ("person:qin_gang", "Qin Gang", "CHN", "person"),
    "Jaishankar": ("person:s_jaishankar", "Subrahmanyam Jaishankar", "IND", "person"),
    "Sergei Aleinik": ("person:sergei_aleinik", "Sergei Aleinik", "BLR", "person"),
    "Aleinik": ("person:sergei_aleinik", "Sergei Aleinik", "BLR", "person"),
    "Sergei Lavrov": ("person:sergei_lavrov", "Sergei Lavrov", "RUS", "person"),
    "Lavrov": ("person:sergei_lavrov", "Sergei Lavrov", "RUS", "person"),
    "Kemlu Rusia": ("org:mfa_rus", "Ministry of Foreign Affairs of Russia", "RUS", "organization"),
    "kementerian Rusia": ("org:mfa_rus", "Ministry of Foreign Affairs of Russia", "RUS", "organization"),
    "Kemlu": ("org:mfa_idn", "Ministry of Foreign Affairs of Indonesia", "IDN", "organization"),
    "Gedung Putih": ("USA", "United States", "USA", "state"),
    "RIA Novosti": ("org:ria", "RIA Novosti", "RUS", "organization"),
    "Xi Jinping": ("person:xi_jinping", "Xi Jinping", "CHN", "person"),
    "Xi": ("person:xi_jinping", "Xi Jinping", "CHN", "person"),
    "Rusia": ("RUS", "Russia", "RUS", "state"),
    "China": ("CHN", "China", "CHN", "state"),
    "Ma'ruf Amin": ("person:maruf_amin", "Ma'ruf Amin", "IDN", "person"),
    "Retno Marsudi": ("person:retno_marsudi", "Retno Marsudi", "IDN", "person"),
    "Inggris": ("GBR", "United Kingdom", "GBR", "state"),
    "pemimpin Rusia": ("office:RUS:leader", "Leader of Russia", "RUS", "person"),
    "Kremlin": ("RUS", "Russia", "RUS", "state"),
}
METONYMS = {"Kremlin", "Gedung Putih"}  # seats of power the actors step links to their state


def make_doc(text: str, mentions: bool = True, kinds: list[str] | None = None) -> Document:
    """A document with paragraphs at blank lines and mentions for every ACTORS surface found."""
    doc = Document(id="t", text=text)
    pos = 0
    for i, chunk in enumerate(text.split("\n\n")):
        start = text.index(chunk, pos)
        doc.paragraphs.append(Paragraph(start, start + len(chunk), (kinds[i] if kinds else "body")))
        pos = start + len(chunk)
    if mentions:
        taken: list[tuple[int, int]] = []
        for surface in sorted(ACTORS, key=len, reverse=True):
            k = text.find(surface)
            while k >= 0:
                e = k + len(surface)
                boundary = (k == 0 or not text[k - 1].isalnum()) and (e == len(text) or not text[e].isalnum())
                if boundary and not any(a < e and k < b for a, b in taken):
                    key, name, country, kind = ACTORS[surface]
                    via = "metonym" if surface in METONYMS else "gazetteer"
                    doc.mentions.append(Mention(k, e, key, name, country, kind, via=via))
                    taken.append((k, e))
                k = text.find(surface, k + 1)
        doc.mentions.sort(key=lambda m: m.start)
    return doc


def run(text: str, **kw: Any) -> Document:
    doc = QuotesStep()(make_doc(text, **kw))
    for q in doc.quotes:  # every span points into the raw text
        assert doc.text[q.span[0] : q.span[1]] == q.text
    return doc


def speakers(doc: Document) -> list[str | None]:
    return [q.speaker["name"] if q.speaker else None for q in doc.quotes]


# ---- attribution before the quote -------------------------------------------

def test_before_mengatakan_comma() -> None:
    doc = run('Menteri Luar Negeri Budi Santoso mengatakan, "Kami akan terus membuka pintu dialog dengan semua pihak."')
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert q.text == "Kami akan terus membuka pintu dialog dengan semua pihak."
    assert q.speaker == {"name": "Budi Santoso", "country": "IDN"}
    assert q.cue == "mengatakan"


def test_before_kata_colon() -> None:
    doc = run('Kata Wang: "Kedua negara sepakat memperluas kerja sama di bidang energi."')
    assert speakers(doc) == ["Wang Yi"]


def test_before_menegaskan_bahwa() -> None:
    doc = run('Lavrov menegaskan bahwa "Moskow tidak akan menerima syarat sepihak apa pun dari Barat."')
    assert speakers(doc) == ["Sergei Lavrov"]


def test_before_bare_colon() -> None:
    doc = run('Sergei Lavrov: "Kami siap berunding kapan saja jika pihak lain juga siap."')
    assert speakers(doc) == ["Sergei Lavrov"]


def test_before_menurut() -> None:
    doc = run('Menurut Qin, "hubungan kedua negara harus dibangun di atas rasa saling percaya."')
    assert speakers(doc) == ["Qin Gang"]


def test_embedded_quote_in_indirect_speech() -> None:
    doc = run("Xi Jinping mengatakan kedua pihak 'harus menjaga perdamaian dan stabilitas di kawasan'.")
    assert speakers(doc) == ["Xi Jinping"]


def test_reporter_not_the_reported() -> None:
    text = ('Wang Yi kemudian mengatakan bahwa Lavrov mendesak Barat untuk "menghentikan pasokan senjata '
            'ke wilayah konflik itu."')
    assert speakers(run(text)) == ["Wang Yi"]


# ---- attribution after the quote --------------------------------------------

@pytest.mark.parametrize("cue", ["kata", "ujar", "tutur", "tambah", "tegas", "jelas", "ungkap", "ucap", "imbuh"])
def test_after_cue_named(cue: str) -> None:
    doc = run(f'"Kami tidak pernah menutup pintu untuk perundingan damai," {cue} Wang.')
    assert speakers(doc) == ["Wang Yi"]
    assert doc.quotes[0].cue == cue


def test_after_subject_verb() -> None:
    doc = run('"Perundingan akan dilanjutkan pekan depan di Jenewa," Lavrov menambahkan.')
    assert speakers(doc) == ["Sergei Lavrov"]


def test_after_body_in_statement() -> None:
    doc = run('"Langkah itu melanggar hukum internasional secara terang-terangan," kata kementerian Rusia '
              "dalam sebuah pernyataan.")
    assert doc.quotes[0].speaker == {"name": "Ministry of Foreign Affairs of Russia", "country": "RUS"}


def test_after_tulis_body() -> None:
    doc = run('"Kami menyesalkan keputusan yang diambil tanpa konsultasi itu," tulis Kemlu Rusia di situs resminya.')
    assert speakers(doc) == ["Ministry of Foreign Affairs of Russia"]


def test_gedung_putih_speaker_is_the_body() -> None:
    doc = run('"Presiden akan bertemu para pemimpin kawasan bulan depan," kata Gedung Putih, Selasa.')
    assert doc.quotes[0].speaker == {"name": "White House", "country": "USA"}


def test_kremlin_speaker_is_the_body() -> None:
    doc = run('Kremlin menyatakan, "Moskow tidak melihat dasar apa pun untuk perundingan baru saat ini."')
    assert doc.quotes[0].speaker == {"name": "Kremlin", "country": "RUS"}


def test_body_named_around_a_state() -> None:
    doc = run('"Penyelidikan atas insiden itu masih berlangsung sampai sekarang," kata Dewan Keselamatan Udara Inggris.')
    assert doc.quotes[0].speaker == {"name": "Dewan Keselamatan Udara Inggris", "country": "GBR"}


# ---- attribution formulas (EVENTS.md §8) ---------------------------------------

def test_demikian_pernyataan_x() -> None:
    doc = run('"Indonesia mendukung penuh proses perdamaian di kawasan itu," demikian pernyataan Kemlu.')
    assert speakers(doc) == ["Ministry of Foreign Affairs of Indonesia"]


def test_bunyi_pernyataan_yang_dirilis_x() -> None:
    doc = run('"Kami menolak tuduhan yang tidak berdasar itu dengan tegas," bunyi pernyataan yang dirilis Kemlu Rusia.')
    assert speakers(doc) == ["Ministry of Foreign Affairs of Russia"]


def test_bunyi_pernyataan_itu_goes_to_its_issuer() -> None:
    text = ('Kemlu Rusia mengeluarkan pernyataan pada Senin malam.\n\n'
            '"Langkah sepihak itu hanya akan memperburuk keadaan di lapangan," bunyi pernyataan itu.')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Russia"]


def test_lapor_kantor_berita_x() -> None:
    doc = run('"Dua kapal perang meninggalkan pelabuhan pagi ini menuju laut lepas," lapor kantor berita RIA Novosti.')
    assert speakers(doc) == ["RIA Novosti"]


def test_rilis_dari_x() -> None:
    doc = run('"Pertemuan tingkat menteri akan digelar di Jakarta bulan depan," rilis dari Kemlu.')
    assert speakers(doc) == ["Ministry of Foreign Affairs of Indonesia"]


def test_law_text_has_no_speaker() -> None:
    doc = run('"Setiap orang yang melanggar ketentuan ini dipidana penjara paling lama satu tahun," bunyi pasal 12.')
    assert doc.quotes == []


def test_name_in_apposition_after_a_role() -> None:
    doc = run('"Kami sudah mencapai beberapa kesepakatan penting hari ini," kata Kepala Badan Antariksa Rusia, '
              "Yuri Borisov, Senin.")
    assert speakers(doc) == ["Yuri Borisov"]


def test_name_after_a_rank_in_a_role() -> None:
    doc = run('"Kapal itu mengalami kerusakan pada sistem kelistrikannya," kata juru bicara Armada Rusia '
              "Laksamana Pavel Ivanov kepada wartawan.")
    assert speakers(doc) == ["Pavel Ivanov"]


def test_last_name_of_an_appositive_chain() -> None:
    doc = run('"Ribuan siswa terdampak oleh penutupan sekolah ini," kata Ketua Komite Pendidikan, Sains dan '
              "Teknologi Johor, Aminah Hassan, seperti dikutip media setempat.")
    assert speakers(doc) == ["Aminah Hassan"]


def test_appositive_after_acronym_and_relative_clause() -> None:
    a = run('"Daftar itu belum diperiksa dengan catatan pemerintah," kata juru bicara Badan Darurat Nasional '
            "(BDN), Karl Smit, pada konferensi pers.")
    b = run('"Pesawat baru itu akan bersaing langsung dengan para pesaing Eropa," kata analis yang memimpin '
            "lembaga riset itu, Oleg Petrov.")
    assert speakers(a) == ["Karl Smit"]
    assert speakers(b) == ["Oleg Petrov"]


def test_own_name_first_beats_a_later_mention() -> None:
    doc = run('"Kami turut berduka atas wafatnya tokoh besar itu," tulis Peter Schoof disertai foto Xi Jinping.')
    assert speakers(doc) == ["Peter Schoof"]


def test_place_after_own_name_is_no_appositive() -> None:
    doc = run('"Kami membuka pos kesehatan bagi para pengungsi," kata Mela Hartono di Palu, Sulawesi Tengah.')
    assert speakers(doc) == ["Mela Hartono"]


def test_scare_quote_does_not_hide_the_report_before_it() -> None:
    text = ('"Perbaikan kapal itu butuh waktu lama," kata Wang.\n\n'
            'Laksamana Budi Santoso menggambarkan keadaan itu dengan menyebutnya "tidak menguntungkan".\n\n'
            '"Kami bekerja sangat keras untuk memperbaikinya," katanya.')
    assert speakers(run(text)) == ["Wang Yi", "Budi Santoso"]


def test_longer_name_around_a_partial_mention() -> None:
    doc = make_doc('"Kami mendesak semua mitra untuk mengambil langkah tegas," kata Wang Lei, pejabat kementerian.')
    k = doc.text.index("Wang Lei")
    doc.mentions = [Mention(k, k + 4, "person:wang_yi", "Wang Yi", "CHN", "person", via="coref")]
    assert [q.speaker["name"] for q in QuotesStep()(doc).quotes] == ["Wang Lei"]


def test_title_made_person_yields_to_the_full_name_after_it() -> None:
    doc = make_doc('"Ribuan siswa terdampak penutupan sekolah," kata Ketua Komite Pendidikan, Aminah Hassan, kemarin.')
    k = doc.text.index("Ketua Komite Pendidikan")
    doc.mentions = [Mention(k, k + 23, "person:komite_pendidikan", "Komite Pendidikan", None, "person", via="title")]
    assert [q.speaker["name"] for q in QuotesStep()(doc).quotes] == ["Aminah Hassan"]


def test_role_mention_then_the_person_in_one_name_run() -> None:
    doc = make_doc('"Semua pangkalan itu berada dalam jangkauan rudal kami," kata Kepala Divisi Antariksa '
                   "Garda Revolusi Ali Hajizadeh, pada Ahad.")
    t = doc.text
    k1, k2 = t.index("Kepala Divisi Antariksa"), t.index("Ali Hajizadeh")
    doc.mentions = [Mention(k1, k1 + 23, "person:antariksa", "Antariksa", "IRN", "person", via="title"),
                    Mention(k2, k2 + 13, "person:ali_hajizadeh", "Ali Hajizadeh", "IRN", "person", via="title")]
    assert [q.speaker["name"] for q in QuotesStep()(doc).quotes] == ["Ali Hajizadeh"]


def test_demonstrative_description_points_back() -> None:
    text = ('"Kami tidak akan mundur dari tuntutan kami," kata Lavrov.\n\n'
            '"Barat harus mendengarkan kepentingan keamanan kami," imbuh pemimpin Rusia tersebut.')
    assert speakers(run(text)) == ["Sergei Lavrov", "Sergei Lavrov"]


def test_description_ending_in_itu_past_a_stop_word() -> None:
    text = ('Wang Yi mengaku terkejut dengan keputusan itu.\n\n'
            '"Saya tidak menyangka hasilnya akan seperti ini," ujar pria 60 tahun itu saat ditemui di Beijing.')
    assert speakers(run(text)) == ["Wang Yi"]


def test_news_agency_as_source_keeps_speaker() -> None:
    text = ('Lavrov berbicara di Moskow pada Senin.\n\n'
            '"Hasil pertemuan itu memperkuat kepercayaan kedua bangsa," tambahnya, menurut RIA Novosti.')
    assert speakers(run(text)) == ["Sergei Lavrov"]


def test_news_agency_alone_is_speaker() -> None:
    doc = run('"Pasukan telah ditarik dari wilayah perbatasan sejak pagi," menurut RIA Novosti.')
    assert speakers(doc) == ["RIA Novosti"]


def test_unknown_person_capitalised_name() -> None:
    doc = run('"Kebijakan itu akan berdampak pada harga pangan di pasar," kata Andi Pratama, pengamat ekonomi.',
              mentions=False)
    assert doc.quotes[0].speaker == {"name": "Andi Pratama", "country": None}


def test_title_stripped_without_mention() -> None:
    doc = run('"Kami akan meninjau ulang seluruh perjanjian dagang tersebut," ujar Menteri Perdagangan Rudi Hartono.',
              mentions=False)
    assert speakers(doc) == ["Perdagangan Rudi Hartono"]


def test_mention_beats_surface_words() -> None:
    doc = run('"China mendukung penyelesaian politik atas krisis tersebut," kata Menlu China.')
    assert doc.quotes[0].speaker == {"name": "Wang Yi", "country": "CHN"}


# ---- pronoun speakers --------------------------------------------------------

@pytest.mark.parametrize("cue", ["katanya", "ujarnya", "tambahnya", "tuturnya", "imbuhnya", "ucapnya", "jelasnya"])
def test_pronoun_cue_last_named_speaker(cue: str) -> None:
    text = ('"Kerja sama ekonomi kedua negara terus tumbuh setiap tahun," kata Qin.\n\n'
            f'"Kami berharap perdagangan bilateral meningkat dua kali lipat," {cue}.')
    assert speakers(run(text)) == ["Qin Gang", "Qin Gang"]


def test_pronoun_after_indirect_speech_of_another() -> None:
    text = ('"Kami siap menjadi mediator bagi kedua pihak," kata Wang.\n\n'
            "Lavrov mengatakan bahwa Moskow menghargai tawaran itu.\n\n"
            '"Kami akan mempelajari usulan tersebut dengan saksama," tambahnya.')
    assert speakers(run(text)) == ["Wang Yi", "Sergei Lavrov"]


def test_ujarnya_last_named_speaker_not_last_person_mentioned() -> None:
    text = ('Budi Santoso mengatakan Indonesia siap mengirim bantuan kemanusiaan. Ia baru saja bertemu '
            'Wang Yi di Beijing.\n\n"Kami akan mengirim tim medis secepatnya," ujarnya.')
    assert speakers(run(text)) == ["Budi Santoso"]


def test_kata_dia_after_stance_verb_speaker() -> None:
    text = ('Lavrov menilai sanksi baru itu tidak akan mengubah apa pun. Qin Gang tiba di Moskow sehari '
            'sebelumnya.\n\n"Sanksi hanya merugikan rakyat biasa di kedua belah pihak," kata dia.')
    assert speakers(run(text)) == ["Sergei Lavrov"]


def test_katanya_after_inline_cue() -> None:
    text = ('Kedua negara, papar Retno Marsudi, siap memperluas kerja sama perdagangan.\n\n'
            '"Kita harus memanfaatkan peluang ini sebaik-baiknya," katanya.')
    assert speakers(run(text)) == ["Retno Marsudi"]


def test_quote_inside_indirect_speech_with_bahwa() -> None:
    doc = run('Lavrov mencatat bahwa "kerja sama kedua negara terus berkembang pesat tahun ini".')
    assert speakers(doc) == ["Sergei Lavrov"]


def test_katanya_after_passive_report() -> None:
    text = ('Hal itu disampaikan Retno Marsudi dalam forum regional di Jakarta. Wang Yi hadir sebagai tamu.\n\n'
            '"Kita harus memanfaatkan teknologi digital untuk kerja sama," katanya.')
    assert speakers(run(text)) == ["Retno Marsudi"]


def test_passive_in_a_relative_clause_is_no_report() -> None:
    text = ('"Bencana asap tahun ini meluas ke banyak provinsi," kata Budi Santoso.\n\n'
            'Itu bertolak belakang dengan klaim yang pernah diutarakan Wang Yi tahun lalu.\n\n'
            '"Data pemerintah sendiri membantah klaim tersebut," ungkapnya.')
    assert speakers(run(text)) == ["Budi Santoso", "Budi Santoso"]


def test_kata_dia_after_coordinated_speech_verb() -> None:
    text = ('Soal ini, Kemlu Rusia membantah negaranya terlibat dalam segala jenis serangan peretasan itu dan '
            'mengatakan tuduhan itu tidak berdasar.\n\n'
            '"Kami juga menjadi korban serangan siber yang sama," kata dia.')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Russia"]


def test_name_set_off_before_the_verb() -> None:
    text = ('Wakil Menlu Malaysia, Ahmad Yusof, mengatakan teknologi digital membawa banyak manfaat.\n\n'
            '"Kami sudah mulai melihat hasil dari kebijakan ini," katanya.')
    assert speakers(run(text)) == ["Ahmad Yusof"]


def test_inline_cue_with_a_role_before_the_name() -> None:
    text = ('Rencana itu bisa memengaruhi penilaian pasar, kata konsultan risiko Eurasia Group.\n\n'
            '"Serangan terbaru hanya akan berdampak kecil pada rencana itu," katanya.')
    assert speakers(run(text)) == ["Eurasia Group"]


def test_body_name_joined_by_dan_and_acronym_in_brackets() -> None:
    a = run('"Upaya pembebasan dilakukan oleh konsulat kita di Jeddah," kata Direktur Perlindungan WNI dan '
            "Badan Hukum Indonesia Kemlu Lalu Iqbal dalam keterangan tertulis.")
    b = run('"Saya mohon maaf atas pembatalan penerbangan ini," ungkap Chief Executive Officer (CEO) Garuda '
            "Ahmad Nasution pada televisi.")
    assert speakers(a) == ["Lalu Iqbal"]
    assert speakers(b)[0].endswith("Ahmad Nasution")


def test_mojibake_marks_still_delimit_quotes() -> None:
    doc = run("‚ÄúKami akan cek dan laporkan semuanya kepada Presiden,‚Äù kata Budi Santoso.")
    assert speakers(doc) == ["Budi Santoso"]
    assert doc.quotes[0].text == "Kami akan cek dan laporkan semuanya kepada Presiden,"


def test_comma_joined_paragraphs_end_a_sentence() -> None:
    # a scrape joined paragraphs with ",": the earlier paragraph's verb is not this quote's
    text = ('Dua keluarga lainnya juga mengemukakan kekhawatiran yang sama.,Dalam sebuah pernyataan, '
            'Kemlu Rusia mengatakan; "Kebangsaan para korban belum dikonfirmasi pada tahap ini."')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Russia"]


def test_subject_before_its_place_or_body() -> None:
    text = ('Hoa Nghiem dari Human Rights Space di Hanoi menulis tentang penderitaan keluarga korban.\n\n'
            '"Keluarga telah meminta bantuan kepada kami sejak kemarin," katanya.')
    assert speakers(run(text)) == ["Hoa Nghiem"]


def test_menurut_a_source_then_a_speech_verb() -> None:
    doc = run('Menurut unggahan Facebook rumah sakit itu, Budi Santoso mengatakan, "Kami merasakan sesuatu '
              'yang sangat emosional hari ini."')
    assert speakers(doc) == ["Budi Santoso"]


def test_subject_before_a_parenthetical_source() -> None:
    text = ('"Kami turut berduka bersama seluruh rakyat Indonesia," kata Gedung Putih.\n\n'
            'Xi Jinping, menurut pernyataan Gedung Putih, menyebut mendiang sebagai pemimpin besar.\n\n'
            '"Suatu contoh luhur dari kreativitas dan tekad kuat," tukasnya.')
    assert speakers(run(text)) == ["White House", "Xi Jinping"]


def test_pronoun_dia_last_person_mentioned() -> None:
    text = 'Retno Marsudi tiba di Kairo pada Senin malam.\n\n"Indonesia mendukung penuh upaya gencatan senjata," kata dia.'
    assert speakers(run(text)) == ["Retno Marsudi"]


def test_definite_description_goes_to_last_quote_speaker() -> None:
    text = ('"Kedutaan menerima nota protes itu pagi ini," kata juru bicara Kemlu Rusia.\n\n'
            'Kemlu menilai langkah itu berlebihan.\n\n'
            '"Kami akan menanggapi secara proporsional dan terukur," kata juru bicara itu.')
    names = speakers(run(text))
    assert names[0] == names[-1] == "Ministry of Foreign Affairs of Russia"


# ---- addressees ----------------------------------------------------------------

def test_addressee_kepada_after() -> None:
    doc = run('"Kita harus belajar dari sejarah dan saling menghormati," kata Qin kepada Jaishankar.')
    q = doc.quotes[0]
    assert q.speaker == {"name": "Qin Gang", "country": "CHN"}
    assert q.addressee == {"name": "Subrahmanyam Jaishankar", "country": "IND"}


def test_addressee_mengatakan_kepada_before() -> None:
    doc = run('Qin Gang mengatakan kepada Menlu Belarusia Sergei Aleinik, "China siap memperdalam kerja sama '
              'di bidang politik."')
    q = doc.quotes[0]
    assert q.speaker["name"] == "Qin Gang"
    assert q.addressee == {"name": "Sergei Aleinik", "country": "BLR"}


def test_addressee_phone_call() -> None:
    doc = run('"Kedua negara akan meningkatkan saling pengertian di bidang politik," kata Qin dalam pembicaraan '
              "telepon dengan Aleinik.")
    assert doc.quotes[0].addressee == {"name": "Sergei Aleinik", "country": "BLR"}


def test_addressee_with_pronoun_cue() -> None:
    text = ('Wang Yi bertemu Lavrov di Beijing.\n\n'
            '"Kami akan terus berkoordinasi erat di forum internasional," katanya kepada Lavrov.')
    q = run(text).quotes[0]
    assert q.speaker["name"] == "Wang Yi"
    assert q.addressee == {"name": "Sergei Lavrov", "country": "RUS"}


def test_addressee_unknown_person() -> None:
    doc = run('"Pemerintah tidak akan mundur dari rencana itu," kata Andi kepada Siti Rahma di Jakarta.',
              mentions=False)
    assert doc.quotes[0].addressee == {"name": "Siti Rahma", "country": None}


def test_generic_addressee_is_none() -> None:
    doc = run('"Kami masih menunggu hasil penyelidikan resmi dari kepolisian," kata Budi Santoso kepada wartawan.')
    assert doc.quotes[0].speaker["name"] == "Budi Santoso"
    assert doc.quotes[0].addressee is None


# ---- continuation and split quotes -------------------------------------------

def test_quote_over_paragraph_break() -> None:
    text = ('"Pertemuan ini membuka babak baru dalam hubungan kedua negara.\n\n'
            '"Kami akan segera membentuk kelompok kerja bersama," kata Wang.')
    doc = run(text)
    assert speakers(doc) == ["Wang Yi", "Wang Yi"]
    assert doc.quotes[0].text == "Pertemuan ini membuka babak baru dalam hubungan kedua negara."


def test_split_quote_same_speaker() -> None:
    doc = run('"Kami tidak mencari konfrontasi dengan siapa pun," kata Xi, "tetapi kami akan membela '
              'kepentingan nasional kami."')
    assert speakers(doc) == ["Xi Jinping", "Xi Jinping"]
    assert doc.quotes[1].text.startswith("tetapi kami akan membela")


def test_two_pieces_in_one_sentence() -> None:
    doc = run("Xi mengatakan kedua pihak 'sepakat membuka lembaran baru hubungan' dan 'akan bertemu lagi "
              "tahun depan di Beijing.\"")
    assert speakers(doc) == ["Xi Jinping", "Xi Jinping"]


def test_bare_paragraph_after_direct_quote() -> None:
    text = ('"Kami mengecam serangan terhadap warga sipil itu," kata Kemlu.\n\n'
            '"Serangan semacam itu jelas melanggar hukum humaniter internasional."')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Indonesia"] * 2


def test_bare_paragraph_after_indirect_speech() -> None:
    text = ('Kemlu menilai serangan itu tidak dapat dibenarkan dengan alasan apa pun.\n\n'
            '"Kami menyerukan semua pihak untuk segera menahan diri."')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Indonesia"]


def test_bare_quote_after_menurut() -> None:
    text = ('Menurut Kemlu, pendudukan itu harus segera diakhiri.\n\n'
            '"Perdamaian hanya dapat dicapai dengan menghormati hak rakyat Palestina."')
    assert speakers(run(text)) == ["Ministry of Foreign Affairs of Indonesia"]


def test_second_quote_in_paragraph_keeps_speaker() -> None:
    doc = run('"Kami siap bekerja sama dengan negara mana pun," kata Wang. "Tetapi kedaulatan kami tidak bisa '
              'ditawar oleh siapa pun."')
    assert speakers(doc) == ["Wang Yi", "Wang Yi"]


def test_bare_quote_without_any_speaker_is_dropped() -> None:
    doc = run('Cuaca di ibu kota cerah sepanjang hari.\n\n"Semua orang tampak menikmati suasana sore di taman kota."')
    assert doc.quotes == []


# ---- marks -------------------------------------------------------------------------

@pytest.mark.parametrize("o,c", [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("'", "'"), ("”", "”")])
def test_quote_marks(o: str, c: str) -> None:
    doc = run(f"{o}Kami tetap berkomitmen pada solusi dua negara,{c} kata Wang.")
    assert [q.text for q in doc.quotes] == ["Kami tetap berkomitmen pada solusi dua negara,"]


def test_apostrophes_do_not_break_quotes() -> None:
    doc = run("'Kami membaca Qur'an bersama setiap Jum'at di masjid ini,' kata Ma'ruf Amin.")
    assert [q.text for q in doc.quotes] == ["Kami membaca Qur'an bersama setiap Jum'at di masjid ini,"]
    assert speakers(doc) == ["Ma'ruf Amin"]


def test_curly_apostrophe_inside_double_quote() -> None:
    doc = run("“Ma’ruf dan saya membahas pendidikan madrasah hari ini,” kata Budi Santoso.")
    assert doc.quotes[0].text.startswith("Ma’ruf dan saya")


def test_nested_quotes() -> None:
    doc = run('"Kami menerima daftar diplomat yang dinyatakan "persona non grata" dari kementerian itu," kata Lavrov.')
    assert len(doc.quotes) == 1
    assert doc.quotes[0].text.endswith("dari kementerian itu,")
    assert speakers(doc) == ["Sergei Lavrov"]


def test_mixed_marks() -> None:
    doc = run("Ditanya soal undangan itu, Xi mengatakan ' Tentu saja, saya akan datang ke sana.\"")
    assert speakers(doc) == ["Xi Jinping"]


# ---- not quotes ----------------------------------------------------------------------

def test_scare_quotes_are_not_quotes() -> None:
    doc = run('China menandatangani kerja sama "tanpa batas" dengan Rusia dan menolak "kekuatan eksternal", '
              "kata Wang.")
    assert doc.quotes == []


def test_title_is_not_a_quote() -> None:
    doc = run('Dia mengatakan film berjudul "Perjalanan Panjang Menuju Rumah Kita" akan tayang bulan depan.')
    assert doc.quotes == []


def test_headline_without_attribution_is_not_a_quote() -> None:
    doc = run('"Lima Negara Sepakat Bentuk Forum Energi Baru"\n\nPara menteri bertemu di Jakarta pada Senin.')
    assert doc.quotes == []


def test_caption_with_attribution_counts() -> None:
    text = ('"Kami datang untuk mendengar langsung keluhan warga di perbatasan," kata Retno Marsudi.\n\n'
            "Para menteri bertemu di Jakarta pada Senin.")
    doc = run(text, kinds=["caption", "body"])
    assert speakers(doc) == ["Retno Marsudi"]


def test_only_paragraphs_are_scanned() -> None:
    text = ('Para menteri bertemu di Jakarta pada Senin.\n\n'
            '"Kalimat di kotak samping ini bukan bagian dari artikel sama sekali," kata Wang.')
    doc = make_doc(text)
    doc.paragraphs = doc.paragraphs[:1]  # the second block is a sidebar
    assert QuotesStep()(doc).quotes == []


def test_empty_paragraphs_scan_whole_text() -> None:
    doc = Document(id="t", text='"Kami siap membantu proses rekonstruksi pascabencana," kata Budi Santoso.')
    assert [q.speaker for q in QuotesStep()(doc).quotes] == [{"name": "Budi Santoso", "country": None}]


# ---- robustness --------------------------------------------------------------------------

def _within(seconds: float, fn: Any) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        box["out"] = fn()

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "quotes step did not finish"
    return box.get("out")


@pytest.mark.parametrize("text", [
    '"' * 1_000_000,
    "“”‘’'\"«»" * 125_000,
    '" a' * 333_333,
    "kata " * 200_000,
    "a" * 1_000_000,
    " " * 1_000_000,
    "\n" * 1_000_000,
    ("'" + " " * 50) * 20_000,
    ('"Kami siap," kata Wang. ' * 40_000),
    ("“" + "kata Wang, " * 90_000),
])
def test_pathological_inputs(text: str) -> None:
    doc = _within(120, lambda: QuotesStep()(Document(id="p", text=text)))
    assert isinstance(doc.quotes, list)


def test_one_megabyte_without_marks_in_paragraphs() -> None:
    text = ("Para menteri bertemu di Jakarta pada Senin dan membahas kerja sama. " * 15_000)
    doc = Document(id="p", text=text, paragraphs=[Paragraph(0, len(text))])
    assert _within(120, lambda: QuotesStep()(doc)).quotes == []


def test_unbalanced_marks() -> None:
    doc = run('"Kami akan datang, kata Wang. Lalu "dia pergi" begitu saja" dan "Kami siap membantu rakyat di sana," '
              "ujar Qin.")
    assert "Qin Gang" in speakers(doc)
