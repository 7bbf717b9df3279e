"""Find the attribution cues of one sentence and read each into speaker, channel and content, by word index.

Four constructions cover nearly all news attribution, in both languages:

* forward: the speaker and a cue, then the content after a complementizer, colon or quote
  ("قال الجيش يوم السبت إن…", "الجيش قال إن…", "The army said on Saturday that…");
* after: the content, a comma, then the cue and the speaker ("…، حسبما ذكرت صحيفة…", "…, according to
  the ministry.", "…, the ministry said.", "…," said Ali, a resident.);
* before: a sentence-initial attribution phrase up to a comma, then the content ("According to the UN, …");
* none: a speech verb with a noun object ("اعترف الجيش بتقدم…"): no claim, but its subject is remembered
  so that a following "وقالت إن…" knows who "she" is.

The subject sits before the verb when the clause has words before it (SVO, and always in English),
otherwise after it (Arabic VSO). Arabic commas end clauses; English commas may hold an apposition inside a
subject ("Ali Ahmed, a spokesman, said"), so English splits the words before the verb at commas and drops
parentheticals instead. Contents are settled once every cue of the sentence is read: a forward content runs
to the sentence end or to the next claim, unless that claim opens it (nested attribution, "ذكرت وكالات أن
وزارة الدفاع قالت إن…", which becomes one claim with the agencies as ``via``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from marsad.understand.claims.lexicon import VerbCue
from marsad.understand.claims.sentence import Range, View
from marsad.understand.claims.speakers import (
    Trimmed,
    addressee_at,
    agency_at,
    is_media,
    skip_adjuncts,
    stops,
    trim,
    vias,
)

Form = Literal["forward", "after", "before", "none"]
_COMMAS = frozenset(",،")


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    verb: VerbCue | None
    verbal: bool = False
    fused: int = 0


@dataclass(slots=True)
class Attribution:
    """One cue read in a sentence (word indexes). ``speaker`` None means a dropped pronoun ("وأضاف أن")."""

    cue: Range
    verb: VerbCue | None
    form: Form
    speaker: Range | None
    fused: int = 0
    via: list[tuple[Range, int]] = field(default_factory=list)
    """Channels nearest the speaker first, as ``(words, fused prefix length)``."""
    content: Range | None = None
    left: int = 0
    """The first word of the construction: where a previous content must stop."""
    reach: int = 0
    """The first word after the speaker and its adjuncts."""
    subordinate: bool = False
    outer: Attribution | None = None
    """The attribution whose content this one is (its speaker becomes a ``via``)."""
    nested: bool = False
    """This attribution's content is another attribution, so it is not a claim of its own."""


@dataclass(frozen=True, slots=True)
class _Left:
    """The words before a verb: the subject, its last comma part, and where a content before it ends."""

    subject: Range | None
    last: Range | None
    content_end: int | None
    parts: int
    """How many comma parts precede the verb: a single part before ", said" is content, not a subject."""


def _verb(view: View, i: int) -> VerbCue | None:
    if i >= len(view) or view.quoted(i):
        return None
    return next((view.rules.verbs[f] for f in view.ws[i].forms if f in view.rules.verbs), None)


def _blocked(view: View, i: int) -> bool:
    """A negated or passive verb ("لم يقل", "declined to say", "were reported", "the confirmed toll")."""
    r = view.rules
    return view.has(i - 1, r.negators) or view.has(i - 1, r.passive) or view.has(i - 1, r.determiners)


