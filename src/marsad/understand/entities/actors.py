"""Find the actors a news text names, by name or by role, with exact spans in the original text.

Actors are named two ways. By name or acronym ("هيئة تحرير الشام", "HTS", "وحزب الله", "للحشد الشعبي"),
found in ``data/actors.yaml``; and by role ("الجيش السوري", "Russian warplanes", "مسلحون مجهولون", "the
police"), where the actor is the institution of a country: the country of the nationality word in the
phrase, or else the country the article is about (``country_hint``). Role nouns and nationality words
live in ``data/roles.yaml``.

How matching works, and why:

* The text is folded once (:func:`marsad.language.normalize.normalize_with_offsets`: hamza, ta marbuta, alef
  maqsura, diacritics, case) and split into words; every name and role phrase was folded the same way, so one
  spelling in the data covers its variants, and a match maps back to an exact original span.
* Names are word sequences in a trie (one dict lookup per word), so a document costs time linear in its words.
  Matches never start or end inside a word, and never run across punctuation other than hyphens, apostrophes,
  quotes and the dots of "U.S.".
* An Arabic phrase's first word may carry proclitics (و ف ب ك ل and the article): each candidate stem from
  :func:`marsad.language.normalize.strip_clitics` is tried ("وللجيش" → "الجيش"); the mention starts after the
  clitics (keeping the article's letters).
* Acronyms written in capitals (HTS, IS, AP, WHO) match only in capitals; other names ignore case.
* At each position the longest match wins; names beat role phrases of the same length ("القوات اللبنانية"
  is the Lebanese Forces party, not "Lebanese forces").
* A member noun next to a name belongs to it ("عناصر حزب الله", "Hezbollah fighters").
* A name some actors share (declared ``ambiguous_aliases``: "الجيش الوطني" is Syria's SNA, Libya's LNA and
  Somalia's army) resolves with the country hint, or not at all; a transnational group's name resolves to its
  branch in the hinted country ("داعش" in a Syrian article is Islamic State (Syria)); state institutions with
  several ACLED regime periods resolve by the ``on`` date, else to the current period.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from marsad.errors import ResourceError
from marsad.language.normalize import normalize_arabic, normalize_with_offsets, original_span, strip_clitics
from marsad.understand.entities.actor_data import (
    WORD,
    Actor,
    actor_from_record,
    alias_key,
    check_actor_records,
    fold_words,
    load_actor_records,
    load_roles,
)

__all__ = [
    "Actor",
    "ActorKB",
    "ActorMention",
    "find_actor_mentions",
    "get_actor_kb",
    "load_actor_kb",
    "resolve",
]

LANGUAGES = ("ar", "en")
_NAT = "{nat}"
# Characters allowed between two words of one phrase (after folding): spaces, hyphens, apostrophes, quotes.
_JOINERS = frozenset(" -\u2010\u2011\u2012\u2013\u2014'\u2019\u2018`\u02bc\"\u201c\u201d\u00ab\u00bb/")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention: ``text == original[start:end]``; ``via_role`` when found through a role noun."""

    start: int
    end: int
    text: str
    actor: Actor
    via_role: bool


# --- the trie -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NameHit:
    """The end of a name: the actor it names, and its exact words if it is a case-sensitive acronym."""

    actor_id: str
    exact: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class _RoleHit:
    """The end of a role phrase: the institution it names and how its country is found."""

    institution: str
    needs_nationality: bool
    default_country: str | None


@dataclass(frozen=True, slots=True)
class _CountryHit:
    """The end of a nationality word: its country, and its exact words if written in capitals ("US")."""

    country: str
    exact: tuple[str, ...] | None


@dataclass(slots=True)
class _Node:
    """A trie node over folded words; ``nat`` continues after a nationality word."""

    children: dict[str, _Node] = field(default_factory=dict)
    hits: list[Any] = field(default_factory=list)
    nat: _Node | None = None

    def insert(self, words: Sequence[str], hit: Any) -> None:
        node = self
        for word in words:
            if word == _NAT:
                node.nat = node.nat or _Node()
                node = node.nat
            else:
                node = node.children.setdefault(word, _Node())
        node.hits.append(hit)


