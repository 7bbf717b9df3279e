"""Ingest on a Dask cluster: a local one (``--workers N``) or a running scheduler (``--scheduler URL``).

The client reads the sources (cheap: bytes, no parsing) and ships partitions of raw items; each worker
converts and runs the same :func:`~marsad.scale.batch.process_batch` as the single-process path, with a
pipeline loaded once per worker by :class:`PipelinePlugin`, and returns plain rows. The client writes the
rows in submission order, as the single writer a SQLite store needs, so the stored articles are the ones
a single-process run stores. With a server database (PostgreSQL) the workers write their own batches and
return counts only; the first copy of a duplicated article is then whichever worker commits first.

Reading on the client means workers need no access to the input files, only to the package; the price
is the client's bandwidth (a few MB/s at these rates). See ``docs/scale.md`` for Slurm/PBS/Kubernetes.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, get_worker
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from marsad.api import convert, default_pipeline
from marsad.pipeline import Pipeline
from marsad.read.convert import ReadOptions
from marsad.read.raw import MediaKind, RawItem, Rejected
from marsad.resources import load_yaml
from marsad.scale.batch import (
    DEFAULT_BATCH_SIZE,
    Batch,
    IngestSummary,
    Progress,
    StoredCheck,
    Written,
    chunked,
    process_batch,
    stored_in,
    write_batch,
)
from marsad.scale.interrupt import StopFlag, children_ignore_interrupt, stop_on_interrupt
from marsad.scale.rows import DocumentRow, RejectedRow, document_from_json, rejected_from_row, rejected_row
from marsad.store.database import Store

PLUGIN_NAME = "marsad-pipeline"
DEFAULT_PARTITION_SIZE = 100
"""Raw items per task: enough that scheduling costs nothing next to the work (seconds per task), few
enough that the last tasks of a run keep every worker busy and Ctrl-C answers promptly."""
DEFAULT_PARTITION_BYTES = 8_000_000
"""Payload per task, at most about: the scheduler holds the partitions in flight (two per worker) and
hands each to the next free worker, so smaller partitions of heavy pages also balance better."""

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Where to run: ``workers`` local processes, or the cluster behind ``scheduler`` (tcp://host:port)."""

    workers: int = 2
    scheduler: str | None = None
    partition_size: int = DEFAULT_PARTITION_SIZE
    partition_bytes: int = DEFAULT_PARTITION_BYTES


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline (and opens the store, when the worker can reach it) once per worker process."""

    name = PLUGIN_NAME

    def __init__(self, lang: str | None, store_url: str | None) -> None:
        self.lang = lang
        self.store_url = store_url
        self.pipeline: Pipeline | None = None
        self.store: Store | None = None

    def setup(self, worker: Worker) -> None:
        self.pipeline = default_pipeline(lang=self.lang)
        warm_up(self.pipeline)
        self.store = _open_reachable(self.store_url)

    def teardown(self, worker: Worker) -> None:
        if self.store is not None:
            self.store.close()

    @property
    def is_stored(self) -> StoredCheck | None:
        return stored_in(self.store) if self.store is not None else None


def warm_up(pipeline: Pipeline) -> None:
    """Run the shipped warm-up inputs through reader and pipeline, loading every lazy resource now."""
    for number, entry in enumerate(load_yaml("marsad.scale", "warmup.yaml")["items"]):
        media: MediaKind = "html" if entry["media"] == "html" else "text"
        item = RawItem(origin=f"warm-up#{number}", data=entry["text"].encode("utf-8"), media=media)
        doc = convert(item, None)
        if not isinstance(doc, Rejected):
            pipeline(doc)


def _open_reachable(url: str | None) -> Store | None:
    """The store at ``url`` if this worker can see it; a SQLite file that is not here is not created."""
    if url is None:
        return None
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).is_file()):
        log.warning("store %s is not reachable from this worker; duplicates are skipped at write time", url)
        return None
    return Store(url)


@dataclass(slots=True)
class PartitionRows:
    """What a worker returns for one partition: plain rows and counts."""

    read: int = 0
    duplicates: int = 0
    documents: list[DocumentRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    written: Written | None = None
    """Set when the worker wrote the partition itself (server database); ``documents`` is then empty."""


def run_partition(
    items: list[RawItem | Rejected], options: ReadOptions | None, batch_size: int, write: bool
) -> PartitionRows:
    """The task each worker runs: convert, drop stored articles, run the stages, return rows (or write)."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, PipelinePlugin) and plugin.pipeline is not None
    converted = (item if isinstance(item, Rejected) else convert(item, options) for item in items)
    store = plugin.store if write else None
    rows = PartitionRows(written=Written() if store is not None else None)
    for chunk in chunked(converted, batch_size):
        batch = process_batch(chunk, plugin.pipeline, plugin.is_stored)
        rows.read += batch.read
        rows.duplicates += batch.duplicates
        rows.rejected.extend(rejected_row(item) for item in batch.rejected)
        if store is not None and rows.written is not None:
            rows.written = _add(rows.written, _write_concurrently(store, batch))
        else:
            rows.documents.extend(doc.to_json() for doc in batch.documents)
    return rows


