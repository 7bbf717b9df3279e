"""The events stage: from an article to the events an ACLED-trained analyst would code, with evidence.

Reads the article clause by clause (:mod:`.frames`), joins the passages that report one action
(:mod:`.merge`) and writes each event in the output contract's shape: ACLED type and sub-type, PLOVER code,
actors, location with precision, date, fatality and injury figures with who claims them, the claimants of
the event, whether it is history the article recalls, a confidence, and the evidence spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.document import Document
from marsad.understand.events.article import read_article
from marsad.understand.events.casualties import Figure
from marsad.understand.events.frames import read_frames
from marsad.understand.events.lexicon import get_lexicon
from marsad.understand.events.merge import Event, credit_responsibility, merge, place_unlocated

_SPEAKER_FIELDS = ("text", "name", "entity", "kind")


def _speaker(claim: Mapping[str, Any]) -> dict[str, Any]:
    speaker = claim.get("speaker") or {}
    return {key: speaker.get(key) for key in _SPEAKER_FIELDS}


def _figure_json(doc: Document, figure: Figure) -> dict[str, Any]:
    holding = [c for c in doc.claims if c["content"]["start"] <= figure.start < c["content"]["end"]]
    claim = min(holding, key=lambda c: c["content"]["end"] - c["content"]["start"]) if holding else None
    return {
        "count": figure.count,
        "low": figure.low,
        "high": figure.high,
        "qualifier": figure.qualifier,
        "victims": figure.victims.label if figure.victims else None,
        "claimant": _speaker(claim) if claim else None,
        "evidence": doc.span(figure.start, figure.end).to_json(),
    }


def _evidence(doc: Document, event: Event) -> list[dict[str, Any]]:
    spans = sorted(
        {s for f in event.frames for s in [f.span, *f.extra, *((g.start, g.end) for g in f.figures)]}
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [doc.span(start, end).to_json() for start, end in merged]


def _claimants(event: Event) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for claim in event.claims:
        speaker = _speaker(claim)
        seen.setdefault(str(speaker["text"]), speaker)
    return list(seen.values())


def event_json(doc: Document, event: Event, number: int) -> dict[str, Any]:
    """One event in the output contract's shape (``events`` in ``output.schema.json``)."""
    head = event.head
    location = event.location
    return {
        "id": f"e{number}",
        "type": head.trigger.type,
        "subtype": head.trigger.subtype,
        "plover": head.trigger.plover,
        "actor1": event.agent.to_json(doc.text) if event.agent else None,
        "actor2": event.target.to_json(doc.text) if event.target else None,
        "location": location.to_json() if location else None,
        "date": event.date.to_json(),
        "fatalities": [_figure_json(doc, f) for f in event.figures("fatalities")],
        "injuries": [_figure_json(doc, f) for f in event.figures("injuries")],
        "claimants": _claimants(event),
        "historical": event.historical,
        "confidence": event.confidence,
        "evidence": _evidence(doc, event),
    }


class EventsStage:
    """Pipeline stage: fills ``Document.events`` with the contract's event objects."""

    name = "events"
    version = "1"
    requires = frozenset({"text", "language", "claims", "entities", "places"})
    assigns = frozenset({"events"})

    def __call__(self, doc: Document) -> Document:
        lex = get_lexicon()
        article = read_article(doc, lex)
        events = merge(read_frames(article, lex), lex.distinct_subtypes)
        place_unlocated(events, article, lex)
        credit_responsibility(events, article, lex)
        doc.events = [event_json(doc, event, number) for number, event in enumerate(events, 1)]
        return doc
