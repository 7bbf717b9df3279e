"""The tokenizer keeps exact code-point offsets and follows ANERcorp's token convention."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from marsad.language.tokenize import tokenize

# Text mixing Arabic letters and diacritics, Latin, digits, Arabic and Latin punctuation and odd spaces.
_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآءـًٌٍَُِّْ،؛؟«»“”.,:;!?()%-'\"abcXYZ0123٠١٢ \n\t\u200f\u00a0")
)


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_every_token_is_its_span_of_the_original(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.text.strip()
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    assert all(a.end <= b.start for a, b in pairwise(tokens))


def test_arabic_punctuation_is_split_but_clitics_stay_attached() -> None:
    text = "قالت الوزارة، في بيان «رسمي»: والقاهرة؟"
    assert [t.text for t in tokenize(text)] == [
        "قالت",
        "الوزارة",
        "،",
        "في",
        "بيان",
        "«",
        "رسمي",
        "»",
        ":",
        "والقاهرة",
        "؟",
    ]


def test_numbers_keep_decimals_and_percent() -> None:
    assert [t.text for t in tokenize("ارتفع 3.5 نقطة أي 12% (2,000)")] == [
        "ارتفع",
        "3.5",
        "نقطة",
        "أي",
        "12%",
        "(",
        "2,000",
        ")",
    ]


def test_invisible_bidi_marks_are_not_tokens() -> None:
    assert [t.text for t in tokenize("غزة \u200f. ")] == ["غزة", "."]
