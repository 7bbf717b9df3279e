"""Rows cross process boundaries; the document rebuilt from its JSON must serialise to the same JSON."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from marsad.api import default_pipeline, read
from marsad.document import Dateline, Document, Paragraph, Place, Source, Span
from marsad.read.raw import Rejected
from marsad.scale.rows import document_from_json, rejected_from_row, rejected_row
from tests.conftest import EXAMPLES


def test_pipeline_output_survives_the_round_trip() -> None:
    pipeline = default_pipeline()
    documents = [pipeline(doc) for doc in read(str(EXAMPLES)) if isinstance(doc, Document)]
    assert documents
    for doc in documents:
        data = doc.to_json()
        rebuilt = document_from_json(pickle.loads(pickle.dumps(data)))
        assert rebuilt.to_json() == data
        assert (rebuilt.id, rebuilt.hash) == (doc.id, doc.hash)


def test_rejected_round_trip() -> None:
    rejected = Rejected("a.warc.gz#record=3", "not HTML", "I203", b"\x00\x01")
    assert rejected_from_row(pickle.loads(pickle.dumps(rejected_row(rejected)))) == rejected


texts = st.text(min_size=1, max_size=60)
maybe_texts = st.none() | texts
dates = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
places = st.builds(
    Place,
    name=texts,
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    country=st.none() | st.sampled_from(["SY", "YE", "SD"]),
    name_ar=maybe_texts,
    geonames_id=st.none() | st.integers(1, 10**8),
    admin1=maybe_texts,
    feature=maybe_texts,
)
plain: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
rows = st.lists(st.dictionaries(texts, plain, max_size=4), max_size=3)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(st.text(min_size=1, max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    paragraphs = [
        Paragraph(a, b, draw(st.none() | st.sampled_from(["ar", "en"])))
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    dateline = draw(
        st.none()
        | st.builds(
            Dateline,
            text=texts,
            place_name=texts,
            agency=maybe_texts,
            span=st.none() | st.just(Span.of(text, 0, min(len(text), 5))),
            place=st.none() | places,
        )
    )
    return Document(
        text=text,
        source=draw(st.builds(Source, origin=texts, url=maybe_texts, site=maybe_texts, agency=maybe_texts)),
        title=draw(maybe_texts),
        language=draw(st.sampled_from(["ar", "en", "und"])),
        paragraphs=paragraphs,
        published=draw(dates),
        published_from=draw(st.sampled_from(["html", "text", "none"])),
        reference_date=draw(dates),
        author=draw(maybe_texts),
        dateline=dateline,
        country=draw(st.none() | st.sampled_from(["SY", "IQ"])),
        entities=draw(rows),
        places=draw(rows),
        claims=draw(rows),
        events=draw(rows),
        provenance=draw(st.dictionaries(texts, texts, max_size=3)),
    )


@given(documents())
def test_any_document_survives_the_round_trip(doc: Document) -> None:
    data = doc.to_json()
    assert document_from_json(pickle.loads(pickle.dumps(data))).to_json() == data
