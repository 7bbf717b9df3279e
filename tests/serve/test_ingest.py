"""``POST /api/ingest``: token-protected writes through the real pipeline into a real store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store
from tests.conftest import LiveServer

TOKEN = "test-token-x"
ARTICLE = (
    "Gunmen killed four soldiers at a checkpoint near the town of Harbour City on Monday, the army said.\n\n"
    "The attackers fled towards the hills, a local official said."
)
PAGE = (
    "<html><head><title>Attack on checkpoint</title></head><body><article><h1>Attack on checkpoint</h1>"
    f"<p>{ARTICLE}</p></article></body></html>"
).encode()


def post(url: str, body: dict[str, object], token: str | None = TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(url + "/api/ingest", json=body, headers=headers, timeout=120)


@pytest.fixture
def writable(store: Store) -> Iterator[LiveServer]:
    settings = ServeSettings(api_token=TOKEN, allow_private_urls=True)
    with LiveServer(create_app(store, settings=settings)) as live:
        yield live


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def news_site() -> Iterator[str]:
    """A web page on loopback for the ingest to fetch."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/news/attack.html"
    httpd.shutdown()
    httpd.server_close()


def test_text_is_read_stored_and_served(writable: LiveServer) -> None:
    body = {"text": ARTICLE, "title": "Checkpoint attack", "published": "2025-01-06", "language": "en"}
    result = post(writable.url, body).json()
    assert (result["new"], result["duplicates"]) == (1, 0) and len(result["articles"]) == 1
    article = httpx.get(f"{writable.url}/api/articles/{result['articles'][0]}").json()["article"]
    assert article["title"] == "Checkpoint attack" and article["published"] == "2025-01-06"
    again = post(writable.url, body).json()
    assert (again["new"], again["duplicates"], again["articles"]) == (0, 1, [])


def test_url_is_fetched(writable: LiveServer, news_site: str) -> None:
    result = post(writable.url, {"url": news_site}).json()
    assert result["new"] == 1
    stored = httpx.get(f"{writable.url}/api/articles/{result['articles'][0]}").json()["article"]
    assert "checkpoint" in stored["text"]


def test_private_urls_are_refused_by_default(store: Store, news_site: str) -> None:
    with LiveServer(create_app(store, settings=ServeSettings(api_token=TOKEN))) as live:
        response = post(live.url, {"url": news_site})
    assert response.status_code == 422 and response.json()["error"]["code"].startswith("I")


@pytest.mark.parametrize(
    ("token", "status", "code"), [(None, 401, "unauthorized"), ("wrong", 401, "invalid_token")]
)
def test_writes_need_the_token(writable: LiveServer, token: str | None, status: int, code: str) -> None:
    response = post(writable.url, {"text": ARTICLE}, token=token)
    assert response.status_code == status and response.json()["error"]["code"] == code
    assert response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(writable.url + "/api/health").json()["articles"] == 0


@pytest.mark.parametrize(
    "body", [{}, {"text": "a", "html": "<p>a</p>"}, {"url": "ftp://example.org/a"}, {"text": ""}]
)
def test_bad_bodies_are_refused(writable: LiveServer, body: dict[str, object]) -> None:
    response = post(writable.url, body)
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
