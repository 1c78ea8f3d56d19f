"""The endpoints that write, on SQLite and PostgreSQL: tokens, POST /api/articles through the
run path (idempotent, background jobs), and a reviewer's edits, splits and merges."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from ec_api import AUTH, CONFIG, OTHER_TOKEN, TOKEN, XSS, FakePipeline
from eventcoder.store import Store

WRITES = [("post", "/api/articles", {"text": "Gunmen attacked a checkpoint."}),
          ("patch", "/api/events/ev-05", {"fatalities": 1}),
          ("post", "/api/events/ev-00/split", {"article_ids": ["a34"]}),
          ("post", "/api/events/merge", {"survivor": "ev-01", "absorbed": "ev-02"})]


def _call(client: Any, method: str, path: str, body: Any, headers: dict[str, str] | None = None
          ) -> Any:
    return client.request(method.upper(), path, json=body, headers=headers or {})


@pytest.mark.parametrize("method,path,body", WRITES)
def test_writes_need_a_configured_token(sqlite_store: Store, make_client: Any, method: str,
                                        path: str, body: Any) -> None:
    api_store = sqlite_store
    closed = make_client(api_store, tokens={})
    r = _call(closed, method, path, body, AUTH)
    assert r.status_code == 403 and "writes are disabled" in r.json()["detail"]
    client = make_client(api_store)
    missing = _call(client, method, path, body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    for bad in ("Bearer wrong-token-0123456789", f"Bearer {TOKEN}x", f"Basic {TOKEN}",
                f"Bearer {TOKEN[:-1]}", "Bearer "):
        r = _call(client, method, path, body, {"Authorization": bad})
        assert r.status_code == 401, (bad, r.text)
    assert api_store.get_event("ev-05").fatalities == 0  # nothing written  # type: ignore[union-attr]
    ok = _call(client, method, path, body, AUTH)
    assert ok.status_code in (200, 202), ok.text


def test_tokens_name_their_users(sqlite_store: Store, make_client: Any) -> None:
    api_store, client = sqlite_store, make_client(sqlite_store)
    client.patch("/api/events/ev-05", json={"fatalities": 1}, headers=AUTH)
    client.patch("/api/events/ev-05", json={"fatalities": 2, "comment": "second look"},
                 headers={"Authorization": f"Bearer {OTHER_TOKEN}"})
    changes = api_store.event_changes("ev-05")
    assert [(c.user, c.comment) for c in changes[1:]] == [("alice", None), ("bob", "second look")]


def test_post_articles_codes_once(client: Any, api_store: Store) -> None:
    arts = [{"id": "new-1", "text": "Gunmen attacked a checkpoint near Hawija on Sunday.",
             "date": "2025-03-09", "source": "Wire"},
            {"article_id": "new-2", "body": "Protesters marched in Kirkuk on Monday.",
             "headline": "March", "published": "2025-03-10"},
            {"id": "empty", "text": "   "},
            {"id": "notext", "title": "a title alone"},
            {"id": "fr", "text": "Des hommes armés ont attaqué un poste.", "language": "fr"}]
    before = api_store.count_events()
    first = client.post("/api/articles", json=arts, headers=AUTH)
    assert first.status_code == 200, first.text
    body = first.json()
    assert [(a["index"], a["status"]) for a in body["articles"]] == [
        (0, "coded"), (1, "coded"), (2, "skipped"), (3, "skipped"), (4, "skipped")]
    assert [a["article_id"] for a in body["articles"]] == ["new-1", "new-2", None, None, None]
    assert body["articles"][2]["reason"] == "empty text"
    assert body["articles"][3]["reason"] == "item 4 has no 'text' field"
    assert "language 'fr' not processed" in body["articles"][4]["reason"]
    assert (body["coded"], body["skipped"], body["new_events"]) == (2, 3, 2)
    assert len(body["event_ids"]) == 2 == api_store.count_events() - before
    assert body["articles"][0]["event_ids"] == [body["event_ids"][0]]
    stored = api_store.get_article("new-2")
    assert stored is not None and stored.title == "March" and stored.origin == "api:alice#item 2"
    event = api_store.get_event(body["event_ids"][0])
    assert event is not None and str(event.event_date) == "2025-03-09"
    again = client.post("/api/articles", json=arts, headers=AUTH).json()  # idempotent
    assert [a["status"] for a in again["articles"]] == ["already_stored"] * 2 + ["skipped"] * 3
    assert again["event_ids"] == [] and again["new_events"] == 0
    assert [a["event_ids"] for a in again["articles"][:2]] == [
        a["event_ids"] for a in body["articles"][:2]]
    assert api_store.count_events() == before + 2


def test_one_article_and_the_default_date(client: Any, api_store: Store) -> None:
    r = client.post("/api/articles", params={"date": "2025-01-02"}, headers=AUTH,
                    json={"text": "Gunmen attacked a checkpoint near Hawija."})
    body = r.json()
    assert r.status_code == 200 and body["articles"][0]["status"] == "coded"
    assert body["articles"][0]["article_id"].startswith("h")  # the content-hash id
    event = api_store.get_event(body["event_ids"][0])
    assert event is not None and str(event.event_date) == "2025-01-02"


def test_xss_in_an_article_is_stored_and_returned_as_data(client: Any) -> None:
    r = client.post("/api/articles", headers=AUTH,
                    json={"id": XSS, "title": XSS, "text": f"{XSS} gunmen attacked {XSS}"})
    body = r.json()
    assert r.headers["content-type"] == "application/json"
    assert body["articles"][0]["article_id"] == XSS
    event = client.get(f"/api/events/{body['event_ids'][0]}").json()
    assert event["notes"].startswith(XSS)
    assert event["sources"][0]["title"] == XSS


def test_big_posts_become_background_jobs(api_store: Store, make_client: Any) -> None:
    pipeline = FakePipeline(CONFIG)
    client = make_client(api_store, pipeline=pipeline)
    arts = [{"id": f"bulk-{i}", "text": f"Gunmen attacked checkpoint number {i}."}
            for i in range(7)] + [{"id": "bad"}]
    r = client.post("/api/articles", json=arts, headers=AUTH)
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/api/jobs/{job['id']}"
    assert job["state"] in ("queued", "running", "done") and job["articles"] == 8
    deadline = time.monotonic() + 30
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        job = client.get(f"/api/jobs/{job['id']}").json()
    assert job["state"] == "done" and job["error"] is None and job["settled"] == 8
    result = job["result"]
    assert result["coded"] == 7 and result["skipped"] == 1 and len(result["event_ids"]) == 7
    assert job["user"] == "alice" and job["finished_at"] >= job["started_at"]
    assert sorted(pipeline.coded) == sorted(f"bulk-{i}" for i in range(7))
    again = client.post("/api/articles", json=arts, headers=AUTH).json()
    while again["state"] != "done":
        time.sleep(0.05)
        again = client.get(f"/api/jobs/{again['id']}").json()
    assert again["result"]["already_stored"] == 7 and again["result"]["new_events"] == 0
    assert client.get("/api/jobs/job-nope").status_code == 404


def test_one_pipeline_is_made_lazily_and_kept(api_store: Store, make_client: Any,
                                              monkeypatch: Any) -> None:
    import eventcoder.api.jobs as jobs

    made: list[Any] = []

    def make(config: Any) -> FakePipeline:
        made.append(config)
        return FakePipeline(config)

    monkeypatch.setattr(jobs, "Pipeline", make)
    client = make_client(api_store, pipeline=None)
    client.get("/api/events")
    assert made == []  # reading loads no model
    for i in range(3):
        client.post("/api/articles", json={"text": f"Gunmen attacked post {i}."}, headers=AUTH)
    assert made == [CONFIG]


def test_edit_status_and_fields(client: Any, api_store: Store) -> None:
    r = client.patch("/api/events/ev-05", headers=AUTH,
                     json={"fatalities": 3, "actor2": None, "comment": "per the report"})
    assert r.status_code == 200, r.text
    assert r.json()["fatalities"] == 3 and r.json()["status"] == "reviewed"
    rejected = client.patch("/api/events/ev-06", headers=AUTH, json={"status": "rejected"})
    assert rejected.json()["status"] == "rejected"
    assert "ev-06" not in {e["event_id"] for e in client.get(
        "/api/events", params={"limit": 1000}).json()["items"]}
    history = client.get("/api/events/ev-05/history").json()["versions"][-1]
    assert (history["cause"], history["user"], history["comment"]) == (
        "edit", "alice", "per the report")
    merged = client.patch("/api/events/ev-34", headers=AUTH, json={"notes": "merged one"})
    assert merged.json()["event_id"] == "ev-00"  # an absorbed id edits its survivor
    for body, words in [({}, "nothing to change"), ({"comment": "x"}, "nothing to change"),
                        ({"event_id": "x"}, "body.event_id"), ({"fatalities": -1}, "fatalit"),
                        ({"sub_event_type": "Picnic"}, "sub-event type"),
                        ({"status": "approved"}, "body.status"),
                        ({"event_date": "soon"}, "body.event_date")]:
        r = client.patch("/api/events/ev-07", headers=AUTH, json=body)
        assert r.status_code == 422 and words in r.json()["detail"], (body, r.text)
    assert client.patch("/api/events/nope", headers=AUTH,
                        json={"fatalities": 1}).status_code == 404


def test_patch_takes_every_editable_field() -> None:
    from eventcoder.api.models import EventPatch
    from eventcoder.store.store import EDITABLE_FIELDS

    assert set(EventPatch.model_fields) == {*EDITABLE_FIELDS, "comment"}


def test_split_and_merge(client: Any, api_store: Store) -> None:
    r = client.post("/api/events/ev-00/split", headers=AUTH,
                    json={"article_ids": ["a34"], "comment": "two attacks"})
    assert r.status_code == 200, r.text
    kept, new = r.json()["kept"], r.json()["split_off"]
    assert kept["event_id"] == "ev-00" and new["event_id"] == "ev-34"  # the merge undone
    assert new["article_ids"] == ["a34"] and kept["article_ids"] == ["a0"]
    assert client.get("/api/events/ev-34").json()["resolved_from"] is None
    for body, status in [({"article_ids": ["a99"]}, 422), ({"article_ids": []}, 422),
                         ({"article_ids": ["a0"]}, 422)]:
        assert client.post("/api/events/ev-00/split", headers=AUTH,
                           json=body).status_code == status, body
    assert client.post("/api/events/nope/split", headers=AUTH,
                       json={"article_ids": ["a1"]}).status_code == 404

    m = client.post("/api/events/merge", headers=AUTH,
                    json={"survivor": "ev-03", "absorbed": "ev-02", "comment": "same"})
    assert m.status_code == 200 and m.json()["event_id"] == "ev-03"
    assert set(m.json()["article_ids"]) == {"a2", "a3"}
    assert client.get("/api/events/ev-02").json()["resolved_from"] == "ev-02"
    last = api_store.event_changes("ev-03")[-1]
    assert (last.cause, last.user, last.comment, last.detail["by"]) == (
        "merge", "alice", "same", "human")
    for body, status in [({"survivor": "ev-03", "absorbed": "ev-03"}, 422),
                         ({"survivor": "ev-03", "absorbed": "ev-02"}, 409),
                         ({"survivor": "ev-04", "absorbed": "ev-30"}, 409),  # rejected
                         ({"survivor": "ev-04", "absorbed": "nope"}, 404),
                         ({"survivor": "ev-04"}, 422)]:
        r = client.post("/api/events/merge", headers=AUTH, json=body)
        assert r.status_code == status, (body, r.text)


def test_token_file(tmp_path: Path, sqlite_store: Store, make_client: Any) -> None:
    api_store = sqlite_store
    from eventcoder.api import create_app, load_tokens
    from eventcoder.config import Config
    from eventcoder.errors import ConfigError, MissingFileError

    file = tmp_path / "tokens.toml"
    file.write_text('"file-token-0123456789abcdef" = "dora"\n', encoding="utf-8")
    file.chmod(0o600)
    assert load_tokens(file, "env-token-0123456789abcdef") == {
        "env-token-0123456789abcdef": "api", "file-token-0123456789abcdef": "dora"}
    client = make_client(api_store, tokens=None,
                         config=Config(api_tokens_file=file, near_duplicate_threshold=0))
    r = client.patch("/api/events/ev-05", json={"fatalities": 1},
                     headers={"Authorization": "Bearer file-token-0123456789abcdef"})
    assert r.status_code == 200
    assert api_store.event_changes("ev-05")[-1].user == "dora"
    for text, words in [("not toml =", "not valid TOML"), ('"t" = 3', "entry 1"),
                        ('[table]\nx = "y"', "entry 1"), ('"" = "u"', "empty token")]:
        file.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=words):
            load_tokens(file)
        with pytest.raises(ConfigError):
            create_app(api_store, config=Config(api_tokens_file=file), static=False)
    with pytest.raises(MissingFileError):
        load_tokens(tmp_path / "missing.toml")
    file.write_text('"s3cret-token-of-a-good-length" = "eve"', encoding="utf-8")
    try:
        load_tokens(file)
    except ConfigError as err:  # the message never shows a token
        assert "s3cret" not in str(err)
