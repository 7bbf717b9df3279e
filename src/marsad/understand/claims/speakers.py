"""Speakers: cutting a speaker's noun phrase out of the words around a cue, its kind, and who "he" is.

A speech verb's neighbourhood holds more than its speaker: "وقال أحد السكان لرويترز يوم السبت إن…" has
an addressee (Reuters, the channel the claim reached us through) and a time; "said in a statement on
Saturday" a channel. :func:`trim` keeps the noun phrase and cuts at the first such adjunct, collecting
media addressees as ``via``. Titles and appositions stay ("المتحدث باسم الجيش، فلان", "John Smith, a
spokesman"); relative clauses go ("الذي تديره الدولة", ", which monitors the war").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.language.normalize import normalize_arabic
from marsad.read.lexicon import agencies
from marsad.understand.claims.lexicon import Kind, rules
from marsad.understand.claims.sentence import Match, Range, View

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Trimmed:
    """A speaker phrase cut out of a region: its words, a preposition fused on its first word, and vias."""

    speaker: Range | None
    fused: int = 0
    via: tuple[tuple[Range, int], ...] = ()
    """Media addressees as ``(words, fused prefix length)``, e.g. لرويترز → (رويترز, 1)."""


@cache
def _agency_aliases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """News agencies known to the reader (``read/data/datelines.yaml``): normalised alias words and name,
    longest aliases first."""
    aliases = {tuple(normalize_arabic(alias).split()): name for alias, name in agencies().by_alias.items()}
    return tuple(sorted(aliases.items(), key=lambda item: -len(item[0])))


def agency_at(view: View, i: int) -> tuple[int, str] | None:
    """A news agency named at word ``i`` (clitics allowed on its first word): ``(end index, name)``."""
    for alias, name in _agency_aliases():
        end = i + len(alias)
        if end > len(view.ws) or alias[0] not in view.ws[i].bare:
            continue
        if all(view.ws[i + k].key == alias[k] for k in range(1, len(alias))):
            return end, name
    return None


def _fused_addressee(view: View, i: int) -> bool:
    """An Arabic addressee with ل fused on it (لرويترز, لوكالة, للصحفيين)."""
    word = view.ws[i]
    return word.arabic and any(form.startswith("ل") and len(form) > 3 for form in word.forms)


def is_media(view: View, i: int) -> bool:
    """Whether word ``i`` names a news medium (a media head noun or a known agency)."""
    return view.noun(i, view.rules.addressee_heads) or agency_at(view, i) is not None


def addressee_at(view: View, i: int) -> Match | None:
    """An addressee starting at ``i``: لـ + a name (``fused`` = 1), or "with/to" + a name in English.

    Only media and press audiences count: a ل-word inside a name (المركز الروسي للمصالحة) is not one.
    """
    r = view.rules
    if i < len(view.ws) and _fused_addressee(view, i):
        if is_media(view, i) or view.noun(i, r.audience):
            return Match(i, 1)
        return None
    if view.has(i, r.addressee_prepositions) and (is_media(view, i + 1) or view.noun(i + 1, r.audience)):
        return Match(i + 1)
    return None


def stops(view: View, i: int, objects: tuple[str, ...] = (), cut_prefixed: bool = False) -> bool:
    """Whether word ``i`` ends a speaker phrase (see the module docstring).

    ``objects`` are the words that open the verb's object (على, إلى); those fused on a word (ب+) are only
    cut when ``cut_prefixed``, because a speaker may itself hold one ("المتحدث باسم الجيش").
    """
    r = view.rules
    if view.time_at(i) or view.channel_at(i) or addressee_at(view, i) is not None:
        return True
    if view.match_any(i, (*r.relatives, *r.adverbs, *r.as_saying, *r.via_markers)) is not None:
        return True
    if view.has(i, [o for o in objects if not o.endswith("+")]):
        return True
    prefixed = [o[:-1] for o in objects if o.endswith("+")]
    return cut_prefixed and any(view.ws[i].key.startswith(p) and len(view.ws[i].key) > 3 for p in prefixed)


def _adjunct_end(view: View, a: int, b: int) -> int:
    """The end of an adjunct starting at ``a`` (time, channel, addressee, adverb), or ``a`` if none starts."""
    r = view.rules
    if (view.ws[a].punct and view.opener(a) is None) or view.conjunction(a):
        return a + 1
    if (m := view.match_any(a, r.adverbs)) is not None:
        return m.end
    if view.time_at(a):
        return a + 1 if view.has(a, r.time_words) else a + 2
    if view.channel_at(a) or addressee_at(view, a) is not None:
        j = a + 1
        while j < b and not (
            view.ws[j].punct or view.time_at(j) or view.channel_at(j) or view.complementizer(j)
        ):
            j += 1
        return j
    return a


def skip_adjuncts(view: View, a: int, b: int) -> int:
    """Skip punctuation, conjunctions and adjuncts from ``a``: the first word of a speaker or content."""
    while a < b and (end := _adjunct_end(view, a, b)) > a:
        a = end
    return min(a, b)


def _strip_trailing(view: View, a: int, e: int) -> int:
    r = view.rules
    while e > a and (view.ws[e - 1].punct or view.conjunction(e - 1) or view.has(e - 1, r.verb_modifiers)):
        e -= 1
    return e


def _after_document(view: View, a: int, b: int) -> tuple[int, int]:
    """Skip "بيان صادر عن" / "a statement from" at the start: the speaker is who issued the document."""
    r = view.rules
    i = a + 1 if view.has(a, r.determiners) else a
    if not view.noun(i, r.document_nouns):
        return a, 0
    for j in range(i + 1, min(b, i + 3)):
        if (m := view.match_any(j, r.document_linkers)) is not None and m.end <= b:
            return (m.end, m.fused) if m.end < b else (a, 0)
    return (i + 1, 0) if view.ws[i].arabic and i + 1 < b and not view.ws[i + 1].punct else (a, 0)


def vias(view: View, a: int, b: int) -> tuple[tuple[Range, int], ...]:
    """Media addressees in ``[a, b)`` (لرويترز, "told Reuters", "in an interview with Al Jazeera")."""
    found = []
    j = a
    while j < b:
        m = addressee_at(view, j)
        if m is not None and is_media(view, m.end):
            end = m.end + 1
            while end < b and not view.ws[end].punct and not stops(view, end):
                end += 1
            found.append(((m.end, end), m.fused))
            j = end
        else:
            j += 1
    return tuple(found)


def trim(view: View, a: int, b: int, objects: tuple[str, ...] = (), cut_prefixed: bool = False) -> Trimmed:
    """Cut the speaker's noun phrase out of the words ``[a, b)``; media addressees after it become vias."""
    a = skip_adjuncts(view, a, b)
    a, fused = _after_document(view, a, b)
    e = a
    while e < b and (e == a or not stops(view, e, objects, cut_prefixed)):
        e += 1
    end = _strip_trailing(view, a, e)
    return Trimmed((a, end) if end > a else None, fused if end > a else 0, vias(view, e, b))


