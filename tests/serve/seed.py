"""A small event database for the API and UI tests: stored documents built by hand in the contract's shape.

Two English reports of clashes (in Syria and Yemen) whose sources disagree on the toll, an Arabic report of
a shelling, and a hostile article whose title and body carry script and ``onerror`` payloads. They are
stored with :meth:`Store.add_document`, so every table (reports, figures, claims, places) is filled exactly
as an ingest fills it, without running the language models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from marsad.document import Document, Paragraph, Source
from marsad.store.database import Store
from tests.store.documents import article, span

HOSTILE_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'
HOSTILE_BODY = (
    "Gunmen attacked a checkpoint. <script>document.title='pwned';alert(3)</script> "
    "Officials said <img src=x onerror=alert(2)> four guards were killed."
)
ARABIC_TITLE = "قصف على بلدة الوادي يقتل ثلاثة مدنيين"
ARABIC_TEXT = (
    "قال الدفاع المدني إن ثلاثة مدنيين قتلوا في قصف مدفعي على بلدة الوادي صباح الثلاثاء.\n\n"
    "وأضاف أن القصف استهدف سوقا شعبيا وسط البلدة."
)
VALLEY = {
    "name": "Wadi Town",
    "name_ar": "بلدة الوادي",
    "geonames_id": 9000003,
    "lat": 36.1,
    "lon": 37.2,
    "country": "SY",
    "admin1": "Aleppo",
    "feature": "PPL",
}


@dataclass(frozen=True)
class Seeded:
    """Ids of what was stored, for tests to look up."""

    syria: str
    yemen: str
    arabic: str
    hostile: str


def _event(
    text: str, place: dict[str, Any], when: dt.date, evidence: str, figure: str, claimant: str
) -> dict[str, Any]:
    return {
        "id": "e1",
        "type": "explosions_remote_violence",
        "subtype": "shelling_artillery_missile_attack",
        "plover": "ASSAULT",
        "actor1": None,
        "actor2": {
            "name": "Civilians",
            "name_ar": "مدنيون",
            "type": "civilians",
            "country": None,
            "entity": None,
        },
        "location": {"text": place["name_ar"], "place": place, "precision": 1},
        "date": {"value": when.isoformat(), "precision": "day", "text": None},
        "fatalities": [
            {
                "count": 3,
                "low": None,
                "high": None,
                "qualifier": "exact",
                "victims": "civilians",
                "claimant": {"text": claimant, "name": None, "entity": None, "kind": "official"},
                "evidence": span(text, figure),
            }
        ],
        "injuries": [],
        "claimants": [],
        "historical": False,
        "confidence": 0.7,
        "evidence": [span(text, evidence)],
    }


def arabic_article() -> Document:
    """An Arabic report of a shelling, with one paragraph per line and its own claim."""
    text = ARABIC_TEXT
    second = text.index("وأضاف")
    doc = Document(
        text=text,
        title=ARABIC_TITLE,
        language="ar",
        paragraphs=[Paragraph(0, second - 2, "ar"), Paragraph(second, len(text), "ar")],
        source=Source(origin="arabic.txt", url="https://akhbar.example.org/1", site="akhbar.example.org"),
        published=dt.date(2024, 12, 10),
        published_from="text",
        country="SY",
    )
    claimant = "الدفاع المدني"
    doc.places = [VALLEY | {"id": "p1", "mentions": [span(text, "بلدة الوادي")]}]
    doc.claims = [
        {
            "id": "c1",
            "speaker": {"text": claimant, "name": None, "entity": None, "kind": "official"},
            "via": [],
            "cue": span(text, "قال"),
            "direct": False,
            "negated": False,
            "content": span(text, "ثلاثة مدنيين قتلوا في قصف مدفعي على بلدة الوادي"),
        }
    ]
    evidence = "ثلاثة مدنيين قتلوا في قصف مدفعي على بلدة الوادي صباح الثلاثاء"
    doc.events = [_event(text, VALLEY, dt.date(2024, 12, 10), evidence, "ثلاثة مدنيين قتلوا", claimant)]
    return doc


def hostile_article() -> Document:
    """Markup in the title and the body, with an event whose evidence spans the payload."""
    text = HOSTILE_BODY
    doc = Document(
        text=text,
        title=HOSTILE_TITLE,
        language="en",
        source=Source(origin="hostile.html", url="javascript:alert(4)", site="<b>site</b>"),
        published=dt.date(2024, 12, 12),
        published_from="text",
    )
    place = VALLEY | {"name": "Checkpoint <svg onload=alert(5)>"}
    evidence = text[text.index("<script>") : text.index("killed")]
    doc.events = [
        _event(text, place, dt.date(2024, 12, 12), evidence, "four guards were killed", "Officials")
    ]
    return doc


def seed(store: Store) -> Seeded:
    """Store the four documents; the Syrian clash has two sources giving 12 and 20 dead."""
    documents = {
        "syria": article(1, country="SY", date=dt.date(2024, 11, 30), army_count=12, monitor_count=20),
        "yemen": article(2, country="YE", date=dt.date(2024, 12, 5), army_count=5, monitor_count=None),
        "arabic": arabic_article(),
        "hostile": hostile_article(),
    }
    with store.session() as session:
        for doc in documents.values():
            store.add_document(session, doc)
    return Seeded(**{name: doc.id for name, doc in documents.items()})
