"""Gazetteer benchmark: size, load time, memory, lookup speed, and how well Arabic/English names resolve.

Run: ``.venv/bin/python benchmarks/gazetteer.py``. The coverage part needs ``../shared/data`` (GeoNames
``mena_places.tsv``); the spot check uses ``benchmarks/data/gazetteer_spotcheck.tsv`` (towns in Syria, Iraq,
Yemen, Libya, Gaza/West Bank, Sudan and Lebanon with reference coordinates) and counts a hit when the resolved
place is within 25 km.
"""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.understand.places.gazetteer import Gazetteer, PlaceRecord, Prefer
from marsad.understand.places.names import is_arabic_name, place_key

REPO = Path(__file__).resolve().parents[1]
RESOURCE = REPO / "src" / "marsad" / "understand" / "places" / "data" / "gazetteer.bin"
MENA_PLACES = REPO / ".." / "shared" / "data" / "geonames" / "mena_places.tsv"
SPOTCHECK = Path(__file__).resolve().parent / "data" / "gazetteer_spotcheck.tsv"
HIT_KM = 25.0
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_CLITICS = ("و", "ب", "وب", "ل")

_LOAD_PROBE = """
import json, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
from marsad.understand.places.gazetteer import Gazetteer
before = rss()
started = time.perf_counter()
gazetteer = Gazetteer.load()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rss_mb": (rss() - before) / 1e6, "places": len(gazetteer)}))
"""


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def near(record: PlaceRecord | None, lat: float, lon: float) -> bool:
    return record is not None and km(record.lat, record.lon, lat, lon) <= HIT_KM


def load_figures() -> None:
    """Load time and resident memory in a fresh interpreter (what one CLI run pays), best of three."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _LOAD_PROBE], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(3)
    ]
    fastest = min(runs, key=lambda run: run["seconds"])
    print(f"size on disk: {RESOURCE.stat().st_size / 1e6:.2f} MB; places: {fastest['places']:,}")
    print(f"load: {fastest['seconds'] * 1000:.0f} ms (best of 3); memory: +{fastest['rss_mb']:.0f} MB RSS")


def spotcheck_rows() -> list[dict[str, str]]:
    with SPOTCHECK.open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def lookup_speed(gazetteer: Gazetteer, rows: list[dict[str, str]]) -> None:
    names = [row[column] for row in rows for column in ("english", "arabic")]
    names += [clitic + row["arabic"] for row in rows for clitic in _CLITICS]
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for name in names:
            gazetteer.best(name)
    elapsed = time.perf_counter() - started
    print(f"best(): {rounds * len(names) / elapsed:,.0f} lookups/s over {len(names)} names (with clitics)")


def spotcheck(gazetteer: Gazetteer, rows: list[dict[str, str]]) -> None:
    settings: list[tuple[str, bool, Prefer]] = [
        ("any", False, "any"),
        ("city", False, "city"),
        ("city+hint", True, "city"),
    ]
    for column in ("arabic", "english"):
        for label, hinted, prefer in settings:
            misses = []
            for row in rows:
                hint = row["country"] if hinted else None
                found = gazetteer.best(row[column], country_hint=hint, prefer=prefer)
                if not near(found, float(row["lat"]), float(row["lon"])):
                    misses.append(f"{row[column]}→{found.name + '/' + found.country if found else '∅'}")
            hits = len(rows) - len(misses)
            share = f"{hits}/{len(rows)} ({hits / len(rows):.0%})"
            print(f"spot check {column:7} {label:9}: {share} within {HIT_KM:.0f} km")
            if misses:
                print("    misses: " + ", ".join(misses))
    clitic_hits = sum(
        near(
            gazetteer.best("و" + row["arabic"], country_hint=row["country"], prefer="city"),
            float(row["lat"]),
            float(row["lon"]),
        )
        for row in rows
    )
    print(f"spot check arabic with و prefix, city+hint: {clitic_hits}/{len(rows)}")


def coverage(gazetteer: Gazetteer) -> None:
    """How mena_places' own Arabic names find them: any candidate, and the best city within 25 km.

    "Arabic-script" names include Persian, Kurdish and Urdu spellings; "Arabic" ones pass ``is_arabic_name``
    (what the build indexes). Top-1 uses the place's most common Arabic spelling.
    """
    if not MENA_PLACES.exists():
        print(f"coverage: skipped, {MENA_PLACES} not found")
        return
    counts: Counter[str] = Counter()
    with MENA_PLACES.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            row = line.rstrip("\n").split("\t")
            script = [n for n in row[3].split(",") if _ARABIC_SCRIPT.search(n)]
            arabic = [n for n in script if is_arabic_name(n)]
            if not arabic:
                continue
            gid, lat, lon = int(row[0]), float(row[4]), float(row[5])
            found = {n: any(r.geonames_id == gid for r in gazetteer.lookup(n)) for n in script}
            common = Counter(place_key(n) for n in arabic).most_common(1)[0][0]
            counts.update(
                places=1,
                place_found=any(found.values()),
                script_names=len(script),
                script_found=sum(found.values()),
                arabic_names=len(arabic),
                arabic_found=sum(found[n] for n in arabic),
                top_hint=near(gazetteer.best(common, country_hint=row[8], prefer="city"), lat, lon),
                top=near(gazetteer.best(common, prefer="city"), lat, lon),
            )
    places = counts["places"]
    print(f"coverage: {places:,} mena_places with an Arabic name; {counts['place_found'] / places:.1%} found")
    for kind in ("arabic", "script"):
        share = counts[f"{kind}_found"] / counts[f"{kind}_names"]
        print(f"    {kind} names finding their place: {share:.1%} of {counts[f'{kind}_names']:,}")
    for label, key in (("with country hint", "top_hint"), ("without hint", "top")):
        share = counts[key] / places
        print(f"    best city for the usual Arabic spelling within {HIT_KM:.0f} km, {label}: {share:.1%}")


def main() -> None:
    load_figures()
    gazetteer = Gazetteer.load()
    rows = spotcheck_rows()
    lookup_speed(gazetteer, rows)
    spotcheck(gazetteer, rows)
    coverage(gazetteer)


if __name__ == "__main__":
    main()
