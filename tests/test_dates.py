"""warta.dates: finding and resolving date expressions (self-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from warta.dates import DateExpr, date_for_clause, find_expressions, is_background, resolve, resolve_text

SAT = "2023-02-25"  # a Saturday
TUE = "2024-04-09"  # a Tuesday
MON = "2022-01-10"  # a Monday

# (expression or short sentence, publication date, future, expected interval)
CASES: list[tuple[str, str | None, bool, str | None]] = [
    # weekdays
    ("Jumat", SAT, False, "2023-02-24"),
    ("Sabtu", SAT, False, "2023-02-25"),
    ("Sabtu lalu", SAT, False, "2023-02-18"),
    ("Jumat lalu", SAT, False, "2023-02-24"),
    ("Senin lalu", SAT, False, "2023-02-20"),
    ("Kamis mendatang", SAT, False, "2023-03-02"),
    ("Sabtu depan", SAT, False, "2023-03-04"),
    ("Jumat", SAT, True, "2023-03-03"),
    ("Sabtu", SAT, True, "2023-02-25"),
    ("Jumat waktu setempat", SAT, False, "2023-02-24"),
    ("kedua menteri bertemu pada hari Selasa", SAT, False, "2023-02-21"),
    ("Minggu", SAT, False, "2023-02-19"),
    ("Rabu kemarin", SAT, False, "2023-02-22"),
    ("Kamis ini", SAT, False, "2023-02-23"),
    ("Jumat pekan lalu", SAT, False, "2023-02-17"),
    ("Senin pekan depan", SAT, False, "2023-02-27"),
    ("pasukan bergerak Kamis malam", SAT, False, "2023-02-23"),
    # Minggu: Sunday or week
    ("minggu lalu", SAT, False, "2023-02-13..2023-02-19"),
    ("Dia pulang. Minggu depan, kami akan berangkat.", SAT, False, "2023-02-27..2023-03-05"),
    ("acara itu digelar pada Minggu depan (26/2)", SAT, False, "2023-02-26"),
    ("dua minggu lalu", SAT, False, "2023-02-06..2023-02-12"),
    # days
    ("kemarin", SAT, False, "2023-02-24"),
    ("hari ini", SAT, False, "2023-02-25"),
    ("besok", SAT, False, "2023-02-26"),
    ("kemarin", "2022-01-01", False, "2021-12-31"),
    ("tiga hari lalu", SAT, False, "2023-02-22"),
    ("dua hari lagi", SAT, False, "2023-02-27"),
    ("beberapa hari lalu", SAT, False, "2023-02-18..2023-02-23"),
    # weeks, months, years
    ("pekan lalu", SAT, False, "2023-02-13..2023-02-19"),
    ("pekan ini", SAT, False, "2023-02-20..2023-02-26"),
    ("pekan depan", SAT, False, "2023-02-27..2023-03-05"),
    ("pekan lalu", MON, False, "2022-01-03..2022-01-09"),
    ("akhir pekan lalu", SAT, False, "2023-02-18..2023-02-19"),
    ("dua pekan lalu", SAT, False, "2023-02-06..2023-02-12"),
    ("bulan lalu", SAT, False, "2023-01"),
    ("bulan ini", SAT, False, "2023-02"),
    ("bulan depan", SAT, False, "2023-03"),
    ("bulan lalu", MON, False, "2021-12"),
    ("sebulan lalu", SAT, False, "2023-01"),
    ("tahun lalu", SAT, False, "2022"),
    ("tahun ini", SAT, False, "2023"),
    ("tahun depan", SAT, False, "2024"),
    ("setahun lalu", SAT, False, "2022"),
    ("dua tahun lalu", SAT, False, "2021"),
    ("awal bulan ini", SAT, False, "2023-02-01..2023-02-10"),
    ("pertengahan bulan lalu", SAT, False, "2023-01-11..2023-01-20"),
    ("akhir bulan ini", SAT, False, "2023-02-21..2023-02-28"),
    ("akhir tahun lalu", SAT, False, "2022-10-01..2022-12-31"),
    ("awal tahun ini", SAT, False, "2023-01-01..2023-03-31"),
    ("pertengahan 2021", SAT, False, "2021-05-01..2021-08-31"),
    ("akhir tahun 2019", SAT, False, "2019-10-01..2019-12-31"),
    # months
    ("September tahun lalu", SAT, False, "2022-09"),
    ("September lalu", SAT, False, "2022-09"),
    ("Februari 2022", SAT, False, "2022-02"),
    ("pada Juli mendatang", SAT, False, "2023-07"),
    ("rapat dijadwalkan pada Juli", SAT, True, "2023-07"),
    ("rapat itu berlangsung pada Juli", SAT, False, "2022-07"),
    ("Maret lalu", SAT, False, "2022-03"),
    ("Desember lalu", MON, False, "2021-12"),
    ("awal Maret", SAT, True, "2023-03-01..2023-03-10"),
    ("akhir Januari lalu", SAT, False, "2023-01-21..2023-01-31"),
    # day and month
    ("(13/7)", SAT, False, "2022-07-13"),
    ("(13/7)", SAT, True, "2023-07-13"),
    ("(13/7/2023)", SAT, False, "2023-07-13"),
    ("(20/2)", SAT, False, "2023-02-20"),
    ("(31/12)", MON, False, "2021-12-31"),
    ("28 Februari mendatang", SAT, False, "2023-02-28"),
    ("28 Februari", SAT, False, "2022-02-28"),
    ("1 Februari lalu", SAT, False, "2023-02-01"),
    ("pada 1 Januari", TUE, False, "2024-01-01"),
    ("pada 1 Januari", TUE, True, "2025-01-01"),
    ("sejak 24 Februari tahun lalu", SAT, False, "2022-02-24"),
    ("25 April 2019", SAT, False, "2019-04-25"),
    ("pada hari Senin (8/4)", TUE, False, "2024-04-08"),
    ("pada hari Selasa (9/4)", TUE, False, "2024-04-09"),
    ("Rabu (10/4)", TUE, True, "2024-04-10"),
    ("Senin, (10/1)", MON, False, "2022-01-10"),
    ("bertemu Senin 10/1 di ibu kota", MON, False, "2022-01-10"),
    ("Rabu (23/3/20022)", "2022-03-24", False, "2022-03-23"),
    ("delegasi tiba Kamis malam (3/8)", "2023-08-05", False, "2023-08-03"),
    ("Minggu (30/7)", "2023-08-05", False, "2023-07-30"),
    ("Jumat (31/3)", TUE, False, "2024-03-31"),  # the date wins over the weekday
    ("Rabu, 12 Oktober 2022", TUE, False, "2022-10-12"),
    ("Selasa tanggal 17 September 2019", TUE, False, "2019-09-17"),
    ("Kamis (12/9) pekan lalu", "2019-09-20", False, "2019-09-12"),
    # ranges
    ("28 Februari hingga 2 Maret", SAT, True, "2023-02-28..2023-03-02"),
    ("28 Desember hingga 2 Januari", MON, False, "2021-12-28..2022-01-02"),
    ("8-9 April", TUE, False, "2024-04-08..2024-04-09"),
    ("8 dan 9 April", TUE, False, "2024-04-08..2024-04-09"),
    ("diperiksa pada 5 dan 17 Maret lalu", TUE, False, "2024-03-05"),
    ("Kamis malam hingga Jumat dini hari", "2022-10-14", False, "2022-10-13..2022-10-14"),
    ("selama 2016-2018", SAT, False, "2016-01-01..2018-12-31"),
    # years
    ("pada 2020", SAT, False, "2020"),
    ("tahun 2019", SAT, False, "2019"),
    ("hubungan terjalin sejak 1952", SAT, False, "1952"),
    # English
    ("on Tuesday", SAT, False, "2023-02-21"),
    ("last Tuesday", SAT, False, "2023-02-21"),
    ("next Monday", SAT, False, "2023-02-27"),
    ("last week", SAT, False, "2023-02-13..2023-02-19"),
    ("yesterday", SAT, False, "2023-02-24"),
    ("April 9, 2024", SAT, False, "2024-04-09"),
    ("9 April 2024", SAT, False, "2024-04-09"),
    ("three days ago", SAT, False, "2023-02-22"),
    ("last year", SAT, False, "2022"),
    ("early this month", SAT, False, "2023-02-01..2023-02-10"),
    ("late last year", SAT, False, "2022-10-01..2022-12-31"),
    ("in March 2021", SAT, False, "2021-03"),
    # Malay
    ("Khamis lepas", SAT, False, "2023-02-23"),
    ("semalam", SAT, False, "2023-02-24"),
    ("tahun lepas", SAT, False, "2022"),
    ("Ogos lalu", SAT, False, "2022-08"),
    ("minggu hadapan", SAT, False, "2023-02-27..2023-03-05"),
    ("pada 3 Mac", SAT, False, "2022-03-03"),
    # month-precise publication date: only month- and year-level expressions resolve
    ("bulan lalu", "2023-02", False, "2023-01"),
    ("kemarin", "2023-02", False, None),
    # without a publication date
    ("25 April 2019", None, False, "2019-04-25"),
    ("pada 2020", None, False, "2020"),
    ("kemarin", None, False, None),
    ("Jumat", None, False, None),
    ("tahun lalu", None, False, None),
]


@pytest.mark.parametrize(("text", "published", "future", "expected"), CASES)
def test_resolve_table(text: str, published: str | None, future: bool, expected: str | None) -> None:
    pub = date.fromisoformat(published) if published and len(published) == 10 else published
    assert resolve_text(text, pub, future) == expected


def test_table_size() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(
    "text",
    [
        "jamaah mengikuti salat Jumat di masjid",
        "sesuai UU Nomor 7 Tahun 2017 tentang Pemilu",
        "pemain berusia 23 tahun ini tampil baik",
        "selama delapan tahun ini kami bekerja",
        "masalah itu tidak selesai dalam semalam",
        "skor akhir 2/3 untuk tim tamu",
        "sebanyak 2000 orang hadir",
        "pada awal tahun 2000-an",
        "Juni memainkan peran utama",
        "minggu",
    ],
)
def test_not_dates(text: str) -> None:
    assert resolve_text(text, date(2023, 2, 25)) is None


def test_weekday_year_without_publication() -> None:
    # 9 April fell on a Tuesday in 2024 (and next in 2030); 23 March on a Wednesday in 2022
    assert resolve_text("Selasa (9/4)", None) == "2024-04-09"
    assert resolve_text("Rabu (23/3/20022)", None) == "2022-03-23"
    ex = find_expressions("Senin (8/4)")[0]
    assert resolve(ex, None, near=2019) == "2019-04-08"


def test_anchor() -> None:
    def r(s: str, anchor: str | None) -> str | None:
        return resolve(find_expressions(s)[0], date(2023, 2, 25), anchor=anchor)

    assert r("dua hari kemudian", "2023-02-20") == "2023-02-22"
    assert r("sehari setelah", "2025-05-13") == "2025-05-14"
    assert r("keesokan harinya", "2023-02-20") == "2023-02-21"
    assert r("sehari sebelumnya", "2023-02-20") == "2023-02-19"
    assert r("dua hari kemudian", None) is None


def test_offsets_and_parts() -> None:
    text = "Menlu itu bertemu mitranya pada Rabu (19/4/2023) di Chisinau, sebulan setelah kunjungan September lalu."
    exprs = find_expressions(text)
    assert [x.surface for x in exprs] == ["Rabu (19/4/2023)", "sebulan setelah", "September lalu"]
    for x in exprs:
        assert text[x.start : x.end] == x.surface
    wd = exprs[0]
    assert isinstance(wd, DateExpr)
    assert (wd.kind, wd.day, wd.month, wd.year, wd.weekday) == ("date", 19, 4, 2023, 2)
    assert (exprs[1].kind, exprs[1].n, exprs[1].unit, exprs[1].anchor) == ("relative", 1, "month", "after")
    assert (exprs[2].kind, exprs[2].month, exprs[2].rel) == ("month", 9, -1)
    # a window: offsets stay absolute
    start = text.index("sebulan")
    sub = find_expressions(text, start, len(text))
    assert [(x.start, x.surface) for x in sub] == [(start, "sebulan setelah"), (exprs[2].start, "September lalu")]
    assert find_expressions(text, 0, 20) == []


def test_offsets_non_ascii_lowercase() -> None:
    # "İ" lower-cases to two characters; offsets must still point into the original text
    text = "İstanbul: Presiden tiba Senin (8/4) pagi."
    (x,) = find_expressions(text)
    assert text[x.start : x.end] == x.surface == "Senin (8/4) pagi"


def _clause(text: str, cue: str, published: str, future: bool = False) -> str | None:
    return date_for_clause(text, 0, len(text), text.index(cue), date.fromisoformat(published), future)


def test_date_for_clause() -> None:
    s = "Pada September tahun lalu kedua presiden bertemu; pekan lalu mereka berbicara lewat telepon."
    assert _clause(s, "bertemu", SAT) == "2022-09"
    assert _clause(s, "berbicara", SAT) == "2023-02-13..2023-02-19"
    s = "Presiden tiba di Beijing Senin, sementara menteri luar negeri bertemu mitranya Selasa."
    assert _clause(s, "tiba", SAT) == "2023-02-20"
    assert _clause(s, "bertemu", SAT) == "2023-02-21"
    s = '"Kami akan datang bulan depan," kata menteri itu Jumat.'
    assert _clause(s, "kata", SAT) == "2023-02-24"
    assert _clause(s, "datang", SAT, future=True) == "2023-03"
    # no date in the sentence: the caller decides (publication date or null)
    assert _clause("Kedua menteri membahas kerja sama ekonomi.", "membahas", SAT) is None
    # a date elsewhere in the sentence when the clause has none
    s = "Menurut laporan Kamis, pasukan itu ditarik dari perbatasan."
    assert _clause(s, "ditarik", SAT) == "2023-02-23"


def test_date_for_clause_after_anchor() -> None:
    s = "Pertemuan berlangsung sehari setelah presiden mengumumkan pencabutan sanksi."
    assert _clause(s, "mengumumkan", "2025-05-14") == "2025-05-13"
    assert _clause(s, "Pertemuan", "2025-05-14") is None
    exprs = find_expressions(s)
    assert date_for_clause(s, 0, len(s), s.index("mengumumkan"), None, anchor="2025-05-10", exprs=exprs) == "2025-05-09"


def test_is_background() -> None:
    assert is_background("2022-09", date(2023, 2, 25))
    assert not is_background("2023-02-20", date(2023, 2, 25))
    assert not is_background(None, date(2023, 2, 25))


def test_event_date_beats_the_date_of_the_report_citing_it() -> None:
    # SAT: the event on Thursday, the wire report on Friday
    s = "Kedua menteri bertemu di Wina pada Kamis, seperti dilansir Reuters, Jumat (24/2)."
    assert [x.cited for x in find_expressions(s)] == [False, True]
    assert _clause(s, "bertemu", SAT) == "2023-02-23"
    s = "Seperti dikutip dari laman resmi kementerian, Jumat, kedua menteri bertemu pada Rabu malam."
    assert _clause(s, "bertemu", SAT) == "2023-02-22"
    # with no date of its own the event keeps the report's day
    s = "Kedua menteri bertemu di Wina, seperti dilansir Reuters, Jumat."
    assert _clause(s, "bertemu", SAT) == "2023-02-24"
    # a weekday after a named speaker is no citation
    assert not find_expressions("kata Menteri Luar Negeri, Jumat.")[0].cited


@pytest.mark.parametrize("text,published,expected", [
    ("KTT itu akan digelar pada 18-20 November mendatang.", "2019-11-12", "2019-11-18..2019-11-20"),
    ("Latihan bersama digelar antara 8 dan 10 November.", "2019-11-12", "2019-11-08..2019-11-10"),
    ("Latihan bersama digelar 8 hingga 10 November.", "2019-11-12", "2019-11-08..2019-11-10"),
    ("Latihan itu digelar sejak 30 Desember hingga 2 Januari.", "2020-01-06", "2019-12-30..2020-01-02"),
])
def test_ranges_stay_ranges(text: str, published: str, expected: str) -> None:
    assert _clause(text, "digelar", published) == expected


def test_planned_event_takes_its_planned_date() -> None:
    # TUE 2024-04-09: "akan … pada Jumat" is the coming Friday, not last Friday, without the caller's future flag
    assert _clause("Presiden akan mengunjungi Jepang pada Jumat.", "mengunjungi", TUE) == "2024-04-12"
    assert _clause("Kunjungan itu dijadwalkan pada 12 Maret.", "Kunjungan", TUE) == "2025-03-12"
    assert _clause("Presiden mengunjungi Jepang pada Jumat.", "mengunjungi", TUE) == "2024-04-05"
    # the day the plan was announced stays that day
    assert _clause("Menteri mengatakan akan menjatuhkan sanksi, Senin (8/4).", "mengatakan", TUE) == "2024-04-08"
    assert _clause("Menteri mengatakan akan menjatuhkan sanksi, Senin.", "mengatakan", TUE) == "2024-04-08"
    assert _clause("Menteri akan menjatuhkan sanksi, Senin (8/4).", "menjatuhkan", TUE, future=True) == "2024-04-08"


def test_a_date_in_a_phrase_of_its_own_time_is_not_the_cue_s() -> None:
    s = "Amerika menjatuhkan sanksi baru setelah serangan terhadap kilang minyak pada Sabtu."
    assert _clause(s, "menjatuhkan", TUE) is None
    assert _clause(s, "serangan", TUE) == "2024-04-06"
    assert _clause("Parlemen ditangguhkan hingga 14 Oktober.", "ditangguhkan", "2019-09-10") is None
    assert _clause("Pada Senin, parlemen ditangguhkan hingga 14 Oktober.", "ditangguhkan", TUE) == "2024-04-08"


def test_durations_are_not_dates() -> None:
    assert _clause("Uni Eropa memperpanjang sanksi selama enam bulan lagi.", "memperpanjang", TUE) is None
    assert _clause("Mereka siap berperang 100 tahun lagi.", "berperang", TUE) is None
    assert _clause("Pemilu digelar dua tahun lagi.", "digelar", TUE) == "2026"


def test_day_after_counts_from_the_main_clause_date() -> None:
    s = "Pada 3 Agustus, sehari setelah perjanjian itu resmi diakhiri, menteri itu berbicara."
    assert _clause(s, "diakhiri", "2019-09-13") == "2019-08-02"
    assert _clause(s, "berbicara", "2019-09-13") == "2019-08-03"


def test_bare_weekend_is_the_nearest_one() -> None:
    assert _clause("Pada akhir pekan, para demonstran menggelar aksi.", "menggelar", TUE) == "2024-04-06..2024-04-07"
    assert _clause("Para demonstran akan menggelar aksi pada akhir pekan.", "menggelar", TUE,
                   future=True) == "2024-04-13..2024-04-14"
    # what already happened this weekend, read on its Saturday: up to the publication day
    assert _clause("Akhir pekan ini, para demonstran menggelar aksi.", "menggelar", SAT) == "2023-02-25"


def test_this_period_for_a_past_event_ends_at_publication() -> None:
    s = "Sebanyak 27 tersangka yang ditangkap pekan ini dibebaskan oleh hakim."
    assert _clause(s, "ditangkap", "2019-10-24") == "2019-10-21..2019-10-24"
    assert _clause("Presiden akan berkunjung ke Tokyo pekan ini.", "berkunjung", "2019-10-24",
                   future=True) == "2019-10-21..2019-10-27"
    assert _clause("Harga minyak naik bulan ini.", "naik", "2019-10-24") == "2019-10-01..2019-10-24"


def test_an_anniversary_names_a_day_many_years_back() -> None:
    s = "Pernyataan itu muncul saat AS memperingati 18 tahun serangan 11 September yang menewaskan ribuan orang."
    assert _clause(s, "serangan", "2019-09-12") == "2001-09-11"
    # the day of the commemoration itself stays this year's
    s = "Ia diundang ke peringatan 20 tahun referendum itu pada 30 Agustus."
    assert _clause(s, "peringatan", "2019-09-12") == "2019-08-30"


def test_a_range_without_year_runs_on_from_its_near_end() -> None:
    # read on the range's first day: not last year's
    assert _clause("Bendera dikibarkan setengah tiang 12 hingga 14 September.", "dikibarkan", "2019-09-12") == \
        "2019-09-12..2019-09-14"
    assert _clause("Latihan digelar 28 Februari hingga 2 Maret.", "digelar", "2023-03-01") == "2023-02-28..2023-03-02"


def test_an_old_date_in_a_relative_clause_describes_its_noun() -> None:
    s = "Presiden memperingatkan Israel agar tidak mencaplok wilayah yang direbut dalam perang pada tahun 1967."
    assert _clause(s, "memperingatkan", TUE) is None
    # the cue noun's own clause keeps its date; so does a recent date
    assert _clause("Serangan yang terjadi pada 2017 itu menewaskan tiga orang.", "Serangan", TUE) == "2017"
    s = "Presiden mengecam serangan bom di pasar kota yang terjadi pada Senin."
    assert _clause(s, "mengecam", TUE) == "2024-04-08"
    s = "Hubungan diplomatik Indonesia dan Jerman yang terjalin sejak 1952 terus menguat."
    assert _clause(s, "Hubungan", TUE) == "1952"


def test_a_date_before_the_cue_s_phrase_of_time_comes_after_one_inside_it() -> None:
    s = "Di tengah angka tertinggi tahun ini dan setelah penangkapan gembong kartel itu pekan lalu, sorotan meningkat."
    assert _clause(s, "penangkapan", TUE) == "2024-04-01..2024-04-07"
    assert _clause("Pada Senin, pasukan itu mundur setelah serangan.", "serangan", TUE) == "2024-04-08"


def test_a_date_before_the_planned_act_dates_the_statement() -> None:
    # the caller's future flag: the act is planned, but "pada Jumat pagi" is when the president spoke
    s = "Presiden dalam konferensi pers pada Jumat pagi mengatakan kasus itu akan diselidiki."
    assert _clause(s, "diselidiki", TUE, future=True) == "2024-04-05"
    assert _clause("Kasus itu akan diselidiki pada Jumat.", "diselidiki", TUE, future=True) == "2024-04-12"


def test_a_span_of_years_after_a_term_word_is_no_date() -> None:
    from warta.dates import date_for_clause, find_expressions

    text = "Anggota DPR periode 2019-2024 mendesak pemerintah China membebaskan para aktivis, Senin (9/9/2019)."
    assert [text[x.start : x.end] for x in find_expressions(text)] == ["Senin (9/9/2019)"]
    assert date_for_clause(text, 0, len(text), text.index("mendesak"), "2019-09-10") == "2019-09-09"
    other = "Perang itu berlangsung pada 2014-2016 di wilayah timur."
    assert date_for_clause(other, 0, len(other), other.index("Perang"), "2019-09-10") == "2014-01-01..2016-12-31"
