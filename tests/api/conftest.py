"""HTTP API fixtures: a store filled with known events (on SQLite and on PostgreSQL through
``db_url``), clients of the app over it (FastAPI's TestClient, lifespan included), and a
pipeline that codes without models so that POST /api/articles tests run in milliseconds."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ec_api import CONFIG, TOKENS, FakePipeline, fill
from eventcoder.store import Store

pytest.importorskip("fastapi", reason="the HTTP API needs the server extra")

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what FastAPI documents
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture()
def api_store(store_url: str) -> Iterator[Store]:
    """A store on SQLite, then PostgreSQL, holding the events of :func:`ec_api.fill`."""
    with Store(store_url) as store:
        fill(store)
        yield store


@pytest.fixture()
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """The same on SQLite only, for what does not depend on the database (tokens, limits,
    error handling)."""
    with Store(f"sqlite:///{tmp_path / 'events.db'}") as store:
        fill(store)
        yield store


ClientFactory = Callable[..., TestClient]


@pytest.fixture()
def make_client() -> Iterator[ClientFactory]:
    """make_client(store, **create_app options) -> a TestClient whose app's lifespan runs
    (and ends at the test's end). Defaults: the test tokens, CONFIG, a FakePipeline, no
    dashboard."""
    from eventcoder.api import create_app

    opened: list[TestClient] = []

    def make(store: Store | str, *, raise_server_exceptions: bool = True,
             **kw: Any) -> TestClient:
        kw.setdefault("config", CONFIG)
        kw.setdefault("tokens", TOKENS)
        kw.setdefault("static", False)
        if "pipeline" not in kw:
            kw["pipeline"] = FakePipeline(kw["config"])
        client = TestClient(create_app(store, **kw),
                            raise_server_exceptions=raise_server_exceptions)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture()
def client(api_store: Store, make_client: ClientFactory) -> TestClient:
    return make_client(api_store)
