"""Pull the article out of a news page: its paragraphs, title, date, author, site and declared language.

Trafilatura finds the main text; this module decides how it is asked and what is kept:

* **Precision first, recall when starved.** ``favor_precision`` scores best on the Scrapinghub benchmark,
  but on some pages it keeps only a reprint notice. When the precise body is shorter than
  ``_THIN_BODY_CHARS``, the page is extracted again with the balanced settings and the longer body wins.
* **Split bodies are rejoined.** Publishers that cut a story into sibling chunks (ads in between) lose
  every chunk but the first; chunks of the same class close to the first are merged into it first.
* **Paragraphs stay paragraphs.** The extracted tree is walked block by block, a ``<br>`` becomes a
  newline inside its paragraph, a table row becomes one paragraph with tab-separated cells. Text is kept
  as published (no case, Unicode or Arabic normalisation); only runs of spaces are collapsed, as a
  browser does, and a first paragraph repeating the title leaves the body.
* **Hostile pages fail cleanly.** Empty input, binary data, oversized pages, nesting deeper than the
  parser allows (flattened first, refused if that does not help) and pages with no text end in an
  :class:`~marsad.errors.InputError` (codes ``I020``–``I024``) so the caller quarantines them.

The publication date comes from htmldate (through trafilatura) with ``original_date`` and
``extensive_search`` on: on trafilatura's annotated pages the extensive search dates 630 of 728 pages
correctly against 601 without it, for 10 more wrong dates (benchmarks/extraction.py measures both).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.utils import load_html

from marsad.errors import InputError
from marsad.read.lexicon import load_yaml

MAX_CHARS = 25_000_000
"""Longest page accepted. A 20 MB page takes seconds; news pages are well under 5 MB."""
_THIN_BODY_CHARS = 300
"""A precise body shorter than this is re-extracted with recall-friendly settings (see module doc)."""
_GARBAGE_SAMPLE = 65_536
_GARBAGE_SHARE = 0.05
"""Share of control and replacement characters above which the input is binary data, not a page."""
_DEPTH_PROBE = 200
"""Elements this deep mean the parser may have hit its nesting limit (libxml2 stops at 256)."""
_FLATTEN_DEPTH = 100
"""When flattening, tags nested deeper than this are dropped and their text kept."""

_DATE_PARAMS = {"extensive_search": True, "original_date": True}
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>")
_WORDS = re.compile(r"\w+")
_WEB_URL = re.compile(r"^https?://[^/\s]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LANG = re.compile(r"^([a-zA-Z]{2})(?:$|[-_])")
_DEPTH_XPATH = etree.XPath("boolean(" + "/*" * _DEPTH_PROBE + ")")
_CLASSED = etree.XPath("//*[@class]")
_OG_LOCALE = etree.XPath("//meta[@property='og:locale']/@content")
_CONTENT_LANGUAGE = etree.XPath(
    "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
)
_CHUNK_TAGS = frozenset({"div", "section", "article"})

# Tags of trafilatura's output tree that hold paragraphs; everything else is inline.
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "cell", "div", "section"})
_CELL_SEPARATOR = "\t"


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What a news page says about itself, and its article body."""

    title: str | None
    paragraphs: list[str]
    """The article body, paragraph by paragraph, text as published, boilerplate dropped."""
    published: dt.date | None
    """Original publication date (not the crawl or last-update date)."""
    author: str | None
    site: str | None
    """Site name (og:site_name, publisher) or, failing that, the host of the URL."""
    language: str | None
    """Two-letter language the page declares (``<html lang>``, og:locale), not a guess from the text."""


