"""``marsad serve`` as a user starts it: a real process, its token option, and read-only without one."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import _free_port


@contextmanager
def serving(data_dir: Path, *options: str) -> Iterator[str]:
    port = _free_port()
    command = [
        sys.executable,
        "-c",
        "from marsad.cli import app; app()",
        "serve",
        "--data-dir",
        str(data_dir),
    ]
    process = subprocess.Popen([*command, "--port", str(port), *options], stdout=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/api/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("marsad serve did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_token_option_enables_writes(tmp_path: Path) -> None:
    with serving(tmp_path, "--token", "cli-token") as url:
        assert httpx.get(url + "/api/health").json()["writes"] is True
        refused = httpx.post(url + "/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer no"})
        assert refused.status_code == 401
    with serving(tmp_path) as url:
        assert httpx.post(url + "/api/ingest", json={"text": "x"}).status_code == 403
