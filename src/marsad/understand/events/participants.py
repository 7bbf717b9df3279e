"""Who did it and to whom: the actor1 (agent) and actor2 (target) of an event trigger.

The agent is read, in order of reliability: after an agent marker ("هجوم قاده مقاتلو X", "carried out by X",
"من قبل X"); from forces named with a possessive pronoun, which are the speaker's own ("قالت الوزارة إن قواتها
الجوية نفذت ضربات", "its warplanes"); as the nearest actor before the trigger in its clause (SVO, and Arabic
after إن) or, in Arabic, right after it (VSO: "سيطر المتمردون على", unless a verb such as "استهدفت" before
the trigger makes what follows its object); from a claim whose content opens with a
pronoun subject ("قال الجيش إنه قصف"); and last as the first armed actor of the sentence. The target comes
after a target marker or verb ("على X", "ضد X", "استهدفت … تجمعات المتمردين", "against X"), from the victims
(civilians; "جنوده" are the speaker's soldiers), or, for a battle or an agreement, as the other side named in
the sentence.

ACLED codes state violence to the forces that carry it out, so a government named as the agent of a violent
event ("طائرات الحكومة السورية") becomes its country's military; an agent nobody is named for is "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from marsad.understand.entities.actor_data import Actor
from marsad.understand.entities.actors import get_actor_kb
from marsad.understand.entities.actors import resolve as resolve_actor
from marsad.understand.events.article import ActorRef, Article
from marsad.understand.events.casualties import Figure
from marsad.understand.events.lexicon import Lexicon, Trigger, get_lexicon
from marsad.understand.events.units import Clause, Sentence

_SUBJECT_AFTER = 4
_VSO_SUBJECT = 2
_MARKER_REACH = 2
_TARGET_REACH = 8
_VERB_OBJECT_REACH = 5
_OBJECT_REACH = 3
_ADJACENT = 2
_SUBJECT_NP = 5
_JOINERS = frozenset({"-", "\u2010", "\u2011"})
_PREPOSITION_ARTICLE = ("لل", "بال", "كال", "ولل", "وبال", "فلل", "فبال")
"""A preposition and the article written on a word ("للمتمردين", "بالجيش"): never on a subject."""
_MILITARY = "military"
_CIVILIANS = "civilians"


@dataclass(frozen=True, slots=True)
class EventActor:
    """An event's actor in the output contract's terms, with what merging needs to compare two."""

    name: str
    name_ar: str | None = None
    type: str | None = None
    country: str | None = None
    entity: str | None = None
    mention: tuple[int, int] | None = None
    actor_id: str | None = None
    inter: int | None = None
    generic: bool = False
    wildcard: bool = False
    force: bool = False
    """A body that bears arms (an army, a militia), as against a government, ministry or crowd."""
    category: bool = False
    """A catch-all for any group of a kind ("Opposition Rebels (Syria)"), not one body."""
    parent: str | None = None

    @property
    def named(self) -> bool:
        return not self.generic and not self.wildcard

    def agrees(self, other: EventActor) -> bool:
        """Whether two reports could name the same actor: the same one; an unidentified one and anyone; a
        catch-all ("rebels") and a named group of its kind ("HTS"); a state body ("the army") and its named
        units. A government is never one of the armed groups of its country, nor the Houthis its army."""
        if self.wildcard or other.wildcard or self.actor_id == other.actor_id:
            return True
        if self.named and other.named:
            return False
        vague, other_one = (self, other) if self.generic else (other, self)
        if other_one.named and not vague.category:
            return other_one.parent == vague.actor_id
        return self.inter == other.inter and self.force == other.force

    def to_json(self, text: str) -> dict[str, Any]:
        mention = None
        if self.mention is not None:
            start, end = self.mention
            mention = {"start": start, "end": end, "text": text[start:end]}
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "type": self.type,
            "country": self.country,
            "entity": self.entity,
            "mention": mention,
        }


UNKNOWN = EventActor(name="unknown", wildcard=True)


def from_ref(ref: ActorRef, lex: Lexicon, mention: tuple[int, int] | None = None) -> EventActor:
    """The actor a mention names, as the knowledge base knows it (its parent, its kind)."""
    known = get_actor_kb().get(ref.actor_id) if ref.actor_id else None
    if known is not None:
        return replace(from_kb(known, lex, mention or (ref.start, ref.end), ref.entity), generic=ref.generic)
    return EventActor(
        name=ref.name,
        name_ar=ref.name_ar,
        type=lex.inter_types.get(ref.inter) if ref.inter is not None else None,
        country=ref.country,
        entity=ref.entity,
        mention=mention or (ref.start, ref.end),
        actor_id=ref.actor_id,
        inter=ref.inter,
        generic=ref.generic,
        wildcard=ref.institution in lex.wildcard_institutions,
        force=ref.kind in lex.armed_types,
    )


def from_kb(actor: Actor, lex: Lexicon, mention: tuple[int, int] | None, entity: str | None) -> EventActor:
    return EventActor(
        name=actor.acled_name or actor.name,
        name_ar=actor.name_ar,
        type=lex.inter_types.get(actor.inter),
        country=actor.country,
        entity=entity,
        mention=mention,
        actor_id=actor.id,
        inter=actor.inter,
        generic=actor.generic,
        wildcard=actor.institution in lex.wildcard_institutions,
        force=actor.type in lex.armed_types,
        category=actor.institution in lex.category_institutions,
        parent=actor.parent,
    )


@dataclass(frozen=True)
class Scene:
    """A trigger on words ``[first, end)`` in its clause and sentence, with the claim that reports it."""

    article: Article
    sentence: Sentence
    clause: Clause
    first: int
    end: int
    trigger: Trigger
    claim: Mapping[str, Any] | None
    country: str | None
    figures: tuple[Figure, ...]
    lex: Lexicon

    @property
    def event_type(self) -> str:
        return self.trigger.type

    def refs(self, lo: int, hi: int) -> list[ActorRef]:
        """Actor mentions whose first word lies in words ``[lo, hi)``."""
        return [r for r in self.article.actors if lo <= self.article.word_at(r.start) < hi]

    def first_word(self, ref: ActorRef) -> int:
        return self.article.word_at(ref.start)

    def after_marker(self, ref: ActorRef) -> bool:
        """Whether a target marker, a preposition or a backer's word stands right before the mention."""
        return after_marker(self.article, ref, self.lex)

    def speaker(self) -> ActorRef | None:
        """The actor the claim's speaker is (by entity id, else by the span of its mention)."""
        if self.claim is None:
            return None
        speaker = self.claim.get("speaker") or {}
        entity, mention = speaker.get("entity"), speaker.get("mention")
        if mention:
            inside = [
                r for r in self.article.actors if mention["start"] <= r.start and r.end <= mention["end"]
            ]
            if inside:
                return inside[0]
        if entity:
            return next((r for r in self.article.actors if r.entity == entity), None)
        return self._named_like(str(speaker.get("name") or speaker.get("text") or ""))

    def _named_like(self, text: str) -> ActorRef | None:
        """For a speaker known only by text (a dropped pronoun): the last actor mention before the claim
        that the text starts with."""
        start = ((self.claim or {}).get("content") or {}).get("start", 0)
        before = [r for r in self.article.actors if r.end <= start and text.startswith(r.text)]
        return before[-1] if text and before else None

    def is_speaker(self, ref: ActorRef) -> bool:
        """Whether the mention names who speaks in some claim: a speaker is a source, not an agent."""
        return any(start <= ref.start < end for start, end in self.article.speakers)

    def fits_agent(self, ref: ActorRef) -> bool:
        """Whether the mention can be the agent: a crowd for protests and riots, else an armed actor; never
        the victims of the event's figures."""
        if any(f.count is not None and f.start < ref.end and ref.start < f.end for f in self.figures):
            return False
        if self.event_type in self.lex.crowds:
            return ref.inter in self.lex.crowd_inters
        return ref.inter in self.lex.armed_inters or ref.institution in self.lex.wildcard_institutions


