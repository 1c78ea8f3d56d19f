"""GET /api/points on SQLite and PostgreSQL: the map's compact columns of every located
event matching the filters (what /api/events.geojson gives, in a fraction of the bytes),
limits, an empty store, gzip, and the cache that a write empties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ec_api import AUTH, DAY, N, article, event
from eventcoder.api.read import MAX_POINTS, accepts_gzip
from eventcoder.store import Store

COLUMNS = ["event_id", "longitude", "latitude", "event_type", "fatalities"]
VISIBLE = N - 2  # less the rejected ev-30 and the absorbed ev-34 (as in test_read.py)


def _all(client: Any, path: str, **params: Any) -> tuple[list[dict], int]:
    """Every item of every page, and the total of the first."""
    items: list[dict] = []
    body = client.get(path, params=params).json()
    total = body["total"]
    while True:
        items += body["features"]
        if body["next"] is None:
            return items, total
        body = client.get(path, params={**params, "cursor": body["next"]}).json()


def _points(client: Any, **params: Any) -> dict[str, Any]:
    r = client.get("/api/points", params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert list(body) == ["total", "truncated", *COLUMNS]
    assert {len(body[c]) for c in COLUMNS} == {len(body["event_id"])}
    return body


def _by_id(body: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in zip(*(body[c] for c in COLUMNS), strict=True)}


def _geojson(client: Any, **params: Any) -> dict[str, tuple[Any, ...]]:
    features, total = _all(client, "/api/events.geojson", limit=1000, **params)
    assert total == len(features)
    return {f["id"]: (*f["geometry"]["coordinates"], f["properties"]["event_type"],
                      f["properties"]["fatalities"]) for f in features}


def test_every_located_event_as_columns(client: Any) -> None:
    body = _points(client)
    assert body["total"] == len(body["event_id"]) == VISIBLE - 1 and not body["truncated"]
    assert _by_id(body) == _geojson(client)  # the same events, coordinates and values
    assert _by_id(body)["ev-05"] == (40.5, 35.5, "Protests", 0)
    assert "ev-32" not in body["event_id"]  # no coordinates: left out, not counted
    assert "ev-30" not in body["event_id"] and "ev-34" not in body["event_id"]


@pytest.mark.parametrize("params", [
    {"country": "syr"}, {"admin1": "KIRKUK"}, {"admin2": "district 1"},
    {"event_type": "Protests"}, {"sub_event_type": "attack"},
    {"since": (DAY + dt.timedelta(days=5)).isoformat(),
     "until": (DAY + dt.timedelta(days=9)).isoformat()},
    {"min_fatalities": 4}, {"min_confidence": 0.85}, {"actor": "islamic"},
    {"bbox": "40.05,35.05,40.25,35.25"}, {"q": "checkpoint (12)"}, {"status": "rejected"},
    {"status": "all"}, {"country": "Iraq", "event_type": "Battles", "min_fatalities": 1},
])
def test_the_filters_of_the_other_endpoints(client: Any, params: dict[str, Any]) -> None:
    body = _points(client, **params)
    expected = _geojson(client, **params)
    assert expected, params  # each case selects something
    assert _by_id(body) == expected and body["total"] == len(expected), params


def test_bad_queries_are_readable_422s(client: Any) -> None:
    for params, words in [({"event_type": "Battle"}, "did you mean 'Battles'"),
                          ({"limit": 0}, "limit"), ({"limit": MAX_POINTS + 1}, "limit"),
                          ({"since": "2025-03-10", "until": "2025-03-01"}, "since is after"),
                          ({"bbox": "1,2,3"}, "bbox"), ({"status": "gone"}, "status")]:
        r = client.get("/api/points", params=params)
        assert r.status_code == 422, (params, r.text)
        assert words in r.json()["detail"], (params, r.json())


def test_a_limit_keeps_the_latest_and_says_so(client: Any) -> None:
    body = _points(client, limit=5)
    assert body["truncated"] and body["total"] == VISIBLE - 1 and len(body["event_id"]) == 5
    latest, _ = _all(client, "/api/events.geojson", limit=5, sort="-event_date")
    assert set(body["event_id"]) == {f["id"] for f in latest[:5]}
    assert not _points(client, limit=VISIBLE - 1)["truncated"]


def test_an_empty_store(store_url: str, make_client: Any) -> None:
    with Store(store_url) as store:
        body = _points(make_client(store))
        assert body == {"total": 0, "truncated": False, **{c: [] for c in COLUMNS}}
        store.save_batch([article(1)], [event(1, latitude=None, longitude=None)])
        assert _points(make_client(store))["total"] == 0  # no coordinates: still none


def test_cached_until_the_database_changes(client: Any, api_store: Store) -> None:
    cache = client.app.state.eventcoder.points_cache
    # PostgreSQL's data version is the cluster's WAL position, which any write to any of its
    # databases moves: the counts of the cache are checked on SQLite only
    exact = api_store.engine.dialect.name == "sqlite"
    first = _points(client)
    misses = cache.misses
    assert _points(client) == first
    assert cache.misses == misses or not exact  # answered from the cache
    # a write through the API
    r = client.patch("/api/events/ev-01", json={"latitude": None, "longitude": None},
                     headers=AUTH)
    assert r.status_code == 200, r.text
    second = _points(client)
    assert "ev-01" not in second["event_id"] and second["total"] == first["total"] - 1
    # a commit by another connection (eventcoder extract into the same database)
    with Store(api_store.url.render_as_string(hide_password=False)) as other:
        other.save_batch([article(90)], [event(90, latitude=36.5, longitude=43.1)])
    third = _by_id(_points(client))
    assert third["ev-90"] == (43.1, 36.5, "Battles", 0) and len(third) == first["total"]
    assert cache.misses == misses + 2 or not exact


def test_gzip_when_the_client_takes_it(client: Any) -> None:
    plain = client.get("/api/points", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    packed = client.get("/api/points", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["content-encoding"] == "gzip"  # httpx decodes it
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
    assert packed.json() == plain.json()
    for r in (plain, packed):
        assert r.headers["vary"] == "Accept-Encoding"
        assert r.headers["cache-control"] == "no-store"


def test_accept_encoding() -> None:
    for header, gzip in [("gzip", True), ("gzip, deflate, br", True),
                         ("br;q=1, gzip;q=0.5", True), ("*", True), ("GZIP", True), ("identity", False), ("gzip;q=0", False),
                         ("deflate, gzip;q=0.0", False), ("", False), (None, False),
                         ("gzip;q=x", True)]:
        assert accepts_gzip(header) is gzip, header


def test_documented_with_an_example(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    op = schema["paths"]["/api/points"]["get"]
    assert {p["name"] for p in op["parameters"]} >= {"limit", "bbox", "country", "status"}
    model = schema["components"]["schemas"]["PointsOut"]
    example = model["examples"][0]
    assert list(model["properties"]) == ["total", "truncated", *COLUMNS]
    assert set(example) == set(model["properties"])
    assert {len(example[c]) for c in COLUMNS} == {example["total"]}
