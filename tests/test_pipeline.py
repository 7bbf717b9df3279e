from __future__ import annotations

import pytest

from marsad.document import Document, Source
from marsad.errors import StageError
from marsad.pipeline import Pipeline


class Upper:
    name = "upper"
    version = "1"
    requires = frozenset({"text"})
    assigns = frozenset({"shout"})

    def __call__(self, doc: Document) -> Document:
        doc.title = doc.text.upper()
        return doc


class NeedsShout:
    name = "needs"
    version = "2"
    requires = frozenset({"shout"})
    assigns = frozenset({"done"})

    def __call__(self, doc: Document) -> Document:
        return doc


def _doc(text: str) -> Document:
    return Document(text=text, source=Source(origin="test"))


def test_chain_is_checked_when_built() -> None:
    with pytest.raises(StageError, match="requires"):
        Pipeline([NeedsShout(), Upper()])
    with pytest.raises(StageError, match="twice"):
        Pipeline([Upper(), Upper()])


def test_pipe_streams_in_batches_and_records_provenance() -> None:
    pipeline = Pipeline([Upper(), NeedsShout()])
    docs = list(pipeline.pipe((_doc(f"doc {i}") for i in range(7)), batch_size=3))
    assert [d.title for d in docs] == [f"DOC {i}" for i in range(7)]
    assert docs[0].provenance == {"upper": "1", "needs": "2"}


def test_document_id_ignores_whitespace_changes() -> None:
    assert _doc("a  b\n c").id == _doc("a b c").id
