"""Documents built by hand in the output contract's shape, with entities, places, claims and events.

The events stage is written separately; these give the store every field the contract allows, at offsets
that really point into each document's text, for any number of distinct articles.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.document import Document, Source

PLACES = {
    "SY": {
        "name": "Maarrat Town",
        "name_ar": "بلدة المعرة",
        "geonames_id": 9000001,
        "lat": 35.6,
        "lon": 36.7,
        "country": "SY",
        "admin1": "Idlib",
        "feature": "PPL",
    },
    "YE": {
        "name": "Harbour City",
        "name_ar": "مدينة الميناء",
        "geonames_id": 9000002,
        "lat": 14.8,
        "lon": 42.9,
        "country": "YE",
        "admin1": "Al Hudaydah",
        "feature": "PPLA",
    },
}


def span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def article(
    n: int,
    *,
    country: str = "SY",
    date: dt.date = dt.date(2024, 11, 30),
    army_count: int = 12,
    monitor_count: int | None = 20,
    with_event: bool = True,
    historical: bool = False,
) -> Document:
    """Article ``n``: the army and a monitor give tolls for a clash between the army and a rebel group."""
    place = PLACES[country]
    text = (
        f"Report number {n}. The army said on Saturday that {army_count} soldiers were killed when fighters "
        f"of the Northern Front attacked positions in {place['name']}. "
    )
    if monitor_count is not None:
        text += f"A war monitor said {monitor_count} soldiers died. "
    doc = Document(
        text=text,
        title=f"Clashes in {place['name']} ({n})",
        language="en",
        source=Source(origin=f"test-{n}.txt", url=f"https://news.example.org/{n}", site="news.example.org"),
        published=date,
        published_from="text",
        country=country,
    )
    army = {
        "id": "n1",
        "type": "STATE_FORCE",
        "name": "Military Forces of Testland",
        "name_ar": "الجيش",
        "actor": {
            "id": f"{country.lower()}_military",
            "name": "Military Forces of Testland",
            "name_ar": "الجيش",
            "type": "state_force",
            "inter": 1,
            "country": country,
            "wikidata": None,
            "generic": True,
        },
        "mentions": [span(text, "The army")],
    }
    monitor = (
        {
            "id": "n2",
            "type": "ORG",
            "name": "war monitor",
            "name_ar": None,
            "actor": None,
            "mentions": [span(text, "war monitor")],
        }
        if monitor_count is not None
        else None
    )
    doc.entities = [e for e in (army, monitor) if e]
    doc.places = [place | {"id": "p1", "mentions": [span(text, str(place["name"]))]}]
    army_claim = {
        "id": "c1",
        "speaker": {
            "text": "The army",
            "name": None,
            "entity": "n1",
            "kind": "military",
            "mention": span(text, "The army"),
        },
        "via": [],
        "cue": span(text, "said"),
        "direct": False,
        "negated": False,
        "content": span(text, f"{army_count} soldiers were killed when fighters"),
    }
    doc.claims = [army_claim]
    if monitor_count is not None:
        doc.claims.append(
            {
                "id": "c2",
                "speaker": {"text": "A war monitor", "name": None, "entity": "n2", "kind": "ngo"},
                "via": [],
                "cue": None,
                "direct": "partial",
                "negated": False,
                "content": span(text, f"{monitor_count} soldiers died"),
            }
        )
    if with_event:
        doc.events = [_event(text, place, date, army_count, monitor_count, historical)]
    return doc


def _event(
    text: str, place: dict[str, Any], date: dt.date, army: int, monitor: int | None, historical: bool
) -> dict[str, Any]:
    fatalities = [
        {
            "count": army,
            "low": None,
            "high": None,
            "qualifier": "exact",
            "victims": "soldiers",
            "claimant": {"text": "The army", "name": None, "entity": "n1", "kind": "military"},
            "evidence": span(text, f"{army} soldiers were killed"),
        },
    ]
    if monitor is not None:
        fatalities.append(
            {
                "count": monitor,
                "low": None,
                "high": None,
                "qualifier": "exact",
                "victims": "soldiers",
                "claimant": {"text": "A war monitor", "name": None, "entity": "n2", "kind": "ngo"},
                "evidence": span(text, f"{monitor} soldiers died"),
            }
        )
    return {
        "id": "e1",
        "type": "battles",
        "subtype": "armed_clash",
        "plover": "FIGHT",
        "actor1": {
            "name": "Northern Front",
            "name_ar": "الجبهة الشمالية",
            "type": "rebel_group",
            "country": None,
            "entity": None,
            "mention": span(text, "Northern Front"),
        },
        "actor2": {
            "name": "Military Forces of Testland",
            "name_ar": "الجيش",
            "type": "state_forces",
            "country": place["country"],
            "entity": "n1",
            "mention": span(text, "The army"),
        },
        "location": {"text": place["name"], "place": place, "precision": 1},
        "date": {"value": date.isoformat(), "precision": "day", "text": "Saturday"},
        "fatalities": fatalities,
        "injuries": [],
        "claimants": [],
        "historical": historical,
        "confidence": 0.8,
        "evidence": [span(text, "fighters of the Northern Front attacked positions")],
    }


def text_file(n: int) -> str:
    """A plain-text article for ``marsad ingest``: a headline, then a body unique to ``n``."""
    return (
        f"Clashes reported in district {n}\n\n"
        f"The army said on Saturday that {n % 7 + 2} soldiers were killed in clashes in district {n}.\n"
    )
