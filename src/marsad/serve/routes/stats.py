"""``/api/stats``: how many events and dead per day, type and country, under the same filters as events."""

from __future__ import annotations

from fastapi import APIRouter

from marsad.serve.deps import SessionDep
from marsad.serve.errors import responses
from marsad.serve.params import EventFilters
from marsad.serve.schemas import Count, DayCount, Stats
from marsad.store import queries

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", summary="Counts of matching events per day, type and country", responses=responses(422))
def get_stats(session: SessionDep, filters: EventFilters) -> Stats:
    stats = queries.event_stats(session, filters.query())
    return Stats(
        events=stats.events,
        fatalities=stats.fatalities,
        by_day=[DayCount(date=c.key, events=c.events, fatalities=c.fatalities) for c in stats.by_day],
        by_type=[Count(key=c.key, events=c.events, fatalities=c.fatalities) for c in stats.by_type],
        by_country=[Count(key=c.key, events=c.events, fatalities=c.fatalities) for c in stats.by_country],
    )
