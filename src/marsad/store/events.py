"""Events and the reports linked to them: the seam where the merge stage plugs in.

Every article's reading of an event is a :class:`ReportRow`; an :class:`EventRow` is what the database
believes happened, summarised from all its reports. The merge stage (:func:`marsad.merge.link`, the
store's default linker) decides, report by report, which existing event it belongs to, and
:func:`attach_report` links it there. The summary is recomputed from the reports each time, so linking,
moving or unlinking a report never leaves an event disagreeing with its evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from marsad.errors import StoreError
from marsad.store.models import ActorRow, EventRow, ReportRow

Linker = Callable[[Session, ReportRow], int | None]
"""Finds the event a new report belongs to (its id), or None to give it an event of its own."""


def new_event(_session: Session, _report: ReportRow) -> int | None:
    """A linker that links nothing: every report is an event of its own (to compare with the merge)."""
    return None


class Figure(Protocol):
    """What a fatality estimate needs from a figure (a :class:`FigureRow` or a plain record)."""

    @property
    def count(self) -> int | None: ...
    @property
    def low(self) -> int | None: ...
    @property
    def high(self) -> int | None: ...
    @property
    def victims(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Estimate:
    best: int | None = None
    low: int | None = None
    high: int | None = None


def _total(named: Iterable[int], unnamed: int | None) -> int | None:
    """Victim groups add up ("12 soldiers and 30 rebels"); a toll naming no victims is a total of its own."""
    values = list(named)
    if not values:
        return unnamed
    return max(sum(values), unnamed or 0)


def estimate(figures: Sequence[Figure]) -> Estimate:
    """One report's fatalities from its figures, ACLED-style: conservative where sources disagree.

    Figures for the same victims from different claimants (the army says 12 soldiers, a monitor 20) give
    the lowest as ``best`` and the spread as ``low``/``high``; figures for different victims add up.
    """
    groups: dict[str | None, list[tuple[int, int, int]]] = {}
    for figure in figures:
        best = figure.count if figure.count is not None else figure.low
        if best is None:
            continue
        low = figure.low if figure.low is not None else best
        high = figure.high if figure.high is not None else best
        victims = (figure.victims or "").strip().casefold() or None
        groups.setdefault(victims, []).append((best, low, high))
    if not groups:
        return Estimate()
    unnamed = groups.pop(None, [])

    def column(index: int, pick: Callable[[Iterable[int]], int]) -> int | None:
        named = (pick(values[index] for values in group) for group in groups.values())
        return _total(named, pick(v[index] for v in unnamed) if unnamed else None)

    return Estimate(best=column(0, min), low=column(1, min), high=column(2, max))


def _combine(reports: Sequence[ReportRow]) -> Estimate:
    """The event's figures: the most conservative report's count, and the widest range any report gives."""
    bests = [r.fatalities_best for r in reports if r.fatalities_best is not None]
    lows = [r.fatalities_low for r in reports if r.fatalities_low is not None]
    highs = [r.fatalities_high for r in reports if r.fatalities_high is not None]
    return Estimate(
        best=min(bests) if bests else None,
        low=min(lows) if lows else None,
        high=max(highs) if highs else None,
    )


def _claimants_disagree(report: ReportRow) -> bool:
    """Two fatality counts for the same victims in one report (the army says 12 soldiers, a monitor 20)."""
    counts: dict[str, set[int]] = {}
    for figure in report.figures:
        if figure.kind == "fatalities" and figure.count is not None:
            counts.setdefault((figure.victims or "").strip().casefold(), set()).add(figure.count)
    return any(len(values) > 1 for values in counts.values())


def disputed(reports: Sequence[ReportRow]) -> bool:
    """Whether the reports, or the claimants inside one report, give different fatality counts."""
    bests = {r.fatalities_best for r in reports if r.fatalities_best is not None}
    return len(bests) > 1 or any(_claimants_disagree(r) for r in reports)


def _inter(session: Session, actor_id: int | None) -> int | None:
    actor = session.get(ActorRow, actor_id) if actor_id is not None else None
    return actor.inter if actor is not None else None


def refresh_event(session: Session, event: EventRow) -> None:
    """Recompute an event from its reports: the most confident report's fields, every report's figures."""
    reports = list(event.reports)
    if not reports:
        raise StoreError(f"event {event.id} has no report to summarise", code="D010")
    lead = max(reports, key=lambda r: (r.confidence or 0.0, -(r.id or 0)))
    with session.no_autoflush:  # the event is incomplete until the end: nothing may flush it before
        for name in (
            "type", "subtype", "plover", "date", "date_precision", "location_text", "place_id",
            "geo_precision", "country", "admin1", "actor1_id", "actor2_id",
        ):  # fmt: skip
            setattr(event, name, getattr(lead, name))
        event.inter1 = _inter(session, lead.actor1_id)
        event.inter2 = _inter(session, lead.actor2_id)
        event.disputed = disputed(reports)
    figures = _combine(reports)
    event.fatalities_best, event.fatalities_low, event.fatalities_high = (
        figures.best,
        figures.low,
        figures.high,
    )
    event.historical = all(r.historical for r in reports)
    confidences = [r.confidence for r in reports if r.confidence is not None]
    event.confidence = max(confidences) if confidences else None
    event.updated_at = dt.datetime.now(dt.UTC)


def attach_report(session: Session, report: ReportRow, event_id: int | None = None) -> EventRow:
    """Link ``report`` to event ``event_id``, or to a new event when None, and refresh what changed.

    A report moved from another event leaves it refreshed, or deleted when it was its last report.
    """
    previous = report.event
    if event_id is None:
        now = dt.datetime.now(dt.UTC)
        event = EventRow(created_at=now, updated_at=now)
        session.add(event)
    else:
        found = session.get(EventRow, event_id)
        if found is None:
            raise StoreError(f"no event with id {event_id} to attach report {report.id} to", code="D011")
        event = found
    report.event = event
    refresh_event(session, event)
    if previous is not None and previous is not event:
        if previous.reports:
            refresh_event(session, previous)
        else:
            session.delete(previous)
    session.flush()
    return event
