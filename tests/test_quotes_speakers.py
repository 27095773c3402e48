"""Speaker rules found by reading a random sample of corpus quotes (spec EVENTS.md §8).

Every sentence here is invented for the test."""

from __future__ import annotations

from warta.document import Document, Mention, Paragraph
from warta.quotes import QuotesStep


def _doc(text: str, mentions: list[tuple[str, str, str, str | None, str, str]]) -> Document:
    """``mentions``: (surface, key, name, country, kind, via), each at its first occurrence."""
    doc = Document(id="t", text=text)
    pos = 0
    for chunk in text.split("\n\n"):
        start = text.index(chunk, pos)
        doc.paragraphs.append(Paragraph(start, start + len(chunk), "body"))
        pos = start + len(chunk)
    for surface, key, name, country, kind, via in mentions:
        k = text.index(surface)
        doc.mentions.append(Mention(k, k + len(surface), key, name, country, kind, via=via))
    doc.mentions.sort(key=lambda m: m.start)
    return QuotesStep()(doc)


def _names(doc: Document) -> list[str | None]:
    return [q.speaker["name"] if q.speaker else None for q in doc.quotes]


# ---- 'kata <jabatan> <nama> di <tempat>, <kota>, <hari>': the place is no apposition --------

def test_named_title_then_place_and_city() -> None:
    text = ('"Kami sudah memeriksa tiga saksi dalam perkara penipuan itu," kata Juru Bicara Polda Rahmat '
            'Saputra di Kantor Polda, Medan, Senin (3/2/2020).')
    doc = _doc(text, [("Juru Bicara Polda Rahmat Saputra", "person:rahmat_saputra", "Rahmat Saputra", "IDN",
                       "person", "title")])
    assert _names(doc) == ["Rahmat Saputra"]


def test_unknown_name_after_title_then_place() -> None:
    text = ('"Bantuan beras akan kami bagikan mulai pekan depan ke semua desa," kata Ketua Yayasan Lestari '
            'Rahmat Hidayat di Gedung Serbaguna, Bandung, Rabu (5/2/2020).')
    doc = _doc(text, [])
    assert len(doc.quotes) == 1
    name = doc.quotes[0].speaker["name"]
    assert name.endswith("Rahmat Hidayat") and "Bandung" not in name


def test_name_after_body_and_place_still_taken() -> None:
    # 'kata Ketua Fraksi X di DPRD, <nama>': the phrase names a body, the name comes after the place
    text = ('"Kami menolak rancangan anggaran itu karena tidak berpihak pada petani," kata Ketua Fraksi '
            'Hijau di DPRD, Rahmat Hidayat, dalam rapat paripurna.')
    doc = _doc(text, [("Ketua Fraksi", "person:fraksi", "Fraksi", None, "person", "title")])
    assert _names(doc) == ["Rahmat Hidayat"]


# ---- a bare title: the person the text named with it before --------------------------------

def test_bare_title_is_the_person_named_with_it_before() -> None:
    text = ('Kepala BPBD Kolonel Budi Santoso meninjau lokasi banjir di tepi sungai, Senin.\n\n'
            'Warga bernama Joko Widagdo mengatakan air naik sejak pagi.\n\n'
            '"Kami akan menambah jumlah perahu karet untuk warga yang masih terjebak," kata Kepala BPBD.')
    doc = _doc(text, [("Budi Santoso", "person:budi_santoso", "Budi Santoso", "IDN", "person", "gazetteer"),
                      ("Joko Widagdo", "person:joko_widagdo", "Joko Widagdo", "IDN", "person", "gazetteer")])
    assert _names(doc) == ["Budi Santoso"]


def test_bare_title_never_named_keeps_its_words() -> None:
    text = '"Kami akan menambah jumlah perahu karet untuk warga yang masih terjebak," kata Kepala BPBD.'
    doc = _doc(text, [])
    assert _names(doc) == ["BPBD"]


def test_one_word_name_after_title_then_place_and_day() -> None:
    text = ('"Kami sudah mengirim surat undangan kepada semua kepala daerah," kata Mensos Sutarmo di Gedung '
            'Sosial, Bogor, Jawa Barat, Jumat (7/2/2020).')
    doc = _doc(text, [("Mensos Sutarmo", "person:sutarmo", "Sutarmo", "IDN", "person", "title")])
    assert _names(doc) == ["Sutarmo"]


