"""Turn whatever the user named (``-``, a URL, a folder, a file) into a stream of raw items.

A file is recognised by its name *and* its first bytes: names lie (``.html`` files that are PDFs, feeds
saved as ``.xml``) and content alone is ambiguous (JSON Lines of HTML). WARC and JSON Lines are streamed
however large; anything read whole (a page, a feed, a gzip of either) must fit in ``max_bytes``. The
knowledge (extensions, binary signatures, HTML and feed markers) lives in ``read/data/formats.yaml``.
"""

from __future__ import annotations

import io
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO, Literal

from marsad.errors import InputError, ResourceError
from marsad.read.feeds import iter_feed
from marsad.read.fetch import FetchPolicy, fetch
from marsad.read.gzipstream import MAGIC, GzipMembers, gunzip
from marsad.read.jsonl import PAYLOAD_FIELDS, iter_jsonl
from marsad.read.lexicon import load_yaml
from marsad.read.quarantine import reject
from marsad.read.raw import MediaKind, RawItem, ReadItem
from marsad.read.warc import iter_warc_stream

Kind = Literal["warc", "jsonl", "feed", "html", "text", "gzip", "binary", "empty"]

HEAD_BYTES = 1 << 16
"""How much of an input is looked at to recognise it."""
_HTML_WINDOW = 2048
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_TEXT_CONTROLS = b"\t\n\r\f\x1b"
_CONTROLS = bytes(b for b in [*range(32), 127] if b not in _TEXT_CONTROLS)
_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What an input looks like; ``detail`` names the format of a binary input."""

    kind: Kind
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class _Options:
    fetch_policy: FetchPolicy | None
    follow_feed_links: bool
    max_bytes: int

    @property
    def page_policy(self) -> FetchPolicy:
        return self.fetch_policy or FetchPolicy()

    @property
    def feed_policy(self) -> FetchPolicy | None:
        """Feed items' links are fetched only when asked: it multiplies the requests by the feed's size."""
        return self.page_policy if self.follow_feed_links else None


def iter_source(
    source: str,
    *,
    fetch_policy: FetchPolicy | None = None,
    follow_feed_links: bool = False,
    max_bytes: int = 50_000_000,
) -> Iterator[ReadItem]:
    """Raw items from ``source``: ``-`` (standard input), an http(s) URL (a feed is expanded), a folder
    (recursively, in name order, skipping hidden entries) or a file of any supported kind.

    Nothing raises: every input that cannot be read becomes a :class:`~marsad.read.raw.Rejected`.
    """
    options = _Options(fetch_policy, follow_feed_links, max_bytes)
    if source == "-":
        yield from _iter_stdin(options)
    elif scheme := _URL.match(source):
        if scheme.group(1).lower() in ("http", "https"):
            yield from _iter_url(source, options)
        else:
            yield reject(
                source, f"{scheme.group(1)}:// URLs are not supported; use http(s) or a path", "I101"
            )
    else:
        yield from _iter_path(Path(source), options, set())


def sniff(head: bytes, name: str = "") -> Sniffed:
    """Recognise an input from its first bytes (:data:`HEAD_BYTES` suffice) and its file name."""
    by_name = _kind_by_name(name)
    if not head:
        return Sniffed("empty")
    if by_name == "warc" or head.startswith(b"WARC/1."):
        return Sniffed("warc")
    if by_name == "jsonl":
        return Sniffed("jsonl")
    if head.startswith(MAGIC):
        return Sniffed("gzip")
    binary = _binary_format(head)
    if binary is not None:
        return Sniffed("binary", binary)
    if by_name == "html" or by_name == "text" or by_name == "feed":
        return Sniffed(by_name)
    text = _head_text(head)
    if _formats().feed_start.match(text):
        return Sniffed("feed")
    if _is_html(text):
        return Sniffed("html")
    if _is_jsonl(text):
        return Sniffed("jsonl")
    return Sniffed("text")


def _iter_stdin(options: _Options) -> Iterator[ReadItem]:
    if sys.stdin is None:
        yield reject("stdin", "there is no standard input to read", "I231")
        return
    yield from _iter_stream(sys.stdin.buffer, "stdin", "", options)


def _iter_stream(stream: BinaryIO, origin: str, name: str, options: _Options) -> Iterator[ReadItem]:
    """A pipe or other unseekable input: read whole, within ``max_bytes``."""
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as exc:
        yield reject(origin, f"cannot read: {exc.strerror or exc}", "I231")
        return
    if len(data) > options.max_bytes:
        yield _too_large(origin, f"is over {options.max_bytes:,} bytes", options, data)
        return
    yield from _iter_bytes(data, origin, name, options)


def _iter_url(url: str, options: _Options) -> Iterator[ReadItem]:
    try:
        page = fetch(url, options.page_policy)
    except InputError as exc:
        yield reject(url, exc.reason, exc.code)
        return
    # no file name: a URL's path says less than the Content-Type and the bytes do
    yield from _iter_bytes(
        page.data, url, "", options, url=page.url, declared=page.declared_encoding, media=page.media
    )


def _iter_path(path: Path, options: _Options, seen: set[tuple[int, int]]) -> Iterator[ReadItem]:
    try:
        status = path.stat()
    except FileNotFoundError:
        yield reject(str(path), f"no such file or folder: {path}", "I231")
        return
    except OSError as exc:
        yield reject(str(path), f"cannot read: {exc.strerror or exc}", "I231")
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _iter_dir(path, options, seen, (status.st_dev, status.st_ino))
    elif stat.S_ISREG(status.st_mode):
        yield from _iter_file(path, status.st_size, options)
    elif not seen:  # a pipe named on the command line, such as <(zcat feed.xml.gz)
        yield from _iter_special(path, options)
    else:
        yield reject(str(path), "not a regular file (a pipe, socket or device); skipped", "I231")


def _iter_dir(
    path: Path, options: _Options, seen: set[tuple[int, int]], identity: tuple[int, int]
) -> Iterator[ReadItem]:
    """Entries in name order, so runs are reproducible; a folder reached twice (a symlink loop) is
    read once."""
    if identity in seen:
        return
    seen.add(identity)
    try:
        children = sorted(path.iterdir(), key=lambda child: child.name)
    except OSError as exc:
        yield reject(str(path), f"cannot list folder: {exc.strerror or exc}", "I231")
        return
    for child in children:
        if not child.name.startswith("."):
            yield from _iter_path(child, options, seen)


def _iter_special(path: Path, options: _Options) -> Iterator[ReadItem]:
    try:
        with path.open("rb") as stream:
            yield from _iter_stream(stream, str(path), path.name, options)
    except OSError as exc:
        yield reject(str(path), f"cannot read: {exc.strerror or exc}", "I231")


def _iter_file(path: Path, size: int, options: _Options) -> Iterator[ReadItem]:
    origin = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield reject(origin, f"cannot read: {exc.strerror or exc}", "I231")
        return
    with stream:
        head = stream.read(HEAD_BYTES)
        sniffed = sniff(head, path.name)
        name = path.name
        if sniffed.kind == "gzip":
            name = _without_gz(name)
            sniffed = sniff(io.BufferedReader(GzipMembers(stream, 0)).read(HEAD_BYTES), name)
            if sniffed.kind not in ("warc", "jsonl"):
                sniffed = Sniffed("gzip")
        if sniffed.kind == "warc":
            stream.seek(0)
            yield from iter_warc_stream(stream, origin)
            return
        if sniffed.kind == "jsonl":
            yield from iter_jsonl(path, origin)
            return
        if size > options.max_bytes:
            yield _too_large(origin, f"is {size:,} bytes", options, head)
            return
        data = head + stream.read()
    yield from _iter_bytes(data, origin, path.name, options)


def _iter_bytes(
    data: bytes,
    origin: str,
    name: str,
    options: _Options,
    *,
    url: str | None = None,
    declared: str | None = None,
    media: MediaKind = "unknown",
) -> Iterator[ReadItem]:
    """An input held whole in memory: decompress if gzip (once), recognise, and hand to its reader."""
    sniffed = sniff(data[:HEAD_BYTES], name)
    if sniffed.kind == "gzip":
        try:
            data = gunzip(data, options.max_bytes)
        except ValueError as exc:
            yield reject(origin, f"gzip data cannot be read: {exc}", "I235", data)
            return
        sniffed = sniff(data[:HEAD_BYTES], _without_gz(name))
        if sniffed.kind == "gzip":
            sniffed = Sniffed("binary", "gzip inside gzip")
    if not data.strip():
        yield reject(origin, "empty" if not data else "empty (only blank space)", "I234", data)
    elif sniffed.kind == "binary":
        yield reject(origin, f"binary file (detected as {sniffed.detail})", "I233", data)
    elif sniffed.kind == "warc":
        yield from iter_warc_stream(io.BytesIO(data), origin)
    elif sniffed.kind == "jsonl":
        yield from iter_jsonl(io.BytesIO(data), origin)
    elif sniffed.kind == "feed":
        yield from iter_feed(data, url or origin, fetch_policy=options.feed_policy)
    else:
        kind: MediaKind = media if media != "unknown" else ("html" if sniffed.kind == "html" else "text")
        yield RawItem(origin=origin, data=data, media=kind, url=url, declared_encoding=declared)


def _too_large(origin: str, what: str, options: _Options, data: bytes) -> ReadItem:
    reason = (
        f"input {what}, over the limit of {options.max_bytes:,} bytes for one article; "
        "pass a larger max_bytes to read it anyway (WARC and JSON Lines files stream at any size)"
    )
    return reject(origin, reason, "I232", data)


def _without_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _kind_by_name(name: str) -> Kind | None:
    lowered = name.lower()
    return next((kind for ending, kind in _formats().extensions if lowered.endswith(ending)), None)


def _binary_format(head: bytes) -> str | None:
    """The binary format ``head`` starts with, or why it is binary anyway (NUL bytes, control codes)."""
    named = next((name for name, pattern in _formats().signatures if pattern.match(head)), None)
    if named is not None or any(head.startswith(bom) for bom, _ in _BYTE_ORDER_MARKS):
        return named
    if b"\x00" in head:
        return "unknown format, it holds NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if controls > _formats().max_control_ratio * len(head):
        return "unknown format, it is full of control codes"
    return None


def _head_text(head: bytes) -> str:
    """The head as lower-case text for marker matching, decoded by its byte-order mark if it has one."""
    codec = next((codec for bom, codec in _BYTE_ORDER_MARKS if head.startswith(bom)), "utf-8")
    return head.decode(codec, "ignore").lstrip("\ufeff \t\r\n").lower()


def _is_html(text: str) -> bool:
    window = text[:_HTML_WINDOW]
    return window.startswith("<") and any(marker in window for marker in _formats().html_markers)


def _is_jsonl(text: str) -> bool:
    """A first line that is an object with an article field: how a JSON Lines file starts."""
    first = text.split("\n", 1)[0]
    return first.startswith("{") and _formats().jsonl_field.search(first) is not None


@dataclass(frozen=True, slots=True)
class _Formats:
    extensions: tuple[tuple[str, Kind], ...]
    """(ending, kind), longest ending first."""
    signatures: tuple[tuple[str, re.Pattern[bytes]], ...]
    html_markers: tuple[str, ...]
    feed_start: re.Pattern[str]
    jsonl_field: re.Pattern[str]
    max_control_ratio: float


def _kind(name: str) -> Kind:
    kinds: tuple[Kind, ...] = ("warc", "jsonl", "feed", "html", "text")
    if name not in kinds:
        raise ResourceError(
            f"formats.yaml names an unknown kind {name!r} (known: {', '.join(kinds)})", code="R001"
        )
    return kinds[kinds.index(name)]


@cache
def _formats() -> _Formats:
    data = load_yaml("formats.yaml")
    endings = [
        (ending.lower(), _kind(kind)) for kind, items in data["extensions"].items() for ending in items
    ]
    roots = "|".join(re.escape(root.lower()) for root in data["feed_roots"])
    fields = "|".join(re.escape(field) for field, _ in PAYLOAD_FIELDS)
    return _Formats(
        extensions=tuple(sorted(endings, key=lambda pair: -len(pair[0]))),
        signatures=tuple(
            (name, re.compile(pattern.encode("ascii"), re.DOTALL))
            for name, pattern in data["binary_signatures"].items()
        ),
        html_markers=tuple(marker.lower() for marker in data["html_markers"]),
        feed_start=re.compile(rf"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*<(?:{roots})[\s>/]", re.DOTALL),
        jsonl_field=re.compile(rf'"(?:{fields})"\s*:'),
        max_control_ratio=float(data["max_control_ratio"]),
    )
