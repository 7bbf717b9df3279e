"""The event stage's knowledge, loaded from ``data/*.yaml``, and the phrase matcher it is read with.

Every list (triggers, casualty words, history cues, frame markers) is a set of phrases matched on the words of
the article as :func:`marsad.understand.claims.text.words` gives them: folded for matching, each with its
clitic-stripped readings, so a phrase written once in its dictionary spelling ("غارات جوية", "قتل") also
matches "والغارات الجوية" and "وقُتل". Phrases are tokenised by the same function, so "cease-fire" or
"حيز التنفيذ" meet the text word for word. Arabic and English phrases share one index: their words never
collide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

from marsad.errors import ResourceError
from marsad.resources import load_yaml
from marsad.understand.claims.text import Word, words

V = TypeVar("V")

_PACKAGE = "marsad.understand.events"
_ARTICLE = "ال"
_MIN_ARTICLE_STEM = 3
EVENT_TYPES: Mapping[str, frozenset[str]] = {
    "battles": frozenset(
        {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"}
    ),
    "explosions_remote_violence": frozenset(
        {
            "chemical_weapon",
            "air_drone_strike",
            "suicide_bomb",
            "shelling_artillery_missile_attack",
            "remote_explosive_landmine_ied",
            "grenade",
        }
    ),
    "violence_against_civilians": frozenset({"sexual_violence", "attack", "abduction_forced_disappearance"}),
    "protests": frozenset(
        {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"}
    ),
    "riots": frozenset({"violent_demonstration", "mob_violence"}),
    "strategic_developments": frozenset(
        {
            "agreement",
            "arrests",
            "change_to_group_activity",
            "disrupted_weapons_use",
            "headquarters_or_base_established",
            "looting_property_destruction",
            "non_violent_transfer_of_territory",
            "other",
        }
    ),
}
"""ACLED event types and their sub-event types, as the output contract spells them."""


def phrase_key(word: Word) -> str:
    """The form a lexicon word is matched by: folded, and for Arabic without the article (الغارات → غارات)."""
    key = word.key
    if word.arabic and key.startswith(_ARTICLE) and len(key) - len(_ARTICLE) >= _MIN_ARTICLE_STEM:
        return key[len(_ARTICLE) :]
    return key


def _word_matches(word: Word, key: str) -> bool:
    return key == word.key or key in word.bare or key in word.forms


@dataclass(frozen=True, slots=True)
class Hit(Generic[V]):
    """A phrase found on words ``[first, end)`` of the article."""

    value: V
    first: int
    end: int


class PhraseIndex(Generic[V]):
    """Phrases of one or more words, each with a value; the longest phrase at a word wins."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in entries:
            keys = tuple(phrase_key(w) for w in words(phrase))
            if keys:
                by_first.setdefault(keys[0], []).append((keys, value))
        for options in by_first.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        self._by_first = by_first

    def at(self, ws: Sequence[Word], i: int, end: int | None = None) -> Hit[V] | None:
        """The longest phrase that starts at ``ws[i]`` and ends by ``end`` (default: the last word)."""
        limit = len(ws) if end is None else min(end, len(ws))
        if i >= limit:
            return None
        word = ws[i]
        candidates = {word.key, *word.bare, *word.forms}
        best: Hit[V] | None = None
        for first in candidates:
            for keys, value in self._by_first.get(first, ()):
                stop = i + len(keys)
                if stop > limit or (best is not None and stop <= best.end):
                    continue
                if all(_word_matches(ws[i + k], key) for k, key in enumerate(keys[1:], start=1)):
                    best = Hit(value, i, stop)
        return best

    def find(self, ws: Sequence[Word], lo: int, hi: int) -> list[Hit[V]]:
        """Non-overlapping phrases in ``ws[lo:hi]``, left to right, longest first at each word."""
        found: list[Hit[V]] = []
        i = lo
        while i < hi:
            hit = self.at(ws, i, hi)
            if hit is None:
                i += 1
            else:
                found.append(hit)
                i = hit.end
        return found

    def ends_at(self, ws: Sequence[Word], end: int, reach: int = 4) -> Hit[V] | None:
        """A phrase that ends right before word ``end`` and starts at most ``reach`` words before it."""
        for i in range(max(0, end - reach), end):
            hit = self.at(ws, i, end)
            if hit is not None and hit.end == end:
                return hit
        return None


@dataclass(frozen=True)
class Trigger:
    """An event trigger of ``triggers.yaml`` (see the file's header for what each field means)."""

    id: str
    type: str
    subtype: str
    plover: str
    priority: int
    generic: bool = False
    place_within: int | None = None
    armed_agent: bool = False
    two_sided: bool = False
    requires: PhraseIndex[bool] | None = None
    on_civilians: str | None = None
    on_armed: str | None = None
    by_actor1: Mapping[str, str] = field(default_factory=dict)
    refine: tuple[tuple[PhraseIndex[bool], str], ...] = ()