@dataclass(frozen=True)
class _Rules:
    prune_class: re.Pattern[str]
    body_chunk_class: re.Pattern[str]
    body_chunk_levels: int
    unnested_tags: frozenset[str]
    line_break_tags: frozenset[str]
    title_separator: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_yaml("html.yaml")
    return _Rules(
        prune_class=re.compile(data["prune_class"], re.IGNORECASE),
        body_chunk_class=re.compile(data["body_chunk_class"], re.IGNORECASE),
        body_chunk_levels=int(data["body_chunk_max_levels"]),
        unnested_tags=frozenset(data["void_tags"]) | frozenset(data["unnested_tags"]),
        line_break_tags=frozenset(data["line_break_tags"]),
        title_separator=re.compile(data["title_separator"]),
    )


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the article of one page, or raise :class:`InputError` saying why the page has none.

    ``url`` names the page in errors; when it is a web address it also helps date and name the page.
    """
    source = url or "<html>"
    url = url if url and _WEB_URL.match(url) else None
    tree = _parse(html, source)
    _prepare(tree)
    try:
        document, paragraphs = _extract_body(tree, url)
    except (ValueError, TypeError, RecursionError, etree.LxmlError) as exc:
        reason = f"the extractor failed on this page ({exc.__class__.__name__})"
        raise InputError(source, reason, code="I023") from exc
    site = _site(document, url)
    title = _title(document, tree, site, url)
    paragraphs = _drop_title(paragraphs, title)
    if not paragraphs:
        raise InputError(source, "no article text found in the page", code="I024")
    return HtmlExtract(
        title=title,
        paragraphs=paragraphs,
        published=_date(document.date) if document else None,
        author=_clean(document.author) if document else None,
        site=site,
        language=_language(tree),
    )


def _parse(html: str, source: str) -> HtmlElement:
    """Parse the page, flattening pathological nesting; refuse what is not a page."""
    if not html.strip():
        raise InputError(source, "the page is empty", code="I020")
    if len(html) > MAX_CHARS:
        reason = f"the page has {len(html):,} characters, over the limit of {MAX_CHARS:,}"
        raise InputError(source, reason, code="I021")
    sample = html[:_GARBAGE_SAMPLE]
    if len(_BINARY.findall(sample)) > _GARBAGE_SHARE * len(sample):
        raise InputError(source, "the input looks like binary data, not an HTML page", code="I022")
    tree = _load(html)
    if tree is not None and _DEPTH_XPATH(tree):
        tree = _load(_flatten(html, _FLATTEN_DEPTH))
        if tree is not None and _DEPTH_XPATH(tree):
            raise InputError(source, "the page nests elements too deeply to be read", code="I023")
    if tree is None:
        raise InputError(source, "the input cannot be parsed as HTML", code="I023")
    return tree


def _load(html: str) -> HtmlElement | None:
    """Trafilatura's loader (it repairs what libxml2 chokes on); a bare fragment gets a document around it."""
    tree = load_html(html)
    if tree is None and "<html" not in html[:4096].lower():
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree if isinstance(tree, HtmlElement) else None


def _flatten(html: str, limit: int) -> str:
    """Drop the tags nested deeper than ``limit`` (their text stays), counting tags with a plain scanner.

    Only used after the parser hit its depth limit, which loses the rest of the page. The count is
    approximate on broken markup (an unclosed ``<p>`` counts as a level), which at worst flattens more
    than needed; dropped block tags become ``<br>`` so their lines stay apart.
    """
    rules = _rules()
    depth, last, pieces = 0, 0, []
    for tag in _TAG.finditer(html):
        closing, name = bool(tag.group(1)), tag.group(2).lower()
        if tag.group(3) or name in rules.unnested_tags:
            continue
        depth += 0 if closing else 1
        if depth > limit:
            pieces.append(html[last : tag.start()])
            pieces.append("<br>" if not closing and name in rules.line_break_tags else "")
            last = tag.end()
        if closing:
            depth = max(0, depth - 1)
    pieces.append(html[last:])
    return "".join(pieces)


def _prepare(tree: HtmlElement) -> None:
    """Apply the data-file rules in one pass over classed elements: drop pop-ups, merge split bodies."""
    rules = _rules()
    chunks: list[HtmlElement] = []
    for element in _CLASSED(tree):
        classes = element.get("class", "")
        if rules.prune_class.search(classes) and element.getparent() is not None:
            element.drop_tree()
        elif element.tag in _CHUNK_TAGS and rules.body_chunk_class.search(classes):
            chunks.append(element)
    _merge_body_chunks(chunks, rules.body_chunk_levels)


def _merge_body_chunks(chunks: list[HtmlElement], max_levels: int) -> None:
    """Move later chunks of the first chunk's class into it, when they sit within ``max_levels`` of it."""
    chunk_set = set(chunks)
    outer = [c for c in chunks if not any(a in chunk_set for a in c.iterancestors())]
    if len(outer) < 2:
        return
    first = outer[0]
    near = set(list(first.iterancestors())[:max_levels])
    for chunk in outer[1:]:
        climbs = list(chunk.iterancestors())[:max_levels]
        if chunk.get("class") == first.get("class") and near.intersection(climbs):
            first.extend(list(chunk))


