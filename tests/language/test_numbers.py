"""Numbers and quantities: digits in every script, Arabic and English number words, hedges, ranges, vague
amounts, duals, and the helpers that tell years and labels from amounts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.language.numbers import (
    QUALIFIERS,
    Quantity,
    find_quantities,
    is_label,
    is_year_like,
    parse_number,
)

# ---- number-to-words generators (the property tests parse their output back) ------------------------------

EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
EN_TENS = dict(
    zip(
        range(2, 10),
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
        strict=True,
    )
)


def en_below_100(n: int, draw: st.DataObject) -> str:
    if n < 10:
        return EN_UNITS[n]
    if n < 20:
        return EN_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    if not unit:
        return EN_TENS[tens]
    return EN_TENS[tens] + draw.draw(st.sampled_from(["-", " "])) + EN_UNITS[unit]


def en_below_1000(n: int, draw: st.DataObject, *, first: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return en_below_100(rest, draw)
    head = draw.draw(st.sampled_from(["a", "one"])) if hundreds == 1 and first else EN_UNITS[hundreds]
    words = f"{head} hundred"
    if rest:
        words += draw.draw(st.sampled_from([" and ", " "])) + en_below_100(rest, draw)
    return words


def en_words(n: int, draw: st.DataObject) -> str:
    """English words for 0 <= n < 1,000,000, with the usual optional variants."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(en_below_1000(thousands, draw, first=True) + " thousand")
    if rest:
        joint = draw.draw(st.sampled_from([" and ", " "])) if thousands and rest < 100 else " "
        parts.append((joint if thousands else "") + en_below_1000(rest, draw, first=not thousands))
    return "".join(parts).strip()


