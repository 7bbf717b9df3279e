"""The shipped gazetteer: Arabic/English lookups, disambiguation, datelines, and the stored format."""

from __future__ import annotations

import importlib.util
import resource
import sys
import time
from array import array
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.errors import ResourceError
from marsad.understand.places.gazetteer import (
    Gazetteer,
    GazetteerTables,
    PlaceRecord,
    best,
    get_gazetteer,
    lookup,
    resolve_dateline,
)
from marsad.understand.places.names import index_keys, place_key, query_keys

ALEPPO, AMMAN, OMAN, TRIPOLI_LY, TRIPOLI_LB = 170063, 250441, 286963, 2210247, 266826


def ids(records: list[PlaceRecord]) -> set[int]:
    return {r.geonames_id for r in records}


@pytest.mark.parametrize("name", ["حلب", "Aleppo", "ALEPPO", "وحلب", "بحلب", "لحلب", "فحلب", "حَلَب", "Halab"])
def test_aleppo_spellings(name: str) -> None:
    assert ALEPPO in ids(lookup(name))


@pytest.mark.parametrize(
    ("variants", "country"),
    [
        (["اللاذقية", "اللاذقيه", "للاذقية", "واللاذقية", "Latakia", "Al-Ladhiqiyah"], "SY"),
        (["حماة", "حماه", "بحماة", "Hama"], "SY"),
        (["أربيل", "اربيل", "Erbil"], "IQ"),
        (["مأرب", "مارب", "Marib", "Ma'rib"], "YE"),
        (["الرقة", "بالرقة", "Raqqa", "al-Raqqa", "Ar Raqqah", "Ar-Raqqah"], "SY"),
        (["الباب", "Al-Bab", "al Bab", "Bab"], "SY"),
        (["معرة النعمان", "Maarat al-Numan", "Ma'arrat an-Nu'man", "Maʿarrat an-Nuʿmān"], "SY"),
        (["دير الزور", "Deir ez-Zor", "Dayr az Zawr", "DEIR EZ-ZOR"], "SY"),
        (["البوكمال", "البو كمال", "Albukamal", "Abu Kamal"], "SY"),
    ],
)
def test_spelling_variants_meet(variants: list[str], country: str) -> None:
    found = [best(v, country_hint=country, prefer="city") for v in variants]
    assert all(r is not None for r in found), variants
    assert len({r.geonames_id for r in found if r is not None}) == 1, [r and r.name for r in found]


def test_amman_and_oman() -> None:
    amman = best("عمان", prefer="city")
    oman = best("سلطنة عمان")
    assert amman is not None and amman.geonames_id == AMMAN and amman.country == "JO"
    assert oman is not None and oman.geonames_id == OMAN and oman.kind == "country"
    assert {AMMAN, OMAN} <= ids(lookup("عمان"))


def test_tripoli_needs_a_hint_for_lebanon() -> None:
    assert best("طرابلس") is not None
    assert best("Tripoli").geonames_id == TRIPOLI_LY  # type: ignore[union-attr]
    assert best("طرابلس", country_hint="LB").geonames_id == TRIPOLI_LB  # type: ignore[union-attr]
    assert best("Tripoli", country_hint="lb", prefer="city").geonames_id == TRIPOLI_LB  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "country"), [("سوريا", "SY"), ("سورية", "SY"), ("Syria", "SY"), ("لبنان", "LB")]
)
def test_countries(name: str, country: str) -> None:
    found = best(name, prefer="country")
    assert found is not None and found.kind == "country" and found.country == country


def test_capital_named_like_its_country() -> None:
    country, city = best("تونس"), best("تونس", prefer="city")
    assert country is not None and country.kind == "country"
    assert city is not None and city.kind == "city" and city.country == "TN"


@pytest.mark.parametrize("name", ["محافظة إدلب", "Idlib Governorate", "Governorate of Idlib", "بمحافظة إدلب"])
def test_admin_units(name: str) -> None:
    found = best(name, prefer="admin")
    assert found is not None
    assert (found.kind, found.feature_code, found.country, found.admin1) == ("admin", "ADM1", "SY", "Idlib")


def test_generic_term_restricts_the_kind() -> None:
    found = lookup("ولاية الخرطوم")
    assert found and all(r.kind == "admin" for r in found)


@pytest.mark.parametrize(
    ("dateline", "name", "country"),
    [
        ("BEIRUT", "Beirut", "LB"),
        ("Gaza City", "Gaza", "PS"),
        ("القاهرة", "Cairo", "EG"),
        ("الخرطوم", "Khartoum", "SD"),
        ("صنعاء", "Sanaa", "YE"),
        ("Washington", "Washington", "US"),
        ("عمان", "Amman", "JO"),
        ("TRIPOLI, Lebanon", "Tripoli", "LB"),
        ("طرابلس (لبنان)", "Tripoli", "LB"),
        ("دمشق-سانا", "Damascus", "SY"),
        ("DEIR EZ-ZOR, Syria (Reuters) -", "Deir ez-Zor", "SY"),
        ("BAGHDAD, Dec 3 (AP) —", "Baghdad", "IQ"),
    ],
)
def test_datelines(dateline: str, name: str, country: str) -> None:
    found = resolve_dateline(dateline)
    assert found is not None and found.kind == "city"
    assert (found.name, found.country) == (name, country)


def test_unknown_names() -> None:
    assert lookup("Xqzzyville") == []
    assert best("") is None
    assert resolve_dateline("(Reuters) -") is None


