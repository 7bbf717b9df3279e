"""One event per action: frames of an article that report the same action become one event.

Articles tell an action several times ("اجتاحوا مدينة حلب" … "دخلوا معظم أنحاء حلب"), and an analyst codes it
once, with every passage as evidence. A frame joins an earlier event of the same type when their dates
agree (within a day, or one date is only the article's), their actors could be the same (an unnamed
"gunmen" agrees with anyone, two named groups never do), and their places agree:

* both name the same place at the same scale (the same site: an airport is not its city), or both only a
  province or region in common, or a nearby report places "south of Hodeidah" in a district of the same
  province; a province and a town in it only when the two reports are close and the
  province report covers no other province (a report over several provinces is a campaign, not one
  incident);
* the frame names no place: it goes on about the latest such event ("وقالت القيادة إن المسلحين هاجموا");
* the event names no place yet: a frame nearby (two sentences) or a province-level one locates it; a
  specific place far away is another action.

Events keep the most specific trigger, the most specific place, the best-named actors, the figures with the
highest count per kind of victim, and every claimant. Two reports of one type are never merged when their
sub-types are separate actions (an abduction and a killing; an arrest and an agreement).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from marsad.understand.events.article import Article
from marsad.understand.events.casualties import Figure
from marsad.understand.events.frames import EventDate, Frame
from marsad.understand.events.lexicon import Lexicon
from marsad.understand.events.locations import Location, seat_location
from marsad.understand.events.participants import EventActor, after_marker, from_ref
from marsad.understand.events.units import Sentence

T = TypeVar("T")
_NEARBY = 2
_AREA = 3
_DATE_SOURCES = {"text": 0, "claim": 1, "reference": 2, "none": 3}
_CLAIMER_AFTER = 2
_CLAIM_REACH = 3


@dataclass
class Event:
    """Frames that report one action; ``fallback`` places it when none of its frames does."""

    frames: list[Frame] = field(default_factory=list)
    fallback: Location | None = None
    claimed_by: EventActor | None = None
    """Who claimed responsibility for it in a later sentence ("Al Shabaab claimed responsibility")."""

    @property
    def head(self) -> Frame:
        """The frame with the most specific trigger: it gives the event's sub-type."""
        return max(self.frames, key=lambda f: f.trigger.priority)

    @property
    def historical(self) -> bool:
        return all(f.historical for f in self.frames)

    @property
    def last_sentence(self) -> int:
        return max(f.sentence.index for f in self.frames)

    @property
    def location(self) -> Location | None:
        located = [f.location for f in self.frames if f.location is not None]
        return min(located, key=lambda loc: (loc.precision, loc.near)) if located else self.fallback

    @property
    def date(self) -> EventDate:
        return min((f.date for f in self.frames), key=lambda d: _DATE_SOURCES[d.source])

    @property
    def agent(self) -> EventActor | None:
        agent = self.sides[0]
        if (agent is None or agent.wildcard) and self.claimed_by is not None:
            return self.claimed_by
        return agent

    @property
    def target(self) -> EventActor | None:
        return self.sides[1]

    @property
    def sides(self) -> tuple[EventActor | None, EventActor | None]:
        """Actor1 and actor2 as one report gives them (the best-named pair, so that two reports telling a
        battle from opposite sides are not mixed), a missing side filled from a report that agrees."""
        lead = min(self.frames, key=lambda f: (_vagueness(f.agent), _vagueness(f.target), f.sentence.index))
        agent, target = lead.agent, lead.target
        for frame in self.frames:
            if agent is None and frame.agent is not None and _agree(frame.target, target, EventActor.agrees):
                agent = frame.agent
            if target is None and frame.target is not None and _agree(frame.agent, agent, EventActor.agrees):
                target = frame.target
        return agent, target

    def figures(self, kind: str) -> list[Figure]:
        """Per kind of victim the highest figure; a count-less "casualties" only when nothing is counted."""
        found = [f for frame in self.frames for f in frame.figures if f.kind == kind]
        counted: dict[str | None, Figure] = {}
        for figure in (f for f in found if f.count is not None):
            label = figure.victims.label if figure.victims else None
            if label not in counted or (figure.count or 0) > (counted[label].count or 0):
                counted[label] = figure
        if counted:
            return list(counted.values())
        return found[:1]

    @property
    def claims(self) -> list[Mapping[str, Any]]:
        return [f.claim for f in self.frames if f.claim is not None]

    @property
    def confidence(self) -> float:
        return max(f.confidence for f in self.frames)


def _vagueness(actor: EventActor | None) -> int:
    """0 for a named actor, 1 a catch-all or state body, 2 an unidentified one, 3 none."""
    if actor is None:
        return 3
    return 2 if actor.wildcard else int(actor.generic)


def _agree(a: T | None, b: T | None, same: Callable[[T, T], bool]) -> bool:
    return a is None or b is None or same(a, b)


def _dates_agree(a: EventDate, b: EventDate) -> bool:
    if a.source == "reference" or b.source == "reference" or a.value is None or b.value is None:
        return True
    return abs((a.value - b.value).days) <= 1


