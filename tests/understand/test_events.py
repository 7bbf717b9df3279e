"""The events stage: from an article to the events an analyst would code.

Articles are the ones written for Marsad's event benchmark (``benchmarks/gold/*.txt``, other wars and event
kinds than the shared sample: Yemen, Iraq, Libya, Gaza, Sudan, Lebanon, Somalia, the West Bank; IEDs,
protests, arrests, agreements) plus short sentences for single behaviours. They run through the real
pipeline; accuracy figures live in the benchmark, these tests pin behaviour.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.api import default_pipeline
from marsad.document import Document, Paragraph, Source
from marsad.language.dates import DateMention
from marsad.read.assemble import assemble_body
from marsad.understand.claims.text import words
from marsad.understand.events.article import is_demonym
from marsad.understand.events.history import is_old
from marsad.understand.events.lexicon import EVENT_TYPES, get_lexicon

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "gold"
Event = dict[str, Any]


def _document(text: str, reference: str) -> Document:
    body = assemble_body(text.split("\n\n"))
    return Document(
        text=body.text,
        source=Source(origin="test"),
        paragraphs=[Paragraph(s, e) for s, e in body.paragraphs],
        reference_date=dt.date.fromisoformat(reference),
        dateline=body.dateline,
    )


def events_of(text: str, reference: str) -> list[Event]:
    return default_pipeline()(_document(text, reference)).events


@cache
def article_events(name: str) -> tuple[Event, ...]:
    """The events of a benchmark article, whose file name ends with its reference date."""
    path = BENCHMARK / f"{name}.txt"
    reference = name.split(".")[0][-10:]
    return tuple(events_of(path.read_text(encoding="utf-8"), reference))


def current(events: tuple[Event, ...] | list[Event]) -> list[Event]:
    return [e for e in events if not e["historical"]]


def one(events: list[Event], subtype: str) -> Event:
    found = [e for e in events if e["subtype"] == subtype]
    assert len(found) == 1, [(e["type"], e["subtype"]) for e in events]
    return found[0]


def place(event: Event) -> str:
    return str(event["location"]["place"]["name"])


def counts(event: Event, key: str) -> list[int | None]:
    return [q["count"] for q in event[key]]


def evidence(event: Event) -> str:
    return " ".join(span["text"] for span in event["evidence"])


# --- the lexicon --------------------------------------------------------------------------------------------


def test_every_trigger_has_a_contract_type_and_subtype() -> None:
    lex = get_lexicon()
    for trigger in lex.triggers.values():
        assert trigger.subtype in EVENT_TYPES[trigger.type], trigger.id


ARABIC_TRIGGER_WORDS = ["غارة", "قصف", "عبوة", "اعتقال", "مظاهرة"]


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(ARABIC_TRIGGER_WORDS),
    proclitic=st.sampled_from(["", "و", "ف", "ب", "وب", "ال", "وال", "بال"]),
)
def test_arabic_triggers_match_through_proclitics_and_the_article(word: str, proclitic: str) -> None:
    ws = words(f"وقالت المصادر إن {proclitic}{word} وقعت أمس")
    hits = get_lexicon().trigger_phrases.find(ws, 0, len(ws))
    assert [ws[h.first].text for h in hits] == [f"{proclitic}{word}"]


def test_longest_phrase_wins() -> None:
    lex = get_lexicon()
    ws = words("وشنت طائرات حربية غارات جوية على المدينة")
    hits = lex.trigger_phrases.find(ws, 0, len(ws))
    assert [(lex.triggers[h.value].subtype, h.end - h.first) for h in hits] == [("air_drone_strike", 2)]


@pytest.mark.parametrize(
    ("text", "name", "name_ar", "adjective"),
    [
        ("السورية", "Syria", "سوريا", True),
        ("والسورية", "Syria", "سوريا", True),
        ("سوريا", "Syria", "سوريا", False),
        ("والعراق", "Iraq", "العراق", False),
        ("Somali", "Somalia", "الصومال", True),
        ("Lebanese", "Lebanon", "لبنان", True),
        ("Iran", "Iran", "إيران", False),
        ("السعودية", "Saudi Arabia", "السعودية", False),
        ("Britain", "United Kingdom", "المملكة المتحدة", False),
    ],
)
def test_nationality_adjectives_are_not_country_mentions(
    text: str, name: str, name_ar: str, adjective: bool
) -> None:
    assert is_demonym(text, {"name": name, "name_ar": name_ar}) is adjective


def test_a_year_is_history_only_once_it_is_over() -> None:
    lex = get_lexicon()
    reference = dt.date(2024, 11, 30)
    last_year = DateMention(0, 8, "عام 2023", dt.date(2023, 1, 1), "year", False)
    this_year = DateMention(0, 8, "عام 2024", dt.date(2024, 1, 1), "year", False)
    saturday = DateMention(0, 9, "يوم السبت", dt.date(2024, 11, 30), "day", True)
    assert is_old(last_year, reference, lex)
    assert not is_old(this_year, reference, lex)
    assert not is_old(saturday, reference, lex)


# --- benchmark articles -------------------------------------------------------------------------------------


def test_yemen_air_strike_reports_merge_and_the_dateline_is_no_place() -> None:
    events = current(article_events("yemen-strikes-2024-03-12.en"))
    strike = one(events, "air_drone_strike")
    assert place(strike) != "Aden"
    assert strike["location"]["place"]["admin1"] == "Şa‘dah"
    assert counts(strike, "fatalities") == [8] and counts(strike, "injuries") == [14]
    assert strike["date"]["value"] == "2024-03-11"
    assert "Saudi-led coalition" in strike["actor1"]["name"]
    assert strike["actor2"]["type"] == "civilians"
    assert all("150,000" not in q["evidence"]["text"] for e in events for q in e["fatalities"])
    assert one(events, "disrupted_weapons_use")["location"]["place"]["name"] == "Ma'rib"


def test_yemen_threat_and_denial_are_no_events() -> None:
    events = current(article_events("yemen-strikes-2024-03-12.en"))
    assert all("threatened" not in evidence(e) and "denied" not in evidence(e) for e in events)


def test_iraq_ied_kills_soldiers_and_diyala_arrests_are_a_second_event() -> None:
    events = article_events("iraq-ied-2024-05-20.ar")
    ied = one(current(events), "remote_explosive_landmine_ied")
    assert counts(ied, "fatalities") == [3] and counts(ied, "injuries") == [2]
    assert ied["fatalities"][0]["victims"] == "soldiers"
    assert ied["location"]["place"]["lat"] == pytest.approx(33.67, abs=0.1)
    assert ied["actor1"]["name"] == "unknown"
    assert "Military Forces of Iraq" in ied["actor2"]["name"]
    arrests = one(current(events), "arrests")
    assert place(arrests) == "Baqubah" and arrests["location"]["precision"] == 2
    history = [e for e in events if e["historical"]]
    assert history and all(e["date"]["value"] is None or e["date"]["value"] < "2024" for e in history)


def test_libya_clashes_and_a_ceasefire_without_a_place_of_its_own() -> None:
    events = current(article_events("libya-clashes-2023-08-16.en"))
    clash = one(events, "armed_clash")
    assert place(clash) == "Tripoli"
    assert counts(clash, "fatalities") == [55] and counts(clash, "injuries") == [146]
    ceasefire = one(events, "agreement")
    assert ceasefire["date"]["value"] == "2023-08-15"
    assert place(ceasefire) == "Tripoli"


def test_gaza_subset_figure_cumulative_toll_and_a_shelling_without_casualties() -> None:
    events = current(article_events("gaza-strike-2024-07-14.ar"))
    strike = one(events, "air_drone_strike")
    assert counts(strike, "fatalities") == [7]
    assert counts(strike, "injuries") == [12]
    assert place(strike) == "Khān Yūnis"
    assert "Israel" in strike["actor1"]["name"]
    assert all(q["count"] != 38000 for e in events for q in e["fatalities"])
    shelling = [e for e in events if place(e) == "An Nuşayrāt"]
    assert len(shelling) == 1 and shelling[0]["injuries"] == [] and shelling[0]["fatalities"] == []


def test_sudan_attack_on_a_town_is_violence_against_civilians() -> None:
    events = current(article_events("sudan-rsf-2024-06-06.en"))
    attack = one(events, "attack")
    assert attack["type"] == "violence_against_civilians"
    assert attack["actor1"]["name"].startswith("RSF")
    assert counts(attack, "fatalities") == [100] and attack["fatalities"][0]["qualifier"] == "more_than"
    assert place(attack) == "Kutum"
    assert all("tens of thousands" not in q["evidence"]["text"] for e in events for q in e["fatalities"])


def test_basra_protest_dispersed_with_tear_gas_then_arrests() -> None:
    events = article_events("basra-protests-2023-07-25.ar")
    protest = one(current(events), "protest_with_intervention")
    assert protest["actor1"]["type"] == "protesters"
    assert counts(protest, "injuries") == [10]
    assert protest["date"]["value"] == "2023-07-24"
    assert place(one(current(events), "arrests")) == "Basrah"
    assert not [e for e in current(events) if "الجمعة المقبل" in evidence(e)], "a call for future protests"
    assert [e for e in events if e["historical"] and e["type"] == "protests"]


def test_lebanon_drone_strike_rockets_and_no_injury_figure() -> None:
    events = current(article_events("lebanon-drone-2024-02-10.en"))
    drone = one(events, "air_drone_strike")
    assert "Israel" in drone["actor1"]["name"] and drone["actor2"]["name"] == "Hezbollah"
    assert counts(drone, "fatalities") == [2]
    rockets = one(events, "shelling_artillery_missile_attack")
    assert rockets["actor1"]["name"] == "Hezbollah"
    assert rockets["injuries"] == [] and rockets["fatalities"] == []


def test_yemen_signed_deal_is_an_agreement_but_its_entry_into_force_is_not_yet() -> None:
    events = current(article_events("yemen-deal-2023-03-20.ar"))
    deal = one(events, "agreement")
    assert place(deal) == "Genève"
    parties = deal["actor1"]["name"] + " | " + deal["actor2"]["name"]
    assert "Government of Yemen" in parties and "Houthi" in parties
    assert "سيدخل" not in evidence(deal)
    sniper = one(events, "attack")
    assert counts(sniper, "fatalities") == [1] and counts(sniper, "injuries") == [2]


def test_syria_suicide_bombing_and_a_separate_killing_the_day_before() -> None:
    events = current(article_events("syria-suicide-2024-09-02.en"))
    bombing = one(events, "suicide_bomb")
    assert place(bombing) == "Hajīn" and bombing["date"]["value"] == "2024-09-02"
    assert counts(bombing, "fatalities") == [4] and counts(bombing, "injuries") == [7]
    assert bombing["actor1"]["name"].startswith("Islamic State")
    killing = one(events, "attack")
    assert killing["date"]["value"] == "2024-09-01" and counts(killing, "fatalities") == [1]


def test_somalia_responsibility_claim_names_the_bomber_and_the_capital_is_mogadishu() -> None:
    events = current(article_events("somalia-bombing-2024-08-03.en"))
    bombing = one(events, "suicide_bomb")
    assert counts(bombing, "fatalities") == [32] and counts(bombing, "injuries") == [63]
    assert place(bombing) == "Mogadishu"
    assert "Shabaab" in bombing["actor1"]["name"]


def test_jenin_raid_gun_battle_arrests_and_settler_arson_are_three_events() -> None:
    events = current(article_events("jenin-raid-2024-01-17.en"))
    assert sorted(e["subtype"] for e in events) == ["armed_clash", "arrests", "looting_property_destruction"]
    battle = one(events, "armed_clash")
    assert counts(battle, "fatalities") == [3]
    assert place(one(events, "looting_property_destruction")).startswith("Huwara") or place(
        one(events, "looting_property_destruction")
    ).startswith("Ḩuwwārah")


# --- single behaviours --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "هدد الحوثيون باستئناف الهجمات على السفن في البحر الأحمر.",
        "The army threatened to launch an offensive on Tawila.",
        "نفى الجيش السوداني قصف مخيم زمزم قرب مدينة الفاشر.",
        "Rebels did not attack the town of Kutum on Monday.",
        "دعت الأمم المتحدة إلى وقف إطلاق النار في مدينة الفاشر.",
    ],
)
def test_threats_denials_negations_and_calls_are_no_events(text: str) -> None:
    assert current(events_of(text, "2024-06-06")) == []


def test_a_war_toll_since_a_year_is_never_an_event_figure() -> None:
    text = (
        "Government forces shelled the town of Kutum on Tuesday, killing five civilians, medics said. "
        "The war, which has killed more than 20,000 people since April 2023, shows no sign of ending."
    )
    events = current(events_of(text, "2024-06-06"))
    assert [counts(e, "fatalities") for e in events] == [[5]]


def test_a_past_year_makes_an_event_history() -> None:
    text = "وكان تنظيم داعش قد سيطر على مدينة الموصل عام 2014 قبل أن تستعيدها القوات العراقية عام 2017."
    events = events_of(text, "2024-05-20")
    assert events and all(e["historical"] for e in events)


def test_hodeidah_reports_from_both_sides_are_one_battle_in_hays() -> None:
    events = current(article_events("hodeidah-clashes-2024-10-08.ar"))
    battle = one(events, "armed_clash")
    assert place(battle) == "Ḩays" and counts(battle, "fatalities") == [14]
    parties = battle["actor1"]["name"] + " | " + battle["actor2"]["name"]
    assert "Houthi" in parties and "Military Forces of Yemen (2012-)" in parties
    assert place(one(events, "disrupted_weapons_use")) == "Mocha"


def test_port_sudan_protest_injuries_go_to_the_protest_and_the_strike_call_is_no_event() -> None:
    events = article_events("khartoum-protest-2024-02-20.en")
    protest = one(current(events), "protest_with_intervention")
    assert place(protest) == "Port Sudan" and counts(protest, "injuries") == [5]
    arrests = one(current(events), "arrests")
    assert "Police" in arrests["actor1"]["name"]
    assert [e["subtype"] for e in current(events)].count("peaceful_protest") == 0


def test_mosul_arrest_and_a_2016_bombing_that_is_history() -> None:
    events = article_events("mosul-arrest-2024-03-05.en")
    arrest = one(current(events), "arrests")
    assert place(arrest) == "Mosul" and "Iraq" in arrest["actor1"]["name"]
    bomb = one(current(events), "remote_explosive_landmine_ied")
    assert counts(bomb, "injuries") == [2] and bomb["fatalities"] == []
    assert all("2016" not in evidence(e) for e in current(events))


def test_zawiya_clashes_count_the_child_among_the_three_and_a_kidnapping_elsewhere() -> None:
    events = current(article_events("zawiya-clashes-2024-05-18.ar"))
    clash = one(events, "armed_clash")
    assert (
        place(clash) == "Az Zāwīyah"
        and counts(clash, "fatalities") == [3]
        and counts(clash, "injuries") == [7]
    )
    kidnapping = one(events, "abduction_forced_disappearance")
    assert place(kidnapping) == "Misratah" and "Unidentified" in kidnapping["actor1"]["name"]
    assert all(12 not in counts(e, "fatalities") for e in events)


def test_nasiriyah_shooting_at_protesters_is_excessive_force() -> None:
    events = article_events("nasiriyah-protest-2024-10-10.en")
    protest = one(current(events), "excessive_force_against_protesters")
    assert place(protest) == "Nasiriyah"
    assert counts(protest, "fatalities") == [2] and counts(protest, "injuries") == [25]
    assert protest["actor1"]["type"] == "protesters" and "Iraq" in protest["actor2"]["name"]
    assert all(600 not in counts(e, "fatalities") for e in current(events))


def test_nyala_drone_of_the_army_and_a_town_the_army_recaptured() -> None:
    events = current(article_events("nyala-drone-2024-11-24.ar"))
    drone = one(events, "air_drone_strike")
    assert "Military Forces of Sudan" in drone["actor1"]["name"] and drone["actor2"]["type"] == "civilians"
    assert counts(drone, "fatalities") == [15]
    singa = one(events, "government_regains_territory")
    assert place(singa) == "Singa" and singa["actor2"]["name"].startswith("RSF")


PIECES = [
    "قتل ثلاثة مدنيين",
    "في غارة جوية",
    "على مدينة حلب",
    "يوم السبت",
    "عام 2016",
    "وقال الجيش إن",
    "اشتباكات",
    "Rebels seized",
    "the town of Kutum",
    "killing 12 people",
    "since 2011",
    "threatened to",
    "،",
    ".",
    "\n\n",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_evidence_always_points_into_the_text(pieces: list[str]) -> None:
    text = " ".join(pieces).strip() or "."
    doc = default_pipeline()(_document(text, "2024-11-30"))
    for event in doc.events:
        assert event["evidence"]
        for span in event["evidence"]:
            assert doc.text[span["start"] : span["end"]] == span["text"]
        for figure in event["fatalities"] + event["injuries"]:
            span = figure["evidence"]
            assert doc.text[span["start"] : span["end"]] == span["text"]


def test_an_article_without_a_date_or_events() -> None:
    doc = default_pipeline()(Document(text="لا شيء هنا.", source=Source(origin="test")))
    assert doc.events == []


def test_one_victim_in_the_accusative_is_one_death() -> None:
    text = "قالت مصادر طبية إن قوات الأمن قتلت متظاهرا في مدينة الناصرية يوم الأحد."
    doc = default_pipeline()(_document(text, "2024-06-09"))
    figures = [q for event in doc.events for q in event["fatalities"]]
    assert [(q["count"], q["qualifier"]) for q in figures] == [(1, "exact")]