def _write_concurrently(store: Store, batch: Batch) -> Written:
    """One transaction per batch; when another worker stored one of its articles meanwhile (a unique-key
    clash), each document gets its own transaction so only the clashing one is skipped."""
    try:
        return write_batch(store, batch.documents, batch.rejected)
    except IntegrityError:
        written = write_batch(store, [], batch.rejected)
        for doc in batch.documents:
            try:
                written = _add(written, write_batch(store, [doc], []))
            except IntegrityError:
                written = _add(written, Written(duplicates=1))
        return written


def _add(a: Written, b: Written) -> Written:
    return Written(a.new + b.new, a.duplicates + b.duplicates, a.events + b.events)


class _Writer:
    """The client side: writes each partition's rows in order and keeps the running summary."""

    def __init__(self, store: Store, on_progress: Progress | None) -> None:
        self.store = store
        self.on_progress = on_progress
        self.summary = IngestSummary()
        self.started = time.monotonic()

    def take(self, rows: PartitionRows) -> None:
        rejected = [rejected_from_row(row) for row in rows.rejected]
        documents = [document_from_json(row) for row in rows.documents]
        written = rows.written
        if written is None:
            written = write_batch(self.store, documents, rejected)
        self.summary.record(Batch(documents, rejected, rows.read, rows.duplicates), written)
        self.summary.seconds = time.monotonic() - self.started
        if self.on_progress is not None:
            self.on_progress(self.summary)

    def finish(self, stop: StopFlag) -> IngestSummary:
        self.summary.seconds = time.monotonic() - self.started
        self.summary.interrupted = stop.requested
        return self.summary


def ingest_on_cluster(
    items: Iterable[RawItem | Rejected],
    store: Store,
    cluster: ClusterOptions,
    *,
    options: ReadOptions | None = None,
    lang: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Stream raw ``items`` through the cluster into ``store``; Ctrl-C stops after the partition in hand.

    The summary's ``seconds`` start once every worker has loaded its pipeline (start-up excluded).
    """
    direct = make_url(store.url).get_backend_name() != "sqlite"
    with stop_on_interrupt() as stop, _connect(cluster) as client:
        client.register_plugin(PipelinePlugin(lang, store.url), name=PLUGIN_NAME)
        writer = _Writer(store, on_progress)  # the clock starts once the workers are ready
        window = 2 * max(len(client.scheduler_info()["workers"]), 1)
        pending: deque[Future[PartitionRows]] = deque()
        try:
            for part in partitions(items, cluster.partition_size, cluster.partition_bytes):
                if stop.requested:
                    break
                pending.append(client.submit(run_partition, part, options, batch_size, direct, pure=False))
                if len(pending) >= window:
                    writer.take(pending.popleft().result())
            while pending and not stop.requested:
                writer.take(pending.popleft().result())
        except KeyboardInterrupt:  # a second Ctrl-C: written partitions stay committed
            stop.request()
        client.cancel(list(pending))  # type: ignore[no-untyped-call]
        summary = writer.finish(stop)
    return summary


def partitions(
    items: Iterable[RawItem | Rejected], size: int, max_bytes: int
) -> Iterator[list[RawItem | Rejected]]:
    """Consecutive partitions of at most ``size`` items and about ``max_bytes`` of payload: pages weigh
    a hundred times more than text articles, and a partition travels through the scheduler."""
    part: list[RawItem | Rejected] = []
    weight = 0
    for item in items:
        part.append(item)
        weight += len(item.sample) if isinstance(item, Rejected) else len(item.data) + len(item.text or "")
        if len(part) >= size or weight >= max_bytes:
            yield part
            part, weight = [], 0
    if part:
        yield part


@contextmanager
def _connect(cluster: ClusterOptions) -> Iterator[Client]:
    if cluster.scheduler is not None:
        with Client(cluster.scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with children_ignore_interrupt():
        local = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=cluster.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    with local, Client(local) as client:  # type: ignore[no-untyped-call]
        yield client
