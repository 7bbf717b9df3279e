"""Background and history: whether a clause reports what happened now or recalls the past.

A clause is history when it is dated before the report's days ("عام 2016", "in 2011", "last March"), when
it sits in a sentence whose earlier clause is ("… since its victory there in 2016, when Syrian forces
besieged …": the later clause inherits the past date unless it has a date of its own), or when a background
phrase puts it in a long past ("منذ سنوات", "for years", "since the start of the war"). A clause that lumps
many events together ("a series of strikes") reports no single event. What counts as recent is
``history.yaml`` ``recent_days`` before the article's date. A bare year next to the trigger ("a 2016
bombing") or after "since" ("since the 2019 uprising") dates the clause too.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from marsad.language.dates import DateMention
from marsad.understand.events.article import Article
from marsad.understand.events.lexicon import Lexicon
from marsad.understand.events.units import Clause, Sentence

_YEAR_DIGITS = 4
_FIRST_YEAR = 1900
_SINCE_REACH = 4


def period_end(mention: DateMention) -> date | None:
    """The last day of the period a date mention names (the day, its week, month or year)."""
    value = mention.value
    if value is None:
        return None
    if mention.precision == "week":
        return value + timedelta(days=6)
    if mention.precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if mention.precision == "year":
        return value.replace(month=12, day=31)
    return value


def is_old(mention: DateMention, reference: date | None, lex: Lexicon) -> bool:
    """Whether the period a date names ended more than ``recent_days`` before the article's date."""
    end = period_end(mention)
    return reference is not None and end is not None and end < reference - timedelta(days=lex.recent_days)


def is_future(mention: DateMention, reference: date | None) -> bool:
    """Whether a date mention names a day after the article's (the next day may still be a time-zone slip)."""
    return (
        reference is not None and mention.value is not None and mention.value > reference + timedelta(days=1)
    )


@dataclass(frozen=True, slots=True)
class Timing:
    """When a clause's event happened, as far as its sentence says.

    ``mention`` is the date mention it takes (None: the sentence gives none); ``historical`` says the
    clause recalls the past; ``aggregate`` that it lumps many events together; ``future`` that it is
    dated after the article (an announced protest, a planned meeting).
    """

    mention: DateMention | None
    historical: bool
    aggregate: bool
    future: bool = False


def _span(article: Article, lo: int, hi: int) -> tuple[int, int]:
    return article.ws[lo].start, article.ws[hi - 1].end


def dates_in(article: Article, start: int, end: int) -> list[DateMention]:
    """Date mentions with a value inside ``[start, end)`` of the text."""
    starts = [d.start for d in article.dates]
    found = article.dates[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return [d for d in found if d.value is not None and d.end <= end]


def _nearest(mentions: list[DateMention], offset: int) -> DateMention | None:
    return min(mentions, key=lambda d: abs(d.start - offset)) if mentions else None


def _year(article: Article, i: int) -> DateMention | None:
    """Word ``i`` as a bare past year ("a 2016 bombing", "the 2019 uprising"), which date readers leave
    alone without a cue because a lone four-digit number is as likely a count."""
    if not 0 <= i < len(article.ws) or article.reference is None:
        return None
    word = article.ws[i]
    if not (word.key.isdigit() and len(word.key) == _YEAR_DIGITS):
        return None
    year = int(word.key)
    if not _FIRST_YEAR <= year < article.reference.year:
        return None
    return DateMention(word.start, word.end, word.text, date(year, 1, 1), "year", False)


def bare_years(article: Article, clause: Clause, first: int, end: int, lex: Lexicon) -> list[DateMention]:
    """Past years written as a modifier next to the trigger ("a 2016 bombing", "تفجير 2016") or after a
    "since" word ("since the 2019 uprising") in its clause."""
    near = [_year(article, i) for i in (first - 1, first - 2, end, end + 1) if clause.lo <= i < clause.hi]
    for hit in lex.since.find(article.ws, clause.lo, clause.hi):
        near += [_year(article, i) for i in range(hit.end, min(hit.end + _SINCE_REACH, clause.hi))]
    return [d for d in near if d is not None]


def timing(
    article: Article, sentence: Sentence, clause: Clause, first: int, end: int, lex: Lexicon
) -> Timing:
    """How the clause holding the trigger on words ``[first, end)`` is placed in time (class docstring)."""
    ws = article.ws
    trigger_at = ws[first].start
    aggregate = bool(lex.aggregate.find(ws, clause.lo, clause.hi))
    background = bool(lex.background.find(ws, clause.lo, clause.hi))
    own = dates_in(article, *_span(article, clause.lo, clause.hi)) + bare_years(
        article, clause, first, end, lex
    )
    old = [d for d in own if is_old(d, article.reference, lex)]
    if old:
        return Timing(_nearest(old, trigger_at), True, aggregate)
    earlier = [
        d
        for c in sentence.clauses
        if c.hi <= clause.lo
        for d in dates_in(article, *_span(article, c.lo, c.hi))
    ]
    inherited = [d for d in earlier if is_old(d, article.reference, lex)]
    if not own and inherited:
        return Timing(_nearest(inherited, trigger_at), True, aggregate)
    current = [d for d in own if d.precision != "year"]
    if not current:
        whole = dates_in(article, *_span(article, sentence.lo, sentence.hi))
        current = [d for d in whole if d.precision != "year" and not is_old(d, article.reference, lex)]
    mention = _nearest(current, trigger_at)
    future = mention is not None and is_future(mention, article.reference)
    return Timing(mention, background, aggregate, future)
