"""The API's response shapes: what clients see, built from table rows but never the rows themselves.

Keeping these apart from :mod:`marsad.store.models` lets the store change its tables without breaking
clients, and gives the OpenAPI document (and the schema tests run against it) exact types.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, model_validator

from marsad.store.models import ActorRow, ArticleRow, ClaimRow, EventRow, FigureRow, PlaceRow, ReportRow

T = TypeVar("T")


def _utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back timestamps without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


Timestamp = Annotated[dt.datetime, AfterValidator(_utc)]


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD``: Pydantic would also take a number as a Unix time, a surprise in a URL."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("write dates as YYYY-MM-DD")
    if not isinstance(value, str | dt.date):
        raise ValueError("write dates as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Page(BaseModel, Generic[T]):
    """One page of a listing; ``total`` counts every match, so clients can page to the end."""

    items: list[T]
    total: int
    limit: int
    offset: int


class Span(BaseModel):
    """Where something is said: code-point offsets into the article's text, and that text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, start: int | None, end: int | None, text: str | None) -> Span | None:
        """A span from nullable columns; None when an offset is missing."""
        return None if start is None or end is None else cls(start=start, end=end, text=text or "")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Span:
        return cls(
            start=int(data.get("start", 0)), end=int(data.get("end", 0)), text=str(data.get("text", ""))
        )


class PlaceOut(BaseModel):
    id: int
    name: str
    name_ar: str | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str | None
    geonames_id: int | None

    @classmethod
    def from_row(cls, row: PlaceRow) -> PlaceOut:
        return cls.model_validate(row, from_attributes=True)


class ActorOut(BaseModel):
    id: int
    name: str
    name_ar: str | None
    type: str | None
    inter: int | None
    country: str | None
    kb_id: str | None

    @classmethod
    def from_row(cls, row: ActorRow) -> ActorOut:
        return cls.model_validate(row, from_attributes=True)

    @classmethod
    def optional(cls, row: ActorRow | None) -> ActorOut | None:
        return None if row is None else cls.from_row(row)


class Fatalities(BaseModel):
    """Deaths as a conservative best figure and the range the sources give."""

    best: int | None
    low: int | None
    high: int | None

    @classmethod
    def of(cls, row: EventRow | ReportRow) -> Fatalities:
        return cls(best=row.fatalities_best, low=row.fatalities_low, high=row.fatalities_high)


class EventSummary(BaseModel):
    """An event as listed: what, when, where, who, how many dead, and from how many reports."""

    id: int
    type: str
    subtype: str
    plover: str | None
    date: dt.date | None
    date_precision: str
    location_text: str | None
    place: PlaceOut | None
    country: str | None
    admin1: str | None
    actor1: ActorOut | None
    actor2: ActorOut | None
    fatalities: Fatalities
    historical: bool
    disputed: bool = Field(description="True when the reports or their claimants give different tolls.")
    confidence: float | None
    report_count: int
    languages: list[str] = Field(description="Languages of the articles reporting the event.")
    updated_at: Timestamp

    @classmethod
    def fields_of(cls, row: EventRow) -> dict[str, Any]:
        return {
            "id": row.id,
            "type": row.type,
            "subtype": row.subtype,
            "plover": row.plover,
            "date": row.date,
            "date_precision": row.date_precision,
            "location_text": row.location_text,
            "place": PlaceOut.from_row(row.place) if row.place else None,
            "country": row.country,
            "admin1": row.admin1,
            "actor1": ActorOut.optional(row.actor1),
            "actor2": ActorOut.optional(row.actor2),
            "fatalities": Fatalities.of(row),
            "historical": row.historical,
            "disputed": row.disputed,
            "confidence": row.confidence,
            "report_count": len(row.reports),
            "languages": sorted({r.article.language for r in row.reports}),
            "updated_at": row.updated_at,
        }

    @classmethod
    def from_row(cls, row: EventRow) -> EventSummary:
        return cls(**cls.fields_of(row))


class ArticleRef(BaseModel):
    id: str
    title: str | None
    language: str
    published: dt.date | None
    site: str | None
    url: str | None

    @classmethod
    def from_row(cls, row: ArticleRow) -> ArticleRef:
        return cls.model_validate(row, from_attributes=True)


class Speaker(BaseModel):
    """Who gives a figure or makes a claim, as the article names them."""

    text: str
    name: str | None
    kind: str | None