AR_MASC = {
    1: "واحد",
    2: "اثنان",
    3: "ثلاثة",
    4: "أربعة",
    5: "خمسة",
    6: "ستة",
    7: "سبعة",
    8: "ثمانية",
    9: "تسعة",
}
AR_FEM = {1: "واحدة", 2: "اثنتان", 3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثماني", 9: "تسع"}
AR_OBLIQUE_TWO = {"اثنان": "اثنين", "اثنتان": "اثنتين"}
AR_TENS = {2: "عشر", 3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
AR_HUNDRED_STEMS = {
    3: ["ثلاث"],
    4: ["أربع"],
    5: ["خمس"],
    6: ["ست"],
    7: ["سبع"],
    8: ["ثمان", "ثماني"],
    9: ["تسع"],
}


def ar_unit(n: int, draw: st.DataObject) -> str:
    word = draw.draw(st.sampled_from([AR_MASC[n], AR_FEM[n]]))
    return AR_OBLIQUE_TWO.get(word, word) if draw.draw(st.booleans()) else word


def ar_below_100(n: int, draw: st.DataObject) -> str:
    if n == 10:
        return draw.draw(st.sampled_from(["عشرة", "عشر"]))
    if n < 10:
        return ar_unit(n, draw)
    if n == 11:
        return draw.draw(st.sampled_from(["أحد عشر", "إحدى عشرة"]))
    if n == 12:
        return draw.draw(st.sampled_from(["اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة"]))
    if n < 20:
        return draw.draw(st.sampled_from([AR_MASC[n - 10] + " عشر", AR_FEM[n - 10] + " عشرة"]))
    tens, unit = divmod(n, 10)
    tens_word = AR_TENS[tens] + draw.draw(st.sampled_from(["ون", "ين"]))
    if not unit:
        return tens_word
    unit_word = draw.draw(st.sampled_from(["إحدى", "واحد"])) if unit == 1 else ar_unit(unit, draw)
    return f"{unit_word} و{tens_word}"


def ar_hundreds(hundreds: int, draw: st.DataObject, *, construct: bool) -> str:
    hundred = draw.draw(st.sampled_from(["مئة", "مائة"]))
    if hundreds == 1:
        return hundred
    if hundreds == 2:
        endings = ["تا", "تي"] if construct else ["تان", "تين"]
        return hundred[:-1] + draw.draw(st.sampled_from(endings))
    stem = draw.draw(st.sampled_from(AR_HUNDRED_STEMS[hundreds]))
    return stem + draw.draw(st.sampled_from(["", " "])) + hundred


def ar_below_1000(n: int, draw: st.DataObject, *, construct: bool = False) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [ar_hundreds(hundreds, draw, construct=construct and not rest)] if hundreds else []
    if rest:
        parts.append(ar_below_100(rest, draw))
    return " و".join(parts)


def ar_words(n: int, draw: st.DataObject) -> str:
    """Arabic words for 0 <= n < 1,000,000, in either gender and case, with both spellings of مئة."""
    if n == 0:
        return "صفر"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands == 1:
        parts.append("ألف")
    elif thousands == 2:
        parts.append(draw.draw(st.sampled_from(["ألفان", "ألفين"])))
    elif 3 <= thousands <= 10:
        parts.append(ar_below_1000(thousands, draw) + " آلاف")
    elif thousands:
        counted = draw.draw(st.sampled_from(["ألف", "ألفا"]))
        parts.append(ar_below_1000(thousands, draw, construct=counted == "ألف") + " " + counted)
    if rest:
        parts.append(ar_below_1000(rest, draw))
    return " و".join(parts)


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def only(text: str, lang: str) -> Quantity:
    found = find_quantities(text, lang)
    assert len(found) == 1, found
    return found[0]


# ---- property tests -------------------------------------------------------------------------------------


@settings(max_examples=400)
@given(st.integers(0, 999_999), st.data())
def test_english_words_parse_back(n: int, data: st.DataObject) -> None:
    words = en_words(n, data)
    quantity = only(words, "en")
    assert (quantity.count, quantity.text, quantity.qualifier) == (n, words, "exact")


@settings(max_examples=400)
@given(st.integers(0, 999_999), st.data())
def test_arabic_words_parse_back(n: int, data: st.DataObject) -> None:
    words = ar_words(n, data)
    quantity = only(words, "ar")
    assert (quantity.count, quantity.text, quantity.qualifier) == (n, words, "exact")


@given(
    st.integers(0, 10**9),
    st.sampled_from([",", ".", " ", "٬", "\u00a0", "\u202f", ""]),
    st.sampled_from([None, ARABIC_INDIC, EASTERN]),
    st.sampled_from(["ar", "en"]),
)
def test_digits_in_any_script_parse_back(
    n: int, separator: str, script: dict[int, int] | None, lang: str
) -> None:
    written = f"{n:,}".replace(",", separator)
    if script:
        written = written.translate(script)
    quantity = only(f"قتل {written} شخصا" if lang == "ar" else f"killed {written} people", lang)
    assert (quantity.count, quantity.text) == (n, written)


FRAGMENTS = [
    "أكثر من",
    "نحو",
    "بين",
    "و",
    "إلى",
    "عشرات",
    "مئات",
    "آلاف",
    "ثلاثة",
    "وعشرون",
    "ألف",
    "مئة",
    "جنديين",
    "more than",
    "about",
    "between",
    "and",
    "to",
    "-",
    "twenty",
    "five",
    "hundred",
    "thousand",
    "dozens",
    "a",
    "12",
    "1,200",
    "٣٠",
    "۱۴۰۳",
    "3.5",
    "%",
    "بالمئة",
    "F-16",
    "10:30",
    "عام",
    "2016",
    "لـ",
    "ـ",
    "\u064e",
    "\u200f",
    "\u00a0",
    "،",
    ".",
    "ﻻ",
    "الحادي",
    "عشر",
    "ﷺ",
    "İ",
]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=14),
    st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=14, max_size=14),
    st.sampled_from(["ar", "en", "und"]),
)
def test_offsets_always_slice_the_original(parts: list[str], gaps: list[str], lang: str) -> None:
    text = "".join(part + gap for part, gap in zip(parts, gaps, strict=False))
    previous_end = 0
    for quantity in find_quantities(text, lang):
        assert previous_end <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.qualifier in QUALIFIERS
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
        previous_end = quantity.end


