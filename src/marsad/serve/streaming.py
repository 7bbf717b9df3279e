"""Stream a store export to an HTTP client as it is written, in bounded memory.

The store's exporters write to a binary file; here that file is a queue read by the response, filled by a
thread running the export. The queue is short, so a slow client slows the export down rather than the
export filling memory, and a client that goes away stops it.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from marsad.store.database import Store
from marsad.store.export import EventFilter, export

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
_WAIT = 0.2


class _Cancelled(Exception):
    """The client went away: the export thread stops writing."""


class _QueueFile(io.RawIOBase):
    """A write-only file whose writes go to a queue; ``tell`` counts bytes, as Parquet writers need."""

    def __init__(self, chunks: queue.Queue[bytes | None], cancelled: threading.Event) -> None:
        self.chunks = chunks
        self.cancelled = cancelled
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, b: ReadableBuffer, /) -> int:
        chunk = bytes(b)
        put(self.chunks, chunk, self.cancelled)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position


def put(chunks: queue.Queue[bytes | None], item: bytes | None, cancelled: threading.Event) -> None:
    """Put ``item``, waiting for room, unless the reader has gone."""
    while not cancelled.is_set():
        try:
            chunks.put(item, timeout=_WAIT)
            return
        except queue.Full:
            continue
    raise _Cancelled


def stream_export(store: Store, fmt: str, filters: EventFilter) -> Iterator[bytes]:
    """The export's bytes, chunk by chunk, while a thread writes them."""
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
    cancelled = threading.Event()

    def produce() -> None:
        try:
            with io.BufferedWriter(_QueueFile(chunks, cancelled), CHUNK) as out:
                export(store, fmt, out, filters)
        except _Cancelled:
            return
        except Exception:  # headers are sent: the client sees a cut-off file, the log says why
            log.exception("export to %s failed part way", fmt)
        try:
            put(chunks, None, cancelled)
        except _Cancelled:
            return

    thread = threading.Thread(target=produce, name="marsad-export", daemon=True)
    thread.start()
    try:
        while (chunk := chunks.get()) is not None:
            yield chunk
    finally:
        cancelled.set()
