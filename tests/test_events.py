"""Rule coder (spec EVENTS.md §3–§7) through the whole pipeline: read → clean → actors → quotes → rules.

These cases check the rule coder, the learned coder's main candidate generator and feature source, with
the scorer off (``pipeline_with(None)``); the learned step is tested in test_learned.py.

Every sentence here was written for the test, in the style of Indonesian news. Each positive case names
the one event it expects of a type (one event per fact): its type, the actor's and the recipient's
countries, and where it matters aux, mutual, mode, date and names. Cases marked xfail are sentences the
coder gets wrong today; the reason says what is wrong.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from warta.document import Document, Event
from warta.evaluate.cv import pipeline_with

PUB = "2024-11-12"  # a Tuesday: Senin = 11/11, Minggu = 10/11, Sabtu = 9/11, Jumat = 8/11
PUB23 = "2023-03-08"  # a Wednesday: Selasa = 7/3, Senin = 6/3

UNSET: Any = object()


_RULES = pipeline_with(None)


@cache
def run(text: str, published: str) -> Document:
    return _RULES(Document(id="text", text=text, published=published, origin="<test>"))


def E(text: str, etype: str, actor: str | None, recipient: str | None, *, pub: str = PUB, aux: str | None = None,
      id: str, xfail: str | None = None, **want: Any) -> Any:  # noqa: A002
    """One positive case: the article, the event it must yield, and what else to check."""
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, pub, etype, actor, recipient, aux, want, id=id, marks=marks)


def country(side: dict[str, Any] | None) -> str | None:
    return (side or {}).get("country")


def describe(doc: Document) -> str:
    return "\n".join(
        f"  {e.type} {country(e.actor)}({(e.actor or {}).get('name')}) -> {country(e.recipient)}"
        f"({(e.recipient or {}).get('name')}) date={e.date} aux={e.aux} mutual={e.mutual} mode={e.mode} cue={e.cue!r}"
        for e in doc.events) or "  (no events)"


def the_event(doc: Document, etype: str) -> Event:
    evs = [e for e in doc.events if e.type == etype]
    assert len(evs) == 1, f"want exactly one {etype}, got:\n{describe(doc)}"
    return evs[0]


# ---------------------------------------------------------------------------------------------------
# positive cases
# ---------------------------------------------------------------------------------------------------

TYPES = [
    # the 16 PLOVER types, each with a clear cue
    E("Rusia kembali menyerang Ukraina pada Selasa (5/11) dengan puluhan rudal dan drone.",
      "ASSAULT", "RUS", "UKR", date="2024-11-05", mutual=False, id="assault-active"),
    E("Pemerintah Indonesia mengecam Israel atas serangan yang menewaskan puluhan warga sipil di Rafah.",
      "ACCUSE", "IDN", "ISR", date=PUB, id="accuse-mengecam",),
    E("Pemerintah Indonesia mengecam serangan Israel terhadap warga sipil di Rafah pada Senin.",
      "ACCUSE", "IDN", "ISR", date="2024-11-11", id="accuse-nested-event-object"),
    E("Amerika Serikat menjatuhkan sanksi baru terhadap Iran pada hari Senin terkait dengan program nuklir "
      "negara itu.",
      "SANCTION", "USA", "IRN", date="2024-11-11", id="sanction-sanksi"),
    E("Korea Utara meluncurkan rudal balistik ke perairan di lepas pantai timurnya pada Minggu, kata militer "
      "Korea Selatan.",
      "MOBILIZE", "PRK", None, date="2024-11-10", id="mobilize-rudal-no-recipient"),
    E("Rusia mengerahkan pasukan ke perbatasan Ukraina dalam jumlah yang besar, kata intelijen Amerika Serikat.",
      "MOBILIZE", "RUS", "UKR", id="mobilize-pasukan"),
    E("Jepang mengirim bantuan kemanusiaan ke Turki setelah gempa yang melanda wilayah selatan negara itu.",
      "AID", "JPN", "TUR", date=PUB, id="aid-kemanusiaan"),
    E("Amerika Serikat memberikan bantuan militer senilai 400 juta dolar AS kepada Ukraina pada Jumat untuk "
      "menghadapi serangan dari Rusia.",
      "AID", "USA", "UKR", date="2024-11-08", id="aid-militer"),
    E("Rusia mengusir dua diplomat Jerman dari Moskow sebagai balasan atas langkah yang sama oleh Berlin.",
      "SANCTION", "RUS", "DEU", mode="expel", id="sanction-expel-two-diplomats"),
    E("Rusia mengusir diplomat Jerman dari Moskow sebagai balasan atas langkah yang sama oleh Berlin.",
      "SANCTION", "RUS", "DEU", mode="expel", id="sanction-expel-diplomat"),
    E("Pemerintah Turki memutuskan hubungan diplomatik dengan Israel pada Senin (11/11) sebagai protes atas "
      "perang di Gaza.",
      "SANCTION", "TUR", "ISR", date="2024-11-11", id="sanction-cut-ties"),
    E("China menarik duta besarnya dari Lituania pada Selasa sebagai protes atas pembukaan kantor perwakilan "
      "Taiwan.",
      "SANCTION", "CHN", "LTU", date=PUB, id="sanction-recall-ambassador"),
    E("China dan Rusia menggelar latihan militer bersama di Laut Jepang yang berlangsung selama lima hari.",
      "COOPERATE", "CHN", "RUS", mutual=True, date=PUB, id="cooperate-exercise"),
    E("China mengancam akan menjatuhkan sanksi terhadap Taiwan jika pulau itu terus menolak.",
      "THREATEN", "CHN", "TWN", id="threaten-said-act-aux-null"),
    E("Iran menolak tuntutan Amerika Serikat untuk menghentikan pengayaan uranium di fasilitas nuklirnya.",
      "REJECT", "IRN", "USA", id="reject-menolak"),
    E("Kementerian Luar Negeri China membantah tuduhan Amerika Serikat soal serangan siber terhadap jaringan "
      "pemerintah di Washington pada Senin.",
      "REJECT", "CHN", "USA", date="2024-11-11", actor_name="Ministry of Foreign Affairs of China",
      id="reject-membantah"),
    E("Indonesia mendesak Israel untuk segera menghentikan serangan di Jalur Gaza.",
      "REQUEST", "IDN", "ISR", id="request-mendesak"),
    E("Malaysia mendukung Palestina dalam sidang Majelis Umum yang digelar di New York.",
      "SUPPORT", "MYS", "PSE", mutual=False, id="support-mendukung"),
    E("Presiden Rusia Vladimir Putin mengucapkan selamat kepada Presiden China Xi Jinping atas terpilihnya "
      "kembali dalam pemilihan di Beijing pada Jumat (10/3).",
      "SUPPORT", "RUS", "CHN", pub=PUB23, date="2023-03-10", actor_name="Vladimir Putin",
      recipient_name="Xi Jinping", id="support-congratulate"),
    E("Korea Selatan dan Jepang menandatangani nota kesepahaman di bidang energi di Seoul pada Senin (6/3).",
      "SUPPORT", "KOR", "JPN", pub=PUB23, mutual=True, date="2023-03-06", id="support-sign-mou-mutual"),
    E("Indonesia dan Australia sepakat untuk memperkuat kerja sama pertahanan di kawasan.",
      "AGREE", "IDN", "AUS", mutual=True, id="agree-compound-subject"),
    E("Israel menarik pasukan dari Lebanon selatan pada Rabu sesuai dengan kesepakatan yang dicapai.",
      "RETREAT", "ISR", "LBN", date="2024-11-06", id="retreat-withdraw"),
    E("Hamas membebaskan sandera Israel pada Rabu dalam pertukaran dengan tahanan Palestina.",
      "RETREAT", "PSE", "ISR", date="2024-11-06", actor_name="Hamas", id="retreat-release-hostages"),
    E("Israel mengumumkan gencatan senjata dengan Hamas yang mulai berlaku pada Minggu.",
      "CONCEDE", "ISR", "PSE", id="concede-ceasefire"),
    E("Penjaga pantai China menangkap nelayan Vietnam di Laut China Selatan pada Selasa.",
      "COERCE", "CHN", "VNM", date=PUB, id="coerce-arrest"),
    E("ANKARA - Ribuan orang berunjuk rasa menentang Israel di pusat kota Ankara pada Jumat (8/11) setelah "
      "salat Jumat.",
      "PROTEST", "TUR", "ISR", date="2024-11-08", actor_name="Protesters", id="protest-dateline"),
    E("ANKARA - Ribuan orang berunjuk rasa di depan Kedutaan Besar Israel di Ankara pada Jumat (8/11).",
      "PROTEST", "TUR", "ISR", date="2024-11-08", id="protest-di-depan-not-future"),
    E("Ribuan warga Turki berunjuk rasa menentang Israel di Istanbul pada Jumat (8/11) setelah salat Jumat.",
      "PROTEST", "TUR", "ISR", date="2024-11-08", id="protest-named-protesters",),
    E("Militer Israel membombardir Jalur Gaza pada Minggu malam dan menewaskan sedikitnya 20 warga Palestina "
      "di kamp pengungsi.",
      "ASSAULT", "ISR", "PSE", date="2024-11-10", mode="aerial", id="assault-bombard-aerial"),
    E("Pasukan Israel bentrok dengan milisi Hizbullah di perbatasan selatan Lebanon pada Senin pagi.",
      "ASSAULT", "ISR", "LBN", mutual=True, date="2024-11-11", recipient_name="Hezbollah", id="assault-clash"),
    E("Pasukan Israel dan Hizbullah terlibat bentrokan di perbatasan Lebanon pada Senin pagi.",
      "ASSAULT", "ISR", "LBN", mutual=True, date="2024-11-11", id="assault-clash-noun-compound",),
    E("Prancis memanggil duta besar Italia di Paris pada Kamis untuk memprotes pernyataan menteri dalam "
      "negeri Italia.",
      "ACCUSE", "FRA", "ITA", date="2024-11-07", id="accuse-summon-ambassador"),
    E("Menteri Luar Negeri Rusia Sergei Lavrov mengkritik Amerika Serikat dalam konferensi pers di Moskow "
      "pada Senin.",
      "ACCUSE", "RUS", "USA", pub=PUB23, date="2023-03-06", actor_name="Sergei Lavrov", id="accuse-person"),
]

VOICES = [
    E("Ukraina diserang oleh Rusia dengan puluhan rudal pada Senin malam, kata pejabat di Kyiv.",
      "ASSAULT", "RUS", "UKR", date="2024-11-11", id="passive-diserang-oleh"),
    E("Serangan Israel terhadap Gaza pada Minggu menewaskan sedikitnya 30 orang, kata pejabat kesehatan "
      "setempat.",
      "ASSAULT", "ISR", "PSE", date="2024-11-10", id="noun-possessor-terhadap"),
    E("Rusia meluncurkan serangan udara besar-besaran ke Ukraina pada Minggu dini hari dengan ratusan drone.",
      "ASSAULT", "RUS", "UKR", date="2024-11-10", mode="aerial", id="noun-subject-ke"),
    E("Kunjungan Presiden Prabowo Subianto ke China pada Sabtu (9/11) menghasilkan sejumlah kesepakatan di "
      "bidang ekonomi.",
      "CONSULT", "IDN", "CHN", date="2024-11-09", mode="visit", actor_name="Prabowo Subianto",
      id="noun-kunjungan-possessor"),
]

CONSULT = [
    E("Presiden Joko Widodo bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim di Jakarta, Senin (11/11/2024).",
      "CONSULT", "IDN", "MYS", date="2024-11-11", mutual=True, mode=None, actor_name="Joko Widodo",
      recipient_name="Anwar Ibrahim", id="consult-bertemu-dengan"),
    E("Presiden Prabowo Subianto mengunjungi China pada Sabtu (9/11) untuk bertemu dengan para pemimpin di "
      "Beijing.",
      "CONSULT", "IDN", "CHN", date="2024-11-09", mode="visit", actor_name="Prabowo Subianto",
      id="consult-visit-mengunjungi"),
    E("Menteri Luar Negeri AS Antony Blinken mengunjungi Ukraina pada Rabu (1/3) untuk bertemu Presiden "
      "Volodymyr Zelensky.",
      "CONSULT", "USA", "UKR", pub=PUB23, date="2023-03-01", mode="visit", actor_name="Antony Blinken",
      id="consult-visit-blinken"),
    E("Presiden Joko Widodo menerima kunjungan Perdana Menteri Singapura Lee Hsien Loong di Istana Bogor, Jawa "
      "Barat, pada Senin (6/3).",
      "CONSULT", "SGP", "IDN", pub=PUB23, date="2023-03-06", mode="visit", actor_name="Lee Hsien Loong",
      id="consult-visit-hosted",),
    E("Menteri Luar Negeri Sugiono melakukan pembicaraan telepon dengan Menteri Luar Negeri China Wang Yi pada "
      "Senin.",
      "CONSULT", "IDN", "CHN", date="2024-11-11", mode="phone", mutual=True, actor_name="Sugiono",
      recipient_name="Wang Yi", id="consult-phone"),
    E("Presiden Joko Widodo melakukan pembicaraan telepon dengan Presiden Amerika Serikat Joe Biden pada Senin "
      "(6/3).\n\nKedua pemimpin membahas situasi di Myanmar dan kerja sama di bidang energi bersih.",
      "CONSULT", "IDN", "USA", pub=PUB23, date="2023-03-06", mode="phone", actor_name="Joko Widodo",
      id="consult-phone-jokowi-2023"),
    E("Indonesia dan Vietnam bertemu di Hanoi pada Senin untuk membahas batas wilayah laut kedua negara.",
      "CONSULT", "IDN", "VNM", date="2024-11-11", mutual=True, id="consult-compound-mutual"),
    E("Presiden Prabowo Subianto dan Perdana Menteri Jepang Shigeru Ishiba bertemu di sela-sela KTT APEC di "
      "Lima, Peru, pada Jumat (15/11).",
      "CONSULT", "IDN", "JPN", pub="2024-11-16", date="2024-11-15", mutual=True, mode="multilateral",
      id="consult-multilateral"),
]

AUX = [
    E("Presiden Prabowo Subianto akan mengunjungi Amerika Serikat pekan depan untuk bertemu dengan Presiden "
      "Joe Biden.",
      "CONSULT", "IDN", "USA", aux="future", date="2024-11-18..2024-11-24", mode="visit", id="aux-future-visit"),
    E("Presiden Prabowo Subianto dijadwalkan bertemu dengan Presiden Amerika Serikat Joe Biden di Gedung Putih "
      "pada Rabu (13/11).",
      "CONSULT", "IDN", "USA", aux="future", date="2024-11-13", id="aux-future-scheduled"),
    E("Indonesia akan menggelar latihan militer bersama dengan Amerika Serikat di Sumatera Selatan bulan depan.",
      "COOPERATE", "IDN", "USA", aux="future", date="2024-12", id="aux-future-month"),
    E("Presiden Prabowo Subianto batal bertemu dengan Perdana Menteri Australia Anthony Albanese di Sydney "
      "karena cuaca buruk.",
      "CONSULT", "IDN", "AUS", aux="negated", id="aux-negated-batal"),
    E("Jika Israel menyerang Iran, kawasan itu akan menghadapi perang yang lebih luas, kata seorang analis.",
      "ASSAULT", "ISR", "IRN", aux="hypothetical", id="aux-hypothetical-jika"),
    E("China berjanji akan mendukung Indonesia dalam pembangunan ibu kota baru di Kalimantan.",
      "AGREE", "CHN", "IDN", aux=None, date=PUB, id="aux-said-promise-agree"),
    E("China berjanji akan mendukung Indonesia dalam pembangunan ibu kota baru di Kalimantan.",
      "SUPPORT", "CHN", "IDN", aux=None, date=PUB, id="aux-said-promise-support"),
    E("Malaysia akan mengirim bantuan kemanusiaan ke Indonesia jika pemerintah Indonesia memintanya.",
      "AID", "MYS", "IDN", aux="hypothetical", id="aux-condition-after"),
    E("Presiden Prabowo Subianto dijadwalkan tiba di Beijing pada Sabtu guna bertemu Presiden China Xi Jinping.",
      "CONSULT", "IDN", "CHN", aux="future", id="aux-planned-purpose-clause"),
]

MORE = [
    E("Puluhan roket ditembakkan dari Gaza ke Israel selatan pada Selasa (12/11) malam.",
      "ASSAULT", "PSE", "ISR", date="2024-11-12", id="passive-launch-source"),
    E("Presiden China Xi Jinping untuk pertama kalinya berbicara langsung dengan Presiden Ukraina Volodymyr "
      "Zelensky melalui telepon pada Rabu (6/11).",
      "CONSULT", "CHN", "UKR", mode="phone", date="2024-11-06", id="untuk-pertama-kalinya-not-purpose"),
    E("Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Korea Selatan di sela-sela pertemuan ASEAN di "
      "Jakarta pada Kamis (6/7/2023).",
      "CONSULT", "JPN", "KOR", pub="2023-07-07", mode="multilateral", id="setting-keeps-the-meeting"),
    E("Pejabat China dan Vietnam bekerja sama dengan polisi Inggris untuk menyelidiki kasus itu, kata kedutaan "
      "masing-masing.",
      "COOPERATE", "CHN", "GBR", id="compound-acts-on-dengan-x"),
]

ARTICLES = [
    # pair words after a sentence naming the two sides
    E("Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri China Qin Gang di Jakarta pada "
      "Selasa (7/3).\n\nKedua menteri sepakat untuk memperkuat kerja sama maritim di kawasan Asia Tenggara.",
      "AGREE", "IDN", "CHN", pub=PUB23, mutual=True, date="2023-03-07", id="pair-kedua-menteri"),
    E("Menteri Pertahanan Indonesia dan Menteri Pertahanan Australia bertemu di Canberra pada Senin (11/11)."
      "\n\nKedua negara sepakat untuk menggelar latihan militer gabungan tahun depan.",
      "AGREE", "IDN", "AUS", mutual=True, date="2024-11-11", id="pair-kedua-negara-agree-date"),
    # dates
    E("Rusia kembali menyerang Ukraina pada Jumat dengan puluhan rudal dan drone yang diluncurkan dari Laut "
      "Hitam.",
      "ASSAULT", "RUS", "UKR", date="2024-11-08", id="date-weekday-alone"),
    E("Rusia menyerang Ukraina pada Rabu lalu dengan puluhan rudal dan drone yang diluncurkan dari Laut Hitam.",
      "ASSAULT", "RUS", "UKR", date="2024-11-06", id="date-weekday-lalu"),
    E("Rusia kembali menyerang Ukraina pekan lalu dengan puluhan rudal dan drone yang diluncurkan dari Laut "
      "Hitam.",
      "ASSAULT", "RUS", "UKR", date="2024-11-04..2024-11-10", id="date-pekan-lalu"),
    E("Rusia menyerang Ukraina tahun lalu dengan puluhan rudal dan drone yang diluncurkan dari Laut Hitam.",
      "ASSAULT", "RUS", "UKR", date="2023", id="date-tahun-lalu"),
    E("Rusia menyerang Ukraina kemarin dengan puluhan rudal dan drone yang diluncurkan dari Laut Hitam.",
      "ASSAULT", "RUS", "UKR", date="2024-11-11", id="date-kemarin"),
    E("Rusia menginvasi Ukraina pada Februari 2022 dengan alasan melindungi warga berbahasa Rusia di wilayah "
      "timur.",
      "ASSAULT", "RUS", "UKR", date="2022-02", id="date-month-year"),
    E("Indonesia dan Jepang menandatangani nota kesepahaman di bidang perikanan dan ketahanan pangan di Tokyo.",
      "SUPPORT", "IDN", "JPN", mutual=True, date=PUB, id="date-undated-publication"),
    E("Presiden Prabowo Subianto bertemu dengan Presiden China Xi Jinping di Beijing pada Sabtu (9/11).\n\n"
      "Selain itu, Indonesia dan China menandatangani nota kesepahaman di bidang perikanan dan ketahanan pangan.",
      "SUPPORT", "IDN", "CHN", mutual=True, date="2024-11-09", id="date-undated-takes-lede"),
    # quotes: the speaker is the actor of what the quote says
    E("\"China siap bekerja sama dengan Indonesia untuk menjaga perdamaian di kawasan,\" kata Wang Yi kepada "
      "wartawan di Beijing pada Senin (11/11).",
      "AGREE", "CHN", "IDN", date="2024-11-11", actor_name="Wang Yi", id="quote-speaker-actor"),
    E("Menteri Luar Negeri China Wang Yi mengatakan China siap bekerja sama dengan Indonesia untuk menjaga "
      "perdamaian di kawasan.",
      "AGREE", "CHN", "IDN", actor_name="Wang Yi", id="indirect-speech-person-actor",),
]

POSITIVE = TYPES + VOICES + CONSULT + AUX + ARTICLES + MORE


@pytest.mark.parametrize(("text", "pub", "etype", "actor", "recipient", "aux", "want"), POSITIVE)
def test_event(text: str, pub: str, etype: str, actor: str | None, recipient: str | None, aux: str | None,
               want: dict[str, Any]) -> None:
    doc = run(text, pub)
    e = the_event(doc, etype)
    got = (country(e.actor), country(e.recipient))
    mutual = want.get("mutual", UNSET)
    if etype == "CONSULT" or mutual is True:
        assert sorted(got, key=str) == sorted((actor, recipient), key=str), describe(doc)
    else:
        assert got == (actor, recipient), describe(doc)
    assert e.aux == aux, describe(doc)
    if mutual is not UNSET:
        assert e.mutual is mutual, describe(doc)
    for key in ("mode", "date"):
        if key in want:
            assert getattr(e, key) == want[key], describe(doc)
    if "actor_name" in want:
        assert (e.actor or {}).get("name") == want["actor_name"], describe(doc)
    if "recipient_name" in want:
        assert (e.recipient or {}).get("name") == want["recipient_name"], describe(doc)


# ---------------------------------------------------------------------------------------------------
# what must not produce events
# ---------------------------------------------------------------------------------------------------


def N(text: str, banned: tuple[str, ...] | None = None, *, pub: str = PUB, id: str) -> Any:  # noqa: A002
    """A negative case: no event at all (banned None), or none of the banned types."""
    return pytest.param(text, pub, banned, id=id)


NEGATIVE = [
    N("Menteri Luar Negeri Sugiono menghadiri pertemuan Organisasi Kerja Sama Shanghai di Astana pada Rabu "
      "bersama Menteri Luar Negeri Rusia Sergei Lavrov.", ("COOPERATE",), id="cue-in-name-sco"),
    N("Arab Saudi menjadi tuan rumah pertemuan Dewan Kerja Sama Teluk yang dihadiri oleh Qatar dan Uni Emirat "
      "Arab.", ("COOPERATE",), id="cue-in-name-gcc"),
    N("Mantan presiden Amerika Serikat itu dilarikan ke rumah sakit di Jakarta setelah mengalami serangan "
      "jantung pada Senin.", None, id="serangan-jantung"),
    N("Menteri Perdagangan Indonesia dan Menteri Perdagangan Jepang bertemu di Tokyo pada Senin.\n\nKedua "
      "menteri membahas peningkatan investasi di sektor energi.", ("COOPERATE",), id="topic-of-talk-investasi"),
    N("Menteri Pertahanan Indonesia dan Menteri Pertahanan Australia bertemu di Canberra pada Senin (11/11)."
      "\n\nKedua menteri membahas peningkatan kerja sama pertahanan dan investasi di sektor industri militer.",
      ("COOPERATE",), id="topic-of-talk-kerja-sama"),
    N("Baca juga: Rusia serang Ukraina dengan ratusan drone\nPresiden Prabowo Subianto meresmikan jembatan baru "
      "di Kalimantan Timur pada Senin.", None, id="sidebar-baca-juga"),
    N("Rusia menambah kekuatan armada di Laut Hitam untuk menyerang Ukraina dari arah selatan, menurut seorang "
      "analis.", None, id="purpose-clause-untuk"),
    N("Rusia menyatakan akan terus memperkuat pertahanannya di wilayah perbatasan dengan berbagai cara.", None,
      id="one-state-only"),
    N("Korea Utara mengecam keras rencana latihan militer tersebut dalam pernyataan pada Selasa.", None,
      id="one-state-accuse-no-recipient"),
    N("Presiden Prabowo Subianto meminta para menteri untuk mempercepat pembangunan infrastruktur di daerah.",
      None, id="domestic-request"),
    N("Kepolisian Indonesia menangkap seorang tersangka teroris di Bekasi pada Senin malam, kata juru bicara "
      "polisi.", None, id="domestic-arrest"),
    N("Ketua DPR Puan Maharani mengkritik Menteri Keuangan Sri Mulyani dalam rapat di gedung parlemen pada "
      "Senin terkait kenaikan pajak.", None, id="domestic-criticism"),
    # what is only described, denied, alleged, reported by a bystander, or set as a scene
    N("Kelompok Houthi yang didukung Iran kembali menjadi sorotan para analis di Timur Tengah pekan ini.",
      ("SUPPORT",), id="descriptive-yang-didukung"),
    N("Pemerintah Iran membantah berada di balik serangan terhadap kilang minyak Arab Saudi pada Sabtu.",
      ("ASSAULT",), id="denied-act"),
    N("Inggris mengatakan belum mengetahui dengan pasti dalang serangan terhadap kilang minyak Arab Saudi.",
      ("ASSAULT",), id="unknown-perpetrator-speaker"),
    N("Menteri Luar Negeri Jepang bertemu Menteri Luar Negeri Korea Selatan di sela-sela pertemuan ASEAN di "
      "Jakarta pada Kamis (6/7/2023).", ("AGREE", "SUPPORT"), id="setting-not-an-act"),
    N("Amerika Serikat dapat menolak visa bagi delegasi Iran yang akan menghadiri sidang PBB di New York.",
      ("REJECT",), id="modal-capability"),
]


@pytest.mark.parametrize(("text", "pub", "banned"), NEGATIVE)
def test_no_event(text: str, pub: str, banned: tuple[str, ...] | None) -> None:
    doc = run(text, pub)
    bad = doc.events if banned is None else [e for e in doc.events if e.type in banned]
    assert not bad, describe(doc)


# ---------------------------------------------------------------------------------------------------
# one event per fact, evidence spans
# ---------------------------------------------------------------------------------------------------

SAME_MEETING = [
    pytest.param(
        "Indonesia dan China menggelar pertemuan bilateral di Jakarta pada Selasa (7/3).\n\nMenteri Luar Negeri "
        "Retno Marsudi bertemu dengan Menteri Luar Negeri China Qin Gang di Gedung Pancasila, Jakarta, pada "
        "Selasa (7/3).",
        id="state-then-person"),
    pytest.param(
        "Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri China Qin Gang di Jakarta pada "
        "Selasa (7/3).\n\nDalam pertemuan itu, Retno dan Qin membahas peningkatan investasi di sektor nikel."
        "\n\nPertemuan Retno dengan Qin Gang di Jakarta pada Selasa itu merupakan yang pertama sejak Qin menjabat.",
        id="person-then-repeat"),
]


@pytest.mark.parametrize("text", SAME_MEETING)
def test_same_meeting_once_with_persons(text: str) -> None:
    doc = run(text, PUB23)
    e = the_event(doc, "CONSULT")
    assert {country(e.actor), country(e.recipient)} == {"IDN", "CHN"}, describe(doc)
    assert {(e.actor or {}).get("name"), (e.recipient or {}).get("name")} == {"Retno Marsudi", "Qin Gang"}, \
        describe(doc)
    assert e.date == "2023-03-07"
    assert not [x for x in doc.events if x.type == "COOPERATE"], describe(doc)


def _all_texts() -> list[Any]:
    seen: dict[tuple[str, str], None] = {}
    for p in POSITIVE:
        seen.setdefault((p.values[0], p.values[1]), None)
    return [pytest.param(t, pub, id=f"span{i}") for i, (t, pub) in enumerate(seen)]


@pytest.mark.parametrize(("text", "pub"), _all_texts())
def test_evidence_spans(text: str, pub: str) -> None:
    doc = run(text, pub)
    for e in doc.events:
        a, b = e.span
        assert 0 <= a < b <= len(doc.text)
        assert doc.text[a:b] == e.text
        assert e.cue and e.cue in doc.text[a:b], f"cue {e.cue!r} not in {doc.text[a:b]!r}"


def test_meeting_of_three_gives_every_pair() -> None:
    doc = run("Presiden Indonesia Prabowo Subianto, Presiden China Xi Jinping dan Presiden Rusia Vladimir Putin "
              "bertemu di Kazan pada Rabu (23/10/2024).", "2024-10-24")
    pairs = {frozenset((country(e.actor), country(e.recipient))) for e in doc.events if e.type == "CONSULT"}
    assert pairs == {frozenset(p) for p in (("IDN", "CHN"), ("IDN", "RUS"), ("CHN", "RUS"))}, describe(doc)
    assert all(e.mutual and e.date == "2024-10-23" for e in doc.events)


def test_condemning_that_step_answers_its_taker() -> None:
    doc = run("Bulan lalu, Amerika Serikat mengusir dua diplomat Rusia dari Washington. Moskow mengutuk langkah itu "
              "sebagai tindakan bermusuhan.", "2024-11-12")
    acc = the_event(doc, "ACCUSE")
    assert (country(acc.actor), country(acc.recipient), acc.date) == ("RUS", "USA", "2024-10"), describe(doc)


def test_a_governments_protest_is_an_accusation_and_a_promise_to_strike_a_threat() -> None:
    doc = run("China melayangkan protes kepada Amerika Serikat atas penjualan senjata ke Taiwan pada Senin (11/11).",
              "2024-11-12")
    assert [e.type for e in doc.events if e.type in ("PROTEST", "ACCUSE")] == ["ACCUSE"], describe(doc)
    doc = run("Presiden Amerika Serikat berjanji untuk menyerang Iran lebih keras jika kapal tankernya diganggu lagi.",
              "2024-11-12")
    assert "THREATEN" in {e.type for e in doc.events} and "AGREE" not in {e.type for e in doc.events}, describe(doc)


def test_a_meeting_called_for_is_not_held() -> None:
    doc = run("Arab Saudi menyerukan pertemuan darurat para menteri luar negeri Organisasi Kerja Sama Islam.",
              "2024-11-12")
    assert "CONSULT" not in {e.type for e in doc.events}, describe(doc)


def test_only_a_recent_date_carries_to_the_next_sentence() -> None:
    # a plan's year, or a year long past, named in the sentence before does not date today's reaction
    for before in ("Inggris akan mengirim kapal induk ke Laut China Selatan pada tahun 2027.",
                   "Inggris pernah mengirim kapal induk ke Laut China Selatan pada tahun 2016."):
        doc = run(before + " China mengecam langkah Inggris itu sebagai tindakan bermusuhan.", "2024-11-12")
        acc = the_event(doc, "ACCUSE")
        assert (country(acc.actor), country(acc.recipient), acc.date) == ("CHN", "GBR", "2024-11-12"), describe(doc)