class FigureOut(BaseModel):
    """A toll as one source gives it: exact ``count`` or a ``low``–``high`` range, and its claimant."""

    id: int
    report_id: int
    article_id: str
    kind: str
    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    victims: str | None
    claimant: Speaker | None
    evidence: Span | None

    @classmethod
    def from_row(cls, row: FigureRow, article_id: str) -> FigureOut:
        claimant = row.claimant_text
        return cls(
            id=row.id,
            report_id=row.report_id,
            article_id=article_id,
            kind=row.kind,
            count=row.count,
            low=row.low,
            high=row.high,
            qualifier=row.qualifier,
            victims=row.victims,
            claimant=Speaker(text=claimant, name=row.claimant_name, kind=row.claimant_kind)
            if claimant
            else None,
            evidence=Span.of(row.evidence_start, row.evidence_end, row.evidence_text),
        )


class ClaimOut(BaseModel):
    """Who says what: the speaker, the cue word and the claim's content in the text."""

    id: int
    article_id: str
    local_id: str
    speaker: Speaker
    via: list[dict[str, Any]]
    cue: str | None
    content: Span
    direct: str
    negated: bool

    @classmethod
    def from_row(cls, row: ClaimRow) -> ClaimOut:
        return cls(
            id=row.id,
            article_id=row.article_id,
            local_id=row.local_id,
            speaker=Speaker(text=row.speaker_text, name=row.speaker_name, kind=row.speaker_kind),
            via=list(row.via or []),
            cue=row.cue_text,
            content=Span(start=row.content_start, end=row.content_end, text=row.content_text),
            direct=row.direct,
            negated=row.negated,
        )


class ReportOut(BaseModel):
    """One article's reading of the event, with its evidence, figures and the claims behind them."""

    id: int
    local_id: str
    article: ArticleRef
    type: str
    subtype: str
    date: dt.date | None
    date_precision: str
    location_text: str | None
    actor1: ActorOut | None
    actor2: ActorOut | None
    fatalities: Fatalities
    historical: bool
    confidence: float | None
    pinned: bool = Field(
        description="Placed in this event by a person (split or merge); the linker keeps it."
    )
    evidence: list[Span]
    figures: list[FigureOut]
    claim_ids: list[int] = Field(
        description="Ids of the claims (in the event's ``claims``) backing this report."
    )

    @classmethod
    def from_row(cls, row: ReportRow, claims: Sequence[ClaimRow]) -> ReportOut:
        return cls(
            id=row.id,
            local_id=row.local_id,
            article=ArticleRef.from_row(row.article),
            type=row.type,
            subtype=row.subtype,
            date=row.date,
            date_precision=row.date_precision,
            location_text=row.location_text,
            actor1=ActorOut.optional(row.actor1),
            actor2=ActorOut.optional(row.actor2),
            fatalities=Fatalities.of(row),
            historical=row.historical,
            confidence=row.confidence,
            pinned=row.pinned,
            evidence=[Span.from_json(s) for s in row.evidence or []],
            figures=[FigureOut.from_row(f, row.article_id) for f in row.figures],
            claim_ids=[c.id for c in claims],
        )


class FigureComparison(BaseModel):
    """Every source's figure for one kind of toll and group of victims, side by side."""

    kind: str
    victims: str | None
    low: int
    high: int
    figures: list[int] = Field(description="Ids of the figures compared.")
    claimants: list[str]
    disagree: bool = Field(description="True when the sources give different numbers.")

    @classmethod
    def compare(cls, figures: Iterable[FigureOut]) -> list[FigureComparison]:
        groups: dict[tuple[str, str | None], list[FigureOut]] = {}
        for figure in figures:
            if figure.count is not None or figure.low is not None:
                groups.setdefault((figure.kind, (figure.victims or "").casefold() or None), []).append(figure)
        return [cls._of(kind, victims, group) for (kind, victims), group in groups.items()]

    @classmethod
    def _of(cls, kind: str, victims: str | None, group: list[FigureOut]) -> FigureComparison:
        ranges = [(_first(f.low, f.count), _first(f.high, f.count, f.low)) for f in group]
        claimants = sorted({f.claimant.text for f in group if f.claimant is not None})
        return cls(
            kind=kind,
            victims=victims,
            low=min(low for low, _ in ranges),
            high=max(high for _, high in ranges),
            figures=[f.id for f in group],
            claimants=claimants,
            disagree=len(set(ranges)) > 1,
        )


def _first(*values: int | None) -> int:
    return next(v for v in values if v is not None)


