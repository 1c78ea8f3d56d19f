"""Garbage in, no 5xx out: bad bodies and parameters, body limits, the global error handler
(no trace reaches a client), CORS off by default, the dashboard mount, `eventcoder serve`."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ec_api import AUTH, CONFIG, XSS, fill
from eventcoder.config import Config
from eventcoder.store import Store

GARBAGE_PARAMS: list[dict[str, Any] | str] = [
    {"since": "2025-13-45"}, {"until": "\x00"}, {"limit": "ten"}, {"limit": -1},
    {"limit": 10**30}, {"min_fatalities": "1e999"}, {"min_confidence": "nan"},
    {"bbox": "nan,nan,nan,nan"}, {"bbox": "inf,0,1,1"}, {"bbox": ",,,"},
    {"bbox": "1" * 300}, {"q": "%_\\'\";--"}, {"q": "x" * 201}, {"country": "é" * 50},
    "actor=%ff%fe", "q=%c0%af", "since=%00", "limit=1&limit=2", "bbox=%e2%80%ae1,2,3,4",
    {"cursor": "%%%%"}, {"cursor": "e30"}, {"status": ["auto", "bad"]},
    {"sort": ""}, {"interval": "day"}, {"format": "../../etc/passwd"},
    {"admin1": "'; DROP TABLE events; --"}, {"q": "\u202e\u0000"},
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: Any) -> Any:
    """One store and client for the many read-only garbage requests."""
    import warnings

    from ec_api import TOKENS, FakePipeline
    from eventcoder.api import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with Store(f"sqlite:///{tmp_path_factory.mktemp('garbage') / 'events.db'}") as store:
        fill(store)
        app = create_app(store, config=CONFIG, tokens=TOKENS, pipeline=FakePipeline(),
                         static=False)
        with TestClient(app) as client:
            yield store, client


@pytest.mark.parametrize("params", GARBAGE_PARAMS)
@pytest.mark.parametrize("path", ["/api/events", "/api/events.geojson", "/api/stats",
                                  "/api/export"])
def test_garbage_parameters_are_4xx_or_harmless(shared: Any, path: str,
                                                params: dict[str, Any] | str) -> None:
    sqlite_store, client = shared
    # a string is a raw query string (bytes that are no UTF-8)
    r = client.get(f"{path}?{params}") if isinstance(params, str) else client.get(
        path, params=params)
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        body = r.json()
        assert isinstance(body["detail"], str) and body["detail"]
        assert "Traceback" not in r.text
    assert sqlite_store.count_events() == 34  # nothing dropped


GARBAGE_BODIES: list[tuple[str, bytes, str]] = [
    ("application/json", b"{", "JSON"), ("application/json", b"", "body"),
    ("application/json", b"null", "body"), ("application/json", b"42", "body"),
    ("application/json", b"[]", "at least 1 item"), ("application/json", b"[[]]", "body"),
    ("application/json", b'{"text": 5}', "body.ArticleIn.text"),
    ("application/json", b'{"text": "x", "date": {"y": 1}}', "body"),
    ("application/json", b"\xff\xfe\x00", "body"), ("text/plain", b"hello", "body"),
    ("application/json", json.dumps([{"text": "a"}] * 3 + [7]).encode(), "body"),
]


@pytest.mark.parametrize("content_type,data,words", GARBAGE_BODIES)
def test_garbage_bodies_are_readable_4xx(shared: Any, content_type: str, data: bytes,
                                         words: str) -> None:
    _, client = shared
    r = client.post("/api/articles", content=data,
                    headers={**AUTH, "Content-Type": content_type})
    assert 400 <= r.status_code < 500, r.text
    assert words in r.json()["detail"], r.json()


def test_odd_articles_are_skipped_with_reasons_not_errors(sqlite_store: Store,
                                                          make_client: Any) -> None:
    client = make_client(sqlite_store)
    odd = [{"text": "\x00\x00"}, {"text": "🙂" * 10}, {"text": "a", "date": "not a date"},
           {"text": "x " * 10, "date": 10**20}, {"text": "y", "id": 12345}]
    r = client.post("/api/articles", json=odd, headers=AUTH)
    assert r.status_code == 200, r.text
    statuses = [(a["status"], a["reason"]) for a in r.json()["articles"]]
    assert statuses[0] == ("skipped", "empty text")
    assert statuses[1] == ("skipped", "no words in text")
    assert statuses[4][0] == "coded" and r.json()["articles"][4]["article_id"] == "12345"
    french = client.post("/api/articles", json={"text": "z", "language": "xx"}, headers=AUTH)
    assert "language 'xx'" in french.json()["articles"][0]["reason"]


def test_bodies_above_the_limit_answer_413(sqlite_store: Store, make_client: Any) -> None:
    client = make_client(sqlite_store, config=Config(near_duplicate_threshold=0,
                                                     api_max_body_bytes=1000))
    big = json.dumps({"text": "x" * 2000}).encode()
    r = client.post("/api/articles", content=big,
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and "larger than 1,000 bytes" in r.json()["detail"]

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b" " * 400

    r = client.post("/api/articles", content=chunks(),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413, r.text
    small = client.post("/api/articles", json={"text": "Gunmen attacked a post."},
                        headers=AUTH)
    assert small.status_code == 200
    bad_length = client.post("/api/articles", content=b"{}",
                             headers={**AUTH, "Content-Length": "abc"})
    assert bad_length.status_code in (400, 413)


def test_an_unexpected_error_shows_no_internals(sqlite_store: Store, make_client: Any,
                                               monkeypatch: Any, caplog: Any) -> None:
    client = make_client(sqlite_store, raise_server_exceptions=False)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail /etc/eventcoder.toml")

    monkeypatch.setattr(sqlite_store, "page_event_dicts", broken)
    with caplog.at_level(logging.ERROR, logger="eventcoder.api.app"):
        r = client.get("/api/events")
    assert r.status_code == 500
    assert r.json()["detail"].startswith("internal server error (reference ")
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    assert any("secret internal detail" in str(rec.exc_info) for rec in caplog.records)


def test_a_database_that_does_not_answer_is_503(sqlite_store: Store, make_client: Any,
                                               monkeypatch: Any) -> None:
    from sqlalchemy.exc import OperationalError

    client = make_client(sqlite_store, raise_server_exceptions=False)

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(sqlite_store, "page_event_dicts", locked)
    monkeypatch.setattr(sqlite_store, "ping", locked)
    r = client.get("/api/events")
    assert r.status_code == 503 and "SELECT" not in r.text
    assert client.get("/api/health").status_code == 503


def test_cors_is_off_unless_an_origin_is_allowed(sqlite_store: Store,
                                                 make_client: Any) -> None:
    origin = {"Origin": "https://evil.example"}
    closed = make_client(sqlite_store)
    assert "access-control-allow-origin" not in closed.get("/api/events", headers=origin).headers
    preflight = closed.options("/api/articles", headers={
        **origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    opened = make_client(sqlite_store, cors_origin="https://dash.example")
    ok = opened.get("/api/events", headers={"Origin": "https://dash.example"})
    assert ok.headers["access-control-allow-origin"] == "https://dash.example"
    assert "access-control-allow-origin" not in opened.get("/api/events",
                                                           headers=origin).headers


def test_the_dashboard_is_served_at_the_root_when_present(sqlite_store: Store,
                                                          make_client: Any,
                                                          tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<!doctype html><title>dash</title>", encoding="utf-8")
    client = make_client(sqlite_store, static=static)
    root = client.get("/")
    assert root.status_code == 200 and "<title>dash</title>" in root.text
    assert root.headers["content-type"].startswith("text/html")
    assert client.get("/api/health").status_code == 200  # the API still answers
    assert client.get("/openapi.json").status_code == 200
    bare = make_client(sqlite_store, static=False)
    assert bare.get("/").json()["docs"] == "/docs"


def test_security_headers(sqlite_store: Store, make_client: Any) -> None:
    r = make_client(sqlite_store).get("/api/events/ev-33")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert XSS in r.json()["notes"]


# -- eventcoder serve ----------------------------------------------------------------------


def test_serve_without_fastapi_says_what_to_install(monkeypatch: Any, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    for name in [m for m in sys.modules if m == "eventcoder.api" or m.startswith(
            ("eventcoder.api.", "fastapi", "uvicorn"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi -> ImportError
    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    assert "pip install 'eventcoder[server]'" in result.output


def test_serve_refuses_a_missing_database_and_bad_tokens(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import cli

    db = f"sqlite:///{tmp_path / 'missing.db'}"
    result = CliRunner().invoke(cli, ["serve", "--db", db])
    assert result.exit_code == 1 and "no database at" in result.output
    bad = tmp_path / "tokens.toml"
    bad.write_text("nope", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--create", "--tokens", str(bad)])
    assert result.exit_code == 1 and "not valid TOML" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_uvicorn_on_loopback(tmp_path: Path) -> None:
    import httpx

    db = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(db) as store:
        fill(store)
    port = _free_port()
    env = {**os.environ, "EVENTCODER_API_TOKEN": "served-token-0123456789ab",
           "EVENTCODER_NEAR_DUPLICATE": "0"}
    proc = subprocess.Popen([sys.executable, "-c", "from eventcoder.cli import main; main()",
                             "serve", "--db", db, "--port", str(port), "--log-level",
                             "warning"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health.json()["writes"] is True
        assert httpx.get(f"{base}/api/events").json()["total"] == 33
        r = httpx.patch(f"{base}/api/events/ev-05", json={"fatalities": 1},
                        headers={"Authorization": "Bearer served-token-0123456789ab"})
        assert r.status_code == 200 and "server" not in r.headers
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "writes: 1 token(s) (api)" in err
    with Store(db) as store:
        assert store.event_changes("ev-05")[-1].user == "api"


def test_config_settings_of_the_api() -> None:
    loaded = Config.load(env={"EVENTCODER_API_MAX_BODY_BYTES": "2048",
                              "EVENTCODER_API_MAX_SYNC_ARTICLES": "0"})
    assert (loaded.api_max_body_bytes, loaded.api_max_sync_articles) == (2048, 0)
    assert CONFIG.api_max_sync_articles == 5
    from eventcoder.config import api_env_token

    assert api_env_token({"EVENTCODER_API_TOKEN": " t "}) == "t"
    assert api_env_token({"EVENTCODER_API_TOKEN": ""}) is None
