"""The app's long-standing routes over a real SQLite store and a real HTTP server on loopback."""

from __future__ import annotations

from pathlib import Path

import httpx

from marsad.document import Document, Paragraph, Source
from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store
from tests.conftest import LiveServer


def _add(store: Store, doc: Document) -> None:
    with store.session() as session:
        store.add_document(session, doc)


def test_pages_and_api(store: Store) -> None:
    arabic = "قال الجيش إن الهجوم بدأ فجرا."
    _add(
        store,
        Document(
            text=arabic,
            title="عنوان الخبر",
            language="ar",
            paragraphs=[Paragraph(0, len(arabic), "ar")],
            source=Source(origin="a.txt"),
        ),
    )
    with LiveServer(create_app(store)) as server:
        index = httpx.get(server.url + "/")
        assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
        listing = httpx.get(server.url + "/api/articles").json()
        assert listing["total"] == 1 and listing["items"][0]["title"] == "عنوان الخبر"
        article_id = listing["items"][0]["id"]
        assert httpx.get(f"{server.url}/api/articles/{article_id}").json()["article"]["text"] == arabic
        missing = httpx.get(f"{server.url}/api/articles/nope")
        assert missing.status_code == 404 and "nope" in missing.json()["error"]["message"]
        assert httpx.get(server.url + "/openapi.json").json()["info"]["title"] == "Marsad"
        health = httpx.get(server.url + "/api/health").json()
        assert health["status"] == "ok" and health["articles"] == 1 and health["writes"] is False


def test_static_assets_are_cached_for_long(store: Store) -> None:
    with LiveServer(create_app(store)) as server:
        page = httpx.get(server.url + "/").text
        script = page.split('src="', 1)[1].split('"', 1)[0]
        asset = httpx.get(server.url + script)
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]


def test_app_opens_the_store_its_settings_name(tmp_path: Path) -> None:
    settings = ServeSettings(data_dir=tmp_path)
    with LiveServer(create_app(settings=settings)) as server:
        assert httpx.get(server.url + "/api/health").json()["articles"] == 0
    assert (tmp_path / "marsad.sqlite").is_file()
