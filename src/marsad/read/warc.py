"""Unpack web archives (``.warc``, ``.warc.gz``) as Common Crawl News publishes them.

Only ``response`` records of HTML pages served with HTTP 200 become items; requests, metadata, redirects
and non-HTML responses are skipped silently, because they are not articles (they are not rejections
either). The WARC-Date is the crawl time, so it is only a fallback publication date
(``published_from="warc"``) for when the page itself has none.

Damage never ends the stream early: every good record before a cut is yielded, then a :class:`Rejected`
says where the archive broke; after corrupt data, reading resumes at the next record that can be found
(the next gzip member that starts a WARC record, or the next ``WARC/1.`` line). FastWARC parses the
records (about 6× faster than warcio here); gzip is decompressed by :class:`_GzipMembers` rather than by
FastWARC, which would hide truncation and report positions that cannot be resumed from.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader, ChunkedReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from marsad.read.gzipstream import MAGIC, GzipMembers
from marsad.read.lexicon import load_yaml
from marsad.read.quarantine import reject
from marsad.read.raw import RawItem, ReadItem, Rejected

_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_CHUNK = 1 << 16
_DAMAGE_CODES = frozenset({"I201", "I202"})
_SCAN_OVERLAP = 16


@dataclass(frozen=True, slots=True)
class _Damage:
    """Where an archive is broken and why, as told to the user."""

    offset: int
    reason: str
    code: str


@dataclass(slots=True)
class _Outcome:
    """How one pass of the parser over the archive ended."""

    handled: int = 0
    """Records read to their end (whether kept, skipped or rejected)."""
    last_start: int = 0
    """Offset, in the file, of the last record read to its end."""
    error: str | None = None
    """Why the parser stopped before the end of the data, if it did."""
    reported: bool = False
    """Whether the damage was already reported, on the record it cut off."""
    last_damaged: bool = False
    """Whether the last record read was itself reported as damaged (so an error right after is the same
    damage, not a new one)."""


def iter_warc(path: Path, *, max_record_bytes: int = 20_000_000) -> Iterator[ReadItem]:
    """HTML pages in the WARC file at ``path`` (gzip or not), each as a :class:`RawItem`.

    Items are named ``<path>#offset=<n>``, the byte offset of the record (of its gzip member in a
    ``.warc.gz``, as in Common Crawl's index), so a rejected record can be cut out and inspected.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield reject(str(path), f"cannot open WARC file: {exc.strerror or exc}", "I231")
        return
    with stream:
        yield from iter_warc_stream(stream, str(path), max_record_bytes=max_record_bytes)


def iter_warc_stream(
    stream: BinaryIO, origin: str, *, max_record_bytes: int = 20_000_000
) -> Iterator[ReadItem]:
    """Like :func:`iter_warc`, for an open, seekable binary stream named ``origin``."""
    position: int | None = stream.tell()
    compressed = _is_compressed(stream.read(_CHUNK))
    pending: _Damage | None = None
    while position is not None:
        reader = _Gzip(stream, position) if compressed else _Plain(stream, position)
        outcome = yield from _scan(reader, origin, max_record_bytes, pending)
        step = _after(
            outcome, reader.damage(), position, None if outcome.handled else pending, stream, compressed
        )
        if step.report is not None:
            yield _report(origin, step.report, resumes=step.position)
        position, pending = step.position, step.pending


@dataclass(frozen=True, slots=True)
class _Step:
    position: int | None
    """Where the next pass starts; ``None`` to stop."""
    pending: _Damage | None
    """Damage whose extent the next pass will show (it is reported before the next record found)."""
    report: _Damage | None
    """Damage to report now."""


def _after(
    outcome: _Outcome,
    damage: _Damage | None,
    position: int,
    pending: _Damage | None,
    stream: BinaryIO,
    compressed: bool,
) -> _Step:
    """Decide, after one pass, where to resume and what to report, so each damage is reported once."""
    if damage is None and outcome.error is not None and outcome.handled:
        # The parser failed somewhere after the last good record: look for the next record, and report
        # the damage just before it (unless the last record was already reported as damaged).
        found = None if outcome.last_damaged else _corrupt_after(outcome.last_start, outcome.error)
        resume = _next_record(stream, outcome.last_start + 1, compressed)
        return _Step(resume, found, found if resume is None else None)
    damage = damage or (_corrupt_at(position, outcome.error) if outcome.error is not None else None)
    if damage is None:
        return _Step(None, None, pending)
    resume = _next_record(stream, damage.offset + 1, compressed)
    return _Step(resume, None, None if outcome.reported else (pending or damage))


