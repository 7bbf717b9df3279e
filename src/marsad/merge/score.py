"""Are two reports the same event? Gates that rule a pair out, then a score of how alike they are.

A *gate* is a hard incompatibility: types no source would confuse, dates or places too far apart for
their precision, two different named actors in the same role, two reports of one article (the events
stage already decided those are different events). A pair past every gate gets a *score* in 0..1: a
weighted sum of how close the dates and places are, how well the actors, sub-event types and fatality
figures agree, plus a small bonus for the other canonical names both reports' evidence mentions. The
weights and limits are in ``data/linking.yaml``; docs/merge.md explains them.

Everything here is symmetric (``compare(a, b)`` equals ``compare(b, a)``) and depends on the two profiles
only, never on ids or on which came first, so the linker can be deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from marsad.merge.profile import Actor, Profile
from marsad.merge.rules import Rules

_EARTH_KM = 6371.0088
_COARSEST = 3
"""Geo precision assumed for a report that gives none: only the province."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """The verdict on a pair: ``refused`` names the gate that ruled it out, else ``score`` and its parts."""

    score: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    refused: str | None = None

    def matches(self, rules: Rules) -> bool:
        return self.refused is None and self.score >= rules.threshold


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _date(a: Profile, b: Profile, rules: Rules) -> float | str:
    if a.date is None or b.date is None:
        return "no date"
    if a.date_precision not in rules.date_window or b.date_precision not in rules.date_window:
        return "date too vague"
    coarser = max(sorted({a.date_precision, b.date_precision}), key=rules.date_window.__getitem__)
    window, gap = rules.date_window[coarser], abs((a.date - b.date).days)
    if gap > window:
        return "dates apart"
    return rules.date_quality[coarser] * (1 - gap / (window + 1))


def _place(a: Profile, b: Profile, rules: Rules) -> float | str:
    coarser = max(a.geo_precision or _COARSEST, b.geo_precision or _COARSEST)
    coarser = coarser if coarser in rules.radius_km else max(rules.radius_km)
    quality = rules.place_quality[coarser]
    if a.place_id is not None and a.place_id == b.place_id:
        return quality
    same_admin1 = a.admin1 is not None and a.admin1 == b.admin1 and a.country == b.country
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        fraction = distance_km(a.lat, a.lon, b.lat, b.lon) / rules.radius_km[coarser]
        if fraction > 1 and not (coarser == _COARSEST and same_admin1):
            return "places apart"
        return quality * (1 - min(fraction, 1.0))
    if a.country and b.country and a.country != b.country:
        return "countries differ"
    return rules.same_admin1 if same_admin1 else rules.same_country


def _same_actor(a: Actor, b: Actor) -> bool:
    return (a.kb_id is not None and a.kb_id == b.kb_id) or a.name == b.name


def _slot(a: Actor | None, b: Actor | None, rules: Rules) -> float | None:
    """One role (attacker, target): None when two different actors are named for it."""
    if a is None or b is None:
        return rules.actor_unknown
    if _same_actor(a, b):
        return rules.actor_same
    if a.inter is not None and a.inter == b.inter and a.country is not None and a.country == b.country:
        return rules.actor_alike
    return None


def _actors(a: Profile, b: Profile, rules: Rules) -> float | str:
    """The better of the two ways to pair the roles (sources disagree on who attacked whom in a clash)."""
    (a1, a2), (b1, b2) = a.actors, b.actors
    pairings = ((_slot(a1, b1, rules), _slot(a2, b2, rules)), (_slot(a1, b2, rules), _slot(a2, b1, rules)))
    scores = [(x + y) / 2 for x, y in pairings if x is not None and y is not None]
    return max(scores) if scores else "actors differ"


def _figures(a: int | None, b: int | None, rules: Rules) -> float:
    if a is None or b is None:
        return rules.figures_missing
    if a == b:
        return rules.figures_same
    if abs(a - b) <= max(rules.close_abs, rules.close_ratio * max(a, b)):
        return rules.figures_close
    return rules.figures_far


def _names(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def compare(a: Profile, b: Profile, rules: Rules) -> Comparison:
    """The verdict on two reports: refused by a gate, or scored."""
    if a.article_id == b.article_id:
        return Comparison(refused="same article")
    if not rules.types_compatible(a.type, b.type):
        return Comparison(refused="types differ")
    parts: dict[str, float] = {}
    for name, part in (("date", _date), ("place", _place), ("actors", _actors)):
        value = part(a, b, rules)
        if isinstance(value, str):
            return Comparison(refused=value)
        parts[name] = value
    parts["subtype"] = rules.subtype_same if a.subtype == b.subtype else rules.subtype_other
    parts["figures"] = _figures(a.fatalities, b.fatalities, rules)
    score = sum(rules.weights[name] * value for name, value in parts.items())
    score += rules.names_bonus * _names(a.names, b.names)
    score -= rules.type_penalty if a.type != b.type else 0.0
    return Comparison(score=round(min(score, 1.0), 6), parts=parts)
