"""Unpack RSS and Atom feeds: one item per entry, from its page or from its own text.

With a fetch policy, each entry's link is fetched (through :mod:`marsad.read.fetch`, with all its checks)
because the page holds the full article; the feed's title and date are kept, since feeds date their
items more reliably than many pages do. Without one, or when the fetch fails, the entry's own content
or summary is the article. feedparser gets the bytes as a stream, never a string, because it treats a
string as a URL or file name to open.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import feedparser

from marsad.errors import InputError
from marsad.read.fetch import FetchPolicy, fetch
from marsad.read.quarantine import reject
from marsad.read.raw import MediaKind, RawItem, ReadItem

log = logging.getLogger(__name__)

_DATE_KEYS = ("published_parsed", "created_parsed", "updated_parsed")
"""Entry dates, best first: an update time is still close to the news, unlike no date at all."""


def iter_feed(data: bytes, origin: str, *, fetch_policy: FetchPolicy | None) -> Iterator[ReadItem]:
    """Items of the feed in ``data``, named ``<origin>#item=<n>``; relative links resolve against
    ``origin`` when it is a URL. A document that is not a feed at all yields one :class:`Rejected`."""
    try:
        parsed = _parse(data, origin)
    except InputError as exc:
        yield reject(origin, exc.reason, exc.code, data)
        return
    for number, entry in enumerate(parsed.get("entries", []), 1):
        yield _entry_item(entry, f"{origin}#item={number}", fetch_policy)


def _parse(data: bytes, origin: str) -> Any:
    """feedparser's result, or :class:`InputError` when the bytes are not a feed at all."""
    headers = {"content-location": origin} if origin.startswith(("http://", "https://")) else {}
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser is lenient but not total: hostile bytes must cost one input only
        raise InputError(origin, f"feed cannot be parsed ({type(exc).__name__}: {exc})", code="I211") from exc
    if not parsed.get("entries") and not parsed.get("version"):
        problem = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root element"
        raise InputError(origin, f"not an RSS or Atom feed ({problem})", code="I211")
    return parsed


def _entry_item(entry: Any, where: str, policy: FetchPolicy | None) -> ReadItem:
    link = _text(entry.get("link"))
    title = _text(entry.get("title"))
    published = _date(entry)
    failure = None
    if policy is not None and link:
        try:
            page = fetch(link, policy)
        except InputError as exc:
            failure = exc.reason
            log.warning("%s: using the feed's own text, fetching %s failed: %s", where, link, exc.reason)
        else:
            return replace(
                page, origin=where, title=title, published=published, published_from=_from(published)
            )
    body = _body(entry)
    if body is None:
        return reject(where, _no_text_reason(policy, link, failure), "I212", (title or link or "").encode())
    text, media = body
    return RawItem(
        origin=where,
        data=text.encode("utf-8", "replace"),
        media=media,
        url=link,
        title=title,
        published=published,
        published_from=_from(published),
        declared_encoding="utf-8",
        text=text,
    )


def _no_text_reason(policy: FetchPolicy | None, link: str | None, failure: str | None) -> str:
    if failure is not None:
        return f"feed item has no text of its own, and fetching its page failed: {failure}"
    if policy is None and link:
        return "feed item has no text of its own; follow feed links to fetch its page"
    return "feed item has no text of its own and no link"


def _body(entry: Any) -> tuple[str, MediaKind] | None:
    """The entry's longest content, else its summary; plain-text content stays text, the rest is HTML."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    usable = [c for c in candidates if _text(c.get("value"))]
    if not usable:
        return None
    best = max(usable, key=lambda c: len(c["value"]))
    media: MediaKind = "text" if best.get("type") == "text/plain" else "html"
    return best["value"], media


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _date(entry: Any) -> dt.date | None:
    for key in _DATE_KEYS:
        stamp = dict.get(entry, key)  # not entry.get: feedparser maps updated to published, with a warning
        if isinstance(stamp, time.struct_time):
            try:
                return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            except ValueError:
                continue
    return None


def _from(published: dt.date | None) -> str | None:
    return "feed" if published is not None else None
