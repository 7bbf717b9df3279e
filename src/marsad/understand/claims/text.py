"""Words, quotations and sentences of an article, all with code-point offsets into the original text.

Claims are read sentence by sentence, and a sentence must never end inside a quotation: a quoted statement
often holds several sentences of its own ("…“I am from Aleppo. We are back.”"). So quotations are found
first, per paragraph, and the sentence splitter only cuts outside them. Quote marks are used loosely in
news, especially in translated Arabic (”…” with the same mark on both sides, "و”حثت" with a conjunction
glued to the opening mark), so pairing is tolerant: an opener is any quote mark that starts a word, and it
closes at the next mark of a matching kind that ends one (the pairs are in ``data/cues.yaml``). Single
quotes double as apostrophes (Assad's, don't), so they count only when they close in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.language.normalize import normalize_arabic, strip_clitics
from marsad.language.tokenize import tokenize
from marsad.understand.claims.lexicon import orthography

_ENDERS = frozenset(".!?؟")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_ABBREVIATION = re.compile(r"(?:^|[\s(])((?:[A-Za-z]\.)*[A-Za-z]+)\.$")


@dataclass(frozen=True, slots=True)
class Word:
    """A token with the keys used to match it against the lexicons.

    ``key`` is the normalised token; ``forms`` adds it without a leading conjunction (وقال → قال) and
    ``bare`` holds every clitic-stripped reading without the article (للجيش → جيش), for nouns.
    """

    text: str
    start: int
    end: int
    key: str
    forms: tuple[str, ...]
    bare: frozenset[str]

    @property
    def punct(self) -> bool:
        return not self.key[:1].isalnum()

    @property
    def arabic(self) -> bool:
        return bool(_ARABIC_LETTER.search(self.key))


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start`` is its opening mark, ``end`` is past its closing mark (or the paragraph end)."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end

    def __contains__(self, offset: int) -> bool:
        return self.start <= offset < self.end


@cache
def _keys(key: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The conjunction-stripped forms and the bare noun readings of one normalised token."""
    if not _ARABIC_LETTER.search(key):
        return (key,), frozenset({key})
    forms = (key, key[1:]) if key[:1] in orthography().conjunctions and len(key) > 2 else (key,)
    bare = set()
    for candidate in strip_clitics(key):
        bare.add(candidate)
        if candidate.startswith("ال") and len(candidate) > 4:
            bare.add(candidate[2:])
    return forms, frozenset(bare)


def words(text: str) -> list[Word]:
    """The tokens of ``text`` as :class:`Word`, without those that normalise to nothing (a lone tatweel)."""
    out = []
    for token in tokenize(text):
        key = normalize_arabic(token.text)
        if key:
            forms, bare = _keys(key)
            out.append(Word(token.text, token.start, token.end, key, forms, bare))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as ``(start, end)``: in article bodies a paragraph never spans lines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _opens(text: str, i: int, start: int) -> bool:
    """Whether the mark at ``i`` can open a quotation: it starts a word."""
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in orthography().strict_quotes:
        before = text[i - 1] if i > start else " "
        return after.isalpha() and not before.isalnum()
    return not after.isspace() and after not in ",.;:،؛"


def _closes(text: str, i: int, end: int) -> bool:
    """Whether the mark at ``i`` can close a quotation: it ends a word (a single quote must not go on)."""
    if i == 0 or text[i - 1].isspace():
        return False
    return text[i] not in "'’" or i + 1 >= end or not text[i + 1].isalpha()


def _close_of(text: str, opener: int, end: int) -> int | None:
    closers = orthography().quotes[text[opener]]
    for i in range(opener + 1, end):
        if text[i] in closers and _closes(text, i, end):
            return i
    return None


def quotations(text: str, start: int, end: int) -> list[Quote]:
    """The quotations of the paragraph ``text[start:end]``, outermost only, in order.

    A double quote left open runs to the end of the paragraph (the English convention for a quotation
    that goes on into the next paragraph); an unclosed single quote is an apostrophe and is skipped.
    """
    marks = orthography()
    found: list[Quote] = []
    i = start
    while i < end:
        if text[i] in marks.quotes and _opens(text, i, start):
            close = _close_of(text, i, end)
            if close is not None:
                found.append(Quote(i, close + 1, closed=True))
                i = close + 1
                continue
            if text[i] not in marks.strict_quotes:
                found.append(Quote(i, end, closed=False))
                break
        i += 1
    return found


def _ends_sentence(text: str, i: int, end: int) -> bool:
    """Whether the ender at ``i`` closes a sentence: followed by space or a closer, and no abbreviation."""
    after = text[i + 1] if i + 1 < end else " "
    closers = "".join(orthography().quotes.values())
    if not (after.isspace() or after in closers or after == ")"):
        return False
    if text[i] == ".":
        match = _ABBREVIATION.search(text[max(0, i - 12) : i + 1])
        if match and (len(match.group(1)) == 1 or match.group(1).lower() in orthography().abbreviations):
            return False
    return True


def _ends_with_quote(text: str, i: int, end: int, quotes: list[Quote]) -> bool:
    """An ender right before a quotation's closing mark, and a new sentence after it ('…retreat." "We…')."""
    closing = next((q for q in quotes if q.closed and q.end - 2 == i), None)
    rest = text[i + 2 : end].lstrip()
    return closing is not None and rest[:1] != "" and (rest[0].isupper() or rest[0] in orthography().quotes)


def sentences(text: str, start: int, end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Split the paragraph ``text[start:end]`` into sentences, never inside one of ``quotes``."""
    spans = []
    begin = start
    for i in range(start, end):
        if text[i] not in _ENDERS:
            continue
        if _ends_with_quote(text, i, end, quotes):
            spans.append((begin, i + 2))
            begin = i + 2
        elif not any(i in q for q in quotes) and _ends_sentence(text, i, end):
            spans.append((begin, i + 1))
            begin = i + 1
    spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
