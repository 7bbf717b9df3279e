"""Event frames: one reported action per clause, with its actors, place, date, figures and source.

Each clause's most specific trigger (``priority`` in triggers.yaml) that reports an event heads a frame; the
sentence's casualty figures go to the nearest frame. The trigger is then specialised by what the sentence
says: cue words ("قصف" + "طائرات" is an air strike), the agent (a take-over by the army is a government
regain), the target (an attack on civilians is violence against civilians) — see triggers.yaml. A frame is
dropped when its clause lumps many events together or is dated after the article, its claim is denied, a
vague trigger has neither place nor figures, or a trigger's condition fails (an armed agent for "دخلوا", a
place after it).

A sentence with casualty figures but no trigger ("وزعمت أن نحو 300 مقاتل متمرد قتلوا") continues the latest
event of the two sentences before it that can have casualties, when it names no other place; otherwise, if it
names a place, its kill verb is the event ("Five civilians were killed in X on Monday").

The date is the sentence's own (see :mod:`.history`), else the date of the sentence where the claim was made
("قال الجيش يوم السبت إن …"), else the article's date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from marsad.understand.claims.text import Word
from marsad.understand.events.article import Article
from marsad.understand.events.casualties import Figure, find_figures
from marsad.understand.events.history import Timing, dates_in, is_old, timing
from marsad.understand.events.lexicon import Lexicon, Trigger
from marsad.understand.events.locations import Location, find_location, place_ahead
from marsad.understand.events.participants import (
    UNKNOWN,
    EventActor,
    Scene,
    find_agent,
    find_target,
    is_armed,
    is_civilian,
)
from marsad.understand.events.triggers import TriggerHit, clause_triggers
from marsad.understand.events.units import Clause, Sentence

DateSource = Literal["text", "claim", "reference", "none"]
_KILLING = "killing"
_FULL_PRIORITY = 80
_SUBJECT_GAP = 3
_CONTINUATION = 2
"""Most sentences between an event and a trigger-less sentence that adds its casualties."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date in the contract's terms; ``source`` says where it was read (merging trusts text)."""

    value: date | None
    precision: str
    text: str | None
    source: DateSource

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value.isoformat() if self.value else None,
            "precision": self.precision,
            "text": self.text,
        }


@dataclass
class Frame:
    """One reported action: the trigger on words ``[first, end)`` of ``clause`` and what goes with it."""

    sentence: Sentence
    clause: Clause
    first: int
    end: int
    trigger: Trigger
    agent: EventActor | None
    target: EventActor | None
    location: Location | None
    date: EventDate
    historical: bool
    figures: list[Figure]
    claim: Mapping[str, Any] | None
    span: tuple[int, int]
    extra: list[tuple[int, int]] = field(default_factory=list)
    """Evidence beyond the trigger's clause: figures read in a later sentence."""

    @property
    def confidence(self) -> float:
        """A rough belief in the frame: trigger specificity, and how many roles were filled from the text."""
        score = 0.35 + 0.25 * min(self.trigger.priority, _FULL_PRIORITY) / _FULL_PRIORITY
        score += 0.15 if self.agent is not None and not self.agent.wildcard else 0.0
        score += 0.1 if self.location is not None else 0.0
        score += 0.1 if self.date.source == "text" else 0.0
        score -= 0.15 if self.trigger.generic else 0.0
        return round(min(max(score, 0.05), 0.95), 2)


def _claim_at(article: Article, offset: int) -> Mapping[str, Any] | None:
    """The innermost claim whose content holds ``offset``."""
    holding = [c for c in article.claims if c["content"]["start"] <= offset < c["content"]["end"]]
    return min(holding, key=lambda c: c["content"]["end"] - c["content"]["start"]) if holding else None


def _event_date(article: Article, when: Timing, claim: Mapping[str, Any] | None, lex: Lexicon) -> EventDate:
    """The clause's date (for history, only a past one), else the claim's date, else the article's."""
    mention = when.mention
    if mention is not None and (not when.historical or is_old(mention, article.reference, lex)):
        return EventDate(mention.value, mention.precision, mention.text, "text")
    if when.historical:
        return EventDate(None, "unknown", None, "none")
    cue = (claim or {}).get("cue")
    if cue:
        sentence = article.sentence_of(article.word_at(cue["start"]))
        said = [
            d
            for d in dates_in(article, article.ws[sentence.lo].start, article.ws[sentence.hi - 1].end)
            if d.precision != "year" and not is_old(d, article.reference, lex)
        ]
        if said:
            nearest = min(said, key=lambda d: abs(d.start - cue["start"]))
            return EventDate(nearest.value, nearest.precision, nearest.text, "claim")
    if article.reference is not None:
        return EventDate(article.reference, "day", None, "reference")
    return EventDate(None, "unknown", None, "none")