def test_bare_title_named_only_later() -> None:
    text = ('"Dana desa tahun ini naik dan harus dipakai untuk jalan dan irigasi," kata Mendagri di Aula Desa, '
            'Kendari, Kamis.\n\nMendagri Budi Santoso juga meminta kepala desa melapor tiap bulan.')
    doc = _doc(text, [("Budi Santoso", "person:budi_santoso", "Budi Santoso", "IDN", "person", "gazetteer")])
    assert _names(doc) == ["Budi Santoso"]


# ---- a rank before the name set off by commas ----------------------------------------------

def test_rank_before_name_in_apposition() -> None:
    text = ('"Berkas perkara pencurian sepeda motor itu sudah kami lengkapi minggu ini," ungkap Kabid Humas Polda '
            'Sulawesi Barat, Kombes Pol Rahmat Saputra saat dikonfirmasi, Kamis (12/9/2019).')
    doc = _doc(text, [("Polda Sulawesi Barat", "org:polda_sulbar", "Polda Sulawesi Barat", "IDN", "organization",
                       "gazetteer")])
    assert _names(doc) == ["Rahmat Saputra"]


def test_rank_alone_in_apposition_is_no_name() -> None:
    # 'kata Budi Santoso, Ketua Umum,': a role after the name, not another name
    text = '"Kami akan mengajukan banding atas putusan itu pekan depan," kata Budi Santoso, Ketua Umum, kemarin.'
    doc = _doc(text, [("Budi Santoso", "person:budi_santoso", "Budi Santoso", "IDN", "person", "gazetteer")])
    assert _names(doc) == ["Budi Santoso"]


def test_one_word_name_after_rank_in_apposition() -> None:
    text = ('"Pelanggar yang terjaring razia hari ini mencapai ratusan kendaraan," ujar Dirlantas Polda Sulawesi '
            'Barat, Kombes Pol Yusuf, Selasa (17/9/2019).')
    doc = _doc(text, [("Polda Sulawesi Barat", "org:polda_sulbar", "Polda Sulawesi Barat", "IDN", "organization",
                       "gazetteer")])
    assert _names(doc) == ["Yusuf"]


# ---- short forms of police and civil offices are titles, not names ------------------------------

def test_short_office_then_name_in_apposition() -> None:
    text = ('"Kedua pelaku kami tangkap di rumah kontrakan mereka tadi malam," kata Kasat Reskrim Polres Danau '
            'Hijau, AKP Rahmat Saputra, Jumat (13/9/2019).')
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Saputra"]


def test_name_before_a_clause_ending_in_itu_is_no_anaphor() -> None:
    text = ('"Pemuda itu kami temukan bersembunyi di gudang beras milik pamannya," ujar Kabag Ops Polres Danau '
            'Hijau AKBP Rahmat Saputra pada saat itu.')
    doc = _doc(text, [])
    assert len(doc.quotes) == 1 and doc.quotes[0].speaker["name"].endswith("Rahmat Saputra")


def test_bare_title_with_no_one_before_keeps_its_words() -> None:
    text = '"Saudara saksi, kapan terakhir kali bertemu dengan terdakwa?" kata hakim ketua dalam persidangan.'
    doc = _doc(text, [])
    assert _names(doc) == ["hakim ketua"]


# ---- long body names: an abbreviation's full stop, commas inside the name, its acronym -------------

def test_abbreviated_title_with_full_stop() -> None:
    text = ('"Pabrik tahu di desa ini akan kami bantu dengan mesin giling baru," kata Plt. Direktur Jenderal Industri '
            'Pangan, Minuman dan Tembakau (IPMT) Kementerian Hijau, Rahmat Saputra di Jakarta, Selasa (10/9/2019).')
    doc = _doc(text, [("Kementerian Hijau", "org:kemenhijau", "Ministry of Green", "IDN", "organization",
                       "gazetteer")])
    assert _names(doc) == ["Rahmat Saputra"]


def test_name_after_body_acronym_inside_comma_list() -> None:
    text = ('"Ramalan hujan lebat untuk pekan depan sudah kami kirim ke semua kabupaten," kata Kepala Pusat Cuaca Publik Badan Cuaca, Iklim, '
            'dan Gempa (BCIG) Rahmat Saputra dalam keterangan tertulis.')
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Saputra"]


