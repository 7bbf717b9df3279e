"""Arabic/Latin normalisation for *matching*, with a map back to the original text.

News spells the same word many ways: with or without hamza seats and diacritics, ى or ي at the end, ة or
ه, Persian keheh/yeh from copy-pasted sources, tatweel for justification, Arabic-Indic or ASCII digits, Latin
names with or without accents. Lexicons and the gazetteer are matched on a folded copy of the text so all of
these meet. The original text is never changed: :func:`normalize_with_offsets` says, for every folded
character, which original code point it came from, so a match in the folded copy maps back to an exact
original span.

The fold works one character at a time (so offsets stay simple) and is computed to a fixed point, which makes
it idempotent. Per character, in order:

* compatibility forms (Arabic presentation forms such as the lam-alef ligature, fullwidth Latin) expand
  via NFKC;
* Latin and other cased scripts are casefolded;
* canonical decomposition, then every combining mark is dropped: Arabic tashkeel, superscript alef, Quranic
  marks, the hamza/madda of أ إ آ ؤ ئ, and Latin accents (é → e, ḩ → h);
* invisible format characters (ZWNJ, bidi marks) are dropped and every kind of space becomes " ";
* the table ``data/arabic_fold.tsv`` folds the remaining letter variants and the digits (ٱ → ا, ى → ي, ة → ه,
  ک → ك, ٣ → 3, tatweel deleted...).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import product

from marsad.errors import ResourceError

_DATA = resources.files("marsad.language") / "data"
# Code points whose compatibility decomposition is wanted (presentation forms, ligatures, fullwidth forms).
_COMPAT_BLOCK = range(0xFB00, 0xFFF0)
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


def _data_rows(name: str) -> list[list[str]]:
    """Rows of a shipped TSV file, without comments and header, split on tabs."""
    try:
        text = (_DATA / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"cannot read language data file {name}: {exc}", code="R101") from exc
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


@cache
def _fold_table() -> dict[str, str]:
    """The letter/digit fold table from ``arabic_fold.tsv``: source character → replacement ("" deletes)."""
    return {
        chr(int(source, 16)): "".join(chr(int(code, 16)) for code in target.split())
        for source, target, *_ in _data_rows("arabic_fold.tsv")
    }


def _fold_once(text: str) -> str:
    """One pass of the per-character fold described in the module docstring."""
    table = _fold_table()
    out: list[str] = []
    for char in text:
        if ord(char) in _COMPAT_BLOCK:
            char = unicodedata.normalize("NFKC", char)
        for part in unicodedata.normalize("NFD", char.casefold()):
            category = unicodedata.category(part)
            if category in _DROPPED_CATEGORIES:
                continue
            out.append(" " if category == "Zs" else table.get(part, part))
    return "".join(out)


@cache
def _fold_char(char: str) -> str:
    """The folded form of one character, iterated to a fixed point so that folding is idempotent."""
    folded = char
    while (again := _fold_once(folded)) != folded:
        folded = again
    return folded


def normalize_arabic(text: str) -> str:
    """Fold ``text`` for matching (see the module docstring); never use the result as displayed text."""
    return "".join(map(_fold_char, text))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map each folded character back to the index of the original code point it came from.

    ``offsets[i]`` is the original index of folded character ``i``; the list is non-decreasing (a character
    that expands, such as the lam-alef ligature, repeats its index; deleted characters leave gaps).
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        chars.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


def original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map the folded span ``[start, end)`` back to ``text`` (the original).

    The end is extended over original characters the fold deleted right after the match (diacritics, tatweel,
    joiners) so that a span covers whole letters as a reader sees them: the match of "حلب" in "حَلَبُ" is the
    whole word.
    """
    if start >= end:
        position = offsets[start] if start < len(offsets) else len(text)
        return position, position
    original_end = offsets[end - 1] + 1
    while original_end < len(text) and not _fold_char(text[original_end]):
        original_end += 1
    return offsets[start], original_end


@dataclass(frozen=True, slots=True)
class _Proclitic:
    """A proclitic sequence as spelled, the article its stem had ("" if none), and whether it contracted.

    ل + ال is spelled لل, and when the stem itself starts with ل one more lam goes (ل + الليل = لليل), so a
    contracted sequence offers the stem with the article restored both ways.
    """

    spelled: str
    article: str
    contracted: bool


@cache
def _proclitics() -> tuple[_Proclitic, ...]:
    """Every conjunction+preposition+article combination in ``arabic_proclitics.tsv``, as spelled."""
    slots: dict[str, list[str]] = {}
    contractions: dict[str, str] = {}
    for slot, forms, *_ in _data_rows("arabic_proclitics.tsv"):
        if slot == "contraction":
            combined, spelled = forms.split("=")
            contractions[combined] = spelled
        else:
            slots[slot] = [normalize_arabic(form) for form in forms.split()]
    found: list[_Proclitic] = []
    for parts in product([""] + slots["conjunction"], [""] + slots["preposition"], ["", *slots["article"]]):
        combined = "".join(parts)
        if combined:
            spelled = combined
            for joined, contraction in contractions.items():
                spelled = spelled.replace(joined, contraction)
            found.append(_Proclitic(spelled, parts[2], spelled != combined))
    return tuple(sorted(found, key=lambda p: len(p.spelled)))


def strip_clitics(token: str, *, min_stem: int = 3) -> list[str]:
    """Candidate stems of a normalised Arabic ``token``, the token itself first, longest candidates first.

    Each proclitic sequence the token starts with (و ف ب ك ل ال and their combinations) yields the remainder;
    when the sequence included the article, the remainder is offered with ``ال`` restored first and bare
    second, because place and organisation names usually carry it (بالرقة → الرقة, للجيش → الجيش, للاذقية →
    اللاذقية). Stems shorter than ``min_stem`` letters are not offered: they are more often a word's own
    letters than a name.
    Callers try the candidates in order and keep the first that matches.
    """
    candidates = [token]
    for proclitic in _proclitics():
        stem = token[len(proclitic.spelled) :]
        if not token.startswith(proclitic.spelled) or len(stem) < min_stem:
            continue
        if proclitic.article:
            candidates.append(proclitic.article + stem)
        if proclitic.contracted:
            candidates.append(proclitic.article + proclitic.article[-1] + stem)
        candidates.append(stem)
    unique = list(dict.fromkeys(candidates))
    return [token, *sorted(unique[1:], key=len, reverse=True)]
