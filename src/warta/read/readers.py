"""Readers for .txt files and folders, .jsonl(.gz) records, HTML pages and stdin."""

from __future__ import annotations

import codecs
import gzip
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warta.document import Document
from warta.read.validate import clean_strings, plausible_published

DEFAULT_MAX_BYTES = 5_000_000
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_FIELDS = ("id", "url", "published", "title", "outlet", "text")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Skip:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


OnSkip = Callable[[Skip], None]
OnCount = Callable[[str, int], None]  # what was passed over without being an error: (what, how many)


def _no_count(what: str, n: int) -> None:
    pass


def parse_size(value: str | int) -> int:
    """'5MB', '500k', '1.5 GB', 1000 → bytes."""
    if isinstance(value, int):
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[iI]?[bB]?\s*", value)
    if not m:
        raise ValueError(f"not a size: {value!r} (try 5MB, 500k, 1000000)")
    mult = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in JSONL_SUFFIXES + WARC_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.endswith(s):
            return s
    return path.suffix.lower()


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _bom(data: bytes) -> str | None:
    """The encoding a byte-order mark names (UTF-32 is tested before UTF-16: FF FE 00 00 starts both)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _looks_binary(data: bytes) -> bool:
    if _bom(data) in ("utf-16", "utf-32"):
        return False  # UTF-16/32 text is full of NUL bytes
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return control / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM; otherwise cp1252/latin-1 with a note."""
    enc = _bom(data)
    if enc in ("utf-16", "utf-32"):
        try:
            return data.decode(enc), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as latin-1"


def _clean_published(value: Any) -> str | None:
    return plausible_published(value)[0]


def _str_or_none(v: Any) -> str | None:
    if v is None or v == "":
        return None
    return v if isinstance(v, str) else str(v)


def record_to_document(rec: dict[str, Any], default_id: str, origin: str) -> Document:
    """A Document from one input record; lone surrogates and an implausible ``published`` become warnings."""
    rec, bad = clean_strings(rec)
    text = rec.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text' string")
    extra = {k: v for k, v in rec.items() if k not in KNOWN_FIELDS}
    rid = rec.get("id")
    published, note = plausible_published(rec.get("published"))
    doc = Document(
        id=str(rid) if rid not in (None, "") else default_id,
        text=text,
        url=_str_or_none(rec.get("url")),
        published=published,
        title=_str_or_none(rec.get("title")),
        outlet=_str_or_none(rec.get("outlet")),
        origin=origin,
        extra=extra,
    )
    if bad:
        doc.warnings.append(f"{bad} lone surrogate character(s) replaced by U+FFFD")
    if note:
        doc.warnings.append(note)
    return doc


def _read_limited(fh: IO[bytes], max_bytes: int) -> bytes | None:
    """Read at most max_bytes; None if the stream holds more."""
    data = fh.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _lines_limited(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, line) with over-long lines as None, never holding more than max_bytes."""
    n = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # drain the rest of this line in chunks
            while True:
                chunk = fh.readline(_CHUNK)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def read_jsonl_stream(fh: IO[bytes], origin: str, stem: str, max_bytes: int, on_skip: OnSkip) -> Iterator[Document]:
    try:
        for n, raw in _lines_limited(fh, max_bytes):
            where = f"{origin}:{n}"
            if raw is None:
                on_skip(Skip(where, f"record larger than the size limit ({max_bytes:,} bytes)"))
                continue
            if not raw.strip():
                continue
            text, note = decode(raw)
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as e:
                on_skip(Skip(where, f"not JSON ({e.msg} at column {e.colno})"))
                continue
            if not isinstance(rec, dict):
                on_skip(Skip(where, "not a JSON object"))
                continue
            try:
                doc = record_to_document(rec, f"{stem}:{n}", where)
            except ValueError as e:
                on_skip(Skip(where, str(e)))
                continue
            if not doc.text.strip():
                on_skip(Skip(where, "empty text"))
                continue
            if note:
                doc.warnings.append(note)
            yield doc
    except (OSError, EOFError, zlib.error, ValueError, LookupError) as e:  # a corrupt or truncated gzip, …
        on_skip(Skip(origin, f"unreadable, the rest of this input is skipped ({e.__class__.__name__}: {e})"))


def _read_file(path: Path, max_bytes: int, on_skip: OnSkip) -> bytes | None:
    """The file's bytes, or None (reported) when it is missing, unreadable, too large or empty."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            on_skip(Skip(origin, f"larger than the size limit ({size:,} > {max_bytes:,} bytes)"))
            return None
        with path.open("rb") as fh:
            data = _read_limited(fh, max_bytes)
    except OSError as e:
        on_skip(Skip(origin, f"unreadable ({e.strerror or e})"))
        return None
    if data is None:
        on_skip(Skip(origin, f"larger than the size limit ({max_bytes:,} bytes)"))
        return None
    if not data.strip():
        on_skip(Skip(origin, "empty file"))
        return None
    return data


def read_text_file(path: Path, doc_id: str, max_bytes: int, on_skip: OnSkip) -> Iterator[Document]:
    data = _read_file(path, max_bytes, on_skip)
    if data is None:
        return
    if _looks_binary(data):
        on_skip(Skip(str(path), "binary file, not text"))
        return
    text, note = decode(data)
    doc = Document(id=doc_id, text=text, origin=str(path))
    if note:
        doc.warnings.append(note)
    yield doc


