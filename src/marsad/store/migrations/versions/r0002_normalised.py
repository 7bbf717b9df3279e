"""Normalised tables: actors, places, entities, article places, claims, events, reports, figures.

Adds ``articles.normalised``: NULL on the articles already stored, which the store then takes apart into
the new tables from their stored JSON (``Store._normalise_pending``), so nothing needs copying here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0002"
down_revision = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=op.f(f"fk_{table}_{column}_{referred}"), ondelete=ondelete
    )


def _table(name: str, *items: SchemaItem, index: tuple[str, ...] = ()) -> None:
    """A table, with one plain index per column named in ``index``."""
    op.create_table(name, *items)
    for column in index:
        op.create_index(op.f(f"ix_{name}_{column}"), name, [column])


def _place_and_actors(table: str) -> list[SchemaItem]:
    """The columns events and reports share: what happened, when, where, between whom, how many died."""
    return [
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("subtype", sa.Text(), nullable=False),
        sa.Column("plover", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=False),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("actor1_id", sa.Integer(), nullable=True),
        sa.Column("actor2_id", sa.Integer(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        _fk(table, "place_id", "places.id"),
        _fk(table, "actor1_id", "actors.id"),
        _fk(table, "actor2_id", "actors.id"),
    ]


def upgrade() -> None:
    _table(
        "actors",
        _id(),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("kb_id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=True),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("inter", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(2), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("key", name=op.f("uq_actors_key")),
        index=("kb_id",),
    )
    _table(
        "places",
        _id(),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("feature", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("key", name=op.f("uq_places_key")),
        index=("country", "geonames_id"),
    )
    _table(
        "article_places",
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        _fk("article_places", "article_id", "articles.id", "CASCADE"),
        _fk("article_places", "place_id", "places.id"),
        sa.PrimaryKeyConstraint("article_id", "local_id", name=op.f("pk_article_places")),
        index=("place_id",),
    )
    _table(
        "entities",
        _id(),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_ar", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=False),
        _fk("entities", "actor_id", "actors.id", "SET NULL"),
        _fk("entities", "article_id", "articles.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("article_id", "local_id", name=op.f("uq_entities_article_id")),
        index=("actor_id", "article_id"),
    )
    _table(
        "events",
        _id(),
        *_place_and_actors("events"),
        sa.Column("inter1", sa.Integer(), nullable=True),
        sa.Column("inter2", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        index=("actor1_id", "actor2_id", "country", "date", "place_id"),
    )
    _table(
        "claims",
        _id(),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=False),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_kind", sa.Text(), nullable=True),
        sa.Column("speaker_entity_id", sa.Integer(), nullable=True),
        sa.Column("via", sa.JSON(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.Text(), nullable=True),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("direct", sa.String(8), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        _fk("claims", "article_id", "articles.id", "CASCADE"),
        _fk("claims", "speaker_entity_id", "entities.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("article_id", "local_id", name=op.f("uq_claims_article_id")),
        index=("article_id", "speaker_entity_id"),
    )
    _table(
        "reports",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("local_id", sa.String(32), nullable=False),
        *_place_and_actors("reports"),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("event_json", sa.JSON(), nullable=False),
        _fk("reports", "article_id", "articles.id", "CASCADE"),
        _fk("reports", "event_id", "events.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("article_id", "local_id", name=op.f("uq_reports_article_id")),
        index=("article_id", "date", "event_id", "place_id"),
    )
    _table(
        "figures",
        _id(),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("low", sa.Integer(), nullable=True),
        sa.Column("high", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.Text(), nullable=False),
        sa.Column("victims", sa.Text(), nullable=True),
        sa.Column("claimant_text", sa.Text(), nullable=True),
        sa.Column("claimant_name", sa.Text(), nullable=True),
        sa.Column("claimant_kind", sa.Text(), nullable=True),
        sa.Column("claimant_entity_id", sa.Integer(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=True),
        sa.Column("evidence_end", sa.Integer(), nullable=True),
        sa.Column("evidence_text", sa.Text(), nullable=True),
        _fk("figures", "claimant_entity_id", "entities.id", "SET NULL"),
        _fk("figures", "report_id", "reports.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
        index=("report_id",),
    )
    op.add_column("articles", sa.Column("normalised", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_articles_ingested_at"), "articles", ["ingested_at"])
    op.create_index(op.f("ix_articles_normalised"), "articles", ["normalised"])


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_normalised"), table_name="articles")
    op.drop_index(op.f("ix_articles_ingested_at"), table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("normalised")
    for table in ("figures", "reports", "claims", "events", "entities", "article_places", "places", "actors"):
        op.drop_table(table)
