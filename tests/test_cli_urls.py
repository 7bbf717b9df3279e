"""`marsad extract` and `marsad ingest` on URLs served by a real HTTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from tests.read.httpsite import serve

PAGE = (
    b"<html><head><title>Shelling hits market in Taiz</title></head><body><article>"
    b"<h1>Shelling hits market in Taiz</h1>"
    b"<p>TAIZ, Yemen (Reuters) - Shelling hit a crowded market in the city of Taiz on Sunday, killing four "
    b"people and wounding eleven, local health officials said.</p>"
    b"<p>The government blamed the Houthis, who did not comment on the attack.</p>"
    b"</article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>Market shelled</title><link>{url}</link><pubDate>Sun, 02 Mar 2025 08:00:00 GMT</pubDate>"
    "<description>Short item text about the shelling of a market in Taiz.</description></item>"
    "</channel></rss>"
)
runner = CliRunner()


def test_extract_refuses_loopback_unless_allowed() -> None:
    with serve({"/story": ("text/html; charset=utf-8", PAGE)}) as site:
        refused = runner.invoke(app, ["extract", "--json", site.url("/story")])
        allowed = runner.invoke(app, ["extract", "--json", "--allow-private", site.url("/story")])
    assert refused.exit_code == 2
    assert "--allow-private" in refused.output or "private" in refused.output or "loopback" in refused.output
    assert allowed.exit_code == 0, allowed.output
    article = json.loads(allowed.stdout)["article"]
    assert article["title"] == "Shelling hits market in Taiz"
    assert article["source"]["url"] == site.url("/story")
    assert article["dateline"]["place"]["country"] == "YE"


def test_ingest_feed_following_links(tmp_path: Path) -> None:
    with serve({"/story": ("text/html; charset=utf-8", PAGE)}) as site:
        feed = FEED.format(url=site.url("/story")).encode()
        with serve({"/feed.xml": ("application/rss+xml", feed)}) as feeds:
            args = [
                "ingest",
                "--data-dir",
                str(tmp_path),
                "--allow-private",
                "--follow-links",
                feeds.url("/feed.xml"),
            ]
            first = runner.invoke(app, args)
            again = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "read 1, new 1" in first.stdout
    assert "new 0, duplicates 1" in again.stdout
