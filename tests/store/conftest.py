"""Every store test runs twice: on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.store.database import Store

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a fresh database on the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'marsad.sqlite'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return str(cluster.url())


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """The store on each back end (overrides the suite's SQLite-only ``store`` for these tests)."""
    opened = Store(db_url)
    yield opened
    opened.close()
