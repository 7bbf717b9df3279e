"""A seeded fuzzer feeds over a thousand bad inputs through ``ingest``: none crashes the batch, every
one is either stored or quarantined with a reason, and the good articles among them are stored."""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from pathlib import Path

from marsad.api import ingest
from marsad.store.database import Store

ARABIC = "قال مسؤولون محليون إن قصفا مدفعيا استهدف أحياء سكنية في المدينة صباح اليوم وأسفر عن سقوط ضحايا. "
ENGLISH = (
    "Local officials said shelling hit residential districts of the city this morning, causing casualties. "
)


def _random_bytes(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice([".txt", ".html", ".bin", ""]), rng.randbytes(rng.randint(1, 4000))


def _truncated_gzip(rng: random.Random) -> tuple[str, bytes]:
    data = gzip.compress(("<html><body><p>" + ENGLISH * 20 + "</p></body></html>").encode())
    return rng.choice([".html.gz", ".txt.gz", ".jsonl.gz"]), data[: rng.randint(1, len(data) - 1)]


def _truncated_warc(rng: random.Random) -> tuple[str, bytes]:
    html = ("<html><body><p>" + ENGLISH * 10 + "</p></body></html>").encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
        b"WARC-Date: 2024-11-30T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )
    data = gzip.compress(record) if rng.random() < 0.5 else record
    return ".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc", data[: rng.randint(1, len(data) - 1)]


def _nested_html(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.randint(300, 3_000)
    return ".html", ("<div>" * depth + "<p>" + ENGLISH + "</p>" + "</div>" * rng.randint(0, depth)).encode()


def _wrong_declared_encoding(rng: random.Random) -> tuple[str, bytes]:
    declared = rng.choice(["iso-8859-1", "utf-8", "windows-1252", "iso-8859-6", "utf-16"])
    actual = rng.choice(["cp1256", "iso-8859-6", "utf-8", "utf-16"])
    head = f'<head><meta charset="{declared}"><title>خبر</title></head>'
    page = f"<html>{head}<body><p>{ARABIC * 5}</p></body></html>"
    return ".html", page.encode(actual)


def _broken_markup(rng: random.Random) -> tuple[str, bytes]:
    pieces = [
        "<",
        ">",
        "<p",
        "</",
        "<!--",
        "<![CDATA[",
        "&#",
        "&amp",
        "<script>",
        '"',
        "'",
        ENGLISH[:20],
        ARABIC[:20],
    ]
    return ".html", "".join(rng.choice(pieces) for _ in range(rng.randint(1, 400))).encode()


def _broken_jsonl(rng: random.Random) -> tuple[str, bytes]:
    lines = [
        rng.choice(['{"text": 1}', "{", '{"html": null}', "[]", '"x"', '{"text": ""}', "null"])
        for _ in range(5)
    ]
    return ".jsonl", "\n".join(lines).encode()


def _broken_feed(rng: random.Random) -> tuple[str, bytes]:
    feed = "<?xml version='1.0'?><rss><channel><item><title>x</title><description>" + "<" * rng.randint(1, 50)
    return ".xml", feed.encode()[: rng.randint(10, 200)]


def _empty(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice([".txt", ".html", ".jsonl"]), rng.choice([b"", b" ", b"\n\n", b"\xef\xbb\xbf"])


GENERATORS: list[Callable[[random.Random], tuple[str, bytes]]] = [
    _random_bytes,
    _truncated_gzip,
    _truncated_warc,
    _nested_html,
    _wrong_declared_encoding,
    _broken_markup,
    _broken_jsonl,
    _broken_feed,
    _empty,
]


def test_a_thousand_bad_inputs(tmp_path: Path, store: Store) -> None:
    rng = random.Random(20241130)
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i in range(1100):
        suffix, data = rng.choice(GENERATORS)(rng)
        (folder / f"bad{i:04d}{suffix}").write_bytes(data)
    huge = "<html><body>" + "<p>" + ENGLISH * 100 + "</p>" * 1 + "<div>x</div>" * 1_700_000 + "</body></html>"
    (folder / "huge.html").write_text(huge, encoding="utf-8")
    good = {
        f"good{i}.txt": f"Story number {i} headline here\n\n{ENGLISH} Item {i}.\n\n{ENGLISH}\n"
        for i in range(5)
    }
    for name, text in good.items():
        (folder / name).write_text(text, encoding="utf-8")

    summary = ingest([str(folder)], store)

    assert summary.read >= 1100 + len(good)
    assert summary.read == summary.new + summary.duplicates + summary.quarantined
    stored_origins = {row.origin for row in store.articles(limit=10_000)}
    assert {str(folder / name) for name in good} <= stored_origins
    for row in store.quarantine(limit=10_000):
        assert row.reason.strip()
        assert "unexpected" not in row.reason, f"{row.origin}: {row.reason}"
