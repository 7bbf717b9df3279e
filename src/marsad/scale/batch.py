"""Streaming batch ingest: documents in, batches through the pipeline, one transaction per batch.

Per batch: documents the store already has (same text hash or URL) are dropped *before* the stages run,
so a resumed or repeated run costs little; the rest go through :meth:`Pipeline.pipe`; then the batch is
written in one transaction. Nothing accumulates per document: the summary keeps counts and the last few
rejections, so memory stays flat however long the stream. The same :func:`process_batch` and
:func:`write_batch` serve the Dask path (:mod:`marsad.scale.cluster`), so both give identical stores.

Only the first-seen copy of an article is kept. Copies inside one batch are not dropped before the stages
(a store check is the only safe early drop when several workers see stale views of the store); the write
step, which runs in input order, turns the later copies away.
"""

from __future__ import annotations

import copy
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.read.quarantine import reject
from marsad.read.raw import Rejected
from marsad.scale.interrupt import stop_on_interrupt
from marsad.store.database import Store

DEFAULT_BATCH_SIZE = 64
"""Documents per batch: big enough to amortise a transaction, small enough that Ctrl-C answers quickly."""
STAGE_FAILURE = "S999"
"""Quarantine code of a document that a stage failed on (a bug to report, with the sample to reproduce it)."""
KEPT_REJECTIONS = 20
"""Rejections kept in the summary for display; the store's quarantine holds all of them."""

Item = Document | Rejected
StoredCheck = Callable[[Sequence[Document]], list[bool]]
"""For each document, whether the store already has it (by text hash or URL)."""
T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did so far; ``read`` counts every input seen, good or bad."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    events: int = 0
    seconds: float = 0.0
    """Wall-clock time since the run started."""
    interrupted: bool = False
    """True when Ctrl-C ended the run early; every batch counted here is committed."""
    rejections: deque[Rejected] = field(default_factory=lambda: deque(maxlen=KEPT_REJECTIONS))
    """The last :data:`KEPT_REJECTIONS` rejections (``quarantined`` counts them all)."""

    @property
    def rate(self) -> float:
        """Inputs read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def record(self, batch: Batch, written: Written) -> None:
        self.read += batch.read
        self.quarantined += len(batch.rejected)
        self.rejections.extend(batch.rejected)
        self.duplicates += batch.duplicates + written.duplicates
        self.new += written.new
        self.events += written.events


Progress = Callable[[IngestSummary], None]


@dataclass(slots=True)
class Batch:
    """A batch after the stages: documents to write, rejections to quarantine, copies already skipped."""

    documents: list[Document]
    rejected: list[Rejected]
    read: int
    duplicates: int
    """Documents dropped before the stages because the store already had them."""


@dataclass(frozen=True, slots=True)
class Written:
    """What writing one batch did."""

    new: int = 0
    duplicates: int = 0
    events: int = 0


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), reading the input lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def process_batch(items: Sequence[Item], pipeline: Pipeline, is_stored: StoredCheck | None) -> Batch:
    """Run the stages on the documents of ``items`` that the store does not have yet."""
    documents = [item for item in items if isinstance(item, Document)]
    rejected = [item for item in items if isinstance(item, Rejected)]
    known = is_stored(documents) if is_stored is not None and documents else [False] * len(documents)
    fresh = [doc for doc, stored in zip(documents, known, strict=True) if not stored]
    done, failed = run_stages(pipeline, fresh)
    return Batch(done, rejected + failed, read=len(items), duplicates=len(documents) - len(fresh))


def run_stages(pipeline: Pipeline, documents: list[Document]) -> tuple[list[Document], list[Rejected]]:
    """The documents through every stage as one batch; if a stage fails on one of them, each document is
    run again alone from a copy taken before the stages, and the failing ones are quarantined (``S999``)
    so that one odd article costs itself, not its batch or the run."""
    pristine = copy.deepcopy(documents)
    try:
        return list(pipeline.pipe(documents, batch_size=max(len(documents), 1))), []
    except Exception:
        log.warning("a stage failed in a batch of %d documents; running them one by one", len(documents))
    done: list[Document] = []
    failed: list[Rejected] = []
    for doc in pristine:
        try:
            done.append(pipeline(doc))
        except Exception as exc:
            log.exception("stage failure on %s", doc.source.origin)
            reason = f"a stage failed: {type(exc).__name__}: {exc}"
            failed.append(reject(doc.source.origin, reason, STAGE_FAILURE, doc.text))
    return done, failed


def stored_in(store: Store) -> StoredCheck:
    """A :data:`StoredCheck` against ``store``, one read transaction per batch.

    A bulk store method (one ``IN`` query for a batch of hashes and URLs) would replace the loop.
    """

    def check(documents: Sequence[Document]) -> list[bool]:
        with store.session() as session:
            return [store.find_duplicate(session, d.hash, d.source.url) is not None for d in documents]

    return check


def write_batch(store: Store, documents: Iterable[Document], rejected: Iterable[Rejected]) -> Written:
    """Write a batch in one transaction, in input order; a document the store already has is a duplicate."""
    new = duplicates = events = 0
    with store.session() as session:
        for item in rejected:
            store.add_rejected(session, item)
        for doc in documents:
            if store.add_document(session, doc):
                new += 1
                events += len(doc.events)
            else:
                duplicates += 1
    return Written(new, duplicates, events)


def ingest_items(
    items: Iterable[Item],
    store: Store,
    pipeline: Pipeline,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Stream ``items`` into ``store`` batch by batch; Ctrl-C stops after the current batch is committed.

    ``on_progress`` is called after every committed batch with the running summary.
    """
    summary = IngestSummary()
    started = time.monotonic()
    check = stored_in(store)
    with stop_on_interrupt() as stop:
        try:
            for chunk in chunked(items, batch_size):
                batch = process_batch(chunk, pipeline, check)
                summary.record(batch, write_batch(store, batch.documents, batch.rejected))
                summary.seconds = time.monotonic() - started
                if on_progress is not None:
                    on_progress(summary)
                if stop.requested:
                    break
        except KeyboardInterrupt:  # a second Ctrl-C: the open batch is rolled back, earlier ones stay
            stop.request()
    summary.seconds = time.monotonic() - started
    summary.interrupted = stop.requested
    return summary
