"""A small Arabic/English word tokenizer that keeps code-point offsets into the original text.

It follows the convention of ANERcorp (the corpus the Arabic NER model is trained on): words are split on
whitespace and punctuation (Latin and Arabic: ``، ؛ ؟ « » “ ”``) becomes its own token, but Arabic clitics
stay attached (``والقاهرة`` is one token) and a number keeps its decimal point and percent sign
(``3.5``, ``30%``).
Matching the training convention matters more than linguistic finesse: the tagger's features assume it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word is a run of letters, digits, combining marks (Arabic diacritics) and joiners; inside it a decimal
# separator between digits is kept, and a trailing percent sign stays on a number.
_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_WORD = rf"(?:[^\W_]|[{_MARK}])+"
_NUMBER = r"\d+(?:[.,\u066b\u066c]\d+)+%?|\d+%"
_TOKEN_RE = re.compile(rf"{_NUMBER}|{_WORD}|\S")
# Characters that are invisible in text and must never become tokens of their own.
_INVISIBLE = frozenset("\u200e\u200f\u200b\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text and its ``[start, end)`` code-point span in the original string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens; ``text[t.start:t.end] == t.text`` always."""
    return [
        Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text) if m.group() not in _INVISIBLE
    ]
