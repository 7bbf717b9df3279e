"""The gazetteer Marsad ships: GeoNames places with Arabic and English names, and how to pick among them.

The resource (``data/gazetteer.bin``, rebuilt by ``scripts/build_gazetteer.py``) holds every city of GeoNames
``cities15000`` worldwide, MENA places down to 500 inhabitants, first- and second-level administrative units
and countries, each with one row in column tables, plus an index from folded names
(:func:`~marsad.understand.places.names.place_key`) to rows. It is zlib-compressed ``marshal`` of plain lists,
arrays and a dict because the CLI runs once per article: this loads in a few tens of milliseconds, where
parsing a TSV of the same data takes seconds. Rows are stored most important first (countries, then by
population), so every index entry lists its rows in that order.

Names are ambiguous ("عمان" is Amman and Oman, "طرابلس" is in Libya and in Lebanon), so :meth:`Gazetteer.best`
ranks candidates: a country hint first, then the kind of place asked for, then importance (population, with
fixed equivalents for administrative units, which GeoNames gives none).
"""

from __future__ import annotations

import marshal
import re
import sys
import zlib
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from marsad.errors import ResourceError
from marsad.understand.places.names import place_key, query_keys

Kind = Literal["country", "admin", "city"]
Prefer = Literal["city", "any", "admin", "country"]

