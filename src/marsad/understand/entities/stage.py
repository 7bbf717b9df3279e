"""The entities stage: link names to entities — actors from the knowledge base, people, organisations.

Two finders feed it: the actor knowledge base (armed groups, state forces, ministries, media, with their
ACLED inter codes; role nouns like "قوات النظام" resolved with the article's country) and the NER model's
person, organisation and other names. Where both found a name the knowledge base wins, since it knows
who the name refers to. Every mention of one actor, or of one person ("جون كيربي" … "كيربي"), is linked to
one entity with its canonical names. Places are the places stage's; a location name the gazetteer could not
place ("الشرق الأوسط") still becomes a ``LOC`` entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.document import Document, Mention
from marsad.language.normalize import normalize_arabic
from marsad.understand.entities.actor_data import Actor
from marsad.understand.entities.actors import LANGUAGES, ActorMention, get_actor_kb

_ACTOR_TYPES = {
    "state_force": "STATE_FORCE",
    "armed_group": "ARMED_GROUP",
    "political_militia": "ARMED_GROUP",
    "identity_militia": "ARMED_GROUP",
    "media": "MEDIA",
    "other": "OTHER",
}
_NER_TYPES = {"PERS": "PERSON", "ORG": "ORG", "MISC": "OTHER", "LOC": "LOC"}
"""NER labels as entity types; a location reaches here only when the gazetteer could not place it."""


@dataclass
class _Entity:
    type: str
    name: str
    name_ar: str | None
    actor: Actor | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def actor_json(actor: Actor) -> dict[str, Any]:
    """What the output carries about an actor of the knowledge base."""
    return {
        "id": actor.id,
        "name": actor.acled_name or actor.name,
        "name_ar": actor.name_ar,
        "type": actor.type,
        "inter": actor.inter,
        "country": actor.country,
        "wikidata": actor.wikidata,
        "generic": actor.generic,
    }


class EntitiesStage:
    name = "entities"
    version = "1"
    requires = frozenset({"text", "language", "mentions", "country", "places"})
    assigns = frozenset({"entities"})

    def __call__(self, doc: Document) -> Document:
        actors = _actor_mentions(doc)
        entities: dict[str, _Entity] = {}
        for found in actors:
            entity = entities.setdefault(f"actor:{found.actor.id}", _actor_entity(found.actor))
            entity.spans.append((found.start, found.end))
        covered = [(m.start, m.end) for m in actors]
        covered += [(s["start"], s["end"]) for place in doc.places for s in place["mentions"]]
        if doc.dateline is not None and doc.dateline.span is not None:
            covered.append((doc.dateline.span.start, doc.dateline.span.end))
        for mention in doc.mentions:
            if mention.label in _NER_TYPES and not any(
                mention.start < e and s < mention.end for s, e in covered
            ):
                key = _ner_key(mention, entities)
                entity = entities.setdefault(key, _ner_entity(mention, doc.language))
                entity.spans.append((mention.start, mention.end))
        doc.entities = [_to_json(doc.text, f"n{i}", entity) for i, entity in enumerate(entities.values(), 1)]
        return doc


def _actor_mentions(doc: Document) -> list[ActorMention]:
    if doc.language not in LANGUAGES:
        return []
    on = doc.reference_date or doc.published
    return get_actor_kb().find_mentions(doc.text, lang=doc.language, country_hint=doc.country, on=on)


def _actor_entity(actor: Actor) -> _Entity:
    entity_type = _ACTOR_TYPES.get(actor.type, "ORG")
    return _Entity(type=entity_type, name=actor.acled_name or actor.name, name_ar=actor.name_ar, actor=actor)


def _ner_entity(mention: Mention, language: str) -> _Entity:
    return _Entity(
        type=_NER_TYPES[mention.label],
        name=mention.text,
        name_ar=mention.text if language == "ar" else None,
    )


def _ner_key(mention: Mention, entities: dict[str, _Entity]) -> str:
    """The key linking this mention: a bare surname joins the person whose full name ends with it."""
    folded = normalize_arabic(mention.text)
    if mention.label == "PERS" and " " not in folded:
        for key, entity in entities.items():
            if entity.type == "PERSON" and normalize_arabic(entity.name).split()[-1] == folded:
                return key
    return f"{mention.label}:{folded}"


def _to_json(text: str, entity_id: str, entity: _Entity) -> dict[str, Any]:
    return {
        "id": entity_id,
        "type": entity.type,
        "name": entity.name,
        "name_ar": entity.name_ar,
        "actor": actor_json(entity.actor) if entity.actor else None,
        "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in sorted(entity.spans)],
    }