def _is_compressed(head: bytes) -> bool:
    """Gzip, even when the first member's header is damaged (later members still start with the magic)."""
    return head.startswith(MAGIC) or (not head.startswith(b"WARC/") and b"\x1f\x8b\x08" in head)


def _corrupt_after(offset: int, error: str) -> _Damage:
    return _Damage(offset, f"WARC data after offset {offset} is corrupt ({error})", "I201")


def _corrupt_at(offset: int, error: str) -> _Damage:
    return _Damage(offset, f"WARC data at offset {offset} is corrupt ({error})", "I201")


def _report(origin: str, damage: _Damage, *, resumes: int | None) -> Rejected:
    after = (
        f"reading resumes at offset {resumes}" if resumes is not None else "nothing after it could be read"
    )
    return reject(f"{origin}#offset={damage.offset}", f"{damage.reason}; {after}", damage.code)


def _scan(
    reader: _Reader, origin: str, max_bytes: int, pending: _Damage | None
) -> Generator[ReadItem, None, _Outcome]:
    """One pass of FastWARC over ``reader``; returns how it ended instead of raising."""
    outcome = _Outcome()
    records = ArchiveIterator(
        reader, parse_http=True, auto_decode="none", stream_detect=False, fsspec_args=False
    )
    try:
        for record in records:
            offset, label = reader.locate(record.stream_pos)
            item = _record(record, f"{origin}#offset={label}", max_bytes, reader)
            if pending is not None:
                # a record after a damaged stretch was found: report the stretch before it
                yield _report(origin, pending, resumes=offset)
                pending = None
            outcome.last_damaged = isinstance(item, Rejected) and item.code in _DAMAGE_CODES
            outcome.reported = outcome.reported or outcome.last_damaged
            if item is not None:
                yield item
            outcome.handled += 1
            outcome.last_start = offset
    except OSError as exc:
        outcome.error = str(exc)
    return outcome


def _record(record: WarcRecord, origin: str, max_bytes: int, reader: _Reader) -> ReadItem | None:
    """The record's page, ``None`` for records that are not HTML pages, or a rejection."""
    length = record.content_length
    if not (record.headers.get("Content-Length") or "").isdigit():
        cause = "the archive is truncated or damaged here"
        return _cut(origin, reader, "its header has no valid Content-Length", cause=cause, code="I201")
    if not _is_html_page(record):
        consumed = record.reader.consume()
        return (
            None
            if consumed >= length
            else _cut(origin, reader, f"it is cut off after {consumed:,} of {length:,} bytes")
        )
    if length > max_bytes:
        record.reader.consume()
        return reject(origin, f"record holds {length:,} bytes, over the limit of {max_bytes:,}", "I203")
    body = record.reader.read()
    if len(body) < length:
        return _cut(origin, reader, f"it is cut off after {len(body):,} of {length:,} bytes", body)
    try:
        page = _decode_payload(body, record, max_bytes)
    except (OSError, ValueError, zlib.error) as exc:
        return reject(origin, f"cannot decode the page's HTTP encoding: {exc}", "I203", body)
    return RawItem(
        origin=origin,
        data=page,
        media="html",
        url=_target_uri(record),
        published=_crawl_date(record),
        published_from="warc",
        declared_encoding=record.http_charset,
    )


def _cut(
    origin: str,
    reader: _Reader,
    what: str,
    data: bytes = b"",
    *,
    cause: str = "the archive is truncated inside it",
    code: str = "I202",
) -> Rejected:
    """Reject a damaged record, naming the gzip damage that cut it if any, else ``cause``."""
    damage = reader.damage()
    if damage is not None:
        return reject(origin, f"record is unusable, {what}: {damage.reason}", damage.code, data)
    return reject(origin, f"record is unusable, {what}: {cause}", code, data)


def _is_html_page(record: WarcRecord) -> bool:
    if record.record_type != WarcRecordType.response or not record.is_http:
        return False
    if record.http_headers.status_code != 200:
        return False
    content_type = record.http_content_type or record.headers.get("WARC-Identified-Payload-Type") or ""
    return content_type.split(";", 1)[0].strip().lower() in _html_types()