@dataclass(frozen=True, slots=True)
class _Word:
    """One word of the text: folded form and span, original spelling, and how it joins the previous word."""

    key: str
    fstart: int
    fend: int
    surface: str
    joined: bool  # only joiner characters separate it from the previous word
    arabic: bool


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A possible mention from word ``first`` up to word ``end`` (exclusive)."""

    first: int
    end: int
    cut: int  # folded characters of clitics skipped at the start of the first word
    hit: Any
    country: str | None  # from a nationality word inside the phrase
    member: bool = False  # a member noun glued to the name ("عناصر حزب الله")

    @property
    def rank(self) -> tuple[int, int, int]:
        kind = 2 if isinstance(self.hit, _RoleHit) else int(self.member)
        return (-self.end, kind, self.cut)


@lru_cache(maxsize=65536)
def _first_keys(word: str, arabic: bool) -> tuple[tuple[str, int], ...]:
    """Lookup keys for a phrase's first word with how many folded characters each skips (its clitics).

    A stem that got its article back (للجيش → الجيش) starts where the article's letters are in the text.
    """
    if not arabic:
        return ((word, 0),)
    keys = []
    for stem in strip_clitics(word):
        if word.endswith(stem):
            keys.append((stem, len(word) - len(stem)))
        elif stem.startswith("ال") and word.endswith(stem[2:]):
            keys.append((stem, max(len(word) - len(stem[2:]) - 2, 0)))
    return tuple(keys)


def _is_arabic(word: str) -> bool:
    return any("ARABIC" in unicodedata.name(char, "") for char in word[:2])


def _split(text: str) -> tuple[list[_Word], list[int]]:
    """The words of ``text`` with the facts matching needs, and the folded→original offset map."""
    folded, offsets = normalize_with_offsets(text)
    words: list[_Word] = []
    previous_end = None
    for match in WORD.finditer(folded):
        start, end = match.span()
        gap = folded[previous_end:start] if previous_end is not None else ""
        joined = previous_end is not None and _joins(gap, words[-1].key)
        original = text[offsets[start] : offsets[end - 1] + 1]
        words.append(_Word(match.group(), start, end, original, joined, _is_arabic(match.group())))
        previous_end = end
    return words, offsets


def _joins(gap: str, previous: str) -> bool:
    """Whether two words separated by ``gap`` can belong to one phrase."""
    if set(gap) <= _JOINERS:
        return True
    # The dot of an initialism (U.S., U.N., أ.ف.ب), maybe before a hyphen ("U.S.-led").
    after_dot = gap.replace(".", "", 1)
    return "." in gap and set(after_dot) <= _JOINERS and len(previous) == 1 and previous.isalpha()


class _Matcher:
    """The tries of one language: names and role phrases, nationality words, member nouns."""

    def __init__(self, members_before: bool) -> None:
        self.members_before = members_before  # Arabic: "عناصر حزب الله"; English: "Hezbollah fighters"
        self.phrases = _Node()
        self.nationalities = _Node()
        self.members = _Node()

    def nationality_at(self, words: Sequence[_Word], index: int) -> list[tuple[int, str]]:
        """``(end, country)`` for each nationality word sequence starting at ``index``."""
        found = []
        node: _Node | None = self.nationalities
        position = index
        while node is not None and position < len(words) and (position == index or words[position].joined):
            node = node.children.get(words[position].key)
            position += 1
            if node is not None:
                found += [
                    (position, hit.country) for hit in node.hits if _exact(hit.exact, words, index, position)
                ]
        return found

    def member_end(
        self, words: Sequence[_Word], index: int, keys: Iterable[tuple[str, int]]
    ) -> list[tuple[int, int]]:
        """``(end, cut)`` of member nouns starting at ``index`` (first word given as clitic keys)."""
        found = []
        for key, cut in keys:
            node: _Node | None = self.members.children.get(key)
            position = index + 1
            while node is not None:
                if node.hits:
                    found.append((position, cut))
                if position >= len(words) or not words[position].joined:
                    break
                node = node.children.get(words[position].key)
                position += 1
        return found

    def walk(self, words: Sequence[_Word], index: int, keys: Iterable[tuple[str, int]]) -> list[_Candidate]:
        """Every name or role phrase starting at word ``index``."""
        stack: list[tuple[_Node, int, str | None, int]] = []
        for key, cut in keys:
            child = self.phrases.children.get(key)
            if child is not None:
                stack.append((child, index + 1, None, cut))
        if self.phrases.nat is not None:
            stack += [
                (self.phrases.nat, end, country, 0) for end, country in self.nationality_at(words, index)
            ]
        found: list[_Candidate] = []
        while stack:
            node, position, country, cut = stack.pop()
            found += [_Candidate(index, position, cut, hit, country) for hit in node.hits]
            if position >= len(words) or not words[position].joined:
                continue
            child = node.children.get(words[position].key)
            if child is not None:
                stack.append((child, position + 1, country, cut))
            if node.nat is not None and country is None:
                stack += [
                    (node.nat, end, found_country, cut)
                    for end, found_country in self.nationality_at(words, position)
                ]
        return [candidate for candidate in found if _candidate_exact(candidate, words)]


def _exact(exact: tuple[str, ...] | None, words: Sequence[_Word], start: int, end: int) -> bool:
    return exact is None or tuple(word.surface for word in words[start:end]) == exact


def _candidate_exact(candidate: _Candidate, words: Sequence[_Word]) -> bool:
    hit = candidate.hit
    return not isinstance(hit, _NameHit) or _exact(hit.exact, words, candidate.first, candidate.end)


# --- the knowledge base ---------------------------------------------------------------------------


def _fold_phrase(phrase: str) -> list[str]:
    """The folded words of a role or nationality phrase, keeping the ``{nat}`` slot."""
    words: list[str] = []
    for part in phrase.split(_NAT):
        words += WORD.findall(normalize_arabic(part))
        words.append(_NAT)
    return words[:-1]


def _nisba_forms(country: Mapping[str, Any], nisba: Mapping[str, Any]) -> list[str]:
    """Every inflected form of a country's Arabic nationality adjective, plus its irregular forms."""
    stem = str(country["nisba_ar"])
    forms = [prefix + stem + suffix for prefix in nisba["prefixes"] for suffix in nisba["suffixes"]]
    return forms + list(country.get("extra_ar", []))