def _find_cues(view: View) -> list[_Cue]:
    """Every cue of the sentence outside quotations, left to right."""
    r = view.rules
    cues: list[_Cue] = []
    i = 0
    while i < len(view):
        if view.ws[i].punct or view.quoted(i):
            i += 1
            continue
        verbal = view.match_any(i, r.attribution_verbal)
        if verbal is not None and verbal.fused == 0 and (verb := _verb(view, verbal.end)) is not None:
            cues.append(_Cue(i, verbal.end + 1, verb, verbal=True))
            i = verbal.end + 1
            continue
        phrase = view.match_any(i, r.attribution)
        if phrase is not None:
            cues.append(_Cue(i, phrase.end, None, fused=phrase.fused))
            i = max(phrase.end, i + 1)
            continue
        verb = _verb(view, i)
        if verb is not None and not _blocked(view, i):
            cues.append(_Cue(i, i + 1, verb))
        i += 1
    return cues


def _next_comma(view: View, start: int, end: int) -> int | None:
    return next((j for j in range(start, end) if view.punct(j, _COMMAS) and not view.quoted(j)), None)


def _initial(view: View, i: int) -> bool:
    """Whether only conjunctions, adverbs and punctuation come before word ``i`` in the sentence."""
    return skip_adjuncts(view, 0, i) >= i


def _coordinated(view: View, v: int) -> bool:
    """An Arabic verb with a conjunction on it (وقالت) starts a clause of its own: its subject follows."""
    return view.ws[v].key not in view.rules.verbs


def _relative_clauses(view: View, v: int) -> set[int]:
    """Words before ``v`` inside an English comma-bounded relative clause (", who asked not to be named
    because…,"): their subordinators and verbs belong to the clause, not to the verb's sentence."""
    inside: set[int] = set()
    commas = [j for j in range(v) if view.punct(j, _COMMAS)]
    for opening, closing in pairwise(commas):
        if view.match_any(opening + 1, view.rules.relatives) is not None:
            inside.update(range(opening + 1, closing))
    return inside


def _clause_start(view: View, v: int, cues: list[_Cue]) -> tuple[int, bool]:
    """The first word of the verb's clause, and whether a subordinator opens it ("بعد أن قال", "After")."""
    r = view.rules
    english = r.language == "en"
    inside = _relative_clauses(view, v) if english else set()
    j = v - 1
    while j >= 0:
        punct = view.clause_punct(j) and not (english and view.punct(j, _COMMAS))
        if j in inside:
            pass
        elif (
            punct
            or view.has(j, r.complementizers)
            or view.has(j, r.subordinators)
            or view.has(j, r.clause_openers)
            or any(c.start <= j < c.end for c in cues)
            or (view.has(j, r.coordinators) and any(c.start < j for c in cues))
        ):
            break
        j -= 1
    subordinate = j >= 0 and (
        view.has(j, r.subordinators) or (view.has(j, r.complementizers) and view.has(j - 1, r.subordinators))
    )
    return j + 1, subordinate


def _fronted(view: View, a: int) -> bool:
    """Whether the phrase at ``a`` is an adverbial put before the verb ("وفي واشنطن", "On Saturday")."""
    r = view.rules
    return view.has(a, r.prepositions) or view.has(a, r.subordinators) or view.time_at(a)


def _parenthetical(view: View, a: int) -> bool:
    """An English comma part that is not the subject: ", in a statement,", ", which…", ", citing…"."""
    r = view.rules
    return (
        view.time_at(a)
        or view.channel_at(a)
        or view.match_any(a, (*r.relatives, *r.adverbs, *r.via_markers)) is not None
    )


def _subject_words(view: View, a: int, e: int) -> Range | None:
    """Trim a subject candidate: leading adverbs, trailing particles ("قد", "also", "on Saturday")."""
    r = view.rules
    a = skip_adjuncts(view, a, e)
    while e > a and (view.has(e - 1, r.verb_modifiers) or view.ws[e - 1].punct):
        e -= 1
    if e - 2 >= a and view.time_at(e - 2):
        e -= 2
    elif e - 1 >= a and view.time_at(e - 1):
        e -= 1
    if e <= a or _fronted(view, a) or view.words_in((a, e)) > r.max_subject_words:
        return None
    return a, e


