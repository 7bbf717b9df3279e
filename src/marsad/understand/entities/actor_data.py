"""The actor knowledge base on disk: ``data/actors.yaml`` and ``data/roles.yaml``, records and checks.

Loading and checking live apart from matching (:mod:`marsad.understand.entities.actors`) so that the build and
validation scripts can check a candidate ``actors.yaml`` before it ships, with exactly the rules the matcher
relies on: unique ids, known types and ACLED inter codes, known countries, Arabic names in Arabic script, and
no alias shared by two actors unless the data says so (period variants of one state institution, or aliases
declared ``ambiguous_aliases`` by every actor that carries them, which the matcher resolves by country).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.errors import ResourceError
from marsad.language.normalize import normalize_arabic, normalize_with_offsets

ACTOR_TYPES = frozenset(
    {
        "state_force",
        "armed_group",
        "political_militia",
        "identity_militia",
        "government",
        "international_org",
        "ngo_monitor",
        "media",
        "party",
        "other",
    }
)
# ACLED inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
# 6 protesters, 7 civilians, 8 external/other forces.
INTER_CODES = frozenset(range(1, 9))

_REQUIRED = ("id", "name_en", "name_ar", "type", "inter", "country")
_OPTIONAL = (
    "aliases_en",
    "aliases_ar",
    "ambiguous_aliases",
    "wikidata",
    "acled_name",
    "parent",
    "same_as",
    "branch_of",
    "institution",
    "generic",
    "active_from",
    "active_to",
)
_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_QID = re.compile(r"Q[1-9][0-9]*")
_ISO2 = re.compile(r"[A-Z]{2}")
# A word of folded text: letters and digits (the fold has already removed marks, tatweel and joiners).
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: a named organisation, or a per-country institution reached through role nouns.

    ``name`` is the English display name and ``acled_name`` the ACLED-style canonical name when there is one.
    ``institution`` is set on per-country actors ("military", "police"...): those are what role nouns resolve
    to. ``generic`` actors are reached only through role nouns and their aliases; their names are labels.
    ``branch_of`` names the transnational group this actor is the country branch of.
    """

    id: str
    name: str
    name_ar: str
    type: str
    inter: int
    country: str | None
    wikidata: str | None = None
    acled_name: str | None = None
    parent: str | None = None
    same_as: tuple[str, ...] = ()
    branch_of: str | None = None
    institution: str | None = None
    generic: bool = False
    active_from: date | None = None
    active_to: date | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()

    def active_on(self, day: date) -> bool:
        """Whether the actor existed under this identity on ``day`` (open ends count as unbounded)."""
        started = self.active_from is None or self.active_from <= day
        return started and (self.active_to is None or day < self.active_to)

    def match_names(self) -> tuple[tuple[str, str], ...]:
        """``(language, name)`` pairs the matcher looks for: aliases, plus the names unless ``generic``."""
        names = [("en", alias) for alias in self.aliases_en] + [("ar", alias) for alias in self.aliases_ar]
        if not self.generic:
            names = [("en", self.name), ("ar", self.name_ar), *names]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class AliasKey:
    """How an alias is looked up: its folded words, and its original words when it must match case exactly.

    An alias written mostly in capitals (HTS, IS, AP, FAMa) is an acronym: it matches only as written, so that
    "IS" is not "is" and "WHO" not "who". Every other alias matches without regard to case or diacritics.
    """

    words: tuple[str, ...]
    exact: tuple[str, ...] | None


