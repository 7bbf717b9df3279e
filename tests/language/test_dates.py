"""Dates: written dates in every Arabic month system and in English, weekdays and relative days resolved
against the article's date, years after a cue, Hijri dates, and the CLDR-built month table."""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.language.dates import DateMention, find_dates
from marsad.language.hijri import gregorian_to_hijri, hijri_to_gregorian

SATURDAY = date(2024, 11, 30)
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"

EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AR_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]  # fmt: skip
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _arabic_month_names() -> dict[int, list[str]]:
    """Every Arabic month name shipped in date_names.tsv (CLDR), by month."""
    text = (resources.files("marsad.language") / "data" / "date_names.tsv").read_text(encoding="utf-8")
    names: dict[int, list[str]] = {}
    for line in text.splitlines()[1:]:
        fields = line.split("\t")
        if not line.startswith("#") and fields[0] == "month" and fields[2] == "ar":
            names.setdefault(int(fields[1]), []).append(fields[3])
    return names


AR_MONTHS = _arabic_month_names()


def only(text: str, lang: str, reference: date | None = SATURDAY) -> DateMention:
    found = find_dates(text, lang, reference)
    assert len(found) == 1, found
    return found[0]


# ---- property tests -------------------------------------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.data())
def test_english_renderings_parse_back(day: date, data: st.DataObject) -> None:
    month = EN_MONTHS[day.month - 1]
    short = month[:3] + "."
    text = data.draw(
        st.sampled_from(
            [
                f"{day.day} {month} {day.year}",
                f"{month} {day.day}, {day.year}",
                f"{short} {day.day}, {day.year}",
                f"{day.day}/{day.month}/{day.year}",
                f"{day.day:02d}-{day.month:02d}-{day.year}",
                f"{day.day}.{day.month}.{day.year}",
                day.isoformat(),
                f"{EN_WEEKDAYS[day.weekday()]}, {month} {day.day}, {day.year}",
            ]
        )
    )
    mention = only(f"It happened on {text}.", "en")
    assert (mention.text, mention.value, mention.precision, mention.relative) == (text, day, "day", False)


@given(days, st.data())
def test_arabic_renderings_parse_back(day: date, data: st.DataObject) -> None:
    names = AR_MONTHS[day.month]
    month = data.draw(st.sampled_from(names))
    if len(names) > 1 and data.draw(st.booleans()):
        month = f"{month}/{data.draw(st.sampled_from([n for n in names if n != month]))}"
    written = f"{day.day} {month} {day.year}"
    if data.draw(st.booleans()):
        written = written.translate(ARABIC_INDIC)
    text = data.draw(st.sampled_from([written, f"{AR_WEEKDAYS[day.weekday()]} {written}", f"{written} م"]))
    mention = only(f"وقع ذلك في {text}، وفق المصادر", "ar")
    assert (mention.text, mention.value, mention.precision, mention.relative) == (text, day, "day", False)


@given(
    st.dates(min_value=date(1900, 1, 8), max_value=date(2100, 12, 31)),
    st.integers(1, 7),
    st.sampled_from(
        ["{ar}", "يوم {ar}", "{ar} الماضي", "ويوم {ar}", "صباح {ar}", "{en}", "last {en}", "{en} night"]
    ),
)
def test_weekdays_resolve_on_or_before_the_reference(reference: date, weekday: int, form: str) -> None:
    text = form.format(ar=AR_WEEKDAYS[weekday - 1], en=EN_WEEKDAYS[weekday - 1])
    mention = only(text, "ar" if "{ar}" in form else "en", reference)
    assert mention.value is not None and mention.relative and mention.precision == "day"
    assert mention.value.isoweekday() == weekday
    assert reference - timedelta(days=6) <= mention.value <= reference


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_hijri_conversion_round_trips(day: date) -> None:
    assert hijri_to_gregorian(*gregorian_to_hijri(day)) == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(["هـ", "ه", ""]))
def test_hijri_renderings_parse_back(day: date, era: str) -> None:
    year, month, number = gregorian_to_hijri(day)
    text = f"{number} {HIJRI_MONTHS[month - 1]} {year} {era}".strip()
    mention = only(f"في {text} الموافق", "ar")
    assert (mention.text, mention.value, mention.precision) == (text, day, "day")