def test_date_ends_the_apposition_chain() -> None:
    text = ('"Lahan sawah yang kering sudah kami bantu dengan pompa air," jelas Direktur Jenderal Sarana Tani '
            '(PST) Kementan, Rahmat Saputra, Selasa (17/9/2019).,Dijelaskannya, bantuan itu sudah dikirim.')
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Saputra"]


def test_title_word_before_a_sentence_end_is_no_abbreviation() -> None:
    text = ('Jaksa Agung hadir di gedung itu.,"Bukti yang kami kumpulkan sudah lebih dari cukup untuk '
            'menuntut," kata Agung. Sidang ditunda sepekan.')
    doc = _doc(text, [])
    assert _names(doc) == ["Agung"]


# ---- session 11: speaker phrases the speaker errors of train folds 1–4 showed ----------------

def test_second_cue_with_pronoun_suffix_is_the_last_speaker() -> None:
    # 'kata paparnya': no name after the first cue, the suffix points back
    text = ('Menteri Rahmat Saputra membuka rapat kerja di Bandung.\n\n'
            '"Kami akan menambah anggaran untuk perbaikan jalan desa tahun depan," kata paparnya, Senin.')
    doc = _doc(text, [("Rahmat Saputra", "person:rahmat_saputra", "Rahmat Saputra", "IDN", "person", "gazetteer")])
    assert _names(doc) == ["Rahmat Saputra"]


def test_the_one_told_set_off_by_commas_is_not_the_speaker() -> None:
    text = ('Pejabat dinas lingkungan Sari Wulandari, kepada kantor berita Antara, mengatakan asap itu '
            '"bisa berbahaya bagi anak-anak dan orang tua".')
    doc = _doc(text, [("Antara", "org:antara", "Antara", "IDN", "organization", "gazetteer")])
    assert _names(doc) == ["Sari Wulandari"]


def test_told_reporters_set_off_by_commas() -> None:
    text = 'Rahmat Hidayat, kepada wartawan, mengatakan, "Kami tidak akan mundur dari rencana pembangunan itu."'
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Hidayat"]


def test_name_before_a_relative_clause_naming_countries() -> None:
    text = ('Seminar itu menghadirkan Eko Prasetyo sebagai pembicara.\n\n'
            'Eko yang merupakan mantan Duta Besar Indonesia untuk Jepang menuturkan, "Hubungan kedua negara '
            'sudah sangat dekat sejak lama."')
    doc = _doc(text, [("Indonesia", "state:IDN", "Indonesia", "IDN", "state", "gazetteer"),
                      ("Jepang", "state:JPN", "Japan", "JPN", "state", "gazetteer")])
    assert _names(doc) == ["Eko"]


def test_two_roles_joined_by_dan_before_the_name() -> None:
    text = '"Kami harus menunggu hampir satu jam di tengah kemacetan," kata sopir truk dan relawan Budi Prasetyo.'
    doc = _doc(text, [])
    assert _names(doc) == ["Budi Prasetyo"]


def test_company_abbreviation_does_not_end_the_speaker_phrase() -> None:
    text = ('"Pasar akan tetap bergejolak sampai akhir tahun ini," kata analis senior Sentosa Corp. '
            'Rahmat Hidayat kepada wartawan.')
    doc = _doc(text, [("Sentosa Corp", "org:sentosa", "Sentosa Corp", "IDN", "organization", "gazetteer")])
    assert _names(doc) == ["Rahmat Hidayat"]


def test_person_after_an_unknown_company_abbreviation() -> None:
    text = ('"Pasar akan tetap bergejolak sampai akhir tahun ini," kata analis pertahanan senior Sentosa Corp. '
            'Rahmat Hidayat kepada wartawan.')
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Hidayat"]


def test_a_common_noun_before_a_relative_clause_is_no_name() -> None:
    # 'Pria yang …' opens a sentence capitalised; it names no one, so the pronoun rule decides
    text = ('Rahmat Hidayat datang ke acara itu bersama istrinya.\n\n'
            'Pria yang pernah menjabat kepala desa itu menuturkan, "Kami ingin jalan desa segera diperbaiki."')
    doc = _doc(text, [("Rahmat Hidayat", "person:rahmat_hidayat", "Rahmat Hidayat", "IDN", "person", "gazetteer")])
    assert _names(doc) == ["Rahmat Hidayat"]