def _left_arabic(view: View, start: int, v: int) -> _Left:
    subject = None if _coordinated(view, v) else _subject_words(view, start, v)
    content_end = start - 1 if start > 0 and view.punct(start - 1, _COMMAS) else None
    return _Left(subject, subject, content_end, 1 if subject else 0)


def _left_english(view: View, start: int, v: int) -> _Left:
    parts: list[Range] = []
    a = start
    for j in range(start, v + 1):
        if j == v or view.punct(j, _COMMAS):
            if j > a:
                parts.append((a, j))
            a = j + 1
    kept = [p for p in parts if not _parenthetical(view, p[0])]
    while len(kept) > 1 and _fronted(view, kept[0][0]):
        kept.pop(0)
    if not kept:
        return _Left(None, None, None, 0)
    last = _subject_words(view, *kept[-1])
    subject = _subject_words(view, kept[0][0], kept[-1][1])
    boundary = view.punct(start - 1, _COMMAS) or (start > 0 and view.closer(start - 1))
    content_end = kept[-1][0] - 1 if kept[-1][0] > start else (start - 1 if boundary else None)
    return _Left(subject, last, content_end, len(parts))


def _left(view: View, v: int, cues: list[_Cue]) -> tuple[_Left, bool]:
    start, subordinate = _clause_start(view, v, cues)
    if view.rules.language == "en":
        return _left_english(view, start, v), subordinate
    return _left_arabic(view, start, v), subordinate


def _opens_content(view: View, j: int) -> int | None:
    """Where the content starts if word ``j`` opens it (complementizer, colon, quote, "as saying")."""
    r = view.rules
    if view.opener(j) is not None:
        return j
    if view.punct(j, ":") or view.complementizer(j):
        return j + 1
    saying = view.match_any(j, r.as_saying) if r.language == "en" else None
    if saying is not None:
        return saying.end + 1 if view.has(saying.end, r.complementizers) else saying.end
    return None


def _np_end(view: View, j: int, b: int) -> int:
    """The end of a noun phrase starting at ``j``: the next punctuation, adjunct or content opener."""
    while j < b and not view.ws[j].punct and not stops(view, j) and _opens_content(view, j) is None:
        j += 1
    return j


def _adjuncts_only(view: View, a: int, b: int, verb: VerbCue) -> bool:
    """Whether ``[a, b)`` after an English verb holds only adjuncts: time, channel, addressee, "citing X"."""
    r = view.rules
    j = skip_adjuncts(view, a, b)
    if j < b and (verb.addressee or verb.source is not None):
        j = skip_adjuncts(view, _np_end(view, j, b), b)
    while j < b and (marker := view.match_any(j, r.via_markers)) is not None:
        j = skip_adjuncts(view, _np_end(view, marker.end, b), b)
    return j >= b


def _content_opener(view: View, v: int, verb: VerbCue, cues: list[_Cue]) -> tuple[int, int] | None:
    """The word that opens the content after verb ``v`` and where the content starts.

    Arabic puts the subject between verb and complementizer, so it is searched for within the speaker
    window; English allows only adjuncts there (else "said the strike that…" would take a relative "that").
    """
    r = view.rules
    limit = next((c.start for c in cues if c.start > v and c.verb is not None), len(view))
    for j in range(v + 1, min(limit, len(view))):
        if view.words_in((v + 1, j)) > r.max_speaker_words:
            return None
        start = _opens_content(view, j)
        if start is not None:
            if r.language == "en" and not _adjuncts_only(view, v + 1, j, verb):
                return None
            return j, start
    return None


def _split(view: View, a: int, b: int, verb: VerbCue) -> tuple[int, int] | None:
    """Where a source phrase (نقل … عن) or a via-marker ("نقلا عن", "citing") divides the words ``[a, b)``."""
    r = view.rules
    if verb.source == ():
        return a, a
    markers = (*r.via_markers, *((verb.source,) if verb.source else ()))
    for j in range(a, b):
        m = view.match_any(j, markers)
        if m is not None:
            return j, m.end
    return None


