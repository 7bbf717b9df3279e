"""The shipped Arabic NER tagger loads and finds plausible entities in news-like sentences written here.

Accuracy figures belong to ``benchmarks/ner.py``; these tests only check that the model, its features and the
tokenizer work together and that clear cases come out right.
"""

from __future__ import annotations

import pytest

from marsad.language.tokenize import tokenize
from marsad.understand.entities.conll import bio_spans, score
from marsad.understand.entities.features import Gazetteer, entity_memory, split_proclitics
from marsad.understand.entities.ner import NerTagger, get_tagger


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    loaded = get_tagger("ar")
    assert loaded is not None
    return loaded


def entities(tagger: NerTagger, text: str) -> set[tuple[str, str]]:
    """(type, surface text) of every entity the tagger finds in ``text``."""
    tokens = [t.text for t in tokenize(text)]
    return {(kind, " ".join(tokens[s:e])) for kind, s, e in bio_spans(tagger.tag(tokens))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن بلاده ستدعم الاتحاد الأوروبي .",
            {("PERS", "إيمانويل ماكرون"), ("LOC", "باريس")},
        ),
        ("وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد أمس في زيارة رسمية .", {("LOC", "بغداد")}),
        (
            "أعلنت منظمة الصحة العالمية أن الوباء انتشر في مصر والسودان .",
            {("ORG", "منظمة الصحة العالمية"), ("LOC", "مصر")},
        ),
    ],
)
def test_tags_clear_entities(tagger: NerTagger, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= entities(tagger, text)


def test_labels_are_iob2_and_aligned(tagger: NerTagger) -> None:
    tokens = [t.text for t in tokenize("التقى الوزير نظيره في عمّان ، ثم غادر .")]
    labels = tagger.tag(tokens)
    assert len(labels) == len(tokens)
    assert all(label == "O" or label[:2] in ("B-", "I-") for label in labels)
    assert tagger.tag([]) == []


def test_document_context_keeps_sentences_apart(tagger: NerTagger) -> None:
    sentences = [["زار", "الرئيس", "القاهرة", "."], [], ["وعاد", "إلى", "بلاده", "."]]
    assert [len(labels) for labels in tagger.tag_document(sentences)] == [4, 0, 4]


def test_loads_once_and_has_no_english_model() -> None:
    assert get_tagger("ar") is get_tagger("ar")
    assert get_tagger("en") is None


def test_clitics_are_split_conservatively() -> None:
    assert split_proclitics("والقاهره") == ("وال", "قاهره")
    assert split_proclitics("للقاهره") == ("لل", "قاهره")
    assert split_proclitics("وطن") == ("", "وطن")  # the stem would be too short
    # Ambiguous words are split anyway (وزير "minister" → و + زير); the surface-form features disambiguate.
    assert split_proclitics("وزير") == ("و", "زير")


def test_gazetteer_matches_names_behind_clitics() -> None:
    gazetteer = Gazetteer()
    gazetteer.add("دير الزور", "LOC")
    assert gazetteer.match(["في", "ودير", "الزور", "امس"]) == [[], ["B-LOC"], ["I-LOC"], []]


def test_entity_memory_votes_per_stem() -> None:
    memory = entity_memory([["زار", "كيري", "وكيري"], ["كيري"]], [["O", "B-PERS", "B-PERS"], ["B-LOC"]])
    assert memory == {"كيري": "PERS"}


def test_scoring_counts_exact_spans_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    predicted = [["B-PERS", "O", "O", "B-LOC"]]
    scores = score(gold, predicted)
    assert (scores["micro"].correct, scores["micro"].predicted, scores["micro"].gold) == (1, 2, 2)
    assert scores["PERS"].f1 == 0.0
    assert bio_spans(["I-ORG", "I-ORG", "B-ORG", "I-LOC"]) == [("ORG", 0, 2), ("ORG", 2, 3), ("LOC", 3, 4)]
