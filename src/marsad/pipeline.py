"""The pipeline: ordered stages that each read some fields of a :class:`Document` and fill in others.

Stages declare what they ``requires`` and what they ``assigns``; :class:`Pipeline` checks that chain
when it is built, before any data flows, so a mis-ordered pipeline fails at start-up with a clear
message instead of producing half-filled documents. A stage may offer ``pipe(documents)`` to work on
batches (loading a model once, vectorising); otherwise the pipeline calls it one document at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol, runtime_checkable

from marsad.document import Document
from marsad.errors import StageError

READ_FIELDS = frozenset({"text", "title", "source", "published", "reference_date", "dateline", "paragraphs"})
"""Fields every document has once the reading step made it."""


@runtime_checkable
class Stage(Protocol):
    """One job in the pipeline. ``__call__`` fills in a document and returns it."""

    name: str
    version: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Runs stages in order; ``pipe`` streams documents through them in batches."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)
        self._check_chain()

    def _check_chain(self) -> None:
        available = set(READ_FIELDS)
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise StageError(f"stage {stage.name!r} appears twice in the pipeline", code="S001")
            seen.add(stage.name)
            missing = stage.requires - available
            if missing:
                raise StageError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns; "
                    "put the stages that assign them first",
                    code="S002",
                )
            available |= stage.assigns

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
            doc.provenance[stage.name] = stage.version
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Stream documents through every stage, ``batch_size`` at a time, keeping memory bounded."""
        iterator = iter(docs)
        while batch := list(islice(iterator, batch_size)):
            for stage in self.stages:
                batch = list(_run_batch(stage, batch))
            yield from batch


def _run_batch(stage: Stage, batch: list[Document]) -> Iterator[Document]:
    batch_pipe: Callable[[list[Document]], Iterable[Document]] | None = getattr(stage, "pipe", None)
    results = batch_pipe(batch) if batch_pipe is not None else (stage(doc) for doc in batch)
    for doc in results:
        doc.provenance[stage.name] = stage.version
        yield doc
