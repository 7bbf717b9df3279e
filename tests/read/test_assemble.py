from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.read.assemble import assemble_body, inline_dateline, standalone_dateline, syndication_note


def test_standalone_dateline_leaves_the_body() -> None:
    body = assemble_body(["القاهرة:", "قال مسؤول مصري يوم الأحد إن المحادثات ستستأنف.", "Related Articles"])
    assert body.dateline is not None
    assert body.dateline.place_name == "القاهرة"
    assert body.dateline.span is None
    assert body.text == "قال مسؤول مصري يوم الأحد إن المحادثات ستستأنف."


def test_inline_english_dateline_stays_with_span() -> None:
    body = assemble_body(["BEIRUT, Nov 30 (Reuters) - Israeli strikes hit southern Lebanon, officials said."])
    assert body.dateline is not None
    assert body.dateline.place_name == "BEIRUT"
    assert body.dateline.agency == "Reuters"
    assert body.dateline.span is not None
    assert body.text[body.dateline.span.start : body.dateline.span.end] == body.dateline.span.text
    assert body.text.startswith("BEIRUT")


def test_inline_arabic_datelines() -> None:
    with_agency = inline_dateline("بيروت (رويترز) - قال الجيش اللبناني إن جنديا أصيب.")
    assert with_agency is not None and with_agency.agency == "Reuters" and with_agency.place_name == "بيروت"
    house = inline_dateline("الخرطوم - قالت لجنة الأطباء إن خمسة متظاهرين قتلوا.")
    assert house is not None and house.place_name == "الخرطوم"


def test_title_case_dateline_needs_an_agency() -> None:
    assert inline_dateline("Gaza City (AP) — Airstrikes killed 12 people overnight.") is not None
    assert inline_dateline("The army said - in a statement - that it withdrew.") is None


def test_sentences_are_not_datelines() -> None:
    assert standalone_dateline("قال الجيش إن الهجوم فشل في السيطرة على المدينة.") is None
    assert standalone_dateline("Talks between the ministers") is None


def test_syndication_english() -> None:
    note = syndication_note(
        "(Except for the headline, this story has not been edited by NDTV staff and is published from a "
        "syndicated feed.)"
    )
    assert note is not None and note.site == "NDTV"


def test_syndication_arabic_leaves_body() -> None:
    note = "(باستثناء العنوان، لم يتم تحرير هذه القصة من قبل فريق عمل ExampleNews وتم نشرها من موجز مشترك.)"
    body = assemble_body(["نص الخبر الأول هنا وهو طويل بما يكفي ليكون فقرة.", note])
    assert body.syndication is not None and body.syndication.site == "ExampleNews"
    assert "موجز" not in body.text


@given(st.lists(st.text(min_size=1), max_size=8))
def test_paragraph_spans_index_the_text(paragraphs: list[str]) -> None:
    body = assemble_body(paragraphs)
    for start, end in body.paragraphs:
        assert 0 <= start <= end <= len(body.text)
    if body.dateline is not None and body.dateline.span is not None:
        span = body.dateline.span
        assert body.text[span.start : span.end] == span.text
