"""Screenshots of the UI for the README: the map, an event page and an article view, as PNG in docs/.

Reads the example articles with the real pipeline into a temporary store, serves it on loopback and drives
Debian's Chromium. Run from the repository root after building the UI:

    .venv/bin/python ui/screenshots.py     # docs/ui-map.png, docs/ui-event.png, docs/ui-article.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import LiveServer  # noqa: E402
from tests.serve.test_browser import CHROMIUM, LAUNCH_ARGS  # noqa: E402

from marsad.api import ingest  # noqa: E402
from marsad.serve.app import create_app  # noqa: E402
from marsad.store.database import Store  # noqa: E402

DOCS = REPO / "docs"
VIEWPORT = {"width": 1400, "height": 900}


def richest_event(url: str) -> tuple[int, str]:
    """The event to show: disputed first, then most figures, then from the shortest article (it fits)."""
    events = httpx.get(url + "/api/events", params={"limit": 200}).json()["items"]
    details = [httpx.get(f"{url}/api/events/{e['id']}").json() for e in events]

    def length(detail: dict[str, Any]) -> int:
        article = detail["reports"][0]["article"]["id"]
        return len(httpx.get(f"{url}/api/articles/{article}").json()["article"]["text"])

    best = min(details, key=lambda d: (not d["disputed"], -len(d["figures"]), -d["report_count"], length(d)))
    return best["id"], best["reports"][0]["article"]["id"]


def shoot(page: Page, url: str, lang: str, name: str, *, full_page: bool = False) -> None:
    page.evaluate("lang => localStorage.setItem('marsad.lang', lang)", lang)
    page.goto(url)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_timeout(1200)  # the basemap and marker animations
    page.screenshot(path=str(DOCS / name), full_page=full_page)
    print(DOCS / name)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(data_dir=Path(folder))
        ingest([str(REPO / "examples")], store)
        with LiveServer(create_app(store)) as server, sync_playwright() as pw:
            event_id, article_id = richest_event(server.url)
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(server.url + "/")
            shoot(page, server.url + "/", "en", "ui-map.png")
            shoot(page, f"{server.url}/#/events/{event_id}", "ar", "ui-event.png")
            shoot(page, f"{server.url}/#/articles/{article_id}?event={event_id}", "en", "ui-article.png")
            browser.close()
        store.close()


if __name__ == "__main__":
    main()
