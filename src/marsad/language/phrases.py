"""Tokens of folded text and multi-word lexicon look-up, shared by the number and date readers.

Numbers and dates are read from the *folded* copy of a text (:func:`marsad.language.normalize.
normalize_with_offsets`), where every digit script is ASCII, hamza seats and case are gone, and so a lexicon
needs one spelling per word. The readers work on tokens rather than characters because their grammars are
about words ("خمسة وعشرون", "تشرين الثاني", "more than"), and an Arabic word can carry proclitics
("وثلاثة", "بعشرات", "والسبت") that must be looked through but left out of the reported span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from marsad.language.normalize import normalize_arabic, strip_clitics

V = TypeVar("V")

# A token is a digit run (with thousands/decimal separators inside it, or thin-space grouping "1 200"), a
# run of letters, or one other non-space character. Letters and digits never share a token, so "و30" and
# "لـ5" split into a proclitic and a number.
_TOKEN_RE = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)|\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_ARTICLE = "ال"
_AND = "و"
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the folded text; ``start``/``end`` index the folded string, not the original."""

    text: str
    start: int
    end: int

    @property
    def is_digits(self) -> bool:
        """True for a number written in digits (the folded text only has ASCII digits)."""
        return self.text[0].isdecimal()

    @property
    def is_word(self) -> bool:
        """True for a run of letters."""
        return self.text[0].isalpha()


def scan(folded: str) -> list[Token]:
    """Split folded text into :class:`Token` s (see ``_TOKEN_RE``)."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(folded)]


def fold_phrase(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the token texts it matches: folded exactly like the text it will meet."""
    return tuple(t.text for t in scan(normalize_arabic(phrase)))


@cache
def stems(word: str) -> tuple[tuple[str, int], ...]:
    """``(stem, prefix_length)`` readings of a folded word: itself, then without its proclitics.

    Only readings that are a suffix of the word are kept (so the prefix can be cut off the span), and a
    prefix that holds the article is refused: a number or weekday word is never matched *through* "ال"
    (الاثنين is Monday, not "the two"; المئة in "في المئة" is not a hundred). Lexicons list the article
    forms they accept (السبت, العام) as words of their own. A two-letter stem is only trusted after the
    conjunction و (وست is "and six"; لست is "I am not").
    """
    readings = [(word, 0)]
    for stem in strip_clitics(word, min_stem=2)[1:]:
        prefix = word[: len(word) - len(stem)]
        if not word.endswith(stem) or _ARTICLE in prefix or prefix.endswith("لل"):
            continue
        if len(stem) >= _MIN_STEM or prefix == _AND:
            readings.append((stem, len(prefix)))
    return tuple(readings)


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[V]):
    """A phrase found on tokens ``[index, end)``; the first ``prefix`` characters are proclitics."""

    value: V
    index: int
    end: int
    prefix: int


class PhraseTable(Generic[V]):
    """Phrases of one or more words, each with a value, matched longest first on a token sequence."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in entries:
            words = fold_phrase(phrase)
            if words:
                by_first.setdefault(words[0], []).append((words, value))
        for options in by_first.values():
            options.sort(key=lambda option: len(option[0]), reverse=True)
        self._by_first = by_first

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def match(self, tokens: Sequence[Token], index: int, *, clitics: bool = False) -> PhraseMatch[V] | None:
        """The longest phrase starting at ``tokens[index]``; with ``clitics``, the first word may carry
        proclitics (و ف ب ك ل and their combinations, never the article)."""
        if index >= len(tokens):
            return None
        readings = stems(tokens[index].text) if clitics else ((tokens[index].text, 0),)
        for first, prefix in readings:
            for words, value in self._by_first.get(first, ()):
                end = index + len(words)
                following = tuple(t.text for t in tokens[index + 1 : end])
                if end <= len(tokens) and following == words[1:]:
                    return PhraseMatch(value, index, end, prefix)
        return None
