"""Fixtures shared by the whole suite: paths, the optional ../shared folder, stores, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from marsad.store.database import Store

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