@given(st.text(max_size=60), st.sampled_from(["ar", "en", "und"]))
def test_offsets_always_slice_the_original(text: str, lang: str) -> None:
    for mention in find_dates(text, lang, SATURDAY):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


# ---- examples -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "quoted", "value", "precision"),
    [
        ("قصفت الطائرات يوم السبت مدينة حلب", "ar", "يوم السبت", date(2024, 11, 30), "day"),
        ("وقتل في السبت اثنان", "ar", "السبت", date(2024, 11, 30), "day"),
        ("وقع الهجوم الأربعاء الماضي", "ar", "الأربعاء الماضي", date(2024, 11, 27), "day"),
        ("تعقد الجولة الجمعة المقبلة", "ar", "الجمعة المقبلة", date(2024, 12, 6), "day"),
        ("قتل مساء الخميس", "ar", "مساء الخميس", date(2024, 11, 28), "day"),
        ("اندلعت الاشتباكات اليوم", "ar", "اليوم", date(2024, 11, 30), "day"),
        ("قصف صباح اليوم", "ar", "صباح اليوم", date(2024, 11, 30), "day"),
        ("اندلعت الاشتباكات أمس", "ar", "أمس", date(2024, 11, 29), "day"),
        ("وقع الانفجار أمس الأول", "ar", "أمس الأول", date(2024, 11, 28), "day"),
        ("قصف الليلة الماضية", "ar", "الليلة الماضية", date(2024, 11, 29), "day"),
        ("تظاهروا الأسبوع الماضي", "ar", "الأسبوع الماضي", date(2024, 11, 18), "week"),
        ("قتل الشهر الماضي", "ar", "الشهر الماضي", date(2024, 10, 1), "month"),
        ("اعتقل قبل ثلاثة أيام", "ar", "قبل ثلاثة أيام", date(2024, 11, 27), "day"),
        ("اعتقل قبل يومين", "ar", "قبل يومين", date(2024, 11, 28), "day"),
        ("في 30 نوفمبر 2024", "ar", "30 نوفمبر 2024", date(2024, 11, 30), "day"),
        ("في ٣٠ تشرين الثاني ٢٠٢٤", "ar", "٣٠ تشرين الثاني ٢٠٢٤", date(2024, 11, 30), "day"),
        ("في 5 جويلية 2021", "ar", "5 جويلية 2021", date(2021, 7, 5), "day"),
        ("في 5 أوت", "ar", "5 أوت", date(2024, 8, 5), "day"),
        ("في نيسان/أبريل 2023", "ar", "نيسان/أبريل 2023", date(2023, 4, 1), "month"),
        ("في 15 حزيران (يونيو) 2022", "ar", "15 حزيران (يونيو) 2022", date(2022, 6, 15), "day"),
        ("في 15 يونيه 2022", "ar", "15 يونيه 2022", date(2022, 6, 15), "day"),
        ("في شهر آذار", "ar", "شهر آذار", date(2024, 3, 1), "month"),
        ("في عام 2016", "ar", "عام 2016", date(2016, 1, 1), "year"),
        ("منذ 2011", "ar", "2011", date(2011, 1, 1), "year"),
        ("لعام 2016م", "ar", "عام 2016م", date(2016, 1, 1), "year"),
        ("في 30/11/2024", "ar", "30/11/2024", date(2024, 11, 30), "day"),
        ("1445 هـ", "ar", "1445 هـ", hijri_to_gregorian(1445, 1, 1), "year"),
        ("في 15 رمضان", "ar", "15 رمضان", hijri_to_gregorian(1445, 9, 15), "day"),
        ("On Wednesday, the army said", "en", "Wednesday", date(2024, 11, 27), "day"),
        ("On Saturday, the army said", "en", "Saturday", date(2024, 11, 30), "day"),
        ("last Friday", "en", "last Friday", date(2024, 11, 29), "day"),
        ("next Monday", "en", "next Monday", date(2024, 12, 2), "day"),
        ("attacked overnight", "en", "overnight", date(2024, 11, 29), "day"),
        ("the day before yesterday", "en", "the day before yesterday", date(2024, 11, 28), "day"),
        ("earlier this month", "en", "earlier this month", date(2024, 11, 1), "month"),
        ("three days ago", "en", "three days ago", date(2024, 11, 27), "day"),
        ("a week ago", "en", "a week ago", date(2024, 11, 18), "week"),
        ("since 2011", "en", "2011", date(2011, 1, 1), "year"),
        ("in March 2023", "en", "March 2023", date(2023, 3, 1), "month"),
        ("in May the town fell", "en", "May", date(2024, 5, 1), "month"),
        ("on Nov. 30", "en", "Nov. 30", date(2024, 11, 30), "day"),
        ("on the 5th of June", "en", "5th of June", date(2024, 6, 5), "day"),
        ("on 11/30/2024", "en", "11/30/2024", date(2024, 11, 30), "day"),
        ("on 31 February 2024", "en", "31 February 2024", None, "unknown"),
        ("recently", "en", "recently", None, "unknown"),
    ],
)
def test_examples(text: str, lang: str, quoted: str, value: date | None, precision: str) -> None:
    mention = only(text, lang)
    assert (mention.text, mention.value, mention.precision) == (quoted, value, precision)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قتل 2000 شخص", "ar"),
        ("مارس الضغط على الحكومة", "ar"),
        ("you may go", "en"),
        ("march on the capital", "en"),
        ("killed 2016 people", "en"),
        ("15 صفر", "ar"),
    ],
)
def test_not_dates(text: str, lang: str) -> None:
    assert find_dates(text, lang, SATURDAY) == []


