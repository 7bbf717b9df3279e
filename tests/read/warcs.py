"""Build WARC records byte by byte, as the WARC 1.1 standard lays them out, for reader tests."""

from __future__ import annotations


def http_response(body: bytes, content_type: str | None = "text/html; charset=UTF-8", status: str = "200 OK",
                  headers: tuple[str, ...] = ()) -> bytes:  # fmt: skip
    lines = [f"HTTP/1.1 {status}", *([f"Content-Type: {content_type}"] if content_type else []), *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def warc_record(
    kind: str, block: bytes, uri: str = "https://news.example/a", extra: tuple[str, ...] = ()
) -> bytes:
    content_type = {
        "response": "application/http; msgtype=response",
        "request": "application/http; msgtype=request",
    }
    headers = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Target-URI: {uri}",
        "WARC-Date: 2024-11-30T08:15:00Z",
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>",
        f"Content-Type: {content_type.get(kind, 'application/warc-fields')}",
        *extra,
        f"Content-Length: {len(block)}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