def _kind_at(view: View, i: int, end: int) -> Kind | None:
    for phrase, kind in view.rules.kinds:
        if i + len(phrase) <= end and all(phrase[k] in view.ws[i + k].bare for k in range(len(phrase))):
            return kind
    return None


def _heads(view: View, span: Range) -> list[int]:
    """Word positions in the order they may be the head: the first word on in Arabic; in English each comma
    part's words before its first preposition, last word first ("a military source for…" → source)."""
    if not view.rules.head_final:
        return list(range(*span))
    order: list[int] = []
    start = span[0]
    for j in range(span[0], span[1] + 1):
        if j == span[1] or view.punct(j):
            end = next((k for k in range(start + 1, j) if view.has(k, view.rules.prepositions)), j)
            order.extend(range(end - 1, start - 1, -1))
            start = j + 1
    return order + [j for j in range(*span) if j not in order]


def kind_of(view: View, span: Range) -> Kind | None:
    """The speaker's kind from its head noun, as listed in ``speakers.yaml`` (a known agency is media)."""
    if agency_at(view, span[0]) is not None:
        return "media"
    return next((k for i in _heads(view, span) if (k := _kind_at(view, i, span[1])) is not None), None)


@lru_cache(maxsize=4096)
def compare_tokens(text: str) -> tuple[tuple[str, ...], ...]:
    """The text's comma-separated parts as normalised words without articles, for matching short forms."""
    determiners = rules("en").determiners
    parts = []
    for part in re.split(r"[,،]", normalize_arabic(text)):
        tokens = []
        for token in _WORD.findall(part):
            if token in determiners:
                continue
            tokens.append(token[2:] if token.startswith("ال") and len(token) > 4 else token)
        if tokens:
            parts.append(tuple(tokens))
    return tuple(parts)


def shortens(short: str, full: str) -> bool:
    """Whether ``short`` is a shortened mention of ``full``: "كيربي" of "المتحدث…، جون كيربي", "the ministry"
    of "the Health Ministry". Its words must all belong to one part of ``full`` and include that part's
    first or last word (the head or the surname)."""
    words = [w for part in compare_tokens(short) for w in part]
    if not words or normalize_arabic(short) == normalize_arabic(full):
        return False
    return any(
        set(words) <= set(part) and (part[0] in words or part[-1] in words) for part in compare_tokens(full)
    )
