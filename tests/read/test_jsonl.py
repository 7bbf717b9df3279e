"""JSON Lines unpacking: good lines become items, each broken line one rejection naming its number."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.jsonl import iter_jsonl
from marsad.read.raw import RawItem, Rejected

TEXT = "قال مسؤول محلي إن القصف استهدف حياً سكنياً صباح السبت."
HTML = "<html><body><p>Shelling hit the city centre on Saturday.</p></body></html>"


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_text_and_html_lines_with_metadata() -> None:
    lines = [
        line(text=TEXT, title="قصف", url="https://news.example/1", date="2024-11-30", id="a/1"),
        line(html=HTML, published="2024-12-01T09:30:00Z"),
    ]
    first, second = iter_jsonl(lines, "batch.jsonl")
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert (first.media, first.text, first.title, first.url) == (
        "text",
        TEXT,
        "قصف",
        "https://news.example/1",
    )
    assert first.data == TEXT.encode()
    assert (first.published, first.published_from) == (dt.date(2024, 11, 30), "jsonl")
    assert first.origin == "batch.jsonl#line=1&id=a%2F1"
    assert (second.media, second.text, second.published) == ("html", HTML, dt.date(2024, 12, 1))
    assert second.origin == "batch.jsonl#line=2"


def test_html_is_preferred_when_both_are_given() -> None:
    (item,) = iter_jsonl([line(text="plain", html=HTML)], "x")
    assert isinstance(item, RawItem) and item.media == "html"


def test_a_bad_date_is_ignored_not_fatal() -> None:
    (item,) = iter_jsonl([line(text=TEXT, date="30/11/2024")], "x")
    assert isinstance(item, RawItem) and item.published is None and item.published_from is None


@pytest.mark.parametrize(
    ("bad", "code", "words"),
    [
        (b"{not json", "I221", "not valid JSON"),
        (b"[1, 2]", "I221", "not an object"),
        (b'"just a string"', "I221", "not an object"),
        (b"\xff\xfe{}", "I221", "not UTF-8"),
        (b'{"title": "no body"}', "I222", "title"),
        (b'{"text": "   "}', "I222", "no non-empty"),
        (b'{"text": 42}', "I222", "no non-empty"),
        (b"[" * 100_000, "I221", "not valid JSON"),
    ],
)
def test_broken_lines_are_rejected_and_the_rest_goes_on(bad: bytes, code: str, words: str) -> None:
    items = list(iter_jsonl([line(text="before").encode(), bad, b"", line(text="after").encode()], "x.jsonl"))
    assert [type(i) for i in items] == [RawItem, Rejected, RawItem]
    rejected = items[1]
    assert isinstance(rejected, Rejected)
    assert (rejected.origin, rejected.code) == ("x.jsonl#line=2", code)
    assert words in rejected.reason
    assert rejected.sample == bad[:512]


def test_plain_and_gzip_files(tmp_path: Path) -> None:
    content = "\n".join([line(text=TEXT), line(html=HTML), ""]).encode()
    plain, packed = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    plain.write_bytes(b"\xef\xbb\xbf" + content)  # a byte-order mark on the first line is tolerated
    packed.write_bytes(gzip.compress(content))
    for path in (plain, packed):
        items = list(iter_jsonl(path, str(path)))
        assert [i.text for i in items if isinstance(i, RawItem)] == [TEXT, HTML]


def test_truncated_gzip_yields_complete_lines_then_says_where(tmp_path: Path) -> None:
    content = "\n".join(line(text=f"{TEXT} {n}", id=n) for n in range(200)).encode()
    packed = gzip.compress(content)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    items = list(iter_jsonl(path, "cut.jsonl.gz"))
    good = [i for i in items if isinstance(i, RawItem)]
    assert good and all(isinstance(i, RawItem) for i in items[:-1])
    last = items[-1]
    assert isinstance(last, Rejected) and last.code == "I235"
    assert last.origin == f"cut.jsonl.gz#line={len(good) + 1}"
    assert f"after line {len(good)}" in last.reason
    assert [i.text for i in good] == [f"{TEXT} {n}" for n in range(len(good))]


def test_overlong_line_is_rejected_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join([line(text="x" * 5000), line(text="short")]), encoding="utf-8")
    items = list(iter_jsonl(path, "long.jsonl", max_line_bytes=1000))
    assert [type(i) for i in items] == [Rejected, RawItem]
    assert isinstance(items[0], Rejected) and "longer than 1,000 bytes" in items[0].reason
    assert isinstance(items[1], RawItem) and items[1].origin == "long.jsonl#line=2"


def test_missing_file(tmp_path: Path) -> None:
    (item,) = iter_jsonl(tmp_path / "absent.jsonl", "absent.jsonl")
    assert isinstance(item, Rejected) and item.code == "I231"


def test_lone_surrogate_escape_becomes_replacement() -> None:
    (item,) = iter_jsonl(['{"text": "a\\ud800b"}'], "x")
    assert isinstance(item, RawItem) and item.text == "a?b" and item.data == b"a?b"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=200) | st.text(max_size=200), max_size=8))
def test_random_lines_never_raise(lines: list[bytes | str]) -> None:
    assert all(isinstance(i, RawItem | Rejected) for i in iter_jsonl(lines, "x"))


FIELDS = st.sampled_from(["text", "html", "url", "title", "date", "published", "id"])
VALUES = st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.lists(st.integers())


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(FIELDS, VALUES))
def test_any_object_shape_is_an_item_or_a_rejection(fields: dict[str, object]) -> None:
    items = list(iter_jsonl([json.dumps(fields)], "x"))
    assert len(items) == 1 and isinstance(items[0], RawItem | Rejected)
