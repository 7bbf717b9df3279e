"""The places stage: geocode the places an article names.

So far it geocodes the dateline, which is where a story was filed: datelines name cities, so the
gazetteer is asked for a populated place (an unvocalised "عمان" on a dateline is Amman, not Oman).
"""

from __future__ import annotations

from marsad.document import Document, Place
from marsad.understand.places.gazetteer import PlaceRecord, resolve_dateline


def to_place(record: PlaceRecord) -> Place:
    """A gazetteer record in the output contract's shape."""
    return Place(
        name=record.name,
        name_ar=record.name_ar,
        geonames_id=record.geonames_id,
        lat=record.lat,
        lon=record.lon,
        country=record.country,
        admin1=record.admin1,
        feature=record.feature_code,
    )


class PlacesStage:
    name = "places"
    version = "1"
    requires = frozenset({"dateline"})
    assigns = frozenset({"dateline.place"})

    def __call__(self, doc: Document) -> Document:
        if doc.dateline is not None and doc.dateline.place is None:
            record = resolve_dateline(doc.dateline.place_name)
            if record is not None:
                doc.dateline.place = to_place(record)
        return doc