def after_marker(article: Article, ref: ActorRef, lex: Lexicon) -> bool:
    """Whether the mention follows a target marker, a preposition or a backer's word, or carries a
    preposition with the article ("للمتمردين", "بالجيش"): then it is no subject."""
    ws, i = article.ws, article.word_at(ref.start)
    if ws[i].key.startswith(_PREPOSITION_ARTICLE):
        return True
    return any(
        table.ends_at(ws, i, reach=_MARKER_REACH) is not None
        for table in (lex.target_markers, lex.prepositions, lex.not_location)
    )


def own_forces(scene: Scene, mention: tuple[int, int] | None) -> EventActor | None:
    """The speaker's own forces: the speaker if it bears arms, else its country's military."""
    ref = scene.speaker()
    if ref is None:
        return None
    if ref.kind in scene.lex.armed_types:
        return from_ref(ref, scene.lex, mention)
    if ref.country is None:
        return None
    actor = get_actor_kb().institution_actor(ref.country, _MILITARY, scene.article.reference)
    return from_kb(actor, scene.lex, mention, None) if actor else None


def _by_marker(scene: Scene) -> EventActor | None:
    """The actor after the agent marker nearest the trigger (or, for a two-sided event, a party marker)."""
    ws, lex = scene.article.ws, scene.lex
    best: tuple[int, ActorRef] | None = None
    markers = lex.agent_markers.find(ws, scene.clause.lo, scene.clause.hi)
    if scene.trigger.two_sided:
        markers += lex.party_markers.find(ws, scene.clause.lo, scene.clause.hi)
    for hit in markers:
        longer = lex.not_location.ends_at(ws, hit.end)
        if longer is not None and longer.first < hit.first:
            continue
        for ref in scene.refs(hit.end, hit.end + _MARKER_REACH + 1):
            distance = abs(hit.first - scene.first)
            if scene.fits_agent(ref) and (best is None or distance < best[0]):
                best = (distance, ref)
            break
    return from_ref(best[1], lex) if best else None