def _refined(trigger: Trigger, article: Article, sentence: Sentence, lex: Lexicon) -> Trigger:
    """The trigger the first matching ``refine`` cue list of the sentence turns it into."""
    for cues, target in trigger.refine:
        if cues.find(article.ws, sentence.lo, sentence.hi):
            return lex.triggers[target]
    return trigger


def _by_target(
    trigger: Trigger, target: EventActor | None, figures: Sequence[Figure], lex: Lexicon
) -> Trigger:
    """The trigger for this kind of target: civilians (attack → violence against civilians) or armed."""
    civilians = is_civilian(target, lex)
    armed = (is_armed(target, lex) and target is not None and not target.wildcard) or any(
        f.victims is not None and f.victims.armed for f in figures
    )
    if civilians and trigger.on_civilians:
        return lex.triggers[trigger.on_civilians]
    if armed and not civilians and trigger.on_armed:
        return lex.triggers[trigger.on_armed]
    return trigger


@dataclass(frozen=True)
class _Draft:
    """A clause's triggers, most specific first, and the sentence's figures nearest to them."""

    clause: Clause
    hits: tuple[TriggerHit, ...]
    figures: tuple[Figure, ...]


def _build_draft(article: Article, sentence: Sentence, draft: _Draft, lex: Lexicon) -> Frame | None:
    """The frame of the most specific trigger of the clause that reports an event."""
    for hit in draft.hits:
        frame = _build(article, sentence, draft.clause, hit, draft.figures, lex)
        if frame is not None:
            return frame
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _armed_subject(article: Article, agent: EventActor | None, hit: TriggerHit, lex: Lexicon) -> bool:
    """Whether an armed agent stands right by the trigger, as its subject ("مقاتلي المعارضة دخلوا")."""
    if agent is None or agent is UNKNOWN or agent.mention is None or not is_armed(agent, lex):
        return False
    first, last = article.word_at(agent.mention[0]), article.word_at(agent.mention[1] - 1)
    return hit.first - last <= _SUBJECT_GAP and first - hit.end <= _SUBJECT_GAP


def _build(
    article: Article,
    sentence: Sentence,
    clause: Clause,
    hit: TriggerHit,
    found: Sequence[Figure],
    lex: Lexicon,
) -> Frame | None:
    """The frame of one trigger, or None when it does not report an event (module docstring)."""
    ws = article.ws
    claim = _claim_at(article, ws[hit.first].start)
    when = timing(article, sentence, clause, hit.first, hit.end, lex)
    if when.aggregate or when.future or (claim is not None and claim.get("negated")):
        return None
    figures = [] if when.historical else list(found)
    trigger = _refined(hit.trigger, article, sentence, lex)
    location = find_location(article, sentence, clause, hit.first, lex)
    country = (location.place.get("country") if location else None) or article.country
    scene = Scene(article, sentence, clause, hit.first, hit.end, trigger, claim, country, tuple(figures), lex)
    agent = find_agent(scene)
    if agent is not None and agent.mention is not None:
        figures = [
            f for f in figures if f.count is not None or not _overlaps((f.start, f.end), agent.mention)
        ]
    switch = trigger.by_actor1.get(agent.type or "") if agent is not None else None
    if switch is not None:
        trigger = lex.triggers[switch]
    if trigger.armed_agent and not _armed_subject(article, agent, hit, lex):
        return None
    if trigger.place_within and not place_ahead(article, hit.end, trigger.place_within, lex):
        return None
    target = find_target(replace(scene, trigger=trigger), agent, figures)
    trigger = _by_target(trigger, target, figures, lex)
    if trigger.generic and location is None and not figures:
        return None
    start = min(ws[clause.lo].start, agent.mention[0] if agent and agent.mention else ws[clause.lo].start)
    start = max(start, ws[sentence.lo].start)
    return Frame(
        sentence=sentence,
        clause=clause,
        first=hit.first,
        end=hit.end,
        trigger=trigger,
        agent=agent,
        target=target,
        location=location,
        date=_event_date(article, when, claim, lex),
        historical=when.historical,
        figures=figures,
        claim=claim,
        span=(start, ws[clause.hi - 1].end),
    )


