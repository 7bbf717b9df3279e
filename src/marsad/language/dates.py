"""Dates in Arabic and English news, resolved against the article's own date.

An event date is rarely written in full. Reports say "يوم السبت", "الأربعاء الماضي", "أمس", "last week",
"Nov. 30", and only the article's date (the *reference*) turns them into a day. Arabic news also names the
months three ways (يناير / كانون الثاني / جانفي, from CLDR: ``data/date_names.tsv``), joins two of them
("نيسان/أبريل 2023"), and gives Hijri dates ("15 رمضان 1445 هـ", converted by :mod:`marsad.language.hijri`).
:func:`find_dates` reads all of these into :class:`DateMention` records.

How a mention is resolved:

* ``value`` is the first day of the period the mention names (the day; the Monday of a week; the 1st of a
  month; 1 January, or 1 Muharram for a Hijri year); ``None`` when it cannot be known (a relative mention
  without a reference date, "recently", or an impossible date such as 31 February).
* ``precision`` is the size of that period: "day", "week", "month", "year", or "unknown" for those ``None`` s.
* ``relative`` is True when the value depends on the reference date: weekdays, "yesterday", "last week", and
  dates written without a year.
* A weekday is the most recent such day on or before the reference date (the reference day itself when it
  is that weekday), with or without "last"/"الماضي"; "next"/"المقبل" takes the first one after it.
* A date without a year takes the latest year that puts it no more than 31 days after the reference (news
  mostly looks back, and sometimes a few weeks ahead).
* Numeric dates are day first (30/11/2024) unless that is impossible (11/30/2024), or year first (2024-11-30).
* "last night"/"overnight"/"الليلة الماضية" are the day before the reference.

Bare years need a cue ("عام 2016", "in 2011", "since 2011", "1445 هـ"), because a lone four-digit number is as
likely a count; English month and weekday names must be capitalised ("May", "march" are words too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from marsad.errors import ResourceError
from marsad.language.hijri import gregorian_to_hijri, hijri_to_gregorian
from marsad.language.normalize import normalize_arabic, normalize_with_offsets, original_span
from marsad.language.numbers import LANGUAGES, YEARS, parse_number
from marsad.language.phrases import PhraseMatch, PhraseTable, Token, scan

Precision = Literal["day", "week", "month", "year", "unknown"]
"""The size of the period a mention names; relative phrases in dates.yaml use the same words as units."""

_DATA = resources.files("marsad.language") / "data"
_HIJRI_YEARS = range(1, 1601)
_LOOKAHEAD = timedelta(days=31)
_SEPARATORS = frozenset("/-.")
_COMMAS = frozenset({",", "،"})
_AGO_WORDS = 4  # most words a number of days/weeks/... can take ("ثلاثة وعشرين")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text; see the module docstring for how it is resolved."""

    start: int
    end: int
    text: str
    value: date | None
    precision: Precision
    relative: bool


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention on tokens ``[index, end)``, whose first ``prefix`` characters are proclitics."""

    index: int
    prefix: int
    end: int
    value: date | None
    precision: Precision
    relative: bool


@dataclass(frozen=True, slots=True)
class _Name:
    """A month or weekday name found on tokens ``[index, end)``."""

    number: int
    prefix: int
    end: int
    word: str


@dataclass(frozen=True)
class _Lexicon:
    months: PhraseTable[int]
    hijri_months: PhraseTable[int]
    hijri_needs_year: frozenset[str]
    weekdays: PhraseTable[int]
    relative: PhraseTable[tuple[Precision, int]]
    weekday_before: PhraseTable[bool]
    """Modifier before a weekday ("last", "next"); the value says whether it points forward."""
    weekday_after: PhraseTable[bool]
    day_words: PhraseTable[bool]
    day_parts_before: PhraseTable[bool]
    day_parts_after: PhraseTable[bool]
    year_cues: PhraseTable[bool]
    year_heads: PhraseTable[bool]
    month_cues: PhraseTable[bool]
    month_heads: PhraseTable[bool]
    year_joins: PhraseTable[bool]
    day_month_links: PhraseTable[bool]
    day_suffixes: frozenset[str]
    hijri_eras: PhraseTable[bool]
    gregorian_eras: PhraseTable[bool]
    ago_before: PhraseTable[bool]
    ago_after: PhraseTable[bool]
    ago_one: frozenset[str]
    ago_units: PhraseTable[Precision]
    ago_duals: PhraseTable[Precision]


def _read_data(name: str) -> str:
    try:
        return (_DATA / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read date lexicon {name}: {exc}", code="R103") from exc


def _cldr_names(langs: list[str]) -> dict[str, list[tuple[str, int]]]:
    """``date_names.tsv`` (built from CLDR by scripts/build_date_lexicon.py): kind → [(name, number)]."""
    lines = [line for line in _read_data("date_names.tsv").splitlines() if line and not line.startswith("#")]
    names: dict[str, list[tuple[str, int]]] = {}
    for kind, number, lang, name, _locales in (line.split("\t") for line in lines[1:]):
        if lang in langs:
            names.setdefault(kind, []).append((name, int(number)))
    return names


@cache
def _lexicon(lang: str) -> _Lexicon:
    """The date lexicon for ``lang`` ("ar" or "en"; any other language gets both)."""
    langs = [lang] if lang in LANGUAGES else list(LANGUAGES)
    try:
        data = yaml.safe_load(_read_data("dates.yaml"))
    except yaml.YAMLError as exc:
        raise ResourceError(f"cannot parse dates.yaml: {exc}", code="R103") from exc
    sections: list[dict[str, Any]] = [data[code] for code in langs]
    cldr = _cldr_names(langs)

    def words(key: str, *path: str) -> list[str]:
        found: list[str] = []
        for section in sections:
            node: Any = section[key]
            for step in path:
                node = node.get(step) or []
            found.extend(str(word) for word in node)
        return found

    def flags(key: str, *path: str) -> PhraseTable[bool]:
        return PhraseTable((word, True) for word in words(key, *path))

    def numbered(key: str) -> list[tuple[str, int]]:
        return [(name, int(n)) for section in sections for n, names in section[key].items() for name in names]

    def units(key: str) -> PhraseTable[Precision]:
        return PhraseTable(
            (word, unit)
            for section in sections
            for unit, forms in section["ago"][key].items()
            for word in forms
        )

    def modifiers(key: str) -> PhraseTable[bool]:
        return PhraseTable(
            [(word, False) for word in words(key, "past")] + [(word, True) for word in words(key, "future")]
        )

    return _Lexicon(
        months=PhraseTable(cldr.get("month", []) + numbered("months")),
        hijri_months=PhraseTable(numbered("hijri_months")),
        hijri_needs_year=frozenset(normalize_arabic(word) for word in words("hijri_needs_year")),
        weekdays=PhraseTable(cldr.get("weekday", [])),
        relative=PhraseTable(
            (entry["phrase"], (entry["unit"], int(entry["offset"])))
            for section in sections
            for entry in section["relative"]
        ),
        weekday_before=modifiers("weekday_before"),
        weekday_after=modifiers("weekday_after"),
        day_words=flags("day_words"),
        day_parts_before=flags("day_parts_before"),
        day_parts_after=flags("day_parts_after"),
        year_cues=flags("year_cues"),
        year_heads=flags("year_heads"),
        month_cues=flags("month_cues"),
        month_heads=flags("month_heads"),
        year_joins=flags("year_joins"),
        day_month_links=flags("day_month_links"),
        day_suffixes=frozenset(words("day_suffixes")),
        hijri_eras=flags("eras", "hijri"),
        gregorian_eras=flags("eras", "gregorian"),
        ago_before=flags("ago", "before"),
        ago_after=flags("ago", "after"),
        ago_one=frozenset(words("ago", "one")),
        ago_units=units("units"),
        ago_duals=units("duals"),
    )


# ---- calendar arithmetic ------------------------------------------------------------------------------


def _monday(value: date) -> date:
    return value - timedelta(days=value.weekday())


def _shift_months(value: date, months: int) -> date:
    year, month = divmod(value.year * 12 + value.month - 1 + months, 12)
    return date(year, month + 1, 1)


def _period(reference: date, unit: Precision, offset: int) -> date | None:
    """The first day of the period ``offset`` units away from ``reference``; None when that is outside the
    calendar ("قبل 262 ألف عام" is no date an event can have)."""
    try:
        return _period_start(reference, unit, offset)
    except (ValueError, OverflowError):
        return None


def _period_start(reference: date, unit: Precision, offset: int) -> date | None:
    if unit == "day":
        return reference + timedelta(days=offset)
    if unit == "week":
        return _monday(reference + timedelta(weeks=offset))
    if unit == "month":
        return _shift_months(reference, offset)
    if unit == "year":
        return date(reference.year + offset, 1, 1)
    return None


def _weekday(reference: date, weekday: int, *, forward: bool) -> date:
    """The ISO ``weekday`` on or before ``reference``, or (``forward``) the first one after it."""
    if forward:
        return reference + timedelta(days=(weekday - reference.isoweekday()) % 7 or 7)
    return reference - timedelta(days=(reference.isoweekday() - weekday) % 7)


def _latest_year(reference: date, years: Iterator[int], make: Callable[[int], date]) -> date | None:
    """The date ``make(year)`` for the latest of ``years`` (given newest first) that falls no more than
    :data:`_LOOKAHEAD` after ``reference``."""
    for year in years:
        try:
            value = make(year)
        except ValueError:
            continue
        if value <= reference + _LOOKAHEAD:
            return value
    return None


def _pivot(year: int) -> int:
    """A two-digit year in a numeric date: 00-69 are 2000-2069, 70-99 are 1970-1999."""
    return year + (2000 if year < 70 else 1900)


# ---- the reader ---------------------------------------------------------------------------------------


class _Reader:
    """Reads date mentions from the tokens of one folded text."""

    def __init__(self, text: str, lang: str, reference: date | None) -> None:
        self.text = text
        self.folded, self.offsets = normalize_with_offsets(text)
        self.tokens = scan(self.folded)
        self.lex = _lexicon(lang)
        self.lang = lang
        self.reference = reference

    # ---- token helpers ----------------------------------------------------------------------------------

    def token(self, index: int) -> Token | None:
        return self.tokens[index] if index < len(self.tokens) else None

    def glued(self, index: int) -> bool:
        """True when token ``index`` follows the previous one with no space between them."""
        return 0 < index < len(self.tokens) and self.tokens[index - 1].end == self.tokens[index].start

    def number(self, index: int, *, digits: range, values: range) -> int | None:
        """The value of token ``index`` if it is a plain digit run of a length in ``digits`` and a value in
        ``values``."""
        token = self.token(index)
        if token is None or not token.text.isdecimal() or len(token.text) not in digits:
            return None
        value = int(token.text)
        return value if value in values else None

    def day(self, index: int) -> tuple[int, int] | None:
        """A day of the month at ``index`` (with an English ordinal suffix, "30th"): (day, end)."""
        value = self.number(index, digits=range(1, 3), values=range(1, 32))
        if value is None:
            return None
        suffix = self.token(index + 1)
        if suffix and self.glued(index + 1) and suffix.text in self.lex.day_suffixes:
            return value, index + 2
        return value, index + 1

    def year(self, index: int) -> int | None:
        return self.number(index, digits=range(4, 5), values=range(1000, 3000))

    def phrase(
        self, table: PhraseTable[Any], index: int, *, clitics: bool = False
    ) -> PhraseMatch[Any] | None:
        return table.match(self.tokens, index, clitics=clitics)

    def named(self, table: PhraseTable[int], index: int, *, clitics: bool) -> _Name | None:
        """A month or weekday name; an English one only counts when capitalised in the original text."""
        found = self.phrase(table, index, clitics=clitics)
        if found is None:
            return None
        token = self.tokens[index]
        if token.text.isascii() and not self.text[self.offsets[token.start]].isupper():
            return None
        return _Name(found.value, found.prefix, found.end, token.text[found.prefix :])

    def month(self, index: int, *, clitics: bool) -> _Name | None:
        """A Gregorian month name, with an abbreviation's full stop ("Nov.") and a second name for the same
        month after "/", "-" or in brackets ("نيسان/أبريل", "تشرين الثاني (نوفمبر)")."""
        name = self.named(self.lex.months, index, clitics=clitics)
        if name is None:
            return None
        end = name.end
        if (
            (dot := self.token(end))
            and dot.text == "."
            and self.tokens[index].text.isascii()
            and self.glued(end)
        ):
            end += 1
        mark = self.token(end)
        if mark and mark.text in ("/", "-", "("):
            other = self.named(self.lex.months, end + 1, clitics=False)
            if other and other.number == name.number:
                close = self.token(other.end)
                end = other.end + 1 if mark.text == "(" and close and close.text == ")" else other.end
        return _Name(name.number, name.prefix, end, name.word)

    def skip_comma(self, index: int) -> int:
        token = self.token(index)
        return index + 1 if token and token.text in _COMMAS else index

    # ---- resolution -------------------------------------------------------------------------------------

    def dated(self, index: int, end: int, year: int | None, month: int, day: int | None) -> _Found:
        """A Gregorian date with or without a year (and without a day: a month)."""
        precision: Precision = "day" if day else "month"
        if year is not None:
            try:
                return _Found(index, 0, end, date(year, month, day or 1), precision, False)
            except ValueError:
                return _Found(index, 0, end, None, "unknown", False)
        if self.reference is None:
            return _Found(index, 0, end, None, precision, True)
        reference = self.reference
        years = iter((reference.year + 1, reference.year, reference.year - 1))
        value = _latest_year(reference, years, lambda y: date(y, month, day or 1))
        return _Found(index, 0, end, value, precision if value else "unknown", True)

    def hijri_dated(self, index: int, end: int, year: int | None, month: int, day: int | None) -> _Found:
        precision: Precision = "day" if day else "month"
        if year is not None:
            try:
                return _Found(index, 0, end, hijri_to_gregorian(year, month, day or 1), precision, False)
            except ValueError:
                return _Found(index, 0, end, None, "unknown", False)
        if self.reference is None:
            return _Found(index, 0, end, None, precision, True)
        current = gregorian_to_hijri(self.reference)[0]
        years = iter((current + 1, current, current - 1))
        value = _latest_year(self.reference, years, lambda y: hijri_to_gregorian(y, month, day or 1))
        return _Found(index, 0, end, value, precision if value else "unknown", True)

    def relative_to(self, index: int, prefix: int, end: int, unit: Precision, offset: int) -> _Found:
        value = _period(self.reference, unit, offset) if self.reference else None
        return _Found(index, prefix, end, value, unit, True)

    # ---- patterns ---------------------------------------------------------------------------------------

    def at(self, index: int) -> list[_Found]:
        """The mentions starting at token ``index`` (two for a range of years), or none."""
        single = (
            self.explicit(index, clitics=True)
            or self.hijri(index)
            or self.ago(index)
            or self.relative(index)
            or self.weekday(index)
            or self.bare_month(index)
        )
        return [single] if single else self.years(index)

    def explicit(self, index: int, *, clitics: bool) -> _Found | None:
        """A written date: numeric, day-month(-year), month-day(-year) or month-year."""
        return self.numeric(index) or self.day_first(index) or self.month_first(index, clitics=clitics)

    def numeric(self, index: int) -> _Found | None:
        """30/11/2024, 30-11-24, 30.11.2024, 2024-11-30."""
        token = self.token(index)
        if token is None or not token.is_digits:
            return None
        if token.text.count(".") == 2:
            parts, end = token.text.split("."), index + 1
        else:
            first_mark, second_mark = self.token(index + 1), self.token(index + 3)
            if not (first_mark and second_mark and first_mark.text in _SEPARATORS):
                return None
            if second_mark.text != first_mark.text or not all(self.glued(index + k) for k in range(1, 5)):
                return None
            parts, end = [t.text for t in self.tokens[index : index + 5 : 2]], index + 5
        if not all(part.isdecimal() for part in parts):
            return None
        first, second, third = (int(part) for part in parts)
        if len(parts[0]) == 4:
            return self.dated(index, end, first, second, third)
        if len(parts[2]) not in (2, 4) or len(parts[0]) > 2 or len(parts[1]) > 2:
            return None
        year = third if len(parts[2]) == 4 else _pivot(third)
        day, month = (second, first) if second > 12 >= first else (first, second)
        return self.dated(index, end, year, month, day)

    def day_first(self, index: int) -> _Found | None:
        """30 November 2024, 30th of November, 30 نوفمبر 2024, ٣٠ تشرين الثاني ٢٠٢٤, 30 من نيسان/أبريل."""
        found = self.day(index)
        if found is None:
            return None
        day, end = found
        link = self.phrase(self.lex.day_month_links, end)
        month = self.month(link.end if link else end, clitics=False)
        if month is None:
            return None
        return self.with_year(index, month.end, month.number, day)

    def month_first(self, index: int, *, clitics: bool) -> _Found | None:
        """November 30, 2024; Nov. 30; March 2023; آذار 2023."""
        month = self.month(index, clitics=clitics)
        if month is None:
            return None
        found = self.day(month.end)
        if found and self.year(month.end) is None:
            day, end = found
            found_date = self.with_year(index, end, month.number, day)
        else:
            after = self.skip_comma(month.end)
            year = self.year(after)
            if year is None:
                return None
            found_date = self.with_era(self.dated(index, after + 1, year, month.number, None))
        return _Found(
            index, month.prefix, found_date.end, found_date.value, found_date.precision, found_date.relative
        )

    def with_year(self, index: int, end: int, month: int, day: int) -> _Found:
        """A day and month, and the year after them if one follows (after a comma, "November 30, 2024")."""
        after = self.skip_comma(end)
        year = self.year(after)
        if year is None:
            return self.dated(index, end, None, month, day)
        return self.with_era(self.dated(index, after + 1, year, month, day))

    def with_era(self, found: _Found) -> _Found:
        """Extend a Gregorian date over a following era marker ("2024 م", "AD 2024" is not handled)."""
        era = self.phrase(self.lex.gregorian_eras, found.end)
        if era is None:
            return found
        return _Found(found.index, found.prefix, era.end, found.value, found.precision, found.relative)

    def hijri(self, index: int) -> _Found | None:
        """15 رمضان 1445 هـ, رمضان 1445, 15 رمضان (year from the reference date)."""
        found_day = self.day(index)
        month_at = found_day[1] if found_day else index
        month = self.named(self.lex.hijri_months, month_at, clitics=found_day is None)
        if month is None:
            return None
        year = self.number(month.end, digits=range(1, 5), values=_HIJRI_YEARS)
        era = self.phrase(self.lex.hijri_eras, month.end + 1) if year is not None else None
        if year is None and (found_day is None or month.word in self.lex.hijri_needs_year):
            return None
        end = era.end if era else month.end + (0 if year is None else 1)
        day = found_day[0] if found_day else None
        found = self.hijri_dated(index, end, year, month.number, day)
        prefix = 0 if found_day else month.prefix
        return _Found(index, prefix, found.end, found.value, found.precision, found.relative)

    def ago(self, index: int) -> _Found | None:
        """قبل ثلاثة أيام, قبل يومين, منذ أسبوعين, three days ago, a week ago."""
        before = self.phrase(self.lex.ago_before, index, clitics=True)
        if before:
            dual = self.phrase(self.lex.ago_duals, before.end)
            if dual:
                return self.relative_to(index, before.prefix, dual.end, dual.value, -2)
            counted = self.counted(before.end)
            if counted:
                count, unit, end = counted
                return self.relative_to(index, before.prefix, end, unit, -count)
            return None
        counted = self.counted(index)
        if counted and (after := self.phrase(self.lex.ago_after, counted[2])):
            count, unit, _ = counted
            return self.relative_to(index, 0, after.end, unit, -count)
        return None

    def counted(self, index: int) -> tuple[int, Precision, int] | None:
        """A number of time units at ``index``: (number, unit, end)."""
        for stop in range(index + 1, min(index + 1 + _AGO_WORDS, len(self.tokens))):
            unit = self.phrase(self.lex.ago_units, stop)
            if unit is None:
                continue
            first, last = self.tokens[index], self.tokens[stop - 1]
            words = self.text[self.offsets[first.start] : self.offsets[last.end - 1] + 1]
            one = stop == index + 1 and first.text in self.lex.ago_one
            count = 1 if one else parse_number(words, self.lang)
            return (count, unit.value, unit.end) if count is not None else None
        return None

    def relative(self, index: int) -> _Found | None:
        found = self.phrase(self.lex.relative, index, clitics=True)
        if found is None:
            return None
        unit, offset = found.value
        return self.relative_to(index, found.prefix, found.end, unit, offset)

    def weekday(self, index: int) -> _Found | None:
        """[part of day] [last|next] [يوم] WEEKDAY [الماضي|المقبل] [morning], or a weekday before a written
        date ("السبت 30 نوفمبر 2024", "Saturday, Nov. 30"), which then gives the date."""
        at, prefix, forward = index, 0, False
        for table in (self.lex.day_parts_before, self.lex.weekday_before, self.lex.day_words):
            found = self.phrase(table, at, clitics=at == index)
            if found:
                prefix = found.prefix if at == index else prefix
                forward = forward or (table is self.lex.weekday_before and found.value)
                at = found.end
        name = self.named(self.lex.weekdays, at, clitics=at == index)
        if name is None:
            return None
        prefix = name.prefix if at == index else prefix
        written = self.explicit(self.skip_comma(name.end), clitics=False)
        if written:
            return _Found(index, prefix, written.end, written.value, written.precision, written.relative)
        end = name.end
        for table in (self.lex.weekday_after, self.lex.day_parts_after):
            found = self.phrase(table, end)
            if found:
                forward = forward or (table is self.lex.weekday_after and found.value)
                end = found.end
        value = _weekday(self.reference, name.number, forward=forward) if self.reference else None
        return _Found(index, prefix, end, value, "day", True)

    def bare_month(self, index: int) -> _Found | None:
        """A month without day or year after a cue ("in March", "في آذار", "شهر نيسان"): the latest such
        month up to a month after the reference date."""
        cue = self.phrase(self.lex.month_cues, index, clitics=True)
        at = cue.end if cue else index
        head = self.phrase(self.lex.month_heads, at, clitics=cue is None)
        start, prefix = at, (head.prefix if head and cue is None else 0)
        at = head.end if head else at
        if not (cue or head) or self.explicit(at, clitics=False):
            return None
        month = self.month(at, clitics=False)
        if month is None:
            return None
        found = self.dated(start, month.end, None, month.number, None)
        return _Found(start, prefix, found.end, found.value, found.precision, found.relative)

    def years(self, index: int) -> list[_Found]:
        """ "عام 2016", "in 2011", "since 2011", "1445 هـ", and a second year joined to the first
        ("بين عامي 2011 و2016", "from 2011 to 2016")."""
        cue = self.phrase(self.lex.year_cues, index, clitics=True)
        at = cue.end if cue else index
        head = self.phrase(self.lex.year_heads, at, clitics=cue is None)
        start, prefix = at, (head.prefix if head and cue is None else 0)
        at = head.end if head else at
        if self.explicit(at, clitics=False):
            return []
        first = self.year_at(start, prefix, at, cued=bool(cue or head))
        if first is None:
            return []
        join = self.phrase(self.lex.year_joins, first.end)
        second = self.year_at(join.end, 0, join.end, cued=True) if join else None
        return [first, second] if second else [first]

    def year_at(self, start: int, prefix: int, index: int, *, cued: bool) -> _Found | None:
        """A year at token ``index``: Hijri with its era marker, Gregorian when ``cued``."""
        number = self.number(index, digits=range(3, 5), values=_HIJRI_YEARS)
        hijri = self.phrase(self.lex.hijri_eras, index + 1)
        if number is not None and hijri:
            return _Found(start, prefix, hijri.end, hijri_to_gregorian(number, 1, 1), "year", False)
        year = self.number(index, digits=range(4, 5), values=YEARS)
        if year is None or not cued:
            return None
        era = self.phrase(self.lex.gregorian_eras, index + 1)
        return _Found(start, prefix, era.end if era else index + 1, date(year, 1, 1), "year", False)


def find_dates(text: str, lang: str, reference: date | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``reference`` (the article's date).

    ``lang`` is "ar" or "en" (anything else reads both). See the module docstring for how mentions resolve.
    """
    reader = _Reader(text, lang, reference)
    mentions: list[DateMention] = []
    index = 0
    while index < len(reader.tokens):
        found = reader.at(index)
        if not found:
            index += 1
            continue
        for item in found:
            first, last = reader.tokens[item.index], reader.tokens[item.end - 1]
            start, end = original_span(text, reader.offsets, first.start + item.prefix, last.end)
            mentions.append(
                DateMention(start, end, text[start:end], item.value, item.precision, item.relative)
            )
        index = found[-1].end
    return mentions
