"""Merging and splitting events by hand through the API (token-protected), on a real seeded store."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from marsad.serve.app import create_app
from marsad.serve.settings import ServeSettings
from marsad.store.database import Store
from tests.conftest import LiveServer
from tests.serve.seed import Seeded, seed

TOKEN = "edit-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api(store: Store) -> Iterator[tuple[httpx.Client, Seeded]]:
    ids = seed(store)
    with (
        LiveServer(create_app(store, settings=ServeSettings(api_token=TOKEN))) as live,
        httpx.Client(base_url=live.url) as client,
    ):
        yield client, ids


def event_id(client: httpx.Client, article_id: str) -> int:
    found: int = client.get(f"/api/articles/{article_id}").json()["reports"][0]["event_id"]
    return found


def test_merge_then_split(api: tuple[httpx.Client, Seeded]) -> None:
    client, ids = api
    kept, other = event_id(client, ids.syria), event_id(client, ids.arabic)
    merged = client.post(f"/api/events/{kept}/merge", json={"other_id": other}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    event = merged.json()
    assert event["report_count"] == 2 and event["languages"] == ["ar", "en"]
    assert all(report["pinned"] for report in event["reports"])
    assert client.get(f"/api/events/{other}").status_code == 404
    arabic_report = next(r["id"] for r in event["reports"] if r["article"]["id"] == ids.arabic)
    split = client.post(f"/api/events/{kept}/split", json={"report_id": arabic_report}, headers=AUTH).json()
    assert split["event"]["report_count"] == 1 and split["split"]["report_count"] == 1
    assert split["split"]["reports"][0]["article"]["id"] == ids.arabic
    assert event_id(client, ids.arabic) == split["split"]["id"]


@pytest.mark.parametrize(
    ("action", "body", "status", "code"),
    [
        ("split", {"report_id": 1}, 409, "D032"),  # the only report of its event
        ("merge", {"other_id": 999_999}, 404, "D030"),
        ("merge", "self", 409, "D033"),
    ],
)
def test_refusals_say_why(
    api: tuple[httpx.Client, Seeded], action: str, body: dict[str, int] | str, status: int, code: str
) -> None:
    client, ids = api
    target = event_id(client, ids.syria)
    payload = {"other_id": target} if body == "self" else body
    response = client.post(f"/api/events/{target}/{action}", json=payload, headers=AUTH)
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_edits_need_the_token(api: tuple[httpx.Client, Seeded]) -> None:
    client, ids = api
    target = event_id(client, ids.syria)
    response = client.post(f"/api/events/{target}/merge", json={"other_id": target + 1})
    assert response.status_code == 401
    assert client.get(f"/api/events/{target + 1}").status_code == 200
