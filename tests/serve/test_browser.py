"""The web UI in Debian's Chromium, driven by Playwright, over a real server and store.

Covers what a person does: filter the map and list, brush the timeline, open an event with sources that
disagree, open the article with its evidence highlighted; switch the interface language; and checks that
an article carrying script and ``onerror`` payloads renders as inert text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from marsad.api import ingest
from marsad.serve.app import create_app
from marsad.store.database import Store
from tests.conftest import EXAMPLES, LiveServer
from tests.serve.seed import HOSTILE_BODY, HOSTILE_TITLE, Seeded

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
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
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("MARSAD_REQUIRE_BROWSER"):
            pytest.fail(
                "MARSAD_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (apt-get install chromium)"
            )
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


def open_page(browser: Browser, url: str, lang: str = "en") -> Page:
    """A new page in the given interface language, at ``url``, once the app has drawn it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(f"localStorage.setItem('marsad.lang', '{lang}')")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    assert errors == []
    return page


def go(page: Page, hash_: str) -> None:
    """Follow an in-app link and wait for the new view (the app marks the body ready once drawn)."""
    page.evaluate("hash => { document.body.dataset.ready = 'false'; location.hash = hash; }", hash_)
    page.wait_for_selector("body[data-ready=true]")


def test_filter_open_an_event_and_see_its_evidence(browser: Browser, server: LiveServer) -> None:
    page = open_page(browser, server.url + "/")
    page.wait_for_selector(".event-marker, .event-cluster")
    expect(page.locator("li.event-item")).to_have_count(4)
    page.select_option("select[name=type]", "battles")
    expect(page.locator("li.event-item")).to_have_count(2)
    assert "type=battles" in page.url
    page.select_option("select[name=country]", "SY")
    expect(page.locator("li.event-item")).to_have_count(1)
    page.locator("li.event-item a").first.click()
    page.wait_for_selector(".event-page")
    assert page.locator(".comparison.disagree .badge.disagree").count() == 1
    counts = page.locator("table.figures td.best").all_inner_texts()
    assert sorted(counts) == ["12", "20"]
    page.locator(".report a.article-title").first.click()
    page.wait_for_selector(".article-body")
    focus = page.locator("mark.hl-event.focus")
    assert "fighters of the Northern Front attacked positions" in "".join(focus.all_inner_texts())
    background = focus.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


def test_timeline_brush_filters_map_and_list(browser: Browser, server: LiveServer) -> None:
    page = open_page(browser, server.url + "/")
    expect(page.locator("li.event-item")).to_have_count(4)
    chart = page.locator("svg.timeline-chart")
    box = chart.bounding_box()
    assert box is not None
    # The days run from 2024-11-30 to 2024-12-12: the first third holds only the Syrian clash.
    page.mouse.move(box["x"] + 2, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 40, steps=5)
    page.mouse.up()
    expect(page.locator("li.event-item")).to_have_count(1)
    assert "since=2024-11-30" in page.url
    assert page.input_value("input[name=since]") == "2024-11-30"
    assert page.locator(".event-marker").count() == 1
    page.get_by_role("button", name="All dates").click()
    expect(page.locator("li.event-item")).to_have_count(4)
    page.close()


def test_hostile_article_renders_inert(browser: Browser, server: LiveServer, ids: Seeded) -> None:
    page = open_page(browser, f"{server.url}/#/articles/{ids.hostile}")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    title = page.locator("h1.article-title")
    assert title.inner_text() == HOSTILE_TITLE
    assert page.locator(".article-body").inner_text().strip() == HOSTILE_BODY
    event = page.locator(".article-events a").first.get_attribute("href")
    assert event is not None
    injected = "img[src=x], svg[onload], [onerror], [onload], a[href^=javascript], script:not([src])"
    assert page.locator(injected).count() == 0
    # Its event's page (the place name carries an <svg onload>), the article list, the map and its list.
    for view in (event, "#/articles", "#/"):
        go(page, view)
        assert page.locator(injected).count() == 0, view
    page.locator(".event-marker, .event-cluster").first.wait_for()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("document.title") != "pwned"
    page.close()


def test_interface_language_switch_and_text_direction(
    browser: Browser, server: LiveServer, ids: Seeded
) -> None:
    page = open_page(browser, server.url + "/#/articles")
    arabic = page.locator(f"a.article-title[href='#/articles/{ids.arabic}']")
    assert arabic.get_attribute("dir") == "rtl"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.evaluate("document.documentElement.dir") == "ltr"
    page.locator("button.lang-switch").click()
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.locator("nav a.nav-articles").inner_text() == "المقالات"
    english = page.locator(f"a.article-title[href='#/articles/{ids.syria}']")
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.close()


def test_examples_read_by_the_pipeline_render_right_to_left(browser: Browser, store: Store) -> None:
    ingest([str(EXAMPLES)], store)
    with LiveServer(create_app(store)) as server:
        page = open_page(browser, server.url + "/")
        page.locator("nav a.nav-articles").click()
        page.wait_for_selector("ul.articles")
        arabic_link = page.locator("a.article-title[lang=ar]").first
        assert arabic_link.get_attribute("dir") == "rtl"
        arabic_link.click()
        page.wait_for_selector(".article-body")
        title = page.locator("h1.article-title")
        assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert title.inner_text().strip()
        assert page.locator(".article-body mark.hl-event").count() > 0
        page.close()
