"""Fatality estimates and the seam where the merge stage links reports to events."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.errors import StoreError
from marsad.store.database import Store
from marsad.store.events import attach_report, estimate
from marsad.store.models import EventRow, ReportRow
from tests.store.documents import article


@dataclass(frozen=True)
class Fig:
    count: int | None
    victims: str | None = None
    low: int | None = None
    high: int | None = None


def test_different_victims_add_up() -> None:
    assert estimate([Fig(12, "soldiers"), Fig(30, "rebel fighters")]).best == 42


def test_claimants_disagreeing_on_the_same_victims_give_the_lowest_and_the_spread() -> None:
    toll = estimate([Fig(20, "Soldiers"), Fig(12, "soldiers ")])
    assert (toll.best, toll.low, toll.high) == (12, 12, 20)


def test_a_toll_naming_no_victims_is_a_total() -> None:
    assert estimate([Fig(27), Fig(5, "children")]).best == 27
    assert estimate([Fig(3), Fig(5, "children"), Fig(4, "women")]).best == 9


def test_bounds_and_vague_figures() -> None:
    toll = estimate([Fig(None, low=20, high=30), Fig(None)])
    assert (toll.best, toll.low, toll.high) == (20, 20, 30)
    assert estimate([]).best is None


figures = st.lists(
    st.builds(
        Fig,
        count=st.integers(0, 10_000),
        victims=st.sampled_from([None, "civilians", "soldiers", "children"]),
        high=st.none() | st.integers(10_000, 20_000),
    ),
    max_size=8,
)


@given(figures, st.randoms())
def test_estimate_is_ordered_and_does_not_depend_on_order(figs: list[Fig], rnd: random.Random) -> None:
    toll = estimate(figs)
    shuffled = list(figs)
    rnd.shuffle(shuffled)
    assert estimate(shuffled) == toll
    if figs:
        assert toll.low is not None and toll.best is not None and toll.high is not None
        assert toll.low <= toll.best <= toll.high


def _reports(store: Store) -> list[ReportRow]:
    with store.session() as session:
        return list(session.scalars(select(ReportRow).order_by(ReportRow.id)))


def test_attaching_a_report_to_another_event_merges_them(store: Store) -> None:
    with store.session() as session:
        store.add_document(session, article(1, army_count=12, monitor_count=None))
        store.add_document(session, article(2, army_count=15, monitor_count=30))
    first, second = _reports(store)
    with store.session() as session:
        report = session.get(ReportRow, second.id)
        assert report is not None
        event = attach_report(session, report, first.event_id)
        assert event.id == first.event_id
    assert store.count_events() == 1, "the emptied event is gone"
    with store.session() as session:
        merged = session.scalars(select(EventRow)).one()
        assert [r.article_id for r in merged.reports] == [first.article_id, second.article_id]
        assert (merged.fatalities_best, merged.fatalities_low, merged.fatalities_high) == (12, 12, 30)


def test_a_report_split_off_gets_an_event_of_its_own(store: Store) -> None:
    with store.session() as session:
        store.add_document(session, article(1))
        store.add_document(session, article(2))
    first, second = _reports(store)
    with store.session() as session:
        report = session.get(ReportRow, second.id)
        assert report is not None
        attach_report(session, report, first.event_id)
        attach_report(session, report, None)
    assert store.count_events() == 2
    assert len({r.event_id for r in _reports(store)}) == 2


def test_attaching_to_a_missing_event_fails_clearly(store: Store) -> None:
    with store.session() as session:
        store.add_document(session, article(1))
    report = _reports(store)[0]
    with pytest.raises(StoreError, match="no event with id 999"), store.session() as session:
        attach_report(session, session.get(ReportRow, report.id) or report, 999)


def test_a_linker_decides_which_event_each_report_joins(db_url: str) -> None:
    def same_place_and_day(session: Session, report: ReportRow) -> int | None:
        query = select(EventRow.id).where(EventRow.place_id == report.place_id, EventRow.date == report.date)
        return session.scalar(query.order_by(EventRow.id).limit(1))

    store = Store(db_url, linker=same_place_and_day)
    with store.session() as session:
        for n in range(3):
            store.add_document(session, article(n, country="SY"))
        store.add_document(session, article(9, country="YE"))
    assert store.count_events() == 2
    with store.session() as session:
        sizes = sorted(len(e.reports) for e in session.scalars(select(EventRow)))
    assert sizes == [1, 3]
    store.close()
