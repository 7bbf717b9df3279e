"""The store on SQLite and PostgreSQL: articles once each, taken apart into rows, quarantine."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marsad.document import Document, Source
from marsad.errors import StoreError
from marsad.read.raw import Rejected
from marsad.store.database import Store, database_url
from marsad.store.models import (
    ActorRow,
    ArticlePlaceRow,
    ClaimRow,
    EntityRow,
    EventRow,
    FigureRow,
    PlaceRow,
    ReportRow,
)
from tests.store.documents import article


def _doc(text: str, url: str | None = None) -> Document:
    return Document(text=text, title="t", source=Source(origin="test", url=url))


def _count(store: Store, model: type[object]) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


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


def test_an_article_is_taken_apart_into_rows(store: Store) -> None:
    doc = article(1)
    with store.session() as session:
        assert store.add_document(session, doc)
    with store.session() as session:
        entities = {e.local_id: e for e in session.scalars(select(EntityRow))}
        assert set(entities) == {"n1", "n2"}
        army = session.get(ActorRow, entities["n1"].actor_id)
        assert army is not None and (army.kb_id, army.inter) == ("sy_military", 1)
        assert entities["n2"].actor_id is None
        place = session.scalars(select(PlaceRow)).one()
        assert (place.geonames_id, place.country, place.admin1) == (9000001, "SY", "Idlib")
        assert session.scalars(select(ArticlePlaceRow)).one().place_id == place.id
        claims = {c.local_id: c for c in session.scalars(select(ClaimRow))}
        assert claims["c1"].speaker_entity_id == entities["n1"].id
        assert (claims["c1"].direct, claims["c2"].direct, claims["c2"].cue_text) == (
            "indirect",
            "partial",
            None,
        )
        assert doc.text[claims["c1"].content_start : claims["c1"].content_end] == claims["c1"].content_text
        report = session.scalars(select(ReportRow)).one()
        assert report.event_json == doc.events[0] and report.evidence == doc.events[0]["evidence"]
        assert [(f.kind, f.count, f.claimant_kind) for f in report.figures] == [
            ("fatalities", 12, "military"),
            ("fatalities", 20, "ngo"),
        ]
        event = session.scalars(select(EventRow)).one()
        assert report.event_id == event.id
        assert event.actor2_id == army.id, "the event's actor is the entity's knowledge-base actor"
        rebels = session.get(ActorRow, event.actor1_id)
        assert rebels is not None and (rebels.kb_id, rebels.name, rebels.inter) == (None, "Northern Front", 2)
        assert (event.inter1, event.inter2, event.place_id, event.country, event.admin1) == (
            2,
            1,
            place.id,
            "SY",
            "Idlib",
        )
        assert (event.date, event.date_precision, event.geo_precision) == (dt.date(2024, 11, 30), "day", 1)
        assert (event.fatalities_best, event.fatalities_low, event.fatalities_high) == (12, 12, 20)


def test_articles_share_actors_and_places(store: Store) -> None:
    with store.session() as session:
        for n in range(3):
            store.add_document(session, article(n))
    assert (_count(store, ActorRow), _count(store, PlaceRow)) == (2, 1)
    # three articles reporting one clash: the merge stage links their reports into one event
    assert (_count(store, EntityRow), _count(store, EventRow), _count(store, FigureRow)) == (6, 1, 6)


def test_a_duplicate_writes_no_rows(store: Store) -> None:
    for _ in range(2):
        with store.session() as session:
            store.add_document(session, article(1))
    assert (store.count_articles(), store.count_events(), _count(store, ClaimRow)) == (1, 1, 2)


def test_broken_event_fields_do_not_lose_the_article(store: Store) -> None:
    doc = article(1)
    event = doc.events[0]
    event["date"] = {"value": "2024-13-45", "precision": "day"}
    event["location"] = {
        "text": "somewhere",
        "place": {"name": "Nowhere", "country": "Syria"},
        "precision": 2,
    }
    event["actor2"] = {"name": "A very long name " * 40, "type": "a type no one knows", "country": "Syria"}
    event["actor1"] = None
    doc.places.append({"id": "p2", "name": "Nowhere", "lat": None, "lon": None, "mentions": []})
    event["fatalities"] = [{"qualifier": "unknown", "evidence": event["evidence"][0]}]
    doc.events.append({"type": "protests", "subtype": "peaceful_protest", "evidence": []})
    with store.session() as session:
        assert store.add_document(session, doc)
    with store.session() as session:
        reports = list(session.scalars(select(ReportRow).order_by(ReportRow.id)))
        assert [(r.local_id, r.date, r.place_id, r.actor1_id, r.fatalities_best) for r in reports] == [
            ("e1", None, None, None, None),
            ("e#2", None, None, None, None),
        ]
        assert reports[0].country == "SY", "the article's country stands in for a place not located"
        actor = session.get(ActorRow, reports[0].actor2_id)
        assert actor is not None and (actor.country, actor.inter) == (None, None)
        assert session.scalars(select(ArticlePlaceRow.local_id)).all() == ["p1"]


def _naming(n: int, group: str) -> Document:
    doc = article(n)
    doc.events[0]["actor1"] = {"name": group, "type": "rebel_group", "country": "SY", "entity": None}
    return doc


def test_concurrent_writers_naming_each_others_new_actors_do_not_deadlock(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite has one writer at a time: its transactions cannot interleave")
    store = Store(db_url)
    barrier = threading.Barrier(2, timeout=30)

    def writer(first: Document, second: Document) -> None:
        with store.session() as session:
            store.add_document(session, first)
            barrier.wait()  # both transactions are open, each holding an actor the other is about to name
            store.add_document(session, second)

    with ThreadPoolExecutor(2) as pool:
        futures = [
            pool.submit(writer, _naming(1, "Group X"), _naming(2, "Group Y")),
            pool.submit(writer, _naming(3, "Group Y"), _naming(4, "Group X")),
        ]
        for future in futures:
            future.result(timeout=60)
    assert (store.count_articles(), _count(store, ActorRow)) == (4, 3)
    store.close()


def test_database_urls() -> None:
    assert database_url("postgresql://u@db.local/marsad", None) == "postgresql+psycopg://u@db.local/marsad"
    assert database_url("postgresql+psycopg://u@h/m", None) == "postgresql+psycopg://u@h/m"
    assert database_url("/tmp/x.sqlite", None) == "sqlite:////tmp/x.sqlite"


def test_other_databases_are_refused() -> None:
    with pytest.raises(StoreError, match="only SQLite and PostgreSQL"):
        Store("mysql+pymysql://u@127.0.0.1/marsad")
