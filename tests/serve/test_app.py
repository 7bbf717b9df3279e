"""The web UI and API over a real SQLite store and a real HTTP server on loopback."""

from __future__ import annotations

import httpx

from marsad.document import Document, Paragraph, Source
from marsad.serve.app import create_app
from marsad.store.database import Store
from tests.conftest import LiveServer

HOSTILE_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'
HOSTILE_BODY = "Body <script>document.title='pwned'</script> and <img src=x onerror=alert(2)> end."


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
        assert index.status_code == 200
        assert 'dir="rtl"' in index.text and "عنوان الخبر" in index.text
        listing = httpx.get(server.url + "/api/articles").json()
        article_id = listing["items"][0]["id"]
        page = httpx.get(f"{server.url}/articles/{article_id}")
        assert arabic in page.text
        assert httpx.get(f"{server.url}/api/articles/{article_id}").json()["article"]["text"] == arabic
        missing = httpx.get(f"{server.url}/api/articles/nope")
        assert missing.status_code == 404 and "nope" in missing.json()["detail"]
        assert httpx.get(server.url + "/openapi.json").json()["info"]["title"] == "Marsad"


def test_hostile_article_is_escaped(store: Store) -> None:
    _add(store, Document(text=HOSTILE_BODY, title=HOSTILE_TITLE, language="en", source=Source(origin="x")))
    with LiveServer(create_app(store)) as server:
        index = httpx.get(server.url + "/").text
        article_id = httpx.get(server.url + "/api/articles").json()["items"][0]["id"]
        page = httpx.get(f"{server.url}/articles/{article_id}").text
    for html in (index, page):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html
