"""The store's tables as SQLAlchemy 2 typed models: rows, not API shapes.

An article is stored twice over: whole, as the extract contract's JSON (``articles.document``, what the API
serves), and taken apart into rows that can be queried and joined: its entities, the places and claims it
mentions, and one *report* per event it describes. Reports hang from *events*: for now every report makes
an event of its own; the merge stage will link the reports of one event across articles (see
:func:`marsad.store.events.attach_report`). Actors and places are global, shared by every article that
names them, so an event's actors and place can be compared across articles by id.

The schema is owned by the Alembic migrations in ``marsad/store/migrations``; a test checks that these
models and the migrations agree on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names fixed by convention, so migrations name them alike on every back end."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _article_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class ArticleRow(Base):
    """One article as read; ``document`` is the whole output of ``marsad extract --json``."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    origin: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_from: Mapped[str] = mapped_column(String(16))
    site: Mapped[str | None] = mapped_column(Text)
    syndicated_from: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    normalised: Mapped[int | None] = mapped_column(Integer, index=True)
    """Version of the code that took ``document`` apart into rows; NULL for an article not yet taken apart."""


class ActorRow(Base):
    """An actor, shared by every article naming it: keyed by its knowledge-base id, else by its name."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    kb_id: Mapped[str | None] = mapped_column(Text, index=True)
    name: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(Text)
    inter: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2))


class PlaceRow(Base):
    """A geocoded place, shared by every article naming it: keyed by GeoNames id, else by name and point."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    feature: Mapped[str | None] = mapped_column(Text)


class EntityRow(Base):
    """An entity of one article (``n1``…), linked to its global actor when it is one."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    mentions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    actor: Mapped[ActorRow | None] = relationship()


class ArticlePlaceRow(Base):
    """A place as one article names it (``p1``…), with where in the text."""

    __tablename__ = "article_places"

    article_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    local_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    mentions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class ClaimRow(Base):
    """Who says what in one article: the speaker and where the claim's content lies in the text."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    speaker_text: Mapped[str] = mapped_column(Text)
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_kind: Mapped[str | None] = mapped_column(Text)
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    via: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    cue_text: Mapped[str | None] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content_text: Mapped[str] = mapped_column(Text)
    direct: Mapped[str] = mapped_column(String(8))
    """``direct``, ``indirect`` or ``partial`` (the contract's true, false and "partial")."""
    negated: Mapped[bool] = mapped_column(Boolean)

    speaker_entity: Mapped[EntityRow | None] = relationship()


class EventRow(Base):
    """An event as the database knows it: the summary of every report linked to it.

    Fields are those of the most confident report, except the figures, which weigh every report (see
    :func:`marsad.store.events.refresh_event`). ``inter1``/``inter2`` are ACLED inter codes.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(Text)
    subtype: Mapped[str] = mapped_column(Text)
    plover: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    actor1_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    actor2_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    inter1: Mapped[int | None] = mapped_column(Integer)
    inter2: Mapped[int | None] = mapped_column(Integer)
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    historical: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float | None] = mapped_column(Float)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """True when its reports or their claimants give different fatality counts (see ``figures``)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    place: Mapped[PlaceRow | None] = relationship()
    actor1: Mapped[ActorRow | None] = relationship(foreign_keys=[actor1_id])
    actor2: Mapped[ActorRow | None] = relationship(foreign_keys=[actor2_id])
    reports: Mapped[list[ReportRow]] = relationship(back_populates="event", order_by="ReportRow.id")


class ReportRow(Base):
    """One article's reading of an event: the per-article event JSON with its evidence and figures.

    The typed columns repeat what the merge stage compares (type, date, place, actors, figures), so it can
    find candidate events with SQL rather than by parsing JSON.
    """

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("article_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    article_id: Mapped[str] = _article_fk()
    local_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(Text)
    subtype: Mapped[str] = mapped_column(Text)
    plover: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(Text)
    location_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(Text)
    actor1_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    actor2_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    fatalities_best: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    historical: Mapped[bool] = mapped_column(Boolean)
    confidence: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    event_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """True once a person has put the report in its event (a split or a merge): the linker never moves it."""

    event: Mapped[EventRow | None] = relationship(back_populates="reports")
    article: Mapped[ArticleRow] = relationship()
    place: Mapped[PlaceRow | None] = relationship()
    actor1: Mapped[ActorRow | None] = relationship(foreign_keys=[actor1_id])
    actor2: Mapped[ActorRow | None] = relationship(foreign_keys=[actor2_id])
    figures: Mapped[list[FigureRow]] = relationship(
        back_populates="report", order_by="FigureRow.id", cascade="all, delete-orphan"
    )


class FigureRow(Base):
    """A number of dead (``fatalities``) or wounded (``injuries``) in a report, with who gave it."""

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(Text)
    victims: Mapped[str | None] = mapped_column(Text)
    claimant_text: Mapped[str | None] = mapped_column(Text)
    claimant_name: Mapped[str | None] = mapped_column(Text)
    claimant_kind: Mapped[str | None] = mapped_column(Text)
    claimant_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)

    report: Mapped[ReportRow] = relationship(back_populates="figures")


class QuarantineRow(Base):
    """An input that could not be read, with why and a sample of its bytes."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(Text, index=True)
    code: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    sample: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
