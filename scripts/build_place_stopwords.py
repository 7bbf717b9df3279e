"""Build ``understand/places/data/common_words.tsv``: Arabic words that are usually not place names.

The places stage scans text for names the gazetteer knows, and the gazetteer knows thousands of villages
whose names are also everyday words ("البيان", "الشرقية", "المدينة"). A word that ANERcorp's annotators
saw often and seldom tagged as a location is a common word, whatever the gazetteer says: the scan will
not start a place name with it (the NER model may still tag it as one in context).

    python scripts/build_place_stopwords.py [--shared ../shared]

Data: ANERcorp (Benajiba et al. 2007), CAMeL Lab splits (Obeid et al. 2020), CC BY-SA 4.0 — the
derived list keeps that licence (see the SOURCE.md beside it).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from marsad.language.normalize import normalize_arabic, strip_clitics

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "marsad" / "understand" / "places" / "data" / "common_words.tsv"
MIN_COUNT = 3
MAX_LOCATION_SHARE = 0.2


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "data" / "ner" / "anercorp" / "ANERcorp_marsad_train.txt"
    seen: Counter[str] = Counter()
    located: Counter[str] = Counter()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        word, tag = parts
        for stem in dict.fromkeys(strip_clitics(normalize_arabic(word))):
            seen[stem] += 1
            located[stem] += tag.endswith("LOC")
    common = sorted(
        w for w, n in seen.items() if n >= MIN_COUNT and located[w] / n <= MAX_LOCATION_SHARE and len(w) > 1
    )
    OUT.write_text(
        "# normalised words; made by scripts/build_place_stopwords.py from ANERcorp train, CC BY-SA 4.0\n"
        + "".join(f"{w}\n" for w in common),
        encoding="utf-8",
    )
    print(f"{len(common)} common words written to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