# ---- examples -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # (quoted text, count, low, high, qualifier)
        ("أعلنت مقتل 1.200 شخص", "ar", ("1.200", 1200, 1200, 1200, "exact")),
        ("مقتل ١٬٢٠٠ شخص", "ar", ("١٬٢٠٠", 1200, 1200, 1200, "exact")),
        ("قتل خمسة وعشرون مدنيا", "ar", ("خمسة وعشرون", 25, 25, 25, "exact")),
        ("أصيب ثلاثمئة وخمسون", "ar", ("ثلاثمئة وخمسون", 350, 350, 350, "exact")),
        ("قتل اثنا عشر جنديا", "ar", ("اثنا عشر", 12, 12, 12, "exact")),
        ("مقتل مئة وخمسين ألفا", "ar", ("مئة وخمسين ألفا", 150_000, 150_000, 150_000, "exact")),
        ("نزوح مليون و200 ألف", "ar", ("مليون و200 ألف", 1_200_000, 1_200_000, 1_200_000, "exact")),
        ("نزوح 3 آلاف", "ar", ("3 آلاف", 3000, 3000, 3000, "exact")),
        ("نزوح 2.5 مليون", "ar", ("2.5 مليون", 2_500_000, 2_500_000, 2_500_000, "exact")),
        ("مقتل أكثر من 100 شخص", "ar", ("أكثر من 100", 100, 101, None, "more_than")),
        ("مقتل ما يزيد عن عشرين", "ar", ("ما يزيد عن عشرين", 20, 21, None, "more_than")),
        ("قتل نحو 30", "ar", ("نحو 30", 30, None, None, "about")),
        ("قتل حوالى خمسين", "ar", ("حوالى خمسين", 50, None, None, "about")),
        ("قتل ما لا يقل عن 27 شخصا", "ar", ("ما لا يقل عن 27", 27, 27, None, "at_least")),
        ("قتل 27 شخصا على الأقل", "ar", ("27", 27, 27, 27, "exact")),
        ("قتل 27 على الأقل", "ar", ("27 على الأقل", 27, 27, None, "at_least")),
        ("قتل ما يصل إلى 40", "ar", ("ما يصل إلى 40", 40, None, 40, "up_to")),
        ("قتل بين 20 و30", "ar", ("بين 20 و30", 20, 20, 30, "at_least")),
        ("قتل بين عشرين وثلاثين", "ar", ("بين عشرين وثلاثين", 20, 20, 30, "at_least")),
        ("قتل من 20 إلى 30", "ar", ("من 20 إلى 30", 20, 20, 30, "at_least")),
        ("قتل عشرات المدنيين", "ar", ("عشرات", 12, 12, None, "dozens")),
        ("نزح عشرات الآلاف", "ar", ("عشرات الآلاف", 10_000, 10_000, None, "thousands")),
        ("قتل المئات", "ar", ("المئات", 100, 100, None, "hundreds")),
        ("نزح آلاف السكان", "ar", ("آلاف", 1000, 1000, None, "thousands")),
        ("قتل بضعة أشخاص", "ar", ("بضعة", 3, 3, 9, "several")),
        ("أصيب عدة أشخاص", "ar", ("عدة", 3, 3, None, "several")),
        ("قتل عدد غير معروف", "ar", ("عدد غير معروف", None, None, None, "unknown")),
        ("مقتل جنديين", "ar", ("جنديين", 2, 2, 2, "exact")),
        ("وأكد مصدران", "ar", ("مصدران", 2, 2, 2, "exact")),
        ("سقط قتيلان اثنان", "ar", ("قتيلان اثنان", 2, 2, 2, "exact")),
        ("وقال مصدران عسكريان", "ar", ("مصدران عسكريان", 2, 2, 2, "exact")),
        ("شردت عدة ملايين", "ar", ("عدة ملايين", 3_000_000, 3_000_000, None, "thousands")),
        ("several hundred people", "en", ("several hundred", 300, 300, None, "hundreds")),
        ("وثلاثة جرحى", "ar", ("ثلاثة", 3, 3, 3, "exact")),
        ("بثلاثة صواريخ", "ar", ("ثلاثة", 3, 3, 3, "exact")),
        ("لـ 5 أشخاص", "ar", ("5", 5, 5, 5, "exact")),
        ("وأكثر من خمسين", "ar", ("أكثر من خمسين", 50, 51, None, "more_than")),
        ("at least 27 people", "en", ("at least 27", 27, 27, None, "at_least")),
        ("more than 1,200 people", "en", ("more than 1,200", 1200, 1201, None, "more_than")),
        ("over 300 were hurt", "en", ("over 300", 300, 301, None, "more_than")),
        ("some 200 families", "en", ("some 200", 200, None, None, "about")),
        ("nearly two thousand", "en", ("nearly two thousand", 2000, None, None, "about")),
        ("up to 40 people", "en", ("up to 40", 40, None, 40, "up_to")),
        ("between 20 and 30 people", "en", ("between 20 and 30", 20, 20, 30, "at_least")),
        ("20 to 30 people", "en", ("20 to 30", 20, 20, 30, "at_least")),
        ("20-30 people", "en", ("20-30", 20, 20, 30, "at_least")),
        ("2 to 3 million people", "en", ("2 to 3 million", 2_000_000, 2_000_000, 3_000_000, "at_least")),
        ("30 or more", "en", ("30 or more", 30, 30, None, "at_least")),
        ("a dozen people", "en", ("a dozen", 12, None, None, "about")),
        ("more than a dozen people", "en", ("more than a dozen", 12, 13, None, "more_than")),
        ("dozens of people", "en", ("dozens", 12, 12, None, "dozens")),
        ("scores of people", "en", ("scores", 20, 20, None, "dozens")),
        ("several people", "en", ("several", 3, 3, None, "several")),
        ("a few people", "en", ("a few", 3, 3, None, "several")),
        ("hundreds of people", "en", ("hundreds", 100, 100, None, "hundreds")),
        ("tens of thousands of people", "en", ("tens of thousands", 10_000, 10_000, None, "thousands")),
        ("three hundred people", "en", ("three hundred", 300, 300, 300, "exact")),
        ("twenty-five people", "en", ("twenty-five", 25, 25, 25, "exact")),
        ("1.5 million people", "en", ("1.5 million", 1_500_000, 1_500_000, 1_500_000, "exact")),
    ],
)
def test_examples(text: str, lang: str, expected: tuple[object, ...]) -> None:
    quantity = only(text, lang)
    assert (quantity.text, quantity.count, quantity.low, quantity.high, quantity.qualifier) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ارتفعت الأسعار 30%", "ar"),
        ("ارتفعت الأسعار 30 بالمئة", "ar"),
        ("خمسة في المئة", "ar"),
        ("rose 30 percent", "en"),
        ("a rate of 3.5", "en"),
        ("في القرن التاسع عشر", "ar"),
        ("اجتماع يوم الاثنين", "ar"),
        ("يوم الأحد", "ar"),
        ("an F-16 jet", "en"),
        ("at 10:30", "en"),
        ("on 30/11/2024", "en"),
        ("thousand", "en"),
        ("مقتل مدنيين", "ar"),
        ("لست متأكدا", "ar"),
    ],
)
def test_not_quantities(text: str, lang: str) -> None:
    assert find_quantities(text, lang) == []


