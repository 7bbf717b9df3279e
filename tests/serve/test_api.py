"""The REST API over a real seeded SQLite store and a real HTTP server on loopback."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest

from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store
from tests.conftest import LiveServer
from tests.serve.seed import ARABIC_TEXT, Seeded


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def items(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def event_of(client: httpx.Client, article_id: str) -> dict[str, Any]:
    article = client.get(f"/api/articles/{article_id}").json()
    event_id = article["reports"][0]["event_id"]
    detail: dict[str, Any] = client.get(f"/api/events/{event_id}").json()
    return detail


def test_events_page_with_total_and_sorting(client: httpx.Client) -> None:
    page = client.get("/api/events", params={"limit": 2, "sort": "-date"}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["limit"] == 2
    dates = [e["date"] for e in items(client, "/api/events", sort="date")]
    assert dates == sorted(dates)
    second = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "-date"}).json()["items"]
    assert {e["id"] for e in page["items"]}.isdisjoint(e["id"] for e in second)
    deadliest = items(client, "/api/events", sort="-fatalities")[0]
    assert deadliest["fatalities"] == {"best": 12, "low": 12, "high": 20}


@pytest.mark.parametrize(
    ("params", "countries"),
    [
        ({"country": "ye"}, {"YE"}),
        ({"since": "2024-12-01", "until": "2024-12-06"}, {"YE"}),
        ({"bbox": "40,10,45,20"}, {"YE"}),
        ({"bbox": "170,10,45,20"}, {"YE"}),  # across the antimeridian: 170°E eastwards to 45°E
        ({"type": "battles", "country": "SY"}, {"SY"}),
        ({"subtype": "armed_clash"}, {"SY", "YE"}),
        ({"admin1": "Al Hudaydah"}, {"YE"}),
        ({"actor": "northern front"}, {"SY", "YE"}),
        ({"actor": "الجبهة الشمالية"}, {"SY", "YE"}),
        ({"language": "ar"}, {"SY"}),
        ({"min_fatalities": 6}, {"SY"}),
        ({"q": "بلدة الوادي", "language": "ar"}, {"SY"}),
        ({"q": "Clashes in Harbour"}, {"YE"}),
        ({"q": "100%_"}, set()),
    ],
)
def test_event_filters(client: httpx.Client, params: dict[str, Any], countries: set[str]) -> None:
    assert {e["country"] for e in items(client, "/api/events", **params)} == countries


def test_actor_by_id(client: httpx.Client) -> None:
    actor = items(client, "/api/actors", q="Northern")[0]
    assert actor["events"] == 2
    assert len(items(client, "/api/events", actor=str(actor["id"]))) == 2


def test_event_detail_sets_sources_side_by_side(client: httpx.Client, ids: Seeded) -> None:
    event = event_of(client, ids.syria)
    assert event["report_count"] == 1 and event["languages"] == ["en"]
    figures = {f["claimant"]["text"]: f["count"] for f in event["figures"]}
    assert figures == {"The army": 12, "A war monitor": 20}
    [comparison] = event["comparison"]
    assert comparison["disagree"] and (comparison["low"], comparison["high"]) == (12, 20)
    assert comparison["claimants"] == ["A war monitor", "The army"]
    speakers = {c["speaker"]["text"] for c in event["claims"]}
    assert speakers == {"The army", "A war monitor"}
    report = event["reports"][0]
    assert report["article"]["id"] == ids.syria and set(report["claim_ids"]) == {
        c["id"] for c in event["claims"]
    }


def test_article_highlights_point_into_its_text(client: httpx.Client, ids: Seeded) -> None:
    article = client.get(f"/api/articles/{ids.arabic}").json()
    text = article["article"]["text"]
    assert text == ARABIC_TEXT
    kinds = {h["kind"] for h in article["highlights"]}
    assert {"event", "figure", "claim", "cue", "place"} <= kinds
    for mark in article["highlights"]:
        assert text[mark["start"] : mark["end"]] == mark["text"]
    event_marks = [h for h in article["highlights"] if h["kind"] == "event"]
    assert event_marks[0]["event_id"] == article["reports"][0]["event_id"]


def test_articles_places_actors_stats(client: httpx.Client, ids: Seeded) -> None:
    assert [a["id"] for a in items(client, "/api/articles", language="ar")] == [ids.arabic]
    assert items(client, "/api/articles", q="Harbour")[0]["reports"] == 1
    assert {p["name"] for p in items(client, "/api/places", country="YE")} == {"Harbour City"}
    assert items(client, "/api/places", q="الوادي")[0]["events"] == 2
    assert items(client, "/api/places", bbox="42,14,43,15")[0]["name"] == "Harbour City"
    stats = client.get("/api/stats", params={"country": "SY"}).json()
    assert stats["events"] == 3 and stats["fatalities"] == 12 + 3 + 3
    assert [d["date"] for d in stats["by_day"]] == ["2024-11-30", "2024-12-10", "2024-12-12"]
    assert {c["key"]: c["events"] for c in stats["by_type"]} == {
        "battles": 1,
        "explosions_remote_violence": 2,
    }


def test_points_are_geojson(client: httpx.Client) -> None:
    points = client.get("/api/events/points", params={"limit": 2}).json()
    assert points["type"] == "FeatureCollection" and points["total"] == 4 and points["truncated"]
    lon, lat = points["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_exports_stream_each_format_with_filters(client: httpx.Client) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"country": "YE"}).text)))
    assert [r["country"] for r in rows] == ["Yemen"] and rows[0]["event_type"] == "Battles"
    lines = client.get("/api/export", params={"format": "jsonl", "language": "ar"}).text.splitlines()
    assert [json.loads(line)["country"] for line in lines] == ["SY"]
    geo = client.get("/api/export", params={"format": "geojson"})
    assert geo.headers["content-type"] == "application/geo+json" and len(geo.json()["features"]) == 4
    parquet = client.get("/api/export", params={"format": "parquet", "min_fatalities": 5})
    assert "attachment" in parquet.headers["content-disposition"]
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 2
    assert parquet.headers["cache-control"] == "no-store"


def test_etag_and_not_modified(client: httpx.Client) -> None:
    first = client.get("/api/events")
    assert first.headers["cache-control"] == "no-cache" and first.headers["etag"].startswith('W/"')
    again = client.get("/api/events", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    other = client.get(
        "/api/events", params={"country": "YE"}, headers={"If-None-Match": first.headers["etag"]}
    )
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/events/999999", 404, "not_found"),
        ("GET", "/api/articles/nope", 404, "not_found"),
        ("GET", "/api/events/abc", 422, "invalid_request"),
        ("GET", "/api/events?bbox=1,2,3", 422, "invalid_request"),
        ("GET", "/api/events?bbox=200,0,10,10", 422, "invalid_request"),
        ("GET", "/api/events?q=a%00b", 422, "invalid_request"),
        ("GET", "/api/events?since=1700000000", 422, "invalid_request"),
        ("GET", "/api/events?limit=0", 422, "invalid_request"),
        ("GET", "/api/export?format=xls", 422, "invalid_request"),
        ("GET", "/api/nothing-here", 404, "not_found"),
        ("POST", "/api/ingest", 403, "writes_disabled"),
    ],
)
def test_errors_are_json(client: httpx.Client, method: str, path: str, status: int, code: str) -> None:
    response = client.request(method, path, json={"text": "An article."})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]


def test_cors_is_off_unless_origins_are_given(client: httpx.Client, seeded: tuple[Store, Seeded]) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=origin).headers
    settings = ServeSettings(cors_origins=("https://elsewhere.example",))
    with LiveServer(create_app(seeded[0], settings=settings)) as live:
        allowed = httpx.get(live.url + "/api/health", headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_page_is_the_app_shell_with_a_strict_policy(client: httpx.Client, ids: Seeded) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<div id="app">' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    moved = client.get(f"/articles/{ids.arabic}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/#/articles/{ids.arabic}"
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_settings_from_environment() -> None:
    env = {"MARSAD_API_TOKEN": "s3cret", "MARSAD_CORS_ORIGINS": "https://a.example, https://b.example"}
    settings = ServeSettings.from_env(env)
    assert settings.writes_enabled and settings.cors_origins == ("https://a.example", "https://b.example")
    assert not ServeSettings.from_env({}).writes_enabled
    assert ServeSettings.from_env(env, api_token="other").api_token is not None
