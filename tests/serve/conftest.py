"""Fixtures for the serve tests: a seeded SQLite store and a live server over it, shared by a module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store
from tests.conftest import LiveServer
from tests.serve.seed import Seeded, seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Seeded]]:
    store = Store.open(data_dir=Path(tmp_path_factory.mktemp("seeded")))
    ids = seed(store)
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def server(seeded: tuple[Store, Seeded]) -> Iterator[LiveServer]:
    """A read-only server (no token) over the seeded store."""
    with LiveServer(create_app(seeded[0], settings=ServeSettings())) as live:
        yield live


@pytest.fixture(scope="module")
def ids(seeded: tuple[Store, Seeded]) -> Seeded:
    return seeded[1]
