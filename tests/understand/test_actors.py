"""The actor knowledge base: shipped data checks, and mention finding on Arabic and English sentences.

The sentences are made up for these tests (no sample article); they exercise names, acronyms, Arabic clitics,
role nouns with a nationality word or with the country hint, ambiguity, branches, periods and exact offsets.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.understand.entities.actor_data import check_actor_records, load_roles
from marsad.understand.entities.actors import (
    ActorKB,
    ActorMention,
    find_actor_mentions,
    get_actor_kb,
    resolve,
)

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def found(
    text: str, lang: str, hint: str | None = None, on: date | None = None
) -> list[tuple[str, str, bool]]:
    """(mention text, actor id, via_role) for every mention."""
    return [
        (m.text, m.actor.id, m.via_role)
        for m in find_actor_mentions(text, lang=lang, country_hint=hint, on=on)
    ]


def ids(text: str, lang: str, hint: str | None = None) -> list[str]:
    return [actor_id for _, actor_id, _ in found(text, lang, hint)]


# --- the shipped data -----------------------------------------------------------------------------


def test_shipped_actor_data_passes_validation() -> None:
    assert _script("validate_actors").validate() == []


def test_actors_yaml_is_what_the_sources_build() -> None:
    assert _script("build_actors").main(["--check"]) == 0


def test_validation_reports_broken_records() -> None:
    roles = load_roles()
    good: dict[str, Any] = {
        "id": "group_a",
        "name_en": "Group A",
        "name_ar": "جماعة أ",
        "type": "armed_group",
        "inter": 2,
        "country": "SY",
        "aliases_en": ["GA"],
    }
    problems = check_actor_records(
        [
            good,
            {**good, "id": "group_b", "name_en": "Group B", "name_ar": "جماعة ب"},  # shares the alias GA
            {**good, "id": "Bad Id", "inter": 9, "country": "XX", "name_ar": "Group C"},
        ],
        roles,
    )
    text = "\n".join(problems)
    assert "lower-case slug" in text
    assert "inter code 9" in text
    assert "country XX" in text
    assert "not in Arabic script" in text
    problems = check_actor_records([good, {**good, "id": "group_b", "name_en": "B", "name_ar": "ب"}], roles)
    assert any("shared by group_a, group_b" in problem for problem in problems)


# --- names, clitics, boundaries -------------------------------------------------------------------


def test_arabic_names_with_clitics_and_acronyms() -> None:
    text = "وقالت هيئة تحرير الشام إن وحزب الله وبالحشد الشعبي قسد وكذلك لداعش أعلنوا."
    assert found(text, "ar", "SY") == [
        ("هيئة تحرير الشام", "hts", False),
        ("حزب الله", "hezbollah", False),
        ("الحشد الشعبي", "iq_pmf", False),
        ("قسد", "sdf", False),
        ("داعش", "islamic_state_sy", False),
    ]


def test_contracted_article_keeps_its_letters() -> None:
    assert found("وأشار للجيش السوري", "ar", on=date(2024, 11, 30)) == [
        ("للجيش السوري", "sy_military_2000_2024", True)
    ]


def test_diacritics_tatweel_and_hamza_variants_match() -> None:
    assert ids("قَصَفَت حـركـة حَمَاس والجهاد الاسلامي مواقع", "ar") == ["hamas", "pij"]


def test_no_match_inside_words() -> None:
    assert ids("Hamasville and the Hezbollahs of rhetoric", "en") == []
    assert ids("تحدث بحماسة عن القسامية", "ar") == []


def test_short_acronyms_are_case_sensitive() -> None:
    assert ids("IS claimed the attack, and WHO said AP was right.", "en", "SY") == [
        "islamic_state_sy",
        "who",
        "ap",
    ]
    assert ids("This is who we are, and the ap is fine.", "en") == []


def test_english_names_ignore_case_and_hyphens() -> None:
    assert ids("AL-QAEDA and al Qaeda and the hayat tahrir al-sham", "en") == ["al_qaeda", "al_qaeda", "hts"]


def test_initialisms_with_dots() -> None:
    assert ids("The U.S.-led coalition and U.N. envoy for Syria", "en") == [
        "global_coalition",
        "un_envoy_syria",
    ]
    assert ids("وقالت أ.ف.ب إن", "ar") == ["afp"]
    assert ids("Let us go.", "en") == []


def test_latin_acronyms_in_arabic_text() -> None:
    assert ids("قالت منظمة HRW إن قوات SDF اعتقلت", "ar") == ["hrw", "sdf"]


def test_longest_match_and_names_beat_roles() -> None:
    assert ids("قالت القوات اللبنانية إن كتائب حزب الله انسحبت", "ar") == [
        "lebanese_forces_party",
        "kataib_hezbollah",
    ]
    assert ids("The Free Syrian Army and the Syrian National Army fought", "en") == ["fsa", "sna"]


def test_member_nouns_belong_to_the_name() -> None:
    assert found("اعتقل عناصر حزب الله ومسلحي داعش", "ar", "LB")[:2] == [
        ("عناصر حزب الله", "hezbollah", False),
        ("مسلحي داعش", "islamic_state", False),
    ]
    assert found("Hezbollah fighters and HTS militants", "en") == [
        ("Hezbollah fighters", "hezbollah", False),
        ("HTS militants", "hts", False),
    ]


# --- roles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "actor_id"),
    [
        ("قصفت طائرات حربية روسية المدينة", "ar", "ru_military_2000"),
        ("وقال إن القوات الجوية الروسية شنت غارات", "ar", "ru_military_2000"),
        ("شن الطيران الروسي غارات", "ar", "ru_military_2000"),
        ("واستهدفت المدفعية التركية القرى", "ar", "tr_military_2016"),
        ("قالت وزارة الدفاع الروسية", "ar", "ru_defence_ministry"),
        ("قالت الخارجية الأميركية", "ar", "us_foreign_ministry"),
        ("اعتقلت الشرطة العراقية", "ar", "iq_police_2022"),
        ("أصيب مدنيين سوريين", "ar", "sy_civilians"),
        ("Russian warplanes struck", "en", "ru_military_2000"),
        ("Russia's defence ministry said", "en", "ru_defence_ministry"),
        ("U.S. forces withdrew", "en", "us_military_2025"),
        ("Turkish troops entered", "en", "tr_military_2016"),
        ("Egyptian security forces arrested", "en", "eg_police_2014"),
    ],
)
def test_role_nouns_with_a_nationality(text: str, lang: str, actor_id: str) -> None:
    mentions = find_actor_mentions(text, lang=lang, country_hint="SY")
    assert [(m.actor.id, m.via_role) for m in mentions] == [(actor_id, True)]


def test_roles_fall_back_to_the_country_hint() -> None:
    text = "قصف الجيش بلدة واعتقلت قوات الأمن متظاهرين، وقتل مسلحون مجهولون مدنيين"
    assert ids(text, "ar", "IQ") == [
        "iq_military_2022",
        "iq_police_2022",
        "iq_protesters",
        "iq_unidentified_armed_group",
        "iq_civilians",
    ]
    assert ids(text, "ar") == []
    assert ids("The army said police arrested rioters and rebels.", "en", "LY") == [
        "ly_military_2021",
        "ly_police_2021",
        "ly_rioters",
        "ly_rebels",
    ]


def test_vague_role_nouns_need_a_nationality() -> None:
    assert ids("انسحبت القوات من المدينة", "ar", "SY") == []
    assert ids("forces withdrew", "en", "SY") == []
    assert ids("انسحبت القوات الإيرانية", "ar", "SY") == ["ir_military_1989"]


def test_nationality_wins_over_hint_and_default_country() -> None:
    assert ids("قصف الجيش التركي مواقع", "ar", "SY") == ["tr_military_2016"]
    assert ids("اقتحمت قوات الاحتلال المخيم", "ar", "SY") == ["il_military_2022"]
    assert ids("قصفت قوات الاحتلال التركي القرية", "ar", "SY") == ["tr_military_2016"]


def test_interleaved_nationality_slot() -> None:
    assert ids("هاجمت فصائل المعارضة السورية المسلحة", "ar") == ["sy_rebels"]


def test_periods_follow_the_date() -> None:
    before = find_actor_mentions("قال الجيش السوري", lang="ar", on=date(2024, 11, 30))
    after = find_actor_mentions("قال الجيش السوري", lang="ar", on=date(2025, 3, 1))
    undated = find_actor_mentions("قال الجيش السوري", lang="ar")
    assert [m.actor.acled_name for m in before] == ["Military Forces of Syria (2000-2024)"]
    assert [m.actor.acled_name for m in after] == ["Military Forces of Syria (2024-)"]
    assert [m.actor.acled_name for m in undated] == ["Military Forces of Syria (2024-)"]


# --- ambiguity and branches -----------------------------------------------------------------------


@pytest.mark.parametrize(("hint", "actor_id"), [("SY", "sna"), ("LY", "lna"), ("SO", "so_military_2022")])
def test_shared_names_resolve_by_country(hint: str, actor_id: str) -> None:
    assert ids("أعلن الجيش الوطني سيطرته", "ar", hint) == [actor_id]


def test_shared_names_without_a_country_are_left_out() -> None:
    assert ids("أعلن الجيش الوطني سيطرته", "ar") == []


def test_transnational_names_resolve_to_the_local_branch() -> None:
    assert ids("تبنى تنظيم داعش الهجوم", "ar", "IQ") == ["islamic_state_iq"]
    assert ids("تبنى تنظيم داعش الهجوم", "ar", "FR") == ["islamic_state"]
    assert ids("ISIS claimed it", "en", "AF") == ["iskp"]


# --- resolve --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "hint", "actor_id"),
    [
        ("الجيش السوري", "ar", None, "sy_military_2024"),
        ("the Syrian army", "en", None, "sy_military_2024"),
        ("HTS", "en", None, "hts"),
        ("وحزب الله", "ar", None, "hezbollah"),
        ("الشرطة", "ar", "EG", "eg_police_2014"),
        ("State Department", "en", None, "us_foreign_ministry"),
    ],
)
def test_resolve_a_phrase(name: str, lang: str, hint: str | None, actor_id: str) -> None:
    actor = resolve(name, lang=lang, country_hint=hint)
    assert actor is not None and actor.id == actor_id


@pytest.mark.parametrize(
    "name", ["the weather today", "حزب الله والجيش السوري", "الشرطة", "Syrian army chief"]
)
def test_resolve_refuses_what_is_not_one_actor(name: str) -> None:
    lang = "ar" if re.search("[\u0600-\u06ff]", name) else "en"
    assert resolve(name, lang=lang) is None


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        find_actor_mentions("text", lang="fr")


def test_the_knowledge_base_is_loaded_once() -> None:
    kb = get_actor_kb()
    assert isinstance(kb, ActorKB) and get_actor_kb() is kb
    actor = kb.get("hts")
    assert (
        actor is not None and actor.name_ar == "هيئة تحرير الشام" and "jabhat_fateh_al_sham" in actor.same_as
    )


# --- offsets (property) ---------------------------------------------------------------------------

_PIECES = [
    "هيئة تحرير الشام",
    "وحزب الله",
    "للجيش السوري",
    "طائرات حربية روسية",
    "مسلحون مجهولون",
    "الشرطة",
    "داعش",
    "قسد",
    "قوات الاحتلال",
    "عناصر حزب الله",
    "HTS",
    "IS",
    "is",
    "Russian warplanes",
    "the army",
    "Hezbollah fighters",
    "U.S. forces",
    "Syria's army",
    "مدنيين",
    "protesters",
    "قال",
    "في",
    "ريف حلب",
    "said",
    "on",
    "near",
]
_NOISE = [
    "",
    " ",
    "  ",
    "، ",
    ". ",
    "\u064e",
    "\u0640",
    "\u200f",
    "-",
    "'",
    "(",
    ")",
    "«",
    "»",
    "\n",
    "\u0651 ",
]
_WORD_CHAR = re.compile(r"[^\W_]")
_PROCLITIC = set("وفبكلا")


@st.composite
def news_like(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_NOISE)), max_size=12))
    tail = draw(st.text(max_size=20))
    return "".join(piece + noise for piece, noise in parts) + tail


def _starts_at_word_or_after_clitics(text: str, mention: ActorMention) -> bool:
    before = mention.start
    while before > 0 and _WORD_CHAR.match(text[before - 1]):
        before -= 1
    return set(text[before : mention.start]) <= _PROCLITIC


@settings(max_examples=300, deadline=None)
@given(text=news_like(), lang=st.sampled_from(["ar", "en"]), hint=st.sampled_from([None, "SY", "IQ", "PS"]))
def test_mentions_slice_the_original_text(text: str, lang: str, hint: str | None) -> None:
    mentions = find_actor_mentions(text, lang=lang, country_hint=hint)
    previous_end = 0
    for mention in mentions:
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.end == len(text) or not _WORD_CHAR.match(text[mention.end])
        assert _starts_at_word_or_after_clitics(text, mention)
        previous_end = mention.end


@settings(max_examples=200, deadline=None)
@given(text=st.text(), lang=st.sampled_from(["ar", "en"]))
def test_any_text_is_safe(text: str, lang: str) -> None:
    for mention in find_actor_mentions(text, lang=lang, country_hint="SY"):
        assert text[mention.start : mention.end] == mention.text
