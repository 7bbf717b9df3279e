"""Token features for the CRF named-entity tagger, shared by training (``scripts/train_ner.py``) and tagging.

Keeping one implementation matters: a feature computed slightly differently at run time than at training time
silently costs accuracy. Arabic words carry proclitics (``و`` and, ``ب`` in, ``ل`` for, ``ال`` the…), so
beside the surface form each token gets a normalised form, a clitic-stripped stem, affixes and clitic flags;
gazetteer matches (place and name lists) and a ±2 window let the model see context such as titles before
names.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_RE = re.compile("[A-Za-z]")
_DIGIT_RE = re.compile(r"\d")
# Proclitics stripped in order when looking for a stem: conjunction, then preposition, then article.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_ARTICLE = "ال"
_MIN_STEM = 2
WINDOW = 2
MAX_NAME_TOKENS = 6
_MIN_MEMORY_STEM = 3


def normalise(word: str) -> str:
    """Fold spelling variants that Arabic news uses interchangeably (hamza forms, ى/ي, ة/ه, diacritics)."""
    return _DIACRITICS_RE.sub("", word).translate(_ARABIC_FOLD).lower()


def split_proclitics(word: str) -> tuple[str, str]:
    """Split a normalised word into (proclitics, stem): ``والقاهره`` → (``وال``, ``قاهره``).

    Stripping is conservative (the stem keeps at least two letters) because many names begin with the same
    letters as clitics; the CRF sees both the surface form and the stem and weighs them itself.
    """
    prefix, rest = "", word
    if rest[:1] in _CONJUNCTIONS and len(rest) - 1 > _MIN_STEM:
        prefix, rest = rest[:1], rest[1:]
    if rest.startswith("لل") and len(rest) - 2 >= _MIN_STEM:
        return prefix + "لل", rest[2:]
    if rest[:1] in _PREPOSITIONS and rest[1:3] == _ARTICLE and len(rest) - 3 >= _MIN_STEM:
        return prefix + rest[:3], rest[3:]
    if rest.startswith(_ARTICLE) and len(rest) - 2 >= _MIN_STEM:
        return prefix + _ARTICLE, rest[2:]
    return prefix, rest


def name_variants(word: str) -> list[str]:
    """Forms under which a normalised token may appear in a name list: itself and without its proclitics.

    ``وبالقاهره`` may be ``القاهره`` (a listed name with its article), ``للقاهره`` is ``ل`` + ``القاهره``.
    """
    variants = [word]
    prefix, stem = split_proclitics(word)
    if prefix:
        variants.append(stem)
        if prefix.endswith(_ARTICLE) or prefix.endswith("لل"):
            variants.append(_ARTICLE + stem)
    return variants


@dataclass
class Gazetteer:
    """Normalised multi-token names with their entity types (``LOC``, ``PERS``, ``ORG``...)."""

    names: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Read a gzipped ``name<TAB>TYPE[,TYPE]`` file written by :meth:`save`."""
        names: dict[tuple[str, ...], frozenset[str]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                name, _, types = line.rstrip("\n").partition("\t")
                names[tuple(name.split(" "))] = frozenset(types.split(","))
        return cls(names)

    def add(self, name: str, entity_type: str) -> None:
        """Add a name as written (it is normalised here); one-letter names are ignored as pure noise."""
        key = tuple(normalise(part) for part in name.split())
        if not key or len(key) > MAX_NAME_TOKENS or len("".join(key)) < _MIN_STEM:
            return
        self.names[key] = self.names.get(key, frozenset()) | {entity_type}

    def save(self, path: Path) -> None:
        """Write the gazetteer sorted, so rebuilding it from the same sources gives identical bytes."""
        rows = sorted(f"{' '.join(key)}\t{','.join(sorted(types))}\n" for key, types in self.names.items())
        with gzip.GzipFile(path, "wb", mtime=0) as out:
            out.write("".join(rows).encode("utf-8"))

    def match(self, normalised: Sequence[str]) -> list[list[str]]:
        """Greedy longest matches: each token gets the ``B-TYPE``/``I-TYPE`` marks of its covering match."""
        marks: list[list[str]] = [[] for _ in normalised]
        i = 0
        while i < len(normalised):
            length, types = self._longest_at(normalised, i)
            for j in range(i, i + length):
                marks[j] = [f"{'B' if j == i else 'I'}-{t}" for t in sorted(types)]
            i += max(length, 1)
        return marks

    def _longest_at(self, normalised: Sequence[str], i: int) -> tuple[int, frozenset[str]]:
        """The longest listed name starting at token ``i`` (its first token may carry proclitics)."""
        for length in range(min(MAX_NAME_TOKENS, len(normalised) - i), 0, -1):
            tail = tuple(normalised[i + 1 : i + length])
            for first in name_variants(normalised[i]):
                types = self.names.get((first, *tail))
                if types:
                    return length, types
        return 0, frozenset()


def _shape(word: str) -> str:
    """Coarse script/shape class: Arabic, Latin (capitalised or not), digits, mixed or punctuation."""
    if _ARABIC_LETTER_RE.search(word):
        return "ar-digit" if _DIGIT_RE.search(word) else "ar"
    if _LATIN_RE.search(word):
        if word.isupper():
            return "LAT"
        return "Lat" if word[0].isupper() else "lat"
    if _DIGIT_RE.search(word):
        return "digit"
    return "punct"


def _token_features(word: str) -> dict[str, str]:
    """Features of one token on its own; the window step copies some of them to neighbours."""
    norm = normalise(word)
    prefix, stem = split_proclitics(norm)
    feats = {"w": word.lower(), "n": norm, "stem": stem, "pre": prefix, "shape": _shape(word)}
    feats["len"] = str(min(len(norm), 8))
    for k in range(1, 5):
        if len(norm) > k:
            feats[f"p{k}"] = norm[:k]
            feats[f"s{k}"] = norm[-k:]
    if len(stem) > 2:
        feats["stem_s2"] = stem[-2:]
    return feats


_CONTEXT_KEYS = ("n", "stem", "shape", "pre")


def entity_memory(sentences: Iterable[Sequence[str]], labels: Iterable[Sequence[str]]) -> dict[str, str]:
    """The entity type most often given to each stem in a document (by a first tagging pass).

    A name is often introduced with a title and full form (``الرئيس جورج بوش``) and later appears bare
    (``بوش``); remembering the first pass's decisions across the document lets the second pass tag the bare
    mentions consistently (Krishnan & Manning 2006, "An effective two-stage model… non-local dependencies").
    """
    votes: dict[str, Counter[str]] = {}
    for tokens, tags in zip(sentences, labels, strict=True):
        for token, tag in zip(tokens, tags, strict=True):
            stem = split_proclitics(normalise(token))[1]
            if tag != "O" and len(stem) >= _MIN_MEMORY_STEM:
                votes.setdefault(stem, Counter())[tag[2:]] += 1
    return {stem: counts.most_common(1)[0][0] for stem, counts in votes.items()}


def sentence_features(
    tokens: Sequence[str], gazetteer: Gazetteer | None = None, memory: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Feature strings (``name=value``) for every token of one sentence, in python-crfsuite's item format.

    ``memory`` (from :func:`entity_memory`) is given only to the second-pass model.
    """
    singles = [_token_features(t) for t in tokens]
    gaz_marks = gazetteer.match([f["n"] for f in singles]) if gazetteer else [[] for _ in tokens]
    remembered = [memory.get(f["stem"]) for f in singles] if memory is not None else []
    items = []
    for i, feats in enumerate(singles):
        item = [f"{k}={v}" for k, v in feats.items()]
        item.extend(_window(singles, i))
        item.extend(_gazetteer_window(gaz_marks, i))
        item.extend(_memory_window(remembered, i))
        items.append(item)
    return items


def _memory_window(remembered: Sequence[str | None], i: int) -> Iterable[str]:
    """Remembered entity types of the token and its direct neighbours."""
    for off in (-1, 0, 1):
        j = i + off
        if 0 <= j < len(remembered) and remembered[j]:
            yield f"{off}:mem={remembered[j]}"


def _window(singles: Sequence[dict[str, str]], i: int) -> Iterable[str]:
    """Neighbour features at offsets -2..+2 and the word bigrams around the token."""
    for off in range(-WINDOW, WINDOW + 1):
        j = i + off
        if off == 0:
            continue
        if not 0 <= j < len(singles):
            yield f"{off}:edge"
            continue
        for key in _CONTEXT_KEYS:
            yield f"{off}:{key}={singles[j][key]}"
    if i > 0:
        yield f"bi-1={singles[i - 1]['n']}|{singles[i]['n']}"
    if i + 1 < len(singles):
        yield f"bi+1={singles[i]['n']}|{singles[i + 1]['n']}"


def _gazetteer_window(marks: Sequence[Sequence[str]], i: int) -> Iterable[str]:
    """Gazetteer marks of the token and its direct neighbours."""
    for off in (-1, 0, 1):
        j = i + off
        if 0 <= j < len(marks):
            for mark in marks[j]:
                yield f"{off}:gz={mark}"
