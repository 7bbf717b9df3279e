"""Attributed claims: who says what, in Arabic and English news, as offsets into the article text.

:func:`find_claims` reads an article sentence by sentence (see :mod:`.cues` for the constructions), then
walks the attributions in order to give every speaker a form a reader can use: a dropped pronoun
("وأضاف أن…", "he said") or a shortened mention ("وقالت الوزارة", "Kirby said") takes the name of the
last speaker it can refer to, and an attribution nested in another ("ذكرت وكالات أن الوزارة قالت إن…")
keeps the outer speaker as its ``via``. A speaker carries its mention span so that an entity linker can
later fill in ``entity``; nothing here depends on one.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from marsad.document import Document, Span
from marsad.understand.claims.cues import Attribution, analyse
from marsad.understand.claims.lexicon import LANGUAGES, Kind, rules
from marsad.understand.claims.sentence import Range, View
from marsad.understand.claims.speakers import agency_at, kind_of, shortens
from marsad.understand.claims.text import Word, paragraphs, quotations, sentences, words

Direct = bool | Literal["partial"]
_EDGE_PUNCT = frozenset(",،;؛:.")
# Bounds that keep hostile input (a 100,000-word "sentence", thousands of speakers) linear: no real news
# sentence is longer, and a shortened mention refers to one of the last few speakers.
_MAX_SENTENCE_WORDS = 200
_ANTECEDENT_WINDOW = 30


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: ``text`` as written (for a dropped pronoun, the antecedent's); ``name`` when resolved."""

    text: str
    name: str | None = None
    entity: str | None = None
    kind: Kind | None = None
    mention: Span | None = None
    """Where the speaker is written; None for a dropped pronoun."""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "entity": self.entity,
            "kind": self.kind,
            "mention": self.mention.to_json() if self.mention else None,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One attributed claim in the output contract's shape (``claims`` in ``output.schema.json``)."""

    id: str
    speaker: Speaker
    content: Span
    cue: Span | None
    via: tuple[Speaker, ...] = ()
    direct: Direct = False
    negated: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_json(),
            "via": [v.to_json() for v in self.via],
            "cue": self.cue.to_json() if self.cue else None,
            "content": self.content.to_json(),
            "direct": self.direct,
            "negated": self.negated,
        }


def _language(ws: list[Word], default: str) -> str:
    """The sentence's language by script: an English quote in an Arabic article is read as English."""
    arabic = sum(1 for w in ws if w.arabic)
    latin = sum(1 for w in ws if not w.punct and not w.arabic and w.key.isalpha())
    if arabic == latin:
        return default if default in LANGUAGES else "ar"
    return "ar" if arabic > latin else "en"


def _prefix_length(written: str, letters: int) -> int:
    """Code points taken by the first ``letters`` letters of ``written`` with their marks and tatweel."""
    taken = 0
    for index, char in enumerate(written):
        if char == "ـ" or unicodedata.category(char) == "Mn":
            continue
        if taken == letters:
            return index
        taken += 1
    return len(written)


def _mention(view: View, span: Range, fused: int) -> tuple[Span, str | None]:
    """The speaker's span, skipping a preposition fused on its first word (لـرويترز → رويترز).

    A fused ل before the article is spelled لل (للجيش): the span keeps the word and the name restores it.
    """
    first, last = view.ws[span[0]], view.ws[span[1] - 1]
    start, name = first.start, None
    if fused:
        written = first.text
        if written.startswith("لل"):
            name = "ال" + view.text[first.start + 2 : last.end]
        else:
            start = first.start + _prefix_length(written, fused)
    return Span.of(view.text, start, last.end), name


def _agency_name(view: View, span: Range) -> str | None:
    """The agency's usual name when the speaker is one ("رويترز", "وكالة سبأ", "the AFP news agency")."""
    for i in range(span[0], span[1]):
        agency = agency_at(view, i)
        if agency is not None:
            others = [k for k in range(span[0], span[1]) if not i <= k < agency[0]]
            media = view.rules.addressee_heads | view.rules.determiners
            return agency[1] if all(view.noun(k, media) for k in others) else None
    return None