def _by_own_forces(scene: Scene) -> EventActor | None:
    ws = scene.article.ws
    lo, hi = (
        max(scene.clause.lo, scene.first - _SUBJECT_AFTER),
        min(scene.clause.hi, scene.end + _SUBJECT_AFTER),
    )
    for hit in scene.lex.own_forces.find(ws, lo, hi):
        return own_forces(scene, (ws[hit.first].start, ws[hit.end - 1].end))
    return None


def _by_position(scene: Scene) -> EventActor | None:
    before = [
        r
        for r in scene.refs(scene.clause.lo, scene.first)
        if scene.fits_agent(r) and not scene.after_marker(r)
    ]
    if before:
        return from_ref(before[-1], scene.lex)
    ws = scene.article.ws
    if ws[scene.first].arabic and not scene.lex.target_verbs.find(ws, scene.clause.lo, scene.first):
        for ref in scene.refs(scene.end, min(scene.clause.hi, scene.end + _VSO_SUBJECT)):
            if scene.fits_agent(ref) and not scene.after_marker(ref):
                return from_ref(ref, scene.lex)
    return None


def _by_pronoun(scene: Scene) -> EventActor | None:
    """The speaker, when its claim opens with a pronoun subject ("قال الجيش إنه قصف", "it shelled") or
    with the action itself ("أعلنت الشرطة اعتقال 15 شخصا")."""
    if scene.claim is None:
        return None
    ws, content = scene.article.ws, scene.claim["content"]
    start = scene.article.word_at(content["start"])
    hit = scene.lex.own_subjects.at(ws, start, scene.first + 1)
    opens = start == scene.first or (hit is not None and scene.first - hit.end <= _SUBJECT_AFTER)
    return own_forces(scene, None) if opens else None


@cache
def _nationality(word: str, lang: str) -> str | None:
    """The country a nationality word names ("إسرائيلية", "Israeli"), asked of the actor knowledge base.

    The knowledge base reads nationality words as part of role phrases, so the word is put in one
    (``nationality_probes`` in frames.yaml: "الجيش {word}", "{word} army") and counts when the phrase is,
    as a whole, a country's military.
    """
    probe = get_lexicon().nationality_probes.get(lang)
    if probe is None:
        return None
    actor = resolve_actor(probe.format(word=word), lang=lang)
    return actor.country if actor is not None and actor.institution == _MILITARY else None


