"""What the event stage reads from a document: its words and sentences, and the actors, places, claims,
dates and figures earlier stages found in it, as position-sorted records.

Earlier stages describe the whole article; an event needs only what lies in its clause, so everything here
is indexed by offset. Places are filtered once, here, for the ways a place name appears without being where
anything happened: in the dateline (where the story was filed), after a word that makes it a backer
("المدعومة من إيران", "US-backed"), or as a nationality adjective the places stage read as a country
("المعارضة السورية", "Syrian"). A place inside an organisation's or a speaker's name ("قوات سوريا
الديمقراطية", "المركز الروسي … في سوريا", "شرطة البصرة") is kept apart: at most it is where a local body sits.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from marsad.document import Document
from marsad.language.dates import DateMention, find_dates
from marsad.language.normalize import normalize_arabic, strip_clitics
from marsad.language.numbers import Quantity, find_quantities
from marsad.understand.claims.text import Word, words
from marsad.understand.entities.actors import get_actor_kb
from marsad.understand.events.lexicon import Lexicon
from marsad.understand.events.units import Sentence, split

PlaceKind = Literal["site", "city", "admin", "country"]
_PLACE_ENTITY_TYPES = frozenset({"GPE", "LOC", "FACILITY"})
_ARTICLE = "ال"
_LANGUAGES = ("ar", "en")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A mention of a known actor: where it is written and who it is (``actor_id`` in the knowledge base)."""

    start: int
    end: int
    text: str
    entity: str | None
    actor_id: str | None
    name: str
    name_ar: str | None
    kind: str | None
    """The knowledge base's actor type (state_force, armed_group, government, ...)."""
    inter: int | None
    country: str | None
    generic: bool
    institution: str | None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A mention of a geocoded place; ``key`` identifies the place, ``place`` is its contract record."""

    start: int
    end: int
    text: str
    key: str
    place: Mapping[str, Any]
    kind: PlaceKind


@dataclass
class Article:
    """A document as the event stage reads it."""

    text: str
    lang: str
    reference: date | None
    country: str | None
    ws: list[Word]
    sentences: list[Sentence]
    actors: list[ActorRef]
    places: list[PlaceRef]
    name_places: list[PlaceRef]
    """Places inside an organisation's or speaker's name ("شرطة البصرة"): where it sits, a last resort."""
    claims: list[Mapping[str, Any]]
    dates: list[DateMention]
    quantities: list[Quantity]
    named: list[tuple[int, int]]
    """Spans of proper names of organisations and people: words inside them are never triggers."""
    speakers: list[tuple[int, int]]
    """Spans of the speakers of claims."""
    dateline_place: Mapping[str, Any] | None = None
    """Where the story was filed: never an event's place, but it says which capital "the capital" is."""
    _ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._ends = [w.end for w in self.ws]

    def word_at(self, offset: int) -> int:
        """The index of the word that holds or follows ``offset``."""
        return bisect.bisect_right(self._ends, offset)

    def sentence_of(self, word: int) -> Sentence:
        """The sentence holding word ``word``."""
        index = bisect.bisect_right([s.lo for s in self.sentences], word) - 1
        return self.sentences[max(index, 0)]


def _place_kind(feature: str | None) -> PlaceKind:
    code = feature or ""
    if code.startswith("PCL"):
        return "country"
    if code.startswith("ADM") or code in {"RGN", "ZONE"}:
        return "admin"
    if code.startswith("PPL") or not code:
        return "city"
    return "site"


def _without_article(key: str) -> str:
    return key[len(_ARTICLE) :] if key.startswith(_ARTICLE) else key


def _readings(text: str) -> set[str]:
    """A mention's folded readings without proclitics and article: "والسورية" → {"والسوريه", "سوريه"}."""
    key = normalize_arabic(text).strip()
    return {_without_article(k) for k in strip_clitics(key)} if " " not in key else {key}


def is_demonym(text: str, place: Mapping[str, Any]) -> bool:
    """Whether a country mention is its nationality adjective ("السورية", "Syrian", "Lebanese", "Somali").

    An adjective shares all but the last letters of the country's name and is at most one letter shorter
    (سوريه/سوريا, lebanese/lebanon, somali/somalia); the name itself, or another name for the country
    (Britain), is not.
    """
    readings = _readings(text)
    names = {
        _without_article(normalize_arabic(str(n)).strip())
        for n in (place.get("name_ar"), place.get("name"))
        if n
    }
    if readings & names:
        return False
    return any(
        len(reading) >= len(name) - 1 and len(_common_prefix(reading, name)) >= max(3, len(name) - 2)
        for reading in readings
        for name in names
    )


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]


