"""A cache of expensive reads (counts, statistics) valid until the database changes.

Each entry is kept with the store's :meth:`~eventcoder.store.Store.data_version` at the time
it was computed and answered again only while that version is current, so a commit by this
server or by any other process (``eventcoder extract`` into the same database) makes the
next request compute afresh. Without a data version (an in-memory SQLite store) nothing is
cached. Concurrent requests for one missing key compute it once: a request that waited for
another's computation takes its result when that computation started after the request came
in (it then reflects every commit the request could know of), whatever was committed since.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..store import Store

T = TypeVar("T")


class QueryCache:
    """Up to ``size`` results by key, each valid while the store's data version holds."""

    def __init__(self, store: Store, size: int = 256) -> None:
        self.store = store
        self.size = size
        #: key -> (data version, when its computation started (monotonic), value)
        self._entries: OrderedDict[Hashable, tuple[str, float, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key`` if the data has not changed since, else ``compute()``
        (stored for the next request)."""
        arrived = time.monotonic()
        version = self.store.data_version()
        if version is None:
            return compute()
        found = self._lookup(key, version, arrived)
        if found is not None:
            return found[0]
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:  # one computation per key at a time; the others wait and reuse it
            found = self._lookup(key, version, arrived)
            if found is not None:
                return found[0]
            started = time.monotonic()
            version = self.store.data_version() or version  # what the computation will see
            value = compute()
            with self._lock:
                self.misses += 1
                self._entries[key] = (version, started, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    old, _ = self._entries.popitem(last=False)
                    self._computing.pop(old, None)
            return value

    def _lookup(self, key: Hashable, version: str, arrived: float) -> tuple[Any] | None:
        """The entry of ``key`` if it is of ``version`` or was computed (started) after the
        request ``arrived``."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or (entry[0] != version and entry[1] < arrived):
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return (entry[2],)
