"""Read-side queries for the web API: filtered, sorted, paged events, places, actors, articles and counts.

Everything is SQLAlchemy 2 with bound parameters, written once for SQLite and PostgreSQL: text search uses
``LIKE`` with SQLAlchemy's escaping, never raw SQL. Functions take a :class:`Session` so the API answers a
request from one read transaction and builds its response before the session closes.

Report evidence is stored as JSON, which SQLAlchemy serialises with non-ASCII characters escaped
(``\\u062d``); text search looks for the needle in that same escaped form so Arabic matches too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar, TypeVarTuple

from sqlalchemy import ColumnElement, Select, Text, cast, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from marsad.store.export import EventFilter
from marsad.store.models import (
    ActorRow,
    ArticlePlaceRow,
    ArticleRow,
    ClaimRow,
    EntityRow,
    EventRow,
    FigureRow,
    PlaceRow,
    ReportRow,
)

T = TypeVar("T")
Columns = TypeVarTuple("Columns")
EVENT_SORTS = {
    "date": EventRow.date,
    "fatalities": EventRow.fatalities_best,
    "confidence": EventRow.confidence,
    "updated": EventRow.updated_at,
    "id": EventRow.id,
}
"""Sort keys for events; ``-key`` sorts descending. Ties are broken by id, so pages never overlap."""


class BBox(NamedTuple):
    """A WGS84 box; ``min_lon > max_lon`` means the box crosses the antimeridian."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``minlon,minlat,maxlon,maxlat``, as in GeoJSON and OGC APIs; ValueError saying what is wrong.

        Latitudes given the wrong way round are swapped; longitudes are not, since west > east is a box
        across the antimeridian.
        """
        parts = text.split(",")
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: minlon,minlat,maxlon,maxlat")
        try:
            min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
        except ValueError:
            raise ValueError("bbox needs four numbers: minlon,minlat,maxlon,maxlat") from None
        if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)):
            raise ValueError("bbox longitudes must lie between -180 and 180")
        if not all(-90 <= lat <= 90 for lat in (min_lat, max_lat)):
            raise ValueError("bbox latitudes must lie between -90 and 90")
        return cls(min_lon, min(min_lat, max_lat), max_lon, max(min_lat, max_lat))

    def contains(
        self, lon: InstrumentedAttribute[float], lat: InstrumentedAttribute[float]
    ) -> ColumnElement[bool]:
        inside_lat = lat.between(self.min_lat, self.max_lat)
        if self.min_lon <= self.max_lon:
            return inside_lat & lon.between(self.min_lon, self.max_lon)
        return inside_lat & ((lon >= self.min_lon) | (lon <= self.max_lon))


def _like(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match; ``%`` and ``_`` in the text match themselves."""
    match: ColumnElement[bool] = column.icontains(text, autoescape=True)
    return match


def _in_json(column: Any, text: str) -> ColumnElement[bool]:
    """Substring match inside a JSON column, against the text as the JSON serialiser escapes it."""
    escaped = json.dumps(text)[1:-1]
    return _like(cast(column, Text), escaped)


