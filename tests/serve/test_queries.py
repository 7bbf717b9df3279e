"""The store's read queries on SQLite and on a real PostgreSQL server, and the bbox parser."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.store.database import Store
from marsad.store.queries import (
    ArticleQuery,
    BBox,
    EventQuery,
    event_points,
    event_stats,
    find_actors,
    find_articles,
    find_events,
    find_places,
    load_article,
    load_event,
)
from tests.serve.seed import Seeded, seed


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Seeded]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'marsad.sqlite'}"
    else:
        url = str(request.getfixturevalue("postgres_cluster").url())
    store = Store(url)
    ids = seed(store)
    yield store, ids
    store.close()


def countries(store: Store, filters: EventQuery, **kwargs: object) -> list[str | None]:
    with store.session() as session:
        return [e.country for e in find_events(session, filters, **kwargs).items]  # type: ignore[arg-type]


def test_filters_and_text_search(seeded_db: tuple[Store, Seeded]) -> None:
    store, _ = seeded_db
    assert sorted(countries(store, EventQuery(text="الوادي"))) == ["SY", "SY"]
    assert countries(store, EventQuery(text="HARBOUR")) == ["YE"]
    assert countries(store, EventQuery(text="50%")) == []
    assert countries(store, EventQuery(bbox=BBox(170, 10, 45, 20))) == ["YE"]
    assert sorted(countries(store, EventQuery(actor="الجبهة"))) == ["SY", "YE"]
    assert countries(store, EventQuery(actor="99999999999")) == []
    assert countries(store, EventQuery(language="ar", min_fatalities=1)) == ["SY"]
    assert countries(store, EventQuery(country="ye", since=dt.date(2024, 12, 1))) == ["YE"]
    assert countries(store, EventQuery(historical=True)) == []
    assert len(countries(store, EventQuery(historical=False))) == 4


def test_sorting_puts_unknown_values_last(seeded_db: tuple[Store, Seeded]) -> None:
    store, _ = seeded_db
    with store.session() as session:
        page = find_events(session, EventQuery(), sort="-fatalities", limit=10)
        assert [e.fatalities_best for e in page.items] == [12, 5, 3, 3] and page.total == 4
        assert [e.date for e in find_events(session, EventQuery(), sort="date", limit=1).items] == [
            dt.date(2024, 11, 30)
        ]


def test_counts(seeded_db: tuple[Store, Seeded]) -> None:
    store, ids = seeded_db
    with store.session() as session:
        stats = event_stats(session, EventQuery(event_type="explosions_remote_violence"))
        assert (stats.events, stats.fatalities) == (2, 6)
        assert [(c.key, c.events) for c in stats.by_country] == [("SY", 2)]
        points = event_points(session, EventQuery(), limit=1)
        assert points.total == 4 and points.items[0].fatalities == 12
        places = find_places(session, country="SY")
        assert {(p.name, n) for p, n in places.items} == {("Maarrat Town", 1), ("Wadi Town", 2)}
        actors = find_actors(session, text="testland")  # one per country's army, by knowledge-base id
        assert actors.total == 2 and [n for _, n in actors.items] == [1, 1]
        articles = find_articles(session, ArticleQuery(language="en", since=dt.date(2024, 12, 1)))
        assert {a.id for a, _ in articles.items} == {ids.yemen, ids.hostile}


def test_an_event_and_an_article_load_with_their_parts(seeded_db: tuple[Store, Seeded]) -> None:
    store, ids = seeded_db
    with store.session() as session:
        parts = load_article(session, ids.syria)
        assert parts is not None and [c.local_id for c in parts.claims] == ["c1", "c2"]
        assert [link.local_id for link, _ in parts.places] == ["p1"] and len(parts.entities) == 2
        event_id = parts.reports[0].event_id
        assert event_id is not None
        event = load_event(session, event_id)
        assert event is not None and [len(r.figures) for r in event.reports] == [2]
        assert load_article(session, "missing") is None and load_event(session, 10**9) is None


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=4, max_size=4))
def test_bbox_parses_or_says_why(numbers: list[float]) -> None:
    text = ",".join(map(str, numbers))
    try:
        box = BBox.parse(text)
    except ValueError as exc:
        assert "bbox" in str(exc)
        return
    assert -180 <= box.min_lon <= 180 and -180 <= box.max_lon <= 180
    assert -90 <= box.min_lat <= box.max_lat <= 90


@given(st.text(max_size=40))
def test_bbox_rejects_any_other_text_with_a_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        BBox.parse(text)
