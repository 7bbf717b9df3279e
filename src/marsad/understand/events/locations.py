"""Where an event happened: the most specific place its clause names, and how precisely.

The place is looked for in the trigger's clause, then in the later clauses of its sentence (a participial "…,
killing four in Idlib"), then in the earlier ones; within a group the most specific kind wins (a named site,
then a town, then a province, then a town the event was only near, then a country), places in the article's
country before places abroad, and among equals the one nearest the trigger. When the sentence names no place,
"the city"/"المدينة" stands for the last town named before it.

Precision follows ACLED: 1 for the town or site itself, 2 for its vicinity ("قرب", "ريف", "outskirts of") and
3 for a province, region or country ("في محافظتي حلب وإدلب", "Idlib province"); a unit the gazetteer only
knows as a district is a town when the text says so ("مدينة معرة النعمان"). A site noun before or after the
place ("مطار حلب", "Aleppo airport") makes the site a place of its own, so that taking the airport and taking
the city stay two events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from marsad.understand.events.article import Article, PlaceKind, PlaceRef
from marsad.understand.events.lexicon import Lexicon, PhraseIndex
from marsad.understand.events.units import Clause, Sentence

_RANK = {"site": 0, "town": 1, "district": 2, "near": 3, "province": 4, "country": 5}
_TOWN, _DISTRICT, _PROVINCE = 1, 2, 3
_FIRST_LEVEL = "ADM1"
_CUE_REACH = 2
_CAPITAL = "PPLC"


@dataclass(frozen=True, slots=True)
class Location:
    """An event's location: the words that name it, its place record, precision, and identity ``key``."""

    start: int
    end: int
    text: str
    place: Mapping[str, Any]
    precision: int
    key: str
    kind: PlaceKind
    several: bool = False
    """The report covers this place and others ("في محافظتي حلب وإدلب", "in Aleppo and Idlib provinces")."""
    near: bool = False
    """The event was only near the place ("قرب", "north of"): a named district says more."""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "place": dict(self.place), "precision": self.precision}

    @property
    def admin1(self) -> str | None:
        value = self.place.get("admin1")
        return str(value) if value else None


class _Reader:
    def __init__(self, article: Article, lex: Lexicon, pool: Sequence[PlaceRef] | None = None) -> None:
        self.article, self.lex, self.ws = article, lex, article.ws
        self.pool = article.places if pool is None else pool

    def words(self, ref: PlaceRef) -> tuple[int, int]:
        return self.article.word_at(ref.start), self.article.word_at(ref.end - 1) + 1

    def cue_before(self, first: int, table: PhraseIndex[bool]) -> bool:
        return any(table.ends_at(self.ws, first - gap) is not None for gap in range(_CUE_REACH))

    def termed(self, ref: PlaceRef, table: PhraseIndex[bool]) -> bool:
        """Whether a term of ``table`` stands right before the place or right after it ("Idlib province")."""
        first, end = self.words(ref)
        return self.cue_before(first, table) or table.at(self.ws, end) is not None

    def near(self, ref: PlaceRef) -> bool:
        return self.cue_before(self.words(ref)[0], self.lex.near)

    def scale(self, ref: PlaceRef) -> int:
        """The precision the place gives: 3 a province or country, 2 a district or a town's vicinity, 1 a
        town; a unit called a town in the text ("مدينة معرة النعمان") is a town."""
        if ref.kind == "country" or self.termed(ref, self.lex.admin_terms):
            return _PROVINCE
        if self.termed(ref, self.lex.district_terms):
            return _DISTRICT
        if ref.kind == "admin" and not self.cue_before(self.words(ref)[0], self.lex.settlements):
            return _PROVINCE if ref.place.get("feature") == _FIRST_LEVEL else _DISTRICT
        return _DISTRICT if self.near(ref) else _TOWN

    def rank(self, ref: PlaceRef) -> tuple[bool, int]:
        """Places abroad last (a misread "حي الأمل" is not Āmol in Iran), then by kind: a site, a town, a
        district, the vicinity of a town ("… شمالي بغداد" places the event elsewhere), a province, a
        country."""
        first, end = self.words(ref)
        abroad = self.article.country is not None and ref.place.get("country") not in (
            self.article.country,
            None,
        )
        if self.site(first, end) is not None:
            return abroad, _RANK["site"]
        if ref.kind == "country":
            return abroad, _RANK["country"]
        scale = self.scale(ref)
        if scale == _DISTRICT:
            return abroad, _RANK["near" if self.near(ref) else "district"]
        return abroad, _RANK["province" if scale == _PROVINCE else "town"]

    def site(self, first: int, end: int) -> tuple[int, int, str] | None:
        """A site noun right before (Arabic construct) or after (English compound) the place's words."""
        before = self.lex.site_nouns.ends_at(self.ws, first, reach=2)
        if before is not None:
            return before.first, before.end, self.ws[before.first].key
        for gap in (0, 1):
            after = self.lex.site_nouns.at(self.ws, end + gap)
            if after is not None:
                return after.first, after.end, self.ws[after.first].key
        return None

    def several(self, ref: PlaceRef) -> bool:
        """Whether the place is one of several: a plural admin term, or another place joined by "and"."""
        first, end = self.words(ref)
        plural = self.cue_before(first, self.lex.admin_plurals) or self.lex.admin_plurals.at(self.ws, end)
        following = self.article.ws[end].start if end < len(self.ws) else None
        joined = following is not None and any(
            p.start >= following and self.article.word_at(p.start) - end <= 1
            for p in self.article.places
            if p.key != ref.key
        )
        return bool(plural) or joined

    def location(self, ref: PlaceRef) -> Location:
        first, end = self.words(ref)
        site = self.site(first, end)
        start, stop, key = ref.start, ref.end, ref.key
        precision = self.scale(ref)
        if site is not None:
            start, stop = min(start, self.ws[site[0]].start), max(stop, self.ws[site[1] - 1].end)
            key = f"{site[2]}|{ref.key}"
            precision = _TOWN
        text = self.article.text[start:stop]
        near = site is None and self.near(ref)
        return Location(start, stop, text, ref.place, precision, key, ref.kind, self.several(ref), near)

    def capital(self, lo: int, hi: int) -> Location | None:
        """The capital "the capital"/"العاصمة" in words ``[lo, hi)`` stands for: a capital of the article's
        country the article or its dateline names."""
        hit = self.lex.capital.find(self.ws, lo, hi)
        if not hit or self.article.country is None:
            return None
        first, last = self.ws[hit[0].first], self.ws[hit[0].end - 1]
        text = self.article.text[first.start : last.end]
        for ref in self.article.places:
            if ref.place.get("feature") == _CAPITAL and ref.place.get("country") == self.article.country:
                return replace(self.location(ref), start=first.start, end=last.end, text=text, precision=1)
        seat = self.article.dateline_place
        if seat and seat.get("feature") == _CAPITAL and seat.get("country") == self.article.country:
            key = str(seat.get("geonames_id") or seat.get("name"))
            return Location(first.start, last.end, text, seat, 1, key, "city")
        return None

    def named_after(self, end: int) -> bool:
        """Whether a place is named right after "the city" ("المدينة القديمة في حلب"): no anaphor then."""
        return place_follows(self.article, end, 2)

    def in_words(self, lo: int, hi: int) -> list[PlaceRef]:
        """Places named in words ``[lo, hi)``, but not a country's adjective before "capital" ("the Somali
        capital" is a city, not a region called Somali)."""
        start, end = self.ws[lo].start, self.ws[hi - 1].end
        found = [p for p in self.pool if start <= p.start and p.end <= end]
        return [p for p in found if self.lex.capital.at(self.ws, self.words(p)[1]) is None]

    def anaphor(self, lo: int, hi: int) -> Location | None:
        """The town "the city" stands for in words ``[lo, hi)``: the last one named before it."""
        hit = [
            h
            for h in self.lex.anaphora.find(self.ws, lo, hi)
            if not self.named_after(h.end) and self.lex.partitive.at(self.ws, h.end) is None
        ]
        if not hit:
            return None
        at = self.ws[hit[0].first].start
        towns = [p for p in self.article.places if p.end <= at and p.kind in ("city", "site")]
        if not towns:
            return None
        found = self.location(towns[-1])
        word = self.ws[hit[0].first], self.ws[hit[0].end - 1]
        text = self.article.text[word[0].start : word[1].end]
        return replace(found, start=word[0].start, end=word[1].end, text=text)