_MAGIC = b"MARSAD-GAZETTEER\n"
_FORMAT = 1
_ARRAY_COLUMNS = {"geonames_id": "q", "lat_e5": "i", "lon_e5": "i", "population": "q"}
_STRING_COLUMNS = ("name", "name_ar", "country", "admin1_code", "admin1", "feature_class", "feature_code")
_COORDINATE_SCALE = 100_000
# Administrative units have no population in GeoNames; these stand-ins rank them below any town of 15,000+
# (the cities15000 threshold) that shares their name, and above villages that do.
_ADMIN_IMPORTANCE = {"ADM1": 15_000, "ADM2": 5_000}
_OTHER_ADMIN_IMPORTANCE = 1_000
# A country outranks every city when no kind is preferred: "تونس" or "الكويت" alone is the country.
_COUNTRY_IMPORTANCE = 10**12
# A dateline is a short place name, sometimes followed by an agency, a date or a qualifying country.
_DATELINE_HEAD = re.compile(r"\s[-–—]|[–—(:،,؛\[]")
_DATELINE_QUALIFIER = re.compile(r"[(,،]\s*([^(),،:]+)")
_DATELINE_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One gazetteer place: GeoNames id and names, WGS84 coordinates, country and admin1 (code and name)."""

    geonames_id: int
    name: str
    name_ar: str | None
    lat: float
    lon: float
    country: str
    admin1: str
    feature_class: str
    feature_code: str
    population: int
    admin1_code: str = ""

    @property
    def kind(self) -> Kind:
        """``country`` (GeoNames PCL*), ``admin`` (other class A) or ``city`` (populated places, class P)."""
        if self.feature_code.startswith("PCL"):
            return "country"
        return "admin" if self.feature_class == "A" else "city"


def importance(feature_class: str, feature_code: str, population: int) -> int:
    """How strongly a place claims a shared name: population, or a stand-in for countries and admin units."""
    if feature_code.startswith("PCL"):
        return _COUNTRY_IMPORTANCE + population
    if feature_class == "A":
        return _ADMIN_IMPORTANCE.get(feature_code, _OTHER_ADMIN_IMPORTANCE)
    return population


@dataclass(slots=True)
class GazetteerTables:
    """The stored form: one list or array per column, row ``i`` of each is place ``i``, plus the name index.

    ``index`` maps a folded name to one row number or a tuple of them (most rows have one name owner, and a
    bare int keeps the dict small). Coordinates are stored as integers of 1e-5 degree, GeoNames' precision.
    """

    arrays: dict[str, array[int]]
    strings: dict[str, list[str]]
    index: dict[str, int | tuple[int, ...]]

    def to_bytes(self) -> bytes:
        """Serialise (arrays little-endian, so the file is the same on every machine)."""
        arrays = {name: _little_endian(values).tobytes() for name, values in self.arrays.items()}
        payload = {"format": _FORMAT, "arrays": arrays, "strings": self.strings, "index": self.index}
        return _MAGIC + zlib.compress(marshal.dumps(payload, 4), 9)

    @classmethod
    def from_bytes(cls, blob: bytes) -> GazetteerTables:
        """Inverse of :meth:`to_bytes`; raises ResourceError for anything else."""
        if not blob.startswith(_MAGIC):
            raise ResourceError("gazetteer.bin is not a Marsad gazetteer", code="R202")
        try:
            payload = marshal.loads(zlib.decompress(blob[len(_MAGIC) :]))
        except (ValueError, EOFError, TypeError, zlib.error) as exc:
            raise ResourceError(f"gazetteer.bin is corrupt: {exc}", code="R202") from exc
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT:
            raise ResourceError(
                "gazetteer.bin has another format; run scripts/build_gazetteer.py", code="R202"
            )
        arrays = {}
        for name, typecode in _ARRAY_COLUMNS.items():
            values = array(typecode)
            values.frombytes(payload["arrays"][name])
            arrays[name] = _little_endian(values)
        return cls(arrays, payload["strings"], payload["index"])


def _little_endian(values: array[int]) -> array[int]:
    """``values`` converted between native and little-endian order (a no-op on little-endian machines)."""
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values


class Gazetteer:
    """Name lookup and disambiguation over :class:`GazetteerTables`."""

    def __init__(self, tables: GazetteerTables) -> None:
        self._tables = tables
        self._strings = tables.strings
        self._arrays = tables.arrays

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Load the shipped resource, or the file at ``path``."""
        source = path or resources.files("marsad.understand.places") / "data" / "gazetteer.bin"
        try:
            blob = source.read_bytes()
        except OSError as exc:
            raise ResourceError(
                f"cannot read the gazetteer ({exc}); run scripts/build_gazetteer.py", code="R201"
            ) from exc
        return cls(GazetteerTables.from_bytes(blob))

    def __len__(self) -> int:
        return len(self._arrays["geonames_id"])

    def record(self, row: int) -> PlaceRecord:
        """The place stored at ``row``."""
        strings, arrays = self._strings, self._arrays
        return PlaceRecord(
            geonames_id=arrays["geonames_id"][row],
            name=strings["name"][row],
            name_ar=strings["name_ar"][row] or None,
            lat=arrays["lat_e5"][row] / _COORDINATE_SCALE,
            lon=arrays["lon_e5"][row] / _COORDINATE_SCALE,
            country=strings["country"][row],
            admin1=strings["admin1"][row],
            feature_class=strings["feature_class"][row],
            feature_code=strings["feature_code"][row],
            population=arrays["population"][row],
            admin1_code=strings["admin1_code"][row],
        )

    def lookup(self, name: str) -> list[PlaceRecord]:
        """Places called ``name`` (Arabic or English, any common spelling), most important first.

        Tries the name as written, then without Arabic proclitics or a Latin article, then without a generic
        term such as "محافظة" or "City" (keeping only places of the kind the term implies); the first form
        that names anything wins, so "وحلب" finds حلب but "وادي" is never cut to "ادي" when it exists.
        """
        feature_classes = self._strings["feature_class"]
        for key, feature_class in query_keys(name):
            rows = self._rows(key)
            if feature_class is not None:
                rows = tuple(row for row in rows if feature_classes[row] == feature_class)
            if rows:
                return [self.record(row) for row in rows]
        return []

    def best(
        self, name: str, *, country_hint: str | None = None, prefer: Prefer = "any"
    ) -> PlaceRecord | None:
        """The most likely place for ``name``: in the hinted country first, then of the preferred kind, then
        the most important (countries, then population). "عمان" is Oman with ``prefer="any"`` and Amman with
        ``prefer="city"``; "طرابلس" is Tripoli, Libya unless the hint says Lebanon.
        """
        candidates = self.lookup(name)
        if not candidates:
            return None
        hint = country_hint.upper() if country_hint else None
        return max(
            candidates,
            key=lambda r: (
                r.country == hint,
                prefer in ("any", r.kind),
                importance(r.feature_class, r.feature_code, r.population),
            ),
        )

    def resolve_dateline(self, text: str) -> PlaceRecord | None:
        """The city a dateline names ("BEIRUT", "Gaza City", "القاهرة -", "TRIPOLI, Lebanon (Reuters) -").

        Datelines name cities or capitals, so populated places are preferred and ranked by population. A
        country after a comma or in brackets ("طرابلس (لبنان)") becomes the country hint. The place name is
        the longest run of leading words (up to four) that the gazetteer knows, so an agency glued on with a
        hyphen ("دمشق-سانا") falls away.
        """
        head = _DATELINE_HEAD.split(text, maxsplit=1)[0]
        hint = self._dateline_country(text[len(head) :])
        words = place_key(head).split()
        for count in range(min(len(words), _DATELINE_MAX_WORDS), 0, -1):
            found = self.best(" ".join(words[:count]), country_hint=hint, prefer="city")
            if found is not None:
                return found
        return None

    def _dateline_country(self, tail: str) -> str | None:
        """The first qualifier after a dateline's place name that is a country, as an ISO code."""
        for qualifier in _DATELINE_QUALIFIER.findall(tail):
            found = self.best(qualifier, prefer="country")
            if found is not None and found.kind == "country":
                return found.country
        return None

    def _rows(self, key: str) -> tuple[int, ...]:
        rows = self._tables.index.get(key, ())
        return (rows,) if isinstance(rows, int) else rows


@cache
def get_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use and kept for the life of the process."""
    return Gazetteer.load()


def lookup(name: str) -> list[PlaceRecord]:
    """:meth:`Gazetteer.lookup` on the shipped gazetteer."""
    return get_gazetteer().lookup(name)


def best(name: str, *, country_hint: str | None = None, prefer: Prefer = "any") -> PlaceRecord | None:
    """:meth:`Gazetteer.best` on the shipped gazetteer."""
    return get_gazetteer().best(name, country_hint=country_hint, prefer=prefer)


def resolve_dateline(text: str) -> PlaceRecord | None:
    """:meth:`Gazetteer.resolve_dateline` on the shipped gazetteer."""
    return get_gazetteer().resolve_dateline(text)
