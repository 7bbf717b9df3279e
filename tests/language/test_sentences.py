from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.language.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_arabic_and_english_sentences() -> None:
    text = "قال الجيش إن الهجوم فشل. وأضاف: «سنرد»؟ نعم.\n\nThe U.S. Gen. Smith said 3.5 km. Then left!"
    assert _texts(text) == [
        "قال الجيش إن الهجوم فشل.",
        "وأضاف: «سنرد»؟",
        "نعم.",
        "The U.S. Gen. Smith said 3.5 km.",
        "Then left!",
    ]


def test_paragraph_break_ends_a_sentence() -> None:
    assert _texts("Heading without stop\n\nBody.") == ["Heading without stop", "Body."]


@given(st.text())
def test_spans_are_ordered_and_inside(text: str) -> None:
    previous = 0
    for start, end in split_sentences(text):
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end
