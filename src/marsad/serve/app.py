"""The web UI and REST API: a few lines per route, each calling the store.

Everything shown comes from scraped pages, so pages are rendered by Jinja2 with autoescaping on and
no route ever marks article content as safe HTML.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from marsad import __version__
from marsad.store.database import ArticleRow, Store

_RTL = frozenset({"ar", "fa", "ur", "he", "ps", "ckb"})


def direction(language: str | None) -> str:
    """``rtl`` for right-to-left scripts, so Arabic text is laid out and aligned as it is read."""
    return "rtl" if (language or "") in _RTL else "ltr"


def article_summary(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "language": row.language,
        "published": row.published.isoformat() if row.published else None,
        "site": row.site,
        "url": row.url,
        "syndicated_from": row.syndicated_from,
    }


def create_app(store: Store) -> FastAPI:
    """The ASGI app serving ``store``."""
    app = FastAPI(
        title="Marsad", version=__version__, description="Conflict events read from Arabic and English news."
    )
    package = resources.files("marsad.serve")
    templates = Jinja2Templates(directory=str(package.joinpath("templates")))
    templates.env.globals["direction"] = direction
    app.mount("/static", StaticFiles(directory=str(package.joinpath("static"))), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        rows = store.articles(limit=500)
        return templates.TemplateResponse(request, "index.html", {"articles": rows})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        row = _get(article_id)
        return templates.TemplateResponse(
            request, "article.html", {"article": row, "doc": row.document["article"]}
        )

    @app.get("/api/articles", summary="List ingested articles")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0
    ) -> dict[str, Any]:
        rows = store.articles(limit=limit, offset=offset)
        return {"items": [article_summary(r) for r in rows], "limit": limit, "offset": offset}

    @app.get("/api/articles/{article_id}", summary="One article as the extract contract's JSON")
    def get_article(article_id: str) -> dict[str, Any]:
        return _get(article_id).document

    @app.get("/api/health", summary="Liveness and counts")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "articles": store.count_articles()}

    def _get(article_id: str) -> ArticleRow:
        row = store.article(article_id)
        if row is None:
            raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
        return row

    return app
