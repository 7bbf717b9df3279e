"""Plain rows that cross process boundaries, and the documents rebuilt from them.

Dask workers return the output contract's JSON (``Document.to_json()``) and the fields of each
:class:`Rejected`, never live objects: rows are cheap to pickle, do not depend on class identity across
processes, and are exactly what the store keeps. The writer rebuilds a :class:`Document` from its JSON so
the single-process and distributed paths share one write function; the rebuilt document serialises to
the same JSON (``mentions``, the tagger's internal working list, is not part of the contract).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from marsad.document import Dateline, Document, Paragraph, Place, Source, Span
from marsad.read.raw import Rejected

DocumentRow = dict[str, Any]
RejectedRow = dict[str, Any]


def rejected_row(rejected: Rejected) -> RejectedRow:
    return asdict(rejected)


def rejected_from_row(row: RejectedRow) -> Rejected:
    return Rejected(**row)


def document_from_json(data: DocumentRow) -> Document:
    """The :class:`Document` whose ``to_json()`` is ``data``."""
    article = data["article"]
    return Document(
        text=article["text"],
        source=Source(**article["source"]),
        title=article["title"],
        language=article["language"],
        paragraphs=[Paragraph(p["start"], p["end"], p["language"]) for p in article["paragraphs"]],
        published=_date(article["published"]),
        published_from=article["published_from"],
        reference_date=_date(article["reference_date"]),
        author=article["author"],
        dateline=_dateline(article["dateline"]),
        country=article["country"],
        entities=list(data["entities"]),
        places=list(data["places"]),
        claims=list(data["claims"]),
        events=list(data["events"]),
        provenance=dict(article["provenance"]),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dateline(data: dict[str, Any] | None) -> Dateline | None:
    if data is None:
        return None
    span, place = data["span"], data["place"]
    return Dateline(
        text=data["raw"],
        place_name=data["text"],
        agency=data["agency"],
        span=Span(span["start"], span["end"], span["text"]) if span else None,
        place=Place(**place) if place else None,
    )
