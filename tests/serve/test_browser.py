"""The UI in Debian's Chromium, driven by Playwright: the sample's title shows right-to-left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.api import ingest
from marsad.serve.app import create_app
from marsad.store.database import Store
from tests.conftest import EXAMPLES, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("MARSAD_REQUIRE_BROWSER"):
            pytest.fail(
                "MARSAD_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (apt-get install chromium)"
            )
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.mark.browser
def test_sample_title_renders_right_to_left(store: Store, chromium_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    ingest([str(EXAMPLES)], store)
    with LiveServer(create_app(store)) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(server.url + "/")
        arabic_link = page.locator("a.article-title[lang=ar]").first
        assert arabic_link.get_attribute("dir") == "rtl"
        assert arabic_link.evaluate("e => getComputedStyle(e).direction") == "rtl"
        arabic_link.click()
        title = page.locator("h1.article-title")
        assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert title.inner_text().strip()
        browser.close()
