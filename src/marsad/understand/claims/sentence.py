"""One sentence seen through a language's lexicon: word tests and phrase matching by word index.

The claim finder reasons in word indexes inside a sentence (``ws[i]``) and turns them into character
offsets only at the end; this view answers the questions it keeps asking (is this word a complementizer,
does a time expression start here, is this the opening mark of a quotation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from marsad.understand.claims.lexicon import Phrase, Rules, orthography
from marsad.understand.claims.text import Quote, Word

Range = tuple[int, int]
"""A half-open range of word indexes ``[start, end)`` within a sentence."""

_CLAUSE_PUNCT = frozenset("،,؛;:()[]—–")


@dataclass(frozen=True, slots=True)
class Match:
    """Where a phrase ended: the next word index, and the length of a prefix fused on it (ل in لرويترز)."""

    end: int
    fused: int = 0


@dataclass(frozen=True, slots=True)
class View:
    """The words of one sentence, the quotations around them and the rules of their language."""

    text: str
    ws: list[Word]
    rules: Rules
    quotes: list[Quote]

    def __len__(self) -> int:
        return len(self.ws)

    def has(self, i: int, keys: Iterable[str] | frozenset[str]) -> bool:
        """Whether word ``i`` (with or without a leading conjunction) is one of ``keys``."""
        return 0 <= i < len(self.ws) and any(form in keys for form in self.ws[i].forms)

    def noun(self, i: int, keys: frozenset[str]) -> bool:
        """Whether word ``i``, stripped of clitics and article, is one of ``keys`` (nouns: بالبيان → بيان)."""
        return 0 <= i < len(self.ws) and not keys.isdisjoint(self.ws[i].bare)

    def punct(self, i: int, chars: Iterable[str] = _CLAUSE_PUNCT) -> bool:
        return 0 <= i < len(self.ws) and self.ws[i].punct and self.ws[i].key in chars

    def opener(self, i: int) -> Quote | None:
        """The quotation whose opening mark is word ``i``."""
        return next((q for q in self.quotes if q.start == self.ws[i].start), None)

    def closer(self, i: int) -> bool:
        """Whether word ``i`` is the closing mark of a quotation."""
        return any(q.closed and q.end - 1 == self.ws[i].start for q in self.quotes)

    def quoted(self, i: int) -> bool:
        """Whether word ``i`` lies inside a quotation (its marks included)."""
        return any(self.ws[i].start in q for q in self.quotes)

    def clause_punct(self, i: int) -> bool:
        """Punctuation that separates clauses or phrases (commas, colons, brackets, dashes, quote marks)."""
        if not 0 <= i < len(self.ws):
            return False
        return self.punct(i) or self.dash(i) or self.opener(i) is not None or self.closer(i)

    def dash(self, i: int) -> bool:
        """A hyphen used as a dash, spaced ("صنعاء - قالت", "GAZA - The"), unlike the one in "Houthi-run"."""
        word = self.ws[i]
        before = self.text[word.start - 1 : word.start]
        after = self.text[word.end : word.end + 1]
        return word.key == "-" and before.isspace() and (after.isspace() or not after)

    def match(self, i: int, phrase: Phrase) -> Match | None:
        """Match ``phrase`` at word ``i``; the first word may carry a conjunction, ``x+`` may be fused."""
        j = i
        for n, element in enumerate(phrase):
            if j >= len(self.ws):
                return None
            keys = self.ws[j].forms if n == 0 else (self.ws[j].key,)
            if element.endswith("+"):
                prefix = element[:-1]
                if prefix in keys:
                    j += 1
                    continue
                if n == len(phrase) - 1 and any(
                    k.startswith(prefix) and len(k) > len(prefix) + 1 for k in keys
                ):
                    return Match(j, len(prefix))
                return None
            if element not in keys:
                return None
            j += 1
        return Match(j)

    def match_any(self, i: int, phrases: Iterable[Phrase]) -> Match | None:
        """The first (longest, as the lexicon sorts them) of ``phrases`` that matches at ``i``."""
        return next((m for p in phrases if (m := self.match(i, p)) is not None), None)

    def time_at(self, i: int) -> bool:
        """Whether a time expression starts at word ``i`` ("يوم السبت", "اليوم", "on Saturday", "earlier")."""
        r = self.rules
        if self.has(i, r.time_words):
            return True
        return self.has(i, r.time_prefixes) and (
            self.has(i + 1, r.time_words) or self.has(i + 1, r.time_nouns)
        )

    def channel_at(self, i: int) -> bool:
        """Whether a channel phrase starts at ``i`` ("في بيان", "in a televised address", "on X")."""
        r = self.rules
        if not self.has(i, r.channel_prepositions):
            return False
        for j in range(i + 1, min(len(self.ws), i + 1 + r.channel_window)):
            if self.ws[j].punct:
                return False
            if self.noun(j, r.channel_nouns):
                return True
        return False

    def complementizer(self, i: int) -> bool:
        """A complementizer opening reported speech (إن, أن, that), not one after a subordinator (بعد أن)."""
        return self.has(i, self.rules.complementizers) and not self.has(i - 1, self.rules.subordinators)

    def conjunction(self, i: int) -> bool:
        """A conjunction standing alone ("و", "and", "but"): never the edge of a speaker or a content."""
        key = self.ws[i].key
        return key in orthography().conjunctions or key in self.rules.coordinators

    def words_in(self, span: Range) -> int:
        """How many real words (not punctuation) lie in ``span``."""
        return sum(1 for w in self.ws[span[0] : span[1]] if not w.punct)
