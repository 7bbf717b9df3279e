"""Turn a page's candidate paragraphs into the article body, its dateline and its syndication note.

Every reader (HTML, page dumps, feeds, archives) ends here, so the rules that decide what is the
story and what is about the story live in one place:

* a syndication note ("…has not been edited by Example News staff and is published from a syndicated feed")
  leaves the body and names the publishing site;
* page furniture at the edges and known furniture phrases leave the body;
* a dateline on a line of its own ("عمان:") is a header and leaves the body; a dateline that opens the
  first paragraph ("BEIRUT (Reuters) - The army said…") stays, as published, with its span recorded.

The body is the remaining paragraphs joined by blank lines, exactly as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.document import Dateline, Span
from marsad.read.furniture import drop_furniture, trim_furniture, word_count
from marsad.read.lexicon import agencies, syndication_patterns

PARAGRAPH_SEPARATOR = "\n\n"
_MAX_NOTE_WORDS = 80

# A dateline line: a place (a few words), optionally ", date" and "(agency)", then ':' or a dash.
_DASHES = "\\-–—ـ"
_LINE = re.compile(
    rf"^\s*(?P<place>[^\W\d_][^\n(){_DASHES}:،,]*?)\s*(?:[,،]\s*(?P<extra>[^\n(){_DASHES}:]{{1,30}}?))?\s*"
    rf"(?:\((?P<agency>[^()\n]{{1,40}})\))?\s*(?P<end>[:{_DASHES}])?\s*$"
)
# A dateline opening a paragraph in capitals: "GAZA CITY, Gaza Strip (AP) — ", "BEIRUT, Nov 30 (Reuters) - ".
_INLINE_CAPS = re.compile(
    rf"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){{0,3}})(?:,\s*(?P<extra>[A-Z][\w .]{{1,30}}?))?"
    rf"\s*(?:\((?P<agency>[^()\n]{{1,40}})\))?\s*[{_DASHES}:]\s+"
)
# Any script, but then the agency is required: "Beirut, Lebanon (CNN) — ", "بيروت (رويترز) - ".
_INLINE_AGENCY = re.compile(
    rf"^(?P<place>[^\W\d_][^\n(){_DASHES}:،,]{{0,40}}?)\s*(?:[,،]\s*(?P<extra>[^\n(){_DASHES}:]{{1,30}}?))?"
    rf"\s*\((?P<agency>[^()\n]{{1,40}})\)\s*[{_DASHES}:]\s+"
)
# Arabic house style without an agency: "القاهرة - ", "دمشق – سانا:", "غزة - «القدس العربي»:".
_INLINE_ARABIC = re.compile(
    rf"^(?P<place>[\u0621-\u064a]+(?: [\u0621-\u064a]+){{0,2}})\s+[{_DASHES}]\s+"
    rf"(?:(?P<agency>[«\"“]?[^\n:«»{_DASHES}]{{2,30}}?[»\"”]?)\s*:\s+)?"
)


@dataclass(frozen=True, slots=True)
class Syndication:
    note: str
    site: str | None
    agency: str | None


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    paragraphs: list[tuple[int, int]]
    dateline: Dateline | None
    syndication: Syndication | None


def assemble_body(paragraphs: list[str], *, title: str | None = None, trim_edges: bool = True) -> Body:
    """The article body from candidate paragraphs (in page order, text as published).

    ``trim_edges`` drops short non-sentence lines at both ends, right for page dumps; an HTML extractor
    has already cut the page to its article, where such lines are table rows or captions worth keeping.
    """
    paragraphs, syndication = _take_syndication(paragraphs)
    paragraphs = trim_furniture(paragraphs) if trim_edges else drop_furniture(paragraphs)
    if title and paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]
    dateline = None
    if paragraphs:
        dateline = standalone_dateline(paragraphs[0])
        if dateline is not None:
            paragraphs = paragraphs[1:]
    text, spans = _join(paragraphs)
    if dateline is None and text:
        dateline = inline_dateline(text)
    return Body(text=text, paragraphs=spans, dateline=dateline, syndication=syndication)


def _join(paragraphs: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), spans


def _take_syndication(paragraphs: list[str]) -> tuple[list[str], Syndication | None]:
    kept: list[str] = []
    found: Syndication | None = None
    for paragraph in paragraphs:
        note = syndication_note(paragraph) if found is None else None
        if note is None:
            kept.append(paragraph)
        else:
            found = note
    return kept, found


def syndication_note(paragraph: str) -> Syndication | None:
    """The syndication note this paragraph is, if it is one (short, and matching a known pattern)."""
    if word_count(paragraph) > _MAX_NOTE_WORDS:
        return None
    for pattern in syndication_patterns():
        match = pattern.search(paragraph)
        if match:
            groups = match.groupdict()
            site = (groups.get("site") or "").strip() or None
            agency = _canonical_agency(groups.get("agency"))
            return Syndication(note=paragraph.strip(), site=site, agency=agency)
    return None


def _canonical_agency(raw: str | None) -> str | None:
    if not raw:
        return None
    cleaned = raw.strip(' «»"“”')
    return agencies().by_alias.get(cleaned, cleaned)


def _place_ok(place: str) -> bool:
    words = place.split()
    return 0 < len(words) <= agencies().max_place_words


def standalone_dateline(line: str) -> Dateline | None:
    """A dateline printed as a line of its own ("عمان:", "BEIRUT (Reuters) -"), or None."""
    if "\n" in line:
        return None
    match = _LINE.match(line)
    if not match or not _place_ok(match["place"]):
        return None
    if match["end"] is None and match["agency"] is None:
        return None
    return Dateline(
        text=line.strip(), place_name=match["place"].strip(), agency=_canonical_agency(match["agency"])
    )


def inline_dateline(text: str) -> Dateline | None:
    """A dateline opening the body ("BEIRUT (Reuters) - …"), kept in the text with its span."""
    for pattern in (_INLINE_CAPS, _INLINE_AGENCY, _INLINE_ARABIC):
        match = pattern.match(text)
        if match and _place_ok(match["place"]):
            end = match.end()
            while end > 0 and text[end - 1].isspace():
                end -= 1
            return Dateline(
                text=text[:end],
                place_name=match["place"].strip(),
                agency=_canonical_agency(match["agency"]),
                span=Span.of(text, 0, end),
            )
    return None