def test_record_fields() -> None:
    aleppo = best("حلب")
    assert aleppo is not None
    assert (aleppo.name, aleppo.name_ar, aleppo.country, aleppo.feature_class) == ("Aleppo", "حلب", "SY", "P")
    assert 36.0 < aleppo.lat < 36.4 and 37.0 < aleppo.lon < 37.3
    assert aleppo.population > 1_000_000 and aleppo.admin1 == "Aleppo" and aleppo.admin1_code == "09"
    with pytest.raises(AttributeError):
        aleppo.name = "x"  # type: ignore[misc]


def test_lookup_order_is_most_important_first() -> None:
    found = lookup("Tripoli")
    assert found[0].geonames_id == TRIPOLI_LY
    populations = [r.population for r in found if r.kind == "city"]
    assert populations == sorted(populations, reverse=True)


def test_load_time_and_memory_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Reported, not asserted: the CLI loads the gazetteer once per run."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    seconds = time.perf_counter() - started
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    with capsys.disabled():
        print(f"\ngazetteer: {len(gazetteer):,} places, loaded in {seconds * 1000:.0f} ms", end="")
        print(f", peak RSS +{grown // 1024} MB")
    assert len(gazetteer) > 40_000
    assert get_gazetteer() is get_gazetteer()


def _tiny_tables() -> GazetteerTables:
    return GazetteerTables(
        arrays={
            "geonames_id": array("q", [1, 2]),
            "lat_e5": array("i", [3_350_000, -100]),
            "lon_e5": array("i", [3_630_000, 200]),
            "population": array("q", [5000, 0]),
        },
        strings={
            "name": ["Alpha", "Beta"],
            "name_ar": ["ألفا", ""],
            "country": ["SY", "XX"],
            "admin1_code": ["01", ""],
            "admin1": ["One", ""],
            "feature_class": ["P", "A"],
            "feature_code": ["PPL", "ADM1"],
        },
        index={"alpha": 0, "beta": 1, "both": (0, 1)},
    )


def test_tables_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.bin"
    path.write_bytes(_tiny_tables().to_bytes())
    gazetteer = Gazetteer.load(path)
    assert [r.name for r in gazetteer.lookup("Both")] == ["Alpha", "Beta"]
    beta = gazetteer.lookup("beta")[0]
    assert (beta.lat, beta.lon, beta.name_ar, beta.kind) == (-0.001, 0.002, None, "admin")


@pytest.mark.parametrize("blob", [b"", b"not a gazetteer", b"MARSAD-GAZETTEER\n\x00\x01"])
def test_broken_resource(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "gazetteer.bin"
    path.write_bytes(blob)
    with pytest.raises(ResourceError):
        Gazetteer.load(path)


def test_missing_resource(tmp_path: Path) -> None:
    with pytest.raises(ResourceError):
        Gazetteer.load(tmp_path / "absent.bin")


def test_index_keys_cover_article_and_terms() -> None:
    assert {"al bab", "bab", "albab"} <= index_keys("Al-Bab", "P")
    assert "idlib" in index_keys("Idlib Governorate", "A")
    assert "idlib" not in index_keys("Idlib Governorate", "P")


def test_query_keys_order() -> None:
    keys = [key for key, _ in query_keys("وبمحافظة حلب")]
    assert keys[0] == "وبمحافظه حلب"
    assert keys.index("محافظه حلب") < keys.index("حلب")
    assert ("حلب", "A") in query_keys("وبمحافظة حلب")


@given(st.text(alphabet=st.sampled_from(list("abdehlnrstuz -'ʿĀāḩ") + list("الحمصدرة أإ")), max_size=30))
def test_place_key_is_idempotent(name: str) -> None:
    key = place_key(name)
    assert place_key(key) == key
    assert key == key.strip() and "  " not in key


@cache
def _build_script() -> ModuleType:
    """scripts/build_gazetteer.py as a module (scripts/ is not a package)."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_build_picks_arabic_display_names() -> None:
    build = _build_script()
    assert build.display_arabic(["Cairo", "القاهرة", "قاهره", "قاھىرە", "قاہرہ"]) == "القاهرة"
    assert (
        build.display_arabic(["ئالجىر", "الجزائر", "الجزائر العاصمة", "الجزيره", "مدينة الجزائر"])
        == "الجزائر"
    )
    assert build.display_arabic(["د مشق", "دمشق", "دیمەشق"]) == "دمشق"
    assert build.display_arabic(["عَمّان", "عمان", "امان"]) == "عمان"
    assert build.display_arabic(["Aleppo", "hlb"]) == ""


def test_build_keeps_arabic_and_english_names_only() -> None:
    build = _build_script()
    assert build.useful_names(["Gaza City", "GZA", "ghzh", "غزة", "غەززە", "Газа", "Ea"]) == {
        "Gaza City",
        "غزة",
    }


def test_build_tables_index_the_names() -> None:
    build = _build_script()
    town = build.Entry(1, "Al Bāb", 36.37, 37.52, "SY", "P", "PPLA2", 130_000, names={"Al Bāb", "الباب"})
    unit = build.Entry(2, "Idlib", 35.9, 36.6, "SY", "A", "ADM1", names={"Idlib", "محافظة ادلب"})
    gazetteer = Gazetteer(build.build_tables([unit, town]))
    assert [r.geonames_id for r in gazetteer.lookup("Bab")] == [1]
    assert [r.geonames_id for r in gazetteer.lookup("بالباب")] == [1]
    assert [r.geonames_id for r in gazetteer.lookup("محافظة إدلب")] == [2]
    assert gazetteer.record(0).geonames_id == 1  # most important first: the town outranks an ADM1 stand-in