def test_year_ranges_give_two_years() -> None:
    found = find_dates("بين عامي 2011 و2016", "ar", None)
    assert [(m.text, m.value) for m in found] == [("عامي 2011", date(2011, 1, 1)), ("2016", date(2016, 1, 1))]


def test_relative_dates_without_reference_have_no_value() -> None:
    found = find_dates("يوم السبت وأمس و30 نوفمبر", "ar", None)
    assert [(m.text, m.value, m.precision, m.relative) for m in found] == [
        ("يوم السبت", None, "day", True),
        ("أمس", None, "day", True),
        ("30 نوفمبر", None, "day", True),
    ]


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("Dec. 30", date(2025, 1, 2), date(2024, 12, 30)),
        ("Jan. 3", date(2024, 12, 28), date(2025, 1, 3)),
        ("in December", date(2024, 11, 30), date(2024, 12, 1)),
        ("in January", date(2024, 11, 30), date(2024, 1, 1)),
    ],
)
def test_dates_without_year_take_the_nearest_past_year(text: str, reference: date, value: date) -> None:
    assert only(text, "en", reference).value == value


def test_hijri_dates_are_within_a_day_of_umm_al_qura() -> None:
    # Umm al-Qura: 1 Ramadan 1445 = 11 Mar 2024; 1 Muharram 1446 = 7 Jul 2024; 1 Shawwal 1444 = 21 Apr 2023.
    for hijri, gregorian in [((1445, 9, 1), date(2024, 3, 11)), ((1446, 1, 1), date(2024, 7, 7)),
                             ((1444, 10, 1), date(2023, 4, 21))]:  # fmt: skip
        assert abs((hijri_to_gregorian(*hijri) - gregorian).days) <= 1


def _build_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "build_date_lexicon", ROOT / "scripts" / "build_date_lexicon.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_shipped_month_table_is_what_the_script_builds() -> None:
    if not (SHARED / "data" / "lexicons" / "cldr_ar").is_dir():
        pytest.skip("../shared (CLDR export) is not beside the repository")
    script = _build_script()
    shipped = (resources.files("marsad.language") / "data" / "date_names.tsv").read_text(encoding="utf-8")
    assert script.build(SHARED) == shipped  # type: ignore[attr-defined]
    assert "Unicode CLDR 47, © Unicode, Inc., Unicode License v3." in shipped


@given(
    st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from(["days", "weeks", "months", "years"])
)
def test_any_distance_ago_never_raises(count: int, unit: str) -> None:
    for found in find_dates(f"It happened {count} {unit} ago.", "en", date(2024, 6, 9)):
        assert found.value is None or found.value <= date(2024, 6, 9)
