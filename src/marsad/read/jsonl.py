"""Unpack JSON Lines (``.jsonl``, ``.ndjson``, optionally gzipped): one article per line.

Each line is an object with ``html`` (a page) or ``text`` (plain text), and optionally ``url``,
``title``, ``published`` or ``date`` (ISO 8601) and ``id``. This is how datasets and other tools hand
over articles, so a broken line costs that line only: it becomes a :class:`Rejected` naming its number
(``data.jsonl#line=12``) and the next line is read.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from marsad.read.gzipstream import MAGIC, GzipMembers
from marsad.read.quarantine import reject
from marsad.read.raw import MediaKind, RawItem, ReadItem

log = logging.getLogger(__name__)

PAYLOAD_FIELDS: tuple[tuple[str, MediaKind], ...] = (("html", "html"), ("text", "text"))
"""Fields that carry the article, in order of preference: a page keeps more (title, date) than its text."""
DATE_FIELDS = ("published", "date")


def iter_jsonl(
    path_or_lines: Path | Iterable[bytes | str], origin: str, *, max_line_bytes: int = 20_000_000
) -> Iterator[ReadItem]:
    """Items from a JSON Lines file (gzip detected by content) or from lines already in memory.

    Blank lines are skipped. A line longer than ``max_line_bytes`` is rejected without being held in
    memory; a gzip file cut short yields every complete line, then a rejection naming where it broke.
    """
    if isinstance(path_or_lines, Path):
        yield from _iter_path(path_or_lines, origin, max_line_bytes)
        return
    for number, line in enumerate(path_or_lines, 1):
        item = _item(line, number, origin)
        if item is not None:
            yield item


def _iter_path(path: Path, origin: str, max_line_bytes: int) -> Iterator[ReadItem]:
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield reject(origin, f"cannot open: {exc.strerror or exc}", "I231")
        return
    with raw:
        compressed = raw.read(len(MAGIC)) == MAGIC
        members = GzipMembers(raw, 0) if compressed else None
        if members is None:
            raw.seek(0)
        stream: BinaryIO = io.BufferedReader(members) if members is not None else raw
        complete = 0
        for number, line in _lines(stream, max_line_bytes):
            if members is not None and members.failure is not None and not line.endswith(b"\n"):
                break  # cut off by the damage: reported below rather than parsed as broken JSON
            complete = number
            item = _item(line, number, origin, max_line_bytes)
            if item is not None:
                yield item
        if members is not None and members.failure is not None:
            reason = f"unreadable after line {complete}: {members.failure.reason}"
            yield reject(f"{origin}#line={complete + 1}", reason, "I235")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes]]:
    """Numbered lines; a line over ``limit`` bytes comes back as its first ``limit + 1`` bytes, the rest
    skipped, so the caller can reject it without holding it."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
        yield number, line


def _item(line: bytes | str, number: int, origin: str, max_line_bytes: int | None = None) -> ReadItem | None:
    where = f"{origin}#line={number}"
    if max_line_bytes is not None and len(line) > max_line_bytes:
        return reject(where, f"line {number} is longer than {max_line_bytes:,} bytes", "I221", line)
    try:
        text = line.decode("utf-8-sig") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        return reject(where, f"line {number} is not UTF-8 ({exc.reason} at byte {exc.start})", "I221", line)
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return reject(where, f"line {number} is not valid JSON ({exc})", "I221", line)
    if not isinstance(record, dict):
        return reject(
            where, f"line {number} holds a JSON {type(record).__name__}, not an object", "I221", line
        )
    return _from_record(record, where, number, line)


def _from_record(record: dict[str, Any], where: str, number: int, line: bytes | str) -> ReadItem:
    payload = next(((record[f], media) for f, media in PAYLOAD_FIELDS if _is_text(record.get(f))), None)
    if payload is None:
        keys = ", ".join(sorted(map(str, record))[:10]) or "none"
        reason = f'line {number} has no non-empty "html" or "text" string (its fields: {keys})'
        return reject(where, reason, "I222", line)
    body, media = payload
    data = body.encode("utf-8", "replace")  # a lone surrogate escape (\\ud800) becomes "?", same length
    published = _date(record, where)
    return RawItem(
        origin=_with_id(where, record.get("id")),
        data=data,
        media=media,
        url=_string(record, "url"),
        title=_string(record, "title"),
        published=published,
        published_from="jsonl" if published is not None else None,
        declared_encoding="utf-8",
        text=data.decode("utf-8"),
    )


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _with_id(where: str, identifier: object) -> str:
    """Keep the line's own ``id`` in its name, so results can be joined back to the dataset."""
    if isinstance(identifier, str | int) and not isinstance(identifier, bool) and str(identifier):
        return f"{where}&id={quote(str(identifier), safe='')}"
    return where


def _date(record: dict[str, Any], where: str) -> dt.date | None:
    """The first ISO date among the date fields; a malformed one is logged and ignored, since the
    article is still worth reading without it."""
    for key in DATE_FIELDS:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            log.warning("%s: ignoring %s=%r, which is not an ISO 8601 date", where, key, value[:40])
    return None
