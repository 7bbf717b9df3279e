"""``/api/events``: the event database, filtered and paged, one event with all its evidence, and the map."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from marsad.errors import StoreError
from marsad.merge.manual import merge_events, split_report
from marsad.serve.deps import SessionDep, StoreDep, WriteAccess
from marsad.serve.errors import ApiError, responses
from marsad.serve.params import EventFilters, EventId, EventSort, Limit, Offset
from marsad.serve.schemas import (
    ClaimOut,
    EventDetail,
    EventSummary,
    FigureComparison,
    MergeRequest,
    Page,
    PointCollection,
    PointFeature,
    PointGeometry,
    PointProperties,
    ReportOut,
    SplitRequest,
    SplitResult,
)
from marsad.store import queries
from marsad.store.models import ClaimRow, EventRow, ReportRow

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", summary="Events, filtered, sorted and paged", responses=responses(422))
def list_events(
    session: SessionDep,
    filters: EventFilters,
    sort: EventSort = "-date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EventSummary]:
    page = queries.find_events(session, filters.query(), sort=sort, limit=limit, offset=offset)
    items = [EventSummary.from_row(row) for row in page.items]
    return Page[EventSummary](items=items, total=page.total, limit=limit, offset=offset)


@router.get(
    "/points", summary="Matching events with coordinates, as GeoJSON, for a map", responses=responses(422)
)
def event_points(
    session: SessionDep,
    filters: EventFilters,
    limit: Annotated[int, Query(ge=1, le=50_000, description="Most points to return.")] = 10_000,
) -> PointCollection:
    page = queries.event_points(session, filters.query(), limit=limit)
    features = [
        PointFeature(
            id=point.id,
            geometry=PointGeometry(coordinates=(point.lon, point.lat)),
            properties=PointProperties(
                type=point.type,
                subtype=point.subtype,
                date=point.date,
                fatalities=point.fatalities,
                location=point.location,
            ),
        )
        for point in page.items
    ]
    return PointCollection(features=features, total=page.total, truncated=page.total > len(features))


@router.get(
    "/{event_id}", summary="One event with every report, claim and figure", responses=responses(404, 422)
)
def get_event(session: SessionDep, event_id: EventId) -> EventDetail:
    event = queries.load_event(session, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event with id {event_id}")
    return event_detail(session, event)


_NOT_FOUND = "D030"
"""The merge module's code for an event that does not exist; its other refusals are conflicts."""


def _refused(exc: StoreError) -> ApiError:
    return ApiError(404 if exc.code == _NOT_FOUND else 409, exc.code, exc.message)


def _reloaded(session: Session, event_id: int) -> EventDetail:
    session.flush()
    session.expire_all()
    event = queries.load_event(session, event_id)
    assert event is not None
    return event_detail(session, event)


@router.post(
    "/{event_id}/split",
    summary="Move one report out of the event into an event of its own",
    responses=responses(400, 401, 403, 404, 409, 422),
)
def split_event(store: StoreDep, event_id: EventId, body: SplitRequest, _auth: WriteAccess) -> SplitResult:
    with store.session() as session:
        try:
            new = split_report(session, event_id, body.report_id)
        except StoreError as exc:
            raise _refused(exc) from None
        return SplitResult(event=_reloaded(session, event_id), split=_reloaded(session, new.id))


@router.post(
    "/{event_id}/merge",
    summary="Move every report of another event into this one",
    responses=responses(400, 401, 403, 404, 409, 422),
)
def merge_event(store: StoreDep, event_id: EventId, body: MergeRequest, _auth: WriteAccess) -> EventDetail:
    with store.session() as session:
        try:
            merge_events(session, event_id, body.other_id)
        except StoreError as exc:
            raise _refused(exc) from None
        return _reloaded(session, event_id)


def _backing(report: ReportRow, claims: list[ClaimRow]) -> list[ClaimRow]:
    """The claims whose content overlaps the report's evidence or one of its figures."""
    spans = list(report.evidence or [])
    spans += [
        {"start": f.evidence_start, "end": f.evidence_end}
        for f in report.figures
        if f.evidence_start is not None
    ]
    return [claim for claim in claims if queries.overlaps(claim, spans)]


def event_detail(session: Session, event: EventRow) -> EventDetail:
    """The event page's data: reports side by side, the claims behind them, figures compared."""
    by_article = queries.article_claims(session, {r.article_id for r in event.reports})
    reports: list[ReportOut] = []
    claims: dict[int, ClaimRow] = {}
    for report in event.reports:
        backing = _backing(report, by_article.get(report.article_id, []))
        claims.update((claim.id, claim) for claim in backing)
        reports.append(ReportOut.from_row(report, backing))
    figures = [figure for report in reports for figure in report.figures]
    return EventDetail(
        **EventSummary.fields_of(event),
        reports=reports,
        claims=[ClaimOut.from_row(claim) for claim in claims.values()],
        figures=figures,
        comparison=FigureComparison.compare(figures),
    )
