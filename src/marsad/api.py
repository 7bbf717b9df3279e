"""The library API that the CLI, the web API and Dask workers all call.

``read`` turns any source into documents (or rejections, never exceptions); ``extract`` reads one
article and runs the pipeline on it; ``ingest`` streams many sources into a store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from marsad.document import Document
from marsad.errors import InputError
from marsad.language.stage import LanguageStage
from marsad.pipeline import Pipeline
from marsad.read.convert import ReadOptions, to_document
from marsad.read.fetch import FetchPolicy
from marsad.read.quarantine import reject
from marsad.read.raw import RawItem, Rejected
from marsad.read.sources import iter_source
from marsad.store.database import Store
from marsad.understand.claims import ClaimsStage
from marsad.understand.entities.stage import EntitiesStage
from marsad.understand.entities.tagging import NerStage
from marsad.understand.places.stage import PlacesStage

log = logging.getLogger(__name__)


def default_pipeline(*, lang: str | None = None) -> Pipeline:
    """The stages every article goes through, in order. ``lang`` forces the document language."""
    return Pipeline([LanguageStage(forced=lang), NerStage(), PlacesStage(), EntitiesStage(), ClaimsStage()])


def read(
    source: str,
    *,
    options: ReadOptions | None = None,
    fetch_policy: FetchPolicy | None = None,
    follow_feed_links: bool = False,
) -> Iterator[Document | Rejected]:
    """Documents from a file, folder, archive, feed, URL or ``-``; inputs that fail come as ``Rejected``."""
    for item in iter_source(source, fetch_policy=fetch_policy, follow_feed_links=follow_feed_links):
        yield item if isinstance(item, Rejected) else _convert(item, options)


def _convert(item: RawItem, options: ReadOptions | None) -> Document | Rejected:
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


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did; ``read`` counts every input seen, good or bad."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    rejections: list[Rejected] = field(default_factory=list)


Progress = Callable[[IngestSummary], None]


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    options: ReadOptions | None = None,
    lang: str | None = None,
    fetch_policy: FetchPolicy | None = None,
    follow_feed_links: bool = False,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Stream every source into the store, one transaction per document, skipping what it already has."""
    pipeline = default_pipeline(lang=lang)
    summary = IngestSummary()
    for source in sources:
        for result in read(
            source, options=options, fetch_policy=fetch_policy, follow_feed_links=follow_feed_links
        ):
            summary.read += 1
            _ingest_one(result, store, pipeline, summary)
            if on_progress is not None:
                on_progress(summary)
    return summary


def _ingest_one(
    result: Document | Rejected, store: Store, pipeline: Pipeline, summary: IngestSummary
) -> None:
    with store.session() as session:
        if isinstance(result, Rejected):
            summary.quarantined += 1
            summary.rejections.append(result)
            store.add_rejected(session, result)
        elif store.find_duplicate(session, result.hash, result.source.url) is not None:
            summary.duplicates += 1
        else:
            store.add_document(session, pipeline(result))
            summary.new += 1
