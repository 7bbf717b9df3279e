"""The store: articles, what was read from them, and quarantined inputs, in SQLite (default) or PostgreSQL.

Table rows (:mod:`marsad.store.models`) are not the API's shapes; callers get rows back and the serve
layer decides what to show. All SQL goes through SQLAlchemy with bound parameters. Opening a store brings
its schema up to date with the shipped Alembic migrations (:mod:`marsad.store.migrate`), then takes apart
any article stored before its rows existed.

Each :meth:`Store.session` is one transaction: an ingest that is killed loses at most the document it was
writing, and SQLite runs in WAL mode with real ``BEGIN`` transactions so that holds there too.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, make_url, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from marsad.document import Document
from marsad.errors import StoreError
from marsad.merge.linker import link
from marsad.read.raw import Rejected
from marsad.store import migrate
from marsad.store.events import Linker, attach_report
from marsad.store.models import ArticleRow, EventRow, QuarantineRow
from marsad.store.normalise import VERSION, normalise

__all__ = ["ArticleRow", "EventRow", "QuarantineRow", "Store", "database_url", "default_data_dir"]

log = logging.getLogger(__name__)
_DIALECTS = frozenset({"sqlite", "postgresql"})


def default_data_dir() -> Path:
    """``$MARSAD_DATA_DIR``, else ``$XDG_DATA_HOME/marsad``, else ``~/.local/share/marsad``."""
    if explicit := os.environ.get("MARSAD_DATA_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "marsad"


def database_url(db: str | None, data_dir: Path | None) -> str:
    """The SQLAlchemy URL for ``--db`` (a URL or a file path), or the SQLite file in the data directory.

    ``postgresql://`` is read as psycopg 3, the driver Marsad depends on.
    """
    if db and "://" in db:
        return (
            "postgresql+psycopg://" + db.removeprefix("postgresql://")
            if db.startswith("postgresql://")
            else db
        )
    if db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    directory = (data_dir or default_data_dir()).expanduser()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(directory / 'marsad.sqlite').resolve()}"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, begin transactions (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """An explicit BEGIN, so DDL (migrations) and reads are inside the transaction, not auto-committed."""
    connection.exec_driver_sql("BEGIN")


def _engine(url: str) -> Engine:
    if make_url(url).get_backend_name() not in _DIALECTS:
        raise StoreError(f"{url}: only SQLite and PostgreSQL databases are supported", code="D002")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """Articles, their entities, places, claims and events, and the quarantine, in one database.

    ``linker`` decides which event each new report joins (see :mod:`marsad.store.events`); by default
    the merge stage's :func:`marsad.merge.link`, which links reports of one event across articles.
    """

    def __init__(self, url: str, *, linker: Linker | None = None) -> None:
        self.url = url
        self.linker: Linker = linker or link
        try:
            self.engine: Engine = _engine(url)
            migrate.upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {url}: {exc}", code="D001") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._normalise_pending()

    @classmethod
    def open(
        cls, db: str | None = None, data_dir: Path | None = None, *, linker: Linker | None = None
    ) -> Store:
        return cls(database_url(db, data_dir), linker=linker)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
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
        """Store a document with its rows and events; False (and nothing written) when it is already there."""
        if self.find_duplicate(session, doc.hash, doc.source.url) is not None:
            return False
        document = doc.to_json()
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
                document=document,
                ingested_at=_now(),
                normalised=VERSION,
            )
        )
        session.flush()
        self._link(session, doc.id, document)
        return True

    def _link(self, session: Session, article_id: str, document: dict[str, Any]) -> None:
        """Take the article apart into rows, and give each of its reports the event the linker picks."""
        for report in normalise(session, article_id, document):
            attach_report(session, report, self.linker(session, report))

    def _normalise_pending(self) -> None:
        """Take apart articles stored before their rows existed (a store made by an older Marsad).

        One transaction per article; one that cannot be taken apart stays stored whole and is tried again
        at the next open, by which time a newer version may read it.
        """
        with self.session() as session:
            pending = list(session.scalars(select(ArticleRow.id).where(ArticleRow.normalised.is_(None))))
        for article_id in pending:
            try:
                self._normalise_one(article_id)
            except IntegrityError:
                log.info("article %s was taken apart by another process", article_id)
            except (SQLAlchemyError, LookupError, TypeError, ValueError, AttributeError) as exc:
                log.warning("article %s could not be taken apart: %s", article_id, exc)
        if pending:
            log.info("took apart %d articles stored by an older version", len(pending))

    def _normalise_one(self, article_id: str) -> None:
        with self.session() as session:
            row = session.get(ArticleRow, article_id)
            if row is not None and row.normalised is None:  # else another process got there first
                self._link(session, row.id, row.document)
                row.normalised = VERSION

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

    # -- events ---------------------------------------------------------------------------------
    def count_events(self) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(EventRow)) or 0

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
