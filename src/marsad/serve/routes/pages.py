"""The web UI's page: one HTML shell for the single-page app built from ``ui/`` into ``static/``.

The page is served with a strict Content-Security-Policy: scripts and styles only from this server, no
inline script, nothing fetched from elsewhere. Article text is untrusted; the app builds the DOM with
``textContent``, and the policy is the second line of defence.
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

from marsad.serve.errors import ApiError
from marsad.serve.params import ArticleId, EventId

router = APIRouter(include_in_schema=False)

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@router.get("/")
def index() -> FileResponse:
    page = resources.files("marsad.serve").joinpath("static", "index.html")
    if not page.is_file():
        raise ApiError(503, "ui_not_built", "the web UI is not built: run npm ci && npm run build in ui/")
    return FileResponse(str(page), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


@router.get("/articles/{article_id}")
def article_page(article_id: ArticleId) -> RedirectResponse:
    """Old and shareable article links open the article in the app."""
    return RedirectResponse(f"/#/articles/{article_id}", status_code=307)


@router.get("/events/{event_id}")
def event_page(event_id: EventId) -> RedirectResponse:
    return RedirectResponse(f"/#/events/{event_id}", status_code=307)
