"""Fatality and injury figures: which number counts the dead or wounded, of whom, and on whose word.

A figure belongs to a casualty word when it follows it closely ("مقتل أربعة مدنيين", "killing at least 12
people", "وإصابة ستة آخرين") or precedes it with only a victim noun between ("نحو 300 مقاتل متمرد قتلوا",
"العشرات من جنوده قتلوا", "12 people were killed", "5 قتلى"). A casualty word with no figure records an
unknown number ("سقوط ضحايا", "casualties"), or one victim when a singular victim noun stands by it ("مقتل
طفل"). Numbers come from :func:`marsad.language.numbers.find_quantities`, so hedges and vague amounts keep
their qualifier ("نحو 300" about, "العشرات" dozens).

Figures that are not an event's: a negated casualty word ("دون وقوع إصابات", "no casualties"), and a war's
running toll ("التي أودت بحياة مئات الآلاف … منذ عام 2011", "the death toll since October has risen to
44,000"): a figure in a sentence with a "since" or "so far" word that is large or is the war's is left out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from marsad.language.numbers import Quantity
from marsad.understand.events.article import Article
from marsad.understand.events.lexicon import Hit, Lexicon, Victim
from marsad.understand.events.units import Sentence

Kind = Literal["fatalities", "injuries"]
_KINDS: dict[str, Kind] = {"killed": "fatalities", "unknown": "fatalities", "injured": "injuries"}
_AFTER = 4
"""Most words between a casualty word and the figure after it ("مقتل ما لا يقل عن 12")."""
_BEFORE = 3
"""Most words (victim nouns, auxiliaries) between a figure and the casualty word after it."""
_NEGATION_REACH = 6
_PASSIVE_REACH = 4
"""Most words from a victim noun to its passive verb ("An Israeli soldier was lightly wounded")."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure in the output contract's terms, with the word it was read from (``cue``)."""

    kind: Kind
    count: int | None
    low: int | None
    high: int | None
    qualifier: str
    victims: Victim | None
    start: int
    end: int
    cue: int
    """Index of the casualty word, to give the figure to the nearest event trigger."""
    cue_end: int


@dataclass(frozen=True, slots=True)
class _Match:
    """A figure matched to a casualty word: the quantity, its victims, and the last word of the phrase."""

    quantity: Quantity
    first: int
    victim: Victim | None
    last: int


@dataclass
class _Reader:
    article: Article
    lex: Lexicon
    sentence: Sentence
    quantities: list[tuple[int, int, Quantity]]
    """Quantities of the sentence as (first word, end word, quantity)."""

    def victim_at(self, i: int) -> tuple[Victim, int] | None:
        """A victim noun, or an actor named as the victims ("two Hezbollah fighters"), at word ``i``."""
        ws, hi = self.article.ws, self.sentence.hi
        hit = self.lex.victims.at(ws, i, hi)
        if hit is not None:
            return hit.value, hit.end
        if i >= hi:
            return None
        for ref in self.article.actors:
            if ref.start == ws[i].start and ref.inter is not None and ref.inter in self.lex.actor_victims:
                return self.lex.actor_victims[ref.inter], self.article.word_at(ref.end - 1) + 1
        return None

    def victim_after(self, i: int) -> tuple[Victim | None, int]:
        """The victims named at word ``i`` (or after "من"/"of", or "others"), and the word after them."""
        ws, hi = self.article.ws, self.sentence.hi
        part = self.lex.partitive.at(ws, i, hi)
        found = self.victim_at(part.end if part else i)
        if found is not None:
            return found
        other = self.lex.others.at(ws, i, hi)
        return None, other.end if other else i

    def victims_of(self, first: int, stop: int) -> tuple[Victim | None, int]:
        """The victims of a figure on words ``[first, stop)``; a dual names them itself ("جنديان")."""
        own = self.lex.victims.at(self.article.ws, first, stop)
        return (own.value, stop) if own is not None else self.victim_after(stop)

    def after(self, cue: Hit[str], used: set[int]) -> _Match | None:
        ws = self.article.ws
        for first, stop, q in self.quantities:
            if id(q) not in used and cue.end <= first < cue.end + _AFTER and self.subset(first) is None:
                if any(self.lex.casualties.at(ws, k, first) for k in range(cue.end, first)):
                    return None
                if self.conjoined(cue.end, first, q):
                    return None
                victim, end = self.victims_of(first, stop)
                return _Match(q, first, victim, max(end, stop) - 1)
        return None

    def conjoined(self, start: int, first: int, q: Quantity) -> bool:
        """Whether "and"/"و" stands between a casualty word and the figure after it ("…and 63 wounded")."""
        ws = self.article.ws
        if any(ws[k].key in self.lex.conjunctions for k in range(start, first)):
            return True
        glued = ws[first].text[: q.start - ws[first].start]
        return any(glued.startswith(c) for c in self.lex.conjunctions)

    def subset(self, first: int) -> Hit[bool] | None:
        """The subset word ("بينهم", "including") right before a figure, if any."""
        return self.lex.subsets.ends_at(self.article.ws, first, reach=3)

    def before(self, cue: Hit[str], used: set[int]) -> _Match | None:
        """A figure before the casualty word, looking past subsets ("سبعة، بينهم ثلاثة أطفال، استشهدوا")."""
        ws = self.article.ws
        skipped: set[int] = set()
        for first, stop, q in reversed(self.quantities):
            if id(q) in used or stop > cue.first:
                continue
            victim, end = self.victims_of(first, stop)
            part = self.subset(first)
            if part is not None:
                skipped.update(range(part.first, end))
                continue
            gap = [k for k in range(end, cue.first) if k not in skipped and not ws[k].punct]
            if not gap or (victim is not None and len(gap) < _BEFORE):
                return _Match(q, first, victim, cue.end - 1)
            return None
        return None

    def negated(self, cue: Hit[str]) -> bool:
        """Whether a negation stands before the casualty word in its clause ("دون أن ترد أنباء عن إصابات")."""
        ws = self.article.ws
        lo = max(self.sentence.clause_of(cue.first).lo, cue.first - _NEGATION_REACH)
        return any(self.lex.casualty_negations.at(ws, i, cue.first) for i in range(lo, cue.first))

    def alone(self, cue: Hit[str]) -> tuple[Victim, int, int] | None:
        """The victims of a casualty word without a figure, with their words ``[first, end)``: after it
        ("shot dead a local official"), else right before it in the passive ("a policeman was killed")."""
        stop = min(self.sentence.clause_of(cue.first).hi, cue.end + _AFTER)
        for i in range(cue.end, stop):
            found = self.victim_at(i)
            if found is not None:
                return found[0], i, found[1]
        for i in range(cue.first - 1, max(self.sentence.lo, cue.first - _PASSIVE_REACH) - 1, -1):
            found = self.victim_at(i)
            if found is not None and found[1] <= cue.first:
                return found[0], i, found[1]
        return None


