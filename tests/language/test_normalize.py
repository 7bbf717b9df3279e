"""Arabic/Latin matching normalisation: folds, offsets back to the original, clitic stripping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.language.normalize import normalize_arabic, normalize_with_offsets, original_span, strip_clitics


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مؤتمر رئيس", "موتمر رييس"),
        ("مُحَمَّدٌ", "محمد"),
        ("هٰذا", "هذا"),
        ("الســـــلام", "السلام"),
        ("کرمانشاه ی", "كرمانشاه ي"),
        ("ڤيينا", "فيينا"),
        ("٢٠٢٤ و ۱۴۰۳", "2024 و 1403"),
        ("ﻻ", "لا"),
        ("Deir ez-Zōr İDLİB", "deir ez-zor idlib"),
        ("شمال\u200cغرب\u00a0سوريا", "شمالغرب سوريا"),
    ],
)
def test_folds(text: str, folded: str) -> None:
    assert normalize_arabic(text) == folded


def test_offsets_point_at_original_letters() -> None:
    text = "قصفٌ على حَلَبَ"
    folded, offsets = normalize_with_offsets(text)
    start = folded.index("حلب")
    assert [text[offsets[i]] for i in range(start, start + 3)] == ["ح", "ل", "ب"]


def test_original_span_covers_trailing_diacritics() -> None:
    text = "في حَلَبُ، اليوم"
    folded, offsets = normalize_with_offsets(text)
    start = folded.index("حلب")
    begin, end = original_span(text, offsets, start, start + 3)
    assert text[begin:end] == "حَلَبُ"


def test_original_span_of_expanded_ligature() -> None:
    text = "ﻻ شيء"
    folded, offsets = normalize_with_offsets(text)
    assert folded.startswith("لا")
    assert original_span(text, offsets, 0, 2) == (0, 1)


def test_original_span_empty() -> None:
    text = "abc"
    _, offsets = normalize_with_offsets(text)
    assert original_span(text, offsets, 3, 3) == (3, 3)
    assert original_span(text, offsets, 1, 1) == (1, 1)


@pytest.mark.parametrize(
    ("token", "stem"),
    [
        ("وحلب", "حلب"),
        ("بحلب", "حلب"),
        ("لحلب", "حلب"),
        ("فحلب", "حلب"),
        ("كحلب", "حلب"),
        ("للجيش", "الجيش"),
        ("وللجيش", "الجيش"),
        ("للاذقيه", "اللاذقيه"),
        ("وللاذقيه", "اللاذقيه"),
        ("بالرقه", "الرقه"),
        ("وبالرقه", "الرقه"),
        ("فالقاهره", "القاهره"),
        ("كالقاهره", "القاهره"),
        ("والموصل", "الموصل"),
        ("الباب", "باب"),
    ],
)
def test_strip_clitics_offers_stem(token: str, stem: str) -> None:
    candidates = strip_clitics(token)
    assert candidates[0] == token
    assert stem in candidates


def test_strip_clitics_prefers_restored_article() -> None:
    candidates = strip_clitics("بالرقه")
    assert candidates.index("الرقه") < candidates.index("رقه")


def test_strip_clitics_keeps_short_words_whole() -> None:
    assert strip_clitics("وقت") == ["وقت"]
    assert strip_clitics("قم") == ["قم"]


_ARABICISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list("abcÉéİıß ﬁ\u200c\u200f\u00a0-'’ʿ0123456789")),
        st.characters(),
    ),
    max_size=60,
)


@given(_ARABICISH)
def test_offsets_monotonic_and_in_range(text: str) -> None:
    folded, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(folded)
    assert all(0 <= o < len(text) for o in offsets)
    assert offsets == sorted(offsets)
    assert folded == normalize_arabic(text)


@given(_ARABICISH)
def test_normalising_is_idempotent(text: str) -> None:
    once = normalize_arabic(text)
    assert normalize_arabic(once) == once


@given(_ARABICISH, st.data())
def test_original_span_is_a_valid_span(text: str, data: st.DataObject) -> None:
    folded, offsets = normalize_with_offsets(text)
    start = data.draw(st.integers(0, len(folded)))
    end = data.draw(st.integers(start, len(folded)))
    begin, finish = original_span(text, offsets, start, end)
    assert 0 <= begin <= finish <= len(text)
    assert folded[start:end] in normalize_arabic(text[begin:finish])


@given(st.text(alphabet="وفبكلال" + "حمصدرتن", max_size=12))
def test_strip_clitics_candidates_are_suffixes_or_restored(token: str) -> None:
    for candidate in strip_clitics(token)[1:]:
        assert token.endswith(candidate) or token.endswith(candidate.removeprefix("ال"))