def find_location(
    article: Article, sentence: Sentence, clause: Clause, first: int, lex: Lexicon
) -> Location | None:
    """The location of a trigger at word ``first`` (module docstring), or None."""
    reader = _Reader(article, lex)
    groups = [(clause.lo, clause.hi)]
    groups += [(c.lo, c.hi) for c in sentence.clauses if c.lo >= clause.hi]
    groups += [(c.lo, c.hi) for c in reversed(sentence.clauses) if c.hi <= clause.lo]
    trigger_at = article.ws[first].start
    for lo, hi in groups:
        refs = reader.in_words(lo, hi)
        if refs:
            best = min(refs, key=lambda r: (*reader.rank(r), abs(r.start - trigger_at)))
            return reader.location(best)
    for lo, hi in ((clause.lo, clause.hi), (sentence.lo, sentence.hi)):
        found = reader.capital(lo, hi) or reader.anaphor(lo, hi)
        if found is not None:
            return found
    return None


def place_ahead(article: Article, end: int, within: int, lex: Lexicon) -> bool:
    """Whether a place is named, or referred to ("the town", "مطار", "مدينة"), within ``within`` words after
    word ``end``: what a take-over needs as its object ("سيطروا على المدينة", not "seized weapons")."""
    if place_follows(article, end, within):
        return True
    stop = min(end + within, len(article.ws))
    tables = (lex.anaphora, lex.settlements, lex.site_nouns, lex.capital)
    return any(table.at(article.ws, i, stop) is not None for table in tables for i in range(end, stop))


def seat_location(article: Article, sentence: Sentence, lex: Lexicon) -> Location | None:
    """For an event its sentence places nowhere: the place in the name of a local body it mentions
    ("أعلنت قيادة شرطة البصرة اعتقال …" happened in Basra)."""
    reader = _Reader(article, lex, article.name_places)
    refs = reader.in_words(sentence.lo, sentence.hi)
    return reader.location(min(refs, key=reader.rank)) if refs else None


def place_follows(article: Article, end: int, within: int) -> bool:
    """Whether a gazetteer place is named within ``within`` words after word ``end``."""
    if end >= len(article.ws):
        return False
    start = article.ws[end].start
    stop = article.ws[min(end + within, len(article.ws)) - 1].end
    return any(start <= p.start < stop for p in article.places)
