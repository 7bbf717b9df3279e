"""The claim lexicons (``data/cues.yaml``, ``data/speakers.yaml``) as typed, normalised tables.

Every entry is folded with :func:`normalize_arabic` once, at load time, so that matching is a set lookup
on the folded keys of :class:`~marsad.understand.claims.text.Word`. A phrase is a tuple of keys; an
element ending in ``+`` is a prefix that may be fused on the next word (``ل+`` matches لـ and لرويترز).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal, cast, get_args

import yaml

from marsad.errors import ResourceError
from marsad.language.normalize import normalize_arabic

Phrase = tuple[str, ...]
Kind = Literal[
    "official",
    "government",
    "military",
    "armed_group",
    "media",
    "ngo",
    "witness",
    "anonymous_source",
    "other",
]
LANGUAGES = {"ar": "arabic", "en": "english"}


@dataclass(frozen=True, slots=True)
class VerbCue:
    """One speech verb and how its arguments are arranged (see ``cues.yaml``)."""

    lemma: str
    negated: bool = False
    bare: bool = False
    inverts: bool = False
    addressee: bool = False
    source: Phrase | None = None
    objects: tuple[str, ...] = ()
    continuation: bool = False


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the claim finder knows about one language."""

    language: str
    verbs: dict[str, VerbCue]
    complementizers: frozenset[str]
    attribution: tuple[Phrase, ...]
    attribution_verbal: tuple[Phrase, ...]
    via_markers: tuple[Phrase, ...]
    as_saying: tuple[Phrase, ...]
    max_speaker_words: int
    max_subject_words: int
    time_words: frozenset[str]
    time_prefixes: frozenset[str]
    time_nouns: frozenset[str]
    channel_prepositions: frozenset[str]
    channel_nouns: frozenset[str]
    channel_window: int
    document_nouns: frozenset[str]
    document_linkers: tuple[Phrase, ...]
    addressee_heads: frozenset[str]
    audience: frozenset[str]
    addressee_prepositions: frozenset[str]
    adverbs: tuple[Phrase, ...]
    relatives: tuple[Phrase, ...]
    clause_openers: frozenset[str]
    verb_modifiers: frozenset[str]
    subordinators: frozenset[str]
    prepositions: frozenset[str]
    coordinators: frozenset[str]
    negators: frozenset[str]
    passive: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    head_final: bool
    kinds: tuple[tuple[Phrase, Kind], ...]
    """Head-noun phrases and their speaker kind, longest phrases first."""


def _load(name: str) -> dict[str, Any]:
    try:
        text = resources.files("marsad.understand.claims").joinpath("data", name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot load claims lexicon {name}: {exc}", code="R301") from exc
    if not isinstance(data, dict):
        raise ResourceError(f"claims lexicon {name} must be a mapping", code="R301")
    return data


def _key(word: object) -> str:
    """A lexicon word, folded. YAML reads a bare on/no/yes as a boolean: anything but a string is an error."""
    if not isinstance(word, str):
        raise ValueError(f"lexicon entry {word!r} is not a string (quote it in the YAML file)")
    return normalize_arabic(word).strip()


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(w) for w in words)


def _phrase(entry: str | Sequence[str]) -> Phrase:
    return (_key(entry),) if isinstance(entry, str) else tuple(_key(w) for w in entry)


def _phrases(entries: Iterable[str | Sequence[str]]) -> tuple[Phrase, ...]:
    return tuple(sorted((_phrase(e) for e in entries), key=len, reverse=True))


def _verbs(table: dict[str, dict[str, Any]]) -> dict[str, VerbCue]:
    """Every inflected form (and continuation participle) → its :class:`VerbCue`."""
    verbs: dict[str, VerbCue] = {}
    for lemma, entry in table.items():
        source = entry.get("source")
        cue = VerbCue(
            lemma=lemma,
            negated=bool(entry.get("negated", False)),
            bare=bool(entry.get("bare", False)),
            inverts=bool(entry.get("inverts", False)),
            addressee=bool(entry.get("addressee", False)),
            source=None if source is None else _phrase(source),
            objects=tuple(_key(o) for o in entry.get("objects", [])),
        )
        verbs.update((_key(form), cue) for form in entry["forms"])
        participle = replace(cue, source=None, inverts=False, continuation=True)
        verbs.update((_key(form), participle) for form in entry.get("continuations", []))
    return verbs