def test_coach_is_a_title_before_the_name_set_off_by_a_comma() -> None:
    # 'kata Pelatih <klub>, <nama>': the coach's title and club, then the name (quotes.yaml title_words)
    text = ('"Kami akan bermain menyerang sejak menit pertama sampai akhir laga," kata Pelatih Sentosa, '
            'Rahmat Hidayat kepada wartawan, Senin.')
    doc = _doc(text, [])
    assert _names(doc) == ["Rahmat Hidayat"]


# ---- a connective opening the sentence is not the speaker's first name ----------------------------------

def test_a_sentence_connective_before_the_subject_is_not_part_of_the_name() -> None:
    text = ('Penyanyi itu sempat dikabarkan dekat dengan rekan duetnya. Namun Dimas mengaku, "Kabar itu sama '
            'sekali tidak benar, kami hanya berteman."\n\nKeduanya tampil bersama di sebuah acara pekan lalu. '
            'Sedangkan Laras mengatakan, "Saya belum mau berkomentar soal itu sekarang."')
    assert _names(_doc(text, [])) == ["Dimas", "Laras"]


def test_a_sasak_title_is_no_connective() -> None:
    # 'Lalu' opens Sasak names (Lombok) as well as sentences: it is left in the name
    text = 'Lalu Ahmad Zaini mengatakan, "Kami akan membuka cabang baru di Mataram tahun depan."'
    assert _names(_doc(text, [])) == ["Lalu Ahmad Zaini"]


# ---- an office's region, then a rank, then the person -------------------------------------------------------

def test_the_person_after_a_rank_inside_the_speaker_phrase() -> None:
    text = ('"Semua personel sudah siap mengamankan acara itu," kata Wakapolda Jawa Tengah Brigjen Pol Hadi '
            'Santoso seusai apel pasukan di Semarang.')
    assert _names(_doc(text, [])) == ["Hadi Santoso"]


def test_a_rank_that_is_also_a_given_name_stays_in_the_name() -> None:
    text = ('"Layanan ini kami buka untuk semua pelaku usaha kecil," kata CEO Kirana Laksamana Putra di '
            'Jakarta, Rabu.')
    [name] = _names(_doc(text, []))
    assert name is not None and name.endswith("Laksamana Putra")


# ---- session 13: descriptions of the last speaker, names after a role set off by a comma -----
def test_a_description_with_a_quoted_title_is_the_last_speaker() -> None:
    text = ('Penyanyi Budi Santoso tampak panik. "Bukan itu maksudku, kami hanya saling menyapa," ujar pelantun '
            '"Lagu Cinta" tersebut.\n\nPenggemar tampak santai.')
    doc = _doc(text, [("Budi Santoso", "p:budi", "Budi Santoso", "IDN", "person", "name")])
    assert _names(doc) == ["Budi Santoso"]


def test_a_capitalised_common_noun_ending_in_ini_is_the_last_speaker() -> None:
    text = ('Para legislator menolak usul itu. Fahri Hamzah menilai langkah itu keliru. "Mereka bertindak sembrono '
            'dan menyerahkan mandat," tutur Legislator asal Nusa Tenggara Barat ini.\n\nIa menambahkan hal lain.')
    doc = _doc(text, [("Fahri Hamzah", "p:fahri", "Fahri Hamzah", "IDN", "person", "name")])
    assert _names(doc) == ["Fahri Hamzah"]


def test_a_single_name_before_a_clause_ending_in_itu_stays_the_speaker() -> None:
    text = '"Kami akan tampil lagi tahun depan," kata Kiki saat ditemui di acara itu, Senin (2/9).'
    assert _names(_doc(text, [])) == ["Kiki"]


def test_a_name_after_a_role_and_its_body_ends_before_sebagaimana() -> None:
    text = ('"Uang itu lebih baik dipakai untuk prioritas kota yang lain," kata Juru Bicara Pemerintah Kota '
            'Springfield, Tyler Marr sebagaimana dilansir media lokal, Jumat (20/9).')
    assert _names(_doc(text, [])) == ["Tyler Marr"]
