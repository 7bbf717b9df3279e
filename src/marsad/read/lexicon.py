"""Load the reading lexicons (page furniture, datelines, syndication notes) shipped under ``read/data``.

They are data, not code, so a user can extend them without touching the reader; each is parsed once
per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad import resources
from marsad.language.normalize import normalize_arabic

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def match_key(line: str) -> str:
    """The form in which a line is compared with the lexicons: normalised, trimmed of punctuation."""
    return _EDGE_PUNCT.sub("", " ".join(normalize_arabic(line).split()))


def load_yaml(name: str) -> dict[str, Any]:
    """Parse ``read/data/<name>``."""
    return resources.load_yaml("marsad.read", name)


@dataclass(frozen=True)
class Furniture:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    menu_separators: tuple[str, ...]


@cache
def furniture() -> Furniture:
    data = load_yaml("furniture.yaml")
    return Furniture(
        exact=frozenset(match_key(p) for p in data["exact"]),
        prefixes=tuple(normalize_arabic(p).strip() for p in data["prefix"]),
        menu_separators=tuple(data["menu_separators"]),
    )


@dataclass(frozen=True)
class Agencies:
    by_alias: dict[str, str]
    """Alias as printed → canonical agency name."""
    pattern: re.Pattern[str]
    """Matches any alias as a whole word."""
    max_place_words: int


@cache
def agencies() -> Agencies:
    data = load_yaml("datelines.yaml")
    by_alias = {alias: entry["canonical"] for entry in data["agencies"] for alias in entry["aliases"]}
    alternatives = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    return Agencies(
        by_alias=by_alias,
        pattern=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"),
        max_place_words=int(data["max_place_words"]),
    )


@cache
def syndication_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_yaml("syndication.yaml")["patterns"])
