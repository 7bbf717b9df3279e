"""Attributed claims: cues, speakers, vias and contents in Arabic and English news (sentences written for
these tests, from the wars in Yemen, Sudan, Gaza, Iraq, Libya and Lebanon)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from marsad.api import default_pipeline
from marsad.document import Document, Source
from marsad.understand.claims.claims import Claim, ClaimsStage, find_claims
from marsad.understand.claims.lexicon import orthography, rules
from marsad.understand.claims.text import paragraphs, quotations, sentences


@dataclass(frozen=True)
class Expected:
    """One claim a sentence must yield: the speaker (as written or resolved) and a piece of its content."""

    speaker: str
    content: str
    via: str | None = None
    direct: bool | str = False
    kind: str | None = None
    negated: bool = False


ARABIC: list[tuple[str, list[Expected]]] = [
    (
        "وقال المتحدث باسم قوات الدعم السريع، الفاتح قرشي، في بيان يوم الأحد "
        "إن قواته سيطرت على مدينة ود مدني.",
        [
            Expected(
                "المتحدث باسم قوات الدعم السريع، الفاتح قرشي",
                "قواته سيطرت على مدينة ود مدني",
                kind="official",
            )
        ],
    ),
    (
        "أكدت وزارة الصحة في غزة أن 35 شخصا قتلوا في الغارة الإسرائيلية على مخيم النصيرات.",
        [Expected("وزارة الصحة في غزة", "35 شخصا قتلوا", kind="government")],
    ),
    (
        "نفى الجيش الإسرائيلي أن تكون قواته قد استهدفت المستشفى.",
        [Expected("الجيش الإسرائيلي", "قواته قد استهدفت المستشفى", kind="military", negated=True)],
    ),
    (
        "قتل ثلاثة مدنيين في قصف على سوق شعبي بمدينة تعز، بحسب مصادر محلية.",
        [Expected("مصادر محلية", "قتل ثلاثة مدنيين في قصف", kind="anonymous_source")],
    ),
    (
        "وذكرت وكالة الأنباء العراقية أن خلية الإعلام الأمني قالت إن طائرة مسيرة استهدفت مطار أربيل.",
        [Expected("خلية الإعلام الأمني", "طائرة مسيرة استهدفت مطار أربيل", via="وكالة الأنباء العراقية")],
    ),
    (
        "وقال أحد الشهود لوكالة فرانس برس إن المسلحين أطلقوا النار على المتظاهرين.",
        [Expected("أحد الشهود", "أطلقوا النار على المتظاهرين", via="AFP", kind="witness")],
    ),
    (
        "وكان الجيش الليبي قد قال في وقت سابق إن قواته صدت هجوما جنوب طرابلس.",
        [Expected("الجيش الليبي", "قواته صدت هجوما جنوب طرابلس")],
    ),
    (
        "وفقا لمنظمة الصحة العالمية، فإن أكثر من نصف المستشفيات في السودان خارج الخدمة.",
        [Expected("منظمة الصحة العالمية", "أكثر من نصف المستشفيات", kind="ngo")],
    ),
    (
        "ونقلت وكالة سبأ عن مصدر عسكري قوله إن الحوثيين أطلقوا صاروخا باتجاه البحر الأحمر.",
        [Expected("مصدر عسكري", "الحوثيين أطلقوا صاروخا", via="Saba", kind="anonymous_source")],
    ),
    (
        "وقالت الأمم المتحدة: «الوضع الإنساني في الفاشر كارثي».",
        [Expected("الأمم المتحدة", "الوضع الإنساني في الفاشر كارثي", direct=True)],
    ),
    (
        "سيطرت القوات الحكومية على جسر استراتيجي، حسبما أفاد مراسل قناة الجزيرة.",
        [Expected("مراسل قناة الجزيرة", "سيطرت القوات الحكومية على جسر", kind="media")],
    ),
    (
        "وقالت مصادر أمنية عراقية لرويترز إن انفجارا وقع قرب قاعدة عين الأسد، مضيفة أن لا إصابات.",
        [
            Expected("مصادر أمنية عراقية", "انفجارا وقع قرب قاعدة عين الأسد", via="Reuters"),
            Expected("مصادر أمنية عراقية", "لا إصابات"),
        ],
    ),
    (
        "وحذرت منظمة أطباء بلا حدود من أن النظام الصحي في غزة على وشك الانهيار.",
        [Expected("منظمة أطباء بلا حدود", "النظام الصحي في غزة على وشك الانهيار", kind="ngo")],
    ),
    (
        "وأشار المرصد السوري لحقوق الإنسان إلى أن 20 عنصرا من قوات النظام قتلوا.",
        [Expected("المرصد السوري لحقوق الإنسان", "20 عنصرا من قوات النظام قتلوا", kind="ngo")],
    ),
    (
        '"لن نسمح بتقسيم ليبيا"، قال رئيس المجلس الرئاسي.',
        [Expected("رئيس المجلس الرئاسي", "لن نسمح بتقسيم ليبيا", direct=True, kind="official")],
    ),
    (
        "أعلنت وزارة الداخلية اليمنية أن قوات الأمن أحبطت هجوما في عدن. "
        "وأضافت الوزارة أن ثلاثة مهاجمين قتلوا.",
        [
            Expected("وزارة الداخلية اليمنية", "قوات الأمن أحبطت هجوما في عدن"),
            Expected("وزارة الداخلية اليمنية", "ثلاثة مهاجمين قتلوا"),
        ],
    ),
    (
        "واعترفت قوات الدعم السريع بانسحابها من الجسر وقالت إن مقاتليها أعادوا تمركزهم شرق النيل.",
        [Expected("قوات الدعم السريع", "مقاتليها أعادوا تمركزهم شرق النيل")],
    ),
    (
        "وبعد أن قال الجيش إنه استعاد السيطرة على المصفاة، اندلعت اشتباكات جديدة في الخرطوم بحري، "
        "حسبما ذكرت صحيفة السوداني.",
        [
            Expected("الجيش", "استعاد السيطرة على المصفاة"),
            Expected("صحيفة السوداني", "اندلعت اشتباكات جديدة في الخرطوم بحري"),
        ],
    ),
    (
        "وقال الناطق باسم وزارة الصحة في غزة يوم الثلاثاء: “المستشفيات لم تعد قادرة على استقبال الجرحى”.",
        [Expected("الناطق باسم وزارة الصحة في غزة", "المستشفيات لم تعد قادرة", direct=True)],
    ),
    (
        "وقال مسؤول في الهلال الأحمر الليبي إن فرق الإنقاذ انتشلت 40 جثة من تحت الأنقاض في درنة "
        "“وما زال المئات في عداد المفقودين”.",
        [Expected("مسؤول في الهلال الأحمر الليبي", "فرق الإنقاذ انتشلت 40 جثة", direct="partial")],
    ),
]

ARABIC += [
    (
        "وجاء على لسان المتحدث العسكري أن العملية انتهت بنجاح.",
        [Expected("المتحدث العسكري", "العملية انتهت بنجاح")],
    ),
    (
        "وارتفعت الحصيلة، بحسب وزارة الصحة، إلى 40 قتيلا.",
        [Expected("وزارة الصحة", "إلى 40 قتيلا")],
    ),
    (
        "قالت مصادر محلية، نقلا عن شهود عيان، إن مسلحين مجهولين اغتالوا قياديا في الحشد الشعبي.",
        [Expected("شهود عيان", "مسلحين مجهولين اغتالوا", via="مصادر محلية", kind="witness")],
    ),
    (
        "وردا على سؤال قال الوزير إن المفاوضات متوقفة.",
        [Expected("الوزير", "المفاوضات متوقفة", kind="official")],
    ),
]

ENGLISH: list[tuple[str, list[Expected]]] = [
    (
        "The Houthi-run health ministry said on Sunday that 12 people were killed in the strike "
        "on Hodeidah port.",
        [Expected("The Houthi-run health ministry", "12 people were killed", kind="government")],
    ),
    (
        "At least 40 people were killed in the shelling of a market in Omdurman, according to a statement "
        "from the Sudan Doctors Network.",
        [Expected("the Sudan Doctors Network", "At least 40 people were killed")],
    ),
    (
        '"We will not leave our homes," said Ahmed Ali, a resident of El Fasher.',
        [
            Expected(
                "Ahmed Ali, a resident of El Fasher",
                "We will not leave our homes",
                direct=True,
                kind="witness",
            )
        ],
    ),
    (
        "The Rapid Support Forces denied that its fighters had attacked the camp.",
        [Expected("The Rapid Support Forces", "its fighters had attacked the camp", negated=True)],
    ),
    (
        "Reuters reported, citing a security source, that the militia had seized the airport.",
        [
            Expected(
                "a security source",
                "the militia had seized the airport",
                via="Reuters",
                kind="anonymous_source",
            )
        ],
    ),
    (
        "Five soldiers were wounded in the attack, the Iraqi military said in a statement.",
        [Expected("the Iraqi military", "Five soldiers were wounded", kind="military")],
    ),
    (
        "The Israeli military said it struck Hamas targets in Rafah. It added that two soldiers were killed.",
        [
            Expected("The Israeli military", "it struck Hamas targets in Rafah"),
            Expected("The Israeli military", "two soldiers were killed"),
        ],
    ),
    (
        "A resident told Reuters that the fighting had stopped by midnight.",
        [Expected("A resident", "the fighting had stopped by midnight", via="Reuters", kind="witness")],
    ),
    (
        "According to the United Nations, more than 10 million people have been displaced in Sudan.",
        [Expected("the United Nations", "more than 10 million people have been displaced")],
    ),
    (
        'Sean Smith, a spokesman for the State Department, said the United States was "deeply concerned" '
        "about the fighting.",
        [
            Expected(
                "Sean Smith, a spokesman for the State Department",
                "the United States was",
                direct="partial",
                kind="official",
            )
        ],
    ),
    (
        "The Libyan National Army said that its forces had repelled an attack near Tripoli, "
        "and the Government of National Unity said its troops had advanced.",
        [
            Expected("The Libyan National Army", "its forces had repelled an attack near Tripoli"),
            Expected("the Government of National Unity", "its troops had advanced"),
        ],
    ),
    (
        "The militants fled, Reuters reported, citing two witnesses.",
        [Expected("two witnesses", "The militants fled", via="Reuters")],
    ),
    (
        "The agency quoted a military source as saying that the bridge had been destroyed.",
        [Expected("a military source", "the bridge had been destroyed", via="The agency")],
    ),
    (
        '"We are ready," the commander said, "and we will not retreat." "We have no choice."',
        [
            Expected("the commander", "We are ready", direct=True),
            Expected("the commander", "and we will not retreat", direct=True),
            Expected("the commander", "We have no choice", direct=True),
        ],
    ),
    (
        "Two people were killed, a medic told the AFP news agency.",
        [Expected("a medic", "Two people were killed", via="AFP")],
    ),
    (
        "Israel's military said it had killed a senior Hezbollah commander in a strike on Beirut, according "
        "to Lebanese state media.",
        [Expected("Israel's military", "killed a senior Hezbollah commander", via="Lebanese state media")],
    ),
    (
        "Hospital director Marwan Sultan said the building was hit twice. Sultan said no patients were hurt.",
        [
            Expected("Hospital director Marwan Sultan", "the building was hit twice"),
            Expected("Hospital director Marwan Sultan", "no patients were hurt"),
        ],
    ),
]

ENGLISH += [
    (
        "Libya's eastern-based parliament, which backs Khalifa Haftar, said it had rejected the new budget.",
        [Expected("Libya's eastern-based parliament", "it had rejected the new budget")],
    ),
    (
        "Officials, speaking on condition of anonymity, said the talks had collapsed.",
        [Expected("Officials", "the talks had collapsed", kind="anonymous_source")],
    ),
    (
        "The death toll, according to the ministry, has risen to 40.",
        [Expected("the ministry", "has risen to 40")],
    ),
    (
        "U.S. Central Command said its forces destroyed four Houthi drones, while the Houthis said they had "
        "downed an MQ-9.",
        [
            Expected("U.S. Central Command", "its forces destroyed four Houthi drones"),
            Expected("the Houthis", "they had downed an MQ-9"),
        ],
    ),
]

ENGLISH += [
    (
        "A senior army officer, who asked not to be named because he was not authorised to speak "
        "to the media, told Reuters the army planned to push south towards Jebel Awliya.",
        [Expected("A senior army officer", "the army planned to push south", via="Reuters")],
    ),
    (
        "An Iraqi security official said the drone was launched from inside Iraq, adding that an "
        "investigation had been opened.",
        [
            Expected("An Iraqi security official", "the drone was launched from inside Iraq"),
            Expected("An Iraqi security official", "an investigation had been opened"),
        ],
    ),
    (
        "GAZA (Reuters) - The Houthi-run health ministry said five people died.",
        [Expected("The Houthi-run health ministry", "five people died")],
    ),
]
ARABIC.append(
    (
        "صنعاء - قالت جماعة الحوثي اليمنية يوم الأحد إنها استهدفت سفينة تجارية في البحر الأحمر.",
        [Expected("جماعة الحوثي اليمنية", "استهدفت سفينة تجارية", kind="armed_group")],
    )
)

# Sentences with no claim: speech verbs with a noun object, negated or passive cues, no cue at all.
NO_CLAIMS = [
    ("ar", "واعترفت الحكومة بصعوبة الوضع الإنساني في المدينة."),
    ("ar", "وأعلن الجيش السيطرة على المطار بعد أن انسحب المتمردون منه."),
    ("ar", "لم يقل المتحدث متى ستبدأ المفاوضات."),
    ("en", "The group claimed responsibility for the attack."),
    ("en", "The army declined to say how many troops were involved."),
    ("en", "Twelve people were reported killed in the clashes."),
    ("en", "Fighting continued in the city for a third day."),
]


def _names(claim: Claim) -> list[str]:
    return [n for n in (claim.speaker.text, claim.speaker.name) if n]


def _find(claims: list[Claim], expected: Expected) -> Claim:
    for claim in claims:
        if expected.content in claim.content.text and expected.speaker in _names(claim):
            return claim
    raise AssertionError(f"no claim {expected} in {[c.to_json() for c in claims]}")


@pytest.mark.parametrize(
    ("lang", "text", "expected"), [("ar", t, e) for t, e in ARABIC] + [("en", t, e) for t, e in ENGLISH]
)
def test_claims(lang: str, text: str, expected: list[Expected]) -> None:
    claims = find_claims(text, lang)
    assert len(claims) == len(expected)
    for item in expected:
        claim = _find(claims, item)
        assert claim.direct == item.direct
        assert claim.negated == item.negated
        if item.kind:
            assert claim.speaker.kind == item.kind
        if item.via:
            assert any(item.via in (v.text, v.name) for v in claim.via), claim.to_json()


@pytest.mark.parametrize(("lang", "text"), NO_CLAIMS)
def test_no_claims(lang: str, text: str) -> None:
    assert find_claims(text, lang) == []


def test_dropped_pronoun_takes_the_last_speakers_name() -> None:
    text = (
        "وقال المتحدث باسم الجيش السوداني نبيل عبد الله إن القوات تقدمت.\n\nوأضاف أن العدو تكبد خسائر كبيرة."
    )
    first, second = find_claims(text, "ar")
    assert second.speaker.mention is None
    assert second.speaker.name == first.speaker.text
    assert second.speaker.kind == first.speaker.kind == "official"


def test_shortened_mentions_resolve_to_the_full_name() -> None:
    text = (
        "قالت وزارة الخارجية الليبية إن الوفد وصل إلى جنيف. وقالت الوزارة: “المحادثات ستبدأ غدا”.\n\n"
        "وقال وزير الخارجية اليمني شائع الزنداني إن الهدنة صامدة. وقال الزنداني إن الحوثيين خرقوها مرتين."
    )
    claims = find_claims(text, "ar")
    assert [c.speaker.text for c in claims] == [
        "وزارة الخارجية الليبية",
        "الوزارة",
        "وزير الخارجية اليمني شائع الزنداني",
        "الزنداني",
    ]
    assert claims[1].speaker.name == "وزارة الخارجية الليبية"
    assert claims[3].speaker.name == "وزير الخارجية اليمني شائع الزنداني"
    assert claims[1].direct is True


def test_nested_attribution_keeps_the_outer_speaker_as_via() -> None:
    text = "وذكرت وسائل إعلام رسمية سودانية أن مجلس السيادة قال إن الانتخابات ستجري العام المقبل."
    (claim,) = find_claims(text, "ar")
    assert claim.speaker.text == "مجلس السيادة"
    assert [v.text for v in claim.via] == ["وسائل إعلام رسمية سودانية"]
    assert claim.via[0].kind == "media"


def test_offsets_point_into_the_unchanged_text() -> None:
    text = (
        "وقَالَ أحدُ السكانِ لـرويترز يوم الجمعة إنَّ القصفَ استمرَّ طوال الليل.\n\n"
        "The army said, however, that it held the bridge."
    )
    for claim in find_claims(text, "ar"):
        spans = [claim.content, claim.cue, claim.speaker.mention, *(v.mention for v in claim.via)]
        for span in spans:
            assert span is not None
            assert text[span.start : span.end] == span.text
    claim = find_claims(text, "ar")[0]
    assert claim.speaker.text == "أحدُ السكانِ"
    assert claim.via[0].text == "رويترز"
    assert claim.via[0].name == "Reuters"


def test_fused_preposition_names_the_speaker_without_it() -> None:
    (claim,) = find_claims("قتل خمسة أشخاص في القصف، وفقا للجيش العراقي.", "ar")
    assert claim.speaker.text == "للجيش العراقي"
    assert claim.speaker.name == "الجيش العراقي"
    assert claim.speaker.kind == "military"


def test_english_quote_in_an_arabic_article_is_read_as_english() -> None:
    text = "قالت الوزارة إن المعبر مغلق.\n\nThe UN envoy said the crossing must reopen."
    claims = find_claims(text, "ar")
    assert [c.speaker.text for c in claims] == ["الوزارة", "The UN envoy"]


def test_quotations_and_sentences_do_not_split_inside_quotes() -> None:
    text = "قال القائد: “نحن هنا. لن نغادر.” ثم غادر."
    ((start, end),) = paragraphs(text)
    quotes = quotations(text, start, end)
    assert [(q.start, q.closed) for q in quotes] == [(text.index("“"), True)]
    assert [text[s:e].strip() for s, e in sentences(text, start, end, quotes)] == [
        "قال القائد: “نحن هنا. لن نغادر.” ثم غادر."
    ]
    english = "Sudan's army isn't there"
    assert quotations(english, 0, len(english)) == []


def test_lexicons_load_and_fold() -> None:
    ar, en = rules("ar"), rules("en")
    assert "اكد" in ar.verbs and ar.verbs["نفي"].negated
    assert "انه" in ar.complementizers
    assert en.verbs["said"].bare and en.verbs["denied"].negated
    assert "on" in en.time_prefixes
    assert orthography().quotes["«"] == "»"


def test_stage_fills_the_document() -> None:
    doc = Document(text="قال الجيش اليمني إن قواته تقدمت في مأرب.", source=Source(origin="test"))
    doc = default_pipeline()(doc)
    assert doc.language == "ar"
    assert doc.provenance["claims"] == ClaimsStage.version
    (claim,) = doc.claims
    assert claim["speaker"]["text"] == "الجيش اليمني"
    assert claim["content"]["text"] == "قواته تقدمت في مأرب"
    army = next(e for e in doc.entities if e["id"] == claim["speaker"]["entity"])
    assert army["type"] == "STATE_FORCE"


def _claims_schema() -> dict[str, Any]:
    schema = json.loads(resources.files("marsad.schema").joinpath("output.schema.json").read_text("utf-8"))
    return {"$schema": schema.get("$schema"), "$defs": schema["$defs"], **schema["properties"]["claims"]}


def test_output_matches_the_contract() -> None:
    text = "\n\n".join(t for t, _ in ARABIC + ENGLISH)
    Draft202012Validator(_claims_schema()).validate([c.to_json() for c in find_claims(text, "ar")])


# Cue words, speakers, quote marks and punctuation, glued at random into hostile "sentences".
_PIECES = st.sampled_from(
    [
        *("قال", "قالت", "وقال", "إن", "أن", "بأن", "الجيش", "الوزارة", "مصدر", "لرويترز", "بحسب", "حسبما"),
        *(
            "ذكرت",
            "وفقا",
            "لـ",
            "للجيش",
            "في",
            "بيان",
            "يوم",
            "السبت",
            "وأضاف",
            "نقلا",
            "عن",
            "ونقلت",
            "قوله",
        ),
        *("said", "told", "the", "army", "according", "to", "that", "he", "it", "citing", "Reuters", "as"),
        *("saying", "،", ".", ":", "“", "”", "«", "»", '"', "'", "‘", "’", "؟", "!", "ـ", ",", "\n"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from([" ", ""]), st.sampled_from(["ar", "en", "und"]))
def test_any_text_gives_consistent_spans(pieces: list[str], glue: str, lang: str) -> None:
    text = glue.join(pieces)
    for claim in find_claims(text, lang):
        payload = claim.to_json()
        spans = [payload["content"], payload["cue"], payload["speaker"]["mention"]]
        for span in [*spans, *(v["mention"] for v in payload["via"])]:
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        assert any(ch.isalnum() for ch in claim.content.text)