def _sentence_quantities(article: Article, sentence: Sentence) -> list[tuple[int, int, Quantity]]:
    ws = article.ws
    lo, hi = ws[sentence.lo].start, ws[sentence.hi - 1].end
    starts = [q.start for q in article.quantities]
    found = []
    for q in article.quantities[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
        first = article.word_at(q.start)
        found.append((first, max(article.word_at(q.end - 1) + 1, first + 1), q))
    return found


def cumulative(article: Article, sentence: Sentence, lex: Lexicon, count: int | None) -> bool:
    """Whether a figure of ``sentence`` is a running toll rather than one event's (module docstring)."""
    ws, lo, hi = article.ws, sentence.lo, sentence.hi
    running = bool(
        lex.since.find(ws, lo, hi) or lex.totals.find(ws, lo, hi) or lex.background.find(ws, lo, hi)
    )
    large = count is not None and count >= lex.cumulative_min
    return running and (large or bool(lex.war_nouns.find(ws, lo, hi)))


def find_figures(article: Article, sentence: Sentence, lex: Lexicon) -> list[Figure]:
    """The casualty figures of one sentence, in reading order, without negated ones and running tolls."""
    reader = _Reader(article, lex, sentence, _sentence_quantities(article, sentence))
    ws = article.ws
    used: set[int] = set()
    figures: list[Figure] = []
    last_victim: Victim | None = None
    for cue in lex.casualties.find(ws, sentence.lo, sentence.hi):
        if reader.negated(cue):
            continue
        kind = _KINDS[cue.value]
        match = reader.after(cue, used) or reader.before(cue, used)
        if match is None:
            alone = reader.alone(cue)
            victim = alone[0] if alone else None
            count = 1 if victim is not None and victim.singular else None
            if not cumulative(article, sentence, lex, count):
                first, last = (
                    (min(cue.first, alone[1]), max(cue.end, alone[2])) if alone else (cue.first, cue.end)
                )
                start, end = ws[first].start, ws[last - 1].end
                qualifier = "exact" if count else "unknown"
                figures.append(
                    Figure(kind, count, count, count, qualifier, victim, start, end, cue.first, cue.end)
                )
            continue
        used.add(id(match.quantity))
        q = match.quantity
        victim = match.victim or last_victim
        last_victim = victim
        if not cumulative(article, sentence, lex, q.count):
            start = min(ws[cue.first].start, q.start)
            end = max(ws[cue.end - 1].end, ws[match.last].end)
            figures.append(
                Figure(kind, q.count, q.low, q.high, q.qualifier, victim, start, end, cue.first, cue.end)
            )
    return figures
