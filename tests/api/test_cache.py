"""The API's cache of counts and statistics: valid until any commit, computed once for
concurrent requests."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from ec_api import article, event
from eventcoder.api.cache import QueryCache
from eventcoder.store import Store


def test_a_value_is_kept_until_a_commit_by_anyone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    with Store(url) as store, Store(url) as other:
        cache = QueryCache(store)
        calls: list[int] = []

        def compute() -> int:
            calls.append(1)
            return store.count_events()

        assert cache.get("n", compute) == 0 and cache.get("n", compute) == 0
        assert len(calls) == 1
        other.save_batch([article(1)], [event(1)])  # another connection commits
        assert cache.get("n", compute) == 1 and len(calls) == 2
        store.save_batch([article(2)], [event(2)])  # and this one
        assert cache.get("n", compute) == 2 and len(calls) == 3
        assert cache.get("other key", compute) == 2 and len(calls) == 4


def test_nothing_is_cached_without_a_data_version() -> None:
    with Store("sqlite://") as store:
        cache = QueryCache(store)
        calls: list[int] = []
        for _ in range(3):
            cache.get("n", lambda: calls.append(1))
        assert len(calls) == 3


def test_concurrent_requests_compute_once(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        cache = QueryCache(store)
        calls: list[int] = []

        def slow() -> str:
            calls.append(1)
            time.sleep(0.3)
            return "value"

        results: list[str] = []
        threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == ["value"] * 4 and len(calls) == 1


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        cache = QueryCache(store, size=3)
        for k in range(10):
            cache.get(k, lambda: 0)
        assert len(cache._entries) == 3 and len(cache._computing) <= 3
