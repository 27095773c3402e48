"""Event coder: clause structure, sources and reference (relative clauses, coordination, 'dari' sources,
patients, coups, thanks, agentless attacks, one trip with a failed meeting).

Every sentence here was written for the test, in the style of Indonesian news; none is taken from an article.
"""

from __future__ import annotations

from typing import Any

import pytest

from test_events import PUB, describe, run, the_event
from warta.document import Document


def country(side: dict[str, Any] | None) -> str | None:
    return (side or {}).get("country")


def triples(doc: Document, etype: str) -> set[tuple[str | None, str | None]]:
    return {(country(e.actor), country(e.recipient)) for e in doc.events if e.type == etype}


P = pytest.param

POSITIVE = [
    # relative passives: the head is the patient, the agent follows the verb
    P("Presiden Prabowo Subianto membawa pesan untuk Presiden Rusia Vladimir Putin yang juga akan ditemui "
      "Prabowo di Moskow pekan depan.", "CONSULT", ("IDN", "RUS"), "future", id="rel-passive-future"),
    P("\"Saya akan menyampaikan pesan itu kepada Presiden Putin yang akan saya kunjungi pekan depan,\" kata "
      "Presiden Prabowo Subianto.", "CONSULT", ("IDN", "RUS"), "future", id="object-focus-saya-kunjungi"),
    # a predicate with no subject of its own shares the sentence's subject
    P("Iran mengatakan pada Senin (11/11) bahwa tiga warganya tewas dalam serangan Israel, dan menuduh Amerika "
      "Serikat memasok senjata untuk serangan itu.", "ACCUSE", ("IRN", "USA"), None, id="coordinated-predicate"),
    # the dyad partner named before the actor only sets the scene
    P("Uni Eropa menjatuhkan sanksi baru terhadap Belarus pada Senin (11/11).\n\nSaat utusan Uni Eropa tiba di "
      "Minsk, pemerintah Belarus mengancam akan membalas dengan menutup perbatasan.",
      "THREATEN", ("BLR", "EU"), None, id="dyad-partner-before-actor"),
    # a purpose clause ends at a comma and a new subject
    P("Tak hanya datang untuk mengundang Presiden Zelenskyy ke KTT di Bali, Presiden Jokowi juga menawarkan "
      "kerja sama rekonstruksi kepada Ukraina.", "AGREE", ("IDN", "UKR"), None, id="purpose-clause-ends-at-comma"),
    # a promise to hit back is a threat
    P("Iran menyalahkan Israel atas serangan itu dan berjanji memberikan tanggapan yang tegas.",
      "THREATEN", ("IRN", "ISR"), None, id="promise-of-response-threatens"),
    # cues that need their construction
    P("Belarus mengizinkan Rusia menggunakan wilayahnya untuk latihan militer pada tahun lalu.",
      "COOPERATE", ("BLR", "RUS"), None, id="allow-use-of-territory"),
    P("Belarus, yang berbatasan dengan Ukraina dan Polandia, mengizinkan Rusia menggunakan wilayahnya sebagai "
      "pangkalan.", "COOPERATE", ("BLR", "RUS"), None, id="relative-clause-between-subject-and-verb"),
    P("JAKARTA - Ratusan mahasiswa menggelar aksi di depan Kedutaan Besar Amerika Serikat di Jakarta pada Senin "
      "(11/11).", "PROTEST", ("IDN", "USA"), None, id="protest-before-embassy"),
    # topics are not recipients
    P("Menteri Luar Negeri Sugiono membahas isu Palestina dengan Menteri Luar Negeri Mesir di Kairo pada Senin.",
      "CONSULT", ("IDN", "EGY"), None, id="topic-is-not-recipient"),
    # the complement of a patient noun suffers the act
    P("Menteri Luar Negeri Moldova mengumumkan keputusan negaranya yang menyatakan persona non grata seorang "
      "diplomat Rusia.", "SANCTION", ("MDA", "RUS"), None, id="patient-noun-persona-non-grata"),
    # thanks for an act make the thanked its actor
    P("Menteri Luar Negeri Rusia Sergei Lavrov berterima kasih kepada China atas bantuan kemanusiaan bagi warga "
      "Kursk.", "AID", ("CHN", "RUS"), None, id="thanked-for-aid"),
    # coups are the country's military against its government
    P("Kudeta militer di Niger terjadi pada 26 Juli 2023, ketika pengawal presiden menahan Presiden Mohamed "
      "Bazoum.", "COERCE", ("NER", "NER"), None, id="coup-domestic"),
    # an agentless attack that is one of an agent's attacks
    P("Garda Revolusi menyebut tindakan itu balasan atas serangan yang dilakukan oleh Israel, termasuk serangan "
      "terhadap Kedutaan Besar Iran di Damaskus pada 1 April.", "ASSAULT", ("ISR", "IRN"), None,
      id="agentless-attack-termasuk"),
]


