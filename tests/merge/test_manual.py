"""Splits and merges by hand, through the library and the ``marsad`` command, and that they stick."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from marsad.cli import app
from marsad.document import Document
from marsad.errors import StoreError
from marsad.merge import describe, merge_events, relink, split_report
from marsad.store.database import Store
from marsad.store.models import EventRow, ReportRow
from tests.merge.grouping import main_events, store_all

MARKET = ["ariha-strike-1.en", "ariha-strike-1b.en", "ariha-strike-1b.ar", "ariha-strike-1c.ar"]
"""Reports of the market strike, the Arabic Observatory report (``ariha-strike-1.ar``) left out."""


def _main_report(store: Store, name: str, documents: dict[str, Document]) -> ReportRow:
    article_id = documents[name].id
    with store.session() as session:
        reports = session.scalars(select(ReportRow).where(ReportRow.article_id == article_id)).all()
        return max(reports, key=lambda r: (r.confidence or 0, -r.id))


def _companions(store: Store, report_id: int) -> list[tuple[int, bool]]:
    """The reports of the event ``report_id`` is in, as (id, pinned)."""
    with store.session() as session:
        report = session.get(ReportRow, report_id)
        assert report is not None and report.event is not None
        return [(r.id, r.pinned) for r in report.event.reports]


def test_a_split_report_leaves_and_the_event_is_recomputed(
    store: Store, documents: dict[str, Document]
) -> None:
    store_all(store, [documents[name] for name in MARKET])
    unnamed = _main_report(store, "ariha-strike-1c.ar", documents)
    assert unnamed.event_id is not None
    with store.session() as session:
        before = describe(session, unnamed.event_id)
        new = split_report(session, unnamed.event_id, unnamed.id)
        after = describe(session, unnamed.event_id)
        assert [r.id for r in new.reports] == [unnamed.id]
    assert len(after.reports) == len(before.reports) - 1
    assert after.fatalities_best is not None and before.fatalities_best is not None
    assert after.fatalities_best > before.fatalities_best, "the lowest toll left with the report"
    assert all(r.pinned for r in after.reports) and _companions(store, unnamed.id) == [(unnamed.id, True)]


def test_a_split_survives_relinking_and_new_reports(store: Store, documents: dict[str, Document]) -> None:
    store_all(store, [documents[name] for name in MARKET])
    unnamed = _main_report(store, "ariha-strike-1c.ar", documents)
    assert unnamed.event_id is not None
    with store.session() as session:
        split_report(session, unnamed.event_id, unnamed.id)
    store_all(store, [documents["ariha-strike-1.ar"]])  # matches both sides of the split
    with store.session() as session:
        relink(session)
    assert _companions(store, unnamed.id) == [(unnamed.id, True)]
    events = main_events(store)
    others = [name for name in (*MARKET, "ariha-strike-1.ar") if name != "ariha-strike-1c.ar"]
    assert len({events[name] for name in others}) == 1


def test_a_merge_joins_two_events_and_sticks(store: Store, documents: dict[str, Document]) -> None:
    store_all(store, [documents["hodeidah-strike.en"], documents["hodeidah-strike.ar"]])
    english, arabic = (main_events(store)[f"hodeidah-strike.{lang}"] for lang in ("en", "ar"))
    assert english != arabic, "the linker keeps them apart (see KNOWN_MISSES in test_linking)"
    with store.session() as session:
        kept = merge_events(session, english, arabic)
        assert len(kept.reports) == 2 and all(r.pinned for r in kept.reports)
        assert session.get(EventRow, arabic) is None
        relink(session)
    assert store.count_events() == 1


@pytest.mark.parametrize(
    ("event", "report", "code"), [(999, None, "D030"), (None, 999, "D031"), (None, None, "D032")]
)
def test_wrong_splits_say_why(
    store: Store, documents: dict[str, Document], event: int | None, report: int | None, code: str
) -> None:
    store_all(store, [documents["ariha-barrel.en"]])
    alone = _main_report(store, "ariha-barrel.en", documents)
    assert alone.event_id is not None
    with pytest.raises(StoreError) as caught, store.session() as session:
        split_report(session, event or alone.event_id, report or alone.id)
    assert caught.value.code == code


def test_an_event_cannot_be_merged_with_itself_or_nothing(
    store: Store, documents: dict[str, Document]
) -> None:
    store_all(store, [documents["ariha-barrel.en"]])
    event_id = main_events(store)["ariha-barrel.en"]
    for other, code in ((event_id, "D033"), (999, "D030")):
        with pytest.raises(StoreError) as caught, store.session() as session:
            merge_events(session, event_id, other)
        assert caught.value.code == code


def test_the_commands(store: Store, documents: dict[str, Document]) -> None:
    store_all(store, [documents[name] for name in (*MARKET, "hodeidah-strike.en", "hodeidah-strike.ar")])
    runner = CliRunner()
    market = main_events(store)["ariha-strike-1.en"]
    shown = runner.invoke(app, ["event", str(market), "--json", "--db", store.url])
    assert shown.exit_code == 0, shown.output
    view = json.loads(shown.output)
    assert view["disputed"] and len(view["reports"]) == len(MARKET)
    text = runner.invoke(app, ["event", str(market), "--db", store.url])
    assert "said by the White Helmets rescue group" in text.output
    report = view["reports"][-1]["id"]
    split = runner.invoke(app, ["split", str(market), "--report", str(report), "--db", store.url])
    assert split.exit_code == 0 and f"report {report} is now event" in split.output
    english, arabic = (main_events(store)[f"hodeidah-strike.{lang}"] for lang in ("en", "ar"))
    merged = runner.invoke(app, ["merge", str(english), str(arabic), "--db", store.url])
    assert merged.exit_code == 0 and "(2 reports)" in merged.output
    relinked = runner.invoke(app, ["relink", "--db", store.url])
    assert relinked.exit_code == 0 and relinked.output.strip() == f"{store.count_events()} events"
    missing = runner.invoke(app, ["split", "999", "--report", str(report), "--db", store.url])
    assert missing.exit_code == 2 and "D030" in missing.output