def _cited(view: View, a: int, b: int, verb: VerbCue, channel: Range | None) -> Trimmed | None:
    """The source a via-marker or source phrase in ``[a, b)`` cites; the verb's subject becomes its via.

    ``channel`` is the subject when it stands before the verb; otherwise it is what precedes the marker
    ("نقلت وكالة سبأ عن مصدر…" → مصدر via وكالة سبأ).
    """
    split = _split(view, a, b, verb)
    if split is None:
        return None
    cited = trim(view, split[1], b)
    if channel is None:
        channel = trim(view, a, split[0]).speaker
    return Trimmed(cited.speaker, cited.fused, (((channel, 0),) if channel else ()) + cited.via)


def _trailing_object(view: View, b: int, verb: VerbCue) -> int:
    """Drop an object preposition right before the complementizer ("أكد الجيش على أن", "أشار إلى أن")."""
    return b - 1 if b - 1 >= 0 and view.has(b - 1, [o for o in verb.objects if not o.endswith("+")]) else b


def _addressee_via(view: View, a: int, b: int, verb: VerbCue) -> tuple[tuple[Range, int], ...]:
    """Media addressees after a verb; an English "told Reuters" names it right after the verb."""
    found = vias(view, a, b)
    j = skip_adjuncts(view, a, b)
    if verb.addressee and view.rules.language == "en" and j < b and addressee_at(view, j) is None:
        end = _np_end(view, j, b)
        if end > j and vias(view, j, end) == () and any(is_media(view, k) for k in range(j, end)):
            found = (((j, end), 0), *found)
    return found


@dataclass(frozen=True, slots=True)
class _Reading:
    """How a verb cue reads: its construction, speaker, content and the first word after its speaker part."""

    form: Form
    speaker: Trimmed
    content: Range | None
    reach: int
    continued: Range | None = None
    """A quotation resumed after the cue ('"We are ready," he said, "and we will fight."')."""


def _forward(view: View, v: int, verb: VerbCue, left: _Left, opener: tuple[int, int]) -> _Reading:
    """Content after a complementizer, colon or quote; the speaker before the verb or between the two."""
    subject = None if verb.continuation else left.subject
    a, b = v + 1, opener[0]
    speaker = _cited(view, a, b, verb, subject)
    if speaker is None and subject is not None:
        speaker = Trimmed(subject, 0, _addressee_via(view, a, b, verb))
    if speaker is None:
        speaker = trim(view, a, _trailing_object(view, b, verb))
    return _Reading("forward", speaker, (opener[1], len(view)), opener[1])


def _resumed_quote(view: View, v: int) -> int | None:
    """The opening mark of a quotation that follows the cue after a comma and ends the sentence."""
    for j in range(v + 1, len(view)):
        quote = view.opener(j)
        if quote is not None:
            after = [k for k in range(j, len(view)) if view.ws[k].start >= quote.end]
            return j if view.punct(j - 1, _COMMAS) and all(view.ws[k].punct for k in after) else None
    return None


def _splits_quote(view: View, v: int, left: _Left, opener: int) -> bool:
    """Whether the cue sits between two parts of one quotation ('"We are ready," he said, "and…"')."""
    end = left.content_end
    quoted_before = end is not None and (view.closer(end) or view.closer(end - 1))
    return quoted_before and _resumed_quote(view, v) == opener


def _name_end(view: View, j: int) -> int:
    """The end of the addressee of "told X the army…": a news agency, an audience, or a capitalised name."""
    agency = agency_at(view, j)
    if agency is not None:
        return agency[0]
    if view.noun(j, view.rules.audience):
        return j + 1
    k = j + 1 if view.has(j, view.rules.determiners) else j
    while k < len(view) and view.ws[k].text[:1].isupper():
        k += 1
    return k if k > j and not view.has(k - 1, view.rules.determiners) else j