@dataclass(frozen=True, slots=True)
class EventQuery(EventFilter):
    """Every filter of ``GET /api/events``; also an export filter, so exports honour the same filters."""

    bbox: BBox | None = None
    admin1: str | None = None
    event_type: str | None = None
    subtype: str | None = None
    actor: str | None = None
    """An actor's id (digits) or part of its English or Arabic name; matches either side of the event."""
    language: str | None = None
    """Events with at least one report from an article in this language."""
    min_fatalities: int | None = None
    historical: bool | None = None
    """False keeps only events the articles report as news, not past ones they recall as background."""
    text: str | None = None
    """Searched in the evidence, figures, location and the titles of the reporting articles."""

    def apply(self, query: Select[Any]) -> Select[Any]:
        query = EventFilter.apply(self, query)
        conditions = [c for c in self._conditions() if c is not None]
        return query.where(*conditions) if conditions else query

    def matching(self) -> ColumnElement[bool]:
        """The filter as one condition on ``events.id``, for queries that select columns, not rows."""
        return EventRow.id.in_(self.apply(select(EventRow.id)))

    def _conditions(self) -> list[ColumnElement[bool] | None]:
        return [
            EventRow.admin1 == self.admin1 if self.admin1 else None,
            EventRow.type == self.event_type if self.event_type else None,
            EventRow.subtype == self.subtype if self.subtype else None,
            EventRow.fatalities_best >= self.min_fatalities if self.min_fatalities is not None else None,
            EventRow.historical == self.historical if self.historical is not None else None,
            self._in_bbox(),
            self._with_actor(),
            self._in_language(),
            self._matching_text(),
        ]

    def _in_bbox(self) -> ColumnElement[bool] | None:
        if self.bbox is None:
            return None
        places = select(PlaceRow.id).where(self.bbox.contains(PlaceRow.lon, PlaceRow.lat))
        return EventRow.place_id.in_(places)

    def _with_actor(self) -> ColumnElement[bool] | None:
        if not self.actor:
            return None
        if self.actor.isascii() and self.actor.isdigit():
            if int(self.actor) > 2**31 - 1:
                return false()
            return (EventRow.actor1_id == int(self.actor)) | (EventRow.actor2_id == int(self.actor))
        actors = select(ActorRow.id).where(
            or_(_like(ActorRow.name, self.actor), _like(ActorRow.name_ar, self.actor))
        )
        return EventRow.actor1_id.in_(actors) | EventRow.actor2_id.in_(actors)

    def _in_language(self) -> ColumnElement[bool] | None:
        if not self.language:
            return None
        reports = select(ReportRow.event_id).join(ArticleRow, ReportRow.article_id == ArticleRow.id)
        return EventRow.id.in_(reports.where(ArticleRow.language == self.language))

    def _matching_text(self) -> ColumnElement[bool] | None:
        if not self.text:
            return None
        by_report = (
            select(ReportRow.event_id)
            .join(ArticleRow, ReportRow.article_id == ArticleRow.id)
            .where(or_(_in_json(ReportRow.evidence, self.text), _like(ArticleRow.title, self.text)))
        )
        by_figure = (
            select(ReportRow.event_id)
            .join(FigureRow, FigureRow.report_id == ReportRow.id)
            .where(_like(FigureRow.evidence_text, self.text))
        )
        return or_(
            _like(EventRow.location_text, self.text), EventRow.id.in_(by_report), EventRow.id.in_(by_figure)
        )


def _order(sort: str) -> list[Any]:
    """ORDER BY for ``sort`` (a key of :data:`EVENT_SORTS`, ``-`` for descending), nulls last."""
    key = sort.removeprefix("-")
    column = EVENT_SORTS[key]
    ordered = column.desc() if sort.startswith("-") else column.asc()
    tie = EventRow.id.desc() if sort.startswith("-") else EventRow.id.asc()
    return [ordered.nulls_last(), tie] if key != "id" else [ordered]


