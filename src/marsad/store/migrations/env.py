"""Alembic's environment: migrate the connection the store hands over, or the URL given on the command line.

:func:`marsad.store.migrate.upgrade` passes its open connection in ``config.attributes["connection"]``; a
developer writing a new revision runs ``alembic -c src/marsad/store/migrations/alembic.ini revision
--autogenerate -m "..." -x url=sqlite:///scratch.sqlite`` against a scratch database instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from marsad.store.models import Base


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database as: alembic ... -x url=sqlite:///path.sqlite")
    engine = create_engine(url)
    with engine.connect() as fresh:
        _migrate(fresh)
    engine.dispose()


run()