def _written(view: View, span: Range, fused: int) -> Speaker:
    mention, name = _mention(view, span, fused)
    return Speaker(mention.text, _agency_name(view, span) or name, None, kind_of(view, span), mention)


class _Speakers:
    """The speakers read so far, most recent last, for resolving pronouns and shortened mentions."""

    def __init__(self) -> None:
        self.seen: list[Speaker] = []

    def resolve(self, view: View, span: Range | None, fused: int) -> Speaker | None:
        if span is None:
            return self.implicit()
        speaker = _written(view, span, fused)
        if span[1] - span[0] == 1 and view.has(span[0], view.rules.pronouns):
            antecedent = self.seen[-1] if self.seen else None
        else:
            recent = reversed(self.seen[-_ANTECEDENT_WINDOW:])
            antecedent = next((s for s in recent if shortens(speaker.text, s.text)), None)
        if antecedent is not None:
            speaker = Speaker(
                speaker.text,
                antecedent.name or antecedent.text,
                None,
                speaker.kind or antecedent.kind,
                speaker.mention,
            )
        self.seen.append(speaker)
        return speaker

    def implicit(self) -> Speaker | None:
        """The speaker of a dropped pronoun: the last one, under its full name."""
        if not self.seen:
            return None
        last = self.seen[-1]
        speaker = Speaker(last.text, last.name or last.text, None, last.kind, None)
        self.seen.append(speaker)
        return speaker


def _trim_content(view: View, span: Range) -> Range | None:
    """Drop punctuation (but not quote marks), a leading complementizer and trailing conjunctions."""
    a, b = span
    r = view.rules
    while a < b and view.ws[a].punct and view.opener(a) is None:
        a += 1
    if a < b and view.has(a, r.complementizers):
        a += 1
    while b > a and ((view.ws[b - 1].punct and not view.closer(b - 1)) or view.conjunction(b - 1)):
        b -= 1
    return (a, b) if b > a else None


def _content(view: View, span: Range) -> tuple[Span, Direct] | None:
    """The content's span and whether it is a direct quotation, a partly quoted one, or reported speech."""
    trimmed = _trim_content(view, span)
    if trimmed is None or all(view.ws[i].punct for i in range(*trimmed)):
        return None
    start, end = view.ws[trimmed[0]].start, view.ws[trimmed[1] - 1].end
    quote = view.opener(trimmed[0])
    if quote is not None and quote.end >= end:
        inner_start, inner_end = quote.inner
        inner_end = min(inner_end, end)
        while inner_end > inner_start and (
            view.text[inner_end - 1].isspace() or view.text[inner_end - 1] in _EDGE_PUNCT
        ):
            inner_end -= 1
        if inner_end > inner_start:
            return Span.of(view.text, inner_start, inner_end), True
    partial = any(start <= q.start < end for q in view.quotes)
    return Span.of(view.text, start, end), "partial" if partial else False


def _cue(view: View, cue: Range) -> Span:
    return Span.of(view.text, view.ws[cue[0]].start, view.ws[cue[1] - 1].end)


def _sentences(text: str, lang: str) -> list[View]:
    tokens = words(text)
    starts = [w.start for w in tokens]
    views = []
    for para_start, para_end in paragraphs(text):
        quotes = quotations(text, para_start, para_end)
        for start, end in sentences(text, para_start, para_end, quotes):
            first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            for chunk in range(first, last, _MAX_SENTENCE_WORDS):
                ws = tokens[chunk : min(last, chunk + _MAX_SENTENCE_WORDS)]
                near = [q for q in quotes if q.start < ws[-1].end and ws[0].start < q.end]
                views.append(View(text, ws, rules(_language(ws, lang)), near))
    return views


def _quotation_only(view: View) -> Span | None:
    """The quotation that makes up the whole sentence, if it does ('"We have no choice."')."""
    first = next((i for i, w in enumerate(view.ws) if not w.punct or view.opener(i)), None)
    quote = None if first is None else view.opener(first)
    if first is None or quote is None or any(not w.punct and w.start >= quote.end for w in view.ws):
        return None
    found = _content(view, (first, len(view.ws)))
    return found[0] if found is not None and found[1] is True else None