def _total(session: Session, query: Select[*Columns]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of rows and how many match in all."""

    items: list[T]
    total: int


# -- events --------------------------------------------------------------------------------------
def find_events(
    session: Session, filters: EventQuery, *, sort: str = "-date", limit: int = 50, offset: int = 0
) -> Page[EventRow]:
    """Matching events with their place, actors and reports' articles loaded."""
    query = filters.apply(select(EventRow))
    loads = (
        selectinload(EventRow.place),
        selectinload(EventRow.actor1),
        selectinload(EventRow.actor2),
        selectinload(EventRow.reports).selectinload(ReportRow.article),
    )
    rows = session.scalars(query.order_by(*_order(sort)).limit(limit).offset(offset).options(*loads))
    return Page(list(rows), _total(session, query))


class EventPoint(NamedTuple):
    """What a map needs of an event: where, what, when and how deadly."""

    id: int
    type: str
    subtype: str
    date: dt.date | None
    fatalities: int | None
    lon: float
    lat: float
    location: str | None


def event_points(session: Session, filters: EventQuery, *, limit: int) -> Page[EventPoint]:
    """Matching events that have coordinates, deadliest first when there are more than ``limit``."""
    query = (
        select(
            EventRow.id,
            EventRow.type,
            EventRow.subtype,
            EventRow.date,
            EventRow.fatalities_best,
            PlaceRow.lon,
            PlaceRow.lat,
            func.coalesce(PlaceRow.name, EventRow.location_text),
        )
        .join(PlaceRow, EventRow.place_id == PlaceRow.id)
        .where(filters.matching())
    )
    ordered = query.order_by(EventRow.fatalities_best.desc().nulls_last(), EventRow.id).limit(limit)
    return Page([EventPoint(*row) for row in session.execute(ordered)], _total(session, query))


def load_event(session: Session, event_id: int) -> EventRow | None:
    """One event with everything its page shows: place, actors, reports, their articles and figures."""
    query = (
        select(EventRow)
        .where(EventRow.id == event_id)
        .options(
            selectinload(EventRow.place),
            selectinload(EventRow.actor1),
            selectinload(EventRow.actor2),
            selectinload(EventRow.reports).selectinload(ReportRow.article),
            selectinload(EventRow.reports).selectinload(ReportRow.figures),
            selectinload(EventRow.reports).selectinload(ReportRow.actor1),
            selectinload(EventRow.reports).selectinload(ReportRow.actor2),
        )
    )
    return session.scalar(query)


def overlaps(claim: ClaimRow, spans: Sequence[dict[str, Any]]) -> bool:
    """Whether a claim's content overlaps any evidence span: the claim is what backs that evidence."""
    return any(
        claim.content_start < int(s.get("end", 0)) and int(s.get("start", 0)) < claim.content_end
        for s in spans
    )


def article_claims(session: Session, article_ids: set[str]) -> dict[str, list[ClaimRow]]:
    """The claims of these articles, by article id, in text order."""
    claims: dict[str, list[ClaimRow]] = {}
    if not article_ids:
        return claims
    query = select(ClaimRow).where(ClaimRow.article_id.in_(article_ids)).order_by(ClaimRow.content_start)
    for claim in session.scalars(query):
        claims.setdefault(claim.article_id, []).append(claim)
    return claims


# -- counts --------------------------------------------------------------------------------------
class Count(NamedTuple):
    key: Any
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of matching events, in all and by day, type and country."""

    events: int
    fatalities: int
    by_day: list[Count]
    by_type: list[Count]
    by_country: list[Count]


def _counts(session: Session, filters: EventQuery, column: Any, *, by_key: bool) -> list[Count]:
    fatalities = func.coalesce(func.sum(EventRow.fatalities_best), 0)
    query = select(column, func.count(EventRow.id), fatalities).where(filters.matching()).group_by(column)
    query = query.order_by(column) if by_key else query.order_by(func.count(EventRow.id).desc(), column)
    return [Count(key, int(events), int(dead)) for key, events, dead in session.execute(query)]


def event_stats(session: Session, filters: EventQuery) -> Stats:
    """Totals and breakdowns; events without a date are counted in the totals, not by day."""
    fatalities = func.coalesce(func.sum(EventRow.fatalities_best), 0)
    total = session.execute(select(func.count(EventRow.id), fatalities).where(filters.matching())).one()
    by_day = [c for c in _counts(session, filters, EventRow.date, by_key=True) if c.key is not None]
    return Stats(
        events=total[0] or 0,
        fatalities=total[1] or 0,
        by_day=by_day,
        by_type=_counts(session, filters, EventRow.type, by_key=False),
        by_country=_counts(session, filters, EventRow.country, by_key=False),
    )


# -- places, actors, articles -------------------------------------------------------------------
def find_places(
    session: Session,
    *,
    country: str | None = None,
    text: str | None = None,
    bbox: BBox | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[tuple[PlaceRow, int]]:
    """Places with how many events happened there, most eventful first."""
    events = select(func.count(EventRow.id)).where(EventRow.place_id == PlaceRow.id).scalar_subquery()
    query = select(PlaceRow, events.label("events"))
    if country:
        query = query.where(PlaceRow.country == country.upper())
    if text:
        query = query.where(or_(_like(PlaceRow.name, text), _like(PlaceRow.name_ar, text)))
    if bbox is not None:
        query = query.where(bbox.contains(PlaceRow.lon, PlaceRow.lat))
    ordered = query.order_by(events.desc(), PlaceRow.name, PlaceRow.id).limit(limit).offset(offset)
    return Page([(place, int(n)) for place, n in session.execute(ordered)], _total(session, query))


def find_actors(
    session: Session,
    *,
    text: str | None = None,
    actor_type: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[tuple[ActorRow, int]]:
    """Actors with how many events they took part in (on either side), most active first."""
    involved = or_(EventRow.actor1_id == ActorRow.id, EventRow.actor2_id == ActorRow.id)
    events = select(func.count(EventRow.id)).where(involved).scalar_subquery()
    query = select(ActorRow, events.label("events"))
    if text:
        query = query.where(or_(_like(ActorRow.name, text), _like(ActorRow.name_ar, text)))
    if actor_type:
        query = query.where(ActorRow.type == actor_type)
    if country:
        query = query.where(ActorRow.country == country.upper())
    ordered = query.order_by(events.desc(), ActorRow.name, ActorRow.id).limit(limit).offset(offset)
    return Page([(actor, int(n)) for actor, n in session.execute(ordered)], _total(session, query))


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Filters of ``GET /api/articles``: language, publication dates (inclusive) and title text."""

    language: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None

    def apply(self, query: Select[Any]) -> Select[Any]:
        if self.language:
            query = query.where(ArticleRow.language == self.language)
        if self.since is not None:
            query = query.where(ArticleRow.published >= self.since)
        if self.until is not None:
            query = query.where(ArticleRow.published <= self.until)
        if self.text:
            query = query.where(or_(_like(ArticleRow.title, self.text), _like(ArticleRow.site, self.text)))
        return query


def find_articles(
    session: Session, filters: ArticleQuery, *, limit: int = 50, offset: int = 0
) -> Page[tuple[ArticleRow, int]]:
    """Articles, newest ingested first (as the store lists them), with how many events they report."""
    reports = select(func.count(ReportRow.id)).where(ReportRow.article_id == ArticleRow.id).scalar_subquery()
    query = filters.apply(select(ArticleRow, reports.label("reports")))
    ordered = query.order_by(ArticleRow.ingested_at.desc(), ArticleRow.id).limit(limit).offset(offset)
    return Page([(article, int(n)) for article, n in session.execute(ordered)], _total(session, query))


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """An article with the rows taken from it: where each thing it says lies in its text."""

    article: ArticleRow
    reports: list[ReportRow]
    claims: list[ClaimRow]
    entities: list[EntityRow]
    places: list[tuple[ArticlePlaceRow, PlaceRow]]


def load_article(session: Session, article_id: str) -> ArticleParts | None:
    """An article and its reports (with figures), claims, entities and places, or None."""
    article = session.get(ArticleRow, article_id)
    if article is None:
        return None
    reports = session.scalars(
        select(ReportRow)
        .where(ReportRow.article_id == article_id)
        .order_by(ReportRow.id)
        .options(selectinload(ReportRow.figures))
    )
    places = session.execute(
        select(ArticlePlaceRow, PlaceRow)
        .join(PlaceRow, ArticlePlaceRow.place_id == PlaceRow.id)
        .where(ArticlePlaceRow.article_id == article_id)
        .order_by(ArticlePlaceRow.local_id)
    )
    return ArticleParts(
        article=article,
        reports=list(reports),
        claims=article_claims(session, {article_id}).get(article_id, []),
        entities=list(
            session.scalars(
                select(EntityRow).where(EntityRow.article_id == article_id).order_by(EntityRow.id)
            )
        ),
        places=[(link, place) for link, place in places],
    )
