"""``/api/articles``: what was read, and each article with the spans of text that back its events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fastapi import APIRouter

from marsad.serve.deps import SessionDep
from marsad.serve.errors import ApiError, responses
from marsad.serve.params import ArticleFilters, ArticleId, Limit, Offset
from marsad.serve.schemas import (
    ArticleDetail,
    ArticleReport,
    ArticleSummary,
    Highlight,
    HighlightKind,
    Page,
    Span,
)
from marsad.store import queries

router = APIRouter(prefix="/api/articles", tags=["articles"])


@router.get("", summary="Ingested articles, newest first", responses=responses(422))
def list_articles(
    session: SessionDep, filters: ArticleFilters, limit: Limit = 50, offset: Offset = 0
) -> Page[ArticleSummary]:
    page = queries.find_articles(session, filters.query(), limit=limit, offset=offset)
    items = [ArticleSummary.from_row(row, reports) for row, reports in page.items]
    return Page[ArticleSummary](items=items, total=page.total, limit=limit, offset=offset)


@router.get(
    "/{article_id}",
    summary="One article as the extract contract's JSON, with evidence spans to highlight",
    responses=responses(404, 422),
)
def get_article(session: SessionDep, article_id: ArticleId) -> ArticleDetail:
    parts = queries.load_article(session, article_id)
    if parts is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    document = parts.article.document
    return ArticleDetail(
        article=document.get("article", {}),
        entities=document.get("entities", []),
        places=document.get("places", []),
        claims=document.get("claims", []),
        events=document.get("events", []),
        highlights=sorted(highlights(parts), key=lambda h: (h.start, -h.end)),
        reports=[
            ArticleReport(id=r.id, local_id=r.local_id, event_id=r.event_id, type=r.type, subtype=r.subtype)
            for r in parts.reports
        ],
    )


def _spans(spans: Iterable[Mapping[str, Any]] | None) -> Iterator[Span]:
    """Spans as stored in JSON (mentions, evidence), skipping any without offsets."""
    for span in spans or []:
        if isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            yield Span.from_json(span)


def highlights(parts: queries.ArticleParts) -> list[Highlight]:
    """Every span the readers found: events' evidence and figures, claims and cues, places, entities."""
    marks: list[Highlight] = []

    def mark(
        spans: Iterable[Span | None], kind: HighlightKind, ref: str, event_id: int | None = None
    ) -> None:
        marks.extend(
            Highlight(**span.model_dump(), kind=kind, ref=ref, event_id=event_id) for span in spans if span
        )

    for report in parts.reports:
        mark(_spans(report.evidence), "event", report.local_id, report.event_id)
        figures = (Span.of(f.evidence_start, f.evidence_end, f.evidence_text) for f in report.figures)
        mark(figures, "figure", report.local_id, report.event_id)
    for claim in parts.claims:
        mark([Span.of(claim.content_start, claim.content_end, claim.content_text)], "claim", claim.local_id)
        mark([Span.of(claim.cue_start, claim.cue_end, claim.cue_text)], "cue", claim.local_id)
    for link, _place in parts.places:
        mark(_spans(link.mentions), "place", link.local_id)
    for entity in parts.entities:
        mark(_spans(entity.mentions), "entity", entity.local_id)
    return marks
