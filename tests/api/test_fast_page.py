"""`GET /api/events` writes its page from plain dicts (Store.page_event_dicts, orjson) instead
of a model per event: the body must be exactly what the schema's models would give, on SQLite
and PostgreSQL, for every sort, filter and page."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from ec_api import DAY
from eventcoder.api.models import EventPage
from eventcoder.store import EventFilter, Store

FILTERS = [EventFilter(), EventFilter(admin1="kirkuk", since=DAY, until=DAY + dt.timedelta(9)),
           EventFilter(status="all"), EventFilter(country="SYR", min_fatalities=2),
           EventFilter(q="checkpoint")]


@pytest.mark.parametrize("sort", ["event_date", "-event_date", "fatalities", "-fatalities"])
@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_dicts_are_the_events_dumped(api_store: Store, sort: str, filters: EventFilter) -> None:
    after = None
    for _ in range(50):
        events, key = api_store.page_events(filters, sort=sort, limit=4, after=after)
        dicts, key2 = api_store.page_event_dicts(filters, sort=sort, limit=4, after=after)
        assert dicts == [e.model_dump() for e in events]
        assert [list(d) for d in dicts] == [list(e.model_dump()) for e in events]  # order
        assert key == key2
        if key is None:
            return
        after = key
    raise AssertionError("pages do not end")


def test_the_page_body_is_the_models_json(client: Any, api_store: Store) -> None:
    params: dict[str, Any] = {"limit": 3, "status": "all", "sort": "-event_date"}
    filters, after, seen = EventFilter(status="all"), None, 0
    for _ in range(50):
        got = client.get("/api/events", params=params)
        assert got.status_code == 200 and got.headers["content-type"] == "application/json"
        body = got.json()
        events, after = api_store.page_events(filters, sort="-event_date", limit=3,
                                              after=after)
        assert body == json.loads(EventPage(items=events, total=body["total"],
                                            next=body["next"]).model_dump_json())
        assert (body["next"] is None) == (after is None)
        seen += len(body["items"])
        if body["next"] is None:
            break
        params["cursor"] = body["next"]
    assert seen == body["total"] == len(api_store.query_events(status="all"))
