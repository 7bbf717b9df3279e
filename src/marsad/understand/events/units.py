"""Sentences and clauses of an article, as word ranges, for reading events one clause at a time.

An event is reported in a clause ("rebels seized the airport"), while the rest of the sentence often says
something else: who said so, what an actor is ("التي تسيطر على جزء كبير من سوريا"), or a past that only frames
it ("منذ عام 2016"). So the event stage looks for a trigger, its place and its modality in the clause first
and falls back to the sentence. Sentences come from the claims splitter
(:mod:`marsad.understand.claims.text`), which never cuts inside a quotation, so events and claims agree on
sentence boundaries; clauses end at commas and semicolons and before clause-opening words ("فيما", "while").
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from marsad.understand.claims.text import Word, paragraphs, quotations, sentences
from marsad.understand.events.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Clause:
    """Words ``[lo, hi)`` of the article, a clause of one sentence."""

    lo: int
    hi: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """Words ``[lo, hi)`` of the article; ``paragraph`` counts paragraphs from 0; ``index`` sentences."""

    index: int
    paragraph: int
    lo: int
    hi: int
    clauses: tuple[Clause, ...]

    def clause_of(self, word: int) -> Clause:
        """The clause holding word ``word`` (which must be in this sentence)."""
        for clause in self.clauses:
            if clause.lo <= word < clause.hi:
                return clause
        return self.clauses[-1]


def _clauses(ws: Sequence[Word], lo: int, hi: int, lex: Lexicon) -> tuple[Clause, ...]:
    cuts = [lo]
    for i in range(lo + 1, hi):
        if ws[i - 1].text in lex.clause_breaks or lex.clause_openers.at(ws, i, hi) is not None:
            cuts.append(i)
    cuts.append(hi)
    return tuple(Clause(a, b) for a, b in pairwise(cuts) if a < b)


def split(text: str, ws: Sequence[Word], lex: Lexicon) -> list[Sentence]:
    """The sentences of ``text`` (whose words are ``ws``), each cut into clauses."""
    starts = [w.start for w in ws]
    found: list[Sentence] = []
    for number, (para_start, para_end) in enumerate(paragraphs(text)):
        quotes = quotations(text, para_start, para_end)
        for start, end in sentences(text, para_start, para_end, quotes):
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            if lo < hi:
                found.append(Sentence(len(found), number, lo, hi, _clauses(ws, lo, hi, lex)))
    return found
