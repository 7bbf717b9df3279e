"""Query parameters shared by several routes: event filters, sorting and paging, validated at the edge.

Bad values are answered with 422 before any SQL runs. Text parameters refuse NUL characters, which
PostgreSQL cannot store or compare, and are bounded in length.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from marsad.serve.schemas import IsoDate
from marsad.store.queries import EVENT_SORTS, ArticleQuery, BBox, EventQuery

MAX_ID = 2**31 - 1
"""Ids are 32-bit integers on PostgreSQL; a larger one cannot exist."""


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


_LON = r"-?(180(\.0{1,8})?|(1[0-7]\d|\d{1,2})(\.\d{1,8})?)"
_LAT = r"-?(90(\.0{1,8})?|[1-8]?\d(\.\d{1,8})?)"
BBoxText = Annotated[str, StringConstraints(pattern=rf"^{_LON},{_LAT},{_LON},{_LAT}$")]
"""``minlon,minlat,maxlon,maxlat`` in decimal degrees, in range: :meth:`BBox.parse` cannot fail on it."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_nul)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Rows to skip.")]
EventSort = Annotated[
    str,
    Query(
        pattern=f"^-?({'|'.join(EVENT_SORTS)})$",
        description=f"One of {', '.join(EVENT_SORTS)}; a leading - sorts descending.",
    ),
]
EventId = Annotated[int, Path(ge=1, le=MAX_ID)]
ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class EventParams(BaseModel):
    """Filters of the event listing, the map, the stats and the export."""

    since: IsoDate | None = Field(None, description="Events on or after this date.")
    until: IsoDate | None = Field(None, description="Events on or before this date.")
    bbox: BBoxText | None = Field(
        None, description="minlon,minlat,maxlon,maxlat (WGS84).", examples=["35,32,43,38"]
    )
    country: Country | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. SY.")
    admin1: Text | None = Field(None, description="First-level administrative division, as stored.")
    type: Text | None = Field(None, description="Event type, e.g. battles.")
    subtype: Text | None = Field(None, description="Event subtype, e.g. armed_clash.")
    actor: Text | None = Field(None, description="Actor id, or part of an actor's English or Arabic name.")
    language: Language | None = Field(None, description="Only events reported in this language (ar, en).")
    min_fatalities: int | None = Field(None, ge=0, le=10_000_000, description="At least this many dead.")
    historical: bool | None = Field(
        None, description="false: only events reported as news; true: only past ones recalled as background."
    )
    q: Text | None = Field(None, description="Text in the evidence, figures, location or article titles.")

    def query(self) -> EventQuery:
        return EventQuery(
            since=self.since,
            until=self.until,
            country=self.country,
            bbox=BBox.parse(self.bbox) if self.bbox else None,
            admin1=self.admin1,
            event_type=self.type,
            subtype=self.subtype,
            actor=self.actor,
            language=self.language,
            min_fatalities=self.min_fatalities,
            historical=self.historical,
            text=self.q,
        )


EventFilters = Annotated[EventParams, Query()]


class ArticleParams(BaseModel):
    """Filters of the article listing."""

    language: Language | None = Field(None, description="Article language (ar, en).")
    since: IsoDate | None = Field(None, description="Published on or after this date.")
    until: IsoDate | None = Field(None, description="Published on or before this date.")
    q: Text | None = Field(None, description="Text in the title or site name.")

    def query(self) -> ArticleQuery:
        return ArticleQuery(language=self.language, since=self.since, until=self.until, text=self.q)


ArticleFilters = Annotated[ArticleParams, Query()]
