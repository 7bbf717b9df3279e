"""The cross-article linker: which event, already in the store, a new report tells of.

For a new report the linker asks the database for *candidate* reports (compatible type, date and place
within the widest window, another article), compares each with the new one (:mod:`marsad.merge.score`),
and keeps the events holding at least one match. An event is *eligible* only if no gate refuses the
new report against any of its reports (complete-link gates: a report matching one member cannot drag in
another member it contradicts); its score is its best single match. The report joins the best eligible
event, ties going to the lowest event id.

When the report matches several eligible events, it shows they are one: the others are merged into the
chosen one, as long as no gate refuses any pair across them and the absorbed event holds no report a
person placed (``pinned``). This *bridging* is what makes the grouping of well-separated reports the same
whatever order they arrive in: two reports that fail to match each other directly end up together once
a third report matching both arrives, first or last. Where gates forbid a bridge, the order can matter;
:func:`relink` then recomputes every unpinned report's event in an order fixed by the reports' content.

A report that already has an event keeps it (re-running the linker changes nothing), and a pinned report
is never moved by the linker: splits and merges made by hand (:mod:`marsad.merge.manual`) stick.

On PostgreSQL, candidate events are locked (``FOR UPDATE``) before the report joins one, so a writer
never attaches to an event that a concurrent writer has just merged away.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session, defer

from marsad.merge.profile import Profile, profiles
from marsad.merge.rules import Rules, rules
from marsad.merge.score import compare
from marsad.store.events import attach_report, refresh_event
from marsad.store.models import EventRow, PlaceRow, ReportRow

_KM_PER_DEGREE = 111.0


@dataclass(slots=True)
class _Group:
    """An existing event seen from the new report: its reports, their profiles, and the best match."""

    event: EventRow
    reports: list[ReportRow]
    profiles: list[Profile]
    score: float

    @property
    def pinned(self) -> bool:
        return any(report.pinned for report in self.reports)


@dataclass(frozen=True, slots=True)
class _Match:
    """A report of another event that matches the new report, and how well."""

    report: ReportRow
    profile: Profile
    score: float


def link(session: Session, report: ReportRow) -> int | None:
    """The event ``report`` belongs to (merging the events it shows are one), or None for a new event.

    This is the store's default :data:`~marsad.store.events.Linker`.
    """
    if report.event_id is not None:
        return report.event_id
    settings = rules()
    (profile,) = profiles(session, [report], settings)
    if profile.date is None or profile.date_precision not in settings.date_window:
        return None  # an undated report cannot be told from another event at the same place
    matches = _matches(session, report, profile, settings)
    groups = _groups(session, {m.report.event_id for m in matches if m.report.event_id}, profile, settings)
    chosen = min(groups, key=lambda group: (-group.score, group.event.id), default=None)
    members = [profile]
    if chosen is not None:
        members = _absorb(session, chosen, [g for g in groups if g is not chosen], profile, settings)
    home = chosen.event.id if chosen is not None else None
    movable = [m for m in matches if not m.report.pinned and m.report.event_id != home]
    if not movable:
        return home
    event = attach_report(session, report, home)
    _rehome(session, event, members, movable, settings)
    return event.id


def _near(profile: Profile, km: float) -> ColumnElement[bool]:
    """Places inside a box around the report's place, ``km`` each way (a cheap prefilter for SQL)."""
    assert profile.lat is not None and profile.lon is not None
    dlat = km / _KM_PER_DEGREE
    dlon = km / (_KM_PER_DEGREE * max(math.cos(math.radians(profile.lat)), 0.01))
    return and_(
        PlaceRow.lat.between(profile.lat - dlat, profile.lat + dlat),
        PlaceRow.lon.between(profile.lon - dlon, profile.lon + dlon),
    )


def _candidates_query(report: ReportRow, profile: Profile, settings: Rules) -> Select[ReportRow]:
    assert profile.date is not None
    days = dt.timedelta(days=settings.candidate_days)
    query = (
        select(ReportRow)
        .options(defer(ReportRow.event_json))  # the linker never reads a report's whole JSON
        .where(
            ReportRow.event_id.is_not(None),
            ReportRow.article_id != report.article_id,
            ReportRow.type.in_(sorted(settings.compatible_with(report.type))),
            ReportRow.date.between(profile.date - days, profile.date + days),
        )
    )
    if profile.country:
        query = query.where(or_(ReportRow.country.is_(None), ReportRow.country == profile.country))
    if profile.lat is not None:
        same_admin1 = ReportRow.admin1 == profile.admin1 if profile.admin1 else false()
        query = query.outerjoin(PlaceRow, PlaceRow.id == ReportRow.place_id).where(
            or_(ReportRow.place_id.is_(None), _near(profile, settings.candidate_km), same_admin1)
        )
    return query.order_by(ReportRow.id)


