"""Streaming batch ingest on a real SQLite store with the real pipeline: counts, copies, Ctrl-C and resume,
stage failures, bounded memory of the summary."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.api import default_pipeline, ingest, read
from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.scale.batch import KEPT_REJECTIONS, STAGE_FAILURE, IngestSummary, chunked, ingest_items
from marsad.store.database import Store
from tests.scale.conftest import write_news


def stored_ids(store: Store) -> set[str]:
    return {row.id for row in store.articles(limit=10_000)}


def test_counts_copies_and_quarantine(news: Path, store: Store) -> None:
    summary = ingest([str(news)], store, batch_size=4)
    assert (summary.read, summary.new, summary.duplicates, summary.quarantined) == (17, 12, 3, 2)
    assert summary.events >= 1 and summary.events == store.count_events()
    assert len(stored_ids(store)) == 12
    assert {row.code for row in store.quarantine()} == {"I234", "I233"}
    assert not summary.interrupted and summary.rate > 0


def test_copies_inside_one_batch_keep_the_first(tmp_path: Path, store: Store) -> None:
    folder = write_news(tmp_path / "in", 3, copies=3, broken=False)
    summary = ingest([str(folder)], store, batch_size=64)
    assert (summary.new, summary.duplicates) == (3, 3)
    origins = {row.origin for row in store.articles()}
    assert all("copy" not in origin for origin in origins)


def test_progress_after_every_batch(news: Path, store: Store) -> None:
    seen: list[tuple[int, int]] = []
    ingest([str(news)], store, batch_size=5, on_progress=lambda s: seen.append((s.read, s.new)))
    assert [read for read, _ in seen] == [5, 10, 15, 17]
    assert [new for _, new in seen] == sorted(new for _, new in seen)


def test_ctrl_c_commits_the_batch_then_a_rerun_resumes(news: Path, store: Store) -> None:
    def press_ctrl_c(summary: IngestSummary) -> None:
        if summary.read == 4:
            os.kill(os.getpid(), signal.SIGINT)

    handler = signal.getsignal(signal.SIGINT)
    first = ingest([str(news)], store, batch_size=4, on_progress=press_ctrl_c)
    assert first.interrupted and first.read == 4
    assert len(stored_ids(store)) == first.new == 4
    assert signal.getsignal(signal.SIGINT) is handler
    rest = ingest([str(news)], store, batch_size=4)
    assert not rest.interrupted
    assert (rest.new, rest.duplicates) == (8, 4 + 3)
    assert len(stored_ids(store)) == 12


class Interrupting:
    """A stage standing for a second Ctrl-C that lands while a batch is in the stages."""

    name, version = "interrupting", "1"
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()

    def __init__(self, after: int) -> None:
        self.left = after

    def __call__(self, doc: Document) -> Document:
        self.left -= 1
        if self.left < 0:
            raise KeyboardInterrupt
        return doc


def test_a_hard_interrupt_keeps_committed_batches(news: Path, store: Store) -> None:
    pipeline = Pipeline([*default_pipeline().stages, Interrupting(after=6)])
    summary = ingest_items(read(str(news)), store, pipeline, batch_size=4)
    assert summary.interrupted
    assert summary.new == 4 == len(stored_ids(store))  # the second batch was rolled back


class FailsOnTaiz:
    """A stage with a bug that only one kind of article triggers."""

    name, version = "fragile", "1"
    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        if "Taiz" in doc.text:
            raise ValueError("cannot cope with this one")
        return doc


def test_a_stage_failure_costs_only_its_document(news: Path, store: Store) -> None:
    pipeline = Pipeline([*default_pipeline().stages, FailsOnTaiz()])
    summary = ingest_items(read(str(news)), store, pipeline, batch_size=8)
    failed = [row for row in store.quarantine() if row.code == STAGE_FAILURE]
    assert len(failed) == 1 and "cannot cope" in failed[0].reason
    assert summary.new == 11 and summary.quarantined == 3
    stored = store.article(next(iter(stored_ids(store))))
    assert stored is not None and list(stored.document["article"]["provenance"]) == pipeline.names


def test_the_summary_keeps_only_the_last_rejections(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    for number in range(KEPT_REJECTIONS + 15):
        (folder / f"{number:03d}.txt").write_bytes(b"")
    summary = ingest([str(folder)], store)
    assert summary.quarantined == KEPT_REJECTIONS + 15
    assert len(summary.rejections) == KEPT_REJECTIONS
    assert summary.rejections[-1].origin.endswith(f"{KEPT_REJECTIONS + 14:03d}.txt")


@pytest.mark.parametrize("size", [1, 3, 64])
def test_chunked_reads_lazily(size: int) -> None:
    pulled: list[int] = []

    def numbers() -> Iterator[int]:
        for number in range(10):
            pulled.append(number)
            yield number

    chunks = chunked(numbers(), size)
    first = next(chunks)
    assert first == list(range(min(size, 10))) and len(pulled) == len(first)
    assert [n for chunk in [first, *chunks] for n in chunk] == list(range(10))
