"""The one container that flows through every stage: an article's text and everything read from it.

Like spaCy's ``Doc``, a :class:`Document` owns the text; everything found in it (paragraphs, the
dateline, later entities, claims and events) points back into it with :class:`Span` offsets, which are
code-point indexes into ``Document.text`` exactly as published. Nothing here normalises the text: stages
that need a normalised copy make their own and map offsets back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

DateSource = Literal["html", "feed", "jsonl", "warc", "text", "reference", "none"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut a span out of ``text``, so its text can never disagree with its offsets."""
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in the text by a tagger or a lexicon, before it is linked to an entity or a place.

    ``label`` is the finder's own category (``PERS``, ``ORG``, ``LOC``, ``MISC`` for the NER model);
    ``source`` says which finder produced it, so later stages can weigh their evidence.
    """

    start: int
    end: int
    text: str
    label: str
    source: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the body, with the language detected for it alone."""

    start: int
    end: int
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place in the contract's shape (GeoNames-style WGS84 coordinates)."""

    name: str
    lat: float
    lon: float
    country: str | None
    name_ar: str | None = None
    geonames_id: int | None = None
    admin1: str | None = None
    feature: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "geonames_id": self.geonames_id,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "feature": self.feature,
        }


@dataclass(slots=True)
class Dateline:
    """Where the story was filed ("BEIRUT (Reuters) -", "عمان:"): never where anything happened.

    ``span`` is set when the dateline stays inside the body text; a dateline printed on a line of its
    own is page furniture and is kept here only as ``text``.
    """

    text: str
    place_name: str
    agency: str | None = None
    span: Span | None = None
    place: Place | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.place_name,
            "raw": self.text,
            "agency": self.agency,
            "span": self.span.to_json() if self.span else None,
            "place": self.place.to_json() if self.place else None,
        }


@dataclass(slots=True)
class Source:
    """Where the article came from and who really wrote it."""

    origin: str
    url: str | None = None
    site: str | None = None
    syndicated_from: str | None = None
    syndication_note: str | None = None
    agency: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "url": self.url,
            "site": self.site,
            "syndicated_from": self.syndicated_from,
            "syndication_note": self.syndication_note,
            "agency": self.agency,
        }


_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with Unicode and whitespace normalised, so a re-published copy is a duplicate."""
    canonical = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """An article and everything the pipeline reads from it."""

    text: str
    source: Source
    title: str | None = None
    language: str = "und"
    paragraphs: list[Paragraph] = field(default_factory=list)
    published: dt.date | None = None
    published_from: DateSource = "none"
    reference_date: dt.date | None = None
    author: str | None = None
    dateline: Dateline | None = None
    country: str | None = None
    """ISO2 code of the country the article is mostly about, from its places; settles ambiguous names."""
    mentions: list[Mention] = field(default_factory=list)
    """Names found by the entity tagger; the places and entities stages link them."""
    entities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    """Stage name → version of the stage that filled this document in."""

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def id(self) -> str:
        """Stable identifier: the first 16 hex digits of the content hash."""
        return self.hash[:16]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def to_json(self) -> dict[str, Any]:
        """The output contract of ``marsad extract --json`` (``marsad/schema/output.schema.json``)."""
        return {
            "article": {
                "id": self.id,
                "title": self.title,
                "language": self.language,
                "published": self.published.isoformat() if self.published else None,
                "published_from": self.published_from,
                "reference_date": self.reference_date.isoformat() if self.reference_date else None,
                "country": self.country,
                "author": self.author,
                "dateline": self.dateline.to_json() if self.dateline else None,
                "source": self.source.to_json(),
                "paragraphs": [
                    {"start": p.start, "end": p.end, "language": p.language} for p in self.paragraphs
                ],
                "provenance": dict(self.provenance),
                "text": self.text,
            },
            "entities": list(self.entities),
            "places": list(self.places),
            "claims": list(self.claims),
            "events": list(self.events),
        }
