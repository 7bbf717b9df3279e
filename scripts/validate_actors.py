"""Check the shipped actor knowledge base (``entities/data/actors.yaml``, ``roles.yaml``); print its counts.

Checks (see ``marsad.understand.entities.actor_data.check_actor_records``): unique slug ids, known types,
ACLED inter codes 1-8, ISO2 countries from the roles.yaml country table, Q-ids, Arabic names in Arabic
script, links (parent, same_as, branch_of) to existing actors, no alias shared by two actors unless declared,
and an actor for every institution a role noun can name in every country. Exit status 1 on any problem.

Usage: python scripts/validate_actors.py [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from marsad.understand.entities.actor_data import check_actor_records, load_actor_records, load_roles


def validate() -> list[str]:
    """Every problem with the shipped actor data (empty when it is sound)."""
    return check_actor_records(load_actor_records(), load_roles())


def counts(records: Sequence[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Actors per type, per ACLED inter code, per country, and names per language."""
    tallies: dict[str, Counter[str]] = {
        "type": Counter(),
        "inter": Counter(),
        "country": Counter(),
        "names": Counter(),
    }
    for record in records:
        tallies["type"][record["type"]] += 1
        tallies["inter"][str(record["inter"])] += 1
        tallies["country"][record["country"] or "(transnational)"] += 1
        tallies["names"]["generic actors" if record.get("generic") else "named actors"] += 1
        tallies["names"]["aliases_en"] += len(record.get("aliases_en") or [])
        tallies["names"]["aliases_ar"] += len(record.get("aliases_ar") or [])
    return tallies


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    problems = validate()
    for problem in problems:
        print(f"problem: {problem}")
    if not args.quiet:
        records = load_actor_records()
        print(f"{len(records)} actors")
        for name, tally in counts(records).items():
            print(f"{name}: " + ", ".join(f"{key} {value}" for key, value in tally.most_common()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
