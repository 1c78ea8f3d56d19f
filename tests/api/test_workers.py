"""`eventcoder serve --workers N`: several uvicorn processes over one database. A job made by
one is answered by every one, the caches of each follow the others' commits, the settings
the command resolved reach each process; in-memory SQLite is refused."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ec_api import fill
from eventcoder.config import Config, serve_state, serve_state_in_environment
from eventcoder.errors import ConfigError
from eventcoder.store import Store

TOKEN = "workers-token-0123456789abcdef"
LINUX = sys.platform.startswith("linux")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _socket_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server's end of the loopback connection from ``client_port``."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, remote, inode = parts[1], parts[2], parts[9]
            if (int(local.rsplit(":", 1)[1], 16) == server_port
                    and int(remote.rsplit(":", 1)[1], 16) == client_port):
                return inode
    return None


def _owner(pids: list[int], inode: str) -> int | None:
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
        except OSError:
            continue
    return None


class Served:
    """``eventcoder serve`` in a process of its own; :meth:`get` tells which of its worker
    processes answered (Linux: by the server's end of the connection)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from eventcoder.cli import main; main()", "serve",
             "--port", str(self.port), "--log-level", "warning", *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, Any, int | None]:
        """(status, JSON body, pid of the worker that answered, None when not told), on a
        connection of its own (a kept one would always reach the same worker)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            data = None if body is None else json.dumps(body)
            conn.request(method, path, body=data, headers={
                "Content-Type": "application/json", **(headers or {})})
            response = conn.getresponse()
            payload = json.loads(response.read() or b"null")
            pid = None
            if LINUX and conn.sock is not None:  # the connection is still open (keep-alive)
                inode = _socket_inode(self.port, conn.sock.getsockname()[1])
                pid = _owner(_children(self.proc.pid), inode) if inode else None
            return response.status, payload, pid
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, Any, int | None]:
        return self.request("GET", path)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.get("/api/health")
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(self.proc.communicate()) from None
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


@pytest.fixture()
def served(tmp_path: Path, tiny_gazetteer_path: Path) -> Iterator[tuple[Served, str]]:
    """`eventcoder serve --workers 2` over a SQLite file holding the API tests' events, with
    a token, jobs from 3 articles on, and the tiny test gazetteer."""
    db = f"sqlite:///{tmp_path / 'events.db'}"
    with Store(db) as store:
        fill(store)
    env = {**os.environ, "EVENTCODER_API_TOKEN": TOKEN, "EVENTCODER_API_MAX_SYNC_ARTICLES": "2",
           "EVENTCODER_GAZETTEER": str(tiny_gazetteer_path), "EVENTCODER_NEAR_DUPLICATE": "0"}
    env.pop("EVENTCODER_SERVE_STATE", None)
    server = Served(["--db", db, "--workers", "2"], env)
    try:
        server.wait_ready()
        yield server, db
    finally:
        err = server.stop()
        assert "2 worker processes" in err and "writes: 1 token(s) (api)" in err, err


def _both_workers(server: Served, path: str, tries: int = 200) -> dict[int, Any]:
    """Answers of ``path`` by worker pid, asked until two workers answered (Linux)."""
    seen: dict[int, Any] = {}
    for _ in range(tries):
        status, body, pid = server.get(path)
        assert status == 200, body
        if pid is None and LINUX:  # the connection was gone before its owner was read
            continue
        seen[pid or 0] = body
        if len(seen) == 2 or not LINUX:
            break
    return seen


def test_two_workers_share_jobs_and_see_each_others_commits(
        served: tuple[Served, str]) -> None:
    server, db = served
    # warm both workers' caches of the count and the statistics
    before = _both_workers(server, "/api/events?limit=1")
    stats = _both_workers(server, "/api/stats")
    if LINUX:
        assert len(before) == 2 and len(stats) == 2, "one worker answered every request"
    assert {b["total"] for b in before.values()} == {33}
    assert {s["events"] for s in stats.values()} == {33}

    places = ["Kirkuk", "Mosul", "Tikrit", "Ramadi", "Baqubah", "Erbil"]
    arts = [{"id": f"w-{i}", "text": f"Gunmen attacked a police checkpoint in {place} on "
             f"Sunday, killing {i + 2} policemen, officials said.", "date": "2025-03-1" + str(i)}
            for i, place in enumerate(places)]
    status, job, _ = server.request("POST", "/api/articles", arts,
                                    {"Authorization": f"Bearer {TOKEN}"})
    assert status == 202, job
    assert job["state"] in ("queued", "running") and job["articles"] == 6
    answered: dict[int, int] = {}
    deadline = time.monotonic() + 60
    polls = 0
    while True:
        status, body, pid = server.get(f"/api/jobs/{job['id']}")
        polls += 1
        assert status == 200, (polls, body)  # never "no such job" from the other worker
        if pid is not None or not LINUX:  # None: the connection closed before it was traced
            answered[pid or 0] = answered.get(pid or 0, 0) + 1
        assert body["id"] == job["id"] and body["articles"] == 6 and body["user"] == "api"
        if body["state"] not in ("queued", "running") and (len(answered) == 2 or not LINUX
                                                          or polls > 200):
            break
        assert time.monotonic() < deadline, (body, answered)
        time.sleep(0.02)
    if LINUX:
        assert len(answered) == 2, f"one worker answered every poll: {answered}"
    assert body["state"] == "done" and body["error"] is None, body
    result = body["result"]
    assert body["settled"] == 6 and result["coded"] == 6 and result["skipped"] == 0
    assert result["new_events"] >= 1 and result["event_ids"]
    for event_id in result["event_ids"]:
        status, event, _ = server.get(f"/api/events/{event_id}")
        assert status == 200 and event["sources"], event
    with Store(db) as store:
        assert {e.event_id for e in store.events_for_articles(
            [f"w-{i}" for i in range(6)])} == set(result["event_ids"])
        total = store.count_events()
    # each worker's cache followed the other's commits (SQLite's data_version)
    after = _both_workers(server, "/api/events?limit=1")
    stats = _both_workers(server, "/api/stats")
    assert {b["total"] for b in after.values()} == {33 + result["new_events"]}
    assert {s["events"] for s in stats.values()} == {33 + result["new_events"]}
    assert total == 34 + result["new_events"]  # the rejected one besides


def test_workers_refuse_an_in_memory_database(monkeypatch: Any) -> None:
    import uvicorn
    from click.testing import CliRunner

    from eventcoder.cli import cli

    def run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"served: {args} {kwargs}")

    monkeypatch.setattr(uvicorn, "run", run)  # a regression fails, never serves for ever

    for url in ("sqlite://", "sqlite:///:memory:"):
        result = CliRunner().invoke(cli, ["serve", "--db", url, "--workers", "2"])
        assert result.exit_code == 2, result.output
        assert "--workers 2 needs a database the processes share" in result.output
        assert "in-memory SQLite" in result.output
    result = CliRunner().invoke(cli, ["serve", "--db", "sqlite://", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def test_the_resolved_settings_reach_the_workers(tmp_path: Path, monkeypatch: Any) -> None:
    from eventcoder.api.app import served_app

    monkeypatch.delenv("EVENTCODER_SERVE_STATE", raising=False)
    with pytest.raises(ConfigError, match="worker processes"):
        served_app()
    config = Config(db=f"sqlite:///{tmp_path / 'x.db'}", gazetteer=tmp_path / "g.sqlite",
                    languages=("en", "fr"), batch_size=7, api_max_sync_articles=3,
                    api_tokens_file=tmp_path / "tokens.toml", dask="tcp://h:8786")
    assert Config.from_json(json.loads(json.dumps(config.to_json()))) == config
    assert Config.from_json(Config().to_json()) == Config()
    with pytest.raises(ConfigError, match="batch_size"):
        Config.from_json({"batch_size": 0})
    (tmp_path / "tokens.toml").write_text('"file-token-0123456789abcdef" = "dora"\n')
    Store(config.db).close()
    state = {"config": config.to_json(), "cors_origin": "https://dash.example.org",
             "log_level": "warning"}
    monkeypatch.setenv("EVENTCODER_API_TOKEN", "env-token-0123456789abcdef")
    with serve_state_in_environment(state):
        assert serve_state() == state
        app = served_app()
    assert serve_state() is None  # as it was before the block
    assert serve_state({"EVENTCODER_SERVE_STATE": ""}) is None
    with pytest.raises(ConfigError, match="EVENTCODER_SERVE_STATE"):
        serve_state({"EVENTCODER_SERVE_STATE": "[1]"})
    ctx = app.state.eventcoder
    try:
        assert ctx.config == config
        assert ctx.auth.user_for("file-token-0123456789abcdef") == "dora"
        assert ctx.auth.user_for("env-token-0123456789abcdef") == "api"
        assert any("CORS" in type(m.cls).__name__ or "CORS" in getattr(m.cls, "__name__", "")
                   for m in app.user_middleware)
    finally:
        ctx.store.close()