def test_duals_can_be_turned_off() -> None:
    assert find_quantities("مقتل جنديين", "ar", duals=False) == []


def test_several_quantities_in_order() -> None:
    text = "قتل 5 أشخاص وأصيب أكثر من عشرين، ونزح عشرات الآلاف"
    found = find_quantities(text, "ar")
    assert [(q.text, q.count) for q in found] == [("5", 5), ("أكثر من عشرين", 20), ("عشرات الآلاف", 10_000)]


def test_years_dates_and_labels_are_told_apart() -> None:
    text = "أشار القرار رقم 2254 الصادر عام 2016 إلى مقتل 2000 شخص في 30 نوفمبر 2024، واللواء 93"
    found = find_quantities(text, "ar")
    years = {q.text for q in found if is_year_like(text, q, "ar")}
    labels = {q.text for q in found if is_label(text, q, "ar")}
    assert years == {"2016", "30", "2024"}
    assert labels == {"2254", "93"}
    assert [q.text for q in find_quantities(text, "ar", counts_only=True)] == ["2000"]


def test_english_years_and_labels() -> None:
    text = "In 2011, since 2011-2016, under Resolution 2254, No. 5, 12 people died on Nov. 30"
    assert [q.text for q in find_quantities(text, "en", counts_only=True)] == ["12"]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("خمسة وعشرون", "ar", 25), ("1,200", "en", 1200), ("twenty-five", "en", 25), ("نحو 30", "ar", None)],
)
def test_parse_number(text: str, lang: str, value: int | None) -> None:
    assert parse_number(text, lang) == value


def test_other_languages_read_both_lexicons() -> None:
    assert [q.count for q in find_quantities("three and ثلاثة", "fr")] == [3, 3]