def _english_nationalities(country: Mapping[str, Any]) -> list[str]:
    return list(country.get("adjectives_en", [])) + [f"{name}'s" for name in country.get("possessive_en", [])]


class ActorKB:
    """The loaded actor knowledge base: actors by id, per-country institutions, and per-language matchers."""

    def __init__(self, actors: Sequence[Actor], roles: Mapping[str, Any]) -> None:
        self.actors: dict[str, Actor] = {actor.id: actor for actor in actors}
        self._roles = roles
        self._slots: dict[tuple[str, str], list[Actor]] = defaultdict(list)
        self._branches: dict[str, dict[str, Actor]] = defaultdict(dict)
        for actor in actors:
            if actor.institution and actor.country:
                self._slots[(actor.country, actor.institution)].append(actor)
            if actor.branch_of and actor.country:
                self._branches[actor.branch_of][actor.country] = actor
        self._matchers = {language: self._build_matcher(language) for language in LANGUAGES}

    # --- building ---

    def _build_matcher(self, language: str) -> _Matcher:
        """Arabic text is searched for Arabic and English names (Latin acronyms appear in Arabic news);
        English text for English names only. Role phrases and nationality words are per language."""
        matcher = _Matcher(members_before=language == "ar")
        for actor in self.actors.values():
            for name_language, name in actor.match_names():
                if name_language == language or language == "ar":
                    key = alias_key(name)
                    matcher.phrases.insert(key.words, _NameHit(actor.id, key.exact))
        for group in self._roles["roles"]:
            hit = _RoleHit(
                group["institution"], bool(group.get("needs_nationality")), group.get("default_country")
            )
            for phrase in group.get(language, []):
                for pattern in self._role_patterns(phrase, language):
                    matcher.phrases.insert(pattern, hit)
        for code, country in self._roles["countries"].items():
            forms = (
                _nisba_forms(country, self._roles["nisba"])
                if language == "ar"
                else _english_nationalities(country)
            )
            for form in forms:
                key = alias_key(form)
                matcher.nationalities.insert(key.words, _CountryHit(code, key.exact))
        for noun in self._roles["member_nouns"][language]:
            matcher.members.insert(_fold_phrase(noun), True)
        return matcher

    @staticmethod
    def _role_patterns(phrase: str, language: str) -> list[list[str]]:
        """A role phrase alone and with its nationality slot (after it in Arabic, before it in English)."""
        words = _fold_phrase(phrase)
        if _NAT in words:
            return [words]
        return [words, [*words, _NAT] if language == "ar" else [_NAT, *words]]

    # --- lookups ---

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, if any."""
        return self.actors.get(actor_id)

    def institution_actor(self, country: str, institution: str, on: date | None = None) -> Actor | None:
        """The actor of ``country``'s ``institution`` (e.g. SY military) for the period containing ``on``."""
        return _by_date(self._slots.get((country, institution), []), on)

    def _resolve_names(self, ids: Iterable[str], country: str | None, on: date | None) -> Actor | None:
        """The one actor a name means, given the article's country and date (see the module docstring)."""
        candidates = list({actor_id: self.actors[actor_id] for actor_id in ids}.values())
        if country is not None:
            candidates = [self._branches[actor.id].get(country, actor) for actor in candidates]
            local = [actor for actor in candidates if actor.country == country]
            candidates = local or candidates
        candidates = list({actor.id: actor for actor in candidates}.values())
        if len(candidates) == 1:
            return candidates[0]
        slots = {(actor.country, actor.institution) for actor in candidates}
        if len(slots) == 1 and candidates[0].institution is not None:
            return _by_date(candidates, on)
        return None

    def _resolve(
        self, candidate: _Candidate, names: Sequence[_Candidate], country_hint: str | None, on: date | None
    ) -> tuple[Actor, bool] | None:
        """The actor of a candidate and ``via_role`` (``names``: all name candidates with its span)."""
        hit = candidate.hit
        if isinstance(hit, _NameHit):
            actor = self._resolve_names([name.hit.actor_id for name in names], country_hint, on)
            return (actor, False) if actor else None
        country = candidate.country or hit.default_country
        if country is None and not hit.needs_nationality:
            country = country_hint
        actor = self.institution_actor(country, hit.institution, on) if country else None
        return (actor, True) if actor else None

    # --- matching ---

    def find_mentions(
        self, text: str, *, lang: str, country_hint: str | None = None, on: date | None = None
    ) -> list[ActorMention]:
        """Actor mentions in ``text``, left to right, not overlapping (see the module docstring).

        ``lang`` is "ar" or "en"; ``country_hint`` the ISO2 code of the country the article is about;
        ``on`` the article's date, which picks the ACLED period of state institutions.
        """
        if lang not in self._matchers:
            raise ValueError(f"unsupported language {lang!r} (expected one of {', '.join(LANGUAGES)})")
        matcher = self._matchers[lang]
        words, offsets = _split(text)
        mentions: list[ActorMention] = []
        index = 0
        while index < len(words):
            found = self._best_at(matcher, words, index, country_hint, on)
            if found is None:
                index += 1
                continue
            candidate, actor, via_role = found
            start, end = original_span(
                text, offsets, words[candidate.first].fstart + candidate.cut, words[candidate.end - 1].fend
            )
            mentions.append(ActorMention(start, end, text[start:end], actor, via_role))
            index = candidate.end
        return mentions

    def _best_at(
        self, matcher: _Matcher, words: Sequence[_Word], index: int, country_hint: str | None, on: date | None
    ) -> tuple[_Candidate, Actor, bool] | None:
        """The longest candidate at ``index`` that resolves to an actor."""
        keys = _first_keys(words[index].key, words[index].arabic)
        candidates = matcher.walk(words, index, keys)
        if matcher.members_before:
            candidates += self._member_candidates(matcher, words, index, keys)
        else:
            candidates = self._with_trailing_members(matcher, words, candidates)
        for candidate in sorted(candidates, key=lambda c: c.rank):
            same_span = [
                other for other in candidates if (other.end, other.cut) == (candidate.end, candidate.cut)
            ]
            names = [other for other in same_span if isinstance(other.hit, _NameHit)]
            resolved = self._resolve(candidate, names, country_hint, on)
            if resolved is not None:
                actor, via_role = resolved
                # A name that is also a role phrase of that actor ("الخارجية الأمريكية") is a role mention.
                via_role = via_role or any(
                    self._resolve(other, names, country_hint, on) == (actor, True)
                    for other in same_span
                    if isinstance(other.hit, _RoleHit)
                )
                return candidate, actor, via_role
        return None

    def _member_candidates(
        self, matcher: _Matcher, words: Sequence[_Word], index: int, keys: Iterable[tuple[str, int]]
    ) -> list[_Candidate]:
        """Names preceded by a member noun ("عناصر حزب الله"): one candidate spanning both."""
        found = []
        for end, cut in matcher.member_end(words, index, keys):
            if end < len(words) and words[end].joined:
                for name in matcher.walk(words, end, ((words[end].key, 0),)):
                    if isinstance(name.hit, _NameHit):
                        found.append(_Candidate(index, name.end, cut, name.hit, None, member=True))
        return found

    @staticmethod
    def _with_trailing_members(
        matcher: _Matcher, words: Sequence[_Word], candidates: list[_Candidate]
    ) -> list[_Candidate]:
        """Names followed by a member noun ("Hezbollah fighters") also as candidates spanning both."""
        extended = []
        for candidate in candidates:
            if (
                isinstance(candidate.hit, _NameHit)
                and candidate.end < len(words)
                and words[candidate.end].joined
            ):
                next_word = words[candidate.end]
                for end, _ in matcher.member_end(words, candidate.end, ((next_word.key, 0),)):
                    extended.append(
                        _Candidate(candidate.first, end, candidate.cut, candidate.hit, None, member=True)
                    )
        return candidates + extended

    def resolve(
        self, name: str, *, lang: str, country_hint: str | None = None, on: date | None = None
    ) -> Actor | None:
        """The actor one phrase names ("الجيش السوري", "HTS"), if a single mention covers all its words.

        Words listed under ``ignorable_prefixes`` in roles.yaml ("the") may stand before the mention.
        """
        skippable = {
            normalize_arabic(word) for word in self._roles.get("ignorable_prefixes", {}).get(lang, [])
        }
        mentions = self.find_mentions(name, lang=lang, country_hint=country_hint, on=on)
        words = fold_words(name)
        if len(mentions) != 1 or not words or mentions[0].end < words[-1][2]:
            return None
        # Words wholly before the mention must be ignorable; one the mention starts inside held its clitics.
        before = [word for word, _, end in words if end <= mentions[0].start]
        return mentions[0].actor if set(before) <= skippable else None


