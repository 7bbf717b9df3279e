"""Language of paragraphs: Arabic, English, mixed paragraphs, Arabic-script neighbours, no language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.language.detect import (
    LanguageDetector,
    LanguageGuess,
    default_detector,
    detect_language,
    detect_paragraph_languages,
)

ARABIC = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت مساء الأحد بين القوات الحكومية ومسلحين في ريف المدينة"
ENGLISH = "Local sources said heavy clashes broke out on Sunday evening between government forces and gunmen"
FRENCH = (
    "Des sources locales ont indiqué que de violents affrontements ont éclaté dimanche soir dans la région"
)
PERSIAN = "منابع محلی گفتند که درگیری‌های شدیدی روز یکشنبه میان نیروهای دولتی و افراد مسلح در حومه شهر رخ داد"
HEBREW = "מקורות מקומיים אמרו כי עימותים קשים פרצו ביום ראשון בערב בין כוחות הממשלה לחמושים"


@pytest.mark.parametrize(
    ("text", "code"),
    [(ARABIC, "ar"), (ENGLISH, "en"), (FRENCH, "fr"), (PERSIAN, "fa"), (HEBREW, "he")],
)
def test_paragraph_languages(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert 0.5 < guess.confidence <= 1.0


def test_short_arabic_and_english() -> None:
    assert detect_language("مقتل ثلاثة مدنيين في قصف").code == "ar"
    assert detect_language("Three civilians killed in shelling").code == "en"


def test_mixed_paragraphs_keep_the_language_most_of_them_is_written_in() -> None:
    assert detect_language(f"{ARABIC} وفق ما نقلته وكالة Reuters عن مسؤول في Human Rights Watch").code == "ar"
    assert detect_language(f"{ENGLISH}, in the area known locally as حي الشيخ مقصود").code == "en"


def test_arabic_typed_on_a_persian_keyboard_is_still_arabic() -> None:
    assert detect_language(ARABIC.replace("ي", "ی").replace("ك", "ک")).code == "ar"


@pytest.mark.parametrize("text", ["", "   \n\t", "2024-11-30", "١٢ / ٣٠ — 17:45", "...!!! ؟؟", "OK"])
def test_no_language_without_letters(text: str) -> None:
    assert detect_language(text) == LanguageGuess("und", 0.0)


def test_paragraph_spans_are_detected_in_order() -> None:
    text = f"{ARABIC}\n\n{ENGLISH}\n\n2024\n\n{FRENCH}"
    spans, start = [], 0
    for paragraph in text.split("\n\n"):
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    codes = [g.code for g in detect_paragraph_languages(text, spans)]
    assert codes == ["ar", "en", "und", "fr"]
    assert detect_paragraph_languages(text, []) == []


class _Recorder:
    """A stand-in model that remembers what it was asked and answers with fixed labels."""

    def __init__(self, answer: list[tuple[str, float]]) -> None:
        self.answer = answer
        self.seen: list[str] = []

    def __call__(self, text: str) -> list[tuple[str, float]]:
        self.seen.append(text)
        return self.answer


def test_plain_arabic_never_reaches_the_model() -> None:
    model = _Recorder([("en", 1.0)])
    assert LanguageDetector(model).detect(ARABIC).code == "ar"
    assert model.seen == []


def test_arabic_words_are_hidden_from_the_model_in_a_latin_paragraph() -> None:
    model = _Recorder([("en", 0.9)])
    LanguageDetector(model).detect(f"{ENGLISH} near حي الشيخ مقصود today")
    assert model.seen and not any("\u0600" <= ch <= "\u06ff" for ch in model.seen[0])
    assert "\n" not in model.seen[0]


def test_dialect_labels_fold_onto_their_language_and_add_up() -> None:
    model = _Recorder([("arz", 0.5), ("fa", 0.3), ("ar", 0.2)])
    guess = LanguageDetector(model).detect(PERSIAN)
    assert guess == LanguageGuess("ar", 0.7)


def test_model_without_an_answer_gives_und() -> None:
    assert LanguageDetector(_Recorder([])).detect(ENGLISH).code == "und"


def test_the_model_is_loaded_once() -> None:
    assert default_detector() is default_detector()


@given(st.text(max_size=300))
def test_any_text_gets_a_code_and_a_probability(text: str) -> None:
    guess = detect_language(text)
    assert guess.code and 0.0 <= guess.confidence <= 1.0
