"""Storing the test articles, and reading the grouping back as article names to compare with ``gold.yaml``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from marsad.document import Document
from marsad.store.database import Store
from marsad.store.models import ArticleRow, ReportRow
from tests.merge.conftest import GOLD, article_name

Grouping = frozenset[frozenset[str]]


def store_all(store: Store, documents: Iterable[Document]) -> None:
    """Store documents one transaction each, in the order given."""
    for doc in documents:
        with store.session() as session:
            store.add_document(session, doc)


def _reports(store: Store) -> list[tuple[str, ReportRow]]:
    with store.session() as session:
        rows = session.execute(
            select(ArticleRow.origin, ReportRow).join(ArticleRow).order_by(ReportRow.id)
        ).all()
        return [(article_name(origin), report) for origin, report in rows]


def main_events(store: Store) -> dict[str, int]:
    """Article name → event of its main report (the most confident; the first of equals)."""
    best: dict[str, ReportRow] = {}
    for name, report in _reports(store):
        kept = best.get(name)
        if kept is None or (report.confidence or 0) > (kept.confidence or 0):
            best[name] = report
    return {name: report.event_id for name, report in best.items() if report.event_id is not None}


def grouping(store: Store) -> Grouping:
    """Every report as ``article:local id``, grouped by event: independent of the event ids."""
    events: dict[int | None, set[str]] = defaultdict(set)
    for name, report in _reports(store):
        events[report.event_id].add(f"{name}:{report.local_id}")
    return frozenset(frozenset(members) for members in events.values())


def main_grouping(store: Store) -> Grouping:
    """The articles' main reports grouped by event, as article names."""
    events: dict[int, set[str]] = defaultdict(set)
    for name, event_id in main_events(store).items():
        events[event_id].add(name)
    return frozenset(frozenset(members) for members in events.values())


def gold_grouping() -> Grouping:
    events: dict[str, set[str]] = defaultdict(set)
    for name, label in GOLD.items():
        events[label].add(name)
    return frozenset(frozenset(members) for members in events.values())


def pairs(groups: Grouping) -> set[frozenset[str]]:
    """Every pair of articles put in one event."""
    return {frozenset((a, b)) for group in groups for a in group for b in group if a < b}