def find_claims(text: str, lang: str) -> list[Claim]:
    """Every attributed claim in ``text`` (an article body), in reading order.

    ``lang`` ("ar", "en") is the article's language; each sentence is read with the rules of its own script,
    so quoted English in an Arabic article is still understood. A sentence that is only a quotation right
    after a quoted claim goes on quoting the same speaker (such a claim has no cue).
    """
    people = _Speakers()
    claims: list[Claim] = []
    quoting = False
    for view in _sentences(text, lang):
        found = _sentence_claims(view, people, len(claims))
        quotation = None if found or not quoting else _quotation_only(view)
        speaker = people.implicit() if quotation is not None else None
        if quotation is not None and speaker is not None:
            found = [Claim(f"c{len(claims) + 1}", speaker, quotation, None, claims[-1].via, True)]
        quoting = bool(found) and found[-1].direct is not False
        claims.extend(found)
    return claims


def _sentence_claims(view: View, people: _Speakers, numbered: int) -> list[Claim]:
    """The claims of one sentence, their speakers resolved against those read before."""
    resolved: dict[int, tuple[Speaker | None, list[Speaker]]] = {}
    claims: list[Claim] = []
    for a in analyse(view):
        speaker = people.resolve(view, a.speaker, a.fused)
        via = [_written(view, span, fused) for span, fused in a.via]
        if a.outer is not None and id(a.outer) in resolved:
            outer_speaker, outer_via = resolved[id(a.outer)]
            via += ([outer_speaker] if outer_speaker else []) + outer_via
        resolved[id(a)] = (speaker, via)
        claim = _claim(view, a, speaker, via, numbered + len(claims) + 1)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(
    view: View, a: Attribution, speaker: Speaker | None, via: list[Speaker], number: int
) -> Claim | None:
    if a.content is None or a.nested or speaker is None:
        return None
    content = _content(view, a.content)
    if content is None:
        return None
    negated = a.verb is not None and a.verb.negated
    return Claim(f"c{number}", speaker, content[0], _cue(view, a.cue), tuple(via), content[1], negated)


class ClaimsStage:
    """Pipeline stage: fills ``Document.claims`` with the contract's claim objects."""

    name = "claims"
    version = "1"
    requires = frozenset({"text", "language", "entities"})
    assigns = frozenset({"claims"})

    def __call__(self, doc: Document) -> Document:
        doc.claims = [claim.to_json() for claim in find_claims(doc.text, doc.language)]
        dateline = doc.dateline.span if doc.dateline is not None else None
        for claim in doc.claims:
            if dateline is not None:
                _skip_dateline(doc.text, claim["content"], dateline.end)
            for speaker in [claim["speaker"], *claim.get("via", [])]:
                link_speaker(speaker, doc.entities)
        return doc


def _skip_dateline(text: str, content: dict[str, Any], dateline_end: int) -> None:
    """Start a claim's content after an inline dateline ("BEIRUT (Reuters) - ") that opens its sentence."""
    if content["start"] < dateline_end < content["end"]:
        start = dateline_end
        while start < content["end"] and text[start].isspace():
            start += 1
        content["start"], content["text"] = start, text[start : content["end"]]


def link_speaker(speaker: dict[str, Any], entities: list[dict[str, Any]]) -> None:
    """Point a speaker at the entity one of whose mentions lies inside the speaker's phrase.

    "المتحدث باسم الجيش السوري" is linked to the Syrian army; the speaker's own text stays as written.
    The phrase's first mention wins (its head: "علي جمعة، أحد مقاتلي المعارضة" is the person), the longest
    of those starting there, so a full name beats a word of it.
    """
    mention = speaker.get("mention")
    if not mention:
        return
    inside = [
        (span["start"], span["start"] - span["end"], entity["id"])
        for entity in entities
        for span in entity["mentions"]
        if mention["start"] <= span["start"] and span["end"] <= mention["end"]
    ]
    if inside:
        speaker["entity"] = min(inside)[2]
