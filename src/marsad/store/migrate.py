"""Bring a database to the current schema with the Alembic migrations shipped in the package.

Runs at every :meth:`Store.open`, so a user never runs a migration by hand. A database made before the
store had migrations (tables, no ``alembic_version``) is stamped with the baseline revision, whose tables
it already has, then upgraded like any other, so its rows stay where they are.
"""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

BASELINE = "0001"
"""The revision whose schema the store had before it had migrations: ``articles`` and ``quarantine``."""
_LOCK_KEY = 0x6D617273  # "mars": PostgreSQL advisory lock taken while migrating
_LEGACY_TABLE = "articles"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic settings for the shipped migrations, migrating ``connection`` when one is given."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("marsad.store") / "migrations"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision shipped with this version of Marsad."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None, "the package ships no migration"
    return revision


def current(connection: Connection) -> str | None:
    """The revision the database is at; None for a database that has never been migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database to :func:`head`, stamping a pre-migration database first.

    On PostgreSQL an advisory lock makes concurrent openers (several workers starting at once) migrate
    one after the other; the second finds the work done.
    """
    target = head()
    with engine.connect() as connection:
        if current(connection) == target:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        if current(connection) is None and inspect(connection).has_table(_LEGACY_TABLE):
            command.stamp(alembic_config(connection), BASELINE)
        command.upgrade(alembic_config(connection), "head")
