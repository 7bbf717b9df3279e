"""Typed dependencies shared by the routes: the store, one read session per request, settings, auth.

The store and settings live on ``app.state`` (set once by the app's lifespan), so routes never open
databases themselves and tests can hand the app a store of their own.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from marsad.serve.errors import ApiError
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store

_bearer = HTTPBearer(auto_error=False, description="The server's API token (MARSAD_API_TOKEN or --token).")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ServeSettings, Depends(get_settings)]


def get_session(store: StoreDep) -> Iterator[Session]:
    """One transaction for the whole request, so a page and its total come from the same snapshot."""
    with store.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a write through only with the configured bearer token; refuse all writes when there is none."""
    if not settings.writes_enabled or settings.api_token is None:
        raise ApiError(
            403,
            "writes_disabled",
            "this server accepts no writes: start it with MARSAD_API_TOKEN=<token> "
            "or marsad serve --token <token>",
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthorized", "send the API token as: Authorization: Bearer <token>", challenge)
    expected = settings.api_token.get_secret_value().encode()
    if not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise ApiError(401, "invalid_token", "the API token is not valid", challenge)


WriteAccess = Annotated[None, Depends(require_token)]