def _complementizers(cues: dict[str, Any]) -> frozenset[str]:
    bases = [_key(c) for c in cues["complementizers"]]
    suffixes = ["", *(_key(s) for s in cues["complementizer_suffixes"])]
    return frozenset(base + suffix for base in bases for suffix in suffixes)


def _kind(name: str) -> Kind:
    if name not in get_args(Kind):
        raise ValueError(f"unknown speaker kind {name!r}")
    return cast(Kind, name)


def _kinds(table: dict[str, dict[str, list[Any]]], language: str) -> tuple[tuple[Phrase, Kind], ...]:
    pairs = [
        (_phrase(entry), _kind(kind))
        for kind, by_language in table.items()
        for entry in by_language[language]
    ]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@dataclass(frozen=True, slots=True)
class Orthography:
    """What is read before any language's rules: quotation marks (opening mark → closing marks), the
    abbreviations that do not end a sentence, and the conjunctions written on the next word."""

    quotes: dict[str, str]
    strict_quotes: frozenset[str]
    abbreviations: frozenset[str]
    conjunctions: frozenset[str]


@cache
def orthography() -> Orthography:
    """The language-independent part of ``cues.yaml``, loaded once."""
    data = _load("cues.yaml")
    try:
        return Orthography(
            quotes={str(k): str(v) for k, v in data["quotes"].items()},
            strict_quotes=frozenset(str(data["strict_quotes"])),
            abbreviations=_keys(data["abbreviations"]),
            conjunctions=_keys(data["conjunctions"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResourceError(f"claims lexicon cues.yaml is malformed: {exc!r}", code="R302") from exc


@cache
def rules(lang: str) -> Rules:
    """The rules for ``lang`` ("ar" or "en"), loaded once; a broken lexicon is a :class:`ResourceError`."""
    language = LANGUAGES[lang]
    try:
        cues = _load("cues.yaml")[language]
        speakers = _load("speakers.yaml")
        words = speakers[language]
        return Rules(
            language=lang,
            verbs=_verbs(cues["verbs"]),
            complementizers=_complementizers(cues),
            attribution=_phrases(cues["attribution"]),
            attribution_verbal=_phrases(cues["attribution_verbal"]),
            via_markers=_phrases(cues["via_markers"]),
            as_saying=_phrases(cues["as_saying"]),
            max_speaker_words=int(cues["max_speaker_words"]),
            max_subject_words=int(cues["max_subject_words"]),
            time_words=_keys(words["time"]["words"]),
            time_prefixes=_keys(words["time"]["prefixes"]),
            time_nouns=_keys(words["time"]["nouns"]),
            channel_prepositions=_keys(words["channels"]["prepositions"]),
            channel_nouns=_keys(words["channels"]["nouns"]),
            channel_window=int(words["channels"]["window"]),
            document_nouns=_keys(words["documents"]["nouns"]),
            document_linkers=_phrases(words["documents"]["linkers"]),
            addressee_heads=_keys(words["addressee_heads"]),
            audience=_keys(words["audience"]),
            addressee_prepositions=_keys(words["addressee_prepositions"]),
            adverbs=_phrases(words["adverbs"]),
            relatives=_phrases(words["relatives"]),
            clause_openers=_keys(words["clause_openers"]),
            verb_modifiers=_keys(words["verb_modifiers"]),
            subordinators=_keys(words["subordinators"]),
            prepositions=_keys(words["prepositions"]),
            coordinators=_keys(words["coordinators"]),
            negators=_keys(words["negators"]),
            passive=_keys(words["passive"]),
            determiners=_keys(words["determiners"]),
            pronouns=_keys(words["pronouns"]),
            head_final=bool(words["head_final"]),
            kinds=_kinds(speakers["kinds"], language),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResourceError(f"claims lexicon for {language} is malformed: {exc!r}", code="R302") from exc
