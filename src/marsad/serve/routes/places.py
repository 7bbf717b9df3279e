"""``/api/places``: the geocoded places events happened in, with how many events each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.serve.deps import SessionDep
from marsad.serve.errors import responses
from marsad.serve.params import BBoxText, Country, Limit, Offset, Text
from marsad.serve.schemas import Page, PlaceItem, PlaceOut
from marsad.store import queries
from marsad.store.queries import BBox

router = APIRouter(prefix="/api/places", tags=["places"])


@router.get("", summary="Places, most eventful first", responses=responses(422))
def list_places(
    session: SessionDep,
    country: Annotated[Country | None, Query(description="ISO 3166-1 alpha-2 code.")] = None,
    q: Annotated[Text | None, Query(description="Part of the English or Arabic name.")] = None,
    bbox: Annotated[BBoxText | None, Query(description="minlon,minlat,maxlon,maxlat (WGS84).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[PlaceItem]:
    box = BBox.parse(bbox) if bbox else None
    page = queries.find_places(session, country=country, text=q, bbox=box, limit=limit, offset=offset)
    items = [
        PlaceItem(**PlaceOut.from_row(place).model_dump(), events=events) for place, events in page.items
    ]
    return Page[PlaceItem](items=items, total=page.total, limit=limit, offset=offset)