def _matches(session: Session, report: ReportRow, profile: Profile, settings: Rules) -> list[_Match]:
    """Reports of existing events that match ``report``: gates first, then names for the survivors."""
    candidates = list(session.scalars(_candidates_query(report, profile, settings)))
    bare = profiles(session, candidates, settings, names=False)
    gated = zip(candidates, bare, strict=True)
    passing = [c for c, other in gated if compare(profile, other, settings).refused is None]
    matches = []
    for candidate, other in zip(passing, profiles(session, passing, settings), strict=True):
        verdict = compare(profile, other, settings)
        if verdict.matches(settings):
            matches.append(_Match(candidate, other, verdict.score))
    return matches


def _groups(session: Session, event_ids: set[int], profile: Profile, settings: Rules) -> list[_Group]:
    """The eligible events among ``event_ids``, locked, each with its best match with ``profile``.

    Re-read after the lock: a concurrent writer may have moved reports or deleted an event meanwhile.
    """
    if not event_ids:
        return []
    locked = select(EventRow).where(EventRow.id.in_(event_ids)).order_by(EventRow.id).with_for_update()
    events = list(session.scalars(locked.execution_options(populate_existing=True)))
    members = (
        select(ReportRow)
        .options(defer(ReportRow.event_json))
        .where(ReportRow.event_id.in_(event_ids))
        .order_by(ReportRow.id)
    )
    reports = list(session.scalars(members.execution_options(populate_existing=True)))
    by_event: dict[int, list[tuple[ReportRow, Profile]]] = {}
    for report, other in zip(reports, profiles(session, reports, settings), strict=True):
        assert report.event_id is not None
        by_event.setdefault(report.event_id, []).append((report, other))
    groups = []
    for event in events:
        pairs = by_event.get(event.id, [])
        verdicts = [compare(profile, other, settings) for _, other in pairs]
        if pairs and all(verdict.refused is None for verdict in verdicts):
            best = max(verdict.score for verdict in verdicts)
            if best >= settings.threshold:
                groups.append(_Group(event, [r for r, _ in pairs], [p for _, p in pairs], best))
    return groups


def _compatible(ours: Sequence[Profile], theirs: Sequence[Profile], settings: Rules) -> bool:
    return all(compare(a, b, settings).refused is None for a in ours for b in theirs)


def _absorb(
    session: Session, chosen: _Group, others: Sequence[_Group], profile: Profile, settings: Rules
) -> list[Profile]:
    """Merge into ``chosen`` every other matched event that no gate keeps apart from it (bridging).

    Returns the profiles of the event's reports after the merge, the new report's included.
    """
    members = [*chosen.profiles, profile]
    for other in sorted(others, key=lambda group: (-group.score, group.event.id)):
        if other.pinned or not _compatible(members, other.profiles, settings):
            continue
        for report in other.reports:
            attach_report(session, report, chosen.event.id)
        members.extend(other.profiles)
    return members


def _best(profile: Profile, others: Sequence[Profile], settings: Rules) -> float:
    verdicts = [compare(profile, other, settings) for other in others]
    return max((v.score for v in verdicts if v.refused is None), default=0.0)


def _rehome(
    session: Session, event: EventRow, members: list[Profile], movable: Sequence[_Match], settings: Rules
) -> None:
    """Move matching reports that fit the new report's event better than their own.

    A report naming no attacker can sit in the event of whichever attacker arrived first; when reports
    of its better match arrive later, it moves to them, so the grouping does not depend on who came first.
    """
    known: dict[int, Profile] = {}
    for match in sorted(movable, key=lambda m: m.report.id):
        current = match.report.event
        if match.report.pinned or current is None or current is event:
            continue
        if not all(compare(match.profile, member, settings).refused is None for member in members):
            continue
        neighbours = [r for r in current.reports if r is not match.report]
        unknown = [r for r in neighbours if r.id not in known]
        known.update(zip((r.id for r in unknown), profiles(session, unknown, settings), strict=True))
        here = _best(match.profile, [known[r.id] for r in neighbours], settings)
        if _best(match.profile, members, settings) > here:
            attach_report(session, match.report, event.id)
            members.append(match.profile)


def _canonical(report: ReportRow) -> tuple[bool, dt.date, str, str]:
    """An order that depends on the reports' content only (article ids are content hashes)."""
    return (report.date is None, report.date or dt.date.min, report.article_id, report.local_id)


def relink(session: Session) -> int:
    """Link every unpinned report again, in content order; returns how many events there are after.

    Unpinned reports are taken out of their events first (an event left with only pinned reports keeps
    them; an emptied one is deleted), then linked one by one as if ingested in the order of their dates
    and article ids: the result no longer depends on the order articles arrived in. Events of unpinned
    reports get new ids.
    """
    loose = list(session.scalars(select(ReportRow).where(ReportRow.pinned.is_(False)).order_by(ReportRow.id)))
    touched = {report.event for report in loose if report.event is not None}
    for report in loose:
        report.event = None
    for event in sorted(touched, key=lambda e: e.id):
        if event.reports:
            refresh_event(session, event)
        else:
            session.delete(event)
    session.flush()
    for report in sorted(loose, key=_canonical):
        attach_report(session, report, link(session, report))
    return len(session.scalars(select(EventRow.id)).all())