@pytest.mark.parametrize(("text", "etype", "sides", "aux"), POSITIVE)
def test_event(text: str, etype: str, sides: tuple[str, str], aux: str | None) -> None:
    doc = run(text, PUB)
    e = the_event(doc, etype)
    got = (country(e.actor), country(e.recipient))
    if etype == "CONSULT" or e.mutual:
        assert sorted(got, key=str) == sorted(sides), describe(doc)
    else:
        assert got == sides, describe(doc)
    assert e.aux == aux, describe(doc)


NEGATIVE = [
    P("Militer Israel melancarkan serangan ke Lebanon selatan, yang mendorong pembalasan cepat dari Hizbullah.",
      "REQUEST", id="mendorong-is-a-cause"),
    P("Pemerintah Singapura mengizinkan Indonesia mengikuti lelang proyek pelabuhan tersebut.", "COOPERATE",
      id="allow-without-territory"),
    P("Puluhan pemuda menggelar aksi teror di sebuah desa di Jawa Barat, kata polisi Indonesia.", "PROTEST",
      id="aksi-without-di-depan"),
    P("\"China akan mendukung pembangunan Rusia,\" kata Wang Yi, media pemerintah Rusia melaporkan.", "ACCUSE",
      id="press-reports-no-accusation"),
    P("Rusia dan China sepakat bekerja sama dalam memerangi terorisme di Asia Tengah.", "ASSAULT",
      id="no-light-verb-across-a-verb"),
    P("Menteri Luar Negeri Amerika Serikat juga sepakat akan peran sentral ASEAN di kawasan Indo-Pasifik.",
      "AGREE", id="agreed-content-is-not-partner"),
]


@pytest.mark.parametrize(("text", "banned"), NEGATIVE)
def test_no_event(text: str, banned: str) -> None:
    doc = run(text, PUB)
    assert banned not in {e.type for e in doc.events}, describe(doc)


def test_a_relative_clause_date_of_another_event_is_not_taken() -> None:
    doc = run("Serangan Israel ke Lebanon terjadi di tengah ketegangan yang meningkat, setelah serangan roket "
              "bulan lalu terhadap Dataran Tinggi Golan.", PUB)
    attacks = [e for e in doc.events if e.type == "ASSAULT" and country(e.actor) == "ISR"]
    assert attacks and all(e.date != "2024-10" for e in attacks), describe(doc)


def test_sources_after_dari_each_voice_the_condemnation() -> None:
    doc = run("Serangan Israel ke Jenin memicu gelombang kecaman, termasuk dari Perserikatan Bangsa-Bangsa dan "
              "Organisasi Kerja Sama Islam.", PUB)
    assert {("UN", "ISR"), ("OIC", "ISR")} <= triples(doc, "ACCUSE"), describe(doc)


