"""The pair rules on profiles built by hand: each gate, each part of the score, and their symmetry."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from marsad.merge.profile import Actor, Profile
from marsad.merge.rules import rules
from marsad.merge.score import compare, distance_km

RUSSIA = Actor("ru_military_2000", "military forces of russia (2000-)", 1, "RU")
SYRIA_OLD = Actor("sy_military_2000_2024", "military forces of syria (2000-2024)", 1, "SY")
SYRIA_NEW = Actor("sy_military_2024", "military forces of syria (2024-)", 1, "SY")
CIVILIANS = Actor("sy_civilians", "civilians (syria)", 7, "SY")
CIVILIANS_BY_NAME = Actor(None, "civilians (syria)", 7, "SY")
REBELS = Actor(None, "northern front", 2, None)
DAY = dt.date(2024, 3, 3)

# An air strike on a town, as an English report gives it; `other` is another article's report.
STRIKE = Profile(
    report_id=1,
    article_id="english",
    type="explosions_remote_violence",
    subtype="air_drone_strike",
    date=DAY,
    date_precision="day",
    place_id=10,
    lat=35.81,
    lon=36.61,
    geo_precision=1,
    country="SY",
    admin1="Idlib",
    actors=(RUSSIA, CIVILIANS),
    fatalities=7,
)


def other(**changes: object) -> Profile:
    return dataclasses.replace(STRIKE, report_id=2, article_id="arabic", **changes)  # type: ignore[arg-type]


def test_an_arabic_report_of_the_same_strike_matches() -> None:
    verdict = compare(STRIKE, other(fatalities=8, actors=(RUSSIA, CIVILIANS_BY_NAME)), rules())
    assert verdict.matches(rules()) and verdict.parts["actors"] == rules().actor_same


def test_reports_of_one_article_never_match() -> None:
    assert compare(STRIKE, dataclasses.replace(STRIKE, report_id=2), rules()).refused == "same article"


def test_types_must_agree_unless_a_documented_pair() -> None:
    assert (
        compare(STRIKE, other(type="protests", subtype="peaceful_protest"), rules()).refused == "types differ"
    )
    killing = compare(STRIKE, other(type="violence_against_civilians", subtype="attack"), rules())
    assert killing.refused is None
    assert killing.score < compare(STRIKE, other(), rules()).score


def test_the_date_window_follows_the_coarser_precision() -> None:
    assert compare(STRIKE, other(date=DAY + dt.timedelta(days=1)), rules()).refused is None
    assert compare(STRIKE, other(date=DAY + dt.timedelta(days=2)), rules()).refused == "dates apart"
    week = other(date=DAY + dt.timedelta(days=6), date_precision="week")
    assert compare(STRIKE, week, rules()).refused is None
    assert compare(STRIKE, other(date_precision="year"), rules()).refused == "date too vague"
    assert compare(STRIKE, other(date=None, date_precision="unknown"), rules()).refused == "no date"


def test_the_distance_allowed_follows_the_coarser_geo_precision() -> None:
    thirty_km_east = {"place_id": 11, "lat": 35.81, "lon": 36.94}
    assert 25 < distance_km(35.81, 36.61, 35.81, 36.94) < 35
    assert compare(STRIKE, other(**thirty_km_east), rules()).refused == "places apart"
    assert compare(STRIKE, other(**thirty_km_east, geo_precision=2), rules()).refused is None
    far = {"place_id": 12, "lat": 35.81, "lon": 38.0, "geo_precision": 3}
    assert compare(STRIKE, other(**far), rules()).refused is None, "same province at precision 3"
    assert compare(STRIKE, other(**far, admin1="Raqqa"), rules()).refused == "places apart"


def test_a_report_without_coordinates_needs_the_same_country() -> None:
    nowhere = {"place_id": None, "lat": None, "lon": None}
    assert compare(STRIKE, other(**nowhere, admin1=None), rules()).parts["place"] == rules().same_country
    assert compare(STRIKE, other(**nowhere), rules()).parts["place"] == rules().same_admin1
    assert compare(STRIKE, other(**nowhere, country="YE"), rules()).refused == "countries differ"


def test_named_actors_must_not_conflict() -> None:
    assert compare(STRIKE, other(actors=(SYRIA_NEW, CIVILIANS)), rules()).refused == "actors differ"
    army = dataclasses.replace(STRIKE, actors=(SYRIA_OLD, CIVILIANS))
    assert compare(army, other(actors=(SYRIA_NEW, CIVILIANS)), rules()).parts["actors"] < 1, "alike"
    unknown = compare(STRIKE, other(actors=(None, None)), rules())
    assert unknown.parts["actors"] == rules().actor_unknown


def test_who_attacked_whom_may_be_swapped_in_a_clash() -> None:
    clash = dataclasses.replace(STRIKE, type="battles", subtype="armed_clash", actors=(REBELS, SYRIA_OLD))
    swapped = dataclasses.replace(clash, report_id=2, article_id="arabic", actors=(SYRIA_OLD, REBELS))
    assert compare(clash, swapped, rules()).parts["actors"] == rules().actor_same


def test_figures_and_shared_names_weigh_in() -> None:
    close, far = compare(STRIKE, other(fatalities=8), rules()), compare(STRIKE, other(fatalities=40), rules())
    assert close.refused is None and far.refused is None and close.score > far.score
    plain = compare(STRIKE, other(actors=(None, None)), rules())
    named = compare(
        dataclasses.replace(STRIKE, names=frozenset({"p7", "a3"})),
        other(actors=(None, None), names=frozenset({"p7"})),
        rules(),
    )
    assert named.score == round(plain.score + rules().names_bonus / 2, 6)


actors = st.sampled_from([None, RUSSIA, SYRIA_OLD, SYRIA_NEW, CIVILIANS, CIVILIANS_BY_NAME, REBELS])
profiles = st.builds(
    Profile,
    report_id=st.integers(1, 1000),
    article_id=st.sampled_from(["a", "b", "c"]),
    type=st.sampled_from(["battles", "explosions_remote_violence", "violence_against_civilians", "protests"]),
    subtype=st.sampled_from(["armed_clash", "air_drone_strike", "attack"]),
    date=st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2024, 3, 1)),
    date_precision=st.sampled_from(["day", "week", "month", "year", "unknown"]),
    place_id=st.none() | st.integers(1, 3),
    lat=st.none() | st.floats(35.0, 36.5),
    lon=st.none() | st.floats(36.0, 37.5),
    geo_precision=st.none() | st.integers(1, 3),
    country=st.sampled_from([None, "SY", "YE"]),
    admin1=st.sampled_from([None, "Idlib", "Aleppo"]),
    actors=st.tuples(actors, actors),
    fatalities=st.none() | st.integers(0, 100),
    names=st.frozensets(st.sampled_from(["p1", "p2", "a1"])),
)


@given(profiles, profiles)
def test_the_verdict_is_symmetric_and_bounded(a: Profile, b: Profile) -> None:
    forth, back = compare(a, b, rules()), compare(b, a, rules())
    assert (forth.refused, forth.score) == (back.refused, back.score)
    assert 0.0 <= forth.score <= 1.0