def _by_date(actors: Sequence[Actor], on: date | None) -> Actor | None:
    """The actor active on ``on``; without a date (or none active then), the current one, else the latest."""
    if not actors:
        return None
    if on is not None:
        active = [actor for actor in actors if actor.active_on(on)]
        if active:
            return active[0]
    current = [actor for actor in actors if actor.active_to is None]
    return current[0] if current else max(actors, key=lambda actor: actor.active_to or date.min)


# --- module-level API -----------------------------------------------------------------------------


def load_actor_kb(*, check: bool = False) -> ActorKB:
    """A fresh knowledge base from the shipped data; ``check`` also runs the data checks (slower)."""
    records = load_actor_records()
    roles = load_roles()
    if check and (problems := check_actor_records(records, roles)):
        raise ResourceError(f"actors.yaml has {len(problems)} problems, first: {problems[0]}", code="R401")
    return ActorKB([actor_from_record(record) for record in records], roles)


@cache
def get_actor_kb() -> ActorKB:
    """The shared knowledge base, loaded once on first use."""
    return load_actor_kb()


def find_actor_mentions(
    text: str, *, lang: str, country_hint: str | None = None, on: date | None = None
) -> list[ActorMention]:
    """Actor mentions in ``text`` (see :meth:`ActorKB.find_mentions`)."""
    return get_actor_kb().find_mentions(text, lang=lang, country_hint=country_hint, on=on)


def resolve(name: str, *, lang: str, country_hint: str | None = None, on: date | None = None) -> Actor | None:
    """The actor a single phrase names (see :meth:`ActorKB.resolve`)."""
    return get_actor_kb().resolve(name, lang=lang, country_hint=country_hint, on=on)