def _place_score(event: Event, frame: Frame) -> int | None:
    """How well the frame's place fits the event's (higher is better), or None when they differ."""
    mine, theirs = frame.location, event.location
    distance = frame.sentence.index - event.last_sentence
    if mine is None:
        return 1
    if theirs is None:
        return 1 if distance <= _NEARBY or mine.precision == _AREA else None
    if (mine.precision == _AREA) != (theirs.precision == _AREA):
        return 1 if _refines(mine, theirs, distance) else None
    if mine.key == theirs.key:
        return 3
    same_province = mine.admin1 is not None and mine.admin1 == theirs.admin1
    if mine.precision == _AREA and same_province:
        return 2
    vicinity_and_district = {mine.near, theirs.near} == {True, False} and mine.precision == theirs.precision
    if vicinity_and_district and distance <= _NEARBY and same_province:
        return 1
    return None


def _refines(a: Location, b: Location, distance: int) -> bool:
    """Whether a nearby report of one province and one of a town in it can tell the same action."""
    area, town = (a, b) if a.precision == _AREA else (b, a)
    return distance <= _NEARBY and not area.several and area.admin1 is not None and area.admin1 == town.admin1


def _sides_agree(event: Event, frame: Frame) -> bool:
    """Whether the two reports' actors could be the same; in a two-sided event either side may come first
    ("clashes between the army and the Houthis" … "the Houthis attacked army positions")."""
    same = EventActor.agrees
    straight = _agree(event.agent, frame.agent, same) and _agree(event.target, frame.target, same)
    swapped = _agree(event.agent, frame.target, same) and _agree(event.target, frame.agent, same)
    return straight or (frame.trigger.two_sided and swapped)


def _fits(event: Event, frame: Frame, distinct: frozenset[str]) -> int | None:
    head = event.head.trigger
    if event.historical or head.type != frame.trigger.type:
        return None
    if head.type in distinct and head.subtype != frame.trigger.subtype:
        return None
    if not _dates_agree(event.date, frame.date):
        return None
    if not _sides_agree(event, frame):
        return None
    return _place_score(event, frame)


def merge(frames: Iterable[Frame], distinct: frozenset[str]) -> list[Event]:
    """Group frames into events, in reading order of their first frame (module docstring).

    ``distinct`` are the event types whose sub-types are separate actions (triggers.yaml).
    """
    events: list[Event] = []
    for frame in frames:
        scored = (
            []
            if frame.historical
            else [(s, e) for e in events if (s := _fits(e, frame, distinct)) is not None]
        )
        if scored:
            max(scored, key=lambda pair: (pair[0], pair[1].last_sentence))[1].frames.append(frame)
        else:
            events.append(Event([frame]))
    return events


def place_unlocated(events: list[Event], article: Article, lex: Lexicon) -> None:
    """Give a place to current events none of whose passages names one: the seat of a local body their
    sentences name ("شرطة البصرة"), else the place of the nearest located event of the article — a report
    stays in one area ("A ceasefire took effect on Tuesday night" after clashes in Tripoli)."""
    located = [e for e in events if e.location is not None and not e.historical]
    for event in events:
        if event.location is not None or event.historical:
            continue
        seats = (seat_location(article, f.sentence, lex) for f in event.frames)
        event.fallback = next((s for s in seats if s is not None), None)
        if event.fallback is None and located:
            first = min(f.sentence.index for f in event.frames)
            nearest = min(
                located, key=lambda e: (abs(e.head.sentence.index - first), e.head.sentence.index > first)
            )
            event.fallback = nearest.location


def credit_responsibility(events: list[Event], article: Article, lex: Lexicon) -> None:
    """Name the agent of a violent event after a claim of responsibility for it ("Al Shabaab, which is
    allied with al Qaeda, claimed responsibility for the attack", "تبنى تنظيم داعش الهجوم"): the armed actor
    before the claim (or, in Arabic, right after it) claimed the violent events of the few sentences before
    whose agent is unknown; "no group claimed responsibility" names nobody."""
    ws = article.ws
    for sentence in article.sentences:
        for hit in lex.responsibility.find(ws, sentence.lo, sentence.hi):
            if any(
                lex.negators.at(ws, i, hit.first) for i in range(max(sentence.lo, hit.first - 4), hit.first)
            ):
                continue
            claimer = _claimer(article, sentence, hit.first, hit.end, lex)
            for event in events:
                first = min(f.sentence.index for f in event.frames)
                unclaimed = event.agent is None or event.agent.wildcard
                recent = 0 <= sentence.index - first <= _CLAIM_REACH
                if (
                    claimer is not None
                    and unclaimed
                    and recent
                    and event.head.trigger.type in lex.casualty_types
                ):
                    event.claimed_by = claimer


def _claimer(article: Article, sentence: Sentence, first: int, end: int, lex: Lexicon) -> EventActor | None:
    """The armed actor that makes a claim of responsibility on words ``[first, end)``."""
    armed = [r for r in article.actors if r.inter in lex.armed_inters and not after_marker(article, r, lex)]
    before = [r for r in armed if sentence.lo <= article.word_at(r.start) < first]
    after = [r for r in armed if end <= article.word_at(r.start) < end + _CLAIMER_AFTER]
    if before:
        return from_ref(before[-1], lex)
    return from_ref(after[0], lex) if after and article.ws[first].arabic else None