def _actor_refs(doc: Document) -> list[ActorRef]:
    """Mentions of known actors, outside the dateline ("KHARTOUM (Reuters) -" names the wire, not a party)."""
    kb = get_actor_kb()
    span = doc.dateline.span if doc.dateline else None
    refs = []
    for entity in doc.entities:
        actor = entity.get("actor")
        if not actor:
            continue
        known = kb.get(actor["id"])
        for m in entity.get("mentions", []):
            if span is not None and span.start <= m["start"] < span.end:
                continue
            refs.append(
                ActorRef(
                    start=m["start"],
                    end=m["end"],
                    text=m["text"],
                    entity=entity.get("id"),
                    actor_id=actor["id"],
                    name=actor.get("name") or entity["name"],
                    name_ar=actor.get("name_ar"),
                    kind=actor.get("type"),
                    inter=actor.get("inter"),
                    country=actor.get("country"),
                    generic=bool(actor.get("generic", known.generic if known else False)),
                    institution=known.institution if known else None,
                )
            )
    return sorted(refs, key=lambda r: r.start)


def _named_spans(doc: Document) -> list[tuple[int, int]]:
    """Mentions of organisations and people by name (not places, not role nouns such as "الجيش")."""
    spans = []
    for entity in doc.entities:
        if entity.get("type") in _PLACE_ENTITY_TYPES or (entity.get("actor") or {}).get("generic"):
            continue
        spans += [(m["start"], m["end"]) for m in entity.get("mentions", [])]
    return spans


def _speaker_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for claim in doc.claims:
        for speaker in [claim.get("speaker") or {}, *(claim.get("via") or [])]:
            mention = speaker.get("mention")
            if mention:
                spans.append((mention["start"], mention["end"]))
    return spans


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class _PlaceFilter:
    """Decides which place mentions can be where an event happened (see the module docstring)."""

    def __init__(self, doc: Document, ws: Sequence[Word], lex: Lexicon) -> None:
        self.ws = ws
        self.lex = lex
        self.ends = [w.end for w in ws]
        self.names = _named_spans(doc) + _speaker_spans(doc)
        self.names += [(a.start, a.end) for a in _actor_refs(doc) if not a.generic]
        span = doc.dateline.span if doc.dateline else None
        self.dateline = (span.start, span.end) if span is not None else None

    def in_name(self, start: int, end: int) -> bool:
        """Whether the place is part of an organisation's or a speaker's name ("شرطة البصرة")."""
        return _inside(start, end, self.names)

    def keeps(self, start: int, end: int, text: str, place: Mapping[str, Any]) -> bool:
        """Whether the mention can be where something happened, or at least name a local body's seat."""
        if self.dateline is not None and _inside(start, end, [self.dateline]):
            return False
        if _place_kind(place.get("feature")) == "country" and is_demonym(text, place):
            return False
        first = bisect.bisect_right(self.ends, start)
        if self.lex.not_location.ends_at(self.ws, first) is not None:
            return False
        after = bisect.bisect_left(self.ends, end) + 1
        if after < len(self.ws) and self.ws[after].text in {"-", "\u2010", "\u2011"}:
            after += 1
        return self.lex.not_location_after.at(self.ws, after) is None


def _place_refs(doc: Document, ws: Sequence[Word], lex: Lexicon) -> tuple[list[PlaceRef], list[PlaceRef]]:
    """Mentions of places where something can happen, and mentions inside names (a local body's seat)."""
    keep = _PlaceFilter(doc, ws, lex)
    refs: tuple[list[PlaceRef], list[PlaceRef]] = ([], [])
    for place in doc.places:
        record = {k: v for k, v in place.items() if k not in ("id", "mentions")}
        key = str(place.get("geonames_id") or place.get("id") or place.get("name"))
        kind = _place_kind(place.get("feature"))
        for m in place.get("mentions", []):
            if keep.keeps(m["start"], m["end"], m["text"], place):
                ref = PlaceRef(m["start"], m["end"], m["text"], key, record, kind)
                refs[keep.in_name(m["start"], m["end"])].append(ref)
    return sorted(refs[0], key=lambda r: r.start), sorted(refs[1], key=lambda r: r.start)


def read_article(doc: Document, lex: Lexicon) -> Article:
    """Everything the event stage needs from ``doc``, indexed by position."""
    lang = doc.language if doc.language in _LANGUAGES else "ar"
    ws = words(doc.text)
    reference = doc.reference_date or doc.published
    quantities = find_quantities(doc.text, lang, counts_only=True)
    places, name_places = _place_refs(doc, ws, lex)
    return Article(
        text=doc.text,
        lang=lang,
        reference=reference,
        country=doc.country,
        ws=ws,
        sentences=split(doc.text, ws, lex),
        actors=_actor_refs(doc),
        places=places,
        name_places=name_places,
        claims=list(doc.claims),
        dates=find_dates(doc.text, lang, reference),
        quantities=quantities,
        named=_named_spans(doc),
        speakers=_speaker_spans(doc),
        dateline_place=doc.dateline.place.to_json() if doc.dateline and doc.dateline.place else None,
    )
