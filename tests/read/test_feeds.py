"""RSS and Atom unpacking, with Arabic items, with and without fetching the items' pages."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.read.feeds import iter_feed
from marsad.read.fetch import FetchPolicy
from marsad.read.raw import RawItem, Rejected
from tests.read.httpsite import serve

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>https://news.example/</link>
<item>
  <title>غارات جوية على ريف إدلب</title>
  <link>https://news.example/2024/11/30/idlib</link>
  <description>&lt;p&gt;شنت طائرات حربية غارات على بلدات في ريف إدلب الجنوبي.&lt;/p&gt;</description>
  <pubDate>Sat, 30 Nov 2024 07:45:00 GMT</pubDate>
</item>
<item>
  <title>اشتباكات في محيط المطار</title>
  <link>/2024/11/29/airport</link>
  <description>دارت اشتباكات عنيفة في محيط المطار.</description>
  <pubDate>Fri, 29 Nov 2024 22:10:00 +0300</pubDate>
</item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2024-11-30T10:00:00Z</updated>
<entry>
  <title>قصف مدفعي على حي سكني</title><id>urn:1</id>
  <link href="https://wire.example/1"/>
  <updated>2024-11-30T10:00:00Z</updated>
  <summary>ملخص قصير</summary>
  <content type="html">&lt;p&gt;قصف مدفعي استهدف حياً سكنياً وأدى إلى سقوط ضحايا.&lt;/p&gt;
    &lt;p&gt;وقال شهود إن القصف استمر ساعة.&lt;/p&gt;</content>
</entry>
<entry>
  <title>Ceasefire talks resume</title><id>urn:2</id>
  <link href="https://wire.example/2"/>
  <published>2024-11-28T08:00:00Z</published><updated>2024-11-30T09:00:00Z</updated>
  <content type="text">Negotiators met again on Thursday.</content>
</entry>
</feed>""".encode()

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/1"><title>Item</title><link>https://old.example/1</link>
<description>Body text of the item.</description></item>
</rdf:RDF>"""


def items_of(
    data: bytes, origin: str = "feed.xml", policy: FetchPolicy | None = None
) -> list[RawItem | Rejected]:
    return list(iter_feed(data, origin, fetch_policy=policy))


def test_rss_items_from_their_own_text() -> None:
    first, second = items_of(RSS, "https://news.example/feed.xml")
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.origin == "https://news.example/feed.xml#item=1"
    assert first.title == "غارات جوية على ريف إدلب"
    assert first.url == "https://news.example/2024/11/30/idlib"
    assert first.media == "html"
    assert first.text == "<p>شنت طائرات حربية غارات على بلدات في ريف إدلب الجنوبي.</p>"
    assert first.data == first.text.encode()
    assert (first.published, first.published_from) == (dt.date(2024, 11, 30), "feed")
    assert second.url == "https://news.example/2024/11/29/airport"  # relative link, resolved on the feed URL
    assert second.published == dt.date(2024, 11, 29)  # the day in UTC


def test_atom_prefers_full_content_and_keeps_plain_text_as_text() -> None:
    first, second = items_of(ATOM)
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.text is not None and "وقال شهود" in first.text  # the content, not the shorter summary
    assert first.media == "html"
    assert first.published == dt.date(2024, 11, 30)  # only <updated>: better than no date
    assert (second.media, second.text) == ("text", "Negotiators met again on Thursday.")
    assert second.published == dt.date(2024, 11, 28)  # <published> wins over <updated>


def test_rss_1_rdf() -> None:
    (item,) = items_of(RDF)
    assert isinstance(item, RawItem) and item.text == "Body text of the item." and item.published is None


def test_item_without_text_or_fetching_is_rejected() -> None:
    feed = b"<rss version='2.0'><channel><item><title>T</title><link>https://x.example/1</link></item></channel></rss>"
    (item,) = items_of(feed)
    assert isinstance(item, Rejected) and item.code == "I212" and "follow feed links" in item.reason


def test_documents_that_are_not_feeds_are_one_rejection() -> None:
    for data in (b"<html><body><p>page</p></body></html>", b"\x00\x01garbage", b""):
        (item,) = items_of(data)
        assert isinstance(item, Rejected) and item.code == "I211"


def test_fetches_item_pages_and_keeps_the_feed_metadata() -> None:
    article = "<html><body><p>النص الكامل للخبر.</p></body></html>".encode()
    with serve({"/full": ("text/html; charset=utf-8", article)}) as site:
        feed = f"""<rss version="2.0"><channel>
          <item><title>خبر كامل</title><link>{site.url("/full")}</link><description>مقتطف</description>
                <pubDate>Sat, 30 Nov 2024 07:45:00 GMT</pubDate></item>
          <item><title>رابط خاص</title><link>http://10.0.0.1/private</link>
                <description>مقتطف فقط</description></item>
          <item><title>بلا نص</title><link>{site.url("/absent")}</link></item>
        </channel></rss>""".encode()
        policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}))
        fetched, fallback, failed = items_of(feed, "feed.xml", policy)
    assert isinstance(fetched, RawItem)
    assert (fetched.data, fetched.url, fetched.title) == (article, site.url("/full"), "خبر كامل")
    assert (fetched.published, fetched.published_from, fetched.origin) == (
        dt.date(2024, 11, 30),
        "feed",
        "feed.xml#item=1",
    )
    assert fetched.declared_encoding == "utf-8"
    assert isinstance(fallback, RawItem) and fallback.text == "مقتطف فقط"  # the private link was refused
    assert isinstance(failed, Rejected) and failed.code == "I212" and "HTTP 404" in failed.reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1000))
def test_random_bytes_never_raise(data: bytes) -> None:
    assert all(isinstance(i, RawItem | Rejected) for i in items_of(data))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40), st.text(max_size=80)), max_size=4))
def test_random_items_never_raise(entries: list[tuple[str, str, str]]) -> None:
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><description>{escape(d)}</description>"
        f"<pubDate>{escape(t)}</pubDate></item>"
        for t, link, d in entries
    )
    data = f"<rss version='2.0'><channel>{body}</channel></rss>".encode("utf-8", "replace")
    assert all(isinstance(i, RawItem | Rejected) for i in items_of(data))
