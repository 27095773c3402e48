"""WARC input: each HTML response is one article; WARC-Date is the crawl time, never the publication date."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.pipeline import Report, extract

# pages written for this test
BODY = ("Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di Jakarta pada Senin. "
        "Kedua menteri sepakat memperkuat kerja sama ekonomi dan keamanan di kawasan Asia Tenggara. "
        "\u201cKami sepakat memperkuat kerja sama,\u201d kata Retno kepada wartawan seusai pertemuan itu. "
        "Pertemuan berikutnya dijadwalkan berlangsung di Beijing pada bulan depan, menurut juru bicara.")


def _page(title: str, meta_date: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in BODY.split(". ") if s.strip())
    return (f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{paras}"
            f"</article></body></html>").encode()


def _write_warc(path: Path) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        w.write_record(w.create_warcinfo_record(path.name, {"software": "warta-test"}))
        crawl = "2024-01-15T08:00:00Z"

        def response(url: str, body: bytes, ctype: str) -> None:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": crawl}))

        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "contoh.invalid")], is_http_request=True)
        w.write_record(w.create_warc_record("https://contoh.invalid/a", "request", payload=io.BytesIO(b""),
                                            http_headers=req))
        response("https://contoh.invalid/berita/a", _page("Retno bertemu Wang Yi", "2023-03-06"),
                 "text/html; charset=utf-8")
        response("https://contoh.invalid/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        response("https://contoh.invalid/2023/03/07/b", _page("Kerja sama ekonomi", None), "text/html")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path)
    rep = Report()
    docs = list(extract([path], report=rep))
    assert [d.url for d in docs] == ["https://contoh.invalid/berita/a", "https://contoh.invalid/2023/03/07/b"]
    assert [d.id for d in docs] == [d.url for d in docs]
    assert docs[0].published == "2023-03-06"
    assert docs[1].published == "2023-03-07"  # from the URL path, not the crawl date
    assert all(d.extra["crawled"] == "2024-01-15T08:00:00Z" and not (d.published or "").startswith("2024")
               for d in docs)
    assert all(d.language == "id" and d.quotes for d in docs)
    assert not rep.skipped
    assert rep.passed["WARC records that are no HTML response"] == 3  # warcinfo, request, image
    assert "WARC records that are no HTML response 3" in rep.summary()


def test_a_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _write_warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    rep = Report()
    docs = list(extract([path], report=rep))
    assert [d.url for d in docs][:1] == ["https://contoh.invalid/berita/a"]
    assert len(rep.skipped) <= 1
