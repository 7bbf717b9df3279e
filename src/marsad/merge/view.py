"""One event with everything behind it: its reports, and each fatality figure with who gave it.

An event keeps every report and every figure: its best/low/high toll is a summary the store computes
(:func:`marsad.store.events.refresh_event`), and ``disputed`` says when the sources disagree. This view
lays the disagreement out, figure by figure and claimant by claimant, for the CLI (``marsad event``) and
the web API; it is also what a person reads before splitting a wrong merge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from marsad.merge.manual import require_event
from marsad.store.models import ActorRow, FigureRow, ReportRow


@dataclass(frozen=True, slots=True)
class FigureView:
    kind: str
    """``fatalities`` or ``injuries``."""
    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    victims: str | None
    claimant: str | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    article_id: str
    title: str | None
    language: str
    url: str | None
    date: dt.date | None
    location: str | None
    actor1: str | None
    actor2: str | None
    fatalities_best: int | None
    pinned: bool
    figures: list[FigureView]


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    type: str
    subtype: str
    date: dt.date | None
    date_precision: str
    location: str | None
    country: str | None
    actor1: str | None
    actor2: str | None
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    disputed: bool
    reports: list[ReportView]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types (dates as ISO strings)."""
        out: dict[str, Any] = _json(asdict(self))
        return out


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _name(actor: ActorRow | None) -> str | None:
    return actor.name if actor is not None else None


def _figure(figure: FigureRow) -> FigureView:
    return FigureView(
        kind=figure.kind,
        count=figure.count,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
        victims=figure.victims,
        claimant=figure.claimant_name or figure.claimant_text,
        evidence=figure.evidence_text,
    )


def _report(report: ReportRow) -> ReportView:
    place = report.place
    return ReportView(
        id=report.id,
        article_id=report.article_id,
        title=report.article.title,
        language=report.article.language,
        url=report.article.url,
        date=report.date,
        location=place.name if place is not None else report.location_text,
        actor1=_name(report.actor1),
        actor2=_name(report.actor2),
        fatalities_best=report.fatalities_best,
        pinned=report.pinned,
        figures=[_figure(figure) for figure in report.figures],
    )


def describe(session: Session, event_id: int) -> EventView:
    """Event ``event_id`` with its reports and figures; :class:`StoreError` when there is no such event."""
    event = require_event(session, event_id)
    return EventView(
        id=event.id,
        type=event.type,
        subtype=event.subtype,
        date=event.date,
        date_precision=event.date_precision,
        location=event.place.name if event.place is not None else event.location_text,
        country=event.country,
        actor1=_name(event.actor1),
        actor2=_name(event.actor2),
        fatalities_best=event.fatalities_best,
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        disputed=event.disputed,
        reports=[_report(report) for report in event.reports],
    )
