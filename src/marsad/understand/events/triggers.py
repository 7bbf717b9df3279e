"""Triggers: the words of a clause that report an event, and whether the clause says it happened.

A clause can name an event without reporting one: as a plan or threat ("يستعد لهجوم مضاد", "threatened to
strike"), a denial ("لا علاقة لها بالهجوم", "denied carrying out"), a call ("called for a ceasefire"), a
condition or purpose ("لاستباق أي هجمات"), or a negation ("لم يسيطر", "did not attack"). A modality cue
reaches forward to a trigger within ``frames.yaml`` ``modality.window`` words of the same clause unless a
scope break stands between ("would retaliate *after* Hezbollah fired rockets"); a future verb right after a
trigger noun puts it in the future too ("الاتفاق سيدخل حيز التنفيذ", "the truce will take effect"). Vague
nouns ("the attack", "القتال") refer back to events already reported when definite, and never start one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.understand.claims.text import Word
from marsad.understand.events.article import Article
from marsad.understand.events.lexicon import Lexicon, Trigger
from marsad.understand.events.units import Clause, Sentence

_ARTICLE = "ال"
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"
_BACKWARD = 4
"""Most words from a trigger to a call or threat after it that governs it."""


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A trigger on words ``[first, end)`` of the article."""

    trigger: Trigger
    first: int
    end: int


def is_definite(ws: Sequence[Word], i: int, lex: Lexicon) -> bool:
    """Whether the noun at word ``i`` is definite: Arabic article (والهجوم، بالهجوم، للهجوم), or "the"."""
    word = ws[i]
    if not word.arabic:
        return i > 0 and ws[i - 1].key in lex.determiners
    key = word.key
    if key[:1] in _CONJUNCTIONS and len(key) > len(_ARTICLE) + 2:
        key = key[1:]
    if key.startswith("لل"):
        return True
    if key[:1] in _PREPOSITIONS:
        key = key[1:]
    return key.startswith(_ARTICLE)


def is_modal(ws: Sequence[Word], clause: Clause, first: int, end: int, lex: Lexicon) -> bool:
    """Whether a modality cue or a negator governs the trigger on words ``[first, end)``."""
    if lex.negators.ends_at(ws, first, reach=2) is not None:
        return True
    if any(lex.modality_after.at(ws, i, clause.hi) for i in range(end, min(end + 2, clause.hi))):
        return True
    for i in range(end, min(end + _BACKWARD, clause.hi)):
        cue = lex.modality_backward.at(ws, i, clause.hi)
        if cue is not None and not lex.scope_breaks.find(ws, end, cue.first):
            return True
    for i in range(max(clause.lo, first - lex.modality_window), first):
        cue = lex.modality.at(ws, i, first)
        if cue is not None and not lex.scope_breaks.find(ws, cue.end, first):
            return True
    return False


def _named(article: Article, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in article.named)


def clause_triggers(article: Article, sentence: Sentence, clause: Clause, lex: Lexicon) -> list[TriggerHit]:
    """The triggers of a clause that report something that happened, in reading order."""
    ws = article.ws
    found = []
    for hit in lex.trigger_phrases.find(ws, clause.lo, clause.hi):
        trigger = lex.triggers[hit.value]
        if _named(article, ws[hit.first].start, ws[hit.end - 1].end):
            continue
        if trigger.generic and is_definite(ws, hit.first, lex):
            continue
        if trigger.requires is not None and not trigger.requires.find(ws, sentence.lo, sentence.hi):
            continue
        if is_modal(ws, clause, hit.first, hit.end, lex):
            continue
        found.append(TriggerHit(trigger, hit.first, hit.end))
    return found
