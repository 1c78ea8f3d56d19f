"""POST /api/articles with the production pipeline (the full spaCy model and the default
gazetteer): the events are those `eventcoder extract` stores for the same article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ec_api import AUTH
from eventcoder.config import Config
from eventcoder.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_a_posted_article_is_coded_as_extract_codes_it(tmp_path: Path, make_client: Any,
                                                       pipeline: Any) -> None:
    from eventcoder.ingest import iter_articles
    from eventcoder.run import code_articles

    path = REPO / "examples" / "articles" / "diyala-operation.txt"
    text = path.read_text(encoding="utf-8")
    config = Config(batch_size=10)
    with Store(f"sqlite:///{tmp_path / 'api.db'}") as store:
        client = make_client(store, config=config, pipeline=pipeline)
        r = client.post("/api/articles", params={"date": "2025-03-10"}, headers=AUTH,
                        json={"id": "diyala", "text": text})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["coded"] == 1 and body["event_ids"]
        served = [client.get(f"/api/events/{i}").json() for i in body["event_ids"]]
    with Store(f"sqlite:///{tmp_path / 'cli.db'}") as store:
        stats = code_articles(iter_articles([path], default_date=dt.date(2025, 3, 10)), store,
                              pipeline)
        cli = store.events_for_hashes(stats.content_hashes)
    assert sorted((e["sub_event_type"], e["fatalities"], e["location"]) for e in served) == \
        sorted((e.sub_event_type, e.fatalities, e.location) for e in cli)
