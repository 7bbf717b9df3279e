"""The NER, places and entities stages on articles written for these tests (not the shared sample)."""

from __future__ import annotations

import datetime as dt

from marsad.api import default_pipeline
from marsad.document import Dateline, Document, Paragraph, Source
from marsad.language.tokenize import tokenize
from marsad.read.assemble import assemble_body
from marsad.understand.entities.tagging import bio_mentions

ARABIC = (
    "قالت مصادر طبية في مدينة تعز إن خمسة مدنيين قتلوا في قصف استهدف حي الجحملية، فيما اتهمت الحكومة اليمنية "
    "جماعة الحوثي بتنفيذ الهجوم. وأضاف المتحدث باسم الحكومة معمر الإرياني أن القصف طال أيضا أطراف مدينة عدن."
)
ENGLISH = (
    "Sudan's army said on Tuesday it had repelled an attack by the Rapid Support Forces on El Fasher, "
    "the capital of North Darfur. The United Nations said thousands had fled to Tawila."
)


def _doc(text: str, dateline: Dateline | None = None) -> Document:
    body = assemble_body(text.split("\n\n"))
    return Document(
        text=body.text,
        source=Source(origin="test"),
        paragraphs=[Paragraph(s, e) for s, e in body.paragraphs],
        reference_date=dt.date(2025, 3, 1),
        dateline=dateline or body.dateline,
    )


def _place_names(doc: Document) -> set[str]:
    return {p["name"] for p in doc.places}


def test_arabic_places_and_actors() -> None:
    doc = default_pipeline()(_doc(ARABIC))
    assert doc.language == "ar"
    assert {"Taiz", "Aden"} <= _place_names(doc)
    assert doc.country == "YE"
    actors = {e["actor"]["id"] for e in doc.entities if e["actor"]}
    assert any("houthi" in a or "ansar" in a for a in actors)
    for item in doc.places + doc.entities:
        for span in item["mentions"]:
            assert doc.text[span["start"] : span["end"]] == span["text"]


def test_english_places_and_actors() -> None:
    doc = default_pipeline()(_doc(ENGLISH))
    assert doc.language == "en"
    assert "Sudan" in _place_names(doc)
    assert any("Fasher" in name for name in _place_names(doc))
    types = {e["type"] for e in doc.entities}
    assert "ARMED_GROUP" in types or "STATE_FORCE" in types


def test_dateline_is_geocoded_as_a_city_and_not_an_event_place() -> None:
    doc = default_pipeline()(
        _doc("BEIRUT (Reuters) - Israeli strikes hit the town of Nabatieh, officials said.")
    )
    assert doc.dateline is not None and doc.dateline.place is not None
    assert doc.dateline.place.country == "LB"
    span = doc.dateline.span
    assert span is not None
    for place in doc.places:
        assert all(m["start"] >= span.end for m in place["mentions"])


def test_common_words_are_not_villages() -> None:
    doc = default_pipeline()(_doc("قال البيان إن الدولة ستواصل دعم المدينة الشرقية وأن السوري عاد إلى بيته."))
    assert _place_names(doc) <= {"Syria"}


def test_bio_mentions_start_on_stray_inside_tags() -> None:
    text = "زار محمد علي القاهرة"
    tokens = tokenize(text)
    mentions = bio_mentions(text, tokens, ["O", "B-PERS", "I-PERS", "I-LOC"])
    assert [(m.text, m.label) for m in mentions] == [("محمد علي", "PERS"), ("القاهرة", "LOC")]


def test_english_names_by_capitalisation() -> None:
    from marsad.understand.entities.english_names import find_english_names

    text = (
        "Prime Minister Benjamin Netanyahu said the army would press on. The Rapid Support Forces denied it, "
        "said RSF adviser Mohamed al-Mukhtar. Ali Hassan told Reuters the Ministry of Health counted 12 dead."
    )
    found = {(m.text, m.label) for m in find_english_names(text)}
    assert {
        ("Benjamin Netanyahu", "PERS"),
        ("Rapid Support Forces", "ORG"),
        ("Mohamed al-Mukhtar", "PERS"),
        ("Ali Hassan", "PERS"),
        ("Ministry of Health", "ORG"),
    } <= found
    for mention in find_english_names(text):
        assert text[mention.start : mention.end] == mention.text


def test_claim_content_starts_after_an_inline_dateline() -> None:
    doc = default_pipeline()(
        _doc("GAZA CITY (AP) — An airstrike hit a school sheltering families, medics said.")
    )
    (claim,) = doc.claims
    assert claim["content"]["text"].startswith("An airstrike")
    assert doc.text[claim["content"]["start"] : claim["content"]["end"]] == claim["content"]["text"]


def test_article_country_follows_its_places_not_a_word_in_a_name() -> None:
    text = (
        "TRIPOLI (Reuters) - Fighting between forces of the Government of National Unity and a rival brigade "
        "killed three people in Tripoli's Ain Zara district, Libya's health ministry said."
    )
    doc = default_pipeline()(_doc(text))
    assert doc.country == "LY"
    assert {p["country"] for p in doc.places} <= {"LY"}