def read_html_file(path: Path, doc_id: str, max_bytes: int, on_skip: OnSkip) -> Iterator[Document]:
    data = _read_file(path, max_bytes, on_skip)
    if data is None:
        return
    if b"\x00" in data[:8192]:
        on_skip(Skip(str(path), "binary file, not HTML"))
        return
    html, _ = decode(data)
    try:
        doc = html_to_document(html, doc_id, str(path))
    except Exception as e:  # noqa: BLE001 - a page the HTML reader chokes on is one skip
        on_skip(Skip(str(path), f"unreadable HTML ({e.__class__.__name__}: {e})"))
        return
    if doc is None:
        on_skip(Skip(str(path), "no article text found in the HTML page"))
        return
    yield doc


def html_to_document(html: str, doc_id: str, origin: str) -> Document | None:
    import trafilatura  # imported lazily: only HTML inputs pay for it

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if result is None:
        return None
    get = result.get if isinstance(result, dict) else (lambda k: getattr(result, k, None))
    text = get("text")
    if not text or not str(text).strip():
        return None
    return Document(
        id=doc_id,
        text=str(text),
        url=get("url") or None,
        published=_clean_published(get("date")),
        title=get("title") or None,
        outlet=get("sitename") or None,
        origin=origin,
    )


def read_warc(path: Path, max_bytes: int, on_skip: OnSkip, on_count: OnCount) -> Iterator[Document]:
    """Each HTML response record of a WARC file is one article: id and url from WARC-Target-URI, body
    and metadata through the HTML reader; WARC-Date is the crawl time (kept as ``extra.crawled``),
    never ``published``. Other records are counted; a damaged file is one skip for its rest."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    n = 0
    try:
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                n += 1
                where = f"{origin}:{n}"
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if rec.rec_type != "response" or "html" not in ctype.lower():
                    on_count("WARC records that are no HTML response", 1)
                    continue
                status = rec.http_headers.get_statuscode() if rec.http_headers else ""
                if status and not status.startswith("2"):
                    on_count("WARC records that are no HTML response", 1)
                    continue
                data = rec.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    on_skip(Skip(where, f"record larger than the size limit ({max_bytes:,} bytes)"))
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                m = re.search(r"charset=([\w-]+)", ctype, re.I)
                html, note = _decode_declared(data, m.group(1) if m else None)
                try:
                    doc = html_to_document(html, url or f"{path.name}:{n}", where)
                except Exception as e:  # noqa: BLE001 - a page the HTML reader chokes on is one skip
                    on_skip(Skip(where, f"unreadable HTML ({e.__class__.__name__}: {e})"))
                    continue
                if doc is None:
                    on_skip(Skip(where, "no article text found in the HTML page"))
                    continue
                doc.url = url or doc.url
                crawled = rec.rec_headers.get_header("WARC-Date")
                if crawled:
                    doc.extra["crawled"] = crawled
                if note:
                    doc.warnings.append(note)
                yield doc
    except Exception as e:  # noqa: BLE001 - a damaged archive: keep what was read, skip the rest
        on_skip(Skip(origin, f"unreadable, the rest of this input is skipped ({e.__class__.__name__}: {e})"))


def _decode_declared(data: bytes, charset: str | None) -> tuple[str, str | None]:
    if charset:
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _doc_id_in_folder(folder: Path, path: Path) -> str:
    rel = path.relative_to(folder).as_posix()
    return rel[: -len(".txt")] if rel.lower().endswith(".txt") else rel.rsplit(".", 1)[0]


def _read_path(path: Path, doc_id: str, max_bytes: int, on_skip: OnSkip,
               on_count: OnCount = _no_count) -> Iterator[Document]:
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, max_bytes, on_skip, on_count)
    elif suffix in JSONL_SUFFIXES:
        stem = path.name
        for s in JSONL_SUFFIXES:
            if stem.lower().endswith(s):
                stem = stem[: -len(s)]
                break
        try:
            fh: IO[bytes] = gzip.open(path, "rb") if suffix.endswith(".gz") else path.open("rb")
        except OSError as e:
            on_skip(Skip(str(path), f"unreadable ({e.strerror or e})"))
            return
        with fh:
            yield from read_jsonl_stream(fh, str(path), stem, max_bytes, on_skip)
    elif suffix in HTML_SUFFIXES:
        yield from read_html_file(path, doc_id, max_bytes, on_skip)
    else:
        yield from read_text_file(path, doc_id, max_bytes, on_skip)


def iter_documents(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: OnSkip | None = None,
    stdin: IO[bytes] | None = None,
    on_count: OnCount | None = None,
) -> Iterator[Document]:
    """Documents from every input, in order. Problems go to ``on_skip`` and reading goes on;
    ``on_count`` hears of what is passed over without being a problem (WARC records that are no page)."""
    report: OnSkip = on_skip or (lambda s: print(f"warta: skipped {s}", file=sys.stderr))
    count: OnCount = on_count or _no_count
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "<stdin>", "stdin", max_bytes, report)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and _suffix(p) in TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + WARC_SUFFIXES
            )
            if not files:
                report(Skip(str(path), "folder holds no .txt, .jsonl(.gz), .html or .warc(.gz) files"))
            for f in files:
                yield from _read_path(f, _doc_id_in_folder(path, f), max_bytes, report, count)
        elif path.exists():
            yield from _read_path(path, path.name[: -len(_suffix(path))] if _suffix(path) else path.name,
                                  max_bytes, report, count)
        else:
            report(Skip(str(path), "no such file or folder"))


def documents_from_texts(texts: Iterable[str]) -> Iterator[Document]:
    """Convenience for the Python API: plain strings become documents text-1, text-2, …"""
    for i, t in enumerate(texts, 1):
        yield Document(id=f"text-{i}", text=t, origin="<python>")


__all__ = ["Skip", "iter_documents", "documents_from_texts", "record_to_document", "parse_size", "decode"]