class EventDetail(EventSummary):
    """An event with every report, every claim and every figure, and where the sources disagree."""

    reports: list[ReportOut]
    claims: list[ClaimOut]
    figures: list[FigureOut]
    comparison: list[FigureComparison]


class PlaceItem(PlaceOut):
    events: int


class ActorItem(ActorOut):
    events: int


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    language: str
    published: dt.date | None
    site: str | None
    url: str | None
    syndicated_from: str | None
    origin: str
    ingested_at: Timestamp
    reports: int = Field(description="How many events the article reports.")

    @classmethod
    def from_row(cls, row: ArticleRow, reports: int) -> ArticleSummary:
        fields = ArticleRef.from_row(row).model_dump()
        return cls(
            **fields,
            syndicated_from=row.syndicated_from,
            origin=row.origin,
            ingested_at=row.ingested_at,
            reports=reports,
        )


HighlightKind = Literal["event", "figure", "claim", "cue", "place", "entity"]


class Highlight(BaseModel):
    """A span of the article to mark, and what it is evidence of."""

    start: int
    end: int
    text: str
    kind: HighlightKind
    ref: str | None = Field(description="The article's local id of what the span belongs to (e1, c1, p1…).")
    event_id: int | None = Field(description="The stored event the span is evidence of, if any.")


class ArticleReport(BaseModel):
    """An event the article reports, and the stored event it is linked to."""

    id: int
    local_id: str
    event_id: int | None
    type: str
    subtype: str


class ArticleDetail(BaseModel):
    """The extract contract's JSON, plus spans to highlight and the stored events it reports."""

    article: dict[str, Any]
    entities: list[dict[str, Any]]
    places: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]
    highlights: list[Highlight]
    reports: list[ArticleReport]


class Count(BaseModel):
    key: str | None
    events: int
    fatalities: int


class DayCount(BaseModel):
    date: dt.date
    events: int
    fatalities: int


class Stats(BaseModel):
    """Counts of the matching events, for the timeline and the summary panels."""

    events: int
    fatalities: int
    by_day: list[DayCount]
    by_type: list[Count]
    by_country: list[Count]


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="Longitude, latitude (WGS84).")


class PointProperties(BaseModel):
    type: str
    subtype: str
    date: dt.date | None
    fatalities: int | None
    location: str | None


class PointFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: PointProperties


class PointCollection(BaseModel):
    """Matching events with coordinates as GeoJSON, for the map; ``truncated`` when over the limit."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[PointFeature]
    total: int
    truncated: bool


class Health(BaseModel):
    status: str
    version: str
    articles: int
    events: int
    writes: bool = Field(description="Whether this server accepts writes (a token is configured).")


class IngestRequest(BaseModel):
    """One article to read: its ``text`` or ``html``, or a ``url`` to fetch, with what else is known."""

    text: str | None = Field(
        None, min_length=1, max_length=1_000_000, description="The article as plain text."
    )
    html: str | None = Field(None, min_length=1, max_length=5_000_000, description="The article's web page.")
    url: str | None = Field(
        None,
        max_length=2048,
        pattern=r"^https?://\S+$",
        description="Fetched when neither text nor html is given; else the article's address.",
    )
    title: str | None = Field(None, max_length=1000)
    published: IsoDate | None = Field(None, description="Publication date, when the page gives none.")
    language: Literal["ar", "en"] | None = Field(
        None, description="Force the language instead of detecting it."
    )
    reference_date: IsoDate | None = Field(
        None, description="Date to resolve 'yesterday' and weekdays against."
    )

    @model_validator(mode="after")
    def _has_article(self) -> IngestRequest:
        if not (self.text or self.html or self.url):
            raise ValueError("give the article's text or html, or a url to fetch")
        if self.text and self.html:
            raise ValueError("give text or html, not both")
        return self


class Rejection(BaseModel):
    origin: str
    code: str
    reason: str


class IngestResult(BaseModel):
    """What the ingest did: counts as ``marsad ingest`` prints them, and the new articles' ids."""

    read: int
    new: int
    duplicates: int
    quarantined: int
    events: int
    articles: list[str]
    rejections: list[Rejection]


class SplitRequest(BaseModel):
    report_id: int = Field(ge=1, le=2**31 - 1, description="The report to move into an event of its own.")


class SplitResult(BaseModel):
    """Both events after a split: the one left and the new one holding the split-off report."""

    event: EventDetail
    split: EventDetail


class MergeRequest(BaseModel):
    other_id: int = Field(ge=1, le=2**31 - 1, description="The event whose reports move into this one.")
