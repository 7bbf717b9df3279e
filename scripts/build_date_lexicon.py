"""Rebuild ``src/marsad/language/data/date_names.tsv`` from the CLDR export in ``../shared/data``.

Arabic news names Gregorian months three ways (يناير, كانون الثاني, جانفي...) depending on the country, and a
reader must know all of them wherever it is: the table keeps every distinct Arabic month name of the 29 Arabic
CLDR locales (format and stand-alone, wide and abbreviated), with the locales that use it, plus the wide
weekday names in Arabic and English. Names are de-duplicated on their folded form (أبريل and إبريل fold
alike), since that is how the date reader matches them. English month names are not in the export and live in
the hand-written ``dates.yaml``.

Usage: ``python scripts/build_date_lexicon.py [--shared PATH]`` (default: ``../shared`` beside the repo).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from marsad.language.normalize import normalize_arabic

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "language" / "data" / "date_names.tsv"
LICENCE = "Unicode CLDR 47, © Unicode, Inc., Unicode License v3."
HEADER = f"""# Month and weekday names from {LICENCE}
# (licence text: LICENSE-Unicode-CLDR.txt beside this file).
# Built by scripts/build_date_lexicon.py from shared/data/lexicons/cldr_ar (exported with Babel 2.18.0);
# do not edit by hand. kind: month (Gregorian, 1 = January) or weekday (ISO, 1 = Monday); locales: the CLDR
# locales that spell the name this way (after folding), "all" for every locale of the export with the kind.
"""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _collect(rows: list[dict[str, str]], kind: str, number_key: str) -> list[tuple[str, str, str, str, str]]:
    """(kind, number, lang, name, locales) for each distinct folded name, in CLDR order."""
    names: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for row in rows:
        name = " ".join(row["name"].split())  # CLDR writes some names with a no-break space
        lang = row["locale"].split("_")[0]
        if kind == "weekday" and row["width"] != "wide":
            continue  # "Sat", "Sun", "Wed" are ordinary English words
        key = (row[number_key], normalize_arabic(name))
        _, _, locales = names.setdefault(key, (name, lang, []))
        if row["locale"] not in locales:
            locales.append(row["locale"])
    every = {row["locale"] for row in rows}
    return [
        (kind, number, lang, spelled, "all" if set(locales) == every else ",".join(locales))
        for (number, _), (spelled, lang, locales) in names.items()
    ]


def build(shared: Path) -> str:
    """The text of ``date_names.tsv`` built from ``shared``."""
    source = shared / "data" / "lexicons" / "cldr_ar"
    rows = _collect(_rows(source / "months.tsv"), "month", "month")
    rows += _collect(_rows(source / "weekdays.tsv"), "weekday", "weekday_iso")
    rows.sort(key=lambda row: (row[0], int(row[1]), row[2]))
    lines = ["\t".join(("kind", "number", "lang", "name", "locales"))] + ["\t".join(row) for row in rows]
    return HEADER + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = parser.parse_args()
    OUT.write_text(build(args.shared), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
