"""Correcting the linker by hand: split a report off its event, or merge two events.

Plain functions on a session, so the CLI (``marsad split``, ``marsad merge``) and the web API call the
same code. Every report a decision touches is *pinned*: the linker never moves a pinned report, so a
later ingest or :func:`marsad.merge.linker.relink` cannot undo the decision. A split pins the report
split off *and* the reports it leaves behind, since a decision that two things differ binds both sides.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from marsad.errors import StoreError
from marsad.store.events import attach_report
from marsad.store.models import EventRow, ReportRow


def require_event(session: Session, event_id: int) -> EventRow:
    """Event ``event_id``, or a :class:`StoreError` that names it."""
    event = session.get(EventRow, event_id)
    if event is None:
        raise StoreError(f"no event with id {event_id}", code="D030")
    return event


def split_report(session: Session, event_id: int, report_id: int) -> EventRow:
    """Move report ``report_id`` out of event ``event_id`` into a new event of its own; returns the new one.

    The old event is recomputed from the reports it keeps.
    """
    event = require_event(session, event_id)
    report = session.get(ReportRow, report_id)
    if report is None or report.event_id != event.id:
        raise StoreError(f"report {report_id} is not in event {event_id}", code="D031")
    if len(event.reports) == 1:
        raise StoreError(f"report {report_id} is the only report of event {event_id}", code="D032")
    for kept in event.reports:
        kept.pinned = True
    return attach_report(session, report, None)


def merge_events(session: Session, event_id: int, other_id: int) -> EventRow:
    """Move every report of event ``other_id`` into event ``event_id`` (which stays); returns it.

    The emptied event is deleted and the kept one recomputed from all the reports.
    """
    if event_id == other_id:
        raise StoreError(f"event {event_id} cannot be merged with itself", code="D033")
    event, other = require_event(session, event_id), require_event(session, other_id)
    for report in list(other.reports):
        attach_report(session, report, event.id)
    for report in event.reports:
        report.pinned = True
    session.flush()
    return event
