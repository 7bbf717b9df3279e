"""The linker's settings (``data/linking.yaml``) as one typed, validated object.

Weights, windows, radii and the compatible type pairs are knowledge to tune on real news, not code: they
live in the data file, and this module only checks that the file says something the linker can use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from marsad.errors import ResourceError

PARTS = ("date", "place", "actors", "subtype", "figures")
"""The parts of a pair's score, each weighted by ``weights`` in the data file."""


@dataclass(frozen=True, slots=True)
class Rules:
    threshold: float
    weights: dict[str, float]
    names_bonus: float
    broad_features: frozenset[str]
    compatible_types: frozenset[frozenset[str]]
    type_penalty: float
    date_window: dict[str, int]
    date_quality: dict[str, float]
    radius_km: dict[int, float]
    place_quality: dict[int, float]
    same_admin1: float
    same_country: float
    actor_same: float
    actor_alike: float
    actor_unknown: float
    unknown_prefixes: tuple[str, ...]
    subtype_same: float
    subtype_other: float
    figures_same: float
    figures_close: float
    figures_far: float
    figures_missing: float
    close_abs: int
    close_ratio: float

    @property
    def candidate_days(self) -> int:
        """How far from a report's date the database query looks: the widest date window."""
        return max(self.date_window.values())

    @property
    def candidate_km(self) -> float:
        """How far from a report's place the database query looks: the widest radius."""
        return max(self.radius_km.values())

    def types_compatible(self, a: str, b: str) -> bool:
        return a == b or frozenset((a, b)) in self.compatible_types

    def compatible_with(self, event_type: str) -> set[str]:
        """Every type a report of ``event_type`` may share an event with (itself included)."""
        return {event_type} | {t for pair in self.compatible_types if event_type in pair for t in pair}


def _check(rules: Rules) -> Rules:
    if set(rules.weights) != set(PARTS) or not math.isclose(sum(rules.weights.values()), 1.0):
        raise ResourceError(f"merge/data/linking.yaml: weights must be {', '.join(PARTS)} summing to 1")
    if set(rules.date_window) != set(rules.date_quality):
        raise ResourceError("merge/data/linking.yaml: date window and quality must name the same precisions")
    if set(rules.radius_km) != set(rules.place_quality):
        raise ResourceError("merge/data/linking.yaml: place radius and quality must name the same precisions")
    return rules


def _build(raw: dict[str, Any]) -> Rules:
    types, date, place, actors = raw["types"], raw["date"], raw["place"], raw["actors"]
    subtype, figures = raw["subtype"], raw["figures"]
    return Rules(
        threshold=float(raw["threshold"]),
        weights={str(k): float(v) for k, v in raw["weights"].items()},
        names_bonus=float(raw["names"]["bonus"]),
        broad_features=frozenset(map(str, raw["names"]["ignore_features"])),
        compatible_types=frozenset(frozenset(map(str, pair)) for pair in types["compatible"]),
        type_penalty=float(types["penalty"]),
        date_window={str(k): int(v) for k, v in date["window"].items()},
        date_quality={str(k): float(v) for k, v in date["quality"].items()},
        radius_km={int(k): float(v) for k, v in place["radius_km"].items()},
        place_quality={int(k): float(v) for k, v in place["quality"].items()},
        same_admin1=float(place["same_admin1"]),
        same_country=float(place["same_country"]),
        actor_same=float(actors["same"]),
        actor_alike=float(actors["alike"]),
        actor_unknown=float(actors["unknown"]),
        unknown_prefixes=tuple(str(p).casefold() for p in actors["unknown_prefixes"]),
        subtype_same=float(subtype["same"]),
        subtype_other=float(subtype["other"]),
        figures_same=float(figures["same"]),
        figures_close=float(figures["close"]),
        figures_far=float(figures["far"]),
        figures_missing=float(figures["missing"]),
        close_abs=int(figures["close_abs"]),
        close_ratio=float(figures["close_ratio"]),
    )


@cache
def rules() -> Rules:
    """The shipped settings, read once per process."""
    try:
        text = (resources.files("marsad.merge") / "data" / "linking.yaml").read_text(encoding="utf-8")
        return _check(_build(yaml.safe_load(text)))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResourceError(f"merge/data/linking.yaml cannot be read: {exc}; reinstall Marsad") from exc
