"""``/api/export``: the store's exports (ACLED-style CSV, JSON Lines, GeoJSON, Parquet), streamed."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from marsad.serve.deps import StoreDep
from marsad.serve.errors import responses
from marsad.serve.params import EventFilters
from marsad.serve.streaming import stream_export

router = APIRouter(prefix="/api/export", tags=["export"])

Format = Literal["csv", "jsonl", "geojson", "parquet"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "parquet": "application/vnd.apache.parquet",
}
_DOCUMENTED: dict[str, dict[str, object]] = {media.split(";")[0]: {} for media in MEDIA_TYPES.values()}


@router.get(
    "",
    summary="Download the matching events as CSV (ACLED columns), JSON Lines, GeoJSON or Parquet",
    response_class=StreamingResponse,
    responses={200: {"content": _DOCUMENTED, "description": "The export file."}, **responses(422)},
)
def export_events(
    store: StoreDep,
    filters: EventFilters,
    format: Annotated[Format, Query(description="File format.")] = "csv",
) -> StreamingResponse:
    headers = {
        "Content-Disposition": f'attachment; filename="marsad-events.{format}"',
        "Cache-Control": "no-store",
    }
    return StreamingResponse(
        stream_export(store, format, filters.query()), media_type=MEDIA_TYPES[format], headers=headers
    )
