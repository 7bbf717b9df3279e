"""Every export format, read back with the tools its users have: csv, json, GeoJSON, pyarrow."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.document import Document
from marsad.store.database import Store
from marsad.store.export import ACLED_COLUMNS, MARSAD_COLUMNS, EventFilter, ExportSummary, export
from tests.store.documents import article


def _civilians_attacked(n: int) -> Document:
    doc = article(n, date=dt.date(2024, 11, 2), army_count=3, monitor_count=None)
    event = doc.events[0]
    event.update(type="violence_against_civilians", subtype="attack")
    event["actor2"] = {"name": "Civilians (Syria)", "type": "civilians", "country": "SY", "entity": None}
    return doc


def _unlocated(n: int) -> Document:
    doc = article(n, date=dt.date(2024, 10, 1))
    doc.events[0]["location"] = None
    return doc


@pytest.fixture
def events(store: Store) -> Store:
    """Four events: Syria 30 Nov, Yemen 5 Dec, Syria 1 Oct without a place, civilians attacked 2 Nov."""
    with store.session() as session:
        store.add_document(session, article(1))
        store.add_document(session, article(2, country="YE", date=dt.date(2024, 12, 5), monitor_count=None))
        store.add_document(session, _unlocated(3))
        store.add_document(session, _civilians_attacked(4))
    return store


def _export(store: Store, fmt: str, filters: EventFilter | None = None) -> tuple[bytes, ExportSummary]:
    out = io.BytesIO()
    summary = export(store, fmt, out, filters or EventFilter())
    return out.getvalue(), summary


def test_csv_has_acled_columns_and_conventions(events: Store) -> None:
    data, summary = _export(events, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert summary.written == len(rows) == 4
    assert tuple(rows[0]) == ACLED_COLUMNS
    syria = next(r for r in rows if r["event_date"] == "2024-11-30")
    assert syria["event_id_cnty"].startswith("SYR")
    expected = {
        "year": "2024", "time_precision": "1", "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Northern Front", "inter1": "2",
        "actor2": "Military Forces of Testland", "inter2": "1", "interaction": "12", "civilian_targeting": "",
        "iso": "760", "region": "Middle East", "country": "Syria", "admin1": "Idlib",
        "location": "Maarrat Town", "geo_precision": "1", "source": "news.example.org", "fatalities": "12",
    }  # fmt: skip
    assert {k: syria[k] for k in expected} == expected
    assert (float(syria["latitude"]), float(syria["longitude"])) == (35.6, 36.7)
    assert "fighters of the Northern Front" in syria["notes"] and "reports=1" in syria["tags"]
    attacked = next(r for r in rows if r["event_date"] == "2024-11-02")
    assert (attacked["event_type"], attacked["inter2"], attacked["interaction"]) == (
        "Violence against civilians",
        "7",
        "27",
    )
    assert attacked["civilian_targeting"] == "Civilian targeting"
    unlocated = next(r for r in rows if r["event_date"] == "2024-10-01")
    assert (unlocated["latitude"], unlocated["location"], unlocated["country"]) == ("", "", "Syria")


def test_filters_by_date_and_country(events: Store) -> None:
    def dates(filters: EventFilter) -> list[str]:
        data, _ = _export(events, "csv", filters)
        return sorted(r["event_date"] for r in csv.DictReader(io.StringIO(data.decode())))

    assert dates(EventFilter(country="ye")) == ["2024-12-05"]
    assert dates(EventFilter(since=dt.date(2024, 11, 1), until=dt.date(2024, 11, 30))) == [
        "2024-11-02",
        "2024-11-30",
    ]
    assert dates(EventFilter(country="SY", since=dt.date(2024, 12, 1))) == []


def test_jsonl_has_reports_figures_and_the_claims_behind_them(events: Store) -> None:
    data, _ = _export(events, "jsonl")
    records = [json.loads(line) for line in data.decode().splitlines()]
    assert len(records) == 4
    syria = next(r for r in records if r["date"]["value"] == "2024-11-30")
    assert (syria["actor1"]["inter"], syria["actor2"]["kb_id"], syria["interaction"]) == (
        2,
        "sy_military",
        "12",
    )
    assert syria["fatalities"] == {"best": 12, "low": 12, "high": 20}
    assert syria["location"]["place"]["geonames_id"] == 9000001
    (report,) = syria["reports"]
    assert report["article"]["url"] == "https://news.example.org/1"
    assert report["event"] == article(1).events[0]
    assert [f["claimant"]["kind"] for f in report["figures"]] == ["military", "ngo"]
    assert [c["id"] for c in report["claims"]] == ["c1"], "only the claim overlapping the evidence"


def test_geojson_points_open_as_a_feature_collection(events: Store) -> None:
    data, summary = _export(events, "geojson")
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection"
    assert (summary.written, summary.skipped) == (3, 1), "the event without a place cannot be a point"
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == (set(ACLED_COLUMNS) | set(MARSAD_COLUMNS)) - {
            "latitude",
            "longitude",
        }
    yemen = next(f for f in collection["features"] if f["properties"]["country"] == "Yemen")
    assert yemen["geometry"]["coordinates"] == [42.9, 14.8]


def test_parquet_is_typed(events: Store, tmp_path: Path) -> None:
    data, _ = _export(events, "parquet")
    (tmp_path / "events.parquet").write_bytes(data)
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 4
    assert table.column_names == [*ACLED_COLUMNS, *MARSAD_COLUMNS]
    schema = table.schema
    assert (schema.field("event_date").type, schema.field("fatalities").type) == (pa.date32(), pa.int64())
    assert (schema.field("latitude").type, schema.field("historical").type) == (pa.float64(), pa.bool_())
    rows = {r["event_date"]: r for r in table.to_pylist()}
    syria = rows[dt.date(2024, 11, 30)]
    assert (syria["fatalities"], syria["fatalities_low"], syria["fatalities_high"], syria["reports"]) == (
        12,
        12,
        20,
        1,
    )


def test_cli_export_writes_a_file(events: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "syria.geojson"
    result = runner.invoke(
        app, ["export", "--db", events.url, "--format", "geojson", "--country", "SY", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "exported 2 events, 1 without coordinates left out" in result.output
    assert len(json.loads(target.read_text(encoding="utf-8"))["features"]) == 2
    assert not list(tmp_path.glob("*.partial"))


def test_cli_export_to_standard_output_and_its_errors(events: Store) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", events.url, "--format", "jsonl", "--since", "2024-12-01"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["country"] for line in result.stdout.splitlines()] == ["YE"]
    refused = runner.invoke(app, ["export", "--db", events.url, "--format", "parquet"])
    assert refused.exit_code != 0 and "--output" in refused.output
    bad_date = runner.invoke(app, ["export", "--db", events.url, "--since", "30/11/2024"])
    assert bad_date.exit_code != 0 and "YYYY-MM-DD" in bad_date.output
