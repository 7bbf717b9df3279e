"""Exports of the event database: ACLED-style CSV, JSON Lines, GeoJSON and Parquet.

The CSV has ACLED's columns, names and coding conventions (event types as "Battles", inter and interaction
codes, time and geo precision, fatalities conservative and 0 when none are reported) so ACLED users'
tools read Marsad's own events unchanged. Parquet and GeoJSON carry the same columns, typed, plus Marsad's
own (the fatality range, confidence, how many reports); JSON Lines carries everything: each event with its
reports, their per-article JSON, figures and the claims behind them.

Events are read page by page (keyset on the id), so an export of millions of events runs in bounded memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from marsad.errors import StoreError
from marsad.store.acled import countries, interaction, vocabulary
from marsad.store.database import Store
from marsad.store.models import ActorRow, ClaimRow, EventRow, FigureRow, PlaceRow, ReportRow

FORMATS = ("csv", "jsonl", "geojson", "parquet")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
MARSAD_COLUMNS = (
    "marsad_event_id",
    "fatalities_low",
    "fatalities_high",
    "confidence",
    "historical",
    "reports",
)
_PAGE = 500
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to export: by event date (inclusive) and ISO2 country."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None

    def apply(self, query: Select[Any]) -> Select[Any]:
        if self.since is not None:
            query = query.where(EventRow.date >= self.since)
        if self.until is not None:
            query = query.where(EventRow.date <= self.until)
        if self.country:
            query = query.where(EventRow.country == self.country.upper())
        return query


@dataclass(frozen=True, slots=True)
class Exported:
    """One event with the claims of the articles reporting it (by article id)."""

    event: EventRow
    claims: dict[str, list[ClaimRow]]


@dataclass(frozen=True, slots=True)
class ExportSummary:
    written: int
    skipped: int = 0
    """Events left out because the format cannot hold them (GeoJSON points need coordinates)."""


def iter_events(store: Store, filters: EventFilter = EventFilter(), page: int = _PAGE) -> Iterator[Exported]:
    """Matching events in id order, with their actors, place, reports, articles, figures and claims loaded."""
    last = 0
    loads = (
        selectinload(EventRow.place),
        selectinload(EventRow.actor1),
        selectinload(EventRow.actor2),
        selectinload(EventRow.reports).selectinload(ReportRow.article),
        selectinload(EventRow.reports).selectinload(ReportRow.figures),
    )
    while True:
        with store.session() as session:
            query = (
                filters.apply(select(EventRow).where(EventRow.id > last)).order_by(EventRow.id).limit(page)
            )
            events = list(session.scalars(query.options(*loads)))
            if not events:
                return
            article_ids = {r.article_id for e in events for r in e.reports}
            claims: dict[str, list[ClaimRow]] = {}
            query_claims = select(ClaimRow).where(ClaimRow.article_id.in_(article_ids)).order_by(ClaimRow.id)
            for claim in session.scalars(query_claims):
                claims.setdefault(claim.article_id, []).append(claim)
        for event in events:
            yield Exported(event, claims)
        last = events[-1].id


# -- ACLED rows ----------------------------------------------------------------------------------
def _lead(event: EventRow) -> ReportRow:
    return max(event.reports, key=lambda r: (r.confidence or 0.0, -r.id))


def _sources(event: EventRow) -> list[str]:
    names = (r.article.site or r.article.syndicated_from or r.article.origin for r in event.reports)
    return sorted(dict.fromkeys(names))


def _tags(event: EventRow) -> str:
    tags = [f"reports={len(event.reports)}"]
    if event.fatalities_low is not None and event.fatalities_high != event.fatalities_low:
        tags.append(f"fatalities range={event.fatalities_low}-{event.fatalities_high}")
    if event.historical:
        tags.append("historical")
    return "; ".join(tags)


def _timestamp(moment: dt.datetime) -> int:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return int(aware.timestamp())


def acled_row(event: EventRow) -> Row:
    """The event in ACLED's columns and conventions, values typed (None where ACLED leaves a blank)."""
    vocab = vocabulary()
    country = countries().get(event.country or "")
    place: PlaceRow | None = event.place
    evidence = _lead(event).evidence
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{event.id}",
        "event_date": event.date,
        "year": event.date.year if event.date else None,
        "time_precision": vocab.time_precision.get(event.date_precision, 3),
        "disorder_type": vocab.disorder_type(event.type, event.subtype),
        "event_type": vocab.event_types.get(event.type, event.type),
        "sub_event_type": vocab.sub_event_types.get(event.subtype, event.subtype),
        "actor1": event.actor1.name if event.actor1 else None,
        "assoc_actor_1": None,
        "inter1": event.inter1,
        "actor2": event.actor2.name if event.actor2 else None,
        "assoc_actor_2": None,
        "inter2": event.inter2,
        "interaction": int(code) if (code := interaction(event.inter1, event.inter2)) else None,
        "civilian_targeting": (
            "Civilian targeting"
            if vocab.civilian_targeting(event.type, event.subtype, event.inter2)
            else None
        ),
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else event.country,
        "admin1": event.admin1,
        "admin2": None,
        "admin3": None,
        "location": place.name if place else event.location_text,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": event.geo_precision,
        "source": "; ".join(_sources(event)),
        "source_scale": None,
        "notes": " … ".join(str(span.get("text", "")) for span in evidence) or None,
        "fatalities": event.fatalities_best or 0,
        "tags": _tags(event),
        "timestamp": _timestamp(event.updated_at),
    }