def _without_opener(view: View, v: int, verb: VerbCue, left: _Left, cues: list[_Cue]) -> _Reading:
    """A verb with no complementizer: an after-form, an English bare content, or no claim at all."""
    r = view.rules
    n = len(view)
    end = next((c.start for c in cues if c.start > v and c.verb is not None), n)
    resumed = _resumed_quote(view, v)
    rest = resumed if resumed is not None else n
    if (
        r.language == "en"
        and left.last
        and left.content_end is not None
        and _adjuncts_only(view, v + 1, rest, verb)
    ):
        speaker = _cited(view, v + 1, rest, verb, left.last)
        speaker = speaker or Trimmed(left.last, 0, _addressee_via(view, v + 1, rest, verb))
        continued = None if resumed is None else (resumed, n)
        return _Reading("after", speaker, (0, left.content_end), rest, continued)
    if verb.inverts and view.clause_punct(v - 1) and v > 1 and (left.subject is None or left.parts == 1):
        speaker = trim(view, v + 1, end)
        if speaker.speaker is not None and not _fronted(view, skip_adjuncts(view, 0, v)):
            return _Reading("after", speaker, (0, v - 1), end)
    if r.language == "en" and verb.bare and left.subject is not None:
        start = skip_adjuncts(view, v + 1, n)
        if verb.addressee:
            start = skip_adjuncts(view, _name_end(view, start), n)
        if start < n:
            speaker = Trimmed(left.subject, 0, _addressee_via(view, v + 1, start, verb))
            return _Reading("forward", speaker, (start, n), start)
    subject = None if verb.continuation else left.subject
    if subject is None and not verb.continuation:
        subject = trim(view, v + 1, end, verb.objects, cut_prefixed=True).speaker
    return _Reading("none", Trimmed(subject), None, v + 1)


def _verb_cue(view: View, cue: _Cue, cues: list[_Cue]) -> list[Attribution]:
    """The attribution of a speech verb (two when it splits a quotation)."""
    assert cue.verb is not None
    v = cue.end - 1
    left, subordinate = _left(view, v, cues)
    opener = _content_opener(view, v, cue.verb, cues)
    if opener is not None and not _splits_quote(view, v, left, opener[0]):
        reading = _forward(view, v, cue.verb, left, opener)
    else:
        reading = _without_opener(view, v, cue.verb, left, cues)
    speaker = reading.speaker
    subject = None if cue.verb.continuation else left.subject
    starts = [cue.start] + [r[0] for r in (speaker.speaker, subject) if r is not None and r[0] < v]
    found = [
        Attribution(
            (cue.start, cue.end),
            cue.verb,
            reading.form,
            speaker.speaker,
            speaker.fused,
            list(speaker.via),
            reading.content,
            left=min(starts),
            reach=reading.reach,
            subordinate=subordinate,
        )
    ]
    if reading.continued is not None:
        start = reading.continued[0]
        found.append(
            Attribution(
                found[0].cue,
                cue.verb,
                "forward",
                speaker.speaker,
                speaker.fused,
                [],
                reading.continued,
                start,
                start,
            )
        )
    return found


def _phrase_opener(view: View, cue: _Cue, cues: list[_Cue], stop: int) -> tuple[int, int] | None:
    """A complementizer or colon after an attribution phrase and before ``stop`` ("على لسان X أن…")."""
    if cue.verb is not None:
        return _content_opener(view, cue.end - 1, cue.verb, cues)
    limit = min([stop] + [c.start for c in cues if c.start >= cue.end and c.verb is not None])
    for j in range(cue.end, limit):
        if view.words_in((cue.end, j)) > view.rules.max_speaker_words:
            return None
        start = _opens_content(view, j)
        if start is not None and view.opener(j) is None:
            return j, start
    return None