def _among_victims(hit: TriggerHit, figure: Figure, ws: Sequence[Word]) -> bool:
    """Whether a trigger word is one of a figure's victim words ("إصابة عشرة متظاهرين"), not its verb."""
    inside = figure.start <= ws[hit.first].start and ws[hit.end - 1].end <= figure.end
    return inside and not (hit.first < figure.cue_end and figure.cue < hit.end)


def _drafts(
    article: Article, sentence: Sentence, figures: list[Figure], lex: Lexicon
) -> tuple[list[_Draft], list[Figure]]:
    """The triggers of each clause that has some, with the figures nearest to them, and the figures no
    trigger of the sentence can have (an arrest has no casualties: "five protesters were injured and 12
    were arrested" adds to the protest before). A word counted as victims ("إصابة عشرة متظاهرين") reports
    no event of its own."""
    heads: list[tuple[Clause, tuple[TriggerHit, ...]]] = []
    ws = article.ws
    for clause in sentence.clauses:
        hits = [
            h
            for h in clause_triggers(article, sentence, clause, lex)
            if not any(_among_victims(h, f, ws) for f in figures)
        ]
        if hits:
            heads.append((clause, tuple(sorted(hits, key=lambda h: (-h.trigger.priority, h.first)))))
    takers = [k for k, (_, hits) in enumerate(heads) if hits[0].trigger.type in lex.casualty_types]
    shares: list[list[Figure]] = [[] for _ in heads]
    if not takers:
        return [_Draft(clause, hits, ()) for clause, hits in heads], figures
    for figure in figures:
        nearest = min(takers, key=lambda k: abs(heads[k][1][0].first - figure.cue))
        shares[nearest].append(figure)
    return [
        _Draft(clause, hits, tuple(share)) for (clause, hits), share in zip(heads, shares, strict=True)
    ], []


def _sentence_span(article: Article, sentence: Sentence) -> tuple[int, int]:
    return article.ws[sentence.lo].start, article.ws[sentence.hi - 1].end


def _killing(article: Article, sentence: Sentence, figures: list[Figure], lex: Lexicon) -> Frame | None:
    """A kill verb as the event of a sentence that names a place but no other trigger."""
    deaths = [f for f in figures if f.kind == "fatalities"]
    if not deaths:
        return None
    cue = deaths[0].cue
    hit = TriggerHit(lex.triggers[_KILLING], cue, cue + 1)
    frame = _build(article, sentence, sentence.clause_of(cue), hit, figures, lex)
    return frame if frame is not None and frame.location is not None else None


def _continued(frames: Sequence[Frame], article: Article, sentence: Sentence, lex: Lexicon) -> Frame | None:
    """The event a trigger-less sentence with casualty figures goes on about: the latest current frame of
    the two sentences before it that can have casualties, unless the sentence names another place."""
    recent = [
        f
        for f in frames
        if not f.historical
        and 0 < sentence.index - f.sentence.index <= _CONTINUATION
        and f.trigger.type in lex.casualty_types
    ]
    if not recent:
        return None
    latest = recent[-1]
    start, end = _sentence_span(article, sentence)
    places = {
        p.key
        for p in article.places
        if start <= p.start and p.end <= end and p.place.get("country") in (article.country, None)
    }
    same = not places or (latest.location is not None and latest.location.key.endswith(tuple(places)))
    return latest if same else None


def read_frames(article: Article, lex: Lexicon) -> list[Frame]:
    """Every frame of the article, in reading order (module docstring)."""
    frames: list[Frame] = []
    for sentence in article.sentences:
        drafts, orphans = _drafts(article, sentence, find_figures(article, sentence, lex), lex)
        built = [f for f in (_build_draft(article, sentence, d, lex) for d in drafts) if f is not None]
        if len(built) == 1:
            built[0].span = _sentence_span(article, sentence)
        if orphans:
            previous = _continued(frames, article, sentence, lex)
            if previous is not None:
                previous.figures += orphans
                previous.extra += [(f.start, f.end) for f in orphans]
            else:
                killing = _killing(article, sentence, orphans, lex)
                built += [killing] if killing is not None else []
        frames += built
    return frames
