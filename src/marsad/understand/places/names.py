"""How a place name becomes gazetteer index keys: one fold shared by the builder and by lookups.

Arabic names go through :func:`~marsad.language.normalize.normalize_arabic` (hamza seats, ta marbuta, alef
maqsura, diacritics). Latin names are romanisations of Arabic with many spellings of one place, so on top of
casefolding and accent stripping the key drops apostrophes and ayn marks (Ma'arrat, Maʿarrat), turns hyphens
into spaces, writes every assimilated article as "al" (an-Nu'man, ar-Raqqah, el-Fasher), collapses doubled
letters (Raqqa/Raqa) and drops a word-final h after a vowel (Raqqah/Raqqa). "Maarat al-Numan" and
"Ma'arrat an-Nu'man" both become "marat al numan".

Names are indexed with and without a leading article ("Al-Bab" is also found as "Bab"), with and without
the generic terms in ``data/admin_terms.tsv`` ("محافظة إدلب", "Idlib Governorate"), and with their words run
together, since word breaks in names vary ("البو كمال"/"البوكمال", "Port Sudan"/"بورتسودان").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.errors import ResourceError
from marsad.language.normalize import normalize_arabic, strip_clitics

_APOSTROPHES = re.compile("['’‘`´ʿʾʻʼ′]")
_NON_WORD = re.compile(r"[\W_]+")
_LATIN_ARTICLE = re.compile(r"\b[aeu](?:l|n|r|s|sh|t|th|d|dh|z|zh)\s(?=\w)")
_DOUBLED_LATIN = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[ae])h\b")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Letters of Arabic spellings: the Arabic block's letters and the Persian letters that read the same once
# folded (پ چ ژ گ ک ی). Kurdish and Urdu letters (ە ۆ ێ ڵ ھ ہ ے...) mark a name as not Arabic.
_ARABIC_NAME_LETTERS = frozenset(map(chr, range(0x0621, 0x064B))) | frozenset("پچژگکی")
_ARTICLE_KEY = "al "
# A clitic-stripped single word must keep three letters to count as a name; inside a phrase ("وود مدني",
# "وتل أبيض") the rest of the phrase vouches for a two-letter first word.
_MIN_STEM = 3
_MAX_FOLDS = 4
_MIN_STEM_IN_PHRASE = 2


@dataclass(frozen=True, slots=True)
class Term:
    """A generic term ("محافظة", "District") in key form, the feature class it implies, and where it goes."""

    key: str
    feature_class: str
    prefix: bool

    def strip(self, key: str) -> str | None:
        """``key`` without this term, or None when the term is not there (or is all there is)."""
        if self.prefix and key.startswith(self.key + " "):
            return key[len(self.key) + 1 :]
        if not self.prefix and key.endswith(" " + self.key):
            return key[: -len(self.key) - 1]
        return None


def place_key(name: str) -> str:
    """The index key of ``name``: folded for matching, Arabic or Latin (see the module docstring).

    Folding is repeated until nothing changes, because one fold can expose another ("aan-a" → "an a",
    an article only once the doubled letter is gone), and a key must be its own key.
    """
    key = name
    for _ in range(_MAX_FOLDS):
        folded = _fold_once(key)
        if folded == key:
            break
        key = folded
    return key


def _fold_once(name: str) -> str:
    key = _NON_WORD.sub(" ", _APOSTROPHES.sub("", normalize_arabic(name)))
    key = _LATIN_ARTICLE.sub(_ARTICLE_KEY, key)
    key = _FINAL_H.sub("", _DOUBLED_LATIN.sub(r"\1", key))
    return " ".join(key.split())


def is_arabic_name(name: str) -> bool:
    """Whether ``name`` is an Arabic spelling: every letter is Arabic (or Persian reading the same)."""
    letters = [char for char in unicodedata.normalize("NFKC", name) if char.isalpha()]
    return bool(letters) and all(char in _ARABIC_NAME_LETTERS for char in letters)


def is_arabic_key(key: str) -> bool:
    """Whether a key starts with an Arabic letter (so Arabic clitics may be attached to it)."""
    return bool(_ARABIC_LETTER.match(key))


@cache
def terms() -> tuple[Term, ...]:
    """The generic terms of ``data/admin_terms.tsv``, longest first so "Governorate of" wins over shorter."""
    path = resources.files("marsad.understand.places") / "data" / "admin_terms.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read places/data/admin_terms.tsv: {exc}", code="R201") from exc
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    found = [
        Term(place_key(term), feature_class, position == "prefix") for term, feature_class, position in rows
    ]
    return tuple(sorted(found, key=lambda t: len(t.key), reverse=True))


def index_keys(name: str, feature_class: str) -> set[str]:
    """Every key under which a place of ``feature_class`` called ``name`` is indexed."""
    keys = {place_key(name)}
    for term in terms():
        if term.feature_class == feature_class:
            keys.update(filter(None, (term.strip(key) for key in list(keys))))
    keys.update([key.removeprefix(_ARTICLE_KEY) for key in keys if key.startswith(_ARTICLE_KEY)])
    keys.update([key.replace(" ", "") for key in keys])
    return {key for key in keys if len(key) >= 2}


def query_keys(name: str) -> list[tuple[str, str | None]]:
    """Keys to try, in order, for a name found in text, each with the feature class it requires (or None).

    The name as written comes first; then forms without Arabic proclitics (وبحلب → حلب) or without a Latin
    article; then each of those without a generic term, restricted to the class the term implies.
    """
    key = place_key(name)
    first, _, rest = key.partition(" ")
    if is_arabic_key(key):
        min_stem = _MIN_STEM_IN_PHRASE if rest else _MIN_STEM
        variants = [f"{stem} {rest}".strip() for stem in strip_clitics(first, min_stem=min_stem)]
    else:
        variants = [key, key.removeprefix(_ARTICLE_KEY)]
    found: list[tuple[str, str | None]] = [(variant, None) for variant in variants]
    for variant in variants:
        for term in terms():
            stripped = term.strip(variant)
            if stripped:
                found.append((stripped, term.feature_class))
    found += [(key.replace(" ", ""), feature_class) for key, feature_class in found if " " in key]
    return list(dict.fromkeys(found))