def test_an_arrival_and_a_failed_meeting_are_one_negated_consult() -> None:
    doc = run("Delegasi ECOWAS tiba di Niger pada Kamis (7/11).\n\nNamun, delegasi ECOWAS gagal bertemu dengan "
              "junta Niger dan pulang beberapa jam kemudian.", PUB)
    consults = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consults) == 1 and consults[0].aux == "negated", describe(doc)


def test_an_office_and_its_named_holder_are_one_person() -> None:
    doc = run("Presiden Amerika Serikat Donald Trump akan bertemu pemimpin Qatar, Emir Sheikh Tamim bin Hamad "
              "Al Thani, di Doha pada Rabu.", PUB)
    e = the_event(doc, "CONSULT")
    assert {(e.actor or {}).get("name"), (e.recipient or {}).get("name")} == {"Donald Trump",
                                                                            "Tamim bin Hamad Al Thani"}, describe(doc)


def test_an_office_named_elsewhere_by_its_holder_is_that_person() -> None:
    doc = run("Duta Besar Arab Saudi untuk Indonesia Osama Mohammed Abdullah Al-Shuaibi menulis di media sosial "
              "pada Minggu.\n\nKementerian Luar Negeri Indonesia kemudian memanggil Dubes Arab Saudi pada Senin "
              "(11/11).", PUB)
    names = {m.name for m in doc.mentions if m.country == "SAU" and m.kind == "person"}
    assert names == {"Osama Mohammed Abdullah Al-Shuaibi"}, names


def test_joining_the_meeting_just_reported() -> None:
    doc = run("Presiden Amerika Serikat Donald Trump bertemu Presiden Suriah Ahmed al-Sharaa di Riyadh pada Rabu "
              "(6/11).\n\nPresiden Turki Recep Tayyip Erdogan bergabung dalam pertemuan tersebut melalui telepon.",
              PUB)
    pairs = {frozenset((country(e.actor), country(e.recipient))) for e in doc.events if e.type == "CONSULT"}
    assert frozenset(("TUR", "USA")) in pairs, describe(doc)
    doc = run("Presiden Amerika Serikat Donald Trump bertemu Presiden Suriah Ahmed al-Sharaa di Riyadh pada Rabu "
              "(6/11).\n\nPertemuan itu turut dihadiri Putra Mahkota Arab Saudi Mohammed bin Salman.", PUB)
    pairs = {frozenset((country(e.actor), country(e.recipient))) for e in doc.events if e.type == "CONSULT"}
    assert frozenset(("SAU", "USA")) in pairs, describe(doc)


def test_mereka_is_a_body_not_the_last_person_and_a_deadline_is_a_demand() -> None:
    doc = run("Uni Eropa menjatuhkan sanksi baru terhadap Belarus pada Senin (11/11), kata Kepala Kebijakan Luar "
              "Negeri Uni Eropa Josep Borrell.\n\nMereka juga memberikan tenggat waktu satu bulan kepada Belarus "
              "untuk membebaskan tahanan politik.", PUB)
    assert ("EU", "BLR") in triples(doc, "REQUEST"), describe(doc)
    assert all((e.actor or {}).get("kind") != "person" for e in doc.events if e.type == "REQUEST"), describe(doc)


def test_a_cues_own_words_do_not_block_it() -> None:
    doc = run("Amerika Serikat memberi tenggat waktu dua pekan kepada Iran untuk kembali ke meja perundingan.", PUB)
    assert ("USA", "IRN") in triples(doc, "REQUEST"), describe(doc)


@pytest.mark.parametrize(("text", "etype", "sides", "gone"), [
    P("Presiden Amerika Serikat Donald Trump mengatakan siap bertemu Presiden Iran Hassan Rouhani tanpa syarat.",
      "AGREE", ("USA", "IRN"), "CONSULT", id="ready-to-meet-is-an-offer"),
    P("Presiden Rusia Vladimir Putin bersedia mengirim bantuan kemanusiaan ke Suriah.", "AGREE", ("RUS", "SYR"),
      "AID", id="willing-to-send-aid-is-an-offer"),
    P("Presiden Amerika Serikat menegaskan negaranya siap menyerang Iran jika kapal tankernya diganggu.",
      "THREATEN", ("USA", "IRN"), "ASSAULT", id="ready-to-strike-is-a-threat"),
])
def test_readiness_is_an_offer_or_a_threat(text: str, etype: str, sides: tuple[str, str], gone: str) -> None:
    doc = run(text, PUB)
    assert sides in triples(doc, etype) and gone not in {e.type for e in doc.events}, describe(doc)


