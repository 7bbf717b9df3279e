"""The web API and UI: a FastAPI app over one store, opened once for the app's lifetime.

Routes live in :mod:`marsad.serve.routes`, one router per resource, each a few lines calling
:mod:`marsad.store.queries` and returning the response models of :mod:`marsad.serve.schemas`.
The UI is a single-page app built from ``ui/`` into ``static/``; everything it shows comes from
scraped pages, so it builds the DOM with ``textContent`` and the page forbids inline script.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from marsad import __version__
from marsad.serve import errors
from marsad.serve.caching import CachingMiddleware
from marsad.serve.routes import actors, articles, events, export, health, ingest, pages, places, stats
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store

ROUTERS = (events, articles, places, actors, stats, export, ingest, health, pages)
DESCRIPTION = """Conflict events read from Arabic and English news, with the evidence for every field.

Reads are open; writes (`POST`) need `Authorization: Bearer <token>` with the token the server was started
with (`MARSAD_API_TOKEN` or `marsad serve --token`), and are refused when it has none.
Errors are JSON: `{"error": {"code": "...", "message": "..."}}`."""


def create_app(store: Store | None = None, *, settings: ServeSettings | None = None) -> FastAPI:
    """The ASGI app serving ``store``, or the store that ``settings`` names, opened at startup."""
    config = settings or ServeSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        app.state.store = Store.open(config.db, config.data_dir)
        try:
            yield
        finally:
            app.state.store.close()

    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, and Marsad works offline.
    app = FastAPI(
        title="Marsad",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = config
    app.state.store = store
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    app.mount(
        "/static",
        StaticFiles(directory=str(resources.files("marsad.serve").joinpath("static"))),
        name="static",
    )
    app.add_middleware(CachingMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag"],
        )
    return app
