from __future__ import annotations

from pathlib import Path

from marsad.document import Document, Source
from marsad.read.raw import Rejected
from marsad.store.database import Store


def _doc(text: str, url: str | None = None) -> Document:
    return Document(text=text, title="t", source=Source(origin="test", url=url))


def test_documents_are_stored_once(store: Store) -> None:
    with store.session() as session:
        assert store.add_document(session, _doc("one article", "https://example.org/a"))
        assert not store.add_document(session, _doc("one   article"))
        assert not store.add_document(session, _doc("other text", "https://example.org/a"))
    assert store.count_articles() == 1
    row = store.articles()[0]
    assert store.article(row.id) is not None
    assert row.document["article"]["text"] == "one article"


def test_store_survives_reopening(tmp_path: Path) -> None:
    first = Store.open(data_dir=tmp_path)
    with first.session() as session:
        first.add_document(session, _doc("kept"))
    first.close()
    again = Store.open(data_dir=tmp_path)
    assert again.count_articles() == 1
    assert Path(again.url.removeprefix("sqlite:///")).is_file()


def test_quarantine_keeps_reason_and_sample_once(store: Store) -> None:
    bad = Rejected("broken.html", "binary file", "I020", sample=b"\x00\x01")
    with store.session() as session:
        assert store.add_rejected(session, bad)
        assert not store.add_rejected(session, bad)
    rows = store.quarantine()
    assert [(r.origin, r.reason, r.sample) for r in rows] == [("broken.html", "binary file", b"\x00\x01")]
