"""The library API that the CLI, the web API and Dask workers all call.

``read`` turns any source into documents (or rejections, never exceptions); ``extract`` reads one
article and runs the pipeline on it; ``ingest`` streams many sources into a store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from marsad.document import Document
from marsad.errors import InputError
from marsad.language.stage import LanguageStage
from marsad.pipeline import Pipeline
from marsad.read.convert import ReadOptions, to_document
from marsad.read.fetch import FetchPolicy
from marsad.read.quarantine import reject
from marsad.read.raw import RawItem, Rejected
from marsad.read.sources import iter_source
from marsad.scale.batch import DEFAULT_BATCH_SIZE, IngestSummary, Progress, ingest_items
from marsad.store.database import Store
from marsad.understand.claims import ClaimsStage
from marsad.understand.entities.stage import EntitiesStage
from marsad.understand.entities.tagging import NerStage
from marsad.understand.events.stage import EventsStage
from marsad.understand.places.stage import PlacesStage

log = logging.getLogger(__name__)

__all__ = ["IngestSummary", "Progress", "convert", "default_pipeline", "extract", "ingest", "read"]


def default_pipeline(*, lang: str | None = None) -> Pipeline:
    """The stages every article goes through, in order. ``lang`` forces the document language."""
    return Pipeline(
        [LanguageStage(forced=lang), NerStage(), PlacesStage(), EntitiesStage(), ClaimsStage(), EventsStage()]
    )


def read(
    source: str,
    *,
    options: ReadOptions | None = None,
    fetch_policy: FetchPolicy | None = None,
    follow_feed_links: bool = False,
) -> Iterator[Document | Rejected]:
    """Documents from a file, folder, archive, feed, URL or ``-``; inputs that fail come as ``Rejected``."""
    for item in iter_source(source, fetch_policy=fetch_policy, follow_feed_links=follow_feed_links):
        yield item if isinstance(item, Rejected) else convert(item, options)


def convert(item: RawItem, options: ReadOptions | None) -> Document | Rejected:
    """One raw item as a document, or as a rejection saying why it cannot be read."""
    try:
        return to_document(item, options)
    except InputError as exc:
        return reject(item.origin, exc.reason, exc.code, item.data)
    except Exception as exc:  # a reader bug must cost one input, not the batch: quarantine and log it
        log.exception("unexpected failure reading %s", item.origin)
        return reject(item.origin, f"unexpected {type(exc).__name__}: {exc}", "I999", item.data)


def extract(
    source: str,
    *,
    options: ReadOptions | None = None,
    lang: str | None = None,
    fetch_policy: FetchPolicy | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Read the first article of ``source`` and run the pipeline on it.

    Raises :class:`InputError` naming the input when it cannot be read.
    """
    for result in read(source, options=options, fetch_policy=fetch_policy):
        if isinstance(result, Rejected):
            raise InputError(result.origin, result.reason, code=result.code)
        return (pipeline or default_pipeline(lang=lang))(result)
    raise InputError(source, "no article found in this source", code="I012")


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    options: ReadOptions | None = None,
    lang: str | None = None,
    fetch_policy: FetchPolicy | None = None,
    follow_feed_links: bool = False,
    on_progress: Progress | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 0,
    scheduler: str | None = None,
) -> IngestSummary:
    """Stream every source into the store, one transaction per batch, skipping what it already has.

    With ``workers`` (local processes) or ``scheduler`` (a Dask scheduler's address) the stages run on
    a Dask cluster (``pip install "dask[distributed]"``); the stored result is the same.
    """
    if workers or scheduler:
        from marsad.scale.cluster import ClusterOptions, ingest_on_cluster

        raw = (
            item
            for source in sources
            for item in iter_source(source, fetch_policy=fetch_policy, follow_feed_links=follow_feed_links)
        )
        cluster = ClusterOptions(workers=workers, scheduler=scheduler)
        return ingest_on_cluster(
            raw, store, cluster, options=options, lang=lang, batch_size=batch_size, on_progress=on_progress
        )
    documents = (
        result
        for source in sources
        for result in read(
            source, options=options, fetch_policy=fetch_policy, follow_feed_links=follow_feed_links
        )
    )
    pipeline = default_pipeline(lang=lang)
    return ingest_items(documents, store, pipeline, batch_size=batch_size, on_progress=on_progress)