def fold_words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` after folding, each with its ``[start, end)`` in the *original* text."""
    folded, offsets = normalize_with_offsets(text)
    words: list[tuple[str, int, int]] = []
    for match in WORD.finditer(folded):
        start = offsets[match.start()]
        end = offsets[match.end() - 1] + 1
        words.append((match.group(), start, end))
    return words


def alias_key(alias: str) -> AliasKey:
    """The lookup key of one alias (see :class:`AliasKey`)."""
    words = fold_words(alias)
    upper = sum(1 for char in alias if char.isupper())
    lower = sum(1 for char in alias if char.islower())
    exact = tuple(alias[start:end] for _, start, end in words) if upper > lower else None
    return AliasKey(tuple(word for word, _, _ in words), exact)


# --- loading --------------------------------------------------------------------------------------


def _read_yaml(name: str) -> Any:
    """A shipped YAML file of this package's ``data`` folder, parsed with the C loader when available."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = (resources.files("marsad.understand.entities") / "data" / name).read_text(encoding="utf-8")
        return yaml.load(text, Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(
            f"cannot read entities/data/{name}: {exc}; rebuild it with scripts/build_actors.py", code="R401"
        ) from exc


@cache
def load_roles() -> Mapping[str, Any]:
    """``roles.yaml``: countries with their nationality words, role phrases and member nouns."""
    roles = _read_yaml("roles.yaml")
    if not isinstance(roles, dict) or not {"countries", "roles", "member_nouns", "nisba"} <= roles.keys():
        raise ResourceError("entities/data/roles.yaml lacks countries/roles/member_nouns/nisba", code="R401")
    return roles


def load_actor_records() -> list[dict[str, Any]]:
    """The raw records of ``actors.yaml`` (a list of mappings), unchecked."""
    records = _read_yaml("actors.yaml")
    if not isinstance(records, list):
        raise ResourceError("entities/data/actors.yaml must be a list of actors", code="R401")
    return records


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def actor_from_record(record: Mapping[str, Any]) -> Actor:
    """One :class:`Actor` from a checked record."""
    return Actor(
        id=record["id"],
        name=record["name_en"],
        name_ar=record["name_ar"],
        type=record["type"],
        inter=int(record["inter"]),
        country=record["country"],
        wikidata=record.get("wikidata"),
        acled_name=record.get("acled_name"),
        parent=record.get("parent"),
        same_as=tuple(record.get("same_as") or ()),
        branch_of=record.get("branch_of"),
        institution=record.get("institution"),
        generic=bool(record.get("generic", False)),
        active_from=_as_date(record.get("active_from")),
        active_to=_as_date(record.get("active_to")),
        aliases_en=tuple(record.get("aliases_en") or ()),
        aliases_ar=tuple(record.get("aliases_ar") or ()),
        ambiguous_aliases=tuple(record.get("ambiguous_aliases") or ()),
    )


# --- checks ---------------------------------------------------------------------------------------


def _is_arabic_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and "ARABIC" in unicodedata.name(char, "")


def _is_latin_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and "LATIN" in unicodedata.name(char, "")


def _script_problems(actor_id: str, field: str, values: Iterable[str]) -> list[str]:
    """Arabic fields must be Arabic script (digits allowed), English fields must have no Arabic letters."""
    problems = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{actor_id}: empty or non-text {field} {value!r}")
        elif field.endswith("_ar") and (
            not any(map(_is_arabic_letter, value)) or any(map(_is_latin_letter, value))
        ):
            problems.append(f"{actor_id}: {field} {value!r} is not in Arabic script")
        elif field.endswith("_en") and any(map(_is_arabic_letter, value)):
            problems.append(f"{actor_id}: {field} {value!r} contains Arabic letters")
        elif not fold_words(value):
            problems.append(f"{actor_id}: {field} {value!r} has no words")
    return problems


def _field_problems(
    record: Mapping[str, Any], countries: Mapping[str, Any], institutions: set[str]
) -> list[str]:
    """Problems with one record's own fields (types, codes, formats, dates)."""
    actor_id = str(record.get("id"))
    problems = [f"{actor_id}: missing field {key}" for key in _REQUIRED if key not in record]
    problems += [f"{actor_id}: unknown field {key}" for key in record if key not in (*_REQUIRED, *_OPTIONAL)]
    if problems:
        return problems
    if not isinstance(record["id"], str) or not _ID.fullmatch(record["id"]):
        problems.append(f"{actor_id}: id must be a lower-case slug")
    if record["type"] not in ACTOR_TYPES:
        problems.append(f"{actor_id}: unknown type {record['type']!r}")
    if record["inter"] not in INTER_CODES:
        problems.append(f"{actor_id}: inter code {record['inter']!r} is not 1-8")
    country = record["country"]
    if country is not None and (not isinstance(country, str) or not _ISO2.fullmatch(country)):
        problems.append(f"{actor_id}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    elif country is not None and country not in countries:
        problems.append(f"{actor_id}: country {country} is not in roles.yaml countries")
    wikidata = record.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and _QID.fullmatch(wikidata)):
        problems.append(f"{actor_id}: wikidata {wikidata!r} is not a Q-id")
    institution = record.get("institution")
    if institution is not None and (institution not in institutions or country is None):
        problems.append(
            f"{actor_id}: institution {institution!r} needs a role kind in roles.yaml and a country"
        )
    if record.get("generic") and institution is None:
        problems.append(f"{actor_id}: generic actors must have an institution")
    problems += _script_problems(actor_id, "name_en", [record["name_en"]])
    problems += _script_problems(actor_id, "name_ar", [record["name_ar"]])
    problems += _script_problems(actor_id, "aliases_en", record.get("aliases_en") or [])
    problems += _script_problems(actor_id, "aliases_ar", record.get("aliases_ar") or [])
    return problems + _date_problems(actor_id, record)


def _date_problems(actor_id: str, record: Mapping[str, Any]) -> list[str]:
    try:
        start, end = _as_date(record.get("active_from")), _as_date(record.get("active_to"))
    except ValueError as exc:
        return [f"{actor_id}: bad date ({exc})"]
    return [f"{actor_id}: active_from is not before active_to"] if start and end and start >= end else []


def _reference_problems(actors: Sequence[Actor]) -> list[str]:
    """Links between actors (parent, same_as, branch_of) must name existing actors."""
    ids = {actor.id for actor in actors}
    problems = []
    for actor in actors:
        for field, target in [("parent", actor.parent), ("branch_of", actor.branch_of)] + [
            ("same_as", other) for other in actor.same_as
        ]:
            if target is not None and target not in ids:
                problems.append(f"{actor.id}: {field} {target!r} is not an actor id")
        if actor.branch_of is not None and actor.country is None:
            problems.append(f"{actor.id}: a branch needs a country")
        names = {alias for _, alias in actor.match_names()}
        problems += [
            f"{actor.id}: ambiguous alias {alias!r} is not one of its names"
            for alias in actor.ambiguous_aliases
            if alias not in names
        ]
    return problems


def _redundant_prefix_problems(actors: Sequence[Actor], roles: Mapping[str, Any]) -> list[str]:
    """ "the Taliban" beside "Taliban" makes matching leftmost-greedy: "the Taliban government" would stop at
    "the Taliban". Ignorable prefixes are left to the matcher."""
    prefixes = {
        normalize_arabic(word) for words in roles.get("ignorable_prefixes", {}).values() for word in words
    }
    problems = []
    for actor in actors:
        keys = {alias_key(alias).words for _, alias in actor.match_names()}
        problems += [
            f"{actor.id}: alias {' '.join(words)!r} repeats another alias after an ignorable prefix"
            for words in keys
            if len(words) > 1 and words[0] in prefixes and words[1:] in keys
        ]
    return problems


def _slot(actor: Actor) -> tuple[str | None, str | None]:
    return (actor.country, actor.institution)


def alias_collisions(actors: Sequence[Actor]) -> list[str]:
    """Aliases that lead to several actors without the data saying how to choose between them."""
    owners: dict[AliasKey, dict[str, Actor]] = defaultdict(dict)
    spelled: dict[tuple[AliasKey, str], str] = {}
    for actor in actors:
        for _, alias in actor.match_names():
            key = alias_key(alias)
            owners[key][actor.id] = actor
            spelled[(key, actor.id)] = alias
    problems = []
    for key, by_id in owners.items():
        if len(by_id) < 2:
            continue
        group = list(by_id.values())
        same_slot = group[0].institution is not None and len({_slot(actor) for actor in group}) == 1
        declared = all(spelled[(key, actor.id)] in actor.ambiguous_aliases for actor in group)
        if not same_slot and not declared:
            problems.append(f"alias {' '.join(key.words)!r} is shared by {', '.join(sorted(by_id))}")
    return problems


def _coverage_problems(
    actors: Sequence[Actor], countries: Iterable[str], institutions: set[str]
) -> list[str]:
    """Every country needs an actor for every institution a role noun can name, or roles would dead-end."""
    slots = {_slot(actor) for actor in actors if actor.institution}
    return [
        f"no actor for {institution} of {country}"
        for country in countries
        for institution in sorted(institutions)
        if (country, institution) not in slots
    ]


def role_institutions(roles: Mapping[str, Any]) -> set[str]:
    """The institutions that role phrases resolve to."""
    return {group["institution"] for group in roles["roles"]}


def check_actor_records(records: Sequence[Mapping[str, Any]], roles: Mapping[str, Any]) -> list[str]:
    """Every problem with a candidate ``actors.yaml``; an empty list means it can ship."""
    countries = roles["countries"]
    institutions = role_institutions(roles)
    problems = []
    for record in records:
        problems += _field_problems(record, countries, institutions)
    seen: set[str] = set()
    for record in records:
        if record.get("id") in seen:
            problems.append(f"duplicate id {record.get('id')}")
        seen.add(str(record.get("id")))
    if problems:
        return problems
    actors = [actor_from_record(record) for record in records]
    problems += _reference_problems(actors)
    problems += _redundant_prefix_problems(actors, roles)
    problems += alias_collisions(actors)
    problems += _coverage_problems(actors, countries, institutions)
    return problems