def flat_row(event: EventRow) -> Row:
    """ACLED's columns followed by Marsad's own."""
    return acled_row(event) | {
        "marsad_event_id": event.id,
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "confidence": event.confidence,
        "historical": event.historical,
        "reports": len(event.reports),
    }


# -- JSON records --------------------------------------------------------------------------------
def _actor(actor: ActorRow | None) -> Row | None:
    if actor is None:
        return None
    return {
        "name": actor.name,
        "name_ar": actor.name_ar,
        "type": actor.type,
        "inter": actor.inter,
        "country": actor.country,
        "kb_id": actor.kb_id,
    }


def _place(place: PlaceRow | None) -> Row | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "name_ar": place.name_ar,
        "geonames_id": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "feature": place.feature,
    }


def _figure(figure: FigureRow) -> Row:
    return {
        "kind": figure.kind,
        "count": figure.count,
        "low": figure.low,
        "high": figure.high,
        "qualifier": figure.qualifier,
        "victims": figure.victims,
        "claimant": {"text": figure.claimant_text, "name": figure.claimant_name, "kind": figure.claimant_kind}
        if figure.claimant_text
        else None,
        "evidence": {
            "start": figure.evidence_start,
            "end": figure.evidence_end,
            "text": figure.evidence_text,
        },
    }


def _claim(claim: ClaimRow) -> Row:
    return {
        "id": claim.local_id,
        "speaker": {"text": claim.speaker_text, "name": claim.speaker_name, "kind": claim.speaker_kind},
        "via": claim.via,
        "cue": claim.cue_text,
        "content": {"start": claim.content_start, "end": claim.content_end, "text": claim.content_text},
        "direct": claim.direct,
        "negated": claim.negated,
    }


def _backing(report: ReportRow, claims: Sequence[ClaimRow]) -> list[ClaimRow]:
    """The claims of the report's article whose content overlaps the report's evidence."""
    spans = [(s.get("start", 0), s.get("end", 0)) for s in report.evidence]
    return [c for c in claims if any(c.content_start < end and start < c.content_end for start, end in spans)]


def _report(report: ReportRow, claims: Sequence[ClaimRow]) -> Row:
    article = report.article
    return {
        "article": {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "site": article.site,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
        },
        "event": report.event_json,
        "evidence": report.evidence,
        "figures": [_figure(f) for f in report.figures],
        "claims": [_claim(c) for c in _backing(report, claims)],
    }


