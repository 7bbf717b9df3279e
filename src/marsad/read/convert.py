"""Convert one :class:`RawItem` (bytes or text from any container) into a :class:`Document`.

Decoding, HTML extraction and page-dump splitting each do one job; this module picks the path for the
item's kind, assembles the body, and settles the metadata (which date, which site) with the precedence
documented on :func:`to_document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from marsad.document import DateSource, Document, Paragraph, Source
from marsad.errors import InputError
from marsad.read.assemble import Body, assemble_body
from marsad.read.decode import decode_bytes, repair_mojibake
from marsad.read.html import extract_html
from marsad.read.raw import RawItem
from marsad.read.text import split_page_dump

_CONTAINER_DATES: dict[str, DateSource] = {"feed": "feed", "jsonl": "jsonl", "warc": "warc"}
_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<meta")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the user told the reader: the date to resolve against, and limits."""

    reference_date: dt.date | None = None
    max_chars: int = 1_000_000
    """Longest body accepted; news articles are far shorter, so a longer one is a mis-read page."""


@dataclass(frozen=True, slots=True)
class _Parsed:
    title: str | None
    paragraphs: list[str]
    from_html: bool = False
    published: dt.date | None = None
    author: str | None = None
    site: str | None = None


def to_document(item: RawItem, options: ReadOptions | None = None) -> Document:
    """Read one item into a document, or raise :class:`InputError` saying why it cannot be read.

    Publication date precedence: the page's own date (HTML metadata), then the container's (feed item,
    JSON field, WARC record), then the user's ``--reference-date``. The reference date for resolving
    "yesterday" is the user's when given, else the publication date.
    """
    options = options or ReadOptions()
    if item.text is not None:
        text = repair_mojibake(item.text, item.origin)
    else:
        text = decode_bytes(item.data, item.origin, item.declared_encoding).text
    parsed = _parse(item, text)
    body = assemble_body(parsed.paragraphs, title=parsed.title, trim_edges=not parsed.from_html)
    if not body.text.strip():
        raise InputError(
            item.origin, "no article text found (the page holds only furniture or is empty)", code="I010"
        )
    if len(body.text) > options.max_chars:
        raise InputError(
            item.origin,
            f"article text is {len(body.text):,} characters, over the limit of {options.max_chars:,}; "
            "this is rarely one article (raise max_chars if it is)",
            code="I011",
        )
    published, published_from = _publication_date(parsed, item, options)
    return Document(
        text=body.text,
        title=parsed.title,
        source=_source(item, parsed, body),
        paragraphs=[Paragraph(start, end) for start, end in body.paragraphs],
        published=published,
        published_from=published_from,
        reference_date=options.reference_date or published,
        author=parsed.author,
        dateline=body.dateline,
    )


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(_HTML_START) or "<html" in head or "<body" in head


def _parse(item: RawItem, text: str) -> _Parsed:
    if item.media == "html" or (item.media == "unknown" and _looks_like_html(text)):
        page = extract_html(text, item.url)
        return _Parsed(
            title=page.title or item.title,
            paragraphs=page.paragraphs,
            published=page.published,
            author=page.author,
            site=page.site,
            from_html=True,
        )
    dump = split_page_dump(text, title=item.title)
    return _Parsed(title=dump.title, paragraphs=dump.paragraphs)


def _publication_date(
    parsed: _Parsed, item: RawItem, options: ReadOptions
) -> tuple[dt.date | None, DateSource]:
    if parsed.published is not None:
        return parsed.published, "html"
    if item.published is not None:
        return item.published, _CONTAINER_DATES.get(item.published_from or "", "feed")
    if options.reference_date is not None:
        return options.reference_date, "reference"
    return None, "none"


def _source(item: RawItem, parsed: _Parsed, body: Body) -> Source:
    syndication = body.syndication
    host = urlsplit(item.url).hostname if item.url else None
    site = parsed.site or host or (syndication.site if syndication else None)
    dateline_agency = body.dateline.agency if body.dateline else None
    return Source(
        origin=item.origin,
        url=item.url,
        site=site,
        syndicated_from=syndication.site if syndication else None,
        syndication_note=syndication.note if syndication else None,
        agency=(syndication.agency if syndication else None) or dateline_agency,
    )
