"""``/api/actors``: the armed groups, forces and others events name, with how many events each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.serve.deps import SessionDep
from marsad.serve.errors import responses
from marsad.serve.params import Country, Limit, Offset, Text
from marsad.serve.schemas import ActorItem, ActorOut, Page
from marsad.store import queries

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", summary="Actors, most active first", responses=responses(422))
def list_actors(
    session: SessionDep,
    q: Annotated[Text | None, Query(description="Part of the English or Arabic name.")] = None,
    type: Annotated[Text | None, Query(description="Actor type, e.g. state_force.")] = None,
    country: Annotated[Country | None, Query(description="ISO 3166-1 alpha-2 code.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ActorItem]:
    page = queries.find_actors(session, text=q, actor_type=type, country=country, limit=limit, offset=offset)
    items = [
        ActorItem(**ActorOut.from_row(actor).model_dump(), events=events) for actor, events in page.items
    ]
    return Page[ActorItem](items=items, total=page.total, limit=limit, offset=offset)
