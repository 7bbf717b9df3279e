"""Rejection codes of the input containers, and the one way to build a :class:`Rejected`.

Every code here is stable and searchable (``[I203]`` in a log finds this table). Codes ``I0xx`` belong to
the converters; the containers use:

    I101  URL cannot be fetched: not http(s), malformed, or no host
    I102  URL's host is, or resolves to, a loopback/private/link-local/reserved address (refused)
    I103  URL's host does not resolve
    I104  too many redirects, or a redirect without a usable Location
    I105  response or decompressed body is larger than the limit
    I106  HTTP error status
    I107  network failure or timeout
    I108  response content type is not text (image, PDF, …)
    I201  WARC data is corrupt (bad header or compressed stream)
    I202  WARC archive is truncated
    I203  WARC record cannot be used: too large, or its content encoding cannot be decoded
    I211  feed cannot be parsed at all
    I212  feed item has no text, and its page could not be fetched
    I221  JSON line is broken (not JSON, not an object, not UTF-8)
    I222  JSON line has neither ``text`` nor ``html``
    I231  path missing or unreadable
    I232  file larger than the limit
    I233  binary file
    I234  empty file
    I235  gzip file is corrupt or truncated
"""

from __future__ import annotations

from marsad.read.raw import Rejected

SAMPLE_BYTES = 512
"""How much of a rejected input is kept: enough to recognise it, small enough for a quarantine table."""


def reject(origin: str, reason: str, code: str, data: bytes | str = b"") -> Rejected:
    """A :class:`Rejected` whose sample is the first bytes of ``data`` (encoded as UTF-8 when text)."""
    raw = data[:SAMPLE_BYTES].encode("utf-8", "replace") if isinstance(data, str) else data
    return Rejected(origin, reason, code, sample=bytes(raw[:SAMPLE_BYTES]))
