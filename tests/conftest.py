"""Fixtures shared by the whole suite: paths, the optional ../shared folder, stores, a live server."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from marsad.store.database import Store
from tests.store.postgres import BINARIES_HINT, PostgresCluster, find_bindir

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository; tests that need it skip on a user's clone without it."""
    if not (SHARED / "spec").is_dir():
        pytest.skip("../shared is not beside the repository (only the project's own machines have it)")
    return SHARED


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real SQLite file in a temporary folder."""
    s = Store.open(data_dir=tmp_path / "data")
    yield s
    s.close()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A real PostgreSQL server for the whole session, in a temp folder on a loopback port.

    Skips when Debian's server binaries are missing, unless ``MARSAD_REQUIRE_POSTGRES=1`` (CI) makes
    that a failure; ``cluster.url()`` gives each test its own empty database.
    """
    bindir = find_bindir()
    if bindir is None:
        message = f"PostgreSQL server binaries not found: {BINARIES_HINT}"
        if os.environ.get("MARSAD_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    cluster = PostgresCluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """A real uvicorn server on loopback, in a thread, for HTTP and browser tests."""

    def __init__(self, app: object) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