@dataclass(frozen=True, slots=True)
class Victim:
    """A victim noun: its label ("civilians"), whether such victims bear arms, and how it counts."""

    label: str
    armed: bool
    singular: bool = False
    own_forces: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Everything the event stage knows, as phrase indexes (see the YAML files for the meaning of each)."""

    triggers: Mapping[str, Trigger]
    trigger_phrases: PhraseIndex[str]
    distinct_subtypes: frozenset[str]
    casualty_types: frozenset[str]
    violent_types: frozenset[str]
    casualties: PhraseIndex[str]
    casualty_negations: PhraseIndex[bool]
    others: PhraseIndex[bool]
    conjunctions: frozenset[str]
    partitive: PhraseIndex[bool]
    subsets: PhraseIndex[bool]
    victims: PhraseIndex[Victim]
    actor_victims: Mapping[int, Victim]
    recent_days: int
    cumulative_min: int
    background: PhraseIndex[bool]
    since: PhraseIndex[bool]
    totals: PhraseIndex[bool]
    war_nouns: PhraseIndex[bool]
    aggregate: PhraseIndex[bool]
    clause_breaks: frozenset[str]
    clause_openers: PhraseIndex[bool]
    agent_markers: PhraseIndex[bool]
    party_markers: PhraseIndex[bool]
    target_markers: PhraseIndex[bool]
    target_verbs: PhraseIndex[bool]
    prepositions: PhraseIndex[bool]
    responsibility: PhraseIndex[bool]
    own_forces: PhraseIndex[bool]
    own_subjects: PhraseIndex[bool]
    modality: PhraseIndex[bool]
    modality_window: int
    modality_after: PhraseIndex[bool]
    modality_backward: PhraseIndex[bool]
    negators: PhraseIndex[bool]
    scope_breaks: PhraseIndex[bool]
    determiners: frozenset[str]
    near: PhraseIndex[bool]
    admin_terms: PhraseIndex[bool]
    district_terms: PhraseIndex[bool]
    admin_plurals: PhraseIndex[bool]
    settlements: PhraseIndex[bool]
    anaphora: PhraseIndex[bool]
    capital: PhraseIndex[bool]
    not_location: PhraseIndex[bool]
    not_location_after: PhraseIndex[bool]
    site_nouns: PhraseIndex[bool]
    wildcard_institutions: frozenset[str]
    category_institutions: frozenset[str]
    inter_types: Mapping[int, str]
    armed_inters: frozenset[int]
    armed_types: frozenset[str]
    source_types: frozenset[str]
    crowds: Mapping[str, str]
    default_agents: Mapping[str, str]
    nationality_probes: Mapping[str, str]
    crowd_inters: frozenset[int]


def _phrases(entry: Any) -> list[str]:
    """The Arabic and English phrases of a ``{ar: [...], en: [...]}`` entry (either may be missing)."""
    if entry is None:
        return []
    if isinstance(entry, list):
        return [str(p) for p in entry]
    return [str(p) for lang in ("ar", "en") for p in entry.get(lang, []) or []]


def _flags(entry: Any) -> PhraseIndex[bool]:
    return PhraseIndex((phrase, True) for phrase in _phrases(entry))


def _trigger(record: Mapping[str, Any]) -> Trigger:
    requires = record.get("requires")
    return Trigger(
        id=record["id"],
        type=record["type"],
        subtype=record["subtype"],
        plover=record["plover"],
        priority=int(record["priority"]),
        generic=bool(record.get("generic", False)),
        place_within=record.get("place_within"),
        armed_agent=bool(record.get("armed_agent", False)),
        two_sided=bool(record.get("two_sided", record["type"] == "battles")),
        requires=_flags(requires) if requires else None,
        on_civilians=record.get("on_civilians"),
        on_armed=record.get("on_armed"),
        by_actor1=dict(record.get("by_actor1") or {}),
        refine=tuple((_flags(rule), rule["to"]) for rule in record.get("refine") or []),
    )


def _check_triggers(triggers: Mapping[str, Trigger]) -> None:
    """Fail at load time, with the trigger's id, on an unknown type, sub-type or reference."""
    for trigger in triggers.values():
        if trigger.subtype not in EVENT_TYPES.get(trigger.type, frozenset()):
            raise ResourceError(
                f"trigger {trigger.id}: bad type/subtype {trigger.type}/{trigger.subtype}", code="R502"
            )
        targets = [trigger.on_civilians, trigger.on_armed, *trigger.by_actor1.values()]
        targets += [to for _, to in trigger.refine]
        for target in targets:
            if target is not None and target not in triggers:
                raise ResourceError(f"trigger {trigger.id}: refers to unknown trigger {target}", code="R502")


def _victims(table: Mapping[str, Any]) -> PhraseIndex[Victim]:
    entries: list[tuple[str, Victim]] = []
    for label, spec in table.items():
        armed = bool(spec["armed"])
        entries += [(p, Victim(label, armed)) for p in _phrases(spec)]
        singular = _phrases(spec.get("singular"))
        entries += [(p, Victim(label, armed, singular=True)) for p in [*singular, *_accusatives(singular)]]
        entries += [(p, Victim(label, armed, own_forces=True)) for p in _phrases(spec.get("own_forces"))]
    return PhraseIndex(entries)