def test_a_trip_to_meet_someone_is_a_visit_to_them_and_tetap_keeps_the_subject() -> None:
    doc = run("Perdana Menteri Inggris Boris Johnson akan bertolak ke Luksemburg pada Senin untuk bertemu dengan "
              "Presiden Komisi Eropa Ursula von der Leyen.", PUB)
    assert ("GBR", "EU") in triples(doc, "CONSULT") and ("GBR", "LUX") not in triples(doc, "CONSULT"), describe(doc)
    doc = run("Meskipun serangan terhadap kilang minyak Arab Saudi diklaim oleh kelompok Houthi, Washington tetap "
              "menuduh Iran sebagai pelakunya.", PUB)
    assert triples(doc, "ACCUSE") == {("USA", "IRN")}, describe(doc)


def test_an_act_one_denies_is_not_reported_as_done() -> None:
    doc = run("Teheran menolak keras dugaan keterlibatannya dalam serangan terhadap kilang minyak Arab Saudi.", PUB)
    assert "ASSAULT" not in {e.type for e in doc.events}, describe(doc)


def test_a_stance_in_a_relative_clause_describes() -> None:
    doc = run("Prancis, yang mendukung perjanjian nuklir dengan Iran, menyatakan keprihatinan atas ketegangan di "
              "Teluk.", PUB)
    assert "SUPPORT" not in {e.type for e in doc.events}, describe(doc)


def test_protesters_asking_a_state_are_not_protesting_against_it() -> None:
    doc = run("Para demonstran Hong Kong mendesak Inggris untuk menekan China agar menghormati perjanjian "
              "tahun 1984.", PUB)
    assert "PROTEST" not in {e.type for e in doc.events}, describe(doc)


def test_a_negated_concession_and_a_capability_to_strike() -> None:
    doc = run("Menteri Luar Negeri Kuba mengatakan sanksi itu tidak akan memaksa Kuba membuat konsesi kepada "
              "Amerika Serikat.", PUB)
    assert "CONCEDE" not in {e.type for e in doc.events}, describe(doc)
    doc = run("Menurut juru bicara militer Houthi, pihaknya dapat menyerang Arab Saudi kapan saja.", PUB)
    assert "ASSAULT" not in {e.type for e in doc.events} and ("YEM", "SAU") in triples(doc, "THREATEN"), \
        describe(doc)


def test_the_one_made_to_act_is_its_subject() -> None:
    doc = run("Menteri Luar Negeri Amerika Serikat mengkritik Korea Utara pada Senin (11/11).\n\nPernyataan itu "
              "membuat Korea Utara marah dan mengancam menghentikan perundingan.", PUB)
    assert triples(doc, "THREATEN") == {("PRK", "USA")}, describe(doc)


def test_refusal_backers_speakers_and_nested_sanctions() -> None:
    doc = run("Ayatollah Ali Khamenei mengatakan para pejabat Iran tidak akan pernah berbicara dengan para pejabat "
              "Amerika Serikat.", PUB)
    assert ("IRN", "USA") in triples(doc, "REJECT") and "CONSULT" not in {e.type for e in doc.events}, describe(doc)
    doc = run("Milisi Houthi yang didukung Iran menyerang dua kilang minyak Arab Saudi pada Sabtu pagi.", PUB)
    assert triples(doc, "ASSAULT") == {("YEM", "SAU")}, describe(doc)
    doc = run("Kelompok Houthi di Yaman mengatakan pihaknya menyerang dua kilang minyak Arab Saudi pada Sabtu "
              "pagi.", PUB)
    assert triples(doc, "ASSAULT") == {("YEM", "SAU")}, describe(doc)
    doc = run("Menurut dia, negara-negara di Asia akan lebih mendukung sanksi keras Amerika Serikat terhadap Iran.",
              PUB)
    assert all(e.aux is None for e in doc.events if e.type == "SANCTION"), describe(doc)


