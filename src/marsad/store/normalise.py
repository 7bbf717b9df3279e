"""Take one article's output JSON apart into rows: entities, places, claims, reports and their figures.

Works from the contract's JSON (``Document.to_json()``), not from the ``Document``, so that articles stored
before these tables existed can be taken apart from ``articles.document`` the same way. Fields are read
defensively (``.get``): a stage that leaves one out, or an older document, must not lose the article.
Actors and places are global rows found or created by key, race-free on both back ends (``INSERT … ON
CONFLICT DO NOTHING``), so concurrent ingests naming the same actor share one row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from marsad.store.acled import vocabulary
from marsad.store.events import estimate
from marsad.store.models import (
    ActorRow,
    ArticlePlaceRow,
    ClaimRow,
    EntityRow,
    FigureRow,
    PlaceRow,
    ReportRow,
)

VERSION = 1
"""Bumped when the rows made from a document change; stored in ``articles.normalised``."""
_KEY_LENGTH = 255
Json = Mapping[str, Any]
_DIRECT = {True: "direct", False: "indirect", "partial": "partial"}


def _insert_ignore(session: Session, model: type[ActorRow] | type[PlaceRow], values: dict[str, Any]) -> None:
    """Add a global row unless its key is there already.

    On PostgreSQL the insert commits at once on a connection of its own: inside the document's transaction,
    two writers each adding actors the other has just added would wait on each other and deadlock. A
    global row left behind by a transaction that then rolls back is harmless: it is found by key next time.
    """
    bind = session.get_bind()
    insert = postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=["key"])
    if bind.dialect.name == "postgresql" and isinstance(bind, Engine):
        with bind.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(statement)
    else:
        session.execute(statement)


class _Keys:
    """Global rows (actors, places) by key, found or created once per document."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.ids: dict[tuple[str, str], int] = {}

    def get(self, model: type[ActorRow] | type[PlaceRow], values: dict[str, Any]) -> int:
        key = values["key"] = str(values["key"])[:_KEY_LENGTH]
        cached = self.ids.get((model.__tablename__, key))
        if cached is not None:
            return cached
        found = self.session.scalar(select(model.id).where(model.key == key))
        if found is None:
            _insert_ignore(self.session, model, values)
            found = self.session.scalar(select(model.id).where(model.key == key))
        assert found is not None
        self.ids[(model.__tablename__, key)] = found
        return found

    def kb_actor(self, actor: Json) -> int:
        return self.get(
            ActorRow,
            {
                "key": f"kb:{actor['id']}",
                "kb_id": actor["id"],
                "name": actor.get("name") or actor["id"],
                "name_ar": actor.get("name_ar"),
                "type": actor.get("type"),
                "inter": actor.get("inter"),
                "country": _iso2(actor.get("country")),
            },
        )

    def named_actor(self, actor: Json) -> int:
        """An actor the knowledge base does not know, keyed by its name and country."""
        kind = actor.get("type")
        return self.get(
            ActorRow,
            {
                "key": f"name:{str(actor['name']).casefold()}|{_iso2(actor.get('country')) or ''}",
                "name": actor["name"],
                "name_ar": actor.get("name_ar"),
                "type": kind,
                "inter": vocabulary().inter_by_actor_type.get(kind or ""),
                "country": _iso2(actor.get("country")),
            },
        )

    def place(self, place: Json) -> int | None:
        """The global place; None for a record without a name and coordinates (nothing to put on a map)."""
        try:
            name, lat, lon = str(place["name"]), float(place["lat"]), float(place["lon"])
        except (KeyError, TypeError, ValueError):
            return None
        geonames = place.get("geonames_id")
        country = _iso2(place.get("country"))
        key = f"gn:{geonames}" if geonames else f"name:{name}|{country or ''}|{lat:.4f},{lon:.4f}"
        return self.get(
            PlaceRow,
            {
                "key": key,
                "geonames_id": geonames,
                "name": name,
                "name_ar": place.get("name_ar"),
                "lat": lat,
                "lon": lon,
                "country": country,
                "admin1": place.get("admin1") or None,
                "feature": place.get("feature"),
            },
        )


def _iso2(value: object) -> str | None:
    """An ISO 3166-1 alpha-2 code, or None for anything else (the column holds two letters)."""
    text = str(value or "")
    return text.upper() if len(text) == 2 and text.isascii() and text.isalpha() else None


def _local_ids(items: Sequence[Json], prefix: str) -> Iterator[tuple[str, Json]]:
    """Each item with its id in the article; a missing or repeated id gets a positional one."""
    seen: set[str] = set()
    for index, item in enumerate(items, 1):
        local = str(item.get("id") or "")[:32]
        if not local or local in seen:
            local = f"{prefix}#{index}"
        seen.add(local)
        yield local, item


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _span(span: Json | None) -> tuple[int | None, int | None, str | None]:
    if not span:
        return None, None, None
    return span.get("start"), span.get("end"), span.get("text")