def event_record(item: Exported) -> Row:
    """Everything about one event, as one JSON object."""
    event = item.event
    return {
        "id": event.id,
        "event_id_cnty": acled_row(event)["event_id_cnty"],
        "type": event.type,
        "subtype": event.subtype,
        "plover": event.plover,
        "date": {"value": event.date.isoformat() if event.date else None, "precision": event.date_precision},
        "location": {
            "text": event.location_text,
            "precision": event.geo_precision,
            "place": _place(event.place),
        },
        "country": event.country,
        "admin1": event.admin1,
        "actor1": _actor(event.actor1),
        "actor2": _actor(event.actor2),
        "interaction": interaction(event.inter1, event.inter2) or None,
        "fatalities": {
            "best": event.fatalities_best,
            "low": event.fatalities_low,
            "high": event.fatalities_high,
        },
        "historical": event.historical,
        "confidence": event.confidence,
        "reports": [_report(r, item.claims.get(r.article_id, [])) for r in event.reports],
    }


# -- writers -------------------------------------------------------------------------------------
def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _text(out: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def write_csv(items: Iterable[Exported], out: BinaryIO) -> ExportSummary:
    text = _text(out)
    writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for item in items:
        writer.writerow({k: "" if v is None else _json_value(v) for k, v in acled_row(item.event).items()})
        written += 1
    text.detach()
    return ExportSummary(written)


def write_jsonl(items: Iterable[Exported], out: BinaryIO) -> ExportSummary:
    written = 0
    for item in items:
        out.write(json.dumps(event_record(item), ensure_ascii=False, default=_json_value).encode() + b"\n")
        written += 1
    return ExportSummary(written)


def write_geojson(items: Iterable[Exported], out: BinaryIO) -> ExportSummary:
    """A FeatureCollection of Points (RFC 7946, WGS84 lon/lat); events without coordinates are left out."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    written = skipped = 0
    for item in items:
        row = flat_row(item.event)
        lon, lat = row.pop("longitude"), row.pop("latitude")
        if lon is None or lat is None:
            skipped += 1
            continue
        feature = {
            "type": "Feature",
            "id": item.event.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {k: _json_value(v) for k, v in row.items()},
        }
        out.write((b",\n" if written else b"") + json.dumps(feature, ensure_ascii=False).encode())
        written += 1
    out.write(b"\n]}\n")
    return ExportSummary(written, skipped)


def _arrow_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    integer = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision"}
    integer |= {"fatalities", "timestamp", "marsad_event_id", "fatalities_low", "fatalities_high", "reports"}
    special = {"event_date": pa.date32(), "historical": pa.bool_()}
    special |= {name: pa.float64() for name in ("latitude", "longitude", "confidence")}
    return pa.schema(
        [
            (name, special.get(name, pa.int64() if name in integer else pa.string()))
            for name in (*ACLED_COLUMNS, *MARSAD_COLUMNS)
        ]
    )


def write_parquet(items: Iterable[Exported], out: BinaryIO, batch: int = 10_000) -> ExportSummary:
    """A Parquet file with typed ACLED and Marsad columns, written in row groups of ``batch`` events."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
    except ImportError as exc:
        raise StoreError("Parquet export needs pyarrow: pip install pyarrow", code="D020") from exc
    schema = _arrow_schema()
    written = 0
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[Row] = []
        for item in items:
            rows.append(flat_row(item.event))
            written += 1
            if len(rows) == batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return ExportSummary(written)


WRITERS: dict[str, Callable[[Iterable[Exported], BinaryIO], ExportSummary]] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
    "parquet": write_parquet,
}


def export(store: Store, fmt: str, out: BinaryIO, filters: EventFilter = EventFilter()) -> ExportSummary:
    """Write the matching events of ``store`` to ``out`` in ``fmt`` (one of :data:`FORMATS`)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", code="D021")
    return writer(iter_events(store, filters), out)