def _extract_body(tree: HtmlElement, url: str | None) -> tuple[TrafilaturaDocument | None, list[str]]:
    """Precise extraction with metadata; a balanced second pass when the precise body is thin."""
    document = _run(tree, url, precise=True, metadata=True)
    paragraphs = _paragraphs(document)
    if sum(map(len, paragraphs)) < _THIN_BODY_CHARS:
        second = _run(tree, url, precise=False, metadata=document is None)
        more = _paragraphs(second)
        if sum(map(len, more)) > sum(map(len, paragraphs)):
            document, paragraphs = document or second, more
    return document, paragraphs


def _run(tree: HtmlElement, url: str | None, *, precise: bool, metadata: bool) -> TrafilaturaDocument | None:
    result = bare_extraction(
        tree,
        url=url,
        favor_precision=precise,
        include_comments=False,
        include_tables=True,
        with_metadata=metadata,
        date_extraction_params={**_DATE_PARAMS, "url": url},
    )
    return result if isinstance(result, TrafilaturaDocument) else None


def _paragraphs(document: TrafilaturaDocument | None) -> list[str]:
    if document is None or document.body is None:
        return []
    out: list[str] = []
    _collect(document.body, out)
    return out


def _collect(element: etree._Element, out: list[str]) -> None:
    """Emit the paragraphs under ``element``: leaf blocks whole, loose text between blocks as its own."""
    if element.tag == "row":
        _emit(_CELL_SEPARATOR.join(_text(cell).strip() for cell in element), out)
        return
    if not any(child.tag in _BLOCKS for child in element.iterdescendants()):
        _emit(_text(element), out)
        return
    run = [element.text or ""]
    for child in element:
        if child.tag in _BLOCKS:
            _emit("".join(run), out)
            _collect(child, out)
            run = []
        else:
            run.append(_text(child))
        run.append(child.tail or "")
    _emit("".join(run), out)


def _text(element: etree._Element) -> str:
    """The element's text with line breaks as newlines (``itertext`` would glue the lines together)."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _emit(text: str, out: list[str]) -> None:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    paragraph = "\n".join(line for line in lines if line)
    if paragraph:
        out.append(paragraph)


def _title(
    document: TrafilaturaDocument | None, tree: HtmlElement, site: str | None, url: str | None
) -> str | None:
    """Trafilatura's title, unless all it kept of ``<title>`` is the site name: then ``<title>`` less it."""
    found = _clean(document.title) if document else None
    whole = _clean(tree.findtext(".//title"))
    if found and whole and found != whole and _names_site(found, _site_keys(site, url)):
        return _headline(whole, site, url)
    return _headline(found, site, url)


def _headline(title: str | None, site: str | None, url: str | None) -> str | None:
    """The title without the site name that pages add before or after the headline."""
    if not title:
        return None
    parts = _rules().title_separator.split(title)
    names = _site_keys(site, url)
    while len(parts) > 1 and _names_site(parts[-1], names):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], names):
        parts.pop(0)
    return title[title.index(parts[0]) : title.rindex(parts[-1]) + len(parts[-1])]


def _site_keys(site: str | None, url: str | None) -> set[str]:
    return {key for name in (site, _host_stem(url)) if name and (key := _key(name))}


def _names_site(part: str, names: set[str]) -> bool:
    key = _key(part)
    return bool(key) and any(key == name or (len(name) > 3 and name in key) for name in names)


def _key(text: str) -> str:
    return "".join(_WORDS.findall(text.casefold()))


def _host_stem(url: str | None) -> str | None:
    """``www.aljazeera.net`` → ``aljazeera``: how a site's name shows in its host."""
    host = urlsplit(url).hostname if url else None
    labels = [label for label in (host or "").split(".") if label != "www"]
    return labels[-2] if len(labels) >= 2 else None


def _drop_title(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline is the title, not the body's first paragraph."""
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        return paragraphs[1:]
    return paragraphs


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _site(document: TrafilaturaDocument | None, url: str | None) -> str | None:
    named = _clean(document.sitename) if document else None
    if named:
        return named
    host = urlsplit(url).hostname if url else None
    return host or (_clean(document.hostname) if document else None)


def _language(tree: HtmlElement) -> str | None:
    """The page's declared language: ``<html lang>``, then og:locale, then Content-Language."""
    declared = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    declared += _OG_LOCALE(tree) + _CONTENT_LANGUAGE(tree)
    for value in declared:
        match = _LANG.match(value.strip()) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None