def _phrase_cue(view: View, cue: _Cue, cues: list[_Cue]) -> Attribution | None:
    """Attribution phrases ("بحسب", "according to", "حسبما ذكرت"): the speaker follows the cue; the content
    precedes it (or surrounds it, when the phrase is a parenthesis), or follows the comma when the phrase
    opens the sentence, or follows a complementizer ("وجاء على لسان المتحدث أن…")."""
    n = len(view)
    comma = _next_comma(view, cue.end, n)
    opener = _phrase_opener(view, cue, cues, comma if comma is not None else n)
    if opener is not None and (comma is None or opener[0] < comma):
        if cue.verb is not None:
            return _verb_cue(view, cue, cues)[0]
        t = trim(view, cue.end, opener[0])
        form: Form = "forward"
        content, reach = (opener[1], n), opener[1]
    elif _initial(view, cue.start):
        if comma is None:
            return None
        t = trim(view, cue.end, comma, cue.verb.objects if cue.verb else ())
        form, content, reach = "before", (comma + 1, n), comma + 1
    else:
        t = trim(view, cue.end, comma if comma is not None else n, cue.verb.objects if cue.verb else ())
        end = cue.start - 1 if view.clause_punct(cue.start - 1) else cue.start
        resumes = skip_adjuncts(view, comma, n) if comma is not None else n
        if resumes < n and not stops(view, resumes):
            end = n  # a parenthetical attribution: "The toll, according to the ministry, rose to 40."
        form, content, reach = "after", (0, end), comma or n
    fused = cue.fused if t.speaker and t.speaker[0] == cue.end else t.fused
    return Attribution(
        (cue.start, cue.end),
        cue.verb,
        form,
        t.speaker,
        fused,
        list(t.via),
        content,
        left=cue.start,
        reach=reach,
    )


def _first_word(view: View, start: int, end: int) -> int:
    while start < end and view.ws[start].punct and view.opener(start) is None:
        start += 1
    return start


def _settle(view: View, found: list[Attribution]) -> None:
    """Fix content ends and starts once all cues are read, and mark nested attributions."""
    claims = [a for a in found if a.content is not None]
    for a in claims:
        if a.form not in ("forward", "before"):
            continue
        assert a.content is not None
        start, end = a.content
        first = _first_word(view, start, end)
        for b in claims:
            if b.cue[0] <= a.cue[0] or b.left < start:
                continue
            if b.left == first and b.form == "forward" and b.outer is None:
                b.outer, a.nested = a, True
                continue
            end = min(end, b.left)
            break
        if a.subordinate:
            end = _next_comma(view, start, end) or end
        a.content = (start, end)
    for a in claims:
        if a.form != "after":
            continue
        assert a.content is not None
        before = [p for p in claims if p.cue[0] < a.cue[0] and not p.nested]
        start = max([_right(p) for p in before] + [a.content[0]])
        if _first_word(view, start, a.content[1]) < a.content[1] or not before:
            a.content = (start, a.content[1])
        elif before[-1].form == "forward" and a.speaker is not None:
            # "X said Y, according to state media": the attribution names the channel of the claim before it
            before[-1].via += [(a.speaker, a.fused), *a.via]
            a.nested = True


def _right(a: Attribution) -> int:
    ends = [a.reach, a.cue[1]]
    if a.content is not None and a.form != "after":
        ends.append(a.content[1])
    return max(ends)


def analyse(view: View) -> list[Attribution]:
    """Every attribution of the sentence, in order, with settled contents (see the module docstring)."""
    cues = _find_cues(view)
    found: list[Attribution] = []
    consumed = 0
    for cue in cues:
        if cue.start < consumed:
            continue
        if cue.verb is not None and not cue.verbal:
            read = _verb_cue(view, cue, cues)
        else:
            read = [a for a in [_phrase_cue(view, cue, cues)] if a is not None]
        for attribution in read:
            found.append(attribution)
            consumed = max(consumed, attribution.reach if attribution.form != "none" else cue.end)
    _settle(view, found)
    return found
