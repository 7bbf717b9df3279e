"""The store: articles and quarantined inputs in SQLite (default) or PostgreSQL, through SQLAlchemy 2.

Table rows (``ArticleRow``) are not the API's shapes; callers get plain rows back and the serve layer
decides what to show. All SQL goes through SQLAlchemy with bound parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from marsad.document import Document
from marsad.errors import StoreError
from marsad.read.raw import Rejected


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
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
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class QuarantineRow(Base):
    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(Text, index=True)
    code: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text)
    sample: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


def default_data_dir() -> Path:
    """``$MARSAD_DATA_DIR``, else ``$XDG_DATA_HOME/marsad``, else ``~/.local/share/marsad``."""
    import os

    if explicit := os.environ.get("MARSAD_DATA_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "marsad"


def database_url(db: str | None, data_dir: Path | None) -> str:
    """The SQLAlchemy URL for ``--db`` (a URL or a file path), or the SQLite file in the data directory."""
    if db and "://" in db:
        return db
    if db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    directory = (data_dir or default_data_dir()).expanduser()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(directory / 'marsad.sqlite').resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """Articles and quarantine, in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {url}: {exc}", code="D001") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, db: str | None = None, data_dir: Path | None = None) -> Store:
        return cls(database_url(db, data_dir))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- articles -------------------------------------------------------------------------------
    def find_duplicate(self, session: Session, content_hash: str, url: str | None) -> str | None:
        """Id of an article already stored with this text or this URL."""
        condition = ArticleRow.content_hash == content_hash
        if url:
            condition = or_(condition, ArticleRow.url == url)
        return session.scalar(select(ArticleRow.id).where(condition).limit(1))

    def add_document(self, session: Session, doc: Document) -> bool:
        """Store a document; False (and nothing written) when it is already there."""
        if self.find_duplicate(session, doc.hash, doc.source.url) is not None:
            return False
        session.add(
            ArticleRow(
                id=doc.id,
                content_hash=doc.hash,
                url=doc.source.url,
                origin=doc.source.origin,
                title=doc.title,
                language=doc.language,
                published=doc.published,
                published_from=doc.published_from,
                site=doc.source.site,
                syndicated_from=doc.source.syndicated_from,
                text=doc.text,
                document=doc.to_json(),
                ingested_at=_now(),
            )
        )
        session.flush()
        return True

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[ArticleRow]:
        with self.session() as session:
            query = select(ArticleRow).order_by(ArticleRow.ingested_at.desc(), ArticleRow.id)
            return list(session.scalars(query.limit(limit).offset(offset)))

    def article(self, article_id: str) -> ArticleRow | None:
        with self.session() as session:
            return session.get(ArticleRow, article_id)

    def count_articles(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    # -- quarantine -----------------------------------------------------------------------------
    def add_rejected(self, session: Session, rejected: Rejected) -> bool:
        """Quarantine an input; the same input failing the same way again is not added twice."""
        exists = session.scalar(
            select(QuarantineRow.id)
            .where(QuarantineRow.origin == rejected.origin, QuarantineRow.code == rejected.code)
            .limit(1)
        )
        if exists is not None:
            return False
        session.add(
            QuarantineRow(
                origin=rejected.origin,
                code=rejected.code,
                reason=rejected.reason,
                sample=rejected.sample,
                created_at=_now(),
            )
        )
        session.flush()
        return True

    def quarantine(self, *, limit: int = 1000) -> list[QuarantineRow]:
        with self.session() as session:
            query = select(QuarantineRow).order_by(QuarantineRow.created_at.desc()).limit(limit)
            return list(session.scalars(query))
