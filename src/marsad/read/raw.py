"""What a container (folder, archive, feed, JSON lines, URL) hands to the converters.

Containers only unpack; converters (``html``, ``text``) turn a payload into a document. Keeping the two
apart lets a WARC record, a feed item and a file on disk share one conversion path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

MediaKind = Literal["html", "text", "unknown"]


@dataclass(frozen=True, slots=True)
class RawItem:
    """One article-sized payload, as received, with whatever its container said about it."""

    origin: str
    """Human-readable name of the input: a path, ``file.warc.gz#record=12``, a URL, ``stdin``."""
    data: bytes
    media: MediaKind = "unknown"
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    """Where ``published`` came from: ``feed``, ``jsonl``, ``warc``, ``http``."""
    declared_encoding: str | None = None
    """Charset named by the container (HTTP header, feed), a hint that decoding checks."""
    text: str | None = None
    """Already-decoded text, when the container holds text rather than bytes (JSON lines, feeds)."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that cannot become a document: it goes to quarantine with its reason."""

    origin: str
    reason: str
    code: str = "I000"
    sample: bytes = b""
    """The first bytes of the input, kept so nothing is lost and the failure can be inspected."""


ReadItem = RawItem | Rejected