def test_a_promised_act_is_not_done_and_baku_tembak_is_no_azerbaijan() -> None:
    doc = run("Perdana Menteri Israel Benjamin Netanyahu berjanji mencaplok Lembah Yordan di Tepi Barat jika "
              "menang pemilu.", PUB)
    assert "ASSAULT" not in {e.type for e in doc.events}, describe(doc)
    doc = run("Baku tembak antara militer Pakistan dan tentara India menewaskan tiga orang di Kashmir.", PUB)
    assert all("AZE" not in (country(e.actor), country(e.recipient)) for e in doc.events), describe(doc)


def test_each_listed_recipient_has_its_own_event() -> None:
    # "mengusir diplomat A, B dan C": one act on each listed side (issue 12)
    doc = run("Pemerintah Kanada pada Senin (11/11) mengusir diplomat Rusia, Iran dan Korea Utara dari Ottawa.", PUB)
    assert triples(doc, "SANCTION") == {("CAN", "RUS"), ("CAN", "IRN"), ("CAN", "PRK")}, describe(doc)
    doc = run("Menteri Luar Negeri China menuduh Amerika Serikat dan Inggris mencampuri urusan dalam negerinya.", PUB)
    assert {("CHN", "USA"), ("CHN", "GBR")} <= triples(doc, "ACCUSE"), describe(doc)


def test_a_list_of_sources_is_not_a_list_of_recipients() -> None:
    # the list begins before the recipient, so it holds the actor too: the others are no recipients of the first
    doc = run("Kecaman keras juga disampaikan oleh Turki, Mesir, Yordania dan Malaysia pada Senin (11/11).", PUB)
    assert not {("TUR", "JOR"), ("TUR", "MYS")} & triples(doc, "ACCUSE"), describe(doc)


def test_a_mutual_noun_between_two_sides() -> None:
    # "<noun> antara A dan B": the two sides of the meeting, with the title before each (issue 12)
    doc = run("Perundingan antara Presiden Iran dan Menteri Luar Negeri Amerika Serikat digelar di Muskat, Oman, "
              "pada Rabu (13/11).", PUB)
    assert {frozenset(p) for p in triples(doc, "CONSULT")} == {frozenset({"IRN", "USA"})}, describe(doc)


def test_an_act_there_is_no_sign_of_is_not_coded() -> None:
    # "there was never any sign of X" is no X, planned or negated (issue 12)
    for lead in ("Tidak pernah ada tanda bahwa", "Belum ada tanda-tanda bahwa", "Tidak ada bukti bahwa"):
        doc = run(f"{lead} Korea Utara akan menyerang Jepang dalam waktu dekat, kata analis itu.", PUB)
        assert "ASSAULT" not in {e.type for e in doc.events}, describe(doc)
    doc = run("Korea Utara akan menyerang Jepang dalam waktu dekat, kata analis itu.", PUB)
    assert "ASSAULT" in {e.type for e in doc.events}, describe(doc)


def test_a_video_call_is_a_remote_consult() -> None:
    doc = run("Presiden Prabowo Subianto melakukan panggilan video dengan Perdana Menteri Kanada Justin Trudeau "
              "pada Jumat (8/11).", PUB)
    talks = [e for e in doc.events if e.type == "CONSULT"]
    assert talks and {country(talks[0].actor), country(talks[0].recipient)} == {"IDN", "CAN"}, describe(doc)
    assert talks[0].mode == "phone", describe(doc)
