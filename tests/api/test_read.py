"""The read endpoints on SQLite and PostgreSQL: filters, keyset pages, GeoJSON, one event,
history, statistics, exports, health."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest

from ec_api import AUTH, DAY, XSS, N, article
from eventcoder.store import Store

VISIBLE = N - 2  # less the rejected ev-30 and the absorbed ev-34


def _all(client: Any, path: str = "/api/events", **params: Any) -> tuple[list[dict], int]:
    """Every item of every page, and the total of the first."""
    items: list[dict] = []
    params = {k: v for k, v in params.items() if v is not None}
    first = client.get(path, params=params)
    assert first.status_code == 200, first.text
    body = first.json()
    total = body["total"]
    key = "features" if "features" in body else "items"
    for _ in range(1000):
        items += body[key]
        assert body["total"] == total
        if body["next"] is None:
            return items, total
        body = client.get(path, params={**params, "cursor": body["next"]}).json()
    raise AssertionError("pages do not end")


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
def test_pages_hold_every_event_once_in_order(client: Any, sort: str) -> None:
    items, total = _all(client, sort=sort, limit=4)
    ids = [e["event_id"] for e in items]
    assert len(ids) == len(set(ids)) == total == VISIBLE
    field = sort.lstrip("-")
    valued = [e for e in items if e[field] is not None]
    keys = [(e[field], e["event_id"]) for e in valued]
    assert keys == sorted(keys, reverse=sort.startswith("-"))
    assert all(e[field] is None for e in items[len(valued):])  # undated last
    assert "ev-30" not in ids and "ev-34" not in ids  # rejected; merged into ev-00


def test_items_are_the_schema_events(client: Any, api_store: Store) -> None:
    body = client.get("/api/events", params={"limit": 1}).json()
    from eventcoder.schema import Event

    event = Event.model_validate(body["items"][0])
    assert list(body["items"][0]) == list(Event.model_fields)
    assert event == api_store.get_event(event.event_id)


def test_filters(client: Any) -> None:
    def ids(**params: Any) -> set[str]:
        items, total = _all(client, limit=1000, **params)
        assert total == len(items)
        return {e["event_id"] for e in items}

    assert ids(country="syr") == {f"ev-{n:02d}" for n in range(1, 34, 2)}
    assert ids(admin1="KIRKUK") == {f"ev-{n:02d}" for n in range(0, 34, 4)}
    assert ids(admin2="district 1") == {f"ev-{n:02d}" for n in range(1, 34, 3) if n != 30}
    assert ids(event_type="Protests") == ids(sub_event_type="peaceful protest")
    assert ids(since=(DAY + dt.timedelta(days=18)).isoformat()) == {
        "ev-18", "ev-19"}  # ev-38+ do not exist; ev-31 is undated
    assert ids(until=DAY.isoformat()) == {"ev-00", "ev-20"}
    # ev-00 took ev-34's toll (4) and confidence (0.9) when it absorbed it
    fours = {f"ev-{n:02d}" for n in range(4, 34, 5)} | {"ev-00"}
    assert ids(min_fatalities=4) == fours
    assert ids(min_confidence=0.9) == fours
    assert ids(actor="islamic") == {f"ev-{n:02d}" for n in range(0, 33, 2) if n != 30}
    assert ids(bbox="40.05,35.05,40.25,35.25") == {"ev-01", "ev-02"}
    assert ids(q="checkpoint (12)") == {"ev-12"}
    assert ids(q="<SCRIPT>") == {"ev-33"}
    assert ids(status="rejected") == {"ev-30"}
    assert ids(status="tentative") == set()  # a status one may ask for; none coded so here
    assert len(ids(status="all")) == N - 1  # the absorbed event is no row any more


def test_bad_filters_are_readable_422s(client: Any) -> None:
    for params, words in [
        ({"since": "yesterday"}, "since"), ({"limit": 0}, "limit"),
        ({"limit": 1001}, "less than or equal to 1000"), ({"sort": "actor1"}, "sort"),
        ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "10,50,20,40"}, "latitudes"),
        ({"event_type": "Battle"}, "did you mean 'Battles'"),
        ({"sub_event_type": "Battles"}, "sub_event_type"), ({"status": "gone"}, "status"),
        ({"since": "2025-03-10", "until": "2025-03-01"}, "since is after until"),
        ({"min_confidence": 2}, "min_confidence"),
    ]:
        r = client.get("/api/events", params=params)
        assert r.status_code == 422, (params, r.text)
        assert words in r.json()["detail"], (params, r.json())


def test_a_cursor_belongs_to_its_query(client: Any) -> None:
    page = client.get("/api/events", params={"limit": 2}).json()
    cursor = page["next"]
    assert client.get("/api/events", params={"limit": 2, "cursor": cursor}).status_code == 200
    for params in ({"cursor": cursor, "sort": "fatalities"},
                   {"cursor": cursor, "country": "Iraq"}, {"cursor": "garbage"},
                   {"cursor": cursor[:-3]}, {"cursor": "eyJ2IjoxfQ"}):
        r = client.get("/api/events", params=params)
        assert r.status_code == 400 and "cursor" in r.json()["detail"], (params, r.text)


def test_geojson_points(client: Any) -> None:
    r = client.get("/api/events.geojson", params={"limit": 5})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    features, total = _all(client, "/api/events.geojson", limit=5)
    assert total == len(features) == VISIBLE - 1  # ev-32 has no coordinates
    one = next(f for f in features if f["id"] == "ev-05")
    assert one["type"] == "Feature" and one["geometry"] == {"type": "Point",
                                                            "coordinates": [40.5, 35.5]}
    assert "evidence" not in one["properties"]
    assert one["properties"]["event_id"] == "ev-05" and one["properties"]["fatalities"] == 0
    assert r.json()["type"] == "FeatureCollection"


def test_one_event_with_sources_candidates_and_merges(client: Any) -> None:
    body = client.get("/api/events/ev-00").json()
    assert body["event_id"] == "ev-00" and body["resolved_from"] is None
    assert body["merged_from"] == ["ev-34"]
    assert {s["article_id"] for s in body["sources"]} == {"a0", "a34"}
    a0 = next(s for s in body["sources"] if s["article_id"] == "a0")
    assert a0 == {"article_id": "a0", "stored": True, "title": "Report 0",
                  "url": "https://example.org/0", "source": "Wire", "published": DAY.isoformat(),
                  "language": "en", "copy_of": None, "text": article(0).text}
    span = body["evidence"][0]
    assert a0["text"][span["start"]:span["end"]] == span["text"]
    assert body["evidence"][0]["start"] == 17 and body["evidence"][0]["text"] == "attacked"
    assert [(c["status"], c["reason"], c["sentence"]) for c in body["other_candidates"]] == [
        ("hypothetical", "planned, not done", article(0).text[21:40])]
    merged = client.get("/api/events/ev-34").json()  # absorbed: the survivor answers
    assert merged["event_id"] == "ev-00" and merged["resolved_from"] == "ev-34"
    rejected = client.get("/api/events/ev-30").json()  # by id, whatever its status
    assert rejected["status"] == "rejected"
    missing = client.get("/api/events/ev-nope")
    assert missing.status_code == 404 and missing.json() == {
        "detail": "no event with id 'ev-nope'"}


def test_history(client: Any, api_store: Store) -> None:
    api_store.edit_event("ev-05", {"fatalities": 9}, user="carol", comment="from the report")
    body = client.get("/api/events/ev-05/history").json()
    assert [v["revision"] for v in body["versions"]] == [1, 2]
    assert body["versions"][0]["cause"] == "coded" and body["versions"][0]["changes"] == []
    last = body["versions"][1]
    assert (last["cause"], last["user"], last["comment"]) == ("edit", "carol",
                                                              "from the report")
    assert {"field": "fatalities", "old": 0, "new": 9} in last["changes"]
    assert {"field": "status", "old": "auto", "new": "reviewed"} in last["changes"]
    assert last["time"].endswith("Z")
    merged = client.get("/api/events/ev-34/history").json()
    assert merged["event_id"] == "ev-00" and merged["resolved_from"] == "ev-34"
    assert [m["absorbed_id"] for m in merged["merges"]] == ["ev-34"]
    assert merged["versions"][-1]["cause"] == "merge"
    assert client.get("/api/events/nope/history").status_code == 404


def test_stats(client: Any, api_store: Store) -> None:
    items, _ = _all(client, limit=1000)
    body = client.get("/api/stats").json()
    assert body["events"] == len(items) == VISIBLE
    assert body["fatalities"] == sum(e["fatalities"] for e in items)
    assert body["interval"] == "month"
    assert [p["period"] for p in body["by_period"]] == ["2025-03-01", None]
    assert sum(t["events"] for t in body["by_event_type"]) == VISIBLE
    assert {(a["country"], a["admin1"]) for a in body["by_admin1"]} == {
        ("Iraq", "Kirkuk"), ("Syria", "Aleppo"), ("Iraq", "Ninewa"), ("Syria", "Idlib")}
    week = client.get("/api/stats", params={"interval": "week", "admin1": "Kirkuk"}).json()
    assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in week["by_period"])
    assert week["events"] == sum(p["events"] for p in week["by_period"])
    # the timeline stacked by type: each week's rows add up to by_period's
    for p in week["by_period"]:
        rows = [r for r in week["by_period_and_type"] if r["period"] == p["period"]]
        assert (sum(r["events"] for r in rows), sum(r["fatalities"] for r in rows)) == (
            p["events"], p["fatalities"])
    assert client.get("/api/stats", params={"interval": "year"}).status_code == 422
    # cached until the database changes, whoever changes it
    api_store.edit_event("ev-01", {"status": "rejected"})
    assert client.get("/api/stats").json()["events"] == VISIBLE - 1
    assert client.get("/api/events").json()["total"] == VISIBLE - 1


def _export(client: Any, fmt: str, **params: Any) -> Any:
    r = client.get("/api/export", params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    return r


def test_export_every_format(client: Any, tmp_path: Any) -> None:
    from eventcoder.export import export_formats

    params = {"country": "Iraq"}
    iraq, _ = _all(client, limit=1000, **params)
    for fmt in export_formats():
        r = _export(client, fmt, **params)
        assert 'filename="events.' in r.headers["content-disposition"]
        assert r.content, fmt
    jsonl = _export(client, "jsonl", **params)
    assert jsonl.headers["content-type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in iraq]
    csv_r = _export(client, "csv", **params)
    assert csv_r.headers["content-type"] == "text/csv; charset=utf-8"
    table = list(csv.DictReader(io.StringIO(csv_r.text)))
    assert [r["event_id_cnty"] for r in table] == [e["event_id"] for e in iraq]
    assert {r["source"] for r in table} <= {"Wire", "Daily", "Wire; Daily", "Daily; Wire"}
    geo = _export(client, "geojson", **params)
    assert geo.headers["content-type"] == "application/geo+json"
    assert len(json.loads(geo.text)["features"]) == len(iraq)
    pq = _export(client, "parquet", **params)
    assert pq.headers["content-type"] == "application/vnd.apache.parquet"
    (tmp_path / "e.parquet").write_bytes(pq.content)
    import pyarrow.parquet as parquet

    assert parquet.read_table(tmp_path / "e.parquet").num_rows == len(iraq)
    assert "Gunmen" not in _export(client, "table", country="nowhere").text
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_export_streams_big_exports_in_chunks(client: Any, api_store: Store) -> None:
    from ec_api import article, event

    api_store.save_batch([article(n) for n in range(100, 1100)],
                         [event(n, notes="x" * 200) for n in range(100, 1100)])
    with client.stream("GET", "/api/export", params={"format": "jsonl"}) as r:
        chunks = [c for c in r.iter_bytes()]
    lines = b"".join(chunks).decode().splitlines()
    assert len(lines) == VISIBLE + 1000
    assert len(chunks) > 1


def test_xss_is_data_in_json(client: Any) -> None:
    r = client.get("/api/events", params={"q": "script"})
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.json()["items"][0]["notes"] == XSS  # stored and returned as it is, as data
    one = client.get("/api/events/ev-33")
    assert one.headers["content-type"] == "application/json" and one.json()["actor1"] == XSS


def test_health(client: Any, api_store: Store) -> None:
    body = client.get("/api/health").json()
    assert body == {"status": "ok", "version": body["version"],
                    "database": api_store.engine.dialect.name, "writes": True}


def test_openapi_documents_every_endpoint(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in [("/api/events", "get"), ("/api/events.geojson", "get"),
                         ("/api/points", "get"),
                         ("/api/events/{event_id}", "get"), ("/api/events/{event_id}", "patch"),
                         ("/api/events/{event_id}/history", "get"), ("/api/stats", "get"),
                         ("/api/export", "get"), ("/api/health", "get"),
                         ("/api/articles", "post"), ("/api/jobs/{job_id}", "get"),
                         ("/api/events/{event_id}/split", "post"),
                         ("/api/events/merge", "post")]:
        assert method in paths[path], (path, method)
    events = schema["components"]["schemas"]["EventPage"]
    assert events["examples"][0]["items"][0]["event_id"].startswith("ev-")
    from eventcoder.schema import Event

    assert set(schema["components"]["schemas"]["Event"]["properties"]) == set(
        Event.model_fields)
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert paths["/api/events/{event_id}"]["patch"]["security"] == [{"HTTPBearer": []}]


def test_reads_need_no_token_and_accept_one(client: Any) -> None:
    assert client.get("/api/events", headers=AUTH).status_code == 200
    assert client.get("/api/events").status_code == 200
