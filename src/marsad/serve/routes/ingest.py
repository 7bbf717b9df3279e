"""``POST /api/ingest``: read one article into the store through the same pipeline as ``marsad ingest``.

The body becomes a one-line JSON Lines file (the reader's format for text with metadata) in a temporary
folder, handed to :func:`marsad.api.ingest`; a line id unique to the request finds the stored article.
URLs are fetched under the reader's fetch policy: private addresses are refused unless the server allows them.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from fastapi import APIRouter
from sqlalchemy import select

from marsad import api
from marsad.read.convert import ReadOptions
from marsad.read.fetch import FetchPolicy
from marsad.serve.deps import SettingsDep, StoreDep, WriteAccess
from marsad.serve.errors import ApiError, responses
from marsad.serve.schemas import IngestRequest, IngestResult, Rejection
from marsad.store.database import Store
from marsad.store.models import ArticleRow

router = APIRouter(prefix="/api/ingest", tags=["ingest"])


def _as_jsonl(body: IngestRequest, folder: Path, line_id: str) -> str:
    record = {"id": line_id, "text": body.text, "html": body.html, "url": body.url, "title": body.title}
    record["published"] = body.published.isoformat() if body.published else None
    path = folder / "api-ingest.jsonl"
    path.write_text(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
    return str(path)


def _stored(store: Store, line_id: str, url: str | None) -> list[str]:
    """Ids of the articles this request stored: by its line id, or by the URL that was fetched."""
    with store.session() as session:
        condition = ArticleRow.origin.endswith(f"&id={line_id}", autoescape=True)
        if url:
            condition = condition | (ArticleRow.origin == url)
        return list(session.scalars(select(ArticleRow.id).where(condition).order_by(ArticleRow.id)))


@router.post(
    "",
    summary="Read one article (text, html or url) into the store",
    responses=responses(400, 401, 403, 422),
)
def ingest_article(
    body: IngestRequest, store: StoreDep, settings: SettingsDep, _auth: WriteAccess
) -> IngestResult:
    line_id = f"api-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="marsad-api-") as folder:
        source = _as_jsonl(body, Path(folder), line_id) if body.text or body.html else str(body.url)
        summary = api.ingest(
            [source],
            store,
            options=ReadOptions(reference_date=body.reference_date),
            lang=body.language,
            fetch_policy=FetchPolicy(allow_private=settings.allow_private_urls),
        )
    rejections = [Rejection(origin=r.origin, code=r.code, reason=r.reason) for r in summary.rejections]
    if summary.quarantined and not (summary.new or summary.duplicates):
        raise ApiError(422, rejections[-1].code if rejections else "unreadable", _reason(rejections))
    fetched = None if body.text or body.html else body.url
    return IngestResult(
        read=summary.read,
        new=summary.new,
        duplicates=summary.duplicates,
        quarantined=summary.quarantined,
        events=summary.events,
        articles=_stored(store, line_id, fetched),
        rejections=rejections,
    )


def _reason(rejections: list[Rejection]) -> str:
    return rejections[-1].reason if rejections else "the article could not be read"
