"""WARC unpacking on archives built byte by byte, as Common Crawl News lays them out (one gzip member
per record), including truncated and corrupt ones."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.read.raw import RawItem, Rejected
from marsad.read.warc import iter_warc, iter_warc_stream
from tests.read.warcs import http_response, warc_record

ARTICLE = "<html><head><title>عنوان الخبر</title></head><body><p>سقطت قذائف على المدينة.</p></body></html>"


def page(n: int) -> bytes:
    return ARTICLE.replace("المدينة", f"المدينة رقم {n}").encode()


def news_archive() -> list[bytes]:
    """Records as a news crawl writes them: warcinfo, then request/response/metadata per page, with
    pages that must be skipped (an image, a 404, a redirect)."""
    records = [warc_record("warcinfo", b"software: test\r\n")]
    for n in range(3):
        url = f"https://news.example/{n}"
        records.append(warc_record("request", b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n", url))
        records.append(warc_record("response", http_response(page(n)), url))
        records.append(warc_record("metadata", b"fetchTimeMs: 120\r\n", url))
    records.append(
        warc_record("response", http_response(b"\x89PNG\r\n", "image/png"), "https://news.example/i.png")
    )
    records.append(warc_record("response", http_response(b"<html>gone</html>", status="404 Not Found")))
    records.append(warc_record("response", http_response(b"", status="301 Moved", headers=("Location: /x",))))
    return records


def gz(records: list[bytes]) -> bytes:
    return b"".join(gzip.compress(r) for r in records)


def offsets(records: list[bytes], compress: bool) -> list[int]:
    sizes = [len(gzip.compress(r)) if compress else len(r) for r in records]
    return [sum(sizes[:i]) for i in range(len(records))]


def read(data: bytes, **kwargs: int) -> list[RawItem | Rejected]:
    return list(iter_warc_stream(io.BytesIO(data), "news.warc", **kwargs))


@pytest.mark.parametrize("compress", [False, True])
def test_only_html_200_responses_become_items(tmp_path: Path, compress: bool) -> None:
    records = news_archive()
    path = tmp_path / ("news.warc.gz" if compress else "news.warc")
    path.write_bytes(gz(records) if compress else b"".join(records))
    items = list(iter_warc(path))
    assert all(isinstance(i, RawItem) for i in items)
    assert [i.data for i in items if isinstance(i, RawItem)] == [page(0), page(1), page(2)]
    first = items[0]
    assert isinstance(first, RawItem)
    assert first.url == "https://news.example/0"
    assert first.media == "html"
    assert first.declared_encoding == "utf-8"
    assert (first.published, first.published_from) == (dt.date(2024, 11, 30), "warc")
    starts = offsets(records, compress)
    assert [i.origin for i in items] == [f"{path}#offset={starts[k]}" for k in (2, 5, 8)]


def test_gzip_detected_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "archive.warc"
    path.write_bytes(gz(news_archive()))
    assert len(list(iter_warc(path))) == 3


def test_whole_file_gzip_names_records_inside_the_member() -> None:
    records = news_archive()
    items = read(gzip.compress(b"".join(records)))
    starts = offsets(records, compress=False)
    assert [i.origin for i in items] == [f"news.warc#offset=0+{starts[k]}" for k in (2, 5, 8)]


def test_truncated_gzip_yields_records_before_the_cut_then_says_where() -> None:
    records = news_archive()
    data = gz(records)
    cut_member = offsets(records, compress=True)[5]  # the second page's response
    items = read(data[: cut_member + 40])
    assert len(items) == 2
    assert isinstance(items[0], RawItem) and items[0].data == page(0)
    rejected = items[1]
    assert isinstance(rejected, Rejected)
    assert rejected.code == "I202"
    assert rejected.origin == f"news.warc#offset={cut_member}"
    assert "truncated" in rejected.reason


def test_truncated_plain_warc_rejects_the_cut_record() -> None:
    records = news_archive()
    data = b"".join(records)
    cut = offsets(records, compress=False)[5] + len(records[5]) - 60  # inside the page
    items = read(data[:cut])
    assert [type(i) for i in items] == [RawItem, Rejected]
    assert isinstance(items[1], Rejected) and items[1].code == "I202"
    assert items[1].sample  # the partial page is kept for inspection


def test_plain_warc_cut_inside_a_header() -> None:
    records = news_archive()
    start = offsets(records, compress=False)[5]
    items = read(b"".join(records)[: start + 100])
    assert [type(i) for i in items] == [RawItem, Rejected]
    rejected = items[1]
    assert isinstance(rejected, Rejected) and rejected.origin == f"news.warc#offset={start}"
    assert "truncated" in rejected.reason


def test_corrupt_member_is_skipped_and_reading_goes_on() -> None:
    records = news_archive()
    members = [gzip.compress(r) for r in records]
    broken = bytearray(members[5])
    broken[20:40] = bytes(20)  # damage the deflate data of the second page
    members[5] = bytes(broken)
    items = read(b"".join(members))
    pages = [i.data for i in items if isinstance(i, RawItem)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert pages[0] == page(0) and pages[-1] == page(2)
    assert len(rejected) == 1
    assert rejected[0].code == "I201"
    assert rejected[0].origin == f"news.warc#offset={offsets(records, compress=True)[5]}"
    assert "resumes at offset" in rejected[0].reason


def test_corrupt_header_in_plain_warc_resumes_at_next_record() -> None:
    records = news_archive()
    records[5] = records[5].replace(b"WARC/1.1", b"XARC/9.9", 1)
    items = read(b"".join(records))
    assert [i.data for i in items if isinstance(i, RawItem)] == [page(0), page(2)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(rejected) == 1 and rejected[0].code == "I201"


def test_garbage_is_one_rejection() -> None:
    items = read(b"this is not an archive\n" * 10)
    assert len(items) == 1 and isinstance(items[0], Rejected)


def test_http_encodings_are_undone() -> None:
    body = page(7)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    gzipped = gzip.compress(body)
    records = [
        warc_record("response", http_response(chunked, headers=("Transfer-Encoding: chunked",))),
        warc_record("response", http_response(gzipped, headers=("Content-Encoding: gzip",))),
        # Common Crawl stores the payload decoded but may keep the header: the page is used as stored
        warc_record("response", http_response(body, headers=("Content-Encoding: gzip",))),
    ]
    assert [i.data for i in read(b"".join(records)) if isinstance(i, RawItem)] == [body, body, body]


def test_identified_payload_type_stands_in_for_a_missing_content_type() -> None:
    record = warc_record("response", http_response(page(1), content_type=None),
                         extra=("WARC-Identified-Payload-Type: text/html",))  # fmt: skip
    assert [i.data for i in read(record) if isinstance(i, RawItem)] == [page(1)]


def test_oversized_record_is_rejected_and_the_next_is_read() -> None:
    big = warc_record("response", http_response(b"<p>" + b"x" * 5000 + b"</p>"))
    items = read(big + warc_record("response", http_response(page(2))), max_record_bytes=1000)
    assert isinstance(items[0], Rejected) and items[0].code == "I203"
    assert isinstance(items[1], RawItem) and items[1].data == page(2)


def test_missing_file(tmp_path: Path) -> None:
    items = list(iter_warc(tmp_path / "absent.warc.gz"))
    assert len(items) == 1 and isinstance(items[0], Rejected) and items[0].code == "I231"


@pytest.mark.parametrize("compress", [False, True])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fraction=st.floats(min_value=0, max_value=1))
def test_any_cut_keeps_a_prefix_and_never_raises(compress: bool, fraction: float) -> None:
    records = news_archive()
    data = gz(records) if compress else b"".join(records)
    complete = [i for i in read(data) if isinstance(i, RawItem)]
    items = read(data[: int(len(data) * fraction)])
    pages = [i for i in items if isinstance(i, RawItem)]
    assert pages == complete[: len(pages)]
    assert all(isinstance(i, Rejected) for i in items[len(pages) :])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    assert all(isinstance(i, RawItem | Rejected) for i in read(data))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_random_damage_never_raises(draw: st.DataObject) -> None:
    data = bytearray(gz(news_archive()) if draw.draw(st.booleans()) else b"".join(news_archive()))
    for _ in range(draw.draw(st.integers(1, 5))):
        position = draw.draw(st.integers(0, len(data) - 1))
        data[position] = draw.draw(st.integers(0, 255))
    assert all(isinstance(i, RawItem | Rejected) for i in read(bytes(data)))
