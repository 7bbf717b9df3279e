"""Build ``store/data/countries.tsv``: ISO codes, names and ACLED regions for the ACLED-style export.

ACLED's ``iso`` column is the ISO 3166-1 numeric code, ``country`` a short English name and ``region`` one
of ACLED's regions. Codes and names come from GeoNames' ``countryInfo.txt``; regions from the UN M49
classification in OCHA's country taxonomy, mapped to ACLED's regions by ``store/data/acled.yaml``.

    python scripts/build_store_countries.py [--shared ../shared]

Data: GeoNames (CC BY 4.0); OCHA Countries & Territories Taxonomy via hdx-python-country (MIT).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "marsad" / "store" / "data"
HEADER = "# iso2\tiso3\tnumeric\tname\tregion  — made by scripts/build_store_countries.py; see SOURCE.md\n"


def m49_regions(taxonomy: Path, acled: dict[str, object]) -> dict[str, str]:
    """ISO2 → ACLED region, from each country's M49 intermediate region, else its sub-region."""
    mapping = acled["regions_from_m49"]
    overrides = acled["region_overrides"]
    assert isinstance(mapping, dict) and isinstance(overrides, dict)
    regions: dict[str, str] = {}
    with taxonomy.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso2 = row["ISO 3166-1 Alpha 2-Codes"]
            m49 = row["Intermediate Region Name"] or row["Sub-region Name"]
            if iso2 and m49 in mapping:
                regions[iso2] = mapping[m49]
    return regions | overrides


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    acled = yaml.safe_load((DATA / "acled.yaml").read_text(encoding="utf-8"))
    taxonomy = (
        args.shared / "data" / "lexicons" / "ocha_countries_taxonomy" / "countries_territories_taxonomy.csv"
    )
    regions = m49_regions(taxonomy, acled)
    names: dict[str, str] = acled["country_names"]
    lines = []
    info = args.shared / "data" / "geonames" / "countryInfo.txt"
    for line in info.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso2, iso3, numeric, _fips, name = line.split("\t")[:5]
        name = names.get(iso2, name)
        lines.append(f"{iso2}\t{iso3}\t{int(numeric)}\t{name}\t{regions.get(iso2, '')}\n")
    (DATA / "countries.tsv").write_text(HEADER + "".join(sorted(lines)), encoding="utf-8")
    missing = [line.split("\t")[0] for line in lines if line.endswith("\t\n")]
    print(f"{len(lines)} countries written; without a region: {' '.join(missing) or 'none'}")


if __name__ == "__main__":
    main()