def _by_nationality(scene: Scene, reach: int) -> EventActor | None:
    """A nationality word on the trigger ("غارة جوية إسرائيلية", "an Israeli drone strike") or, further
    back in English, on its subject ("Iraqi counter-terrorism forces arrested"): that country's military."""
    ws = scene.article.ws
    arabic = ws[scene.first].arabic
    near = (
        range(scene.end, scene.end + reach) if arabic else range(scene.first - 1, scene.first - reach - 1, -1)
    )
    for i in near:
        if not scene.clause.lo <= i < scene.clause.hi or ws[i].text in _JOINERS:
            continue
        if ws[i].punct or any(r.start <= ws[i].start < r.end for r in scene.article.actors):
            break
        country = _nationality(ws[i].text, "ar" if arabic else "en")
        forces = (
            get_actor_kb().institution_actor(country, _MILITARY, scene.article.reference) if country else None
        )
        if forces is not None:
            return from_kb(forces, scene.lex, (ws[i].start, ws[i].end), None)
    return None


def _by_adjacent_nationality(scene: Scene) -> EventActor | None:
    return _by_nationality(scene, _ADJACENT)


def _by_subject_nationality(scene: Scene) -> EventActor | None:
    return None if scene.article.ws[scene.first].arabic else _by_nationality(scene, _SUBJECT_NP)


def _by_default(scene: Scene) -> EventActor | None:
    """The institution that does this kind of thing when nobody is named (an arrest: the police)."""
    institution = scene.lex.default_agents.get(scene.trigger.subtype)
    if institution is None or scene.country is None:
        return None
    actor = get_actor_kb().institution_actor(scene.country, institution, scene.article.reference)
    return from_kb(actor, scene.lex, None, None) if actor is not None else None


def _by_sentence(scene: Scene) -> EventActor | None:
    for ref in scene.refs(scene.sentence.lo, scene.clause.lo):
        if scene.fits_agent(ref) and not scene.after_marker(ref) and not scene.is_speaker(ref):
            return from_ref(ref, scene.lex)
    return None


def _as_forces(actor: EventActor, scene: Scene) -> EventActor:
    """A government as the agent of violence is its military (module docstring)."""
    if scene.event_type not in scene.lex.violent_types or actor.country is None or actor.actor_id is None:
        return actor
    known = get_actor_kb().get(actor.actor_id)
    if known is None or known.type in scene.lex.armed_types or known.inter != 1:
        return actor
    forces = get_actor_kb().institution_actor(actor.country, _MILITARY, scene.article.reference)
    return from_kb(forces, scene.lex, actor.mention, actor.entity) if forces else actor


def find_agent(scene: Scene) -> EventActor | None:
    """The event's actor1 (module docstring); "unknown" for violence nobody is named for."""
    finders = (
        _by_marker,
        _by_own_forces,
        _by_pronoun,
        _by_adjacent_nationality,
        _by_position,
        _by_subject_nationality,
        _by_sentence,
        _by_default,
    )
    for finder in finders:
        found = finder(scene)
        if found is not None:
            return _as_crowd(_as_forces(found, scene), scene)
    if scene.event_type in scene.lex.crowds:
        return _as_crowd(None, scene)
    return UNKNOWN if scene.event_type in scene.lex.violent_types else None


def _as_crowd(actor: EventActor | None, scene: Scene) -> EventActor | None:
    """The crowd of a protest or riot as ACLED names it: residents who protest are protesters."""
    institution = scene.lex.crowds.get(scene.event_type)
    if (
        institution is None
        or (actor is not None and not is_civilian(actor, scene.lex))
        or scene.country is None
    ):
        return actor
    crowd = get_actor_kb().institution_actor(scene.country, institution, scene.article.reference)
    if crowd is None:
        return actor
    return from_kb(crowd, scene.lex, actor.mention if actor else None, actor.entity if actor else None)


def _by_target_marker(scene: Scene, agent: EventActor | None) -> EventActor | None:
    ws, lex = scene.article.ws, scene.lex
    hi = min(scene.clause.hi, scene.end + _TARGET_REACH)
    for hit in lex.target_markers.find(ws, scene.end, hi):
        for ref in scene.refs(hit.end, hit.end + _MARKER_REACH + 1):
            if agent is None or ref.actor_id != agent.actor_id:
                return from_ref(ref, lex)
    return None


def _by_target_verb(scene: Scene, agent: EventActor | None) -> EventActor | None:
    ws, lex = scene.article.ws, scene.lex
    for hit in lex.target_verbs.find(ws, scene.clause.lo, scene.clause.hi):
        for ref in scene.refs(hit.end, hit.end + _VERB_OBJECT_REACH + 1):
            if (agent is None or ref.actor_id != agent.actor_id) and ref.inter is not None:
                return from_ref(ref, lex)
    return None