@cache
def _html_types() -> frozenset[str]:
    return frozenset(load_yaml("formats.yaml")["media_types"]["html"])


def _target_uri(record: WarcRecord) -> str | None:
    uri = record.headers.get("WARC-Target-URI")
    return uri.strip().strip("<>") if uri else None


def _crawl_date(record: WarcRecord) -> dt.date | None:
    """The crawl day; FastWARC gives no date (or raises) when the header is missing or malformed."""
    try:
        crawled: dt.datetime | None = record.record_date
    except (ValueError, OverflowError):
        return None
    return crawled.date() if crawled is not None else None


def _decode_payload(body: bytes, record: WarcRecord, max_bytes: int) -> bytes:
    """Undo HTTP transfer and content encodings that some crawlers store as received.

    Common Crawl stores payloads decoded (and renames the headers), so this is a no-op there; other
    crawlers keep ``chunked`` and ``gzip``. A body declared compressed that is already plain is kept.
    """
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        body = _bounded(ChunkedReader(io.BytesIO(body)).read, max_bytes)
    encodings = [e.strip().lower() for e in (headers.get("Content-Encoding") or "").split(",") if e.strip()]
    for encoding in reversed(encodings):
        body = _undo(encoding, body, max_bytes)
    return body


def _undo(encoding: str, body: bytes, max_bytes: int) -> bytes:
    if encoding in ("identity", "none") or _already_plain(body):
        return body
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 47 if body.startswith(MAGIC) or body[:1] == b"\x78" else -15
        inflater = zlib.decompressobj(wbits)
        page = inflater.decompress(body, max_bytes + 1)
        if len(page) > max_bytes:
            raise ValueError(f"decoded page is over the limit of {max_bytes:,} bytes")
        return page
    if encoding == "br":
        return _bounded(BrotliReader(io.BytesIO(body)).read, max_bytes)
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


def _already_plain(body: bytes) -> bool:
    """A body that starts like markup was decoded by the crawler despite its Content-Encoding header."""
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _bounded(read: Callable[[int], bytes], max_bytes: int) -> bytes:
    data = read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"decoded page is over the limit of {max_bytes:,} bytes")
    return data


class _Plain(io.RawIOBase):
    """An uncompressed archive from ``start``, with the interface :class:`_GzipMembers` offers."""

    def __init__(self, raw: BinaryIO, start: int) -> None:
        super().__init__()
        raw.seek(start)
        self._raw = raw
        self._start = start
        self._position = start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position - self._start

    def locate(self, stream_position: int) -> tuple[int, str]:
        """The file offset of the record at ``stream_position``, and how to name it."""
        offset = self._start + stream_position
        return offset, str(offset)

    def damage(self) -> _Damage | None:
        """Uncompressed data has no framing to break: damage shows up as parse errors instead."""
        return None


class _Gzip(GzipMembers):
    """Gzip members, with records named by their member's offset as Common Crawl's index does."""

    def locate(self, stream_position: int) -> tuple[int, str]:
        """The record's member offset, and its name: that offset, plus ``+n`` when a member holds
        several records."""
        member, inside = self.member_at(stream_position)
        return member, f"{member}+{inside}" if inside else str(member)

    def damage(self) -> _Damage | None:
        if self.failure is None:
            return None
        return _Damage(self.failure.offset, self.failure.reason, "I202" if self.failure.truncated else "I201")


_Reader = _Plain | _Gzip


def _next_record(stream: BinaryIO, start: int, compressed: bool) -> int | None:
    """Offset of the first record that starts at or after ``start``: a gzip member whose first bytes
    decompress to ``WARC/``, or a ``WARC/1.x`` line in an uncompressed archive."""
    found = _GZIP_MEMBER if compressed else _RECORD_START
    offset = start
    while True:
        stream.seek(offset)
        window = stream.read(_CHUNK + _SCAN_OVERLAP)
        if not window:
            return None
        for match in found.finditer(window):
            candidate = offset + match.start(1)
            if candidate >= start and (not compressed or _starts_record(stream, candidate)):
                return candidate
        if len(window) <= _SCAN_OVERLAP:
            return None
        offset += len(window) - _SCAN_OVERLAP


_GZIP_MEMBER = re.compile(rb"(\x1f\x8b\x08)")


def _starts_record(stream: BinaryIO, offset: int) -> bool:
    stream.seek(offset)
    try:
        head = zlib.decompressobj(31).decompress(stream.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")
