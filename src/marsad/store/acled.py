"""ACLED's vocabulary and coding conventions (``data/acled.yaml``, ``data/countries.tsv``) as lookups.

The export writes Marsad's own events in ACLED's layout, and the store gives actors ACLED inter codes, so
both read the names, codes and rules from these files rather than from branches in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.errors import ResourceError


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What ``acled.yaml`` says, keyed by the output contract's values."""

    event_types: dict[str, str]
    sub_event_types: dict[str, str]
    disorder: dict[str, str]
    disorder_by_sub_event: dict[str, str]
    inter_by_actor_type: dict[str, int]
    civilians_inter: int
    civilian_targeting_types: frozenset[str]
    time_precision: dict[str, int]

    def disorder_type(self, event_type: str, subtype: str) -> str:
        return self.disorder_by_sub_event.get(subtype) or self.disorder.get(event_type, "")

    def civilian_targeting(self, event_type: str, subtype: str, inter2: int | None) -> bool:
        """ACLED's civilian targeting: violence against civilians, or political violence aimed at them."""
        if event_type in self.civilian_targeting_types:
            return True
        return (
            "Political violence" in self.disorder_type(event_type, subtype) and inter2 == self.civilians_inter
        )


def _data(name: str) -> str:
    try:
        return (resources.files("marsad.store") / "data" / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"store/data/{name} is missing: reinstall Marsad") from exc


@cache
def vocabulary() -> Vocabulary:
    raw: dict[str, Any] = yaml.safe_load(_data("acled.yaml"))
    types = raw["event_types"]
    return Vocabulary(
        event_types={key: value["name"] for key, value in types.items()},
        sub_event_types=dict(raw["sub_event_types"]),
        disorder={key: value["disorder"] for key, value in types.items()},
        disorder_by_sub_event=dict(raw["disorder_by_sub_event"]),
        inter_by_actor_type={key: int(value) for key, value in raw["inter_by_actor_type"].items()},
        civilians_inter=int(raw["civilians_inter"]),
        civilian_targeting_types=frozenset(raw["civilian_targeting_types"]),
        time_precision={key: int(value) for key, value in raw["time_precision"].items()},
    )


@cache
def countries() -> dict[str, Country]:
    """ISO2 code → country, from ``countries.tsv``."""
    table = {}
    for line in _data("countries.tsv").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso2, iso3, numeric, name, region = line.split("\t")
        table[iso2] = Country(iso2, iso3, int(numeric), name, region)
    return table


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: both inter codes, lower first ("12"); a lone actor's code then 0 ("60")."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return ""
    return f"{codes[0]}{codes[1] if len(codes) > 1 else 0}"
