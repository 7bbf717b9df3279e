"""``/api/health``: liveness, version and counts, for monitoring and for the UI's header."""

from __future__ import annotations

from fastapi import APIRouter

from marsad import __version__
from marsad.serve.deps import SettingsDep, StoreDep
from marsad.serve.schemas import Health

router = APIRouter(prefix="/api/health", tags=["health"])


@router.get("", summary="Liveness and counts")
def health(store: StoreDep, settings: SettingsDep) -> Health:
    return Health(
        status="ok",
        version=__version__,
        articles=store.count_articles(),
        events=store.count_events(),
        writes=settings.writes_enabled,
    )
