"""The schema comes from the shipped Alembic migrations, and a store made before them upgrades intact."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from marsad.store import migrate
from marsad.store.database import Store
from marsad.store.models import Base, ClaimRow, EntityRow, EventRow, ReportRow
from tests.store.documents import article


class Legacy(DeclarativeBase):
    """The store's tables as the first version made them with ``create_all`` (frozen here on purpose)."""


class LegacyArticle(Legacy):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    content_hash: Mapped[str] = mapped_column(sa.String(64), unique=True, index=True)
    url: Mapped[str | None] = mapped_column(sa.Text, index=True)
    origin: Mapped[str] = mapped_column(sa.Text)
    title: Mapped[str | None] = mapped_column(sa.Text)
    language: Mapped[str] = mapped_column(sa.String(8))
    published: Mapped[dt.date | None] = mapped_column(sa.Date)
    published_from: Mapped[str] = mapped_column(sa.String(16))
    site: Mapped[str | None] = mapped_column(sa.Text)
    syndicated_from: Mapped[str | None] = mapped_column(sa.Text)
    text: Mapped[str] = mapped_column(sa.Text)
    document: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    ingested_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))


class LegacyQuarantine(Legacy):
    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(sa.Text, index=True)
    code: Mapped[str] = mapped_column(sa.String(8))
    reason: Mapped[str] = mapped_column(sa.Text)
    sample: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(sa.DateTime(timezone=True))


def _legacy_store(url: str, count: int) -> None:
    engine = sa.create_engine(url)
    Legacy.metadata.create_all(engine)
    now = dt.datetime.now(dt.UTC)
    with sa.orm.Session(engine) as session, session.begin():
        for n in range(count):
            doc = article(n)
            session.add(
                LegacyArticle(
                    id=doc.id,
                    content_hash=doc.hash,
                    url=doc.source.url,
                    origin=doc.source.origin,
                    title=doc.title,
                    language=doc.language,
                    published=doc.published,
                    published_from="text",
                    site=doc.source.site,
                    syndicated_from=None,
                    text=doc.text,
                    document=doc.to_json(),
                    ingested_at=now,
                )
            )
        session.add(
            LegacyQuarantine(origin="bad.bin", code="I020", reason="binary", sample=b"\0", created_at=now)
        )
    engine.dispose()


def _revision(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return migrate.current(connection)


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert _revision(store) == migrate.head()


def test_a_store_made_before_migrations_is_upgraded_without_loss(db_url: str) -> None:
    _legacy_store(db_url, count=3)
    store = Store(db_url)
    assert _revision(store) == migrate.head()
    assert store.count_articles() == 3
    assert [(r.origin, r.sample) for r in store.quarantine()] == [("bad.bin", b"\0")]
    kept = store.article(article(1).id)
    assert kept is not None and kept.document == article(1).to_json() and kept.normalised is not None
    assert store.count_events() == 1, "old articles are taken apart, their reports of one clash linked"
    with store.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(ClaimRow)) == 6
    store.close()
    reopened = Store(db_url)
    assert (reopened.count_articles(), reopened.count_events()) == (3, 1), "opening again changes nothing"
    reopened.close()


def test_downgrade_to_the_baseline_and_back(store: Store) -> None:
    with store.session() as session:
        store.add_document(session, article(1))
    with store.engine.begin() as connection:
        config = migrate.alembic_config(connection)
        command.downgrade(config, migrate.BASELINE)
        assert not sa.inspect(connection).has_table(EventRow.__tablename__)
        command.upgrade(config, "head")
    assert store.count_articles() == 1
    reopened = Store(store.url)
    assert reopened.count_events() == 1, "articles left without rows are taken apart again at open"
    with reopened.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(EntityRow)) == 2
        assert session.scalar(sa.select(sa.func.count()).select_from(ReportRow)) == 1
    reopened.close()


def test_an_old_article_that_cannot_be_taken_apart_does_not_block_the_store(db_url: str) -> None:
    _legacy_store(db_url, count=2)
    engine = sa.create_engine(db_url)
    broken = {"article": {"text": "x"}, "entities": ["not an object"], "events": []}
    with engine.begin() as connection:
        table = LegacyArticle.__table__
        connection.execute(table.update().where(table.c.id == article(0).id).values(document=broken))
    engine.dispose()
    store = Store(db_url)
    assert (store.count_articles(), store.count_events()) == (2, 1)
    kept = store.article(article(0).id)
    assert kept is not None and kept.document == broken and kept.normalised is None
    store.close()
