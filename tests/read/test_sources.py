"""Dispatch on what SOURCE is: folders, files recognised by name and content, stdin, URLs."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.fetch import FetchPolicy
from marsad.read.raw import RawItem, Rejected
from marsad.read.sources import Kind, iter_source, sniff
from tests.read.httpsite import serve
from tests.read.warcs import http_response, warc_record

HTML = "<!DOCTYPE html><html><body><p>انفجار في السوق المركزي.</p></body></html>".encode()
TEXT = "أفاد مراسلنا بسماع دوي انفجارات في المدينة.\n".encode()
RSS = (
    b"<?xml version='1.0' encoding='utf-8'?>\n<!-- generated -->\n<rss version='2.0'><channel>"
    b"<item><title>T</title><link>https://news.example/1</link><description>Body</description></item>"
    b"</channel></rss>"
)
WARC = warc_record("response", http_response(HTML), "https://news.example/w")


def origins(source: str | Path, **kwargs: object) -> list[str]:
    return [item.origin for item in iter_source(str(source), **kwargs)]  # type: ignore[arg-type]


def test_folder_is_read_recursively_in_name_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden")
    (tmp_path / ".notes.txt").write_text("hidden")
    (tmp_path / "c.txt").write_bytes(TEXT)
    (tmp_path / "a.html").write_bytes(HTML)
    (tmp_path / "b" / "feed.xml").write_bytes(RSS)
    (tmp_path / "b" / "lines.jsonl").write_text(json.dumps({"text": "x"}) + "\n")
    (tmp_path / "b" / "page.html.gz").write_bytes(gzip.compress(HTML))
    (tmp_path / "b" / "crawl.warc.gz").write_bytes(gzip.compress(WARC))
    items = list(iter_source(str(tmp_path)))
    assert [i.origin for i in items] == [
        f"{tmp_path}/a.html",
        f"{tmp_path}/b/crawl.warc.gz#offset=0",
        f"{tmp_path}/b/feed.xml#item=1",
        f"{tmp_path}/b/lines.jsonl#line=1",
        f"{tmp_path}/b/page.html.gz",
        f"{tmp_path}/c.txt",
    ]
    assert all(isinstance(i, RawItem) for i in items)
    kinds = {i.origin.rsplit("/", 1)[1]: i.media for i in items if isinstance(i, RawItem)}
    assert kinds == {
        "a.html": "html",
        "crawl.warc.gz#offset=0": "html",
        "feed.xml#item=1": "html",
        "lines.jsonl#line=1": "text",
        "page.html.gz": "html",
        "c.txt": "text",
    }
    assert next(i for i in items if i.origin.endswith("page.html.gz")).data == HTML  # type: ignore[union-attr]


def test_symlink_loops_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    (tmp_path / "loop").symlink_to(tmp_path)
    assert origins(tmp_path) == [f"{tmp_path}/a.txt"]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("name", "head", "kind", "detail"),
    [
        ("page.html", b"<p>short</p>", "html", None),
        ("page", b"\n  <!DOCTYPE html><html lang='ar'>", "html", None),
        ("page.xml", b"<html><head><title>t</title></head>", "html", None),
        ("news.xml", RSS, "feed", None),
        ("atom", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed", None),
        ("old", b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed", None),
        ("notes.txt", b"<html>in a text file</html>", "text", None),
        ("article", TEXT, "text", None),
        ("data", b'{"id": 1, "text": "a"}\n{"id": 2}', "jsonl", None),
        ("data.json", b'{"config": true}', "text", None),
        ("lines.jsonl.gz", gzip.compress(b'{"text": "a"}'), "jsonl", None),
        ("crawl.warc.gz", gzip.compress(WARC), "warc", None),
        ("crawl.bin", WARC, "warc", None),
        ("page.html.gz", gzip.compress(HTML), "gzip", None),
        ("report.html", b"%PDF-1.7\n%\xe2\xe3", "binary", "PDF"),
        ("photo.txt", PNG, "binary", "PNG"),
        ("archive", b"PK\x03\x04\x14\x00", "binary", "ZIP (or DOCX/XLSX/EPUB)"),
        ("photo", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary", "JPEG"),
        ("tool", b"\x7fELF\x02\x01\x01", "binary", "ELF executable"),
        ("blob", b"text then \x00 a NUL", "binary", "unknown format, it holds NUL bytes"),
        ("blob", bytes(range(1, 32)) * 4, "binary", "unknown format, it is full of control codes"),
        ("utf16", "\ufeff<html><p>نص</p>".encode("utf-16-le"), "html", None),
        ("utf16.txt", "\ufeffنص".encode("utf-16-be"), "text", None),
        ("empty.txt", b"", "empty", None),
    ],
)
def test_sniff(name: str, head: bytes, kind: str, detail: str | None) -> None:
    sniffed = sniff(head, name)
    assert (sniffed.kind, sniffed.detail) == (kind, detail)


def test_binary_empty_and_blank_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    reasons = {
        i.origin.rsplit("/", 1)[1]: (i.code, i.reason)
        for i in iter_source(str(tmp_path))
        if isinstance(i, Rejected)
    }
    assert reasons == {
        "report.html": ("I233", "binary file (detected as PDF)"),
        "empty.txt": ("I234", "empty"),
        "blank.txt": ("I234", "empty (only blank space)"),
    }


def test_oversized_file_says_size_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(TEXT * 100)
    (item,) = iter_source(str(path), max_bytes=1000)
    assert isinstance(item, Rejected) and item.code == "I232"
    assert (
        f"{len(TEXT) * 100:,} bytes" in item.reason and "1,000" in item.reason and "max_bytes" in item.reason
    )


def test_streamed_containers_ignore_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    path.write_bytes(WARC * 20)
    assert len([i for i in iter_source(str(path), max_bytes=1000) if isinstance(i, RawItem)]) == 20


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (gzip.compress(b"<p>" + b"x" * 5000 + b"</p>"), "more than 1,000"),
        (gzip.compress(HTML)[:30], "truncated"),
    ],
)
def test_gzip_bombs_and_damage_are_rejected(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(content)
    (item,) = iter_source(str(path), max_bytes=1000)
    assert isinstance(item, Rejected) and item.code == "I235" and words in item.reason


def test_missing_path_and_other_schemes() -> None:
    (missing,) = iter_source("/no/such/place.html")
    assert isinstance(missing, Rejected) and missing.code == "I231"
    assert missing.reason == "no such file or folder: /no/such/place.html"
    (ftp,) = iter_source("ftp://example.org/news.xml")
    assert isinstance(ftp, Rejected) and ftp.code == "I101"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(("data", "count"), [(HTML, 1), (gzip.compress(WARC * 3), 3), (RSS, 1)])
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, count: int) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = list(iter_source("-"))
    assert len(items) == count and all(isinstance(i, RawItem) for i in items)
    assert items[0].origin.startswith("stdin")


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(TEXT * 100))
    (item,) = iter_source("-", max_bytes=100)
    assert isinstance(item, Rejected) and item.code == "I232"


def test_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(HTML,))
    writer.start()
    (item,) = iter_source(str(fifo))
    writer.join()
    assert isinstance(item, RawItem) and item.data == HTML and item.media == "html"


def test_urls_pages_feeds_and_refusals() -> None:
    with serve(
        {
            "/article": ("text/html; charset=utf-8", HTML),
            "/feed": ("application/rss+xml", RSS.replace(b"https://news.example/1", b"/article")),
            "/fake.html": ("text/html", b"%PDF-1.5 not a page"),
        }
    ) as site:
        policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}))
        (page,) = iter_source(site.url("/article"), fetch_policy=policy)
        (summary,) = iter_source(site.url("/feed"), fetch_policy=policy)
        (full,) = iter_source(site.url("/feed"), fetch_policy=policy, follow_feed_links=True)
        (fake,) = iter_source(site.url("/fake.html"), fetch_policy=policy)
        (refused,) = iter_source(site.url("/article"))  # default policy: loopback is private
    assert isinstance(page, RawItem) and (page.data, page.media, page.declared_encoding) == (
        HTML,
        "html",
        "utf-8",
    )
    assert isinstance(summary, RawItem) and summary.text == "Body" and summary.url == site.url("/article")
    assert isinstance(full, RawItem) and full.data == HTML and full.title == "T"
    assert isinstance(fake, Rejected) and fake.reason == "binary file (detected as PDF)"
    assert isinstance(refused, Rejected) and refused.code == "I102"


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=3000),
    st.sampled_from(["", "a.html", "a.txt", "a.xml", "a.gz", "a.jsonl", "a.warc.gz"]),
)
def test_sniff_never_raises(head: bytes, name: str) -> None:
    assert sniff(head, name).kind in get_args(Kind)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a", "a.html", "a.gz", "a.jsonl", "a.warc", "a.rss"]))
def test_any_file_is_items_or_rejections(content: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        assert all(isinstance(i, RawItem | Rejected) for i in iter_source(str(path)))
