"""What the linker compares about a report, language-free: a :class:`Profile`.

An Arabic and an English report of one strike share no words, but the earlier stages have already put
both in the same terms: ACLED types, ISO dates, geocoded places with coordinates, knowledge-base actors
with canonical English names and inter codes, and fatality counts as numbers. A profile keeps exactly
those, so two reports meet without translation. Profiles are plain values: scoring them
(:mod:`marsad.merge.score`) needs no database, and the tests can build them by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from marsad.merge.rules import Rules
from marsad.store.models import ActorRow, ArticlePlaceRow, EntityRow, PlaceRow, ReportRow


@dataclass(frozen=True, slots=True)
class Actor:
    """A named actor: its knowledge-base id when known, its canonical name (case-folded), its ACLED inter
    code and its country."""

    kb_id: str | None
    name: str
    inter: int | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """One report as the linker sees it. ``actors`` holds None for an actor nobody is named for."""

    report_id: int
    article_id: str
    type: str
    subtype: str
    date: dt.date | None
    date_precision: str
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    actors: tuple[Actor | None, Actor | None] = (None, None)
    fatalities: int | None = None
    names: frozenset[str] = field(default_factory=frozenset)
    """Canonical places and actors the report's evidence mentions besides its own place and actors, as
    global ids (``p12``, ``a7``): a language-free trace of the wording (the market's district, the
    monitor quoted). Countries and provinces are left out: too broad to tell events apart."""


def _actor(row: ActorRow | None, rules: Rules) -> Actor | None:
    """The actor as compared, or None for nobody known ("unknown", "Unidentified Armed Group (Syria)")."""
    if row is None or row.name.casefold().startswith(rules.unknown_prefixes):
        return None
    return Actor(row.kb_id, row.name.casefold(), row.inter, row.country)


def _overlaps(mentions: Iterable[Mapping[str, Any]], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a name is mentioned inside the report's evidence (offsets from stored JSON: checked)."""
    for mention in mentions:
        start, end = mention.get("start"), mention.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and any(start < span_end and span_start < end for span_start, span_end in spans)
        ):
            return True
    return False


def _spans(report: ReportRow) -> list[tuple[int, int]]:
    spans = []
    for span in report.evidence or []:
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int):
            spans.append((start, end))
    return spans


class _Names:
    """The canonical names each article mentions, with where: loaded once for a batch of articles."""

    def __init__(self, session: Session, article_ids: set[str], broad_features: frozenset[str]) -> None:
        self.actors: dict[str, list[tuple[int, list[dict[str, Any]]]]] = {}
        self.places: dict[str, list[tuple[int, list[dict[str, Any]]]]] = {}
        if not article_ids:
            return
        entities = select(EntityRow.article_id, EntityRow.actor_id, EntityRow.mentions).where(
            EntityRow.article_id.in_(article_ids), EntityRow.actor_id.is_not(None)
        )
        for article_id, actor_id, mentions in session.execute(entities):
            self.actors.setdefault(article_id, []).append((actor_id, mentions or []))
        places = (
            select(ArticlePlaceRow.article_id, ArticlePlaceRow.place_id, ArticlePlaceRow.mentions)
            .join(PlaceRow, PlaceRow.id == ArticlePlaceRow.place_id)
            .where(
                ArticlePlaceRow.article_id.in_(article_ids),
                or_(PlaceRow.feature.is_(None), PlaceRow.feature.not_in(sorted(broad_features))),
            )
        )
        for article_id, place_id, mentions in session.execute(places):
            self.places.setdefault(article_id, []).append((place_id, mentions or []))

    def of(self, report: ReportRow) -> frozenset[str]:
        spans = _spans(report)
        own_actors = {report.actor1_id, report.actor2_id}
        names = {
            f"a{actor_id}"
            for actor_id, mentions in self.actors.get(report.article_id, [])
            if actor_id not in own_actors and _overlaps(mentions, spans)
        }
        names |= {
            f"p{place_id}"
            for place_id, mentions in self.places.get(report.article_id, [])
            if place_id != report.place_id and _overlaps(mentions, spans)
        }
        return frozenset(names)


def profiles(
    session: Session, reports: Sequence[ReportRow], rules: Rules, *, names: bool = True
) -> list[Profile]:
    """The profiles of ``reports``, in order, with one query each for their places, actors and names.

    ``names=False`` leaves ``names`` empty and saves reading the articles' mentions: the gates do not
    need them, so the linker reads them only for the candidates that pass.
    """
    articles = {report.article_id for report in reports} if names else set()
    mentioned = _Names(session, articles, rules.broad_features)
    place_ids = {r.place_id for r in reports if r.place_id is not None}
    actor_ids = {a for r in reports for a in (r.actor1_id, r.actor2_id) if a is not None}
    places = {row.id: row for row in session.scalars(select(PlaceRow).where(PlaceRow.id.in_(place_ids)))}
    actors = {row.id: row for row in session.scalars(select(ActorRow).where(ActorRow.id.in_(actor_ids)))}
    return [_profile(report, places, actors, mentioned, rules) for report in reports]


def _profile(
    report: ReportRow, places: dict[int, PlaceRow], actors: dict[int, ActorRow], names: _Names, rules: Rules
) -> Profile:
    place = places.get(report.place_id) if report.place_id is not None else None
    actor1 = actors.get(report.actor1_id) if report.actor1_id is not None else None
    actor2 = actors.get(report.actor2_id) if report.actor2_id is not None else None
    return Profile(
        report_id=report.id,
        article_id=report.article_id,
        type=report.type,
        subtype=report.subtype,
        date=report.date,
        date_precision=report.date_precision,
        place_id=report.place_id,
        lat=place.lat if place is not None else None,
        lon=place.lon if place is not None else None,
        geo_precision=report.geo_precision,
        country=report.country,
        admin1=report.admin1 or (place.admin1 if place is not None else None),
        actors=(_actor(actor1, rules), _actor(actor2, rules)),
        fatalities=report.fatalities_best,
        names=names.of(report),
    )
