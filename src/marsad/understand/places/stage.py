"""The places stage: find the places an article names, geocode each once, and geocode its dateline.

Candidates come from two finders: the NER model's location mentions, and a scan of the text for names the
gazetteer knows. The scan alone would turn common words into villages ("الأمن" is a hamlet somewhere), so
a scanned name counts only when it is important (a country, a province, a city of some size) or follows a
word that announces a place ("مدينة", "قرية", "محافظة", "the town of"). Ambiguous names are settled with
the article's own country: the country most of its unambiguous places lie in.

A place mentioned only inside the dateline is not a place of the story, so the dateline's span is skipped;
the dateline itself is geocoded as a city (an unvocalised "عمان" on a dateline is Amman, not Oman).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from marsad.document import Document, Mention, Place
from marsad.language.normalize import normalize_arabic, strip_clitics
from marsad.language.sentences import split_sentences
from marsad.language.tokenize import Token, tokenize
from marsad.resources import load_yaml, read_text
from marsad.understand.places.gazetteer import PlaceRecord, get_gazetteer, importance, resolve_dateline

_MAX_WORDS = 4
_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "of", "de", "bin", "bani", "abu"})


def to_place(record: PlaceRecord) -> Place:
    """A gazetteer record in the output contract's shape."""
    return Place(
        name=record.name,
        name_ar=record.name_ar,
        geonames_id=record.geonames_id,
        lat=record.lat,
        lon=record.lon,
        country=record.country,
        admin1=record.admin1,
        feature=record.feature_code,
    )


@dataclass(frozen=True)
class _Rules:
    cues: frozenset[str]
    """Normalised words that announce a place name after them."""
    min_importance: int
    """Importance (see ``gazetteer.importance``) a scanned town of the region needs without a cue."""
    world_importance: int
    """Importance a scanned town outside the region needs (capitals and big cities are news anywhere)."""
    region: frozenset[str]
    """Countries (ISO2) whose towns the scan looks for: the conflicts Marsad follows."""
    stopwords: frozenset[str]
    """Normalised words that never start a scanned name: the YAML list plus ANERcorp's common words."""


@cache
def _rules() -> _Rules:
    data = load_yaml("marsad.understand.places", "mentions.yaml")
    common = read_text("marsad.understand.places", "common_words.tsv").splitlines()
    words = [*data["stopwords"], *(w for w in common if w and not w.startswith("#"))]
    return _Rules(
        cues=frozenset(normalize_arabic(w) for w in data["cues"]),
        min_importance=int(data["min_importance"]),
        world_importance=int(data["world_importance"]),
        region=frozenset(data["region"]),
        stopwords=frozenset(normalize_arabic(w) for w in words),
    )


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    records: tuple[PlaceRecord, ...]
    scanned: bool = False
    """Found by the gazetteer scan rather than tagged as a location by the NER model."""


class PlacesStage:
    name = "places"
    version = "1"
    requires = frozenset({"text", "language", "mentions", "dateline"})
    assigns = frozenset({"places", "country", "dateline.place"})

    def __call__(self, doc: Document) -> Document:
        if doc.dateline is not None and doc.dateline.place is None:
            record = resolve_dateline(doc.dateline.place_name)
            if record is not None:
                doc.dateline.place = to_place(record)
        candidates = _candidates(doc)
        dateline_country = doc.dateline.place.country if doc.dateline and doc.dateline.place else None
        votes = _country_votes(candidates, dateline_country)
        doc.country = votes.most_common(1)[0][0] if votes else None
        doc.places = _link(doc.text, candidates, doc.country, frozenset(votes))
        return doc


def _candidates(doc: Document) -> list[_Candidate]:
    skip = doc.dateline.span if doc.dateline is not None else None
    blocked = [(m.start, m.end) for m in doc.mentions if m.label in ("PERS", "ORG")]
    ner_loc = [m for m in doc.mentions if m.label == "LOC"]
    found: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for mention in ner_loc:
        candidate = _lookup_span(doc.text, mention)
        if candidate is not None:
            found.append(candidate)
            taken.append((candidate.start, candidate.end))
    for start, end in split_sentences(doc.text):
        tokens = [Token(t.text, t.start + start, t.end + start) for t in tokenize(doc.text[start:end])]
        found.extend(_scan(doc.text, tokens, taken + blocked, doc.language))
    if skip is not None:
        found = [c for c in found if not (c.start >= skip.start and c.end <= skip.end)]
    return sorted(found, key=lambda c: c.start)


def _lookup_span(text: str, mention: Mention) -> _Candidate | None:
    """The gazetteer's places for a name, its span trimmed of proclitics ("وروسيا" → "روسيا")."""
    records = get_gazetteer().lookup(mention.text)
    if not records:
        return None
    cut = _proclitic_length(mention.text)
    return _Candidate(mention.start + cut, mention.end, tuple(records))