def _by_object(scene: Scene, agent: EventActor | None) -> EventActor | None:
    """The object right after a verb trigger ("قصف مسلحين من حركة حماس", "shelled rebel positions"), past
    the agent when it stands there (VSO: "قصفت الطائرات مواقع المتمردين")."""
    for ref in scene.refs(scene.end, min(scene.clause.hi, scene.end + _OBJECT_REACH)):
        if agent is not None and agent.mention == (ref.start, ref.end):
            continue
        if agent is None or ref.actor_id != agent.actor_id:
            return from_ref(ref, scene.lex)
    return None


def _by_victims(scene: Scene, agent: EventActor | None, figures: Sequence[Figure]) -> EventActor | None:
    """Victims named as an actor ("مقتل أربعة مدنيين", "two Hezbollah fighters"), or the speaker's own; never
    the agent's side (protesters hurt at their own protest)."""
    for figure in figures:
        inside = [r for r in scene.article.actors if figure.start < r.end and r.start < figure.end]
        victims = [from_ref(r, scene.lex) for r in inside]
        victims = [v for v in victims if agent is None or v.actor_id != agent.actor_id]
        if victims:
            return victims[0]
        if figure.victims is not None and figure.victims.own_forces:
            forces = own_forces(scene, (figure.start, figure.end))
            if forces is not None:
                return forces
    return None


def _civilian_victims(scene: Scene, figures: Sequence[Figure]) -> EventActor | None:
    """Unarmed victims as the civilians of the event's country; a battle has no civilian side."""
    if (
        scene.trigger.two_sided
        and scene.event_type in scene.lex.violent_types
        and scene.trigger.on_civilians is None
    ):
        return None
    if scene.country is None or not any(f.victims is not None and not f.victims.armed for f in figures):
        return None
    civilians = get_actor_kb().institution_actor(scene.country, _CIVILIANS, scene.article.reference)
    return from_kb(civilians, scene.lex, None, None) if civilians is not None else None


def _fits_other_side(scene: Scene, ref: ActorRef) -> bool:
    """Battles and crowd events face armed forces; an agreement any party but a source or the press."""
    if scene.event_type in scene.lex.violent_types or scene.event_type in scene.lex.crowds:
        return ref.inter in scene.lex.armed_inters
    return not scene.is_speaker(ref) and ref.kind not in scene.lex.source_types


def _other_side(scene: Scene, agent: EventActor | None) -> EventActor | None:
    """The other party named in the sentence: armed for a battle, any actor but a source for an agreement;
    first one joined to the agent ("الحكومة اليمنية وجماعة الحوثي", "Israel and Hamas"), else the nearest."""
    if not scene.trigger.two_sided:
        return None
    ws, lex = scene.article.ws, scene.lex
    refs = sorted(
        scene.refs(scene.sentence.lo, scene.sentence.hi), key=lambda r: abs(scene.first_word(r) - scene.first)
    )
    if agent is not None and agent.mention is not None:
        after_agent = scene.article.word_at(agent.mention[1] - 1) + 1
        refs = scene.refs(after_agent, after_agent + _MARKER_REACH) + refs
    for ref in refs:
        if (
            not _fits_other_side(scene, ref)
            or lex.not_location.ends_at(ws, scene.first_word(ref)) is not None
        ):
            continue
        actor = from_ref(ref, lex)
        if not actor.wildcard and (agent is None or not actor.agrees(agent)):
            return actor
    return None


def find_target(scene: Scene, agent: EventActor | None, figures: Sequence[Figure]) -> EventActor | None:
    """The event's actor2 (module docstring), or None."""
    return (
        _by_target_marker(scene, agent)
        or _by_target_verb(scene, agent)
        or _by_object(scene, agent)
        or _by_victims(scene, agent, figures)
        or _other_side(scene, agent)
        or _civilian_victims(scene, figures)
    )


def is_armed(actor: EventActor | None, lex: Lexicon) -> bool:
    return actor is not None and (actor.wildcard or actor.inter in lex.armed_inters)


def is_civilian(actor: EventActor | None, lex: Lexicon) -> bool:
    return actor is not None and actor.inter is not None and lex.inter_types.get(actor.inter) == _CIVILIANS