class _Article:
    """The rows of one article, written in order: entities and places first, since the rest refer to them."""

    def __init__(self, session: Session, article_id: str, country: str | None) -> None:
        self.session = session
        self.article_id = article_id
        self.country = (
            country  # what the article is mostly about: an event's country when its place is unknown
        )
        self.keys = _Keys(session)
        self.entities: dict[str, EntityRow] = {}

    def entity_id(self, local: object) -> int | None:
        row = self.entities.get(str(local)) if local else None
        return row.id if row is not None else None

    def add_entities(self, entities: Sequence[Json]) -> None:
        for local, entity in _local_ids(entities, "n"):
            actor = entity.get("actor")
            row = EntityRow(
                article_id=self.article_id,
                local_id=local,
                type=str(entity.get("type") or "OTHER"),
                name=str(entity.get("name") or ""),
                name_ar=entity.get("name_ar"),
                actor_id=self.keys.kb_actor(actor) if actor and actor.get("id") else None,
                mentions=list(entity.get("mentions") or []),
            )
            self.session.add(row)
            self.entities[local] = row
        self.session.flush()

    def add_places(self, places: Sequence[Json]) -> None:
        for local, place in _local_ids(places, "p"):
            place_id = self.keys.place(place)
            if place_id is not None:
                self.session.add(
                    ArticlePlaceRow(
                        article_id=self.article_id,
                        local_id=local,
                        place_id=place_id,
                        mentions=list(place.get("mentions") or []),
                    )
                )

    def add_claims(self, claims: Sequence[Json]) -> None:
        for local, claim in _local_ids(claims, "c"):
            speaker = claim.get("speaker") or {}
            content = claim.get("content") or {}
            cue_start, cue_end, cue_text = _span(claim.get("cue"))
            self.session.add(
                ClaimRow(
                    article_id=self.article_id,
                    local_id=local,
                    speaker_text=str(speaker.get("text") or ""),
                    speaker_name=speaker.get("name"),
                    speaker_kind=speaker.get("kind"),
                    speaker_entity_id=self.entity_id(speaker.get("entity")),
                    via=list(claim.get("via") or []),
                    cue_start=cue_start,
                    cue_end=cue_end,
                    cue_text=cue_text,
                    content_start=int(content.get("start", 0)),
                    content_end=int(content.get("end", 0)),
                    content_text=str(content.get("text") or ""),
                    direct=_DIRECT.get(claim.get("direct", False), "indirect"),
                    negated=bool(claim.get("negated", False)),
                )
            )

    def actor(self, actor: Json | None) -> int | None:
        """An event's actor: the global actor of the entity it names, else an actor by name."""
        if not actor or not actor.get("name"):
            return None
        entity = self.entities.get(str(actor.get("entity") or ""))
        if entity is not None and entity.actor_id is not None:
            return entity.actor_id
        return self.keys.named_actor(actor)

    def figures(self, event: Json) -> list[FigureRow]:
        rows = []
        for kind in ("fatalities", "injuries"):
            for quantity in event.get(kind) or []:
                claimant = quantity.get("claimant") or {}
                start, end, text = _span(quantity.get("evidence"))
                rows.append(
                    FigureRow(
                        kind=kind,
                        count=quantity.get("count"),
                        low=quantity.get("low"),
                        high=quantity.get("high"),
                        qualifier=str(quantity.get("qualifier") or "unknown"),
                        victims=quantity.get("victims"),
                        claimant_text=claimant.get("text"),
                        claimant_name=claimant.get("name"),
                        claimant_kind=claimant.get("kind"),
                        claimant_entity_id=self.entity_id(claimant.get("entity")),
                        evidence_start=start,
                        evidence_end=end,
                        evidence_text=text,
                    )
                )
        return rows

    def add_report(self, local: str, event: Json) -> ReportRow:
        location = event.get("location") or {}
        place = location.get("place")
        date = event.get("date") or {}
        figures = self.figures(event)
        toll = estimate([f for f in figures if f.kind == "fatalities"])
        report = ReportRow(
            article_id=self.article_id,
            local_id=local,
            type=str(event.get("type") or "strategic_developments"),
            subtype=str(event.get("subtype") or "other"),
            plover=event.get("plover"),
            date=_date(date.get("value")),
            date_precision=str(date.get("precision") or "unknown"),
            location_text=location.get("text"),
            place_id=self.keys.place(place) if place else None,
            geo_precision=location.get("precision"),
            country=_iso2((place or {}).get("country")) or self.country,
            admin1=(place or {}).get("admin1") or None,
            actor1_id=self.actor(event.get("actor1")),
            actor2_id=self.actor(event.get("actor2")),
            fatalities_best=toll.best,
            fatalities_low=toll.low,
            fatalities_high=toll.high,
            historical=bool(event.get("historical", False)),
            confidence=event.get("confidence"),
            evidence=list(event.get("evidence") or []),
            event_json=dict(event),
            figures=figures,
        )
        self.session.add(report)
        return report


def normalise(session: Session, article_id: str, document: Json) -> list[ReportRow]:
    """Write the rows of one stored article; returns its reports, not yet linked to events."""
    article = _Article(session, article_id, _iso2((document.get("article") or {}).get("country")))
    article.add_entities(document.get("entities") or [])
    article.add_places(document.get("places") or [])
    article.add_claims(document.get("claims") or [])
    reports = [
        article.add_report(local, event) for local, event in _local_ids(document.get("events") or [], "e")
    ]
    session.flush()
    return reports