def _proclitic_length(name: str) -> int:
    """How many leading letters of ``name`` are proclitics that the gazetteer looked through."""
    first = name.split()[0] if name.split() else name
    folded = normalize_arabic(first)
    if not folded or not ("\u0621" <= folded[0] <= "\u064a") or get_gazetteer().lookup(first):
        return 0
    for stem in strip_clitics(folded)[1:]:
        if folded.endswith(stem) and get_gazetteer().lookup(stem):
            return len(folded) - len(stem)
    return 0


def _scan(text: str, tokens: list[Token], taken: list[tuple[int, int]], language: str) -> list[_Candidate]:
    """Gazetteer names among the tokens, longest first, that pass the importance-or-cue test."""
    rules = _rules()
    found: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        cued = i > 0 and normalize_arabic(tokens[i - 1].text) in rules.cues
        match = _longest_at(text, tokens, i, taken, language, cued)
        if match is None:
            i += 1
            continue
        candidate, size = match
        found.append(candidate)
        taken.append((candidate.start, candidate.end))
        i += size
    return found


def _longest_at(
    text: str, tokens: list[Token], i: int, taken: list[tuple[int, int]], language: str, cued: bool
) -> tuple[_Candidate, int] | None:
    rules = _rules()
    for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
        window = tokens[i : i + size]
        start, end = window[0].start, window[-1].end
        if any(start < e and s < end for s, e in taken) or not _plausible(window, language, rules):
            continue
        candidate = _lookup_span(text, Mention(start, end, text[start:end], "LOC", "gazetteer"))
        if candidate is not None and _notable(candidate, cued, rules):
            return replace(candidate, scanned=True), size
    return None


def _notable(candidate: _Candidate, cued: bool, rules: _Rules) -> bool:
    """A scanned name is a place when it is a country, or a town of the region (big enough, or cued),
    or a big city anywhere."""
    for record in candidate.records:
        weight = importance(record.feature_class, record.feature_code, record.population)
        if record.kind == "country" or weight >= rules.world_importance:
            return True
        if record.country in rules.region and (cued or weight >= rules.min_importance):
            return True
    return False


def _plausible(window: list[Token], language: str, rules: _Rules) -> bool:
    """Names are words, not punctuation or digits, and do not start with a common word; in English every
    word of a name is capitalised."""
    if any(not t.text[0].isalpha() for t in window):
        return False
    first = normalize_arabic(window[0].text)
    if first in rules.stopwords or any(stem in rules.stopwords for stem in strip_clitics(first)[1:]):
        return False
    if language == "en" or window[0].text[0].isascii():
        inner = window[1:-1]
        edges_capitalised = window[0].text[0].isupper() and window[-1].text[0].isupper()
        return edges_capitalised and all(t.text[0].isupper() or t.text.lower() in _PARTICLES for t in inner)
    return True


def _country_votes(candidates: list[_Candidate], dateline_country: str | None) -> Counter[str]:
    """Votes for the country the article is about: one per unambiguous place name, two for a country named
    outright, and one for the dateline's country (stories are often filed from next door)."""
    votes: Counter[str] = Counter()
    for candidate in candidates:
        countries = {r.country for r in candidate.records}
        if len(countries) == 1:
            named = any(r.kind == "country" for r in candidate.records)
            votes[countries.pop()] += 2 if named else 1
    if dateline_country:
        votes[dateline_country] += 1
    return votes


def _unlikely_abroad(record: PlaceRecord, hint: str | None, countries: frozenset[str]) -> bool:
    """A town found only by the scan, in a country the article otherwise never points to, is more likely a
    word than a place unless it is a big city."""
    if hint is None or record.kind == "country" or record.country in countries:
        return False
    weight = importance(record.feature_class, record.feature_code, record.population)
    return weight < _rules().world_importance


def _link(
    text: str, candidates: list[_Candidate], hint: str | None, countries: frozenset[str]
) -> list[dict[str, Any]]:
    """One place per gazetteer entry, with every mention of it."""
    gazetteer = get_gazetteer()
    places: dict[int, dict[str, Any]] = {}
    for candidate in candidates:
        name = text[candidate.start : candidate.end]
        record = gazetteer.best(name, country_hint=hint) or candidate.records[0]
        if candidate.scanned and _unlikely_abroad(record, hint, countries):
            continue
        entry = places.get(record.geonames_id)
        if entry is None:
            entry = {"id": f"p{len(places) + 1}", **to_place(record).to_json(), "mentions": []}
            places[record.geonames_id] = entry
        entry["mentions"].append({"start": candidate.start, "end": candidate.end, "text": name})
    return list(places.values())
