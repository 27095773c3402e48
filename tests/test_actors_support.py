"""Actors issue 12: surnames need political support; party chairs, domestic bodies, spelling variants.

Every case is a sentence written for the test (no news text)."""

from __future__ import annotations

from warta.actors import ActorsStep
from warta.document import Document
from warta.pipeline import extract_text


def run(text: str, published: str | None = "2019-09-20") -> Document:
    return ActorsStep()(Document("t", text, published=published))


def names(doc: Document) -> dict[str, dict]:
    return {a["name"]: a for a in doc.actors}


# ---- a bare surname needs political support -----------------------------------------------------
def test_bare_surname_without_support_is_no_leader() -> None:
    doc = run("Pembalap itu finis ketiga di Misano. Rossi mengaku puas dengan motornya yang baru.")
    assert "Agustín Rossi" not in names(doc)
    assert not [a for a in doc.actors if a["kind"] == "person" and a["country"] == "ARG"]


def test_surname_after_another_given_name_is_someone_else() -> None:
    # a political word in the sentence, but "Valentino Rossi" is not the Argentine minister
    doc = run("Valentino Rossi menolak bicara soal politik di paddock.")
    assert "Agustín Rossi" not in names(doc)
    doc = run("Penyanyi Celine Dion menggelar konser kedua di Jakarta.")
    assert not [a for a in doc.actors if a["country"] == "CAN" and a["kind"] == "person"]


def test_surname_with_title_full_name_or_political_cue_links() -> None:
    doc = run("Perdana Menteri Conte bertemu para pemimpin partai di Roma.")
    assert names(doc).get("Giuseppe Conte", {}).get("country") == "ITA"
    doc = run("Giuseppe Conte tiba lebih awal. Setelah itu Conte menyampaikan pidato.")
    conte = names(doc)["Giuseppe Conte"]
    assert len(conte["mentions"]) == 2
    doc = run("Conte menegaskan koalisi pemerintahannya tetap solid menjelang pemungutan suara.")
    assert names(doc).get("Giuseppe Conte", {}).get("country") == "ITA"


def test_acronym_alias_is_linked_like_a_surname() -> None:
    # "BBM" is the fuel ("bahan bakar minyak") unless the text is about politics in the Philippines
    doc = run("Harga BBM naik lagi sehingga ongkos kirim barang ikut naik.")
    assert not [a for a in doc.actors if a["kind"] == "person"]


def test_record_category_and_url_do_not_change_actors() -> None:
    text = "Conte memuji para pemainnya. Conte puas dengan hasil imbang di kandang."
    a = extract_text(text, published="2019-09-20", url="https://example.com/bola/2019/09/20/x")
    b = extract_text(text, published="2019-09-20", url="https://example.com/internasional/2019/09/20/x")
    assert a.actors == b.actors
    assert not [x for x in a.actors if x["kind"] == "person" and x["country"] == "ITA"]