def _accusatives(phrases: list[str]) -> list[str]:
    """Arabic singular nouns in the indefinite accusative ("قتل متظاهرا", "أصيب جنديا"): the tanween alef
    written after a one-word noun that does not end in a vowel letter already."""
    return [
        p + "ا" for p in phrases if " " not in p and "\u0621" <= p[-1] <= "\u064a" and p[-1] not in "اةىي"
    ]


def _actor_victims(table: Mapping[Any, str], armed_inters: frozenset[int]) -> dict[int, Victim]:
    """Victims named as an actor ("two Hezbollah fighters"), by the actor's ACLED inter code."""
    return {int(inter): Victim(label, int(inter) in armed_inters) for inter, label in table.items()}


@cache
def get_lexicon() -> Lexicon:
    """The shipped lexicon, loaded and checked once per process."""
    trig, vic, hist, frames = (
        load_yaml(_PACKAGE, name) for name in ("triggers.yaml", "victims.yaml", "history.yaml", "frames.yaml")
    )
    triggers = {record["id"]: _trigger(record) for record in trig["triggers"]}
    _check_triggers(triggers)
    casualty_entries = [(p, kind) for kind in ("killed", "injured", "unknown") for p in _phrases(vic[kind])]
    return Lexicon(
        triggers=triggers,
        distinct_subtypes=frozenset(trig["distinct_subtypes"]),
        casualty_types=frozenset(trig["casualty_types"]),
        violent_types=frozenset(trig["violent_types"]),
        trigger_phrases=PhraseIndex(
            (phrase, record["id"]) for record in trig["triggers"] for phrase in _phrases(record)
        ),
        casualties=PhraseIndex(casualty_entries),
        casualty_negations=_flags(vic["negations"]),
        others=_flags(vic["others"]),
        conjunctions=frozenset(str(w) for lang in ("ar", "en") for w in vic["conjunctions"][lang]),
        partitive=_flags(vic["partitive"]),
        subsets=_flags(vic["subsets"]),
        victims=_victims(vic["victims"]),
        actor_victims=_actor_victims(vic["actor_victims"], frozenset(int(i) for i in frames["armed_inters"])),
        recent_days=int(hist["recent_days"]),
        cumulative_min=int(hist["cumulative_min"]),
        background=_flags(hist["background"]),
        since=_flags(hist["since"]),
        totals=_flags(hist["totals"]),
        war_nouns=_flags(hist["war_nouns"]),
        aggregate=_flags(hist["aggregate"]),
        clause_breaks=frozenset(frames["clause_breaks"]),
        clause_openers=_flags(frames["clause_openers"]),
        agent_markers=_flags(frames["agent_markers"]),
        party_markers=_flags(frames["party_markers"]),
        target_markers=_flags(frames["target_markers"]),
        target_verbs=_flags(frames["target_verbs"]),
        prepositions=_flags(frames["prepositions"]),
        responsibility=_flags(frames["responsibility"]),
        own_forces=_flags(frames["own_forces"]),
        own_subjects=_flags(frames["own_subjects"]),
        modality=_flags({k: v for k, v in frames["modality"].items() if k != "window"}),
        modality_window=int(frames["modality"]["window"]),
        modality_after=_flags(frames["modality_after"]),
        modality_backward=_flags(frames["modality_backward"]),
        negators=_flags(frames["negators"]),
        scope_breaks=_flags(frames["scope_breaks"]),
        determiners=frozenset(str(w).casefold() for w in frames["determiners"]),
        near=_flags(frames["near"]),
        admin_terms=_flags(frames["admin_terms"]),
        district_terms=_flags(frames["district_terms"]),
        admin_plurals=_flags(frames["admin_plurals"]),
        settlements=_flags(frames["settlements"]),
        anaphora=_flags(frames["anaphora"]),
        capital=_flags(frames["capital"]),
        not_location=_flags(frames["not_location"]),
        not_location_after=_flags(frames["not_location_after"]),
        site_nouns=_flags(frames["site_nouns"]),
        wildcard_institutions=frozenset(frames["wildcard_institutions"]),
        category_institutions=frozenset(frames["category_institutions"]),
        inter_types={int(k): str(v) for k, v in frames["inter_types"].items()},
        armed_inters=frozenset(int(i) for i in frames["armed_inters"]),
        armed_types=frozenset(frames["armed_types"]),
        source_types=frozenset(frames["source_types"]),
        crowds={str(k): str(v) for k, v in frames["crowds"].items()},
        default_agents={str(k): str(v) for k, v in frames["default_agents"].items()},
        nationality_probes={str(k): str(v) for k, v in frames["nationality_probes"].items()},
        crowd_inters=frozenset(int(i) for i in frames["crowd_inters"]),
    )
